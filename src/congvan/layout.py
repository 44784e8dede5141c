"""Page geometry of the templates (the page from `congvan.nd30`) and text widths for laying out the header.

Widths are estimated from the advance widths of Times (Adobe's published
Times-Roman and Times-Bold metrics, in 1/1000 em), which Times New Roman,
Liberation Serif and Tinos share closely. Diacritics do not change a letter's
advance, so a Vietnamese letter measures as its base letter.
"""

from __future__ import annotations

import unicodedata

from congvan import nd30

#: Twentieths of a point per millimetre.
TWIPS_PER_MM = nd30.TWIPS_PER_MM

# The page of ND30 (`congvan.nd30`), each margin at the decree's smallest.
PAGE_WIDTH = nd30.PAPER.width  # A4, 210 mm: 11906
PAGE_HEIGHT = nd30.PAPER.height  # A4, 297 mm: 16838
MARGIN_TOP = nd30.twips(nd30.MARGINS["top"].low_mm)  # 20 mm (ND30: 20–25 mm): 1134
MARGIN_BOTTOM = nd30.twips(nd30.MARGINS["bottom"].low_mm)  # 20 mm (ND30: 20–25 mm): 1134
MARGIN_LEFT = nd30.twips(nd30.MARGINS["left"].low_mm)  # 30 mm (ND30: 30–35 mm): 1701
MARGIN_RIGHT = nd30.twips(nd30.MARGINS["right"].low_mm)  # 15 mm (ND30: 15–20 mm): 851
HEADER_DISTANCE = nd30.twips(10)  # 10 mm: the page number sits in the top margin
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 9354

#: Header table (ô 1–5b): left block for the body, right block for the motto.
HEADER_LEFT = 3969
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT
#: Signature band (ô 7 and 9b), as in Mẫu 1.5.
SIGNATURE_LEFT = 3510
SIGNATURE_RIGHT = TEXT_WIDTH - SIGNATURE_LEFT
#: Left and right padding of the borderless layout tables' cells.
CELL_MARGIN = 57
#: Body: the decree's smallest first-line indent (1 cm) and space between paragraphs (6 pt) before each
#: paragraph (Phụ lục I, Phần I, II.6.e).
BODY_INDENT = nd30.twips(nd30.BODY_LAYOUT.first_line_mm[0])  # 567
BODY_SPACE_BEFORE = round(nd30.BODY_LAYOUT.space_between_pt * 20)  # 120
#: The point size chosen for each ND30 component within the decree's range (Phụ lục I; ô numbers of its
#: layout diagram), keyed by the component's name in `congvan.nd30`. The template builder sets them on the
#: runs; the header and the addressee line are fitted at them.
SIZES: dict[str, float] = {
    "NATIONAL_TITLE": 12,  # ô 1: 12–13
    "MOTTO": 13,  # ô 1: 13–14
    "PARENT_BODY": 13,  # ô 2: 12–13
    "ISSUING_BODY": 13,  # ô 2: 12–13
    "NUMBER": 13,  # ô 3: 13
    "PLACE_DATE": 14,  # ô 4: 13–14
    "SUBJECT": 12,  # ô 5b: 12–13
    "URGENCY": 13,  # ô 10a, 10b: the stamps' capitals, 13–14
    "BODY_TEXT": 14,  # ô 6 and 9a: 13–14
    "SIGNER": 14,  # ô 7: 13–14
    "RECIPIENTS_HEADING": 12,  # ô 9b: 12
    "RECIPIENTS": 11,  # ô 9b: 11
    "PAGE_NUMBER": 13,  # 13–14
    "ANNEX_HEADING": 14,
    "ANNEX_TITLE": 14,
    "ANNEX_ATTACHED": 14,
    "TYPE_NAME": 14,  # ô 5a: 13–14
    "TYPE_SUBJECT": 14,  # ô 5a: 13–14
    "BASES": 14,  # ô 6: 13–14, as the body
    "STRUCTURE": 14,  # Phần, Chương, Mục, Điều, Khoản, Điểm: the body's size, 13–14
}
#: "Kính gửi:" starts 3.5 cm in, as in Mẫu 1.5.
ADDRESSEE_INDENT = 1985

_REGULAR = {
    " ": 250,
    "!": 333,
    '"': 408,
    "(": 333,
    ")": 333,
    ",": 250,
    "-": 333,
    ".": 250,
    "/": 278,
    ":": 278,
    ";": 278,
    "&": 778,
    "A": 722,
    "B": 667,
    "C": 667,
    "D": 722,
    "E": 611,
    "F": 556,
    "G": 722,
    "H": 722,
    "I": 333,
    "J": 389,
    "K": 722,
    "L": 611,
    "M": 889,
    "N": 722,
    "O": 722,
    "P": 556,
    "Q": 722,
    "R": 667,
    "S": 556,
    "T": 611,
    "U": 722,
    "V": 722,
    "W": 944,
    "X": 722,
    "Y": 722,
    "Z": 611,
    "a": 444,
    "b": 500,
    "c": 444,
    "d": 500,
    "e": 444,
    "f": 333,
    "g": 500,
    "h": 500,
    "i": 278,
    "j": 278,
    "k": 500,
    "l": 278,
    "m": 778,
    "n": 500,
    "o": 500,
    "p": 500,
    "q": 500,
    "r": 333,
    "s": 389,
    "t": 278,
    "u": 500,
    "v": 500,
    "w": 722,
    "x": 500,
    "y": 500,
    "z": 444,
}
_BOLD = {
    **_REGULAR,
    ":": 333,
    ";": 333,
    '"': 555,
    "&": 833,
    "-": 333,
    "A": 722,
    "B": 667,
    "C": 722,
    "D": 722,
    "E": 667,
    "F": 611,
    "G": 778,
    "H": 778,
    "I": 389,
    "J": 500,
    "K": 778,
    "L": 667,
    "M": 944,
    "N": 722,
    "O": 778,
    "P": 611,
    "Q": 778,
    "R": 722,
    "S": 556,
    "T": 667,
    "U": 722,
    "V": 722,
    "W": 1000,
    "X": 722,
    "Y": 722,
    "Z": 667,
    "a": 500,
    "b": 556,
    "d": 556,
    "h": 556,
    "j": 333,
    "k": 556,
    "m": 833,
    "n": 556,
    "p": 556,
    "q": 556,
    "r": 444,
    "t": 333,
    "u": 556,
}


def _base_letter(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    return unicodedata.normalize("NFD", char)[0]


def text_width(text: str, size_pt: float, *, bold: bool = False) -> int:
    """Estimated width of ``text`` in twips at ``size_pt`` in Times (New Roman)."""
    table = _BOLD if bold else _REGULAR
    units = sum(table.get(_base_letter(ch), 500) for ch in text)
    return round(units * size_pt * 20 / 1000)


#: Words a line should not end with: "BỘ THÔNG TIN / VÀ TRUYỀN THÔNG", not "… VÀ / TRUYỀN THÔNG".
_JOINING_WORDS = frozenset({"va", "cua", "ve", "cac", "voi", "theo", "tai", "trong", "cho", "nhung"})


def _is_joining_word(word: str) -> bool:
    plain = "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))
    return plain.replace("đ", "d") in _JOINING_WORDS


def _break_score(lines: list[str]) -> tuple[int, int]:
    """(awkward breaks, breaks not at a natural place): lower is better.

    Awkward: a line ending with a joining word, or a break beside a dash.
    Natural: after a comma or before a joining word, where no compound word
    ("THỂ THAO", "THƯƠNG BINH") is cut.
    """
    awkward = natural = 0
    for line, following in zip(lines, lines[1:], strict=False):
        first = following.split()[0]
        awkward += _is_joining_word(line.split()[-1]) or line.endswith(("-", "–")) or first in ("-", "–")
        natural += line.endswith((",", ";")) or _is_joining_word(first)
    return awkward, (len(lines) - 1) - natural


def fit_lines(text: str, size_pt: float, width: int, *, bold: bool = False) -> list[str]:
    """Break ``text`` at spaces into the fewest lines that fit ``width`` twips, balanced.

    Among the breaks with the fewest lines, those that leave no line ending
    with a joining word ("VÀ", "CỦA" …) come first, then those that break at
    natural places (after a comma, before "VÀ" or a dash), then the one whose
    widest line is narrowest: "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" becomes
    "BỘ THÔNG TIN" / "VÀ TRUYỀN THÔNG".
    """
    words = text.split()
    if not words or text_width(text, size_pt, bold=bold) <= width:
        return [" ".join(words)]
    for count in range(2, len(words) + 1):
        fitting = []
        for split in _splits(words, count):
            lines = [" ".join(chunk) for chunk in split]
            widest = max(text_width(line, size_pt, bold=bold) for line in lines)
            if widest <= width:
                fitting.append((*_break_score(lines), widest, lines))
        if fitting:
            return min(fitting, key=lambda item: item[:3])[3]
    return words


def _splits(words: list[str], count: int):
    if count == 1:
        yield [words]
        return
    for cut in range(1, len(words) - count + 2):
        for rest in _splits(words[cut:], count - 1):
            yield [words[:cut], *rest]
