"""Ô 9a: "Kính gửi" — the bodies a công văn is addressed to."""

from __future__ import annotations

from pydantic import Field, field_validator

from congvan.model.base import Component, Text


def strip_list_punctuation(value: str) -> str:
    """Drop a leading "- " and a trailing ";" or "." that ND30 punctuation adds back."""
    text = value.strip()
    if text.startswith(("- ", "-\u00a0")):
        text = text[2:].lstrip()
    return text.rstrip(";.").rstrip()


class Addressees(Component):
    """Kính gửi (Phụ lục I, mục II.9a): one addressee on the same line, several one per line.

    Several are written "- X;" each and the last "- X." under the colon.
    """

    items: tuple[Text, ...] = Field(min_length=1)
    """Tên cơ quan, tổ chức, cá nhân nhận văn bản, without ND30's dash and punctuation."""

    @field_validator("items", mode="before")
    @classmethod
    def _strip_punctuation(cls, value: object) -> object:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, (list, tuple)):
            return tuple(strip_list_punctuation(v) if isinstance(v, str) else v for v in value)
        return value

    @property
    def lines(self) -> list[str]:
        """The lines after "Kính gửi:" with ND30 punctuation."""
        if len(self.items) == 1:
            return [self.items[0]]
        last = len(self.items) - 1
        return [f"- {item}{'.' if i == last else ';'}" for i, item in enumerate(self.items)]
