"""WordprocessingML blocks of the bundled templates, built as lxml elements.

Each function returns a new element (a run, a paragraph, a table cell …) with
the formatting spelled out on it, so that a reader of the .docx (python-docx,
LibreOffice, the ND30 check) sees the ND30 size and style on every run.
Text, Jinja tags included, is text to lxml: it is escaped when the part is
serialised, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from congvan import nd30
from congvan.ooxml.build import Child, E, Element

Align = Literal["left", "center", "right", "both"]

FONT = nd30.FONT
_SIDES = ("top", "left", "bottom", "right")


@dataclass(frozen=True)
class Font:
    """Run formatting: size in points, bold, italic."""

    size: float = 14
    bold: bool = False
    italic: bool = False

    def rpr(self) -> Element:
        """``w:rPr``: Times New Roman for every script, weight, slant, size in half-points."""
        half_points = round(self.size * 2)
        return E(
            "w:rPr",
            E("w:rFonts", {"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT, "w:eastAsia": FONT}),
            [E("w:b"), E("w:bCs")] if self.bold else None,
            [E("w:i"), E("w:iCs")] if self.italic else None,
            E("w:sz", {"w:val": half_points}),
            E("w:szCs", {"w:val": half_points}),
        )


@dataclass(frozen=True)
class ParagraphProperties:
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
    keep_next: bool = False
    """Kept on the page of the paragraph after it (a heading never ends a page)."""

    def ppr(self, *, extra: Child = None, font: Font | None = None) -> Element:
        """``w:pPr``: style, borders, spacing, indents, alignment, the mark's run format, then ``extra``."""
        borders = None
        if self.bottom_border or self.box:
            sides = _SIDES if self.box else ("bottom",)
            borders = E(
                "w:pBdr",
                [E(f"w:{side}", {"w:val": "single", "w:sz": 6, "w:space": 1, "w:color": "000000"}) for side in sides],
            )
        indent = {"w:left": self.left, "w:right": self.right}
        if self.hanging:
            indent["w:hanging"] = self.hanging
        else:
            indent["w:firstLine"] = self.first_line
        return E(
            "w:pPr",
            E("w:pStyle", {"w:val": self.style}) if self.style else None,
            E("w:keepNext") if self.keep_next else None,
            borders,
            E("w:spacing", {"w:before": self.before, "w:after": self.after, "w:line": self.line, "w:lineRule": "auto"}),
            E("w:ind", indent),
            E("w:jc", {"w:val": self.align}),
            font.rpr() if font is not None else None,
            extra,
        )


def text(value: str) -> Element:
    """``w:t`` holding ``value`` with its spaces preserved."""
    return E("w:t", {"xml:space": "preserve"}, value)


def run(value: str, font: Font) -> Element:
    """A run of text; spaces are preserved."""
    return E("w:r", font.rpr(), text(value))


def paragraph(
    value: str, font: Font, layout: ParagraphProperties = ParagraphProperties(), *, extra_ppr: Child = None
) -> Element:
    """A paragraph of one run (no run at all when ``value`` is empty)."""
    return E("w:p", layout.ppr(extra=extra_ppr, font=font), run(value, font) if value else None)


def runs_paragraph(runs: Iterable[Element], font: Font, layout: ParagraphProperties = ParagraphProperties()) -> Element:
    """A paragraph of several ``runs`` (the mark formatted with ``font``)."""
    return E("w:p", layout.ppr(font=font), list(runs))


def tag_paragraph(tag: str) -> Element:
    """A paragraph holding only a docxtpl paragraph tag ("{%p for x in xs %}"); it disappears on render."""
    return E("w:p", E("w:r", text(tag)))


def page_number_field(font: Font) -> list[Element]:
    """The runs of a PAGE field (its shown result, before Word updates it, is 2)."""
    return [
        E("w:r", font.rpr(), E("w:fldChar", {"w:fldCharType": "begin"})),
        E("w:r", font.rpr(), E("w:instrText", {"xml:space": "preserve"}, " PAGE ")),
        E("w:r", font.rpr(), E("w:fldChar", {"w:fldCharType": "separate"})),
        E("w:r", font.rpr(), E("w:t", "2")),
        E("w:r", font.rpr(), E("w:fldChar", {"w:fldCharType": "end"})),
    ]


def cell(content: Child, width: int, *, borders: bool = False, valign: str = "top") -> Element:
    """A table cell of ``width`` twips holding the paragraphs ``content``."""
    return E(
        "w:tc",
        E(
            "w:tcPr",
            E("w:tcW", {"w:w": width, "w:type": "dxa"}),
            None if borders else E("w:tcBorders", [E(f"w:{side}", {"w:val": "nil"}) for side in _SIDES]),
            E("w:vAlign", {"w:val": valign}),
        ),
        content,
    )


def table(rows: list[Child], widths: list[int], *, borders: bool, cell_margin: int, header_rows: int = 0) -> Element:
    """A fixed-layout, centred table of ``rows`` (each its cells) with column ``widths``."""
    edges = (*_SIDES, "insideH", "insideV")
    line = {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"} if borders else {"w:val": "nil"}
    properties = E(
        "w:tblPr",
        E("w:tblW", {"w:w": sum(widths), "w:type": "dxa"}),
        E("w:jc", {"w:val": "center"}),
        E("w:tblBorders", [E(f"w:{edge}", line) for edge in edges]),
        E("w:tblLayout", {"w:type": "fixed"}),
        E(
            "w:tblCellMar",
            E("w:left", {"w:w": cell_margin, "w:type": "dxa"}),
            E("w:right", {"w:w": cell_margin, "w:type": "dxa"}),
        ),
        E("w:tblLook", {"w:val": "0000"}),
    )
    grid = E("w:tblGrid", [E("w:gridCol", {"w:w": width}) for width in widths])
    body = [
        E("w:tr", E("w:trPr", E("w:cantSplit"), E("w:tblHeader") if index < header_rows else None), row)
        for index, row in enumerate(rows)
    ]
    return E("w:tbl", properties, grid, body)


def tag_row(tag: str) -> Element:
    """The cell of a table row that holds only a docxtpl row tag ("{%tr for r in rows %}")."""
    return E("w:tc", E("w:p", E("w:r", text(tag))))
