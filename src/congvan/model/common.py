"""What every administrative document of Phụ lục III shares: ô 2–4 and 7–10, and the symbol's type code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from congvan.citations import LegalReference
from congvan.model.agency import IssuingBody
from congvan.model.base import Component, Text
from congvan.model.body import _catalogue_entry
from congvan.model.document import Secrecy, Urgency
from congvan.model.number import NumberSymbol
from congvan.model.recipients import Recipients
from congvan.model.signature import Signature
from congvan.nd30 import DOCUMENT_KINDS, abbreviation
from congvan.vietnamese import normalize


def kind_code(kind: str) -> str:
    """The type code of ``kind`` by Phụ lục III, mục I ("kế hoạch" → "KH"); KeyError for a công văn."""
    code = abbreviation(kind)
    if code is None:
        raise KeyError(kind)
    return code


def symbol_problem(symbol: str, kind: str, issuer: str) -> str | None:
    """Why ``symbol`` is not that of a ``kind`` issued by ``issuer`` ("KH-UBND" for a kế hoạch of UBND), or None."""
    code = kind_code(kind)
    groups = symbol.split("-")
    right = "-".join([code, issuer, *groups[2:]])
    if groups[0] != code:
        other = next((name for name, value in DOCUMENT_KINDS.items() if value == groups[0]), None)
        named = f" is that of a {other.lower().removesuffix(' (cá biệt)')}," if other else ""
        return (
            f"the symbol {symbol!r}{named} not of a {kind}: a {kind}'s symbol starts with {code!r} "
            f"(Phụ lục III, mục I): write {right!r}"
        )
    if len(groups) < 2 or groups[1] != issuer:
        return f"the symbol {symbol!r} must name the issuing body {issuer!r} after {code!r}: write {right!r}"
    return None


def field_error(location: tuple[str | int, ...], message: str, value: object) -> ValidationError:
    """A validation error at ``location`` (``("recipients", "lines", 0)``), for a check across fields.

    Raised from a model validator, it names the field that is wrong (and so its YAML line) instead of the
    whole document.
    """
    detail = PydanticCustomError("value_error", "{message}", {"message": message})
    return ValidationError.from_exception_data("document", [InitErrorDetails(type=detail, loc=location, input=value)])


class Basis(Component):
    """One căn cứ ban hành (Phần I, II.6.a): a document cited in full, or the words of a law's title."""

    reference: LegalReference | None = None
    """The document cited: a symbol of the catalogue or a reference in full."""
    text: Text | None = None
    """The words after "Căn cứ", as written ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")."""

    @model_validator(mode="before")
    @classmethod
    def _from_text_or_symbol(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = " ".join(normalize(value).split())
            if text.casefold().startswith("căn cứ "):
                text = text[len("căn cứ ") :]
            text = text.rstrip(";.").rstrip()
            if "/" in text and " " not in text:  # a symbol: the catalogue's entry
                return {"reference": _catalogue_entry(text)}
            return {"text": text}
        if isinstance(value, dict) and "reference" not in value and "text" not in value:
            return {"reference": _catalogue_entry(value)}
        return value

    @model_validator(mode="after")
    def _one(self) -> Basis:
        if (self.reference is None) == (self.text is None):
            raise ValueError("a căn cứ is a reference or a text, one of them")
        return self

    def words(self) -> str:
        """The basis after "Căn cứ ", dates written in full ("ngày 07 tháng 9 năm 2015")."""
        return self.text if self.text is not None else self.reference.citation("long")  # type: ignore[union-attr]


class AdministrativeDocument(Component):
    """A văn bản hành chính of Phụ lục III: ô 2 to 4 and 7 to 10, shared by every kind.

    The symbol of a kind with a name starts with the kind's code of Phụ lục III,
    mục I, then the issuing body's abbreviation: "Số: 12/QĐ-UBND".
    """

    kind: str
    """Tên loại văn bản, in lower case: "quyết định", "kế hoạch" …"""
    issuing_body: IssuingBody
    """Ô 2: tên cơ quan, tổ chức ban hành văn bản."""
    number: NumberSymbol
    """Ô 3: số, ký hiệu; the number blank in a draft."""
    issued_on: dt.date | None = None
    """Ô 4: ngày, tháng, năm ban hành; None in a draft."""
    draft_year: int | None = Field(default=None, ge=1945, le=2100)
    """The year printed in a draft's date line when ``issued_on`` is blank."""
    signature: Signature
    """Ô 7: quyền hạn, chức vụ, họ tên người ký."""
    recipients: Recipients = Recipients()
    """Ô 9b: Nơi nhận, with the archive line."""
    urgency: Urgency | None = None
    """Ô 10b: mức độ khẩn."""
    secrecy: Secrecy | None = None
    """Ô 10a: dấu chỉ độ mật."""
    sample_fields: tuple[str, ...] = ()
    """Fields whose values are samples, not facts of a real document."""

    @field_validator("kind", "urgency", "secrecy", mode="before")
    @classmethod
    def _normalise_words(cls, value: object) -> object:
        return " ".join(normalize(value).split()) if isinstance(value, str) else value

    @field_validator("kind", mode="before")
    @classmethod
    def _lower_kind(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check_symbol(self) -> AdministrativeDocument:
        problem = symbol_problem(self.number.symbol, self.kind, self.issuing_body.abbreviation)
        if problem:
            raise field_error(("number",), problem, str(self.number))
        if self.issued_on is not None and self.draft_year is not None and self.issued_on.year != self.draft_year:
            raise field_error(
                ("draft_year",), f"draft_year {self.draft_year} contradicts issued_on {self.issued_on}", self.draft_year
            )
        return self

    @property
    def year(self) -> int | None:
        return self.issued_on.year if self.issued_on else self.draft_year

    @property
    def is_draft(self) -> bool:
        """A draft has no number or no date yet."""
        return self.number.number is None or self.issued_on is None
