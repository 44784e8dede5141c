"""The engine's small pieces: text patches, tree fix-ups, the zip writer."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from congvan.engine import postprocess, textpatch
from congvan.engine.package import ZipLayout
from congvan.engine.prepare import prepare_part

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def test_mark_controls_swaps_only_the_non_xml_characters() -> None:
    marked = textpatch.mark_controls("a\ab\fc\nd\te")
    assert marked == f"a{textpatch.PARAGRAPH_MARK}b{textpatch.PAGE_MARK}c\nd\te"


def test_literal_braces_are_restored() -> None:
    assert textpatch.restore_literal_braces("{_{ x }_} {_% if %_}") == "{{ x }} {% if %}"
    assert textpatch.restore_literal_braces("no braces") == "no braces"


def test_split_lines_puts_paragraphs_and_tags_on_their_own_lines() -> None:
    lines = textpatch.split_lines('<w:p cv-p="1"><w:t>A {{ x }}</w:t></w:p><w:p cv-p="2"/>').splitlines()
    assert lines == ["", '<w:p cv-p="1"><w:t>A ', "{{ x }}</w:t></w:p>", '<w:p cv-p="2"/>']
    assert textpatch.paragraph_at(lines, 0) is None
    assert textpatch.paragraph_at(lines, 2) == 1
    assert textpatch.paragraph_at(lines, 3) == 2


def test_text_of_strips_tags_and_unescapes() -> None:
    assert textpatch.text_of("<w:t>Sở TT&amp;TT &lt;b&gt;</w:t>") == "Sở TT&TT <b>"
    assert textpatch.text_of("<w:t>" + "x" * 100 + "</w:t>", limit=10) == "x" * 9 + "…"


def paragraph(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')


def test_resolve_controls_keeps_run_and_paragraph_properties() -> None:
    body = paragraph(
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        f"<w:r><w:rPr><w:b/></w:rPr><w:t>a\nb\tc{textpatch.PARAGRAPH_MARK}d</w:t></w:r>"
        "<w:r><w:t>after</w:t></w:r></w:p>"
    )
    postprocess.resolve_controls(body)
    first, second = body.findall(f"{W}p")
    assert [etree.QName(el).localname for el in first.iter() if el.tag != f"{W}p"] == [
        "pPr",
        "jc",
        "r",
        "rPr",
        "b",
        "t",
        "br",
        "t",
        "r",
        "rPr",
        "b",
        "tab",
        "r",
        "rPr",
        "b",
        "t",
    ]
    assert second.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    assert ["".join(r.itertext()) for r in second.findall(f"{W}r")] == ["d", "after"]
    assert second.find(f"{W}r/{W}rPr/{W}b") is not None


def test_page_mark_becomes_a_page_break_paragraph() -> None:
    body = paragraph(f"<w:p><w:r><w:t>x{textpatch.PAGE_MARK}y</w:t></w:r></w:p>")
    postprocess.resolve_controls(body)
    texts = ["".join(p.itertext()) for p in body.findall(f"{W}p")]
    assert texts == ["x", "", "y"]
    assert body.findall(f"{W}p")[1].find(f"{W}r/{W}br").get(f"{W}type") == "page"


def test_section_break_stays_on_the_last_split_paragraph() -> None:
    body = paragraph(f"<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>x{textpatch.PARAGRAPH_MARK}y</w:t></w:r></w:p>")
    postprocess.resolve_controls(body)
    first, last = body.findall(f"{W}p")
    assert first.find(f"{W}pPr/{W}sectPr") is None
    assert last.find(f"{W}pPr/{W}sectPr") is not None


def test_parts_without_tags_are_not_templated() -> None:
    plain = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>'
    assert prepare_part("word/document.xml", plain.encode()) is None
    tagged = plain.replace(">x<", ">{{ x }}<")
    prepared = prepare_part("word/document.xml", tagged.encode())
    assert prepared is not None and "{{ x }}" in prepared.source
    assert not prepared.fix_tables and not prepared.renumber_drawings


def test_layout_writes_a_deterministic_zip() -> None:
    layout = ZipLayout(
        ["[Content_Types].xml", "word/document.xml", "ảnh.txt"],
        {"[Content_Types].xml": b"<Types/>", "ảnh.txt": b"x" * 1000},
        6,
    )
    assert layout.slots == ("word/document.xml",)
    data = layout.assemble({"word/document.xml": b"<doc/>"})
    assert data == layout.assemble({"word/document.xml": b"<doc/>"})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == ["[Content_Types].xml", "word/document.xml", "ảnh.txt"]
        assert zf.read("word/document.xml") == b"<doc/>"
        assert zf.read("ảnh.txt") == b"x" * 1000
