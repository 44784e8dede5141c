"""Fuzzing the engine with every kind of character: a render gives a .docx Word opens, or a CongvanError.

The property, for any value (all planes, C0/C1 controls, noncharacters, lone surrogates):
rendering either returns a package that python-docx and lxml open, with the value's text
in the paragraph (tabs, line and paragraph breaks resolved into Word markup), or raises a
`CongvanError`. Never a corrupt file, never another exception.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from congvan import CongvanError, Template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Characters with a meaning in a value: tab, line break (\n, \r and \r\n, and \x0b as Word writes it), paragraph,
#: page (congvan.engine.values).
SEPARATORS = re.compile("[\t\n\r\x0b\x07\x0c]")

EDGES = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\ud800", "\udfff", "\ufdd0", "\ufdd1"]
    + ["\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\t", "\n", "\x07", "&", "<", "]]>", "{{ x }}", "Đ", "ệ"]
)
VALUES = st.lists(
    st.one_of(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), EDGES), max_size=12
).map("".join)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("fuzz") / "one-value.docx"
    document = docx.Document()
    document.add_paragraph("Kính gửi: {{ value }}.")
    document.core_properties.subject = "{{ value }}"
    document.save(path)
    return Template(path)


def _body_text(data: bytes) -> str:
    """The body's text with Word's markup turned back into separators (tab, newline, paragraph)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
            pieces.append(node.text or "" if node.tag == f"{W}t" else ("\t" if node.tag == f"{W}tab" else "\n"))
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_any_value_gives_an_openable_document_or_a_congvan_error(template: Template, value: str) -> None:
    try:
        data = template.render({"value": value})
    except CongvanError:
        return
    document = docx.Document(io.BytesIO(data))  # python-docx opens it
    assert document.paragraphs
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                etree.fromstring(package.read(name))  # every part is well-formed XML
    text = _body_text(data)
    for segment in SEPARATORS.split(value):
        assert segment in text, (value, segment)
