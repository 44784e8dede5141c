"""The register printed on paper (ND30 Điều 16.2.b): a landscape A4 .docx with the cover and the ten columns.

Built with python-docx and lxml elements (never XML text):

- Cover, after the model of Phụ lục IV, mục I.1 ("Bìa và trang đầu"): the parent body, the
  issuing body, "SỔ ĐĂNG KÝ VĂN BẢN ĐI", Năm, Từ ngày … đến ngày …, Từ số … đến số …, Quyển số.
- The table of Phụ lục IV, mục I.2: the ten column names and their numbers (1)…(10) as
  header rows repeated on every page, one row per entry, a row never split over two pages.
- Page (Phụ lục I, Phần I): A4 laid sideways, as Phụ lục I.I.2 allows for a document made of
  tables; margins top and bottom 20 mm, left 30 mm (the binding side), right 15 mm
  (Phụ lục I.I.3); Times New Roman (I.4); page numbers in Arabic digits, 13 pt, centred
  in the top margin, none on the first page, the cover (I.7).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from congvan.register.books import Book
from congvan.register.columns import COLUMNS, cells
from congvan.register.entry import Entry, format_number
from congvan.register.packaging import repack
from congvan.vietnamese import format_short_date

FONT = "Times New Roman"
#: Column widths in twips, summing to the text width of landscape A4 less 30 + 15 mm (14,287):
#: "135/BTTTT-TTĐN" and "31/12/2024" fit on one line, "lượng" does not break.
WIDTHS = (2000, 1300, 2650, 1450, 1650, 1150, 800, 1300, 900, 1087)
#: Left and right padding of a cell, in twips (1.5 mm).
CELL_MARGIN = 85
COVER_WIDTH = 9640  # 170 mm
#: Columns whose content is centred: number and symbol, dates, copies.
CENTRED = frozenset({0, 1, 6, 7})
BODY_SIZE = Pt(11)  # ND30 sets no size for a register's cells; 11 as for Nơi nhận (Phụ lục I.II.9)
PAGE_NUMBER_SIZE = Pt(13)  # Phụ lục I.I.7: 13–14
BODY_NAME_SIZE = Pt(13)  # Phụ lục I.II.2: names of bodies 12–13, the issuing body bold
TITLE_SIZE = Pt(20)
COVER_SIZE = Pt(14)
BLANK = "…………"


def _fonts(element) -> None:  # type: ignore[no-untyped-def]
    """Times New Roman for every script on an ``rPr`` element (Vietnamese needs ``w:hAnsi`` too)."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _set_up_styles(document) -> None:  # type: ignore[no-untyped-def]
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(defaults)
    lang = defaults.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    _fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _run(paragraph, text: str, *, size: Pt, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    _fonts(run._r.get_or_add_rPr())


def _paragraph(container, text: str, *, size: Pt, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, before=0):  # type: ignore[no-untyped-def]
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _bottom_rule(paragraph, indent: Twips) -> None:  # type: ignore[no-untyped-def]
    """A rule under ``paragraph``'s line, ``indent`` in from each side (the rule under the issuing body)."""
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def _page_number(paragraph) -> None:  # type: ignore[no-untyped-def]
    """A PAGE field, as fldChar runs built element by element."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = PAGE_NUMBER_SIZE
        run.font.name = FONT
        _fonts(run._r.get_or_add_rPr())
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text


def _set_up_page(document) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(header)


def _row_properties(row, *, header: bool) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _fixed_layout(table, widths: Sequence[int], margin: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Column ``widths`` in twips, kept as given (fixed layout), and the cells' left and right ``margin``."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    if margin is not None:
        margins = OxmlElement("w:tblCellMar")
        for side in ("w:left", "w:right"):
            element = OxmlElement(side)
            element.set(qn("w:w"), str(margin))
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        properties.append(margins)
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(value))


def _fill(cell, text: str, index: int, *, head: bool = False, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    cell.width = Twips(WIDTHS[index])
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for number, line in enumerate(lines):
        paragraph = first if number == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if (head or index in CENTRED) else WD_ALIGN_PARAGRAPH.LEFT
        if line:
            _run(paragraph, line, size=BODY_SIZE, bold=bold, italic=italic)


def _cover(document, book: Book, year: int, entries: Sequence[Entry], book_number: int) -> None:  # type: ignore[no-untyped-def]
    _paragraph(document, "", size=COVER_SIZE, before=48)
    box = document.add_table(rows=1, cols=1)
    box.style = document.styles["Table Grid"]
    box.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_layout(box, (COVER_WIDTH,))
    cell = box.rows[0].cells[0]
    cell.width = Twips(COVER_WIDTH)
    cell.paragraphs[0].paragraph_format.space_before = Pt(36)
    if book.parent_name:
        _run(cell.paragraphs[0], book.parent_name.upper(), size=BODY_NAME_SIZE)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        organ = _paragraph(cell, book.organ_name.upper() or BLANK, size=BODY_NAME_SIZE, bold=True)
    else:
        organ = cell.paragraphs[0]
        organ.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(organ, book.organ_name.upper() or BLANK, size=BODY_NAME_SIZE, bold=True)
    rule = _paragraph(cell, "", size=Pt(3))
    _bottom_rule(rule, Mm(70))
    _paragraph(cell, book.title.upper(), size=TITLE_SIZE, bold=True, before=60)
    first, last = (entries[0], entries[-1]) if entries else (None, None)
    _paragraph(cell, f"Năm: {year}", size=COVER_SIZE, bold=True, before=36)
    since = format_short_date(min(e.date for e in entries)) if entries else BLANK
    until = format_short_date(max(e.date for e in entries)) if entries else BLANK
    _paragraph(cell, f"Từ ngày {since} đến ngày {until}", size=COVER_SIZE, before=12)
    low = format_number(first.number) if first else BLANK
    high = format_number(last.number) if last else BLANK
    _paragraph(cell, f"Từ số {low} đến số {high}", size=COVER_SIZE, before=12)
    bottom = _paragraph(cell, f"Quyển số: {book_number}", size=COVER_SIZE, before=12)
    bottom.paragraph_format.space_after = Pt(36)


def _register_table(document, book: Book, year: int, entries: Sequence[Entry]) -> None:  # type: ignore[no-untyped-def]
    heading = _paragraph(document, f"{book.title.upper()} NĂM {year}", size=BODY_NAME_SIZE, bold=True)
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.space_after = Pt(6)
    table = document.add_table(rows=2, cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table, WIDTHS, CELL_MARGIN)
    for index, name in enumerate(COLUMNS):
        _fill(table.rows[0].cells[index], name, index, head=True, bold=True)
        _fill(table.rows[1].cells[index], f"({index + 1})", index, head=True)
    for row in table.rows:
        _row_properties(row, header=True)
    # One formatted row is built with python-docx, then copied element by element for every entry
    # (python-docx's setters cost milliseconds a cell: a year of 3,000 entries would take half a minute).
    plain, voided = _row_templates(table)
    for entry in entries:
        row = copy.deepcopy(voided if entry.voided else plain)
        for cell, text in zip(row.iterchildren(qn("w:tc")), cells(entry), strict=True):
            _set_lines(cell, text)
        table._tbl.append(row)


def _row_templates(table):  # type: ignore[no-untyped-def]
    """A data row formatted as every entry's (one run per cell), and the same row for a voided entry."""
    row = table.add_row()
    _row_properties(row, header=False)
    for index, cell in enumerate(row.cells):
        _fill(cell, "x", index)
    plain = row._tr
    table._tbl.remove(plain)
    voided = copy.deepcopy(plain)
    note = list(voided.iterchildren(qn("w:tc")))[-1]
    for properties in note.iter(qn("w:rPr")):
        properties.append(OxmlElement("w:i"))
    return plain, voided


def _set_lines(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put ``text`` into a template cell: its one paragraph copied for each line, its run holding the line."""
    first = cell.find(qn("w:p"))
    model = copy.deepcopy(first)
    previous = first
    for number, line in enumerate(text.split("\n")):
        paragraph = first if number == 0 else copy.deepcopy(model)
        if number:
            previous.addnext(paragraph)
            previous = paragraph
        run = paragraph.find(qn("w:r"))
        if line:
            text_element = run.find(qn("w:t"))
            text_element.text = line
            text_element.set(qn("xml:space"), "preserve")
        else:
            paragraph.remove(run)


def build_docx(book: Book, year: int, entries: Sequence[Entry], *, book_number: int = 1) -> bytes:
    """The register's .docx bytes for ``entries`` of ``year``: the same entries give the same bytes."""
    document = Document()
    _set_up_styles(document)
    _set_up_page(document)
    _cover(document, book, year, entries, book_number)
    _register_table(document, book, year, entries)
    stamp = max((e.date for e in entries), default=dt.date(year, 1, 1))
    properties = document.core_properties
    properties.title = f"{book.title} năm {year}"
    properties.author = properties.last_modified_by = "congvan"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(stamp.year, stamp.month, stamp.day)
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue())
