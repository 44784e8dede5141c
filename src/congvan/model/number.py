"""Ô 3: number and symbol (số, ký hiệu của văn bản)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from congvan.model.base import Component

# Groups of the symbol: capitals, digits and the mixed-case type codes of
# Phụ lục III (QyĐ, CTr, TTr, TrS), joined by "-" without spaces.
_GROUP = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_SYMBOL = re.compile(rf"^{_GROUP}(?:-{_GROUP})*$")
_WRITTEN = re.compile(r"^\s*(?:Số:?\s*)?(?P<number>[0-9]*|[.…\s]*)\s*/\s*(?P<symbol>\S+)\s*$")


class NumberSymbol(Component):
    """Số, ký hiệu (Phụ lục I, mục II.3): "Số: 135/BTTTT-TTĐN".

    For a công văn the symbol is the issuing body's abbreviation, a hyphen and
    the drafting unit's ("BTTTT-TTĐN"); other types put the type code first
    ("QĐ-BNV"). A draft leaves the number blank.
    """

    number: int | None = Field(default=None, ge=1)
    """Số: restarts at 01 each year; blank (None) in a draft."""
    symbol: str
    """Ký hiệu: "BTTTT-TTĐN" — body abbreviation, then drafting unit, joined by "-"."""

    @model_validator(mode="before")
    @classmethod
    def _from_written_form(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _WRITTEN.match(value)
            if not match:
                raise ValueError(
                    f"{value!r} is not a number and symbol: write it as '135/BTTTT-TTĐN' or '/BTTTT-TTĐN' for a draft"
                )
            digits = match["number"].strip(" .…")
            return {"number": int(digits) if digits else None, "symbol": match["symbol"]}
        return value

    @field_validator("symbol")
    @classmethod
    def _check_symbol(cls, value: str) -> str:
        if not _SYMBOL.match(value):
            raise ValueError(
                f"{value!r} is not a symbol by ND30: groups of capital letters joined by '-', "
                "no spaces, e.g. 'BTTTT-TTĐN' or 'QĐ-BNV'"
            )
        return value

    @property
    def issuer_code(self) -> str:
        """The abbreviation of the issuing body in the symbol (its first group for a công văn)."""
        return self.symbol.split("-")[0]

    def check_issuer(self, abbreviation: str) -> None:
        """Raise ValueError unless the symbol starts with the issuing body's ``abbreviation``."""
        if self.issuer_code != abbreviation:
            raise ValueError(
                f"the symbol {self.symbol!r} starts with {self.issuer_code!r} but the issuing body's "
                f"abbreviation is {abbreviation!r}; a công văn's symbol is '{abbreviation}-<drafting unit>'"
            )

    @property
    def formatted_number(self) -> str:
        """The number with ND30's leading zero below 10 ("05"), or blank spaces for a draft."""
        if self.number is None:
            return "\u00a0" * 6
        return f"{self.number:02d}"

    def __str__(self) -> str:
        return f"{self.formatted_number}/{self.symbol}"

    @property
    def line(self) -> str:
        """The line as printed: "Số: 135/BTTTT-TTĐN"."""
        return f"Số: {self}"
