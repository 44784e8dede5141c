"""The templates of every model of Phụ lục III besides the công văn, from the shared blocks.

Each template is the shared header (`congvan.template_blocks.header_block`, without V/v),
the tên loại and trích yếu with the rule under them, the kind's own block (thẩm quyền,
căn cứ and "QUYẾT ĐỊNH:"; "… điện:"; "Kính gửi"), the content's lines in their six
styles (`congvan.documents.content`) and the signature band. The contexts are
`congvan.documents.administrative`'s. ``congvan new-template KIND`` writes them out.
"""

from __future__ import annotations

from collections.abc import Callable

from congvan import anchors, nd30
from congvan import layout as geo
from congvan.nd30 import structure
from congvan.ooxml.wordml import Font, ParagraphProperties, cell, paragraph, run, runs_paragraph, table, tag_paragraph
from congvan.template_blocks import (
    ANNEX_ATTACHED_FONT,
    ANNEX_HEADING_FONT,
    ANNEX_TITLE_FONT,
    BODY,
    CENTER,
    RECIPIENTS_FONT,
    RECIPIENTS_HEADING_FONT,
    SIGNER_FONT,
    SINGLE,
    TEXT_FONT,
    Fragment,
    addressee_block,
    component_font,
    conditional,
    hairline,
    header_block,
    loop,
    package,
    rule_paragraph,
    signature_block,
    with_bookmarks,
)

TYPE_NAME_FONT = component_font(nd30.TYPE_NAME, geo.SIZES["TYPE_NAME"])
TYPE_SUBJECT_FONT = component_font(nd30.TYPE_SUBJECT, geo.SIZES["TYPE_SUBJECT"])
BASES_FONT = component_font(nd30.BASES, geo.SIZES["BASES"])
LABEL_FONT = component_font(structure.PART_LABEL, geo.SIZES["STRUCTURE"])
CAPTION_FONT = component_font(structure.PART_TITLE, geo.SIZES["STRUCTURE"])
ARTICLE_FONT = component_font(structure.ARTICLE, geo.SIZES["STRUCTURE"])
STRONG_FONT = component_font(structure.CLAUSE_TITLE, geo.SIZES["STRUCTURE"])
# congvan's own: the thẩm quyền line and "QUYẾT ĐỊNH:" as the tên loại (capitals, bold), which the models print.
AUTHORITY_LINE_FONT = TYPE_NAME_FONT
CONFIRMATION_FONT = Font(13, italic=True)


def title_block(*, attached: bool = False) -> Fragment:
    """Ô 5a: the tên loại, the trích yếu under it, ("(Kèm theo …)" for an issued text), and the rule."""
    return [
        paragraph("{{ type_name }}", TYPE_NAME_FONT, ParagraphProperties(align="center", before=360)),
        *loop("line", "subject_lines", paragraph("{{ line }}", TYPE_SUBJECT_FONT, CENTER)),
        *([paragraph("{{ attached_line }}", ANNEX_ATTACHED_FONT, CENTER)] if attached else []),
        rule_paragraph("{{ title_rule_indent }}"),
        paragraph("", Font(6), ParagraphProperties(after=0)),
    ]


def authority_block() -> Fragment:
    """Mẫu 1.1–1.3: THẨM QUYỀN BAN HÀNH, the căn cứ lines in italics, then "QUYẾT ĐỊNH:" or "QUYẾT NGHỊ:"."""
    return [
        paragraph("{{ authority }}", AUTHORITY_LINE_FONT, ParagraphProperties(align="center", before=120, after=120)),
        *loop("basis", "bases", paragraph("{{ basis }}", BASES_FONT, BODY)),
        paragraph("{{ decides }}", AUTHORITY_LINE_FONT, ParagraphProperties(align="center", before=240, after=120)),
    ]


def content_block() -> Fragment:
    """Ô 6: each line of ``content`` in its style — label, caption, article, strong, centred or text."""
    centred_label = ParagraphProperties(align="center", before=240, keep_next=True)
    caption = ParagraphProperties(align="center", keep_next=True)
    heading = ParagraphProperties(
        align="both", first_line=geo.BODY_INDENT, before=geo.BODY_SPACE_BEFORE, keep_next=True
    )
    return [
        tag_paragraph("{%p for item in content %}"),
        tag_paragraph("{%p if item.style == 'label' %}"),
        paragraph("{{ item.text }}", LABEL_FONT, centred_label),
        tag_paragraph("{%p elif item.style == 'caption' %}"),
        paragraph("{{ item.text }}", CAPTION_FONT, caption),
        tag_paragraph("{%p elif item.style == 'article' %}"),
        runs_paragraph([run("{{ item.lead }}", ARTICLE_FONT), run("{{ item.text }}", TEXT_FONT)], TEXT_FONT, heading),
        tag_paragraph("{%p elif item.style == 'strong' %}"),
        paragraph("{{ item.text }}", STRONG_FONT, heading),
        tag_paragraph("{%p elif item.style == 'centred' %}"),
        paragraph("{{ item.text }}", TEXT_FONT, ParagraphProperties(align="center", before=geo.BODY_SPACE_BEFORE)),
        tag_paragraph("{%p else %}"),
        paragraph("{{ item.text }}", TEXT_FONT, BODY),
        tag_paragraph("{%p endif %}"),
        tag_paragraph("{%p endfor %}"),
    ]


def telegram_block() -> Fragment:
    """Mẫu 1.6: "… điện:" centred in capitals, then the bodies it goes to, "- …;" one per line."""
    return [
        paragraph("{{ sender_line }}", TYPE_NAME_FONT, ParagraphProperties(align="center", before=240, after=120)),
        *loop(
            "line",
            "telegram_addressees",
            paragraph("{{ line }}", TEXT_FONT, ParagraphProperties(left=geo.ADDRESSEE_INDENT + 567)),
        ),
    ]


def two_signatures_block() -> Fragment:
    """Mẫu 1.9: THƯ KÝ on the left, CHỦ TỌA on the right, each with its name; Nơi nhận under them."""

    def signer(context: str, *, anchored: bool = False) -> Fragment:
        """Title lines, room for the signature, the name; ``anchored``: the bookmarks of `congvan.anchors`."""
        space = [paragraph("", TEXT_FONT, CENTER) for _ in range(4)]
        name = paragraph(f"{{{{ {context}.name }}}}", SIGNER_FONT, CENTER)
        if anchored:  # the chủ tọa signs for the body (ô 7c), as the signer of every other kind
            space[0] = with_bookmarks(space[0], SINGLE.mark(anchors.SIGNATURE, 5))
            name = with_bookmarks(name, SINGLE.mark(anchors.SIGNER_NAME, 6))
        return [*loop("line", f"{context}.lines", paragraph("{{ line }}", SIGNER_FONT, CENTER)), *space, name]

    half = geo.TEXT_WIDTH // 2
    recipients = [
        paragraph(nd30.RECIPIENTS_HEADING.text, RECIPIENTS_HEADING_FONT, ParagraphProperties(align="left", before=240)),
        *loop("line", "recipients", paragraph("{{ line }}", RECIPIENTS_FONT, ParagraphProperties(align="left"))),
    ]
    rows = [
        [cell(signer("secretary_signature"), half), cell(signer("signature", anchored=True), geo.TEXT_WIDTH - half)],
        [cell(recipients, half), cell(paragraph("", TEXT_FONT), geo.TEXT_WIDTH - half)],
    ]
    spacer = paragraph("", TEXT_FONT, ParagraphProperties(after=120))
    return [spacer, table(rows, [half, geo.TEXT_WIDTH - half], borders=False, cell_margin=geo.CELL_MARGIN)]


def confirmation_block() -> Fragment:
    """Mẫu 1.10: the block for the confirmation of the place of leave, under the signature band, on the left."""
    words = [
        paragraph("Xác nhận của cơ quan (tổ chức) hoặc", CONFIRMATION_FONT, CENTER),
        paragraph("chính quyền địa phương nơi nghỉ phép", CONFIRMATION_FONT, CENTER),
        paragraph("(nếu cần)", CONFIRMATION_FONT, CENTER),
        paragraph("(Chữ ký, dấu)", CONFIRMATION_FONT, ParagraphProperties(align="center", before=120)),
        *(paragraph("", TEXT_FONT, CENTER) for _ in range(4)),
    ]
    band = table(
        [[cell(words, geo.SIGNATURE_LEFT + 600), cell(paragraph("", TEXT_FONT), geo.SIGNATURE_RIGHT - 600)]],
        [geo.SIGNATURE_LEFT + 600, geo.SIGNATURE_RIGHT - 600],
        borders=False,
        cell_margin=geo.CELL_MARGIN,
    )
    return conditional("confirmation", [paragraph("", TEXT_FONT, ParagraphProperties(after=120)), band])


def _document(body: Fragment) -> bytes:
    return package([*body, hairline()], title="{{ type_name }}")


def resolution_template() -> bytes:
    """templates/nghi-quyet.docx: Mẫu 1.1."""
    return _document(
        header_block(with_subject=False) + title_block() + authority_block() + content_block() + signature_block()
    )


def decision_template() -> bytes:
    """templates/quyet-dinh.docx: Mẫu 1.2 and 1.3."""
    return _document(
        header_block(with_subject=False) + title_block() + authority_block() + content_block() + signature_block()
    )


def attached_text_template() -> bytes:
    """templates/van-ban-kem-theo.docx: the quy chế or quy định of Mẫu 1.3, with no number, date or signature."""
    return _document(header_block(with_subject=False, with_number=False) + title_block(attached=True) + content_block())


def named_template() -> bytes:
    """templates/van-ban-co-ten-loai.docx: Mẫu 1.4, "Kính gửi" when the data gives addressees."""
    addressed = conditional("addressee_single or addressee_lines", addressee_block())
    return _document(header_block(with_subject=False) + title_block() + addressed + content_block() + signature_block())


def telegram_template() -> bytes:
    """templates/cong-dien.docx: Mẫu 1.6."""
    return _document(
        header_block(with_subject=False) + title_block() + telegram_block() + content_block() + signature_block()
    )


def form_template() -> bytes:
    """templates/giay-moi.docx and giay-gioi-thieu.docx: Mẫu 1.7 and 1.8, the form's lines as the content."""
    return _document(header_block(with_subject=False) + title_block() + content_block() + signature_block())


def minutes_template() -> bytes:
    """templates/bien-ban.docx: Mẫu 1.9, no place and date line, two signatures."""
    return _document(
        header_block(with_subject=False, with_date=False) + title_block() + content_block() + two_signatures_block()
    )


def leave_note_template() -> bytes:
    """templates/giay-nghi-phep.docx: Mẫu 1.10, with the confirmation block."""
    return _document(
        header_block(with_subject=False) + title_block() + content_block() + signature_block() + confirmation_block()
    )


def annex_template() -> bytes:
    """templates/phu-luc.docx: Mẫu 2.1, an annex on its own: no header, its heading, title, "(Kèm theo …)"."""
    return package(
        [
            paragraph("{{ annex_heading }}", ANNEX_HEADING_FONT, CENTER),
            paragraph("{{ annex_title }}", ANNEX_TITLE_FONT, CENTER),
            paragraph("{{ attached_line }}", ANNEX_ATTACHED_FONT, CENTER),
            rule_paragraph(geo.TEXT_WIDTH // 2 - 800),
            paragraph("", Font(6), ParagraphProperties(after=120)),
            *content_block(),
            hairline(),
        ],
        title="{{ annex_heading }}",
    )


#: Every model's bundled template: file name → builder.
MODEL_TEMPLATES: dict[str, Callable[[], bytes]] = {
    "nghi-quyet.docx": resolution_template,
    "quyet-dinh.docx": decision_template,
    "van-ban-kem-theo.docx": attached_text_template,
    "van-ban-co-ten-loai.docx": named_template,
    "cong-dien.docx": telegram_template,
    "giay-moi.docx": form_template,
    "giay-gioi-thieu.docx": form_template,
    "bien-ban.docx": minutes_template,
    "giay-nghi-phep.docx": leave_note_template,
    "phu-luc.docx": annex_template,
}
