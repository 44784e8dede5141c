"""A readable snapshot of a .docx: text with paragraph formatting and page layout, never zip bytes.

One line per paragraph, in the order a reader meets them (headers and
footers first, then the body), each with its alignment, indents, spacing
and the size and style of its runs; tables as ``table N`` / ``row`` /
``cell`` lines; each section's page size, margins, header references,
different-first-page and numbering restart. Text is NFC; a non-breaking
space shows as ``⍽``, a tab as ``→``, a line break as ``↵``, a PAGE field as
``{PAGE}``. Nothing that changes between saves (zip dates, rsids, ids) is in it.

>>> print(snapshot("letter.docx"))   # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any

from congvan.ooxml.names import R
from congvan.ooxml.package import read_relationships, rels_part_name
from congvan.ooxml.reading import W, iter_paragraphs, open_package, paragraph_runs, run_text, word_parts
from congvan.ooxml.styles import Styles

__all__ = ["snapshot", "compare_snapshot"]

_VISIBLE = str.maketrans({"\u00a0": "⍽", "\t": "→", "\n": "↵"})


def snapshot(source: Any) -> str:
    """The readable snapshot of the .docx ``source`` (path, bytes or binary file)."""
    label = str(source) if isinstance(source, str) or hasattr(source, "__fspath__") else "document"
    package = open_package(source, label)
    parts = word_parts(package, label)
    styles_name = next((n for n in package.members if n.endswith("/styles.xml")), None)
    styles = Styles(package.members.get(styles_name) if styles_name else None)
    lines: list[str] = []
    body = parts[0]
    lines += _sections(body, _rels(package, body.name))
    for part in parts[1:]:
        lines.append(f"== {part.kind} {Path(part.name).name}")
        lines += _paragraphs(part, styles)
    lines.append("== body")
    lines += _paragraphs(body, styles)
    return "\n".join(lines) + "\n"


def _sections(body: Any, rels: dict[str, str]) -> list[str]:
    root = body.root.find(f"{W}body")
    sections = [p.find(f"{W}pPr/{W}sectPr") for p in root.iter(f"{W}p")]
    sections = [s for s in sections if s is not None]
    if root.find(f"{W}sectPr") is not None:
        sections.append(root.find(f"{W}sectPr"))
    lines = []
    for number, section in enumerate(sections, start=1):
        size = section.find(f"{W}pgSz")
        margins = section.find(f"{W}pgMar")
        pieces = [f"== section {number}:"]
        if size is not None:
            orient = size.get(f"{W}orient") or (
                "landscape" if int(size.get(f"{W}w", 0)) > int(size.get(f"{W}h", 0)) else "portrait"
            )
            pieces.append(f"page {size.get(f'{W}w')}x{size.get(f'{W}h')} {orient};")
        if margins is not None:
            pieces.append(
                "margins "
                + " ".join(
                    f"{side}={margins.get(f'{W}{side}')}"
                    for side in ("top", "right", "bottom", "left", "header", "footer")
                    if margins.get(f"{W}{side}") is not None
                )
                + ";"
            )
        for kind in ("header", "footer"):
            for ref in section.findall(f"{W}{kind}Reference"):
                pieces.append(f"{kind}[{ref.get(f'{W}type', 'default')}]={rels.get(ref.get(f'{R}id'), '?')}")
        if section.find(f"{W}titlePg") is not None:
            pieces.append("titlePg")
        numbering = section.find(f"{W}pgNumType")
        if numbering is not None and numbering.get(f"{W}start") is not None:
            pieces.append(f"page-numbers-from={numbering.get(f'{W}start')}")
        kind = section.find(f"{W}type")
        if kind is not None:
            pieces.append(f"break={kind.get(f'{W}val')}")
        lines.append(" ".join(pieces))
    return lines


def _rels(package: Any, part_name: str) -> dict[str, str]:
    """Relationship id → target file name, for the header and footer references."""
    data = package.members.get(rels_part_name(part_name))
    if not data:
        return {}
    return {rel.id: Path(rel.target).name for rel in read_relationships(data, part_name)}


def _paragraphs(part: Any, styles: Styles) -> list[str]:
    lines = []
    current: tuple[int | None, int | None, int | None] = (None, None, None)
    for paragraph in iter_paragraphs(part.root):
        where = (paragraph.table, paragraph.row, paragraph.cell)
        if where != current:
            if paragraph.table is not None:
                lines.append(f"  [table {paragraph.table} row {paragraph.row} cell {paragraph.cell}]")
            elif current[0] is not None:
                lines.append("  [end of table]")
            current = where
        lines.append(_paragraph_line(paragraph.element, styles))
    return lines


def _paragraph_line(element: Any, styles: Styles) -> str:
    fmt = styles.paragraph_format(element)
    marks = [fmt.align]
    if fmt.first_line:
        marks.append(f"first={fmt.first_line}")
    if fmt.hanging:
        marks.append(f"hanging={fmt.hanging}")
    ind = element.find(f"{W}pPr/{W}ind")
    if ind is not None:
        for side in ("left", "right"):
            value = ind.get(f"{W}{side}")
            if value not in (None, "0"):
                marks.append(f"{side}={value}")
    if fmt.before:
        marks.append(f"before={fmt.before}")
    if fmt.after:
        marks.append(f"after={fmt.after}")
    if fmt.line not in (None, 240) or fmt.line_rule != "auto":
        marks.append(f"line={fmt.line}{'' if fmt.line_rule == 'auto' else ' ' + fmt.line_rule}")
    ppr = element.find(f"{W}pPr")
    if ppr is not None:
        if ppr.find(f"{W}pBdr") is not None:
            marks.append("border=" + "+".join(re.sub(r"^\{.*\}", "", b.tag) for b in ppr.find(f"{W}pBdr")))
        if ppr.find(f"{W}sectPr") is not None:
            marks.append("section-end")
        if ppr.find(f"{W}pageBreakBefore") is not None:
            marks.append("page-break-before")
    text = []
    last = None
    in_field = False
    for run in paragraph_runs(element):
        for child in run:
            if child.tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                in_field = kind in ("begin", "separate")
            elif child.tag == f"{W}instrText" and (child.text or "").strip():
                text.append("{" + (child.text or "").strip() + "}")
        content = run_text(run)
        if not content or in_field:
            continue
        rf = styles.run_format(run, element)
        style = f"{rf.size:g}" if rf.size is not None else "?"
        style += "".join(flag for flag, on in ((" B", rf.bold), (" I", rf.italic)) if on)
        if rf.font not in (None, "Times New Roman"):
            style += f" {rf.font}"
        if style != last:
            text.append(f"[{style}]")
            last = style
        text.append(unicodedata.normalize("NFC", content).translate(_VISIBLE))
    return f"¶ {' '.join(marks)} | {''.join(text)}".rstrip()


def compare_snapshot(actual: str, path: str | Path, *, update: bool = False) -> str | None:
    """Compare ``actual`` with the snapshot file ``path``; return a unified diff, or ``None`` when equal.

    With ``update`` (or when the file does not exist yet) the file is
    (re)written and ``None`` is returned.
    """
    path = Path(path)
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return None
    expected = path.read_text(encoding="utf-8")
    if expected == actual:
        return None
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{path} (stored)",
        tofile="rendered",
    )
    return "".join(diff)
