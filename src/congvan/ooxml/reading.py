"""Where things are in a .docx: parts, paragraphs, tables, rows and cells.

Both the template linter and the ND30 check report problems at a `Place`:
the part (body, header, footer, footnote, endnote), the paragraph number in
that part (1-based, every ``w:p`` in document order — the numbering the
engine's own error messages use), the table, row and cell when the
paragraph sits in a table, and the text nearby.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from lxml import etree

from congvan.engine.package import Package, read_source
from congvan.errors import TemplateFileError
from congvan.ooxml.names import OFFICE_DOCUMENT, W

_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False)
_POSITION = re.compile(r", line \d+, column \d+$")  # lxml's message repeats the position

#: Relationship type (last segment) → the kind of part a person knows.
PART_KINDS = {"header": "header", "footer": "footer", "footnotes": "footnote", "endnotes": "endnote"}


@dataclass(frozen=True)
class Place:
    """Where a problem is: part, paragraph, table cell and the text nearby."""

    part: str
    """``body``, ``header``, ``footer``, ``footnote``, ``endnote``, ``document`` (the whole, or its properties)
    or ``package`` (a part that keeps the file from opening)."""
    part_name: str = ""
    """The package part, e.g. ``word/header1.xml``."""
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    near: str = ""
    line: int | None = None
    """The line of the part's XML, for a part that is not well-formed."""
    column: int | None = None

    def __str__(self) -> str:
        named = self.part_name and (self.part != "body" or self.line is not None)  # a line is of that part's XML
        pieces = [f"{self.part} ({self.part_name})" if named else self.part]
        if self.line is not None:
            pieces.append(f"line {self.line}" + (f", column {self.column}" if self.column is not None else ""))
        if self.paragraph is not None:
            pieces.append(f"paragraph {self.paragraph}")
        if self.table is not None:
            cell = f"table {self.table}"
            if self.row is not None:
                cell += f", row {self.row}"
            if self.cell is not None:
                cell += f", cell {self.cell}"
            pieces.append(cell)
        where = ", ".join(pieces)
        return f"{where} (near {self.near!r})" if self.near else where

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value not in (None, "")}


@dataclass(frozen=True)
class PackagePart:
    """A WordprocessingML part of the package: its kind, name and parsed root."""

    kind: str
    name: str
    root: etree._Element
    data: bytes


@dataclass(frozen=True)
class Paragraph:
    """A ``w:p`` with its number, table position and the text of its own runs."""

    element: etree._Element
    number: int
    table: int | None
    row: int | None
    cell: int | None

    @property
    def text(self) -> str:
        return paragraph_text(self.element)

    def place(self, part: PackagePart, near: str | None = None) -> Place:
        return Place(
            part=part.kind,
            part_name=part.name,
            paragraph=self.number,
            table=self.table,
            row=self.row,
            cell=self.cell,
            near=shorten(self.text if near is None else near),
        )


def shorten(text: str, limit: int = 60) -> str:
    """``text`` with whitespace collapsed, cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class BrokenPart:
    """A part that keeps a package from opening: XML that is not well-formed, or a missing main part."""

    name: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.name + (f" (line {self.line}, column {self.column})" if self.line is not None else "")
        return f"{where}: {self.message}"


def open_package(source: Any, label: str = "document") -> Package:
    """Read a .docx (path, bytes or binary file) as a `Package`.

    Raises `TemplateFileError` as the engine does when there is no package at all:
    a missing file, not a zip, no ``[Content_Types].xml``.
    """
    return Package.from_bytes(read_source(source), label)


def main_part_name(package: Package) -> str:
    """The main document part the package relationships name (the engine's rule; default ``word/document.xml``)."""
    return next(
        (name for kind, name in package.relationships("") if kind == OFFICE_DOCUMENT),
        "word/document.xml",
    )


def broken_parts(package: Package) -> list[BrokenPart]:
    """Every XML part (``*.xml``, ``*.rels``) that is not well-formed, and a missing main document part.

    Word refuses such a package as corrupt; the engine refuses the missing or
    malformed parts it reads and would copy the others, unreadable, into every letter.
    """
    broken = []
    for name in package.names:
        if name.lower().endswith((".xml", ".rels")):
            try:
                etree.fromstring(package.members[name], _PARSER)
            except etree.XMLSyntaxError as error:
                reason, line, column = xml_problem(error)
                broken.append(BrokenPart(name, f"not well-formed XML: {reason}", line, column))
    if not any(part.name.lower().endswith(".rels") for part in broken):
        main = main_part_name(package)
        if main not in package.members:
            broken.append(
                BrokenPart(main, "the main document part is missing (the package relationships name it as the body)")
            )
    return broken


def xml_problem(error: etree.XMLSyntaxError) -> tuple[str, int | None, int | None]:
    """lxml's reason (without the position it repeats), line and column."""
    line, column = error.position
    return _POSITION.sub("", error.msg or str(error)), line, column


def word_parts(package: Package, label: str = "document") -> list[PackagePart]:
    """The body part first, then headers, footers, footnotes and endnotes, each once.

    Raises `TemplateFileError` naming each `broken_parts` entry when the package cannot be read.
    """
    broken = broken_parts(package)
    if broken:
        raise TemplateFileError(f"{label} is not a readable .docx: " + "; ".join(map(str, broken)))
    main = main_part_name(package)
    names = [("body", main)]
    for kind, name in package.relationships(main):
        short = kind.rsplit("/", 1)[-1]
        if short in PART_KINDS and name in package.members:
            names.append((PART_KINDS[short], name))
    parts, seen = [], set()
    for kind, name in names:
        if name in seen or name not in package.members:
            continue
        seen.add(name)
        data = package.members[name]
        parts.append(PackagePart(kind, name, etree.fromstring(data, _PARSER), data))
    return parts


def own(element: etree._Element, tag: str, paragraph: etree._Element) -> bool:
    """Whether ``element``'s nearest ``tag`` ancestor is ``paragraph`` (not a nested text box's)."""
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent is paragraph


def paragraph_runs(paragraph: etree._Element) -> list[etree._Element]:
    """The ``w:r`` of the paragraph itself (also inside hyperlinks, insertions, smart tags)."""
    return [r for r in paragraph.iter(f"{W}r") if own(r, f"{W}p", paragraph)]


def run_text(run: etree._Element) -> str:
    """The text of a run: ``w:t`` text, tabs as ``\\t``, breaks as ``\\n``."""
    pieces = []
    for child in run:
        if child.tag == f"{W}t":
            pieces.append(child.text or "")
        elif child.tag == f"{W}tab":
            pieces.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
        elif child.tag == f"{W}noBreakHyphen":
            pieces.append("\u2011")
    return "".join(pieces)


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(run_text(r) for r in paragraph_runs(paragraph))


def iter_paragraphs(root: etree._Element) -> Iterator[Paragraph]:
    """Every paragraph of a part in document order, numbered from 1, with its table cell."""
    tables: dict[etree._Element, int] = {}
    for index, tbl in enumerate(root.iter(f"{W}tbl"), start=1):
        tables[tbl] = index
    for number, p in enumerate(root.iter(f"{W}p"), start=1):
        table = row = cell = None
        tc = _ancestor(p, f"{W}tc")
        if tc is not None:
            tr = tc.getparent()
            tbl = tr.getparent() if tr is not None else None
            if tbl is not None and tbl.tag == f"{W}tbl":
                table = tables.get(tbl)
                row = _index_among(tbl, tr, f"{W}tr")
                cell = _index_among(tr, tc, f"{W}tc")
        yield Paragraph(p, number, table, row, cell)


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return parent
        parent = parent.getparent()
    return None


def _index_among(parent: etree._Element, child: etree._Element, tag: str) -> int:
    return [c for c in parent if c.tag == tag].index(child) + 1
