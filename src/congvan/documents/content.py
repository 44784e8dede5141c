"""Ô 6 as the lines a template prints: each part of `congvan.model.content` numbered and styled by Phụ lục I.

A line is ``{"style", "lead", "text"}``. The styles are the template's six kinds of
paragraph: ``label`` ("Chương I", centred, bold), ``caption`` (its title in capitals,
centred, bold), ``article`` ("Điều 1." in bold, then ``text`` upright), ``strong`` (a khoản
with a title, a mục "I." — bold), ``centred`` (a form's centred line: "… trân trọng giới
thiệu:") and ``text`` (body text: khoản, điểm, dashes, paragraphs).
Numbers are counted here: chương and phần in Roman numerals, điều through the whole
document, khoản in each điều or mục, điểm a, b, c, d, đ … in each khoản.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from congvan.model.content import Article, Chapter, Clause, Content, DocumentPart, Heading, Section, Subsection
from congvan.nd30 import ENDING
from congvan.nd30.structure import (
    ARTICLE_WORD,
    CHAPTER_WORD,
    PART_WORD,
    SECTION_WORD,
    SUBSECTION_WORD,
    point_letter,
    roman,
)

Line = dict[str, Any]


def line(style: str, text: str, lead: str = "") -> Line:
    """One printed line: its ``style``, a bold ``lead`` (an article's "Điều 1.") and its ``text``."""
    return {"style": style, "lead": lead, "text": text}


def content_lines(content: Content, *, first_article: int = 1) -> list[Line]:
    """Every line of ``content`` in order, numbered; the last one is not yet ended with "./."."""
    lines = [line("text", text) for text in content.paragraphs]
    articles = _Counter(first_article)
    if content.parts:
        lines += [piece for number, part in enumerate(content.parts, 1) for piece in _part(number, part, articles)]
    lines += [
        piece for number, chapter in enumerate(content.chapters, 1) for piece in _chapter(number, chapter, articles)
    ]
    lines += [piece for article in content.articles for piece in article_lines(articles.next(), article)]
    lines += [piece for number, heading in enumerate(content.headings, 1) for piece in _heading(number, heading)]
    lines += [line("text", text) for text in content.closing_paragraphs]
    return lines


def ended(lines: list[Line]) -> list[Line]:
    """``lines`` with the last one ending the body with "./." (Mẫu 1.1–1.10): "… thi hành./."."""
    if not lines:
        return lines
    last = dict(lines[-1])
    key = "text" if last["text"] else "lead"
    last[key] = end_text(last[key])
    return [*lines[:-1], last]


def end_text(text: str) -> str:
    """``text`` ending with "./.": a final "." or ";" or ":" becomes "./."."""
    if text.endswith(ENDING):
        return text
    return text.rstrip(".;:,") + ENDING


class _Counter:
    """Điều are numbered through the whole document, across phần, chương and mục."""

    def __init__(self, start: int) -> None:
        self.value = start - 1

    def next(self) -> int:
        self.value += 1
        return self.value


def _part(number: int, part: DocumentPart, articles: _Counter) -> Iterator[Line]:
    yield line("label", f"{PART_WORD} {roman(number)}")
    yield line("caption", part.title.upper())
    yield from (line("text", text) for text in part.paragraphs)
    for index, chapter in enumerate(part.chapters, 1):
        yield from _chapter(index, chapter, articles)
    for index, heading in enumerate(part.headings, 1):
        yield from _heading(index, heading)


def _chapter(number: int, chapter: Chapter, articles: _Counter) -> Iterator[Line]:
    yield line("label", f"{CHAPTER_WORD} {roman(number)}")
    yield line("caption", chapter.title.upper())
    for index, section in enumerate(chapter.sections, 1):
        yield from _section(index, section, articles)
    for article in chapter.articles:
        yield from article_lines(articles.next(), article)


def _section(
    number: int, section: Section | Subsection, articles: _Counter, word: str = SECTION_WORD
) -> Iterator[Line]:
    yield line("label", f"{word} {number}")
    yield line("caption", section.title.upper())
    for article in section.articles:
        yield from article_lines(articles.next(), article)
    for index, subsection in enumerate(getattr(section, "subsections", ()), 1):
        yield from _section(index, subsection, articles, SUBSECTION_WORD)


def article_lines(number: int, article: Article) -> list[Line]:
    """ "Điều N. Title" in bold on its own line, or "Điều N." in bold with the text after it; then paragraphs and khoản."""
    if article.title:
        lines = [line("article", "", f"{ARTICLE_WORD} {number}. {article.title}")]
        lines += [line("text", article.text)] if article.text else []
    else:
        lines = [line("article", f" {article.text}", f"{ARTICLE_WORD} {number}.")]
    lines += [line("text", text) for text in article.paragraphs]
    lines += [piece for index, clause in enumerate(article.clauses, 1) for piece in clause_lines(index, clause)]
    return lines


def _heading(number: int, heading: Heading) -> Iterator[Line]:
    yield line("strong", f"{roman(number)}. {heading.title.upper()}")
    yield from (line("text", text) for text in heading.paragraphs)
    for index, clause in enumerate(heading.clauses, 1):
        yield from clause_lines(index, clause)
    yield from _bullets(heading.bullets)


def clause_lines(number: int, clause: Clause) -> list[Line]:
    """Khoản "N. …"; a titled khoản has "N. Title" in bold on its own line, its text below."""
    if clause.title:
        lines = [line("strong", f"{number}. {clause.title}")]
        if clause.text:
            lines.append(line("text", clause.text))
    else:
        lines = [line("text", f"{number}. {clause.text}" if clause.text else f"{number}.")]
    lines += [line("text", text) for text in clause.paragraphs]
    for index, point in enumerate(clause.points):
        lines.append(line("text", f"{point_letter(index)}) {point.text}"))
        lines += _bullets(point.bullets)
    return lines + list(_bullets(clause.bullets))


def _bullets(bullets: Iterable[str]) -> list[Line]:
    return [line("text", f"- {bullet}") for bullet in bullets]
