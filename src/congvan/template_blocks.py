"""The blocks every bundled template is built from, and the package around them (`congvan.template_build`).

The layout of ND30 Phụ lục I as WordprocessingML elements made with
`congvan.ooxml` (never as XML text), with docxtpl tags as text where data goes.
The blocks — header (ô 1–5b), Kính gửi (ô 9a), signature band (ô 7, 9b),
annexes, page setup — are functions, so that every template shares them; a
template only supplies its body. The package is deterministic (fixed zip
timestamps and member order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from congvan import anchors, nd30
from congvan import layout as geo
from congvan.ooxml.build import Child, E, Element, root, serialise
from congvan.ooxml.names import CORE_PROPERTIES, OFFICE_DOCUMENT, RELATIONSHIP_TYPE, qn
from congvan.ooxml.package import write_package
from congvan.ooxml.wordml import (
    FONT,
    Font,
    ParagraphProperties,
    cell,
    page_number_field,
    paragraph,
    run,
    runs_paragraph,
    table,
    tag_paragraph,
    tag_row,
)

#: The paragraphs of a template body, in order; blocks are lists so that they join with ``+``.
Fragment = list[Element]

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

CENTER = ParagraphProperties(align="center")
BODY = ParagraphProperties(align="both", first_line=geo.BODY_INDENT, before=geo.BODY_SPACE_BEFORE)


def hairline(inner: Child = None, properties: Element | None = None) -> Element:
    """A paragraph 1 pt high, holding ``inner`` (a bookmark) and ending a section when given its ``properties``.

    It ends a section or the document without taking a line of the page.
    """
    spacing = E("w:spacing", {"w:before": 0, "w:after": 0, "w:line": 20, "w:lineRule": "exact"})
    return E("w:p", E("w:pPr", spacing, RULE_FONT.rpr(), properties), inner)


# --------------------------------------------------------------------------- blocks


def rule_paragraph(indent: int | str) -> Element:
    """An empty paragraph whose bottom border is a centred rule ``indent`` twips in from each side."""
    return paragraph("", RULE_FONT, ParagraphProperties(align="center", left=indent, right=indent, bottom_border=True))


def bookmark(name: str, ident: str) -> list[Element]:
    """An empty Word bookmark (start and end together) called ``name``, with the id ``ident``."""
    return [E("w:bookmarkStart", {"w:id": ident, "w:name": name}), E("w:bookmarkEnd", {"w:id": ident})]


@dataclass(frozen=True)
class Anchors:
    """How the bookmarks of `congvan.anchors` are written in one template.

    A single letter names them as they are (``cv_signature``) with the ids 101–106; a combined file
    (``combined``) adds the letter's place to each name (``cv_signature_001``, `anchors.numbered`) and
    gives each letter its own ids (100011–100016 for the first; ``letter001`` … have 1 …).
    """

    combined: bool = False

    def mark(self, name: str, slot: int) -> list[Element]:
        """The bookmark ``name`` (text or a Jinja expression), the ``slot``-th of the letter (1–9)."""
        if not self.combined:
            return bookmark(name, str(100 + slot))
        return bookmark(f"{name}_{{{{ '%03d' % loop.index }}}}", f"{{{{ 100000 + loop.index * 10 + {slot} }}}}")

    def blank_or_given(self, name: str, flag: str, slot: int) -> list[Element]:
        """The bookmark ``name`` where the context's ``flag`` says the draft leaves it blank, else `anchors.given`."""
        return self.mark(f"{{{{ '{name}' if {flag} else '{anchors.given(name)}' }}}}", slot)


SINGLE = Anchors()
COMBINED = Anchors(combined=True)


def with_bookmarks(paragraph: Element, start: Sequence[Element] = (), end: Sequence[Element] = ()) -> Element:
    """``paragraph`` with the bookmarks ``start`` before its first run and ``end`` after its last."""
    position = list(paragraph).index(paragraph.find(qn("w:pPr"))) + 1
    for offset, mark in enumerate(start):
        paragraph.insert(position + offset, mark)
    paragraph.extend(end)
    return paragraph


def header_block(
    marks: Anchors = SINGLE, *, with_subject: bool = True, with_number: bool = True, with_date: bool = True
) -> Fragment:
    """Ô 1–5b, 10a and 10b: body name with its rule, motto with its rule, Số and date on one row, V/v.

    The number and date lines carry the bookmarks `congvan.anchors.NUMBER` … `DATE_END` (named
    "…_given" where the letter prints them): the văn thư fills them at issue (Điều 15.3).
    Without ``with_subject`` (a document with a tên loại) the marks stand under the number; without
    ``with_date`` (a Biên bản) the right cell of the number's row stays empty; without ``with_number`` (the
    quy chế a Quyết định issues) the header is ô 1 and 2 only.
    """
    left_width, right_width = geo.HEADER_LEFT, geo.HEADER_RIGHT
    inner_right = right_width - 2 * geo.CELL_MARGIN
    # The rule under the motto is the motto paragraph's bottom border, as long as
    # the text; a little slack keeps the line from wrapping in a wider font.
    motto_width = geo.text_width(MOTTO, MOTTO_FONT.size, bold=True) + 240
    motto_indent = max(0, (inner_right - motto_width) // 2)
    left = [
        *loop("line", "header.parent_lines", paragraph("{{ line }}", PARENT_FONT, CENTER)),
        *loop("line", "header.body_lines", paragraph("{{ line }}", BODY_NAME_FONT, CENTER)),
        rule_paragraph("{{ header.rule_indent }}"),
    ]
    right = [
        paragraph(NATIONAL_TITLE, NATIONAL_TITLE_FONT, CENTER),
        paragraph(
            MOTTO,
            MOTTO_FONT,
            ParagraphProperties(align="center", left=motto_indent, right=motto_indent, bottom_border=True),
        ),
    ]
    first_row = [cell(left, left_width), cell(right, right_width)]
    number = with_bookmarks(
        paragraph("{{ number_line }}", NUMBER_FONT, ParagraphProperties(align="center", before=160)),
        marks.blank_or_given(anchors.NUMBER, "number_blank", 1),
        marks.blank_or_given(anchors.NUMBER_END, "number_blank", 2),
    )
    date = with_bookmarks(
        paragraph("{{ date_line }}", DATE_FONT, ParagraphProperties(align="center", before=160)),
        marks.blank_or_given(anchors.DATE, "date_blank", 3),
        marks.blank_or_given(anchors.DATE_END, "date_blank", 4),
    )
    mark = ParagraphProperties(
        align="center", before=120, left="{{ mark.indent }}", right="{{ mark.indent }}", box=True
    )
    stamps = loop("mark", "marks", paragraph("{{ mark.text }}", URGENCY_FONT, mark))
    date_cell = date if with_date else paragraph("", TEXT_FONT)
    second_row = [cell(number if with_subject else [number, *stamps], left_width), cell(date_cell, right_width)]
    rows = [first_row, second_row] if with_number else [first_row]
    if with_subject:
        subject_lines = [
            paragraph("{{ subject_line }}", SUBJECT_FONT, ParagraphProperties(align="center", before=120)),
            *stamps,
        ]
        rows.append([cell(subject_lines, left_width), cell(paragraph("", TEXT_FONT), right_width)])
    return [table(rows, [left_width, right_width], borders=False, cell_margin=geo.CELL_MARGIN)]


def addressee_block() -> Fragment:
    """Ô 9a: "Kính gửi: X" on one line, or "Kính gửi:" then "- X;" lines aligned under the colon."""
    label = f"{nd30.ADDRESSEES.text}: "
    label_width = geo.text_width(label, TEXT_FONT.size)
    colon_at = geo.ADDRESSEE_INDENT + geo.text_width(nd30.ADDRESSEES.text, TEXT_FONT.size)
    dash_hang = geo.text_width("- ", TEXT_FONT.size)
    single = ParagraphProperties(
        align="left", left=geo.ADDRESSEE_INDENT + label_width, hanging=label_width, before=360, after=120
    )
    return [
        tag_paragraph("{%p if addressee_single %}"),
        runs_paragraph([run(label, TEXT_FONT), run("{{ addressee_single }}", TEXT_FONT)], TEXT_FONT, single),
        tag_paragraph("{%p else %}"),
        paragraph(
            f"{nd30.ADDRESSEES.text}:", TEXT_FONT, ParagraphProperties(first_line=geo.ADDRESSEE_INDENT, before=360)
        ),
        *loop(
            "line",
            "addressee_lines",
            paragraph("{{ line }}", TEXT_FONT, ParagraphProperties(left=colon_at + dash_hang, hanging=dash_hang)),
        ),
        tag_paragraph("{%p endif %}"),
        paragraph("", Font(6), ParagraphProperties(after=0)),
    ]


def loop(variable: str, items: str, content: Element | Fragment) -> Fragment:
    """``content`` repeated for each item, as paragraph-level docxtpl tags."""
    return [tag_paragraph(f"{{%p for {variable} in {items} %}}"), *_fragment(content), tag_paragraph("{%p endfor %}")]


def conditional(condition: str, content: Element | Fragment) -> Fragment:
    """``content`` only when ``condition`` holds, as paragraph-level docxtpl tags."""
    return [tag_paragraph(f"{{%p if {condition} %}}"), *_fragment(content), tag_paragraph("{%p endif %}")]


def _fragment(content: Element | Fragment) -> Fragment:
    return [content] if isinstance(content, Element) else list(content)


def body_paragraph(expression: str) -> Element:
    """Ô 6: a justified body paragraph with a 1 cm first-line indent and 6 pt before."""
    return paragraph("{{ " + expression + " }}", TEXT_FONT, BODY)


def directive_body() -> Fragment:
    """The body of a công văn with numbered tasks: opening, tasks (parts, bullets), closing."""
    part = [
        body_paragraph("part.heading"),
        *loop("text", "part.paragraphs", body_paragraph("text")),
        *loop("bullet", "part.bullets", body_paragraph("bullet")),
    ]
    task = [
        body_paragraph("task.heading"),
        *loop("text", "task.paragraphs", body_paragraph("text")),
        *loop("part", "task.parts", part),
        *loop("bullet", "task.bullets", body_paragraph("bullet")),
    ]
    return [
        *conditional("opening", body_paragraph("opening")),
        *loop("text", "paragraphs", body_paragraph("text")),
        *loop("task", "tasks", task),
        *loop("text", "closing_paragraphs", body_paragraph("text")),
        body_paragraph("closing"),
    ]


def signature_block(marks: Anchors = SINGLE) -> Fragment:
    """Ô 7 and 9b: Nơi nhận on the left, level with the authority line; signer on the right.

    The first empty line under the title holds `congvan.anchors.SIGNATURE` and the name
    `congvan.anchors.SIGNER_NAME`: the room between them is ô 7c, the signer's image (Phụ lục I, mục II.7.d).
    """
    left = [
        paragraph(nd30.RECIPIENTS_HEADING.text, RECIPIENTS_HEADING_FONT, ParagraphProperties(align="left")),
        *loop("line", "recipients", paragraph("{{ line }}", RECIPIENTS_FONT, ParagraphProperties(align="left"))),
    ]
    right = [
        *loop("line", "signature.lines", paragraph("{{ line }}", SIGNER_FONT, CENTER)),
        with_bookmarks(paragraph("", TEXT_FONT, CENTER), marks.mark(anchors.SIGNATURE, 5)),
        *(paragraph("", TEXT_FONT, CENTER) for _ in range(3)),
        with_bookmarks(paragraph("{{ signature.name }}", SIGNER_FONT, CENTER), marks.mark(anchors.SIGNER_NAME, 6)),
    ]
    spacer = paragraph("", TEXT_FONT, ParagraphProperties(after=120))
    band = table(
        [[cell(left, geo.SIGNATURE_LEFT), cell(right, geo.SIGNATURE_RIGHT)]],
        [geo.SIGNATURE_LEFT, geo.SIGNATURE_RIGHT],
        borders=False,
        cell_margin=geo.CELL_MARGIN,
    )
    return [spacer, band]


def section_properties() -> Element:
    """A4, ND30 margins, page number top-centre from page 2, numbering from 1 (ô 11)."""
    margins = {
        "w:top": geo.MARGIN_TOP,
        "w:right": geo.MARGIN_RIGHT,
        "w:bottom": geo.MARGIN_BOTTOM,
        "w:left": geo.MARGIN_LEFT,
        "w:header": geo.HEADER_DISTANCE,
        "w:footer": geo.HEADER_DISTANCE,
        "w:gutter": 0,
    }
    return E(
        "w:sectPr",
        E("w:headerReference", {"w:type": "default", "r:id": "rIdHeaderPage"}),
        E("w:headerReference", {"w:type": "first", "r:id": "rIdHeaderFirst"}),
        E("w:pgSz", {"w:w": geo.PAGE_WIDTH, "w:h": geo.PAGE_HEIGHT}),
        E("w:pgMar", margins),
        E("w:pgNumType", {"w:start": 1}),
        E("w:titlePg"),
    )


def annex_block() -> Fragment:
    """Phụ lục (Mẫu 2.1): each annex starts a new section, so its pages are numbered on their own."""
    widths = [850, geo.TEXT_WIDTH // 2 - 850, 850, geo.TEXT_WIDTH - geo.TEXT_WIDTH // 2 - 850]
    head = [
        cell(
            paragraph(f"{{{{ annex.columns[{i % 2}] }}}}", ANNEX_TABLE_HEAD_FONT, CENTER),
            w,
            borders=True,
            valign="center",
        )
        for i, w in enumerate(widths)
    ]
    number_layout = ParagraphProperties(align="center", before=40, after=40)
    name_layout = ParagraphProperties(align="left", before=40, after=40)
    body_cells = [
        cell(
            paragraph(f"{{{{ row[{i}] }}}}", ANNEX_TABLE_FONT, number_layout if i % 2 == 0 else name_layout),
            w,
            borders=True,
            valign="center",
        )
        for i, w in enumerate(widths)
    ]
    rows: list[Child] = [head, tag_row("{%tr for row in annex.rows %}"), body_cells, tag_row("{%tr endfor %}")]
    # The paragraph that ends the previous section: tiny, so that it never spills onto a page of its own.
    section_break = hairline(properties=section_properties())
    content = [
        section_break,
        paragraph("{{ annex.heading }}", ANNEX_HEADING_FONT, CENTER),
        paragraph("{{ annex.title }}", ANNEX_TITLE_FONT, CENTER),
        paragraph("{{ annex.attached_line }}", ANNEX_ATTACHED_FONT, CENTER),
        rule_paragraph(geo.TEXT_WIDTH // 2 - 800),
        paragraph("", Font(6), ParagraphProperties(after=120)),
        table(rows, widths, borders=True, cell_margin=geo.CELL_MARGIN, header_rows=1),
    ]
    return [*loop("annex", "annexes", content), hairline()]


# ------------------------------------------------------------------------ package

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
#: The package's parts and their content types, in the order of ``[Content_Types].xml``.
_OVERRIDES = (
    ("/word/document.xml", f"{_MAIN}.document.main+xml"),
    ("/word/styles.xml", f"{_MAIN}.styles+xml"),
    ("/word/settings.xml", f"{_MAIN}.settings+xml"),
    ("/word/header1.xml", f"{_MAIN}.header+xml"),
    ("/word/header2.xml", f"{_MAIN}.header+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
)


def content_types() -> Element:
    """``[Content_Types].xml``: the default types of ``.rels`` and ``.xml``, then each part's own."""
    return root(
        "ct:Types",
        E(
            "ct:Default",
            {"Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"},
        ),
        E("ct:Default", {"Extension": "xml", "ContentType": "application/xml"}),
        [E("ct:Override", {"PartName": name, "ContentType": kind}) for name, kind in _OVERRIDES],
        default="ct",
    )


def relationships(*entries: tuple[str, str, str]) -> Element:
    """A ``.rels`` part of ``(id, type, target)`` entries."""
    return root(
        "pr:Relationships",
        [E("pr:Relationship", {"Id": rid, "Type": kind, "Target": target}) for rid, kind, target in entries],
        default="pr",
    )


def package_relationships() -> Element:
    """``_rels/.rels``: the main document, the core and the extended properties."""
    return relationships(
        ("rId1", OFFICE_DOCUMENT, "word/document.xml"),
        ("rId2", CORE_PROPERTIES, "docProps/core.xml"),
        ("rId3", RELATIONSHIP_TYPE + "extended-properties", "docProps/app.xml"),
    )


def document_relationships() -> Element:
    """``word/_rels/document.xml.rels``: styles, settings and the two page-number headers."""
    return relationships(
        ("rIdStyles", RELATIONSHIP_TYPE + "styles", "styles.xml"),
        ("rIdSettings", RELATIONSHIP_TYPE + "settings", "settings.xml"),
        ("rIdHeaderPage", RELATIONSHIP_TYPE + "header", "header1.xml"),
        ("rIdHeaderFirst", RELATIONSHIP_TYPE + "header", "header2.xml"),
    )


def styles() -> Element:
    """``word/styles.xml``: Times New Roman 14 pt, Vietnamese, no spacing after, single lines; default styles."""
    fonts = {"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT, "w:eastAsia": FONT}
    defaults = E(
        "w:docDefaults",
        E(
            "w:rPrDefault",
            E(
                "w:rPr",
                E("w:rFonts", fonts),
                E("w:sz", {"w:val": 28}),
                E("w:szCs", {"w:val": 28}),
                E("w:lang", {"w:val": "vi-VN", "w:eastAsia": "en-US", "w:bidi": "ar-SA"}),
            ),
        ),
        E("w:pPrDefault", E("w:pPr", E("w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"}))),
    )
    cell_margins = [
        E(f"w:{side}", {"w:w": width, "w:type": "dxa"})
        for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108))
    ]
    return root(
        "w:styles",
        defaults,
        E(
            "w:style",
            {"w:type": "paragraph", "w:default": 1, "w:styleId": "Normal"},
            E("w:name", {"w:val": "Normal"}),
            E("w:qFormat"),
        ),
        E(
            "w:style",
            {"w:type": "character", "w:default": 1, "w:styleId": "DefaultParagraphFont"},
            E("w:name", {"w:val": "Default Paragraph Font"}),
            E("w:uiPriority", {"w:val": 1}),
            E("w:semiHidden"),
        ),
        E(
            "w:style",
            {"w:type": "table", "w:default": 1, "w:styleId": "TableNormal"},
            E("w:name", {"w:val": "Normal Table"}),
            E("w:semiHidden"),
            E("w:tblPr", E("w:tblInd", {"w:w": 0, "w:type": "dxa"}), E("w:tblCellMar", cell_margins)),
        ),
        declare=("w",),
    )


def settings() -> Element:
    """``word/settings.xml``: ½-inch tab stops, Word 2013 compatibility, Vietnamese theme fonts."""
    compat = {"w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word", "w:val": 15}
    return root(
        "w:settings",
        E("w:defaultTabStop", {"w:val": 720}),
        E("w:characterSpacingControl", {"w:val": "doNotCompress"}),
        E("w:compat", E("w:compatSetting", compat)),
        E("w:themeFontLang", {"w:val": "vi-VN"}),
        declare=("w",),
    )


def app_properties() -> Element:
    """``docProps/app.xml``: the application is congvan."""
    return root("ep:Properties", E("ep:Application", "congvan"), default="ep")


def core_properties(title: str) -> Element:
    """``docProps/core.xml``: ``title`` (text, escaped), language vi-VN, creator congvan."""
    return root(
        "cp:coreProperties",
        E("dc:title", title),
        E("dc:language", "vi-VN"),
        E("dc:creator", "congvan"),
        declare=("cp", "dc", "dcterms", "xsi"),
    )


def document(body: Child) -> Element:
    """``word/document.xml``: ``body`` then the section properties of its last section."""
    return root("w:document", E("w:body", body, section_properties()), declare=("w", "r"))


def header(content: Child) -> Element:
    """A header part (``word/header1.xml``, ``header2.xml``) holding ``content``."""
    return root("w:hdr", content, declare=("w", "r"))


def package(body: Child, *, title: str) -> bytes:
    """A .docx with the ND30 page setup, page-number headers and ``body``; same bytes every time."""
    page_header = paragraph("", PAGE_NUMBER_FONT, CENTER)
    page_header.extend(page_number_field(PAGE_NUMBER_FONT))
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": package_relationships(),
        "docProps/core.xml": core_properties(title),
        "docProps/app.xml": app_properties(),
        "word/document.xml": document(body),
        "word/_rels/document.xml.rels": document_relationships(),
        "word/styles.xml": styles(),
        "word/settings.xml": settings(),
        "word/header1.xml": header(page_header),
        "word/header2.xml": header(paragraph("", PAGE_NUMBER_FONT, CENTER)),
    }
    return write_package({name: serialise(element) for name, element in parts.items()})
