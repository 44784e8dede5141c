"""Build the bundled .docx templates from this text source (``python -m congvan.template_build``).

This module is the reviewable source of ``templates/congvan.docx``: the
layout of Mẫu 1.5 (công văn) by ND30 Phụ lục I, written as WordprocessingML
with docxtpl tags where data goes. The build is deterministic (fixed zip
timestamps and member order), and a test rebuilds the templates and compares
them with the committed files byte for byte.

The blocks — header (ô 1–5b), Kính gửi (ô 9a), signature band (ô 7, 9b),
annexes, page setup — are functions, so that every template of the project
shares them; a template only supplies its body.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from congvan import anchors, nd30
from congvan import layout as geo
from congvan.wordml import (
    FONT,
    R_NS,
    W_NS,
    Font,
    Layout,
    cell,
    page_number_field,
    paragraph,
    run,
    table,
    tag_paragraph,
    tag_row,
)

NATIONAL_TITLE = nd30.NATIONAL_TITLE.text
MOTTO = nd30.MOTTO.text


def component_font(component: nd30.TextStyle, size: float) -> Font:
    """The font of an ND30 ``component`` at ``size`` pt: weight and slant from the decree, the size within its range."""
    if not component.allows(size):
        low, high = component.sizes
        sizes = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        raise ValueError(f"{component.name} (ND30 {component.source}) is {sizes} pt, not {size:g} pt")
    return Font(size, bold=component.bold, italic=component.italic)


# Sizes chosen within the ranges of ND30 Phụ lục I (`congvan.layout.SIZES`); weight and slant are the
# decree's (`congvan.nd30`).
NATIONAL_TITLE_FONT = component_font(nd30.NATIONAL_TITLE, geo.SIZES["NATIONAL_TITLE"])
MOTTO_FONT = component_font(nd30.MOTTO, geo.SIZES["MOTTO"])
PARENT_FONT = component_font(nd30.PARENT_BODY, geo.SIZES["PARENT_BODY"])
BODY_NAME_FONT = component_font(nd30.ISSUING_BODY, geo.SIZES["ISSUING_BODY"])
NUMBER_FONT = component_font(nd30.NUMBER, geo.SIZES["NUMBER"])
DATE_FONT = component_font(nd30.PLACE_DATE, geo.SIZES["PLACE_DATE"])
SUBJECT_FONT = component_font(nd30.SUBJECT, geo.SIZES["SUBJECT"])
URGENCY_FONT = component_font(nd30.URGENCY, geo.SIZES["URGENCY"])
TEXT_FONT = component_font(nd30.BODY_TEXT, geo.SIZES["BODY_TEXT"])
SIGNER_FONT = component_font(nd30.SIGNER, geo.SIZES["SIGNER"])
RECIPIENTS_HEADING_FONT = component_font(nd30.RECIPIENTS_HEADING, geo.SIZES["RECIPIENTS_HEADING"])
RECIPIENTS_FONT = component_font(nd30.RECIPIENTS, geo.SIZES["RECIPIENTS"])
PAGE_NUMBER_FONT = component_font(nd30.PAGE_NUMBER, geo.SIZES["PAGE_NUMBER"])
ANNEX_HEADING_FONT = component_font(nd30.ANNEX_HEADING, geo.SIZES["ANNEX_HEADING"])
ANNEX_TITLE_FONT = component_font(nd30.ANNEX_TITLE, geo.SIZES["ANNEX_TITLE"])
ANNEX_ATTACHED_FONT = component_font(nd30.ANNEX_ATTACHED, geo.SIZES["ANNEX_ATTACHED"])
# congvan's own: the annex's table (ND30 leaves it to the document) and the rule's paragraph mark.
ANNEX_TABLE_FONT = Font(13)
ANNEX_TABLE_HEAD_FONT = Font(13, bold=True)
RULE_FONT = Font(3)  # the paragraph mark that carries a rule as its bottom border

CENTER = Layout(align="center")
BODY = Layout(align="both", first_line=geo.BODY_INDENT, before=geo.BODY_SPACE_BEFORE)

#: A paragraph 1 pt high: ends a section or the document without taking a line of the page.
HAIRLINE_SPACING = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'


def hairline(inner: str = "", properties: str = "") -> str:
    """A paragraph 1 pt high, holding ``inner`` (a bookmark) and ending a section when given its ``properties``."""
    return f"<w:p><w:pPr>{HAIRLINE_SPACING}{RULE_FONT.rpr()}{properties}</w:pPr>{inner}</w:p>"


#: Fixed zip timestamp, so that a build gives the same bytes every time.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- blocks


def _rule(indent: int | str) -> str:
    """An empty paragraph whose bottom border is a centred rule ``indent`` twips in from each side."""
    return paragraph("", RULE_FONT, Layout(align="center", left=indent, right=indent, bottom_border=True))


def bookmark(name: str, ident: str) -> str:
    """An empty Word bookmark (start and end together) called ``name``, with the id ``ident``."""
    return f'<w:bookmarkStart w:id="{ident}" w:name="{name}"/><w:bookmarkEnd w:id="{ident}"/>'


@dataclass(frozen=True)
class Anchors:
    """How the bookmarks of `congvan.anchors` are written in one template.

    A single letter names them as they are (``cv_signature``) with the ids 101–106; a combined file
    (``combined``) adds the letter's place to each name (``cv_signature_001``, `anchors.numbered`) and
    gives each letter its own ids (100011–100016 for the first; ``letter001`` … have 1 …).
    """

    combined: bool = False

    def mark(self, name: str, slot: int) -> str:
        """The bookmark ``name`` (text or a Jinja expression), the ``slot``-th of the letter (1–9)."""
        if not self.combined:
            return bookmark(name, str(100 + slot))
        return bookmark(f"{name}_{{{{ '%03d' % loop.index }}}}", f"{{{{ 100000 + loop.index * 10 + {slot} }}}}")

    def blank_or_given(self, name: str, flag: str, slot: int) -> str:
        """The bookmark ``name`` where the context's ``flag`` says the draft leaves it blank, else `anchors.given`."""
        return self.mark(f"{{{{ '{name}' if {flag} else '{anchors.given(name)}' }}}}", slot)


SINGLE = Anchors()
COMBINED = Anchors(combined=True)


def with_bookmarks(paragraph_xml: str, start: str = "", end: str = "") -> str:
    """``paragraph_xml`` with bookmarks ``start`` before its first run and ``end`` after its last."""
    head, close, rest = paragraph_xml.partition("</w:pPr>")
    if not close:  # pragma: no cover - every paragraph here has properties
        raise ValueError("a paragraph without w:pPr")
    body = rest.removesuffix("</w:p>")
    return f"{head}{close}{start}{body}{end}</w:p>"


def header_block(marks: Anchors = SINGLE) -> str:
    """Ô 1–5b, 10a and 10b: body name with its rule, motto with its rule, Số and date on one row, V/v.

    The number and date lines carry the bookmarks `congvan.anchors.NUMBER` … `DATE_END` (named
    "…_given" where the letter prints them): the văn thư fills them at issue (Điều 15.3).
    """
    left_width, right_width = geo.HEADER_LEFT, geo.HEADER_RIGHT
    inner_right = right_width - 2 * geo.CELL_MARGIN
    # The rule under the motto is the motto paragraph's bottom border, as long as
    # the text; a little slack keeps the line from wrapping in a wider font.
    motto_width = geo.text_width(MOTTO, MOTTO_FONT.size, bold=True) + 240
    motto_indent = max(0, (inner_right - motto_width) // 2)
    left = "".join(
        [
            tag_paragraph("{%p for line in header.parent_lines %}"),
            paragraph("{{ line }}", PARENT_FONT, CENTER),
            tag_paragraph("{%p endfor %}"),
            tag_paragraph("{%p for line in header.body_lines %}"),
            paragraph("{{ line }}", BODY_NAME_FONT, CENTER),
            tag_paragraph("{%p endfor %}"),
            _rule("{{ header.rule_indent }}"),
        ]
    )
    right = "".join(
        [
            paragraph(NATIONAL_TITLE, NATIONAL_TITLE_FONT, CENTER),
            paragraph(
                MOTTO, MOTTO_FONT, Layout(align="center", left=motto_indent, right=motto_indent, bottom_border=True)
            ),
        ]
    )
    first_row = cell(left, left_width) + cell(right, right_width)
    number = with_bookmarks(
        paragraph("{{ number_line }}", NUMBER_FONT, Layout(align="center", before=160)),
        marks.blank_or_given(anchors.NUMBER, "number_blank", 1),
        marks.blank_or_given(anchors.NUMBER_END, "number_blank", 2),
    )
    date = with_bookmarks(
        paragraph("{{ date_line }}", DATE_FONT, Layout(align="center", before=160)),
        marks.blank_or_given(anchors.DATE, "date_blank", 3),
        marks.blank_or_given(anchors.DATE_END, "date_blank", 4),
    )
    second_row = cell(number, left_width) + cell(date, right_width)
    subject = "".join(
        [
            paragraph("{{ subject_line }}", SUBJECT_FONT, Layout(align="center", before=120)),
            loop(
                "mark",
                "marks",
                paragraph(
                    "{{ mark.text }}",
                    URGENCY_FONT,
                    Layout(align="center", before=120, left="{{ mark.indent }}", right="{{ mark.indent }}", box=True),
                ),
            ),
        ]
    )
    third_row = cell(subject, left_width) + cell(paragraph("", TEXT_FONT), right_width)
    return table(
        [first_row, second_row, third_row], [left_width, right_width], borders=False, cell_margin=geo.CELL_MARGIN
    )


def addressee_block() -> str:
    """Ô 9a: "Kính gửi: X" on one line, or "Kính gửi:" then "- X;" lines aligned under the colon."""
    label = f"{nd30.ADDRESSEES.text}: "
    label_width = geo.text_width(label, TEXT_FONT.size)
    colon_at = geo.ADDRESSEE_INDENT + geo.text_width(nd30.ADDRESSEES.text, TEXT_FONT.size)
    dash_hang = geo.text_width("- ", TEXT_FONT.size)
    single = Layout(align="left", left=geo.ADDRESSEE_INDENT + label_width, hanging=label_width, before=360, after=120)
    single_paragraph = (
        f"<w:p>{single.ppr(font=TEXT_FONT)}{run(label, TEXT_FONT)}{run('{{ addressee_single }}', TEXT_FONT)}</w:p>"
    )
    return "".join(
        [
            tag_paragraph("{%p if addressee_single %}"),
            single_paragraph,
            tag_paragraph("{%p else %}"),
            paragraph(f"{nd30.ADDRESSEES.text}:", TEXT_FONT, Layout(first_line=geo.ADDRESSEE_INDENT, before=360)),
            tag_paragraph("{%p for line in addressee_lines %}"),
            paragraph("{{ line }}", TEXT_FONT, Layout(left=colon_at + dash_hang, hanging=dash_hang)),
            tag_paragraph("{%p endfor %}"),
            tag_paragraph("{%p endif %}"),
            paragraph("", Font(6), Layout(after=0)),
        ]
    )


def loop(variable: str, items: str, content: str) -> str:
    """``content`` repeated for each item, as paragraph-level docxtpl tags."""
    return tag_paragraph(f"{{%p for {variable} in {items} %}}") + content + tag_paragraph("{%p endfor %}")


def body_paragraph(expression: str) -> str:
    """Ô 6: a justified body paragraph with a 1 cm first-line indent and 6 pt before."""
    return paragraph("{{ " + expression + " }}", TEXT_FONT, BODY)


def conditional(condition: str, content: str) -> str:
    """``content`` only when ``condition`` holds, as paragraph-level docxtpl tags."""
    return tag_paragraph(f"{{%p if {condition} %}}") + content + tag_paragraph("{%p endif %}")


def directive_body() -> str:
    """The body of a công văn with numbered tasks: opening, tasks (parts, bullets), closing."""
    part = "".join(
        [
            body_paragraph("part.heading"),
            loop("text", "part.paragraphs", body_paragraph("text")),
            loop("bullet", "part.bullets", body_paragraph("bullet")),
        ]
    )
    task = "".join(
        [
            body_paragraph("task.heading"),
            loop("text", "task.paragraphs", body_paragraph("text")),
            loop("part", "task.parts", part),
            loop("bullet", "task.bullets", body_paragraph("bullet")),
        ]
    )
    return "".join(
        [
            conditional("opening", body_paragraph("opening")),
            loop("text", "paragraphs", body_paragraph("text")),
            loop("task", "tasks", task),
            loop("text", "closing_paragraphs", body_paragraph("text")),
            body_paragraph("closing"),
        ]
    )


def signature_block(marks: Anchors = SINGLE) -> str:
    """Ô 7 and 9b: Nơi nhận on the left, level with the authority line; signer on the right.

    The first empty line under the title holds `congvan.anchors.SIGNATURE` and the name
    `congvan.anchors.SIGNER_NAME`: the room between them is ô 7c, the signer's image (Phụ lục I, mục II.7.d).
    """
    left = "".join(
        [
            paragraph(nd30.RECIPIENTS_HEADING.text, RECIPIENTS_HEADING_FONT, Layout(align="left")),
            loop("line", "recipients", paragraph("{{ line }}", RECIPIENTS_FONT, Layout(align="left"))),
        ]
    )
    right = "".join(
        [
            loop("line", "signature.lines", paragraph("{{ line }}", SIGNER_FONT, CENTER)),
            with_bookmarks(paragraph("", TEXT_FONT, CENTER), marks.mark(anchors.SIGNATURE, 5)),
            *(paragraph("", TEXT_FONT, CENTER) for _ in range(3)),
            with_bookmarks(paragraph("{{ signature.name }}", SIGNER_FONT, CENTER), marks.mark(anchors.SIGNER_NAME, 6)),
        ]
    )
    spacer = paragraph("", TEXT_FONT, Layout(after=120))
    band = table(
        [cell(left, geo.SIGNATURE_LEFT) + cell(right, geo.SIGNATURE_RIGHT)],
        [geo.SIGNATURE_LEFT, geo.SIGNATURE_RIGHT],
        borders=False,
        cell_margin=geo.CELL_MARGIN,
    )
    return spacer + band


def section_properties() -> str:
    """A4, ND30 margins, page number top-centre from page 2, numbering from 1 (ô 11)."""
    return (
        "<w:sectPr>"
        '<w:headerReference w:type="default" r:id="rIdHeaderPage"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        f'<w:pgSz w:w="{geo.PAGE_WIDTH}" w:h="{geo.PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{geo.MARGIN_TOP}" w:right="{geo.MARGIN_RIGHT}" w:bottom="{geo.MARGIN_BOTTOM}" '
        f'w:left="{geo.MARGIN_LEFT}" w:header="{geo.HEADER_DISTANCE}" w:footer="{geo.HEADER_DISTANCE}" w:gutter="0"/>'
        '<w:pgNumType w:start="1"/>'
        "<w:titlePg/>"
        "</w:sectPr>"
    )


def annex_block() -> str:
    """Phụ lục (Mẫu 2.1): each annex starts a new section, so its pages are numbered on their own."""
    widths = [850, geo.TEXT_WIDTH // 2 - 850, 850, geo.TEXT_WIDTH - geo.TEXT_WIDTH // 2 - 850]
    head = "".join(
        cell(
            paragraph(f"{{{{ annex.columns[{i % 2}] }}}}", ANNEX_TABLE_HEAD_FONT, CENTER),
            w,
            borders=True,
            valign="center",
        )
        for i, w in enumerate(widths)
    )
    number_layout = Layout(align="center", before=40, after=40)
    name_layout = Layout(align="left", before=40, after=40)
    body_cells = "".join(
        cell(
            paragraph(f"{{{{ row[{i}] }}}}", ANNEX_TABLE_FONT, number_layout if i % 2 == 0 else name_layout),
            w,
            borders=True,
            valign="center",
        )
        for i, w in enumerate(widths)
    )
    rows = [head, tag_row("{%tr for row in annex.rows %}"), body_cells, tag_row("{%tr endfor %}")]
    # The paragraph that ends the previous section: tiny, so that it never spills onto a page of its own.
    section_break = hairline(properties=section_properties())
    content = "".join(
        [
            section_break,
            paragraph("{{ annex.heading }}", ANNEX_HEADING_FONT, CENTER),
            paragraph("{{ annex.title }}", ANNEX_TITLE_FONT, CENTER),
            paragraph("{{ annex.attached_line }}", ANNEX_ATTACHED_FONT, CENTER),
            _rule(geo.TEXT_WIDTH // 2 - 800),
            paragraph("", Font(6), Layout(after=120)),
            table(rows, widths, borders=True, cell_margin=geo.CELL_MARGIN, header_rows=1),
        ]
    )
    return loop("annex", "annexes", content) + hairline()


# ------------------------------------------------------------------------ package


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        f"{body}{section_properties()}</w:body></w:document>"
    )


def _header_xml(content: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</w:hdr>'
    )


STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>\
<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>\
<w:uiPriority w:val="1"/><w:semiHidden/></w:style>\
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>\
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>"""

SETTINGS_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>\
</w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"""

CONTENT_TYPES_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
</Types>"""

PACKAGE_RELS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
</Relationships>"""

DOCUMENT_RELS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
<Relationship Id="rIdHeaderPage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
<Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>\
</Relationships>"""

APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>congvan</Application></Properties>"""


def core_xml(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:language>vi-VN</dc:language><dc:creator>congvan</dc:creator>"
        "</cp:coreProperties>"
    )


def package(body: str, *, title: str) -> bytes:
    """A .docx with the ND30 page setup, page-number headers and ``body``; same bytes every time."""
    page_header = paragraph("", PAGE_NUMBER_FONT, CENTER).replace(
        "</w:p>", page_number_field(PAGE_NUMBER_FONT) + "</w:p>"
    )
    parts = {
        "[Content_Types].xml": CONTENT_TYPES_XML,
        "_rels/.rels": PACKAGE_RELS_XML,
        "docProps/core.xml": core_xml(title),
        "docProps/app.xml": APP_XML,
        "word/document.xml": document_xml(body),
        "word/_rels/document.xml.rels": DOCUMENT_RELS_XML,
        "word/styles.xml": STYLES_XML,
        "word/settings.xml": SETTINGS_XML,
        "word/header1.xml": _header_xml(page_header),
        "word/header2.xml": _header_xml(paragraph("", PAGE_NUMBER_FONT, CENTER)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def follow_up_body() -> str:
    """The body of a follow-up letter to one province: which paragraphs appear depends on its row."""
    received = paragraph(
        "Bộ Thông tin và Truyền thông đã nhận được Kế hoạch số {{ status.plan_symbol }} ngày "
        "{{ status.plan_date }} của {{ committee }} về công tác thông tin đối ngoại năm 2020 "
        "và đánh giá cao sự phối hợp của Quý Ủy ban.",
        TEXT_FONT,
        BODY,
    )
    missing = paragraph(
        "Đến nay, Bộ Thông tin và Truyền thông chưa nhận được Kế hoạch công tác thông tin đối ngoại "
        "năm 2020 của {{ committee }}. Đề nghị Quý Ủy ban khẩn trương chỉ đạo xây dựng, ban hành Kế hoạch "
        "và gửi về Bộ Thông tin và Truyền thông (Cục Thông tin đối ngoại) trước {{ plan_deadline }}.",
        TEXT_FONT,
        BODY,
    )
    regulation = paragraph(
        "Theo số liệu của Cục Thông tin đối ngoại, {{ designation }} chưa ban hành Quy chế quản lý "
        "hoạt động thông tin đối ngoại trên địa bàn theo {{ regulation_basis }}. Đề nghị Quý Ủy ban chỉ đạo "
        "xây dựng và ban hành Quy chế trong năm 2020.",
        TEXT_FONT,
        BODY,
    )
    kpi = paragraph(
        "Đề nghị Quý Ủy ban báo cáo các chỉ số (KPI) phát triển lĩnh vực thông tin đối ngoại năm 2020 "
        "của địa phương, gửi về Bộ Thông tin và Truyền thông trước {{ kpi_deadline }}.",
        TEXT_FONT,
        BODY,
    )
    return "".join(
        [
            body_paragraph("opening"),
            tag_paragraph("{%p if status.plan_received %}"),
            received,
            tag_paragraph("{%p else %}"),
            missing,
            tag_paragraph("{%p endif %}"),
            conditional("not status.has_regulation", regulation),
            conditional("not status.kpi_submitted", kpi),
            loop("text", "closing_paragraphs", body_paragraph("text")),
            body_paragraph("closing"),
        ]
    )


def follow_up_letter(marks: Anchors = SINGLE) -> str:
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


def letter_bookmark() -> str:
    """A hairline paragraph holding the bookmark ``letter001``, ``letter002`` … of the letter that follows
    (`congvan.batch.pdfs.LETTER_BOOKMARK`)."""
    name = "letter{{ '%03d' % loop.index }}"
    return hairline(
        f'<w:bookmarkStart w:id="{{{{ loop.index }}}}" w:name="{name}"/><w:bookmarkEnd w:id="{{{{ loop.index }}}}"/>'
    )


def follow_up_combined() -> str:
    """All follow-up letters in one document for printing: one section each, page numbers restarting."""
    bindings = ", ".join(f"{name}=letter.{name}" for name in FOLLOW_UP_FIELDS)
    section_break = hairline(properties=section_properties())
    return "".join(
        [
            tag_paragraph("{%p for letter in letters %}"),
            tag_paragraph(f"{{%p with {bindings} %}}"),
            conditional("not loop.first", section_break),
            letter_bookmark(),
            follow_up_letter(COMBINED),
            tag_paragraph("{%p endwith %}"),
            tag_paragraph("{%p endfor %}"),
            hairline(),
        ]
    )


def congvan_template() -> bytes:
    """templates/congvan.docx: a công văn with numbered tasks, signature band and annexes."""
    body = header_block() + addressee_block() + directive_body() + signature_block() + annex_block()
    return package(body, title="{{ subject_line }}")


def follow_up_template() -> bytes:
    """templates/follow-up.docx: a follow-up công văn to one province."""
    ending = hairline()
    return package(follow_up_letter() + ending, title="{{ subject_line }}")


def follow_up_combined_template() -> bytes:
    """templates/follow-up-combined.docx: every follow-up letter in one file, each its own section."""
    return package(follow_up_combined(), title="Các công văn gửi Ủy ban nhân dân các tỉnh, thành phố")


#: Every bundled template: file name → builder.
TEMPLATES: dict[str, Callable[[], bytes]] = {
    "congvan.docx": congvan_template,
    "follow-up.docx": follow_up_template,
    "follow-up-combined.docx": follow_up_combined_template,
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
