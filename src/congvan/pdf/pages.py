"""Combine PDFs into one with a bookmark per letter, and split one PDF into letters (pypdf)."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from congvan.errors import PdfError
from congvan.files import write_atomically

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter

PathLike = str | os.PathLike[str]


def page_count(pdf: PathLike) -> int:
    """Number of pages of ``pdf``."""
    return len(_reader(pdf).pages)


def combine_pdfs(paths: Sequence[PathLike], out: PathLike, *, bookmarks: Sequence[str] | None = None) -> Path:
    """Write the PDFs ``paths`` one after the other into ``out``, one bookmark (outline item) per file.

    ``bookmarks`` are the titles, one per file (default: each file's name
    without ``.pdf``); the files' own outlines are left out.
    """
    from pypdf import PdfWriter

    titles = [Path(p).stem for p in paths] if bookmarks is None else list(bookmarks)
    if len(titles) != len(paths):
        raise PdfError(f"combine_pdfs: {len(paths)} PDFs but {len(titles)} bookmark titles; give one title per PDF")
    writer = PdfWriter()
    for path, title in zip(paths, titles, strict=True):
        writer.append(_reader(path), outline_item=title, import_outline=False)
    return _write(writer, Path(out))


def split_pdf(
    pdf: PathLike,
    parts: Sequence[int | range],
    out_paths: Sequence[PathLike],
    *,
    destinations: Sequence[Mapping[str, str]] | None = None,
) -> list[Path]:
    """Cut ``pdf`` into ``out_paths``, one per part.

    A part is a page count (taken after the previous part) or a ``range`` of
    0-based page indices. When every part is a count, the counts must add up
    to the document's pages. ``destinations`` (one mapping per part) carries named
    destinations of ``pdf`` into the parts: name in ``pdf`` → name in the part
    (names as written in the PDF); one on a page outside its part is left out.
    """
    reader = _reader(pdf)
    total = len(reader.pages)
    if len(parts) != len(out_paths):
        raise PdfError(f"split_pdf: {len(parts)} parts but {len(out_paths)} output paths; give one path per part")
    ranges: list[range] = []
    cursor = 0
    for index, part in enumerate(parts):
        if isinstance(part, range):
            pages = part
        elif isinstance(part, int) and part > 0:
            pages = range(cursor, cursor + part)
        else:
            raise PdfError(f"split_pdf: part {index} is {part!r}; give a page count > 0 or a range of pages")
        if len(pages) == 0 or pages.start < 0 or pages.stop > total or pages.step != 1:
            raise PdfError(
                f"split_pdf: part {index} covers pages {pages.start + 1}–{pages.stop} of {pdf}, which has {total} pages"
            )
        ranges.append(pages)
        cursor = pages.stop
    if all(isinstance(p, int) for p in parts) and cursor != total:
        raise PdfError(f"split_pdf: the page counts add up to {cursor} but {pdf} has {total} pages")
    if destinations is not None and len(destinations) != len(ranges):
        raise PdfError(f"split_pdf: {len(ranges)} parts but {len(destinations)} destination mappings")
    written = []
    for index, (pages, out) in enumerate(zip(ranges, out_paths, strict=True)):
        carried = destinations[index] if destinations is not None else {}
        written.append(_write_pages(reader, pages, Path(out), carried))
    return written


def destination_pages(pdf: PathLike) -> dict[str, int]:
    """The 0-based page of each named destination in ``pdf``, by name as written in the PDF.

    `to_pdf` turns each Word bookmark of a .docx into a named destination, so a
    combined .docx with a bookmark at the start of each letter can be split by it.
    """
    reader = _reader(pdf)
    pages: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        try:
            pages[str(name).removeprefix("/")] = reader.get_destination_page_number(destination)
        except Exception:  # noqa: BLE001 - a destination that points nowhere is simply skipped
            continue
    return pages


def destination_ranges(pdf: PathLike, names: Sequence[str]) -> list[range]:
    """Page ranges of the letters that start at the named destinations ``names`` (in this order).

    Each letter runs from its destination's page to the page before the next
    one; the last to the end of the document.
    """
    found = destination_pages(pdf)
    found.update({name: found[lo] for name in names if (lo := libreoffice_name(name)) in found})
    missing = [name for name in names if name not in found]
    if missing:
        raise PdfError(
            f"{pdf} has no named destination {', '.join(map(repr, missing))}; put a Word bookmark "
            "with that name at the start of each letter of the combined .docx"
        )
    starts = [found[name] for name in names]
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise PdfError(f"{pdf}: the destinations {list(names)} are not on increasing pages: {starts}")
    ends = [*starts[1:], page_count(pdf)]
    return [range(start, end) for start, end in zip(starts, ends, strict=True)]


def libreoffice_name(bookmark: str) -> str:
    """The name LibreOffice gives the PDF destination of a Word bookmark.

    It keeps ASCII letters, digits and ``-`` and writes any other ASCII
    character as two hex digits (``letter_001`` → ``letter5F001``); keep
    bookmark names to ASCII letters, digits, ``-`` and ``_``.
    """
    return "".join(c if (c.isascii() and c.isalnum()) or c == "-" else f"{ord(c):02X}" for c in bookmark)


def _reader(pdf: PathLike) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return PdfReader(pdf)
    except FileNotFoundError:
        raise PdfError(f"{pdf}: no such file") from None
    except (PdfReadError, OSError) as error:
        raise PdfError(f"{pdf}: not a readable PDF ({error})") from None


def _write_pages(reader: PdfReader, pages: range, out: Path, carried: Mapping[str, str]) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import Destination, Fit

    writer = PdfWriter()
    added = [writer.add_page(reader.pages[index]) for index in pages]
    if carried:
        found = reader.named_destinations
        for old, new in carried.items():
            destination = found.get(old) or found.get(f"/{old}")
            if destination is None:
                continue
            page = reader.get_destination_page_number(destination)
            if page not in pages:
                continue
            fit = Fit.xyz(destination.left, destination.top, destination.zoom)
            writer.add_named_destination_object(Destination(new, added[page - pages.start].indirect_reference, fit))
    return _write(writer, out)


def _write(writer: PdfWriter, out: Path) -> Path:
    """Write atomically: a temporary file beside ``out``, then renamed."""
    buffer = io.BytesIO()
    writer.write(buffer)
    return write_atomically(out, buffer.getvalue())
