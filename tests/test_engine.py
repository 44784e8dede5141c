"""congvan.Template: compile once, render many times, safely and identically."""

from __future__ import annotations

import hashlib
import io
import pickle
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from docxtpl import Listing, RichText
from lxml import etree

import congvan
from congvan import (
    MissingVariableError,
    Template,
    TemplateError,
    TemplateFileError,
    TemplateSyntaxError,
    render_many,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


# -- building small templates --------------------------------------------------------


def make_docx(path: Path, *paragraphs: str, header: str = "", footer: str = "", title: str = "") -> Path:
    """A .docx with the given body paragraphs, header, footer and core title."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    if title:
        document.core_properties.title = title
    document.save(path)
    return path


FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Theo {{{{ source }}}}.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def add_footnotes(path: Path) -> Path:
    """Add a footnotes part holding ``{{ source }}`` and a reference to it in the body."""
    with zipfile.ZipFile(path) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    types = etree.fromstring(members["[Content_Types].xml"])
    override = etree.SubElement(types, f"{{{types.nsmap[None]}}}Override")
    override.set("PartName", "/word/footnotes.xml")
    override.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
    members["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    rels = etree.fromstring(members["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship")
    rel.set("Id", "rIdFootnotes")
    rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    rel.set("Target", "footnotes.xml")
    members["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    body = etree.fromstring(members["word/document.xml"])
    paragraph = body.find(f".//{W}p")
    run = etree.SubElement(paragraph, f"{W}r")
    etree.SubElement(run, f"{W}footnoteReference").set(f"{W}id", "1")
    members["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
    members["word/footnotes.xml"] = FOOTNOTES_XML.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return path


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def part_xml(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    return make_docx(
        tmp_path / "letter.docx",
        "Kính gửi: {{ recipient }}",
        "{%p for task in tasks %}",
        "- {{ task }}",
        "{%p endfor %}",
        "Nơi nhận: {{ archive }}",
        header="{{ agency }}",
        footer="Trang của {{ agency }}",
        title="Công văn {{ number }}",
    )


CONTEXT = {
    "recipient": "UBND xã Tân Lập",
    "tasks": ["Rà soát", "Báo cáo"],
    "archive": "VT",
    "agency": "Sở TT&TT",
    "number": "12/STTTT-VP",
}


# -- render many times -----------------------------------------------------------------


def test_renders_the_context_into_body_header_footer_and_title(letter: Path) -> None:
    data = Template(letter).render(CONTEXT)
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == [
        "Kính gửi: UBND xã Tân Lập",
        "- Rà soát",
        "- Báo cáo",
        "Nơi nhận: VT",
    ]
    assert document.sections[0].header.paragraphs[0].text == "Sở TT&TT"
    assert document.sections[0].footer.paragraphs[0].text == "Trang của Sở TT&TT"
    assert document.core_properties.title == "Công văn 12/STTTT-VP"


def test_footnotes_are_templated(tmp_path: Path) -> None:
    path = add_footnotes(make_docx(tmp_path / "fn.docx", "Căn cứ {{ law }}"))
    template = Template(path)
    assert "word/footnotes.xml" in template.parts
    data = template.render({"law": "Luật Văn thư", "source": "Nghị định 30/2020/NĐ-CP"})
    footnotes = part_xml(data, "word/footnotes.xml")
    assert "Theo Nghị định 30/2020/NĐ-CP." in "".join(footnotes.itertext())
    docx.Document(io.BytesIO(data))


def test_same_context_gives_identical_bytes_every_time(letter: Path) -> None:
    template = Template(letter)
    first = template.render(CONTEXT)
    assert all(template.render(CONTEXT) == first for _ in range(20))
    assert Template(letter).render(CONTEXT) == first  # and across compilations
    assert template.render({**CONTEXT, "recipient": "UBND xã B"}) != first


def test_output_is_a_valid_zip_with_fixed_timestamps(letter: Path) -> None:
    data = Template(letter).render(CONTEXT)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        with zipfile.ZipFile(letter) as original:
            assert zf.namelist() == original.namelist()


def test_renders_from_threads_equal_sequential_renders(letter: Path) -> None:
    template = Template(letter)
    contexts = [{**CONTEXT, "recipient": f"UBND xã số {i}", "tasks": ["a"] * (i % 5)} for i in range(60)]
    expected = [template.render(c) for c in contexts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(template.render, contexts)) == expected


def test_template_is_immutable_and_pickles_by_source(letter: Path) -> None:
    template = Template(letter, strict=False)
    with pytest.raises(AttributeError):
        template._parts = ()  # type: ignore[misc]
    clone = pickle.loads(pickle.dumps(template))
    assert clone.options["strict"] is False
    assert clone.render(CONTEXT) == template.render(CONTEXT)


def test_reads_path_bytes_and_file_objects_alike(letter: Path) -> None:
    expected = Template(letter).render(CONTEXT)
    assert Template(str(letter)).render(CONTEXT) == expected
    assert Template(letter.read_bytes()).render(CONTEXT) == expected
    with open(letter, "rb") as fh:
        assert Template(fh).render(CONTEXT) == expected


def test_lists_the_variables_it_reads(letter: Path) -> None:
    assert Template(letter).variables == {"recipient", "tasks", "archive", "agency", "number"}


# -- strictness and errors ------------------------------------------------------------------


def test_missing_variable_names_it_and_its_place(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "Tiêu đề", "Số: {{ number }}", "Kính gửi: {{ recipient }}")
    with pytest.raises(MissingVariableError) as info:
        Template(path).render({"number": "12"})
    error = info.value
    assert isinstance(error, TemplateError)
    assert error.variable == "recipient"
    assert error.part == "word/document.xml"
    assert error.paragraph == 3
    assert "Kính gửi" in error.near
    message = str(error)
    assert "'recipient'" in message and "word/document.xml" in message and "paragraph 3" in message


def test_missing_variable_in_a_header_names_the_header(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "Thân", header="{{ agency }}")
    with pytest.raises(MissingVariableError) as info:
        Template(path).render({})
    assert info.value.variable == "agency"
    assert info.value.part.startswith("word/header")


def test_missing_attribute_is_an_error_too(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "Ký: {{ signer.name }}")
    with pytest.raises(MissingVariableError, match="name"):
        Template(path).render({"signer": {}})


def test_not_strict_renders_missing_variables_empty(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "Kính gửi: {{ recipient }}!")
    assert texts(Template(path, strict=False).render({})) == ["Kính gửi: !"]


def test_syntax_error_names_part_and_paragraph(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "Một", "Hai", "{% if x %} ba {% endfor %}")
    with pytest.raises(TemplateSyntaxError) as info:
        Template(path)
    assert info.value.part == "word/document.xml"
    assert info.value.paragraph == 3
    assert "endfor" in str(info.value)


@pytest.mark.parametrize(
    "source, message",
    [
        (b"not a zip at all", "not a .docx"),
        (zipfile.ZipFile, r"no \[Content_Types\]\.xml"),
    ],
)
def test_non_docx_sources_are_refused(source, message, tmp_path: Path) -> None:
    if source is zipfile.ZipFile:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("hello.txt", "xin chào")
        source = buffer.getvalue()
    with pytest.raises(TemplateFileError, match=message):
        Template(source)


def test_missing_file_is_a_template_file_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateFileError, match="not found"):
        Template(tmp_path / "absent.docx")
    with pytest.raises(TemplateFileError):
        Template(tmp_path)


# -- escaping, markup and control characters ----------------------------------------------------


@pytest.mark.parametrize("value", ["Sở TT&TT", "<b>đậm</b>", "{{ x }}", "a < b & c > d \"'"])
def test_values_render_literally(tmp_path: Path, value: str) -> None:
    path = make_docx(tmp_path / "t.docx", "Gửi: {{ v }}")
    assert texts(Template(path).render({"v": value, "x": "KHÔNG"})) == [f"Gửi: {value}"]


def test_richtext_and_listing_render_as_markup(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "{{r rich }}", "{{ listing }}")
    rich = RichText("Quan trọng", bold=True)
    data = Template(path).render({"rich": rich, "listing": Listing("dòng 1\ndòng 2 <&>")})
    root = part_xml(data)
    bold_runs = [r for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert ["".join(r.itertext()) for r in bold_runs] == ["Quan trọng"]
    assert texts(data)[1] == "dòng 1\ndòng 2 <&>"


def test_newline_in_a_value_becomes_a_line_break(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "Địa chỉ: {{ address }}")
    data = Template(path).render({"address": "Số 1 Tràng Tiền\nHoàn Kiếm, Hà Nội"})
    root = part_xml(data)
    assert len(list(root.iter(f"{W}br"))) == 1
    assert texts(data) == ["Địa chỉ: Số 1 Tràng Tiền\nHoàn Kiếm, Hà Nội"]


def test_tab_paragraph_and_page_controls_become_word_markup(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "A{{ v }}Z")
    data = Template(path).render({"v": "1\t2\a3\f4"})
    root = part_xml(data)
    assert texts(data) == ["A1\t2", "3", "", "4Z"]  # python-docx shows a page break as ""
    assert [br.get(f"{W}type") for br in root.iter(f"{W}br")] == ["page"]
    assert len(list(root.iter(f"{W}tab"))) == 1


def test_filters_and_globals_are_available(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "{{ name|upper_vi }} – {{ greet(name) }}")
    template = Template(path, filters={"upper_vi": str.upper}, globals={"greet": lambda n: f"Chào {n}"})
    assert texts(template.render({"name": "đà nẵng"})) == ["ĐÀ NẴNG – Chào đà nẵng"]
    assert "greet" not in template.variables


def test_the_sandbox_refuses_unsafe_attributes(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", "{{ v.__class__.__subclasses__() }}")
    with pytest.raises(TemplateError):
        Template(path).render({"v": "x"})


def test_template_is_exported_from_congvan() -> None:
    assert congvan.Template is Template
    assert {"Template", "render_many", "RenderResult", "MissingVariableError"} <= set(congvan.__all__)


# -- render_many ----------------------------------------------------------------------------


def _letter_item(i: int, folder: str) -> tuple[str, dict]:
    return (f"{folder}/out/{i:03d}.docx", {**CONTEXT, "recipient": f"UBND xã {i}"})


def test_render_many_writes_files_and_reports_hashes(letter: Path, tmp_path: Path) -> None:
    items = [(tmp_path / "a" / f"{i}.docx", {**CONTEXT, "recipient": f"xã {i}"}) for i in range(5)]
    results = list(render_many(letter, items))
    assert [r.index for r in results] == list(range(5))
    for result, (path, _ctx) in zip(results, items):
        data = path.read_bytes()
        assert result.path == path
        assert result.size == len(data)
        assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [f"{i}.docx" for i in range(5)]  # no temporary left


def test_render_many_with_two_jobs_gives_the_same_files(letter: Path, tmp_path: Path) -> None:
    from functools import partial

    serial = list(render_many(letter, range(25), prepare=partial(_letter_item, folder=str(tmp_path / "s"))))
    parallel = list(
        render_many(
            Template(letter),
            range(25),
            jobs=2,
            chunksize=3,
            prepare=partial(_letter_item, folder=str(tmp_path / "p")),
        )
    )
    assert [r.sha256 for r in parallel] == [r.sha256 for r in serial]
    assert [r.index for r in parallel] == list(range(25))
    assert all(r.path.exists() for r in parallel)


@pytest.mark.parametrize(("jobs", "chunksize"), [(3, 1), (2, 7)])
def test_render_many_keeps_input_order_whichever_process_renders(
    letter: Path, tmp_path: Path, jobs: int, chunksize: int
) -> None:
    from functools import partial

    prepare = partial(_letter_item, folder=str(tmp_path / f"j{jobs}"))
    serial = [r.sha256 for r in render_many(letter, range(11), prepare=prepare)]
    results = list(render_many(Template(letter), range(11), jobs=jobs, chunksize=chunksize, prepare=prepare))
    assert [r.index for r in results] == list(range(11))
    assert [r.sha256 for r in results] == serial


def test_render_many_propagates_errors(letter: Path, tmp_path: Path) -> None:
    with pytest.raises(MissingVariableError):
        list(render_many(letter, [(tmp_path / "x.docx", {})]))
