"""Build invitation.docx, a user's own template (giấy mời họp), with python-docx.

This script is the template's text source: run ``python build_template.py``
after changing it, and commit both. ``test_invitation.py`` checks that the
committed .docx still matches what this script builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent


def build() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    def line(text: str, *, bold: bool = False, italic: bool = False, center: bool = False):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    line("{{ unit|upper }}", bold=True, center=True)
    line("GIẤY MỜI", bold=True, center=True)
    line("{{ place }}, {{ date_line }}", italic=True, center=True)
    line("Kính gửi: {{ guest }}")
    line("Trân trọng kính mời tham dự cuộc họp về {{ topic }}.")
    line("{%p for item in agenda %}")
    line("- {{ item }}")
    line("{%p endfor %}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Giờ", "Nội dung"
    table.cell(1, 0).text = "{%tr for slot in schedule %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ slot.time }}", "{{ slot.what }}"
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    line("Trân trọng./.")
    return document


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else HERE / "invitation.docx"
    build().save(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
