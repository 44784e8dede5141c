"""The register as an Excel workbook: a header row with the ten columns of Phụ lục IV, one row per entry.

Dates are real dates shown ``dd/mm/yyyy``; a voided number keeps its row, greyed, with
"Đã hủy số: <reason>" in Ghi chú. The sheet prints on landscape A4 with the header row
repeated on every page. `congvan.register.importing` reads this file back.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from congvan.register.books import Book
from congvan.register.columns import COLUMNS, note_text, signer_text, title_text
from congvan.register.entry import Entry
from congvan.register.packaging import repack

#: Column widths in characters, by column (Phụ lục IV order).
WIDTHS = (18, 12, 48, 22, 30, 18, 9, 12, 12, 24)
FONT = "Times New Roman"


def build_xlsx(book: Book, year: int, entries: Sequence[Entry]) -> bytes:
    """The workbook's bytes: the same entries give the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Năm {year}"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", start_color="E7E6E6", end_color="E7E6E6")
    # one named style per kind of cell: a style assigned once per cell, not font, border, fill one by one
    styles: dict[tuple[bool, str], str] = {}
    for voided in (False, True):
        for place, horizontal, number_format in (
            ("text", "left", "General"),
            ("centre", "center", "General"),
            ("date", "center", "dd/mm/yyyy"),
        ):
            name = f"Sổ: {place}{', đã hủy' if voided else ''}"
            workbook.add_named_style(
                NamedStyle(
                    name=name,
                    font=Font(name=FONT, size=12, italic=voided, color="595959" if voided else None),
                    fill=grey if voided else PatternFill(),
                    border=border,
                    alignment=Alignment(wrap_text=True, vertical="top", horizontal=horizontal),
                    number_format=number_format,
                )
            )
            styles[voided, place] = name
    head = NamedStyle(
        name="Sổ: đầu cột",
        font=Font(name=FONT, size=12, bold=True),
        border=border,
        alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
    )
    workbook.add_named_style(head)
    places = ("centre", "date", "text", "text", "text", "text", "centre", "date", "text", "text")

    for column, name in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=column, value=name).style = head.name
    for row, entry in enumerate(entries, start=2):
        values = (
            entry.number_symbol,
            entry.date,
            title_text(entry),
            signer_text(entry),
            entry.recipients,
            entry.archive,
            entry.copies,
            entry.sent_on,
            entry.received_by,
            note_text(entry),
        )
        for column, (value, place) in enumerate(zip(values, places, strict=True), start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.style = styles[entry.voided, place]
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    stamp = max((e.date for e in entries), default=dt.date(year, 1, 1))
    properties = workbook.properties
    properties.title = f"{book.title} năm {year}"
    properties.creator = "congvan"
    properties.lastModifiedBy = "congvan"
    properties.created = properties.modified = dt.datetime(stamp.year, stamp.month, stamp.day)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return repack(buffer.getvalue())
