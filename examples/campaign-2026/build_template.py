"""Build letter.docx, the 2026 campaign's template, from congvan's own ND30 blocks.

The header (ô 1–5b), the signature band and Nơi nhận (ô 7, 9b) are those of the bundled
công văn; only Kính gửi and the body are the campaign's: one letter per provincial
People's Committee, ``unit`` being the unit `congvan merge --units` resolved for the row.
This script is the template's text source: ``python build_template.py`` after a change,
and commit both (the example's test checks that they match).
"""

from __future__ import annotations

import sys
from pathlib import Path

from congvan import layout as geometry
from congvan.ooxml.build import Element
from congvan.ooxml.wordml import ParagraphProperties, paragraph, run, runs_paragraph, tag_paragraph
from congvan.template_blocks import (
    BODY,
    TEXT_FONT,
    body_paragraph,
    conditional,
    hairline,
    header_block,
    loop,
    package,
    signature_block,
)

HERE = Path(__file__).resolve().parent


def addressee() -> Element:
    """Ô 9a: "Kính gửi: Ủy ban nhân dân tỉnh …", one committee per letter."""
    label = "Kính gửi: "
    label_width = geometry.text_width(label, TEXT_FONT.size)
    layout = ParagraphProperties(
        align="left", left=geometry.ADDRESSEE_INDENT + label_width, hanging=label_width, before=360, after=120
    )
    return runs_paragraph([run(label, TEXT_FONT), run("{{ unit.committee }}", TEXT_FONT)], TEXT_FONT, layout)


def body() -> list[Element]:
    """The paragraphs of ô 6: the shared opening, then the row's own situation, then the shared close."""
    received = paragraph(
        "{{ issuer }} đã nhận được Kế hoạch số {{ ke_hoach_so }} ngày {{ ke_hoach_ngay|vn_short_date }} "
        "của {{ unit.committee }} và đề nghị Quý Ủy ban tổ chức thực hiện, báo cáo kết quả trước "
        "{{ han_bao_cao|vn_date }}.",
        TEXT_FONT,
        BODY,
    )
    missing = paragraph(
        "Đến nay, {{ issuer }} chưa nhận được Kế hoạch của {{ unit.committee }}. Đề nghị Quý Ủy ban chỉ đạo "
        "xây dựng, ban hành Kế hoạch và gửi về {{ issuer }} trước {{ han_bao_cao|vn_date }}.",
        TEXT_FONT,
        BODY,
    )
    merged = paragraph(
        "Kế hoạch cần bao quát địa bàn của các đơn vị hành chính đã hợp nhất vào {{ unit.designation }} "
        "từ ngày 01 tháng 7 năm 2025: "
        "{% for p in unit.predecessors %}{{ p.designation }}{{ ', ' if not loop.last else '.' }}{% endfor %}",
        TEXT_FONT,
        BODY,
    )
    return [
        *loop("text", "paragraphs", body_paragraph("text")),
        tag_paragraph("{%p if ke_hoach_so %}"),
        received,
        tag_paragraph("{%p else %}"),
        missing,
        tag_paragraph("{%p endif %}"),
        *conditional("unit.predecessors|length > 1", merged),
        *loop("text", "closing_paragraphs", body_paragraph("text")),
        body_paragraph("closing"),
    ]


def template() -> bytes:
    letter = [*header_block(), addressee(), *body(), *signature_block(), hairline()]
    return package(letter, title="{{ subject_line }}")


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else HERE / "letter.docx"
    target.write_bytes(template())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
