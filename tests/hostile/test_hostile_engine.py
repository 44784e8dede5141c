"""Attacks on the engine: values a .docx cannot hold, templates that run away, zip bombs, options, escapes.

Each test is one attack. What must hold: a `CongvanError` (exit 2 from the command line) whose
message names the place (part, paragraph, property, field) and the offending code point or limit,
and nothing written; a render that succeeds gives a .docx that python-docx opens with the text in it.
"""

from __future__ import annotations

import io
import pickle
import time
import zipfile
from pathlib import Path

import docx
import pytest
from csv_tables import write_csv
from docxtpl import RichText
from lxml import etree

from congvan import (
    CongvanError,
    InvalidCharacterError,
    LimitExceeded,
    Template,
    TemplateFileError,
    TemplateRenderError,
    TemplateSecurityError,
    TemplateSyntaxError,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
ROOT = Path(__file__).resolve().parents[2]


def template_bytes(*paragraphs: str, subject: str = "") -> bytes:
    """A .docx whose body holds ``paragraphs`` (one per paragraph) and whose core ``subject`` is ``subject``."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if subject:
        document.core_properties.subject = subject
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter(tag: str = "{{ ten }}", **options) -> Template:
    """A template whose second paragraph is ``tag``."""
    return Template(template_bytes("Kính gửi:", tag, "Trân trọng./."), **options)


def body_texts(data: bytes) -> list[str]:
    """The paragraph texts of a rendered .docx, read with python-docx (which refuses a corrupt part)."""
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


# -- 1. characters XML 1.0 cannot hold ---------------------------------------------------------------

REFUSED = [
    "\x00",
    "\x01",
    "\x08",
    "\x0e",
    "\x1b",
    "\x1f",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\ufdd0",  # the engine's own paragraph mark: must never become a paragraph break
    "\ufdd1",  # the engine's own page mark
    "\ufdef",
]


@pytest.mark.parametrize("char", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_a_value_with_a_character_a_docx_cannot_hold_is_refused_with_code_point_and_place(char: str) -> None:
    value = f"Sở A{char}B"
    with pytest.raises(InvalidCharacterError) as caught:
        letter().render({"ten": value})
    message = str(caught.value)
    assert f"U+{ord(char):04X}" in message
    assert "position 4" in message
    assert "word/document.xml, paragraph 2" in message
    assert repr(value) in message
    assert "remove it" in message
    assert caught.value.codepoint == ord(char) and caught.value.position == 4


CODE_POINTS = [*range(0x20), 0x7F, 0x85, 0xA0, 0x2028, 0xFFFD, 0x1FFFE, 0x10FFFF, *map(ord, REFUSED[6:])]
WORD_MARKUP = {0x09, 0x0A, 0x07, 0x0B, 0x0C, 0x0D}  # tab, line break, paragraph, line break, page, line break


def test_every_render_is_an_openable_docx_with_the_value_kept_or_a_congvan_error() -> None:
    """Across the C0 controls, noncharacters, surrogates and other planes: never a corrupt or altered letter."""
    for code in CODE_POINTS:
        value = f"đầu{chr(code)}cuối"
        try:
            data = letter().render({"ten": value})
        except CongvanError as error:
            assert f"U+{code:04X}" in str(error), code
            continue
        package = zipfile.ZipFile(io.BytesIO(data))
        for name in package.namelist():
            if name.endswith(".xml"):
                etree.fromstring(package.read(name))  # strict: raises on anything XML 1.0 cannot hold
        texts = body_texts(data)
        if code in WORD_MARKUP:
            assert "đầu" in "\n".join(texts) and "cuối" in "\n".join(texts), code
        else:
            assert value in texts, code  # exactly the value, in one paragraph


def test_a_vertical_tab_is_a_line_break_like_word_writes_it() -> None:
    data = letter().render({"ten": "dòng một\x0bdòng hai"})
    assert line_breaks_of(data) == [("t", "dòng một"), ("br", None), ("t", "dòng hai")]
    assert body_texts(data)[1] == "dòng một\ndòng hai"


def line_breaks_of(data: bytes) -> list[tuple[str, str | None]]:
    """The text and ``w:br`` elements, in order, of the second body paragraph."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    paragraph = root.findall(f".//{W}body/{W}p")[1]
    return [(child.tag.rsplit("}", 1)[1], child.text) for child in paragraph.iter(f"{W}t", f"{W}br")]


def test_a_carriage_return_is_a_word_line_break_not_a_raw_character() -> None:
    data = letter().render({"ten": "một\rhai\rba"})
    assert line_breaks_of(data) == [("t", "một"), ("br", None), ("t", "hai"), ("br", None), ("t", "ba")]
    data = letter().render({"ten": "một\r\nhai"})  # Windows line end: one break
    assert line_breaks_of(data) == [("t", "một"), ("br", None), ("t", "hai")]


def test_template_text_holding_the_engines_own_mark_is_refused() -> None:
    with pytest.raises(TemplateFileError, match="U\\+FDD0"):
        Template(template_bytes("Kính gửi\ufdd0 {{ ten }}"))


def test_a_core_property_value_with_a_control_character_is_refused_naming_the_property() -> None:
    tpl = Template(template_bytes("Kính gửi", subject="V/v {{ ten }}"))
    with pytest.raises(InvalidCharacterError) as caught:
        tpl.render({"ten": "a\x1bb"})
    assert "docProps/core.xml, property subject" in str(caught.value)
    assert "U+001B" in str(caught.value)


def test_a_core_property_value_with_a_vertical_tab_keeps_its_text() -> None:
    tpl = Template(template_bytes("x", subject="V/v {{ ten }}"))
    data = tpl.render({"ten": "a\x0bb"})
    assert docx.Document(io.BytesIO(data)).core_properties.subject == "V/v a\nb"


def test_a_rich_text_value_with_a_control_character_is_refused() -> None:
    rich = RichText()
    rich.add("đậm\x1b", bold=True)
    with pytest.raises(InvalidCharacterError) as caught:
        letter("{{r ten }}").render({"ten": rich})
    assert "U+001B" in str(caught.value) and "word/document.xml" in str(caught.value)


def test_an_object_printing_a_control_character_is_refused() -> None:
    class Code:
        def __str__(self) -> str:
            return "mã\x07\x02"

    with pytest.raises(InvalidCharacterError, match="U\\+0002"):
        letter().render({"ten": Code()})


def test_a_filter_block_cannot_slip_a_control_character_past_the_check() -> None:
    with pytest.raises(InvalidCharacterError, match="U\\+001B"):
        letter("{% filter replace('x', '\\x1b') %}x{% endfilter %}").render({})


def test_merge_refuses_a_csv_cell_with_an_escape_character_and_writes_nothing(tmp_path: Path, cli, tree_digest) -> None:
    template = tmp_path / "mau.docx"
    template.write_bytes(template_bytes("Kính gửi: {{ ten }}"))
    table = write_csv(tmp_path / "ds.csv", [{"ten": "UBND xã A"}, {"ten": "UBND xã \x1bB"}])
    before = tree_digest(tmp_path)
    outcome = cli("merge", template, table, "-o", tmp_path / "out")
    assert outcome.status == 2
    assert "U+001B" in outcome.err and "word/document.xml, paragraph 1" in outcome.err
    assert not (tmp_path / "out").exists()
    assert tree_digest(tmp_path) == before


def test_render_refuses_a_yaml_field_with_an_escaped_control_character_naming_the_field(
    tmp_path: Path, cli, tree_digest
) -> None:
    data = (ROOT / "examples" / "simple-letter.yaml").read_text(encoding="utf-8")
    assert "  closing: Trân trọng./." in data
    bad = tmp_path / "cv.yaml"
    bad.write_text(data.replace("  closing: Trân trọng./.", '  closing: "Trân trọng\\e./."'), encoding="utf-8")
    before = tree_digest(tmp_path)
    outcome = cli("render", bad, "-o", tmp_path / "cv.docx")
    assert outcome.status == 2
    assert "body.closing" in outcome.err and "U+001B" in outcome.err and "line" in outcome.err
    assert not (tmp_path / "cv.docx").exists()
    assert tree_digest(tmp_path) == before


# -- 3. resource exhaustion: the sandbox -----------------------------------------------------------------

RUNAWAY = {
    "string times a billion (folded at compile time)": ("{{ 'a' * 10**9 }}", "string_length"),
    "a literal billion": ("{{ 'a' * 1000000000 }}", "string_length"),
    "list times a billion": ("{{ [1, 2] * 10**9 }}", "range_length"),
    "printf width from an argument": ("{{ '%*s'|format(10**9, 'x') }}", "string_length"),
    "printf width in the format": ("{{ '%1000000000d' % 1 }}", "string_length"),
    "str.format width": ("{{ '{:>{w}}'.format('x', w=10**9) }}", "string_length"),
    "ljust": ("{{ 'a'.ljust(10**9) }}", "string_length"),
    "rjust": ("{{ 'a'.rjust(10**9) }}", "string_length"),
    "center method": ("{{ 'a'.center(10**9) }}", "string_length"),
    "center filter": ("{{ 'a'|center(10**9) }}", "string_length"),
    "zfill": ("{{ '1'.zfill(10**9) }}", "string_length"),
    "replace the empty string": ("{{ ('a' * 100000).replace('', 'b' * 100000) }}", "string_length"),
    "join with a huge separator": ("{{ ('x' * 1000000).join(range(1000)) }}", "string_length"),
    "power": ("{{ 10 ** 10000000 }}", "integer_bits"),
    "huge range": ("{% for i in range(10**12) %}{% endfor %}", "range_length"),
    "doubling with ~": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "string_length",
    ),
    "doubling with +": (
        "{% set ns = namespace(s=[1]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "range_length",
    ),
    "nested loops": (
        "{% for i in range(1000000) %}{% for j in range(1000000) %}{% endfor %}{% endfor %}",
        "loop_iterations",
    ),
    "exponential macro": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "loop_iterations",
    ),
    "a long value printed in a long loop": (
        "{% for i in range(1000000) %}{{ 'x' * 100000 }}{% endfor %}",
        "rendered_part_bytes",
    ),
}


@pytest.mark.parametrize("tag, limit", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_a_runaway_template_is_refused_within_seconds_naming_the_part_and_limit(tag: str, limit: str) -> None:
    started = time.process_time()  # CPU time: a loaded machine does not make it flaky
    with pytest.raises(LimitExceeded) as caught:
        letter(tag).render({})
    assert time.process_time() - started < 10
    assert caught.value.limit == limit
    message = str(caught.value)
    assert "word/document.xml, paragraph 2" in message
    assert f"CONGVAN_LIMIT_{limit.upper()}" in message


def test_compiling_a_constant_billion_character_string_does_not_build_it_and_ordinary_tags_still_work() -> None:
    started = time.process_time()  # CPU time: a loaded machine does not make it flaky
    tpl = letter("{% if ten %}{{ 'a' * 10**9 }}{% endif %}")
    assert time.process_time() - started < 10
    assert body_texts(tpl.render({"ten": ""}))[1] == ""  # the branch not taken costs nothing
    tag = (
        "{% for i in range(3) %}{{ loop.index }}{{ '-' * 2 }}{% endfor %} {{ 'Số %02d' % 5 }} "
        "{{ '{:,}'.format(15000000) }} {{ 2 ** 10 }} {{ [1, 2]|join(', ') }} {{ 'a' ~ 1 }} {{ 'x'.ljust(3, '.') }}"
    )
    assert body_texts(letter(tag).render({}))[1] == "1--2--3-- Số 05 15,000,000 1024 1, 2 a1 x.."


# -- 3. resource exhaustion: the zip bomb ------------------------------------------------------------------


def test_a_template_that_unpacks_to_300_mb_is_refused_before_unpacking(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(template_bytes("{{ ten }}")))
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/document.xml":
                out.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</w:body>")
            with out.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<!--")
                chunk = b" " * (1 << 20)
                for _ in range(300):
                    member.write(chunk)
                member.write(b"--></w:body>" + tail)
    assert bomb.stat().st_size < 2_000_000
    started = time.process_time()  # CPU time: a loaded machine does not make it flaky
    with pytest.raises(LimitExceeded) as caught:
        Template(bomb)
    assert time.process_time() - started < 10
    assert caught.value.limit == "template_unpacked_bytes"
    assert "word/document.xml" in str(caught.value) and "bomb.docx" in str(caught.value)


# -- 8. template options are read-only -----------------------------------------------------------------


def test_template_options_are_read_only_all_the_way_down_and_a_pickled_copy_keeps_the_real_ones() -> None:
    tpl = letter("{{ a|default('gốc') }} {{ items|join(',') }}", globals={"items": [1, 2]}, strict=False)
    with pytest.raises(TypeError):
        tpl.options["globals"]["a"] = "tiêm"
    with pytest.raises(TypeError):
        tpl.options["filters"]["upper"] = str.lower
    with pytest.raises(AttributeError):
        tpl.options["globals"]["items"].append(3)
    copy = pickle.loads(pickle.dumps(tpl))
    assert body_texts(copy.render({}))[1] == "gốc 1,2"
    assert body_texts(tpl.render({}))[1] == "gốc 1,2"


# -- 9. errors that escaped the hierarchy -------------------------------------------------------------------


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("tag", ["{{ x.__class__ }}", "{{ ''.__class__.__mro__ }}", "{{ x._private }}"])
def test_an_unsafe_attribute_is_a_security_error_with_its_place(tag: str, strict: bool) -> None:
    class Thing:
        _private = "bí mật"

    with pytest.raises(TemplateSecurityError) as caught:
        letter(tag, strict=strict).render({"x": Thing()})
    assert "word/document.xml, paragraph 2" in str(caught.value)
    assert caught.value.paragraph == 2


@pytest.mark.parametrize(
    "tag, kind",
    [
        ("{{ 10.0 ** 1000 }}", "OverflowError"),
        ("{{ '{:d}'.format('a') }}", "ValueError"),
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ("{{ x.boom() }}", "KeyError"),
    ],
)
def test_any_python_error_while_rendering_is_a_render_error_with_its_place(tag: str, kind: str) -> None:
    class Boom:
        def boom(self) -> None:
            raise KeyError("nổ")

    with pytest.raises(TemplateRenderError) as caught:
        letter(tag).render({"x": Boom()})
    assert kind in str(caught.value)
    assert "word/document.xml, paragraph 2" in str(caught.value)


def test_keyboard_interrupt_in_a_filter_passes_through() -> None:
    def stop(value: str) -> str:
        raise KeyboardInterrupt

    def boom(value: str) -> str:
        raise LookupError("hỏng")

    with pytest.raises(TemplateRenderError, match="LookupError: hỏng"):
        letter("{{ ten|boom }}", filters={"boom": boom}).render({"ten": "a"})
    with pytest.raises(KeyboardInterrupt):
        letter("{{ ten|stop }}", filters={"stop": stop}).render({"ten": "a"})


def test_a_number_literal_too_long_to_read_is_a_syntax_error() -> None:
    with pytest.raises(TemplateSyntaxError, match="word/document.xml"):
        letter("{{ " + "9" * 5000 + " }}")


def _rewritten(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info.filename)
            target.writestr(info.filename, change(member) if info.filename == name else member)
    return out.getvalue()


def test_malformed_relationships_are_a_template_file_error() -> None:
    data = _rewritten(template_bytes("{{ ten }}"), "_rels/.rels", lambda xml: xml[:-20])
    with pytest.raises(TemplateFileError, match="_rels/.rels"):
        Template(data)


def test_a_member_with_corrupt_compressed_data_is_a_template_file_error() -> None:
    data = bytearray(template_bytes("{{ ten }}"))
    source = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = source.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 40] = bytes(range(200, 240))
    with pytest.raises(TemplateFileError, match="not a .docx"):
        Template(bytes(data))
