"""Ô 6's structure by Phụ lục I, II.6.đ, read back from the body: phần, chương, mục, điều, khoản, điểm, "I.".

Each line is told by its words ("Chương II", "Điều 7.", "3.", "đ)", "II. NHIỆM VỤ")
and its numbering is followed through the document: điều run 1 … n through the
whole text, chương restart in each phần, mục in each chương, khoản in each điều
or mục "I.", điểm a, b, c, d, đ … in each khoản. The centred lines (labels and
their titles) are returned, so that the body's check does not take them for
paragraphs that are not justified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from congvan.nd30 import structure
from congvan.nd30.structure import POINT_LETTERS, from_roman, roman
from congvan.ooxml.reading import Paragraph

if TYPE_CHECKING:
    from congvan.testing.nd30check.checker import _Checker

LABEL = re.compile(
    r"^(?P<word>"
    + "|".join(
        re.escape(w)
        for w in (structure.SUBSECTION_WORD, structure.PART_WORD, structure.CHAPTER_WORD, structure.SECTION_WORD)
    )
    + r")\s+(?P<number>\S+)$"
)
ARTICLE = re.compile(r"^" + re.escape(structure.ARTICLE_WORD) + r"\s+(?P<number>\d+)(?P<dot>\.?)(\s|$)")
CLAUSE = re.compile(r"^(?P<number>\d+)\.(\s|$)")
POINT = re.compile(r"^(?P<letter>[^\W\d_])\)\s")
HEADING = re.compile(r"^(?P<number>[IVXLCDM]+)\.\s+(?P<title>\S.*)$")

_ROMAN_WORDS = (structure.PART_WORD, structure.CHAPTER_WORD)
#: What restarts when a label is met: a phần restarts its chương, a chương its mục, a mục its tiểu mục.
_BELOW = {
    structure.PART_WORD: (structure.CHAPTER_WORD, structure.SECTION_WORD, structure.SUBSECTION_WORD),
    structure.CHAPTER_WORD: (structure.SECTION_WORD, structure.SUBSECTION_WORD),
    structure.SECTION_WORD: (structure.SUBSECTION_WORD,),
    structure.SUBSECTION_WORD: (),
}
_LABEL_STYLES = {
    structure.PART_WORD: (structure.PART_LABEL, structure.PART_TITLE),
    structure.CHAPTER_WORD: (structure.PART_LABEL, structure.PART_TITLE),
    structure.SECTION_WORD: (structure.SECTION_LABEL, structure.SECTION_TITLE),
    structure.SUBSECTION_WORD: (structure.SECTION_LABEL, structure.SECTION_TITLE),
}


@dataclass
class Found:
    """What the structure check learnt of the body."""

    centred: set[int] = field(default_factory=set)
    """Paragraph numbers of the centred labels and titles."""
    articles: set[int] = field(default_factory=set)
    """Paragraph numbers of the "Điều N." lines (their indent is checked as the article's)."""


class _Numbers:
    """The running numbers: labels by word, điều, heading "I.", khoản, điểm."""

    def __init__(self) -> None:
        self.labels: dict[str, int] = {}
        self.article = 0
        self.heading = 0
        self.clause = 0
        self.point = -1

    def restart_clauses(self) -> None:
        self.clause = 0
        self.point = -1


def check_structure(checker: _Checker, body: list[Paragraph]) -> Found:
    found = Found()
    numbers = _Numbers()
    index = 0
    while index < len(body):
        p = body[index]
        text = p.text.strip()
        label = LABEL.match(text)
        if label and _centred(checker, p):
            title = body[index + 1] if index + 1 < len(body) else None
            _label(checker, p, label, title, numbers)
            found.centred.add(p.number)
            if title is not None and _centred(checker, title):
                found.centred.add(title.number)
                index += 1
        elif ARTICLE.match(text):
            _article(checker, p, ARTICLE.match(text), numbers)
            found.articles.add(p.number)
        elif HEADING.match(text) and from_roman(HEADING.match(text)["number"]) is not None:
            _heading(checker, p, HEADING.match(text)["number"], numbers)
        elif CLAUSE.match(text):
            _clause(checker, p, int(CLAUSE.match(text)["number"]), numbers)
        elif POINT.match(text):
            _point(checker, p, POINT.match(text)["letter"], numbers)
        index += 1
    return found


def _centred(checker: _Checker, p: Paragraph) -> bool:
    return checker.styles.paragraph_format(p.element).align == "center"


def _label(checker: _Checker, p: Paragraph, match: re.Match[str], title: Paragraph | None, numbers: _Numbers) -> None:
    word, written = match["word"], match["number"]
    expected = numbers.labels.get(word, 0) + 1
    value = from_roman(written) if word in _ROMAN_WORDS else (int(written) if written.isdigit() else None)
    want = roman(expected) if word in _ROMAN_WORDS else str(expected)
    if value is None:
        kind = "Roman" if word in _ROMAN_WORDS else "Arabic"
        checker.flag("o6.chapter", f"“{word} {written}”: write {kind} numerals (“{word} {want}”)", p)
    elif value != expected:
        checker.flag("o6.chapter", f"“{word} {written}” follows {word} {expected - 1 or '—'}: want “{word} {want}”", p)
    numbers.labels[word] = value or expected
    for below in _BELOW[word]:
        numbers.labels.pop(below, None)
    if word == structure.PART_WORD:
        numbers.heading = 0  # mục "I." are numbered from I in each phần (Phần I, mục V, ô 6b)
    numbers.restart_clauses()
    label_style, title_style = _LABEL_STYLES[word]
    checker.check_style("o6.chapter", p, label_style, what=f"“{word}”")
    if title is None or not _centred(checker, title):
        checker.flag("o6.chapter", f"“{word} {written}” has no title centred on the next line", p)
        return
    checker.check_style("o6.chapter", title, title_style, what=f"the title of “{word} {written}”")


def _lead_formats(checker: _Checker, p: Paragraph, lead: str) -> list:
    """The formats of the runs that hold the first ``len(lead)`` characters."""
    from congvan.ooxml.reading import paragraph_runs, run_text

    formats, seen = [], 0
    for r in paragraph_runs(p.element):
        text = run_text(r)
        if not text:
            continue
        if text.strip():
            formats.append(checker.styles.run_format(r, p.element))
        seen += len(text)
        if seen >= len(lead):
            break
    return formats


def _article(checker: _Checker, p: Paragraph, match: re.Match[str], numbers: _Numbers) -> None:
    number = int(match["number"])
    expected = numbers.article + 1
    if number != expected:
        checker.flag(
            "o6.article",
            f"“{structure.ARTICLE_WORD} {number}.” follows {structure.ARTICLE_WORD} {numbers.article or '—'}: "
            f"điều are numbered through the document, want “{structure.ARTICLE_WORD} {expected}.”",
            p,
        )
    numbers.article = number
    numbers.restart_clauses()
    problems = []
    if not match["dot"]:
        problems.append(f"no full stop after “{structure.ARTICLE_WORD} {number}”")
    lead = f"{structure.ARTICLE_WORD} {number}."
    formats = _lead_formats(checker, p, lead)
    if any(not f.bold for f in formats):
        problems.append(f"“{lead}” not bold")
    if any(f.italic for f in formats):
        problems.append(f"“{lead}” italic")
    low, high = checker.first_line_window
    indent = checker.styles.paragraph_format(p.element).first_line
    if not low <= indent <= high:
        problems.append(f"first-line indent {indent / 567:.2f} cm, not that of the body")
    if problems:
        checker.flag("o6.article", "; ".join(problems), p)


def _heading(checker: _Checker, p: Paragraph, written: str, numbers: _Numbers) -> None:
    number = from_roman(written) or 0
    expected = numbers.heading + 1
    if number != expected:
        checker.flag(
            "o6.heading",
            f"“{written}.” follows {roman(numbers.heading) if numbers.heading else '—'}: want “{roman(expected)}.”",
            p,
        )
    numbers.heading = number
    numbers.restart_clauses()
    checker.check_style("o6.heading", p, structure.ROMAN_HEADING, what=f"heading “{written}.”")


def _clause(checker: _Checker, p: Paragraph, number: int, numbers: _Numbers) -> None:
    expected = numbers.clause + 1
    if number != expected:
        checker.flag("o6.clause", f"khoản “{number}.” follows khoản {numbers.clause or '—'}: want “{expected}.”", p)
    numbers.clause = number
    numbers.point = -1
    formats = checker.formats(p)
    bold = [f.bold for f in formats]
    text = p.text.strip()
    if all(bold) and bold and text[-1:] in ".;:,":
        checker.flag("o6.clause", f"khoản “{number}.” is bold but is not a title line (it ends “{text[-1]}”)", p)
    elif any(bold) and not all(bold):
        checker.flag("o6.clause", f"khoản “{number}.” is partly bold: bold only as a title line, all of it", p)


def _point(checker: _Checker, p: Paragraph, letter: str, numbers: _Numbers) -> None:
    expected = numbers.point + 1
    want = POINT_LETTERS[expected] if expected < len(POINT_LETTERS) else None
    if letter not in POINT_LETTERS:
        checker.flag("o6.point", f"“{letter})” is not a letter of the Vietnamese alphabet (want “{want})”)", p)
        numbers.point = expected
        return
    value = POINT_LETTERS.index(letter)
    if value != expected:
        checker.flag(
            "o6.point",
            f"điểm “{letter})” follows “{POINT_LETTERS[numbers.point] + ')' if numbers.point >= 0 else '—'}”: want “{want})”",
            p,
        )
    numbers.point = value
