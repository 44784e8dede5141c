"""congvan.ooxml: names, the lxml element builder, the part serialiser, relationships and the zip writer."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from congvan.ooxml.build import XML_DECLARATION, E, root, serialise
from congvan.ooxml.names import NAMESPACES, W_NS, qn
from congvan.ooxml.package import ZIP_DATE, read_relationships, rels_part_name, write_package

R_NS = NAMESPACES["r"]


def test_qn_gives_clark_names_and_refuses_unknown_prefixes() -> None:
    assert qn("w:p") == f"{{{W_NS}}}p"
    assert qn("r:id") == f"{{{R_NS}}}id"
    assert qn("xml:space") == "{http://www.w3.org/XML/1998/namespace}space"
    assert qn("Id") == "Id"
    with pytest.raises(ValueError, match="unknown namespace prefix 'v'"):
        qn("v:shape")


def test_text_and_attributes_are_escaped_and_read_back_unchanged() -> None:
    hostile = 'A & B <w:p/> "quoted" > end'
    part = root("w:document", E("w:t", {"w:val": hostile}, hostile), declare=("w",))
    data = serialise(part)
    assert b"<w:p/>" not in data
    assert b'w:val="A &amp; B &lt;w:p/&gt; &quot;quoted&quot; &gt; end"' in data
    assert b'>A &amp; B &lt;w:p/&gt; "quoted" &gt; end</w:t>' in data
    parsed = etree.fromstring(data)
    t = parsed.find(qn("w:t"))
    assert (t.text, t.get(qn("w:val"))) == (hostile, hostile)
    assert len(parsed) == 1 and len(t) == 0


def test_jinja_tags_stay_text_inside_and_between_elements() -> None:
    paragraph = E(
        "w:p",
        "{%p if a < b %}",
        E("w:r", E("w:t", {"xml:space": "preserve"}, "{{ name }} & {{ '%03d' % n }}")),
        "{%p endif %}",
        {"w:rsidR": "{{ x }}"},
    )
    data = serialise(root("w:body", paragraph, declare=("w",)))
    assert b'<w:p w:rsidR="{{ x }}">{%p if a &lt; b %}<w:r>' in data
    assert b"{{ name }} &amp; {{ '%03d' % n }}</w:t></w:r>{%p endif %}</w:p>" in data
    parsed = etree.fromstring(data)[0]
    assert parsed.text == "{%p if a < b %}" and parsed[0].tail == "{%p endif %}"


def test_a_part_has_the_declaration_and_namespaces_only_on_its_root_in_order() -> None:
    section = E("w:sectPr", E("w:headerReference", {"w:type": "default", "r:id": "rId1"}), E("w:titlePg"))
    data = serialise(root("w:document", E("w:body", section), declare=("w", "r")))
    assert data == (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="' + W_NS.encode() + b'" xmlns:r="' + R_NS.encode() + b'">'
        b'<w:body><w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:titlePg/></w:sectPr>'
        b"</w:body></w:document>"
    )
    assert XML_DECLARATION.encode() == data[: len(XML_DECLARATION)]


def test_default_namespace_parts_and_unused_declarations() -> None:
    types = root("ct:Types", E("ct:Default", {"Extension": "xml", "ContentType": "application/xml"}), default="ct")
    assert serialise(types).endswith(
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    header = serialise(root("w:hdr", declare=("w", "r")))
    assert header.count(b"xmlns:") == 2, "a declared prefix stays even when unused, as in Word's headers"


def test_vietnamese_text_is_utf8_not_character_references() -> None:
    data = serialise(root("w:t", "Độc lập - Tự do - Hạnh phúc", declare=("w",)))
    assert "Độc lập - Tự do - Hạnh phúc".encode() in data and b"&#" not in data


def test_the_same_tree_gives_the_same_bytes() -> None:
    def build() -> bytes:
        return serialise(root("w:p", E("w:pPr", E("w:jc", {"w:val": "both"})), "x", declare=("w",)))

    assert build() == build()


def test_builder_takes_numbers_lists_and_skips_none() -> None:
    element = E("w:ind", {"w:left": 567, "w:hanging": None}, [E("w:a"), None, [E("w:b")]], None)
    assert element.get(qn("w:left")) == "567" and qn("w:hanging") not in element.attrib
    assert [child.tag for child in element] == [qn("w:a"), qn("w:b")]


RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
  Target="header1.xml"/>
<Relationship Id="rIdImage" Type="t/image" Target="../media/seal.png"/>
<Relationship Id="rIdAbsolute" Type="t/styles" Target="/word/styles.xml"/>
<Relationship Id="rIdLink" Type="t/hyperlink" Target="https://vanban.chinhphu.vn/?a=1&amp;b=2" TargetMode="External"/>
</Relationships>"""


def test_relationships_resolve_targets_against_the_part_folder() -> None:
    found = read_relationships(RELS, "word/document.xml")
    assert [(rel.id, rel.part, rel.external) for rel in found] == [
        ("rIdHeader", "word/header1.xml", False),
        ("rIdImage", "media/seal.png", False),
        ("rIdAbsolute", "word/styles.xml", False),
        ("rIdLink", "https://vanban.chinhphu.vn/?a=1&b=2", True),
    ]
    assert found[0].type.endswith("/relationships/header")
    assert found[1].target == "../media/seal.png"


def test_package_relationships_and_rels_part_names() -> None:
    data = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="word/document.xml"/></Relationships>'
    assert [rel.part for rel in read_relationships(data)] == ["word/document.xml"]
    assert rels_part_name("") == "_rels/.rels"
    assert rels_part_name("word/document.xml") == "word/_rels/document.xml.rels"
    assert rels_part_name("word/header1.xml") == "word/_rels/header1.xml.rels"


def test_malformed_relationships_raise() -> None:
    with pytest.raises(etree.XMLSyntaxError):
        read_relationships(b"<Relationships><Relationship", "word/document.xml")


def test_write_package_is_deterministic_and_keeps_the_order() -> None:
    parts = {"[Content_Types].xml": b"<a/>", "word/document.xml": b"<b/>", "_rels/.rels": b"<c/>"}
    data = write_package(parts)
    assert data == write_package(dict(parts))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == list(parts)
        assert {info.date_time for info in infos} == {ZIP_DATE}
        assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
        assert [archive.read(name) for name in parts] == list(parts.values())
