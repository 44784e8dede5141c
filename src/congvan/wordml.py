"""Small builders of WordprocessingML snippets for the bundled templates.

Each function returns XML text for one element (a run, a paragraph, a table
cell …) with the formatting spelled out on the element, so that a reader of
the .docx (python-docx, LibreOffice, the ND30 check) sees the ND30 size and
style on every run. Text is XML-escaped here; Jinja tags pass through as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from congvan import nd30

Align = Literal["left", "center", "right", "both"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

FONT = nd30.FONT


@dataclass(frozen=True)
class Font:
    """Run formatting: size in points, bold, italic."""

    size: float = 14
    bold: bool = False
    italic: bool = False

    def rpr(self) -> str:
        half_points = round(self.size * 2)
        parts = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>']
        if self.bold:
            parts.append("<w:b/><w:bCs/>")
        if self.italic:
            parts.append("<w:i/><w:iCs/>")
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
        return "<w:rPr>" + "".join(parts) + "</w:rPr>"


@dataclass(frozen=True)
class Layout:
    """Paragraph formatting in twips: alignment, indents, spacing, borders, style."""

    align: Align = "left"
    style: str | None = None
    first_line: int | str = 0
    left: int | str = 0
    right: int | str = 0
    hanging: int = 0
    before: int = 0
    after: int = 0
    line: int = 240
    bottom_border: bool = False
    box: bool = False

    def ppr(self, *, extra: str = "", font: Font | None = None) -> str:
        parts = []
        if self.style:
            parts.append(f'<w:pStyle w:val="{self.style}"/>')
        if self.bottom_border or self.box:
            sides = ("top", "left", "bottom", "right") if self.box else ("bottom",)
            borders = "".join(f'<w:{side} w:val="single" w:sz="6" w:space="1" w:color="000000"/>' for side in sides)
            parts.append(f"<w:pBdr>{borders}</w:pBdr>")
        parts.append(
            f'<w:spacing w:before="{self.before}" w:after="{self.after}" w:line="{self.line}" w:lineRule="auto"/>'
        )
        indent = f'<w:ind w:left="{self.left}" w:right="{self.right}"'
        if self.hanging:
            indent += f' w:hanging="{self.hanging}"'
        else:
            indent += f' w:firstLine="{self.first_line}"'
        parts.append(indent + "/>")
        parts.append(f'<w:jc w:val="{self.align}"/>')
        if font is not None:
            parts.append(font.rpr())
        parts.append(extra)
        return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def run(text: str, font: Font) -> str:
    """A run of text; spaces are preserved."""
    return f'<w:r>{font.rpr()}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(text: str, font: Font, layout: Layout = Layout(), *, extra_ppr: str = "") -> str:
    """A paragraph of one run (no run at all when ``text`` is empty)."""
    body = run(text, font) if text else ""
    return f"<w:p>{layout.ppr(extra=extra_ppr, font=font)}{body}</w:p>"


def tag_paragraph(tag: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag ("{%p for x in xs %}"); it disappears on render."""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(tag)}</w:t></w:r></w:p>'


def page_number_field(font: Font) -> str:
    """The runs of a PAGE field."""
    rpr = font.rpr()
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def cell(content: str, width: int, *, borders: bool = False, valign: str = "top") -> str:
    """A table cell of ``width`` twips holding paragraphs ``content``."""
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if not borders:
        props.append(
            "<w:tcBorders>"
            + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right"))
            + "</w:tcBorders>"
        )
    props.append(f'<w:vAlign w:val="{valign}"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{content}</w:tc>"


def table(rows: list[str], widths: list[int], *, borders: bool, cell_margin: int, header_rows: int = 0) -> str:
    """A fixed-layout table of ``rows`` (each a string of cells) with column ``widths``."""
    border_xml = (
        "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        if borders
        else "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    )
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{border_xml}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body = []
    for index, row in enumerate(rows):
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if index < header_rows else "") + "</w:trPr>"
        body.append(f"<w:tr>{trpr}{row}</w:tr>")
    return f"<w:tbl>{tblpr}{grid}{''.join(body)}</w:tbl>"


def tag_row(tag: str) -> str:
    """The cell of a table row that holds only a docxtpl row tag ("{%tr for r in rows %}")."""
    return f'<w:tc><w:p><w:r><w:t xml:space="preserve">{escape(tag)}</w:t></w:r></w:p></w:tc>'
