"""Legal references (căn cứ, văn bản được trích dẫn): parse, validate, cite.

A reference is cited in full on its first mention in a document and by type
and number/symbol afterwards (ND30, Phụ lục I; the seed letter):

>>> ref = LegalReference.parse(
...     "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ"
...     " về quản lý hoạt động thông tin đối ngoại")
>>> ref.short_citation()
'Nghị định số 72/2015/NĐ-CP'
>>> ref.citation(date_style="long")
'Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại'

Symbols (Số, ký hiệu) come in three shapes:

* state documents: ``number[/year]/codes`` with the codes joined by "-":
  ``72/2015/NĐ-CP`` (number/year/type-issuer), ``1486/QĐ-TTg`` (individual
  decision, no year), ``80/2015/QH13`` (law: the National Assembly and its
  term, no type code), ``1074/BTTTT-TTĐN`` (công văn: issuer-unit, no type code);
* Party documents: ``number-type/issuer[-unit]``: ``16-KL/TW``, ``36-HD/VPTW``.

The type code must agree with the type word (Nghị định ↔ NĐ …). A symbol
without a type code is a công văn's; besides "Công văn" it is accepted for
"Hướng dẫn", because ministries issue guidance as a công văn and letters cite
it by its purpose (the seed: "Hướng dẫn số 1074/BTTTT-TTĐN"), and for the
legislative kinds (Luật, Bộ luật, Pháp lệnh, Nghị quyết) when the issuer code is
the National Assembly or its Standing Committee (``QH13``, ``UBTVQH14``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from congvan.errors import CitationError
from congvan.vietnamese import fold, format_date, format_short_date, normalize

__all__ = [
    "KINDS",
    "Citer",
    "DateStyle",
    "LegalReference",
    "SymbolParts",
    "load_catalogue",
    "parse_symbol",
]

DateStyle = Literal["short", "long"]

# Type codes of state documents (Phụ lục III of ND30 plus the normative types).
STATE_CODES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "NQLT": ("Nghị quyết liên tịch",),
    "NĐ": ("Nghị định",),
    "QĐ": ("Quyết định",),
    "TT": ("Thông tư",),
    "TTLT": ("Thông tư liên tịch",),
    "CT": ("Chỉ thị",),
    "L": ("Lệnh",),
    "KL": ("Kết luận",),
    "QC": ("Quy chế",),
    "QyĐ": ("Quy định",),
    "TC": ("Thông cáo",),
    "TB": ("Thông báo", "Thông báo kết luận"),
    "HD": ("Hướng dẫn",),
    "CTr": ("Chương trình",),
    "KH": ("Kế hoạch",),
    "PA": ("Phương án",),
    "ĐA": ("Đề án",),
    "DA": ("Dự án",),
    "BC": ("Báo cáo",),
    "BB": ("Biên bản",),
    "TTr": ("Tờ trình",),
    "HĐ": ("Hợp đồng",),
    "CĐ": ("Công điện",),
    "BGN": ("Bản ghi nhớ",),
    "BTT": ("Bản thỏa thuận",),
    "GUQ": ("Giấy ủy quyền",),
    "GM": ("Giấy mời",),
    "GGT": ("Giấy giới thiệu",),
    "GNP": ("Giấy nghỉ phép",),
    "PG": ("Phiếu gửi",),
    "PC": ("Phiếu chuyển",),
    "PB": ("Phiếu báo",),
}

# Type codes of Party documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW).
PARTY_CODES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "QĐ": ("Quyết định", "Quy định"),
    "CT": ("Chỉ thị",),
    "KL": ("Kết luận",),
    "QC": ("Quy chế",),
    "TT": ("Thông tri",),
    "HD": ("Hướng dẫn",),
    "TB": ("Thông báo", "Thông báo kết luận"),
    "BC": ("Báo cáo",),
    "KH": ("Kế hoạch",),
    "CTr": ("Chương trình",),
    "ĐA": ("Đề án",),
    "TTr": ("Tờ trình",),
    "CV": ("Công văn",),
}

# Kinds whose symbol carries no type code.
_LEGISLATIVE = frozenset({"Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết"})
_LEGISLATIVE_ISSUER = re.compile(r"(?:QH|UBTVQH)\d*")
_CONG_VAN_SHAPED = frozenset({"Công văn", "Hướng dẫn"})
# Kinds that may be named before their number ("Luật Báo chí số 103/2016/QH13").
_NAMED_KINDS = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
# Codes whose issuer part names several bodies ("55/2005/TTLT-BNV-VPCP").
_JOINT_CODES = frozenset({"TTLT", "NQLT"})

KINDS: tuple[str, ...] = tuple(
    sorted(
        {kind for kinds in (*STATE_CODES.values(), *PARTY_CODES.values()) for kind in kinds}
        | _LEGISLATIVE
        | {"Công văn"}
    )
)

_EXAMPLES = {
    "Luật": "80/2015/QH13",
    "Bộ luật": "91/2015/QH13",
    "Pháp lệnh": "02/2022/UBTVQH15",
    "Nghị quyết": "01/NQ-CP, 56/2017/QH14 or 19-NQ/TW",
    "Nghị định": "72/2015/NĐ-CP",
    "Quyết định": "1486/QĐ-TTg or 28/2018/QĐ-TTg",
    "Thông tư": "22/2016/TT-BTTTT",
    "Thông tư liên tịch": "55/2005/TTLT-BNV-VPCP",
    "Chỉ thị": "16/CT-TTg or 05-CT/TW",
    "Kết luận": "16-KL/TW",
    "Hướng dẫn": "36-HD/VPTW or 1074/BTTTT-TTĐN",
    "Công văn": "1074/BTTTT-TTĐN",
}

_GROUP = r"[^\W\d_](?:[^\W_]|&)*"
_STATE_SYMBOL = rf"(?P<number>\d+)(?:/(?P<year>\d{{4}}))?/(?P<codes>{_GROUP}(?:-(?:[^\W_]|&)+)*)"
_PARTY_SYMBOL = rf"(?P<pnumber>\d+)-(?P<ptype>{_GROUP})/(?P<pissuer>{_GROUP})(?:-(?P<punit>{_GROUP}(?:-{_GROUP})*))?"
_SYMBOL = re.compile(rf"(?:{_STATE_SYMBOL}|{_PARTY_SYMBOL})")


@dataclass(frozen=True)
class SymbolParts:
    """The parts of a number and symbol (Số, ký hiệu).

    ``issuer_code`` is the issuing body ("CP", "TTg", "BTTTT", "QH13", "TW");
    for joint documents it holds every body ("BNV-VPCP"). ``unit`` is the
    drafting unit of a công văn ("TTĐN" in "1074/BTTTT-TTĐN").
    """

    number: str
    year: int | None
    type_code: str | None
    issuer_code: str
    unit: str | None
    party: bool

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of document the type code stands for (empty without a code)."""
        if self.type_code is None:
            return ()
        table = PARTY_CODES if self.party else STATE_CODES
        return table.get(self.type_code, ())


def parse_symbol(symbol: str) -> SymbolParts:
    """Split a number and symbol into its parts; raise `CitationError` if it has no known shape."""
    text = normalize(symbol.strip())
    match = _SYMBOL.fullmatch(text)
    if match is None:
        raise CitationError(
            f"the number and symbol (Số, ký hiệu) {symbol!r} cannot be read: expected a shape such as "
            "72/2015/NĐ-CP, 1486/QĐ-TTg, 1074/BTTTT-TTĐN or 16-KL/TW (no spaces)"
        )
    if match["pnumber"]:
        return SymbolParts(
            number=match["pnumber"],
            year=None,
            type_code=match["ptype"],
            issuer_code=match["pissuer"],
            unit=match["punit"],
            party=True,
        )
    groups = match["codes"].split("-")
    year = int(match["year"]) if match["year"] else None
    if groups[0] in STATE_CODES and len(groups) >= 2:
        type_code, rest = groups[0], groups[1:]
        if type_code in _JOINT_CODES:
            return SymbolParts(match["number"], year, type_code, "-".join(rest), None, False)
        return SymbolParts(match["number"], year, type_code, rest[0], "-".join(rest[1:]) or None, False)
    return SymbolParts(match["number"], year, None, groups[0], "-".join(groups[1:]) or None, False)


def _kind_problem(kind: str, parts: SymbolParts) -> str | None:
    """Say why ``kind`` does not agree with the symbol's type code, or return None."""
    if parts.type_code is not None:
        meanings = parts.kinds
        if kind in meanings:
            return None
        style = "Party " if parts.party else ""
        return (
            f"the {style}type code {parts.type_code} means {' or '.join(meanings)}, not {kind}"
            if meanings
            else f"the Party type code {parts.type_code} is unknown; expected one of {', '.join(PARTY_CODES)}"
        )
    if kind in _CONG_VAN_SHAPED:
        return None
    if kind in _LEGISLATIVE and _LEGISLATIVE_ISSUER.fullmatch(parts.issuer_code):
        return None
    expected = _EXAMPLES.get(kind)
    hint = f"; a {kind}'s symbol reads like {expected}" if expected else ""
    codes = [code for code, kinds in STATE_CODES.items() if kind in kinds]
    if any(fold(parts.issuer_code) == fold(code) and parts.issuer_code != code for code in codes):
        hint += f" (write the type code {codes[0]} with its diacritics, not {parts.issuer_code})"
    return f"the symbol has no type code of a {kind}{hint}"


def _problems(kind: str, symbol: str, issued_on: _dt.date | None, name: str | None) -> list[str]:
    """Every problem of a reference, as sentences; empty if it is valid."""
    problems: list[str] = []
    if kind not in KINDS:
        near = [k for k in KINDS if fold(k) == fold(kind)]
        hint = f"write {near[0]!r}" if near else f"expected one of {', '.join(KINDS)}"
        problems.append(f"unknown type of document (Loại văn bản) {kind!r}: {hint}")
    try:
        parts = parse_symbol(symbol)
    except CitationError as exc:
        return [*problems, str(exc)]
    if kind in KINDS and (problem := _kind_problem(kind, parts)):
        problems.append(problem)
    if parts.year is not None and issued_on is not None and parts.year != issued_on.year:
        problems.append(
            f"the symbol's year {parts.year} differs from the year of the date "
            f"{format_short_date(issued_on)}; one of them is wrong"
        )
    if name is not None:
        if kind not in _NAMED_KINDS:
            problems.append(f"only {', '.join(sorted(_NAMED_KINDS))} are named before the number, not a {kind}")
        elif not name.startswith(kind + " "):
            problems.append(f"the name {name!r} must start with the type word {kind!r}")
    return problems


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(normalize(value).split())
    return text or None


class LegalReference(BaseModel):
    """A document cited in another: a law, decree, decision, circular, Party document, letter …"""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str = Field(description="Loại văn bản: Luật, Nghị định, Quyết định, Thông tư, Kết luận, Công văn …")
    symbol: str = Field(description="Số, ký hiệu, as written: 72/2015/NĐ-CP, 1486/QĐ-TTg, 16-KL/TW")
    issued_on: _dt.date | None = Field(default=None, description="Ngày ban hành (None when unknown)")
    issuer: str | None = Field(
        default=None,
        description="Cơ quan ban hành, as cited after 'của': Chính phủ, Thủ tướng Chính phủ (None when not cited)",
    )
    subject: str | None = Field(
        default=None,
        description="Trích yếu, with its leading word: 'về …', 'ban hành …', 'hướng dẫn …' (None when not cited)",
    )
    name: str | None = Field(
        default=None,
        description="Tên văn bản of a law named before its number: 'Luật Ban hành văn bản quy phạm pháp luật'",
    )
    with_so: bool = Field(
        default=True,
        description="Whether 'số' precedes the symbol; the seed writes 'Quyết định 16/QĐ-TTg' without it",
    )

    @field_validator("kind", "symbol", mode="before")
    @classmethod
    def _normalize_required(cls, value: Any) -> Any:
        return _clean(value) if isinstance(value, str) else value

    @field_validator("issuer", "subject", "name", mode="before")
    @classmethod
    def _normalize_optional(cls, value: Any) -> Any:
        return _clean(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check(self) -> LegalReference:
        problems = _problems(self.kind, self.symbol, self.issued_on, self.name)
        if problems:
            raise CitationError(f"{self.kind} số {self.symbol}: " + "; ".join(problems))
        return self

    @property
    def parsed_symbol(self) -> SymbolParts:
        """The parts of the symbol: number, year, type code, issuer code, unit."""
        return parse_symbol(self.symbol)

    def short_citation(self) -> str:
        """Type (or a law's name) and number/symbol: "Nghị định số 72/2015/NĐ-CP"."""
        so = "số " if self.with_so else ""
        return f"{self.name or self.kind} {so}{self.symbol}"

    def citation(self, date_style: DateStyle = "short") -> str:
        """The full citation: type, number/symbol, date, issuer, subject — those known.

        ``date_style="short"`` writes "ngày 07/9/2015", ``"long"`` "ngày 07 tháng 9 năm 2015".
        """
        if date_style not in ("short", "long"):
            raise ValueError(f"date_style must be 'short' or 'long', not {date_style!r}")
        words = [self.short_citation()]
        if self.issued_on is not None:
            date = format_short_date(self.issued_on) if date_style == "short" else format_date(self.issued_on)
            words.append(date if date_style == "long" else f"ngày {date}")
        if self.issuer:
            words.append(f"của {self.issuer}")
        if self.subject:
            words.append(self.subject)
        return " ".join(words)

    def __str__(self) -> str:
        return self.citation()

    @classmethod
    def parse(cls, text: str) -> LegalReference:
        """Read a citation as written in letters; raise `CitationError` naming the part that is wrong.

        Reads "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về …",
        "Quyết định 16/QĐ-TTg", "ngày 07 tháng 9 năm 2015", laws named before
        their number, Party symbols ("16-KL/TW").
        """
        return _parse(text)


# --- parsing -----------------------------------------------------------------

_SUBJECT_START = re.compile(
    r"\s(?=(?:về|ban hành|hướng dẫn|phê duyệt|quy định|sửa đổi|bổ sung|thành lập|thông qua|"
    r"triển khai|tăng cường|đẩy mạnh|tiếp tục|phê chuẩn|công bố|bãi bỏ|giao|điều chỉnh|kiện toàn)\b)"
)
_DATE_SHORT = re.compile(r"ngày\s+(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})\b")
_DATE_LONG = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\b")
_SYMBOL_IN_TEXT = re.compile(rf"(?<![\w/-])(?:{_STATE_SYMBOL}|{_PARTY_SYMBOL})(?![\w/])")
_KINDS_LONGEST_FIRST = sorted(KINDS, key=len, reverse=True)


def _read_date(text: str) -> tuple[_dt.date, str]:
    """Read "ngày …" at the start of ``text``; return the date and the rest."""
    match = _DATE_SHORT.match(text) or _DATE_LONG.match(text)
    if match is None:
        raise CitationError(
            f"the date in {text[:40]!r} cannot be read: write 'ngày 07/9/2015' or 'ngày 07 tháng 9 năm 2015'"
        )
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        raise CitationError(
            f"the date {day:02d}/{month:02d}/{year} does not exist (check the day and the month)"
        ) from None
    return value, text[match.end() :].lstrip(" ,")


def _parse(text: str) -> LegalReference:
    source = " ".join(normalize(text).split()).rstrip(" .;,")
    if not source:
        raise CitationError("an empty text is not a citation")
    match = _SYMBOL_IN_TEXT.search(source)
    if match is None:
        raise CitationError(
            f"no number and symbol (Số, ký hiệu) such as 72/2015/NĐ-CP or 16-KL/TW in {source!r}"
        )
    head = source[: match.start()].rstrip(" ,")
    with_so = head == "số" or head.endswith(" số")
    if with_so:
        head = head[:-2].rstrip()
    kind = next(
        (k for k in _KINDS_LONGEST_FIRST if head.casefold() == k.casefold() or head.casefold().startswith(k.casefold() + " ")),
        None,
    )
    if kind is None:
        raise CitationError(
            f"the type of document (Loại văn bản) cannot be read from {head!r} before {match.group(0)}: "
            "expected Luật, Nghị định, Quyết định, Thông tư, Kết luận, Công văn …"
        )
    name = kind + head[len(kind) :] if len(head) > len(kind) else None
    rest = source[match.end() :].lstrip(" ,")
    issued_on: _dt.date | None = None
    issuer: str | None = None
    subject: str | None = None
    if rest.startswith("ngày"):
        issued_on, rest = _read_date(rest)
    if rest.startswith("của "):
        body = rest[len("của ") :]
        split = _SUBJECT_START.search(body)
        issuer, subject = (body[: split.start()], body[split.end() :]) if split else (body, None)
    elif rest:
        subject = rest
    problems = _problems(kind, match.group(0), issued_on, name)
    if problems:
        raise CitationError(f"{kind} số {match.group(0)}: " + "; ".join(problems))
    try:
        return LegalReference(
            kind=kind,
            symbol=match.group(0),
            issued_on=issued_on,
            issuer=issuer,
            subject=subject,
            name=name,
            with_so=with_so,
        )
    except ValidationError as exc:  # pragma: no cover - _problems checks the same rules first
        raise CitationError(f"{source!r}: {exc}") from None


# --- catalogue and citer -----------------------------------------------------

_ENTRY_NOTES = ("source", "notes")


def load_catalogue(path: str | Path | None = None) -> dict[str, LegalReference]:
    """Load a catalogue of references keyed by symbol; default the bundled ``data/legal/catalogue.yaml``.

    The file holds ``documents:``, a list of mappings with the fields of
    `LegalReference` plus free ``source`` and ``notes``. Every entry is
    validated; all problems are reported at once as a `CitationError`.
    """
    if path is None:
        resource = resources.files("congvan.data") / "legal" / "catalogue.yaml"
        label, raw = "congvan.data/legal/catalogue.yaml", resource.read_text(encoding="utf-8")
    else:
        label, raw = str(path), Path(path).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise CitationError(f"{label}: not valid YAML: {exc}") from None
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CitationError(f"{label}: expected a mapping with a list 'documents:'")
    catalogue: dict[str, LegalReference] = {}
    problems: list[str] = []
    for index, entry in enumerate(entries):
        where = f"documents[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping of fields")
            continue
        fields = {key: value for key, value in entry.items() if key not in _ENTRY_NOTES}
        try:
            ref = LegalReference.model_validate(fields)
        except ValidationError as exc:
            for error in exc.errors():
                loc = ".".join(str(part) for part in error["loc"])
                message = str(error.get("ctx", {}).get("error", error["msg"]))
                problems.append(f"{where}{'.' + loc if loc else ''}: {message}")
            continue
        if ref.symbol in catalogue:
            problems.append(f"{where}: the symbol {ref.symbol} appears twice")
        catalogue[ref.symbol] = ref
    if problems:
        count = len(problems)
        raise CitationError(f"{label}: {count} problem{'s' if count != 1 else ''}:\n  - " + "\n  - ".join(problems))
    return catalogue


class Citer:
    """Cite references in one document: in full on the first mention, short afterwards.

    Use one `Citer` per rendered document (`fresh` gives another with the
    same catalogue); ``date_style`` is "short" ("07/9/2015") or "long".
    """

    def __init__(
        self,
        catalogue: Mapping[str, LegalReference] | Iterable[LegalReference] | None = None,
        *,
        date_style: DateStyle = "short",
    ) -> None:
        if date_style not in ("short", "long"):
            raise ValueError(f"date_style must be 'short' or 'long', not {date_style!r}")
        if catalogue is None:
            catalogue = load_catalogue()
        refs = catalogue.values() if isinstance(catalogue, Mapping) else catalogue
        self._catalogue: dict[str, LegalReference] = {ref.symbol: ref for ref in refs}
        self.date_style: DateStyle = date_style
        self._mentioned: set[str] = set()

    @property
    def catalogue(self) -> Mapping[str, LegalReference]:
        """The references this citer knows, keyed by symbol."""
        return dict(self._catalogue)

    @property
    def mentioned(self) -> frozenset[str]:
        """Symbols already cited in this document."""
        return frozenset(self._mentioned)

    def lookup(self, symbol: str) -> LegalReference:
        """The catalogue's reference for ``symbol``; `CitationError` if unknown."""
        key = " ".join(normalize(symbol).split())
        try:
            return self._catalogue[key]
        except KeyError:
            raise CitationError(
                f"the symbol {symbol!r} is not in the catalogue; known: {', '.join(self._catalogue) or 'none'}"
            ) from None

    def cite(self, ref: LegalReference | str) -> str:
        """Full citation on the first mention of ``ref`` (a reference or a catalogue symbol), short later."""
        if isinstance(ref, str):
            ref = self.lookup(ref)
        else:
            self._catalogue.setdefault(ref.symbol, ref)
        if ref.symbol in self._mentioned:
            return ref.short_citation()
        self._mentioned.add(ref.symbol)
        return ref.citation(self.date_style)

    __call__ = cite

    def fresh(self) -> Citer:
        """A citer for another document: same catalogue and date style, nothing mentioned yet."""
        return Citer(self._catalogue, date_style=self.date_style)
