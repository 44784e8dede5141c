"""Find the parts of a rendered letter that the signatures depend on, by the text's position on the page.

congvan's templates carry no marks for the signature band yet, so the places are read back from
the PDF: poppler's ``pdftotext -bbox`` gives every word's box, and the ND30 layout tells which
words they are.

- The signer's title and name (ô 7a/7b): the title starts on the line of "Nơi nhận:" (Phụ lục I,
  mục II.9.d: "Nơi nhận" stands "ngang hàng với dòng chữ quyền hạn, chức vụ của người ký"), in
  the right-hand column; its lines share one centre axis; the name is the next line on that
  axis, below the empty lines left for the signature (ô 7c).
- The number (ô 3): the word "Số:" in the top part of page 1 and the symbol after it; a draft
  leaves a blank between them ("Số:      /BTTTT-TTĐN").
- The issue date (ô 4): "ngày … tháng … năm …" on the same row, to the right.

The font size and baseline of the number and date lines come from the page's text operators
(pypdf), so that the văn thư's number and date can be written in the same size on the same baseline.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from congvan.errors import SigningError
from congvan.pdf.text import Word, pdf_words
from congvan.signing.placement import Rect

PathLike = str | os.PathLike[str]

_COLUMN_GAP = 2.5
"""Words further apart than this many line heights are in different columns."""
_AXIS_TOLERANCE = 8.0
"""Lines centred within this many points of each other share an axis."""
_BLANK = re.compile(r"^[.…\u00a0\s_]*$")


@dataclass(frozen=True)
class Line:
    """Words on one baseline, in one column."""

    page: int
    """0-based page index."""
    words: tuple[Word, ...]
    rect: Rect

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class TextStyle:
    """Size, baseline and slant of a run of text, for writing into a blank in the same style."""

    size: float
    baseline: float
    italic: bool


@dataclass(frozen=True)
class SignatureBlock:
    """Ô 7a–7c on the page: the title lines, the name line, and the axis they are centred on."""

    page: int
    title: Rect
    name: Rect
    axis: float
    title_text: str
    name_text: str


@dataclass(frozen=True)
class NumberLine:
    """Ô 3: the line "Số: 07/BTTTT-TTĐN", or "Số:      /BTTTT-TTĐN" with the number left blank in a draft."""

    page: int
    rect: Rect
    text: str
    written: str
    """What follows "Số:": "/BTTTT-TTĐN" in a draft, "07/BTTTT-TTĐN" once numbered."""
    style: TextStyle | None = None

    @property
    def blank(self) -> bool:
        return self.written.startswith("/")


@dataclass(frozen=True)
class DateLine:
    """Ô 4: the line "Hà Nội, ngày …… tháng …… năm ……"; ``blank`` when the day or month is left empty."""

    page: int
    rect: Rect
    text: str
    place: str
    """The place name before the date ("Hà Nội")."""
    blank: bool
    draft_year: int | None
    style: TextStyle | None = None


@dataclass(frozen=True)
class LetterMarks:
    """What `locate` found: the signature block always, the number and date lines when found."""

    signature: SignatureBlock
    number: NumberLine | None
    date: DateLine | None


def page_lines(pdf: PathLike, page_boxes: Sequence[Rect]) -> list[list[Line]]:
    """The lines of page 1 and of the pages with "Nơi nhận", in PDF coordinates, split into columns.

    The other pages are left empty: nothing on them is looked for (and splitting a page into lines
    is the costly part of reading it).
    """
    pages = pdf_words(pdf)
    result = []
    for index, page in enumerate(pages):
        box = page_boxes[index] if index < len(page_boxes) else Rect(0, 0, page.width, page.height)
        wanted = index == 0 or any(word.text == "Nơi" for word in page.words)
        result.append(_lines(index, page.words, box) if wanted else [])
    return result


def locate(pdf: PathLike, page_boxes: Sequence[Rect], *, with_styles: bool = True) -> LetterMarks:
    """Find the signature block, the number line and the date line of the letter ``pdf``.

    ``page_boxes`` are the pages' crop boxes in PDF space (pdftotext measures from their top left).
    Raises `SigningError` when the signature block is not there, saying what was looked for.
    """
    lines = page_lines(pdf, page_boxes)
    signature = find_signature_block(lines, name=str(pdf))
    number = _number_line(lines)
    date = _date_line(lines, number) if number is not None else None
    if with_styles and ((number is not None and number.blank) or (date is not None and date.blank)):
        number, date = _with_styles(Path(pdf), number, date)
    return LetterMarks(signature, number, date)


def find_signature_block(lines: list[list[Line]], *, name: str = "the PDF") -> SignatureBlock:
    """Ô 7: the title lines right of "Nơi nhận:" and the name line below them on the same axis."""
    for page_index, page in enumerate(lines):
        for anchor in page:
            if _norm(anchor.text).startswith("Nơi nhận"):
                return _block_beside(page_index, page, anchor, name)
    raise SigningError(
        f"{name}: no 'Nơi nhận:' found, so the signer's title and name (ô 7) cannot be placed; "
        "sign a letter rendered by congvan (ND30 Phụ lục I, mục II.9.d puts 'Nơi nhận' beside the title)"
    )


def _block_beside(page_index: int, page: list[Line], anchor: Line, name: str) -> SignatureBlock:
    right = [line for line in page if line.rect.left > anchor.rect.right + 4]
    first = [line for line in right if abs(line.rect.top - anchor.rect.top) <= 4]
    if not first:
        raise SigningError(
            f"{name}, page {page_index + 1}: no title (quyền hạn, chức vụ của người ký) beside 'Nơi nhận:'; "
            "ND30 Phụ lục I, mục II.9.d puts them on one line"
        )
    title = [first[0]]
    axis = first[0].rect.centre_x
    below = sorted((line for line in right if line.rect.centre_y < first[0].rect.centre_y), key=lambda l: -l.rect.top)
    rest = [line for line in below if abs(line.rect.centre_x - axis) <= _AXIS_TOLERANCE]
    for line in rest:
        previous = title[-1]
        if previous.rect.bottom - line.rect.top <= 0.8 * previous.rect.height:
            title.append(line)
        else:
            break
    after = [line for line in rest if line not in title]
    if not after:
        raise SigningError(
            f"{name}, page {page_index + 1}: no signer's name below the title {title[-1].text!r}; "
            "ND30 Phụ lục I, mục II.7.c prints the name under the signature (render the letter with signature.name)"
        )
    name_line = after[0]
    title_rect = title[0].rect
    for line in title[1:]:
        title_rect = title_rect.union(line.rect)
    return SignatureBlock(
        page=page_index,
        title=title_rect,
        name=name_line.rect,
        axis=(title[-1].rect.centre_x + name_line.rect.centre_x) / 2,
        title_text=" / ".join(line.text for line in title),
        name_text=name_line.text,
    )


def _number_line(lines: list[list[Line]]) -> NumberLine | None:
    for page_index, page in enumerate(lines[:1]):
        if not page:
            continue
        top = max(line.rect.top for line in page)
        for line in page:
            if line.rect.top < top - 200:  # ô 3 is in the header band, not in the body
                continue
            texts = [word.text for word in line.words]
            if len(texts) >= 2 and texts[0] == "Số:":
                return NumberLine(page_index, line.rect, line.text, " ".join(texts[1:]))
    return None


def _date_line(lines: list[list[Line]], number: NumberLine) -> DateLine | None:
    for line in lines[number.page]:
        if line.rect.bottom > number.rect.top or line.rect.top < number.rect.bottom:
            continue  # ô 4 is on the row of ô 3
        texts = [word.text for word in line.words]
        if not {"ngày", "tháng", "năm"} <= set(texts):
            continue
        day_at, month_at, year_at = texts.index("ngày"), texts.index("tháng"), texts.index("năm")
        if not 0 < day_at < month_at < year_at:
            continue
        day, month, year = (_after(texts, index) for index in (day_at, month_at, year_at))
        blank = bool(_BLANK.match(day) or _BLANK.match(month))
        place = " ".join(texts[:day_at]).rstrip(",")
        draft_year = int(year) if year.isdigit() else None
        return DateLine(number.page, line.rect, line.text, place, blank, draft_year)
    return None


def _after(texts: list[str], index: int) -> str:
    return texts[index + 1] if index + 1 < len(texts) else ""


def _with_styles(pdf: Path, number: NumberLine | None, date: DateLine | None):
    from dataclasses import replace

    page_index = number.page if number is not None else date.page  # type: ignore[union-attr]
    runs = text_runs(pdf, page_index)
    if number is not None and number.blank:
        number = replace(number, style=style_at(runs, number.rect, pdf, number.text))
    if date is not None and date.blank:
        date = replace(date, style=style_at(runs, date.rect, pdf, date.text))
    return number, date


def text_runs(pdf: Path, page_index: int) -> list[tuple[float, float, float, bool]]:
    """(start x, baseline, size, italic) of each text-showing operator of one page.

    A small interpreter of the page's text state (``cm``, ``q``/``Q``, ``BT``, ``Td``/``TD``/``Tm``/``T*``,
    ``TL``, ``Tf``); glyphs are not decoded, which keeps it to a few milliseconds a page.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ContentStream

    try:
        reader = PdfReader(pdf)
        page = reader.pages[page_index]
        operations = ContentStream(page.get_contents(), reader).operations
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
    except (PyPdfError, ValueError, KeyError, IndexError, AttributeError) as error:
        raise SigningError(f"{pdf}: cannot read the text of page {page_index + 1} ({error})")
    runs: list[tuple[float, float, float, bool]] = []
    ctm, stack = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
    line = text = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    size, leading, italic = 0.0, 0.0, False
    for operands, operator in operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q" and stack:
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)
        elif operator == b"BT":
            line = text = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        elif operator in (b"Td", b"TD"):
            tx, ty = (float(v) for v in operands)
            if operator == b"TD":
                leading = -ty
            line = text = _times((1.0, 0.0, 0.0, 1.0, tx, ty), line)
        elif operator == b"Tm":
            line = text = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif operator == b"T*":
            line = text = _times((1.0, 0.0, 0.0, 1.0, 0.0, -leading), line)
        elif operator == b"TL":
            leading = float(operands[0])
        elif operator == b"Tf":
            size = float(operands[1])
            font = fonts.get(operands[0])
            base = str(font.get_object().get("/BaseFont", "")) if font is not None else ""
            italic = "Italic" in base or "Oblique" in base
        elif operator in (b"Tj", b"TJ", b"'", b'"') and size:
            a, b, c, d, e, f = _times(text, ctm)
            runs.append((e, f, size * (c * c + d * d) ** 0.5, italic))
    return runs


def _times(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """The matrix product m × n of two PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def style_at(runs, rect: Rect, pdf: Path, what: str) -> TextStyle:
    candidates = [run for run in runs if run[0] <= rect.left + 0.5 and rect.bottom <= run[1] <= rect.top]
    if not candidates:
        raise SigningError(f"{pdf}: cannot tell the font size of the line with {what!r}")
    x, baseline, size, italic = max(candidates, key=lambda run: run[0])
    return TextStyle(size=round(size, 2), baseline=round(baseline, 2), italic=italic)


def _lines(page_index: int, words: Sequence[Word], box: Rect) -> list[Line]:
    rows: list[list[Word]] = []
    open_rows: dict[int, list[list[Word]]] = {}
    for word in sorted(words, key=lambda w: (round(w.y_max), w.x_min)):
        if not word.text:
            continue
        key = round(word.y_max)
        height = word.y_max - word.y_min
        for row in (row for k in (key - 1, key, key + 1) for row in open_rows.get(k, ())):
            last = row[-1]
            if abs(last.y_max - word.y_max) <= 0.3 * height and 0 <= word.x_min - last.x_max <= _COLUMN_GAP * height:
                row.append(word)
                break
        else:
            row = [word]
            rows.append(row)
            open_rows.setdefault(key, []).append(row)
    lines = []
    for row in rows:
        rect = Rect(
            box.left + min(w.x_min for w in row),
            box.top - max(w.y_max for w in row),
            box.left + max(w.x_max for w in row),
            box.top - min(w.y_min for w in row),
        )
        lines.append(Line(page_index, tuple(row), rect))
    lines.sort(key=lambda line: (-line.rect.top, line.rect.left))
    return lines


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()
