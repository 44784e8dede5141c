"""Read text back from a PDF (poppler's ``pdftotext``): per page, and word by word with positions."""

from __future__ import annotations

import os
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from congvan.errors import PdfError
from congvan.pdf.tools import find_poppler, run_tool

PathLike = str | os.PathLike[str]
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    """A word on a page, its box in points from the page's top-left corner."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def x_centre(self) -> float:
        return (self.x_min + self.x_max) / 2


@dataclass(frozen=True)
class PageWords:
    """The words of one page (``number`` is 1-based), with the page's size in points."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def pdf_text(pdf: PathLike, *, timeout: float = 120.0) -> list[str]:
    """The text of each page of ``pdf``, NFC-normalised.

    Lines come in the order the PDF draws them and as broken on the page: a
    hyphen at a line end stays (pdftotext's default mode would drop it).
    """
    out = _pdftotext(pdf, ["-enc", "UTF-8", "-raw"], timeout)
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [unicodedata.normalize("NFC", page) for page in pages]


def pdf_words(pdf: PathLike, *, timeout: float = 120.0, only: int | None = None) -> list[PageWords]:
    """The words of each page of ``pdf`` with their boxes, NFC-normalised; of page ``only`` (1-based) alone when given."""
    pages_wanted = ["-f", str(only), "-l", str(only)] if only is not None else []
    out = _pdftotext(pdf, ["-enc", "UTF-8", "-bbox", *pages_wanted], timeout)
    root = ET.fromstring(out)
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=only or 1):
        words = tuple(
            Word(
                unicodedata.normalize("NFC", word.text or ""),
                float(word.get("xMin", 0)),
                float(word.get("yMin", 0)),
                float(word.get("xMax", 0)),
                float(word.get("yMax", 0)),
            )
            for word in page.iter(f"{_XHTML}word")
        )
        pages.append(PageWords(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def _pdftotext(pdf: PathLike, options: list[str], timeout: float) -> str:
    source = Path(pdf)
    if not source.is_file():
        raise PdfError(f"{source}: no such file")
    finished = run_tool([find_poppler("pdftotext"), *options, str(source), "-"], stall_timeout=timeout)
    if finished.returncode != 0:
        what = "timed out" if finished.stalled else f"failed (status {finished.returncode})"
        raise PdfError(f"pdftotext {what} on {source}: {finished.stderr.strip()}")
    return finished.stdout
