"""Attacks on ``congvan check``: a template that cannot render, or a letter Word cannot open, never passes.

Exit statuses: 0 clean, 1 problems found (the template's, each at its place), 2 no template to
check at all (not a zip, no [Content_Types].xml, a sample data file that cannot be read).
``check --nd30`` and `congvan.snapshot_text` read a rendered letter: a broken one is an error (exit 2).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

import congvan
from congvan.errors import TemplateFileError

BROKEN_BODY = (
    b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p></w:body>"
)


def template(text: str, *, title: str | None = None) -> bytes:
    """A real .docx (python-docx) with one paragraph ``text``."""
    document = Document()
    document.add_paragraph(text)
    if title is not None:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replaced(data: bytes, name: str, content: bytes | None) -> bytes:
    """``data`` with the member ``name`` replaced by ``content`` (removed when None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            if info.filename != name:
                package.writestr(info, source.read(info))
            elif content is not None:
                package.writestr(info, content)
    return out.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_a_docx_without_word_document_xml_fails_and_a_text_file_is_no_template(cli, tmp_path):
    no_body = write(tmp_path / "no-body.docx", replaced(template("Kính gửi: {{ ten }}"), "word/document.xml", None))
    outcome = cli("check", no_body)
    assert outcome.status == 1, outcome
    assert "no problems found" not in outcome.out
    assert "word/document.xml" in outcome.out and "main document part is missing" in outcome.out

    text = write(tmp_path / "letter.docx", "Kính gửi: UBND tỉnh\n")
    outcome = cli("check", text)
    assert outcome.status == 2 and outcome.out == ""
    assert "letter.docx" in outcome.err and "not a .docx file" in outcome.err


@pytest.mark.parametrize(
    ("part", "content"),
    [("word/document.xml", BROKEN_BODY), ("word/styles.xml", b"<w:styles"), ("_rels/.rels", b"")],
    ids=["body", "styles", "package-relationships"],
)
def test_a_part_that_is_not_well_formed_xml_is_named_with_line_and_column(cli, tmp_path, part, content):
    broken = write(tmp_path / "broken.docx", replaced(template("Kính gửi: {{ ten }}"), part, content))
    outcome = cli("check", broken)
    assert outcome.status == 1, outcome
    assert "no problems found" not in outcome.out
    finding = next(line for line in outcome.out.splitlines() if part in line)
    assert "error [broken-part]" in finding and "not well-formed XML" in finding
    assert "line 1, column" in finding


def test_a_core_property_tag_the_engine_refuses_fails_the_check(cli, tmp_path):
    path = write(tmp_path / "title.docx", template("Kính gửi: {{ ten }}", title="Công văn {{ so "))
    outcome = cli("check", path)
    assert outcome.status == 1, outcome
    assert "no problems found" not in outcome.out
    assert "docProps/core.xml" in outcome.out and "[compile]" in outcome.out


def test_a_tag_that_renders_a_control_character_fails_the_check(cli, tmp_path):
    path = write(tmp_path / "escape.docx", template('Kính gửi: {{ "UBND\\x1btỉnh" }} {{ ten }}'))
    sample = write(tmp_path / "sample.yaml", "ten: Hà Nội\n")
    outcome = cli("check", path, "--data", sample)
    assert outcome.status == 1, outcome
    assert "no problems found" not in outcome.out
    assert "word/document.xml" in outcome.out


def test_sample_data_whose_value_holds_a_control_character_fails_the_check(cli, tmp_path):
    path = write(tmp_path / "letter.docx", template("Kính gửi: {{ ten }}"))
    sample = write(tmp_path / "sample.yaml", 'ten: "UBND\\etỉnh"\n')  # YAML's \e is ESC, U+001B
    outcome = cli("check", path, "--data", sample)
    assert outcome.status != 0, outcome
    assert "no problems found" not in outcome.out
    said = outcome.out + outcome.err
    assert "word/document.xml" in said or "ten" in said


def test_a_variable_missing_from_one_item_of_the_sample_fails_the_check(cli, tmp_path):
    path = write(tmp_path / "loop.docx", template("{% for item in items %}{{ item.title }}; {% endfor %}"))
    sample = write(tmp_path / "sample.yaml", "items:\n  - title: Sở Nội vụ\n  - name: no title here\n")
    outcome = cli("check", path, "--data", sample)
    assert outcome.status == 1, outcome
    assert "no problems found" not in outcome.out
    finding = next(line for line in outcome.out.splitlines() if "[render]" in line)
    assert "'title'" in finding and "word/document.xml" in finding and "paragraph 1" in finding


def test_sample_data_that_is_not_utf8_or_not_yaml_is_exit_2_naming_the_file(cli, tmp_path):
    path = write(tmp_path / "letter.docx", template("Kính gửi: {{ ten }}"))
    latin = write(tmp_path / "latin.yaml", "ten: Hà\n".encode("cp1258"))
    outcome = cli("check", path, "--data", latin)
    assert outcome.status == 2 and outcome.out == ""
    assert "latin.yaml" in outcome.err and "UTF-8" in outcome.err

    syntax = write(tmp_path / "syntax.yaml", "ten: [Hà Nội\nso: 12\n")
    outcome = cli("check", path, "--data", syntax)
    assert outcome.status == 2 and outcome.out == ""
    assert "syntax.yaml" in outcome.err and "line 2" in outcome.err


@pytest.mark.parametrize(
    ("part", "content", "says"),
    [
        ("word/document.xml", None, "main document part is missing"),
        ("word/document.xml", BROKEN_BODY, "not well-formed XML"),
        ("word/styles.xml", b"<w:styles", "not well-formed XML"),
    ],
    ids=["no-body", "malformed-body", "malformed-styles"],
)
def test_check_nd30_and_snapshot_refuse_a_broken_letter(cli, tmp_path, part, content, says):
    letter = write(tmp_path / "letter.docx", replaced(template("Kính gửi: UBND tỉnh"), part, content))
    outcome = cli("check", letter, "--nd30")
    assert outcome.status == 2 and outcome.out == ""
    assert "letter.docx" in outcome.err and part in outcome.err and says in outcome.err
    with pytest.raises(TemplateFileError, match=says) as caught:
        congvan.snapshot_text(letter)
    assert part in str(caught.value)
