"""Ô 6: the body (nội dung văn bản) — opening, numbered tasks, closing."""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import AfterValidator, field_validator, model_validator

from congvan.citations import LegalReference, load_catalogue
from congvan.model.base import Component, Text
from congvan.vietnamese import normalize

#: Letters of lettered parts ("điểm"), in the Vietnamese alphabet: a) b) c) d) đ) e) …
PART_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _ends_with_stop_mark(value: str) -> str:
    if not value.endswith("./."):
        raise ValueError(f"{value!r} must end with './.' as ND30 closes a body, e.g. 'Trân trọng./.'")
    return value


#: The closing formula of a body, which ND30 ends with "./." ("Trân trọng./.").
Closing = Annotated[Text, AfterValidator(_ends_with_stop_mark)]


class Part(Component):
    """Điểm: a lettered part of a task, "a) …", with its own paragraphs and dash bullets."""

    title: Text
    """The text after the letter, as written: "Giải thích, làm rõ thông tin sai lệch:"."""
    paragraphs: tuple[Text, ...] = ()
    """Đoạn: paragraphs under the part."""
    bullets: tuple[Text, ...] = ()
    """Gạch đầu dòng: items written "- …"."""


class Task(Component):
    """A numbered task (nhiệm vụ) of the body: "1. Title: text", then parts and bullets."""

    title: Text | None = None
    """Tên nhiệm vụ: the heading before the colon, "Hoàn thiện Quy chế …"."""
    text: Text | None = None
    """The text on the numbered line; after "title: " when there is a title."""
    paragraphs: tuple[Text, ...] = ()
    """Further paragraphs of the task."""
    parts: tuple[Part, ...] = ()
    """Điểm a), b), c) …"""
    bullets: tuple[Text, ...] = ()
    """Gạch đầu dòng directly under the task."""

    @field_validator("parts")
    @classmethod
    def _check_part_count(cls, value: tuple[Part, ...]) -> tuple[Part, ...]:
        if len(value) > len(PART_LETTERS):
            raise ValueError(f"at most {len(PART_LETTERS)} lettered parts (a … y), got {len(value)}")
        return value

    def heading(self, number: int) -> str:
        """The numbered line: "1. Title: text", "6. Title" or "3. Text"."""
        pieces = [p for p in (self.title, self.text) if p]
        if not pieces:
            return f"{number}."
        return f"{number}. " + ": ".join(pieces)


class Opening(Component):
    """The opening paragraph that cites the legal bases (căn cứ) in full.

    Printed as ``lead`` + the citations joined by "; " + ``text``:
    "Triển khai Kết luận số 16-KL/TW …; Nghị định số 72/2015/NĐ-CP …, Bộ … đề nghị …".
    """

    lead: Text | None = None
    """Words before the first citation: "Triển khai", "Căn cứ", "Thực hiện"."""
    bases: tuple[LegalReference, ...] = ()
    """Căn cứ: the documents cited, each in full (Phụ lục I, mục II.6b).

    Each is a full reference, a symbol of the catalogue (``data/legal/catalogue.yaml``),
    or a mapping with ``symbol`` and the fields that differ from the catalogue's entry.
    """
    text: str = ""
    """What follows the citations, from its own punctuation: ", Bộ … đề nghị …:"."""

    @field_validator("bases", mode="before")
    @classmethod
    def _from_catalogue(cls, value: object) -> object:
        if not isinstance(value, (list, tuple)):
            return value
        return tuple(_catalogue_entry(item) for item in value)

    @field_validator("text")
    @classmethod
    def _normalise_text(cls, value: str) -> str:
        return " ".join(normalize(value).split()) if value.strip() else ""


@functools.cache
def _bundled_catalogue() -> dict[str, LegalReference]:
    """The catalogue of data/legal/catalogue.yaml, read once."""
    return load_catalogue()


def _catalogue_entry(item: object) -> object:
    """A catalogue symbol, or ``{symbol, …overrides}`` without ``kind``, as the catalogue's reference."""
    if isinstance(item, str):
        symbol, overrides = item, {}
    elif isinstance(item, dict) and "symbol" in item and "kind" not in item:
        symbol, overrides = item["symbol"], {k: v for k, v in item.items() if k != "symbol"}
    else:
        return item
    catalogue = _bundled_catalogue()
    if symbol not in catalogue:
        raise ValueError(
            f"{symbol!r} is not in the catalogue of legal documents ({', '.join(catalogue)}); "
            "give the reference in full (kind, symbol, issued_on, issuer, subject) or add it to the catalogue"
        )
    return (
        LegalReference.model_validate({**catalogue[symbol].model_dump(), **overrides})
        if overrides
        else catalogue[symbol]
    )


class Body(Component):
    """Nội dung văn bản: opening, paragraphs, numbered tasks, closing paragraphs and the closing formula.

    A short letter may have only ``paragraphs``; a directive cites its bases in
    the ``opening`` and lists ``tasks``.
    """

    opening: Opening | None = None
    """Đoạn mở đầu, citing the legal bases."""
    paragraphs: tuple[Text, ...] = ()
    """Đoạn văn after the opening and before the numbered tasks."""
    tasks: tuple[Task, ...] = ()
    """Numbered tasks 1., 2., …"""
    closing_paragraphs: tuple[Text, ...] = ()
    """Paragraphs after the tasks ("Trong quá trình triển khai …")."""
    closing: Closing = "Trân trọng./."
    """The closing formula; a công văn's body ends with "./."."""

    @staticmethod
    def part_letter(index: int) -> str:
        """The letter of the ``index``-th part (0-based): a, b, c, d, đ, e …"""
        return PART_LETTERS[index]

    @model_validator(mode="after")
    def _has_content(self) -> Body:
        if self.opening is None and not (self.paragraphs or self.tasks or self.closing_paragraphs):
            raise ValueError("the body is empty: give an opening, paragraphs or tasks")
        return self


__all__ = ["Body", "Closing", "Opening", "Part", "PART_LETTERS", "Task"]
