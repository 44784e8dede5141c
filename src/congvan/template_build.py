"""Build the bundled .docx templates from this text source (``python -m congvan.template_build``).

This module is the reviewable source of ``templates/*.docx``: the công văn
(Mẫu 1.5) and the 2020 follow-up letters here, every other model of Phụ lục III
in `congvan.template_models`, all from the blocks of `congvan.template_blocks`.
The follow-up letters' own sentences are data
(``data/follow-up-2020-wording.yaml``). The build is deterministic, and a test
rebuilds the templates and compares them with the committed files byte for byte.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from congvan.campaigns.followup import wording
from congvan.ooxml.build import E, Element
from congvan.ooxml.wordml import paragraph, tag_paragraph
from congvan.template_blocks import (
    BODY,
    COMBINED,
    SINGLE,
    TEXT_FONT,
    Anchors,
    Fragment,
    addressee_block,
    annex_block,
    body_paragraph,
    conditional,
    directive_body,
    hairline,
    header_block,
    loop,
    package,
    section_properties,
    signature_block,
)
from congvan.template_models import MODEL_TEMPLATES

# ------------------------------------------------------------------------ the 2020 follow-up

#: The wording of the follow-up's own paragraphs (`follow_up_body`), with its source.
FOLLOW_UP_WORDING = wording.FILE


def follow_up_wording() -> dict[str, str]:
    """The follow-up's paragraphs by name, read from ``data/follow-up-2020-wording.yaml`` (`wording.read`)."""
    return wording.read(FOLLOW_UP_WORDING).paragraphs


def follow_up_body() -> Fragment:
    """The body of a follow-up letter to one province: which paragraphs appear depends on its row."""
    wording = follow_up_wording()
    return [
        body_paragraph("opening"),
        tag_paragraph("{%p if status.plan_received %}"),
        paragraph(wording["received"], TEXT_FONT, BODY),
        tag_paragraph("{%p else %}"),
        paragraph(wording["missing"], TEXT_FONT, BODY),
        tag_paragraph("{%p endif %}"),
        *conditional("not status.has_regulation", paragraph(wording["regulation"], TEXT_FONT, BODY)),
        *conditional("not status.kpi_submitted", paragraph(wording["kpi"], TEXT_FONT, BODY)),
        *loop("text", "closing_paragraphs", body_paragraph("text")),
        body_paragraph("closing"),
    ]


def follow_up_letter(marks: Anchors = SINGLE) -> Fragment:
    """One follow-up letter: the shared header, Kính gửi, body and signature blocks."""
    return header_block(marks) + addressee_block() + follow_up_body() + signature_block(marks)


#: The names a follow-up letter's context has; the combined template binds them per letter.
FOLLOW_UP_FIELDS = (
    "header",
    "number_line",
    "number_blank",
    "date_line",
    "date_blank",
    "subject_line",
    "marks",
    "addressee_single",
    "addressee_lines",
    "opening",
    "status",
    "committee",
    "designation",
    "plan_deadline",
    "kpi_deadline",
    "regulation_basis",
    "closing_paragraphs",
    "closing",
    "signature",
    "recipients",
)


def letter_bookmark() -> Element:
    """A hairline paragraph holding the bookmark ``letter001``, ``letter002`` … of the letter that follows
    (`congvan.campaigns.followup.pdfs.LETTER_BOOKMARK`)."""
    number = "{{ loop.index }}"
    name = "letter{{ '%03d' % loop.index }}"
    return hairline([E("w:bookmarkStart", {"w:id": number, "w:name": name}), E("w:bookmarkEnd", {"w:id": number})])


def follow_up_combined() -> Fragment:
    """All follow-up letters in one document for printing: one section each, page numbers restarting."""
    bindings = ", ".join(f"{name}=letter.{name}" for name in FOLLOW_UP_FIELDS)
    section_break = hairline(properties=section_properties())
    return [
        tag_paragraph("{%p for letter in letters %}"),
        tag_paragraph(f"{{%p with {bindings} %}}"),
        *conditional("not loop.first", section_break),
        letter_bookmark(),
        *follow_up_letter(COMBINED),
        tag_paragraph("{%p endwith %}"),
        tag_paragraph("{%p endfor %}"),
        hairline(),
    ]


def congvan_template() -> bytes:
    """templates/congvan.docx: a công văn with numbered tasks, signature band and annexes."""
    body = header_block() + addressee_block() + directive_body() + signature_block() + annex_block()
    return package(body, title="{{ subject_line }}")


def follow_up_template() -> bytes:
    """templates/follow-up.docx: a follow-up công văn to one province."""
    return package([*follow_up_letter(), hairline()], title="{{ subject_line }}")


def follow_up_combined_template() -> bytes:
    """templates/follow-up-combined.docx: every follow-up letter in one file, each its own section."""
    return package(follow_up_combined(), title="Các công văn gửi Ủy ban nhân dân các tỉnh, thành phố")


#: Every bundled template: file name → builder.
TEMPLATES: dict[str, Callable[[], bytes]] = {
    "congvan.docx": congvan_template,
    "follow-up.docx": follow_up_template,
    "follow-up-combined.docx": follow_up_combined_template,
    **MODEL_TEMPLATES,
}


def build_all(folder: Path) -> list[Path]:
    """Write every bundled template into ``folder``; return their paths."""
    written = []
    for name, builder in TEMPLATES.items():
        path = folder / name
        path.write_bytes(builder())
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "templates"
    for path in build_all(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
