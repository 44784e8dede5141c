"""Ô 2: the issuing body (tên cơ quan, tổ chức ban hành văn bản) and its parent."""

from __future__ import annotations

import re

from pydantic import ValidationInfo, field_validator

from congvan.model.base import Component, Text

_ABBREVIATION = re.compile(r"^[A-ZĐ0-9][A-Za-zĐđ0-9]*$")


class IssuingBody(Component):
    """Cơ quan, tổ chức ban hành văn bản (Phụ lục I, mục II.2)."""

    name: Text
    """Tên cơ quan, tổ chức ban hành: "Bộ Thông tin và Truyền thông"; shown in capitals."""
    abbreviation: str
    """Chữ viết tắt tên cơ quan, tổ chức ban hành, the first group of the symbol: "BTTTT"."""
    place: Text
    """Địa danh: where the body sits, written before the date: "Hà Nội"."""
    parent: Text | None = None
    """Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có), shown above the name."""
    header_lines: tuple[Text, ...] | None = None
    """How the name is broken into lines in the header; computed to fit when omitted."""

    @field_validator("abbreviation")
    @classmethod
    def _check_abbreviation(cls, value: str) -> str:
        if not _ABBREVIATION.match(value):
            raise ValueError(
                f"{value!r} is not an abbreviation of a body: capital letters and digits "
                "without spaces, e.g. 'BTTTT', 'UBND'"
            )
        return value

    @field_validator("header_lines")
    @classmethod
    def _check_header_lines(cls, value: tuple[str, ...] | None, info: ValidationInfo) -> tuple[str, ...] | None:
        name = info.data.get("name")
        if value is not None and name is not None:
            joined = " ".join(value)
            if joined.casefold() != name.casefold():
                raise ValueError(
                    f"header_lines {list(value)!r} do not spell the name {name!r}: they may only break it into lines"
                )
        return value
