"""Ô 6 laid out by Phụ lục I, II.6.đ: phần, chương, mục, điều, khoản, điểm — or phần, mục "I.", khoản, điểm.

The data gives the structure and the words; the numbers (Chương II, Điều 7,
khoản 3, điểm đ) are computed from the structure when the document is
rendered (`congvan.documents.content`), never typed, so they cannot skip.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from congvan.model.base import Component, Text
from congvan.nd30.structure import POINT_LETTERS


def _texts_as(field: str, value: Any) -> Any:
    """A plain text in a list stands for ``{field: text}``: ``points: ["Đối với …"]``."""
    if isinstance(value, (list, tuple)):
        return tuple({field: item} if isinstance(item, str) else item for item in value)
    return value


class Point(Component):
    """Điểm: "a) …", lettered a, b, c, d, đ … in its khoản."""

    text: Text
    """The words after the letter: "Đối với …"."""
    bullets: tuple[Text, ...] = ()
    """Gạch đầu dòng under the điểm: "- …"."""


class Clause(Component):
    """Khoản: "1. …"; with a title, "1. Title" on a line of its own in bold, its text below."""

    title: Text | None = None
    """Tiêu đề của khoản (optional): "Phạm vi điều chỉnh"."""
    text: Text | None = None
    """The text after the number (no title) or the first paragraph under the title."""
    paragraphs: tuple[Text, ...] = ()
    """Further paragraphs of the khoản."""
    points: tuple[Point, ...] = Field(default=(), max_length=len(POINT_LETTERS))
    """Điểm a), b), c) …"""
    bullets: tuple[Text, ...] = ()
    """Gạch đầu dòng: "- …"."""

    @field_validator("points", mode="before")
    @classmethod
    def _plain_points(cls, value: Any) -> Any:
        return _texts_as("text", value)

    @model_validator(mode="after")
    def _has_words(self) -> Clause:
        if not (self.title or self.text or self.paragraphs or self.points):
            raise ValueError("a khoản needs a title, a text, paragraphs or points")
        return self


class Article(Component):
    """Điều: "Điều 1. Tiêu đề" in bold, then its paragraphs and khoản 1., 2. …

    In a Quyết định an article may have no title: "Điều 2. Quyết định này có hiệu
    lực …" (``text``, upright, after the bold "Điều 2.").
    """

    title: Text | None = None
    """Tiêu đề của điều: "Phạm vi điều chỉnh"."""
    text: Text | None = None
    """The words after "Điều N." on the same line, or the first paragraph under a title."""
    paragraphs: tuple[Text, ...] = ()
    """Further paragraphs of the điều, before its khoản."""
    clauses: tuple[Clause, ...] = ()
    """Khoản 1., 2. …"""

    @field_validator("clauses", mode="before")
    @classmethod
    def _plain_clauses(cls, value: Any) -> Any:
        return _texts_as("text", value)

    @model_validator(mode="after")
    def _has_words(self) -> Article:
        if not (self.title or self.text):
            raise ValueError("an điều needs a title or a text after “Điều N.”")
        return self


class Subsection(Component):
    """Tiểu mục: "Tiểu mục 1" then its title in capitals, both centred; holds điều."""

    title: Text
    """Tiêu đề của tiểu mục, printed in capitals."""
    articles: tuple[Article, ...] = Field(min_length=1)
    """Điều of the tiểu mục, numbered on from the điều before."""


class Section(Component):
    """Mục: "Mục 1" then its title in capitals, both centred; holds điều or tiểu mục."""

    title: Text
    """Tiêu đề của mục, printed in capitals."""
    articles: tuple[Article, ...] = ()
    """Điều of the mục, numbered on from the điều before."""
    subsections: tuple[Subsection, ...] = ()
    """Tiểu mục 1, 2 … (Phần I, II.6.đ)."""

    @model_validator(mode="after")
    def _one_kind(self) -> Section:
        if bool(self.articles) == bool(self.subsections):
            raise ValueError("a mục holds either điều (articles) or tiểu mục (subsections), not both and not neither")
        return self


class Chapter(Component):
    """Chương: "Chương I" then its title in capitals, both centred; holds mục or điều."""

    title: Text
    """Tiêu đề của chương, printed in capitals."""
    sections: tuple[Section, ...] = ()
    """Mục 1, 2 … of the chương."""
    articles: tuple[Article, ...] = ()
    """Điều of the chương, when it has no mục."""

    @model_validator(mode="after")
    def _one_kind(self) -> Chapter:
        if bool(self.sections) == bool(self.articles):
            raise ValueError("a chương holds either mục (sections) or điều (articles), not both and not neither")
        return self


class Heading(Component):
    """The second pattern's mục: "I. MỤC ĐÍCH, YÊU CẦU", then paragraphs and khoản 1., 2. …"""

    title: Text
    """Tiêu đề của mục, printed in capitals after its Roman numeral."""
    paragraphs: tuple[Text, ...] = ()
    """Paragraphs under the title, before the khoản."""
    clauses: tuple[Clause, ...] = ()
    """Khoản 1., 2. … of the mục."""
    bullets: tuple[Text, ...] = ()
    """Gạch đầu dòng after the khoản."""

    @field_validator("clauses", mode="before")
    @classmethod
    def _plain_clauses(cls, value: Any) -> Any:
        return _texts_as("text", value)


class DocumentPart(Component):
    """Phần: "Phần I" then its title in capitals; holds chương or mục "I."."""

    title: Text
    """Tiêu đề của phần, printed in capitals."""
    chapters: tuple[Chapter, ...] = ()
    """Chương of the phần (the first pattern)."""
    headings: tuple[Heading, ...] = ()
    """Mục "I.", "II." of the phần (the second pattern), numbered from I in each phần."""
    paragraphs: tuple[Text, ...] = ()
    """Paragraphs under the title."""

    @model_validator(mode="after")
    def _one_kind(self) -> DocumentPart:
        if self.chapters and self.headings:
            raise ValueError("a phần holds chương or mục “I.”, not both")
        return self


class Content(Component):
    """Nội dung văn bản (ô 6): opening paragraphs, then one structure, then closing paragraphs.

    The structure is one of ``parts`` (Phần), ``chapters`` (Chương), ``articles``
    (Điều) or ``headings`` (mục "I."); a short document has paragraphs only.
    """

    paragraphs: tuple[Text, ...] = ()
    """Đoạn mở đầu, before the structure."""
    parts: tuple[DocumentPart, ...] = ()
    """Phần I, II …"""
    chapters: tuple[Chapter, ...] = ()
    """Chương I, II …"""
    articles: tuple[Article, ...] = ()
    """Điều 1, 2 … directly."""
    headings: tuple[Heading, ...] = ()
    """Mục I., II. … (the second pattern of Phụ lục I, mục V, ô 6b)."""
    closing_paragraphs: tuple[Text, ...] = ()
    """Paragraphs after the structure; the last one ends the body with "./."."""

    @model_validator(mode="after")
    def _one_structure(self) -> Content:
        given = [name for name in ("parts", "chapters", "articles", "headings") if getattr(self, name)]
        if len(given) > 1:
            raise ValueError(f"the content has one structure, not {' and '.join(given)}")
        if not given and not (self.paragraphs or self.closing_paragraphs):
            raise ValueError("the content is empty: give paragraphs, articles, chapters, headings or parts")
        return self

    def article_places(self) -> list[tuple[tuple[str | int, ...], Article]]:
        """Every điều in order with its place in the data (``("chapters", 0, "sections", 1, "articles", 0)``)."""
        found: list[tuple[tuple[str | int, ...], Article]] = [(("articles", i), a) for i, a in enumerate(self.articles)]
        chapters = [(("chapters", c), chapter) for c, chapter in enumerate(self.chapters)]
        chapters += [
            (("parts", p, "chapters", c), chapter)
            for p, part in enumerate(self.parts)
            for c, chapter in enumerate(part.chapters)
        ]
        for at, chapter in chapters:
            found += [((*at, "articles", i), a) for i, a in enumerate(chapter.articles)]
            for s, section in enumerate(chapter.sections):
                found += [((*at, "sections", s, "articles", i), a) for i, a in enumerate(section.articles)]
                for t, sub in enumerate(section.subsections):
                    found += [
                        ((*at, "sections", s, "subsections", t, "articles", i), a) for i, a in enumerate(sub.articles)
                    ]
        return found


__all__ = ["Article", "Chapter", "Clause", "Content", "DocumentPart", "Heading", "Point", "Section", "Subsection"]
