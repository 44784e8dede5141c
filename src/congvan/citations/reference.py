"""`LegalReference`: one cited document, validated, cited in full or short."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from congvan.citations.parsing import read_citation
from congvan.citations.symbols import (
    DateStyle,
    SymbolParts,
    clean_text,
    parse_symbol,
    symbol_problems,
)
from congvan.errors import CitationError
from congvan.vietnamese import format_date, format_short_date


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
        return clean_text(value) if isinstance(value, str) else value

    @field_validator("issuer", "subject", "name", mode="before")
    @classmethod
    def _normalize_optional(cls, value: Any) -> Any:
        return clean_text(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check(self) -> LegalReference:
        problems = symbol_problems(self.kind, self.symbol, self.issued_on, self.name)
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
        fields = read_citation(text)
        try:
            return cls(**fields)
        except ValidationError as exc:  # pragma: no cover - read_citation checks the same rules first
            raise CitationError(f"{text!r}: {exc}") from None
