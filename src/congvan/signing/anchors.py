"""Read the places of ô 3, ô 4 and ô 7c from a letter's named destinations, not from its text.

congvan's templates hold Word bookmarks (`congvan.anchors`) that LibreOffice exports as named
destinations ``[page /XYZ left top zoom]``: the top left of where each bookmark stands. From them:

- ô 7c (Phụ lục I, mục II.7.d): the room between the top of the first empty line under the
  signer's title (`congvan.anchors.SIGNATURE`, whose left is the centred axis) and the top of
  the signer's name (`congvan.anchors.SIGNER_NAME`);
- ô 3 and ô 4, where the draft leaves them blank (Điều 15.3): the line between the start and end
  anchors. Their words (for the draft's text, kept in the field) are read from page 1 alone, and
  the font size and baseline from its text operators, as `congvan.signing.locate` does.

Reading destinations costs a few milliseconds, against about a hundred for finding the signer's
title and name in the text of every page; a PDF without them (a letter from a user's own
template) falls back to `congvan.signing.locate`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from congvan import anchors
from congvan.errors import SigningError
from congvan.pdf.pages import libreoffice_name
from congvan.signing.locate import (
    DateLine,
    LetterMarks,
    NumberLine,
    SignatureBlock,
    TextStyle,
    locate,
    style_at,
    text_runs,
)
from congvan.signing.placement import Rect

PathLike = str | os.PathLike[str]

_EMPTY_LINE = 0.5
"""A centred line whose start is this close to its axis is empty."""
_SAME_LINE = 3.0
"""Points between a destination's top and the top of a word on its line."""


@dataclass(frozen=True)
class Anchor:
    """A named destination: its page (0-based) and the top left of where the bookmark stands, in PDF space."""

    page: int
    left: float
    top: float


def find_marks(handler: Any, pdf: PathLike, page_boxes: list[Rect]) -> LetterMarks:
    """The letter's marks from its named destinations when it has congvan's, else from its text (`locate`)."""
    marks = anchor_marks(handler, pdf, page_boxes)
    return marks if marks is not None else locate(pdf, page_boxes)


def anchor_marks(handler: Any, pdf: PathLike, page_boxes: list[Rect]) -> LetterMarks | None:
    """The marks given by congvan's destinations in ``handler`` (a pyHanko reader or writer); ``None`` without them."""
    found = destinations(handler)
    signature = found.get(anchors.SIGNATURE)
    if signature is None:
        return None
    name = found.get(anchors.SIGNER_NAME)
    if name is None or name.page != signature.page:
        where = "is missing" if name is None else f"is on page {name.page + 1}, not {signature.page + 1}"
        raise SigningError(
            f"{pdf}: the destination {anchors.SIGNER_NAME!r} {where}; the signer's title, image and name (ô 7) "
            "stand together on one page (ND30 Phụ lục I, mục II.7)"
        )
    axis = signature.left
    if abs(name.left - axis) < _EMPTY_LINE:  # a centred line that starts on its axis holds nothing
        raise SigningError(
            f"{pdf}, page {name.page + 1}: no signer's name under the place of the signature; ND30 Phụ lục I, "
            "mục II.7.c prints the name under the signature (render the letter with signature.name)"
        )
    block = SignatureBlock(
        page=signature.page,
        title=Rect(axis, signature.top, axis, signature.top),
        name=Rect(name.left, name.top, 2 * axis - name.left, name.top),
        axis=axis,
        title_text="",
        name_text="",
    )
    blanks = {
        key: (found[key], found[end])
        for key, end in ((anchors.NUMBER, anchors.NUMBER_END), (anchors.DATE, anchors.DATE_END))
        if key in found and end in found
    }
    number = date = None
    if blanks:
        lines = _blank_lines(Path(pdf), blanks, page_boxes)
        number, date = lines.get(anchors.NUMBER), lines.get(anchors.DATE)
    return LetterMarks(block, number, date)  # type: ignore[arg-type]


def destinations(handler: Any) -> dict[str, Anchor]:
    """congvan's anchors among the PDF's named destinations (``/Dests`` or the ``/Names`` tree), by bookmark name."""
    root = handler.root
    entries: dict[str, Any] = {}
    if "/Dests" in root:
        for key, value in root["/Dests"].get_object().items():
            entries[str(key).removeprefix("/")] = value
    names = root.get("/Names")
    if names is not None and "/Dests" in names.get_object():
        _walk_name_tree(names.get_object()["/Dests"].get_object(), entries)
    wanted = {libreoffice_name(name): name for name in anchors.ALL}
    wanted.update({name: name for name in anchors.ALL})
    pages = _page_numbers(handler)
    found: dict[str, Anchor] = {}
    for key, value in entries.items():
        if key not in wanted:
            continue
        array = value.get_object()
        if hasattr(array, "get") and "/D" in array:
            array = array["/D"].get_object()
        try:
            page = pages[_ref(array.raw_get(0))]
            if str(array[1]) != "/XYZ":
                continue
            found[wanted[key]] = Anchor(page, float(array[2]), float(array[3]))
        except (KeyError, IndexError, TypeError, ValueError):
            continue  # a destination that points nowhere is not an anchor
    return found


def _walk_name_tree(node: Any, entries: dict[str, Any]) -> None:
    pairs = node.get("/Names")
    if pairs is not None:
        for index in range(0, len(pairs) - 1, 2):
            entries[str(pairs[index])] = pairs[index + 1]
    for kid in node.get("/Kids", ()):
        _walk_name_tree(kid.get_object(), entries)


def _page_numbers(handler: Any) -> dict[tuple[int, int], int]:
    """Each page object's (number, generation) → its 0-based index."""
    pages: dict[tuple[int, int], int] = {}

    def walk(node_ref: Any) -> None:
        node = node_ref.get_object()
        if "/Kids" in node:
            kids = node["/Kids"]
            for index in range(len(kids)):
                walk(kids.raw_get(index))
        else:
            pages[_ref(node_ref)] = len(pages)

    walk(handler.root.raw_get("/Pages"))
    return pages


def _ref(value: Any) -> tuple[int, int]:
    reference = getattr(value, "reference", value)
    return (reference.idnum, reference.generation)


def _blank_lines(pdf: Path, blanks: dict[str, tuple[Anchor, Anchor]], boxes: list[Rect]) -> dict[str, Any]:
    """Ô 3 and ô 4 between their anchors: the draft's words there, the line's box and its font."""
    page_index = next(iter(blanks.values()))[0].page
    if any(start.page != page_index or end.page != page_index for start, end in blanks.values()):
        raise SigningError(f"{pdf}: the number and date anchors are not on one page; ô 3 and ô 4 share a row")
    from congvan.pdf.text import pdf_words

    box = boxes[page_index]
    (page,) = pdf_words(pdf, only=page_index + 1)
    runs = text_runs(pdf, page_index)
    lines: dict[str, Any] = {}
    for key, (start, end) in blanks.items():
        words = [
            word
            for word in page.words
            if start.left - 1 <= box.left + word.x_min
            and box.left + word.x_max <= end.left + 1
            and abs(box.top - word.y_min - start.top) <= _SAME_LINE
        ]
        if not words:
            raise SigningError(f"{pdf}, page {page_index + 1}: no text between the anchors {key!r} and '{key}_end'")
        words.sort(key=lambda word: word.x_min)
        text = " ".join(word.text for word in words)
        rect = Rect(
            box.left + words[0].x_min,
            box.top - max(word.y_max for word in words),
            box.left + words[-1].x_max,
            box.top - min(word.y_min for word in words),
        )
        style: TextStyle = style_at(runs, rect, pdf, text)
        if key == anchors.NUMBER:
            written = text.partition(":")[2].strip()
            lines[key] = NumberLine(page_index, rect, text, written, style)
        else:
            lines[key] = _date_line(page_index, rect, text, style)
    return lines


def _date_line(page: int, rect: Rect, text: str, style: TextStyle) -> DateLine:
    place, _, rest = text.partition(", ngày")
    year = rest.rsplit("năm", 1)[-1].strip()
    return replace(
        DateLine(page, rect, text, place.strip(), True, int(year) if year.isdigit() else None),
        style=style,
    )
