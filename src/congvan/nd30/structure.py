"""Phụ lục I, Phần I, II.6.đ: how the parts of a body are written — phần, chương, mục, điều, khoản, điểm.

Two patterns (the table of Phần I, mục V, ô 6a and 6b): phần, chương, mục,
tiểu mục, điều, khoản, điểm (a Quy chế, a Quyết định); or phần, mục ("I."),
khoản, điểm (a Kế hoạch, a Báo cáo). Each line's style is here with its
numbering: Roman numerals for phần and chương, Arabic for mục, điều and khoản,
the Vietnamese alphabet for điểm.
"""

from __future__ import annotations

from congvan.nd30.components import TextStyle

SOURCE = "Phần I, II.6.đ"

PART_LABEL = TextStyle("Từ “Phần”, “Chương” và số thứ tự", "6", SOURCE, (13, 14), bold=True, italic=False)
"""“Phần I”, “Chương I”: a line of its own, centred, chữ in thường, 13–14, đứng, đậm; Roman numerals."""

PART_TITLE = TextStyle("Tiêu đề của phần, chương", "6", SOURCE, (13, 14), bold=True, italic=False, capitals=True)
"""Right under the label, centred, chữ in hoa, 13–14, đứng, đậm."""

SECTION_LABEL = TextStyle("Từ “Mục”, “Tiểu mục” và số thứ tự", "6", SOURCE, (13, 14), bold=True, italic=False)
"""“Mục 1”: a line of its own, centred, chữ in thường, 13–14, đứng, đậm; Arabic numerals."""

SECTION_TITLE = TextStyle("Tiêu đề của mục, tiểu mục", "6", SOURCE, (13, 14), bold=True, italic=False, capitals=True)
"""Right under the label, centred, chữ in hoa, 13–14, đứng, đậm."""

ARTICLE = TextStyle("Điều", "6", SOURCE, (13, 14), bold=True, italic=False)
"""“Điều 1. Tiêu đề”: chữ in thường, indented as the body (1 cm or 1,27 cm), đứng, đậm; “.” after the number."""

CLAUSE = TextStyle("Khoản", "6", SOURCE, (13, 14), bold=False, italic=False)
"""“1. …”: Arabic numerals and “.”, đứng; a khoản with a title has it on its own line, đậm."""

CLAUSE_TITLE = TextStyle("Khoản có tiêu đề", "6", SOURCE, (13, 14), bold=True, italic=False)
"""“1. Phạm vi và đối tượng áp dụng”: on its own line, chữ in thường, đứng, đậm."""

POINT = TextStyle("Điểm", "6", SOURCE, (13, 14), bold=False, italic=False)
"""“a) …”: the letters of the Vietnamese alphabet in order, then “)”, chữ in thường, đứng."""

ROMAN_HEADING = TextStyle(
    "Số thứ tự và tiêu đề của mục", "6", "Phần I, mục V, ô 6b", (13, 14), bold=True, italic=False, capitals=True
)
"""The second pattern's mục: “I. NHỮNG KẾT QUẢ …”, chữ in hoa, 13–14, đứng, đậm."""

POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
"""The letters of điểm, in the order of the Vietnamese alphabet: a) b) c) d) đ) e) g) …"""

PART_WORD, CHAPTER_WORD, SECTION_WORD, SUBSECTION_WORD, ARTICLE_WORD = "Phần", "Chương", "Mục", "Tiểu mục", "Điều"

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """The Roman numeral of ``number`` (1–3999): ``roman(14) == "XIV"``."""
    if not 1 <= number <= 3999:
        raise ValueError(f"{number} has no Roman numeral (1–3999)")
    written = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        written.append(letters * count)
    return "".join(written)


def from_roman(text: str) -> int | None:
    """The number a Roman numeral writes ("XIV" → 14), or None when ``text`` is not one written canonically."""
    total, rest = 0, text
    for value, letters in _ROMAN:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters) :]
    return total if not rest and total and roman(total) == text else None


def point_letter(index: int) -> str:
    """The letter of the ``index``-th điểm (0-based): a, b, c, d, đ, e, g …"""
    if not 0 <= index < len(POINT_LETTERS):
        raise ValueError(f"a khoản has at most {len(POINT_LETTERS)} điểm (a … y)")
    return POINT_LETTERS[index]
