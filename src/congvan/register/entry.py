"""What goes into the register and what comes out: `Outgoing` (a document to number) and `Entry` (a numbered line).

The fields are those of the model register (ND30 Phụ lục IV, mục I.2: the ten columns) and
of the metadata of an outgoing document (Phụ lục VI, Phần II, Mục I), with the lengths
Phụ lục VI gives; each field's docstring names its column or metadata field.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from congvan.model.number import NumberSymbol
from congvan.vietnamese import normalize

# XML 1.0 allows TAB, LF, CR and U+0020 upwards except surrogates and U+FFFE/U+FFFF:
# anything else could not be printed into the register's .docx or .xlsx.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_YEAR_PREFIX = re.compile(r"^(?P<year>\d{4})/(?P<rest>.+)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Where `normalize` would move a tone, in NFC text: "o" before a toned a or e ("oà", "oé"), "u" before a
# toned y ("uý"). Text in NFC without these is already as `normalize` makes it (a batch's 10,000 entries
# are checked at a fraction of the cost).
_TONE_TO_MOVE = re.compile("[oO][àáãảạèéẽẻẹÀÁÃẢẠÈÉẼẺẸ]|[uU][ỳýỹỷỵỲÝỸỶỴ]")


def clean_text(value: Any) -> str:
    """Text as a person reads it: NFC with ND30 tone placement, stripped, lines kept, no character XML refuses.

    >>> clean_text("  Hoà   Bình ")
    'Hòa Bình'
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    if value.isascii() and value.isprintable() and value == value.strip() and "  " not in value:
        return value  # a file name, a symbol: ASCII is NFC and carries no tone; nothing to clean or remember
    return _clean(value)


@functools.lru_cache(maxsize=1024)
def _clean(value: str) -> str:
    """`clean_text` of a string, remembered: a batch's rows repeat their symbol, kind, subject and signer."""
    if not value.isprintable() and (match := _NOT_XML.search(value)):  # printable: no control character
        raise ValueError(
            f"holds the control character U+{ord(match.group()):04X} at position {match.start()}, "
            "which a .docx or .xlsx cannot hold: remove it"
        )
    if not unicodedata.is_normalized("NFC", value) or _TONE_TO_MOVE.search(value):
        value = normalize(value)
    if "\n" not in value and "\r" not in value:
        return " ".join(value.split())
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _lines(value: Any) -> Any:
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "\n".join(clean_text(item) for item in value)
    return value


def _symbol(value: str) -> str:
    """Ký hiệu (Phụ lục I, mục II.3): groups joined by "-"; a legal normative document's starts with its year."""
    if not value:
        raise ValueError("required: the ký hiệu after the number, e.g. 'BTTTT-TTĐN' or '2024/NĐ-CP'")
    match = _YEAR_PREFIX.match(value)
    _check_symbol(match["rest"] if match else value)
    return value


@functools.lru_cache(maxsize=256)
def _check_symbol(symbol: str) -> None:
    """ValueError unless ``symbol`` is a ký hiệu by ND30; remembered, as a batch repeats one symbol."""
    try:
        NumberSymbol(symbol=symbol)
    except ValidationError as error:
        raise ValueError(error.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")) from None


def _text(maximum: int) -> Any:
    return Annotated[str, BeforeValidator(clean_text), Field(max_length=maximum)]


Text30 = _text(30)
Text50 = _text(50)
Text100 = _text(100)
Text200 = _text(200)
Text500 = _text(500)
LongText = _text(4000)


def _required(value: str) -> str:
    if not value:
        raise ValueError("required: must not be blank")
    return value


def is_sha256(value: Any) -> bool:
    """Whether ``value`` is a SHA-256 as `hashlib` writes it (64 lower-case hexadecimal digits)."""
    return isinstance(value, str) and _SHA256.match(value) is not None


def check_sha256(value: str) -> str:
    """``value`` when blank or a SHA-256 (64 lower-case hexadecimal digits), else ValueError."""
    if value and not _SHA256.match(value):
        raise ValueError("not a SHA-256: 64 lower-case hexadecimal digits")
    return value


class Outgoing(BaseModel):
    """An outgoing document to be numbered: what the clerk writes in the register.

    Only ``date``, ``symbol`` and ``subject`` are required; the year of ``date`` chooses
    the sequence (ND30 Điều 15.1: numbers restart at 01 every 1 January).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    date: dt.date
    """Ngày tháng văn bản (column 2; Phụ lục VI IssuedDate)."""
    symbol: Annotated[Text30, AfterValidator(_symbol)]
    """Ký hiệu (column 1 after the number; Phụ lục VI CodeNotation, 30): "BTTTT-TTĐN", "2024/NĐ-CP"."""
    subject: Annotated[Text500, AfterValidator(_required)]
    """Trích yếu nội dung (column 3; Phụ lục VI Subject, 500)."""
    kind: Text100 = "Công văn"
    """Tên loại văn bản (column 3; Phụ lục VI TypeName, 100)."""
    signer: Text50 = ""
    """Họ và tên người ký (column 4; Phụ lục VI SignerInfo.FullName, 50)."""
    signer_position: Text100 = ""
    """Chức vụ của người ký (column 4; Phụ lục VI SignerInfo.Position, 100)."""
    recipients: Annotated[LongText, BeforeValidator(_lines)] = ""
    """Nơi nhận văn bản (column 5; Phụ lục VI To.OrganName), one recipient a line; a list is accepted."""
    recipient_ids: Text200 = ""
    """Mã định danh của cơ quan nhận (Phụ lục VI To.OrganId)."""
    archive: Text200 = ""
    """Đơn vị, người nhận bản lưu (column 6), e.g. "VT, TTĐN"."""
    copies: int | None = Field(default=None, ge=1, le=999)
    """Số lượng bản (column 7; Phụ lục VI IssuedAmount, 3 digits)."""
    sent_on: dt.date | None = None
    """Ngày chuyển (column 8)."""
    received_by: Text100 = ""
    """Ký nhận (column 9): left blank for a signature on paper."""
    note: Text500 = ""
    """Ghi chú (column 10; Phụ lục VI Description, 500)."""
    language: Text30 = "Tiếng Việt"
    """Ngôn ngữ (Phụ lục VI Language, 30)."""
    pages: int | None = Field(default=None, ge=1, le=999)
    """Số trang của văn bản (Phụ lục VI PageAmount, 3 digits)."""
    priority: int | None = Field(default=None, ge=0, le=9)
    """Mức độ khẩn, độ mật (Phụ lục VI Priority, 1 digit)."""
    due_date: dt.date | None = None
    """Hạn trả lời văn bản (Phụ lục VI DueDate)."""
    file_notation: Text30 = ""
    """Số và ký hiệu hồ sơ the document is filed in (Phụ lục VI FileCode.FileNotation, 20 there)."""
    doc_ordinal: int | None = Field(default=None, ge=1, le=999)
    """Số thứ tự văn bản trong hồ sơ (Phụ lục VI DocOrdinal, 3 digits)."""
    file: Annotated[str, BeforeValidator(clean_text), Field(max_length=255)] = ""
    """The produced file's name (``07-ha-noi.docx``)."""
    sha256: Annotated[str, BeforeValidator(clean_text), AfterValidator(check_sha256)] = ""
    """The produced file's SHA-256, 64 hexadecimal digits."""

    @model_validator(mode="after")
    def _symbol_year(self) -> Outgoing:
        match = _YEAR_PREFIX.match(self.symbol)
        if match and int(match["year"]) != self.date.year:
            raise ValueError(
                f"the symbol {self.symbol!r} carries the year {match['year']} but the document is dated "
                f"{self.date.isoformat()}: the year in a legal normative document's symbol is its year of issue"
            )
        return self

    @property
    def year(self) -> int:
        """The year whose sequence numbers the document: the year of its date, not of the clock."""
        return self.date.year


def format_number(number: int) -> str:
    """Số as ND30 writes it: Arabic digits, a leading zero below 10 (Phụ lục I, mục II.3.c).

    >>> format_number(7), format_number(10), format_number(135)
    ('07', '10', '135')
    """
    return f"{number:02d}"


@dataclass(frozen=True)
class Entry:
    """One numbered line of a register: the `Outgoing` fields, its number, and what the register adds."""

    register: str
    """The register (sổ) it is in: ``outgoing``, ``secret``, a council's…"""
    year: int
    number: int
    """Số: 1, 2, … within the register and year."""
    identifier: str
    """Mã định danh văn bản đi (Phụ lục VI Part I III.1.c), unique in the database."""
    organ_name: str
    """Tên cơ quan, tổ chức ban hành văn bản (Phụ lục VI OrganName), from the register."""
    organ_id: str
    """Mã định danh của cơ quan ban hành (Phụ lục VI FileCode.OrganId), from the register."""
    date: dt.date
    symbol: str
    subject: str
    kind: str = "Công văn"
    signer: str = ""
    signer_position: str = ""
    recipients: str = ""
    recipient_ids: str = ""
    archive: str = ""
    copies: int | None = None
    sent_on: dt.date | None = None
    received_by: str = ""
    note: str = ""
    language: str = "Tiếng Việt"
    pages: int | None = None
    priority: int | None = None
    due_date: dt.date | None = None
    file_notation: str = ""
    doc_ordinal: int | None = None
    file: str = ""
    sha256: str = ""
    run_id: str | None = None
    """The batch run that took the number, if any."""
    voided: bool = False
    """Kept in the register, never reused, but not issued (Đã hủy)."""
    void_reason: str = ""

    @property
    def code_number(self) -> str:
        """Số as printed: "07" (Phụ lục VI CodeNumber)."""
        return format_number(self.number)

    @property
    def number_symbol(self) -> str:
        """Số, ký hiệu văn bản (column 1): "07/BTTTT-TTĐN"."""
        return f"{self.code_number}/{self.symbol}"

    def __str__(self) -> str:
        return self.number_symbol


@dataclass(frozen=True)
class HistoryRecord:
    """One line of the append-only history: who did what, when, to which entry."""

    id: int
    at: dt.datetime
    """When, in UTC."""
    actor: str
    """Who: the user name given (``by=``) or the account running congvan."""
    action: str
    """``create``, ``migrate``, ``take``, ``void``, ``attach``, ``import``."""
    register: str
    year: int | None
    number: int | None
    details: dict[str, Any] = field(default_factory=dict)
