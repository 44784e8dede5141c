"""Ô 9b and 12: "Nơi nhận" and the archive line (Lưu: VT, unit, drafter initials, copies)."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from congvan.model.addressees import strip_list_punctuation
from congvan.model.base import Component, Text

_CODE = re.compile(r"^[A-ZĐ][A-Za-zĐđ0-9.]*$")


class Archive(Component):
    """Lưu: the last line of Nơi nhận (Phụ lục I, mục II.9b and ô 12).

    "- Lưu: VT, TTĐN, NV (135)." — the records office, the drafting unit, the
    drafter's initials and the number of copies issued.
    """

    units: tuple[str, ...] = ("VT",)
    """Nơi lưu: "VT" (văn thư) then the drafting unit's abbreviation."""
    drafter: str | None = None
    """Ký hiệu người soạn thảo văn bản: initials, "NV"."""
    copies: int | None = Field(default=None, ge=1)
    """Số lượng bản phát hành."""

    @field_validator("units")
    @classmethod
    def _check_units(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value or value[0] != "VT":
            raise ValueError(f"the archive line starts with 'VT' (văn thư), got {list(value)!r}")
        for unit in value:
            if not _CODE.match(unit):
                raise ValueError(f"{unit!r} is not an abbreviation: capital letters, no spaces")
        return value

    @property
    def line(self) -> str:
        """ "- Lưu: VT, TTĐN, NV (135).\""""
        parts = list(self.units)
        if self.drafter:
            parts.append(f"{self.drafter} ({self.copies})" if self.copies else self.drafter)
        elif self.copies:
            parts[-1] = f"{parts[-1]} ({self.copies})"
        return f"- Lưu: {', '.join(parts)}."


class Recipients(Component):
    """Nơi nhận of a công văn: "- Như trên;", the others, then the archive line."""

    lines: tuple[Text, ...] = ("Như trên",)
    """Tên cơ quan, tổ chức, cá nhân nhận văn bản, without dash and punctuation."""
    archive: Archive = Archive()
    """Lưu: the last line."""

    @field_validator("lines", mode="before")
    @classmethod
    def _strip_punctuation(cls, value: object) -> object:
        if isinstance(value, (list, tuple)):
            return tuple(strip_list_punctuation(v) if isinstance(v, str) else v for v in value)
        return value

    @property
    def formatted(self) -> list[str]:
        """Every line as printed: "- X;" each, the archive line last, ending with "."."""
        return [f"- {line};" for line in self.lines] + [self.archive.line]
