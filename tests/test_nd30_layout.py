"""The rendered directive, read back with lxml, follows ND30 Phụ lục I.

Ranges come from ../shared/spec/nd30-layout.md (Phụ lục I); text widths are
estimated with `congvan.layout.text_width`, an independent estimate from
Adobe's Times metrics.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx_text import DocxReader, Para, normalise_space, twips_to_mm, w
from lxml import etree

import congvan.documents as documents
from congvan.layout import text_width
from congvan.model import Addressees, OfficialLetter

DATE_LINE = re.compile(r"^Hà Nội, ngày (\d{2}|……) tháng (\d{1,2}|……) năm (\d{4}|……)$")
FONT = "Times New Roman"


@pytest.fixture(scope="module")
def data(root: Path) -> dict:
    return yaml.safe_load((root / "data" / "directive-2020.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def letter(root: Path) -> OfficialLetter:
    return documents.load(root / "data" / "directive-2020.yaml")


@pytest.fixture(scope="module")
def rendered(letter: OfficialLetter) -> bytes:
    return documents.render(letter)


@pytest.fixture(scope="module")
def reader(rendered: bytes) -> DocxReader:
    return DocxReader(rendered)


def sizes(reader: DocxReader, para: Para) -> set[float | None]:
    return {run.size for run in reader.text_runs(para.element)}


def assert_runs(reader: DocxReader, para: Para, low: float, high: float, *, bold: bool, italic: bool) -> None:
    runs = reader.text_runs(para.element)
    assert runs, f"{para.norm!r} has no text"
    for run in runs:
        assert run.size is not None and low <= run.size <= high, (para.norm, run.size)
        assert run.bold is bold, (para.norm, "bold", run.bold)
        assert run.italic is italic, (para.norm, "italic", run.italic)


def ancestor(element: etree._Element, tag: str) -> etree._Element:
    return next(a for a in element.iterancestors() if a.tag == w(tag))


def cell_inner_width(tc: etree._Element) -> int:
    """Width of a cell's text area: its width minus the table's left and right cell margins."""
    width = int(tc.find(f"{w('tcPr')}/{w('tcW')}").get(w("w")))
    tbl = ancestor(tc, "tbl")
    margins = 0
    for side in ("left", "right"):
        mar = tc.find(f"{w('tcPr')}/{w('tcMar')}/{w(side)}")
        if mar is None:
            mar = tbl.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(side)}")
        margins += int(mar.get(w("w"))) if mar is not None else 108  # Word's default
    return width - margins


def indents(reader: DocxReader, para: Para) -> tuple[int, int]:
    left = reader.paragraph_property(para.element, "ind", "left") or reader.paragraph_property(
        para.element, "ind", "start"
    )
    right = reader.paragraph_property(para.element, "ind", "right") or reader.paragraph_property(
        para.element, "ind", "end"
    )
    return int(left or 0), int(right or 0)


# ------------------------------------------------------------------ page


def test_every_section_is_a4_with_nd30_margins(rendered: bytes, reader: DocxReader) -> None:
    sections = docx.Document(io.BytesIO(rendered)).sections
    assert len(sections) == 2
    for section in sections:
        assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
        assert 20 <= round(section.top_margin.mm, 1) <= 25
        assert 20 <= round(section.bottom_margin.mm, 1) <= 25
        assert 30 <= round(section.left_margin.mm, 1) <= 35
        assert 15 <= round(section.right_margin.mm, 1) <= 20
    for sect in reader.section_properties():
        assert sect.find(w("pgSz")).get(w("orient")) in (None, "portrait")


def test_every_run_is_times_new_roman(reader: DocxReader) -> None:
    parts = [reader.body]
    for sect in reader.section_properties():
        parts += [reader.header_part(sect, kind) for kind in ("default", "first")]
    count = 0
    for part in parts:
        assert part is not None
        for run in reader.all_runs(part):
            assert run.font == FONT and run.font_hansi == FONT, run
            count += 1
    assert count > 150


# ------------------------------------------------------------------ header (ô 1–5b)


def header_cell_paragraphs(reader: DocxReader, column: int) -> list[Para]:
    first_table = reader.body.find(w("tbl"))
    tc = first_table.find(w("tr")).findall(w("tc"))[column]
    return reader.paragraphs(tc)


def test_issuing_body_upper_bold_and_not_wrapped(reader: DocxReader, data: dict) -> None:
    paras = header_cell_paragraphs(reader, 0)
    rule_at = next(i for i, p in enumerate(paras) if reader.bottom_border(p.element) is not None)
    name_lines = [p for p in paras[:rule_at] if p.norm]
    assert " ".join(p.norm for p in name_lines) == data["issuing_body"]["name"].upper()
    inner = cell_inner_width(ancestor(name_lines[0].element, "tc"))
    for para in name_lines:
        assert para.norm == para.norm.upper()
        assert_runs(reader, para, 12, 13, bold=True, italic=False)
        assert reader.alignment(para.element) == "center"
        size = sizes(reader, para).pop()
        # each line fits its cell, so no line wraps in Word or LibreOffice
        assert text_width(para.norm, size, bold=True) <= inner, para.norm


def test_rule_under_issuing_body_is_a_third_to_a_half_of_its_width(reader: DocxReader) -> None:
    paras = header_cell_paragraphs(reader, 0)
    rule_at = next(i for i, p in enumerate(paras) if reader.bottom_border(p.element) is not None)
    rule = paras[rule_at]
    assert rule.norm == ""
    assert reader.alignment(rule.element) == "center"
    left, right = indents(reader, rule)
    assert left == right  # centred under the name
    length = cell_inner_width(ancestor(rule.element, "tc")) - left - right
    name_lines = [p for p in paras[:rule_at] if p.norm]
    widest = max(text_width(p.norm, sizes(reader, p).pop(), bold=True) for p in name_lines)
    assert widest / 3 <= length <= widest / 2, (length, widest)


def test_national_title_and_motto(reader: DocxReader) -> None:
    paras = [p for p in header_cell_paragraphs(reader, 1) if p.norm]
    title, motto = paras[0], paras[1]
    assert title.norm == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert_runs(reader, title, 12, 13, bold=True, italic=False)
    assert motto.norm == "Độc lập - Tự do - Hạnh phúc"
    assert_runs(reader, motto, 13, 14, bold=True, italic=False)
    for para in (title, motto):
        assert reader.alignment(para.element) == "center"
        inner = cell_inner_width(ancestor(para.element, "tc"))
        assert text_width(para.norm, sizes(reader, para).pop(), bold=True) <= inner
    # the rule under the motto: its bottom border, about as long as the text
    assert reader.bottom_border(motto.element) is not None
    left, right = indents(reader, motto)
    length = cell_inner_width(ancestor(motto.element, "tc")) - left - right
    text = text_width(motto.norm, sizes(reader, motto).pop(), bold=True)
    assert 0.95 * text <= length <= 1.25 * text, (length, text)


def test_number_date_and_subject(reader: DocxReader, data: dict) -> None:
    number = reader.find("Số:", start=True)
    assert re.fullmatch(r"Số:[ \u00a0]{4,}/BTTTT-TTĐN", number.text), number.text  # room to write the number
    assert_runs(reader, number, 13, 13, bold=False, italic=False)
    date = next(p for p in reader.paragraphs() if DATE_LINE.match(p.norm))
    assert_runs(reader, date, 13, 14, bold=False, italic=True)
    assert ancestor(number.element, "tr") is ancestor(date.element, "tr")
    for para in (number, date):
        assert reader.alignment(para.element) == "center"
    subject = reader.find("V/v ", start=True)
    assert subject.norm == "V/v " + data["subject"]
    assert_runs(reader, subject, 12, 13, bold=False, italic=False)
    # below Số, in the same (left) column, 6 pt below it
    paras = reader.paragraphs()
    index = [p.element for p in paras]
    assert index.index(subject.element) > index.index(number.element)
    column = lambda p: ancestor(p.element, "tr").findall(w("tc")).index(ancestor(p.element, "tc"))  # noqa: E731
    assert column(subject) == column(number) == 0
    assert column(subject) < column(date)
    assert int(reader.paragraph_property(subject.element, "spacing", "before") or 0) >= 120


def dated_render(data: dict, issued_on: str) -> DocxReader:
    changed = {**data, "issued_on": issued_on, "number": "135/BTTTT-TTĐN"}
    return DocxReader(documents.render(OfficialLetter.model_validate(changed)))


@pytest.mark.parametrize(
    ("issued_on", "written"),
    [
        ("2020-01-05", "ngày 05 tháng 01 năm 2020"),
        ("2019-09-07", "ngày 07 tháng 9 năm 2019"),
        ("2020-02-14", "ngày 14 tháng 02 năm 2020"),
        ("2019-12-31", "ngày 31 tháng 12 năm 2019"),
    ],
)
def test_date_line_of_a_dated_letter(data: dict, issued_on: str, written: str) -> None:
    reader = dated_render(data, issued_on)
    date = reader.find("Hà Nội, ngày", start=True)
    assert date.norm == f"Hà Nội, {written}"
    assert DATE_LINE.match(date.norm)
    assert reader.find("Số:", start=True).norm == "Số: 135/BTTTT-TTĐN"
    attached = reader.find("(Kèm theo", start=True).norm
    assert attached == f"(Kèm theo Công văn số 135/BTTTT-TTĐN {written} của Bộ Thông tin và Truyền thông)"


def test_date_line_of_the_draft(reader: DocxReader) -> None:
    dates = [p for p in reader.paragraphs() if p.norm.startswith("Hà Nội,")]
    assert len(dates) == 1
    match = DATE_LINE.match(dates[0].norm)
    assert match and match[1] == "……" and match[2] == "……"


# ------------------------------------------------------------------ Kính gửi and body


def test_kinh_gui_single_addressee(reader: DocxReader, data: dict) -> None:
    para = reader.find("Kính gửi:", start=True)
    assert para.norm == "Kính gửi: " + data["addressees"]["items"][0]
    assert not para.in_table
    assert_runs(reader, para, 13, 14, bold=False, italic=False)


def test_kinh_gui_several_addressees(letter: OfficialLetter) -> None:
    names = ["Ủy ban nhân dân tỉnh An Giang", "Ủy ban nhân dân thành phố Cần Thơ", "Sở TT&TT tỉnh Yên Bái"]
    several = letter.model_copy(update={"addressees": Addressees(items=names)})
    reader = DocxReader(documents.render(several))
    texts = reader.texts()
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 4] == [f"- {names[0]};", f"- {names[1]};", f"- {names[2]}."]
    for text in ["Kính gửi:", *texts[start + 1 : start + 4]]:
        assert_runs(reader, reader.find(text), 13, 14, bold=False, italic=False)


def body_paragraphs(reader: DocxReader) -> list[Para]:
    """Paragraphs between Kính gửi and the signature band, with text."""
    paras = reader.paragraphs()
    start = next(i for i, p in enumerate(paras) if p.norm.startswith("Kính gửi:"))
    end = next(i for i, p in enumerate(paras) if p.norm == "Nơi nhận:")
    return [p for p in paras[start + 1 : end] if p.norm and not p.in_table]


def test_body_paragraphs_justified_indented_spaced(reader: DocxReader) -> None:
    body = body_paragraphs(reader)
    assert body[0].norm.startswith("Triển khai") and len(body) >= 20
    for para in body:
        assert reader.alignment(para.element) in ("both", "distribute"), para.norm[:40]
        first_line = int(reader.paragraph_property(para.element, "ind", "firstLine") or 0)
        assert 1.0 <= first_line * 2.54 / 1440 <= 1.27 + 0.01, (para.norm[:40], first_line)
        assert int(reader.paragraph_property(para.element, "spacing", "before") or 0) >= 120, para.norm[:40]
        assert_runs(reader, para, 13, 14, bold=False, italic=False)


def test_body_ends_with_stop_mark(reader: DocxReader) -> None:
    assert body_paragraphs(reader)[-1].norm.endswith("./.")


# ------------------------------------------------------------------ signature band


def test_signature_band(reader: DocxReader, letter: OfficialLetter) -> None:
    heading = reader.find("Nơi nhận:")
    assert_runs(reader, heading, 12, 12, bold=True, italic=True)
    row = ancestor(heading.element, "tr")
    left, right = row.findall(w("tc"))
    lines = [p for p in reader.paragraphs(left) if p.norm][1:]
    assert [p.norm for p in lines] == [
        "- Như trên;",
        "- Bộ trưởng (để b/c);",
        "- Thứ trưởng Hoàng Vĩnh Bảo;",
        "- Sở TT&TT các tỉnh, thành phố;",
        "- Lưu: VT, TTĐN, NV (135).",
    ]
    for para in lines:
        assert_runs(reader, para, 11, 11, bold=False, italic=False)
        assert para.norm.startswith("- ")
    assert all(p.norm.endswith(";") for p in lines[:-1])
    assert re.fullmatch(r"- Lưu: VT(, [^,]+)+\.", lines[-1].norm)
    authority = [p for p in reader.paragraphs(right) if p.norm]
    assert [p.norm for p in authority] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
    for para in authority:
        assert para.norm == para.norm.upper()
        assert_runs(reader, para, 13, 14, bold=True, italic=False)
        assert reader.alignment(para.element) == "center"
    # "Nơi nhận:" is level with the authority line: both open their cells of the same row
    assert reader.paragraphs(left)[0].norm == "Nơi nhận:"
    assert next(p for p in reader.paragraphs(right) if p.norm).element is reader.paragraphs(right)[0].element


def test_signer_name_bold_under_the_title(letter: OfficialLetter) -> None:
    signed = letter.model_copy(update={"signature": letter.signature.model_copy(update={"name": "Nguyễn Văn A"})})
    reader = DocxReader(documents.render(signed))
    name = reader.find("Nguyễn Văn A")
    assert_runs(reader, name, 13, 14, bold=True, italic=False)
    title = reader.find("THỨ TRƯỞNG")
    cell = ancestor(title.element, "tc")
    assert ancestor(name.element, "tc") is cell
    paras = [p.element for p in reader.paragraphs(cell)]
    assert paras.index(name.element) - paras.index(title.element) >= 3  # room to sign


# ------------------------------------------------------------------ page numbers


def test_page_number_top_centre_from_page_two(reader: DocxReader) -> None:
    first_section = reader.section_properties()[0]
    assert first_section.find(w("titlePg")) is not None
    default = reader.header_part(first_section, "default")
    first = reader.header_part(first_section, "first")
    assert default is not None and first is not None
    instructions = [t.text for t in default.iter(w("instrText"))] + [
        f.get(w("instr")) for f in default.iter(w("fldSimple"))
    ]
    assert any(i and i.split()[0] == "PAGE" for i in instructions), instructions
    field_para = next(p for p in default.iter(w("p")) if list(p.iter(w("instrText"))) or list(p.iter(w("fldSimple"))))
    assert reader.alignment(field_para) == "center"
    for run in reader.all_runs(field_para):
        assert run.size is not None and 13 <= run.size <= 14
    # page 1 shows nothing
    assert "".join(t.text or "" for t in first.iter(w("t"))).strip() == ""
    assert not list(first.iter(w("instrText"))) and not list(first.iter(w("fldSimple")))


# ------------------------------------------------------------------ annex


def test_annex_is_its_own_section_with_numbering_restarted(reader: DocxReader) -> None:
    sections = reader.section_properties()
    assert len(sections) == 2
    letter_end, annex = sections
    assert letter_end.getparent().tag == w("pPr")  # ends the letter's section
    kind = letter_end.find(w("type"))
    assert kind is None or kind.get(w("val")) == "nextPage"
    paras = [p.element for p in reader.paragraphs()]
    break_at = paras.index(letter_end.getparent().getparent())
    heading = reader.find("Phụ lục")
    assert paras.index(heading.element) > break_at
    assert paras.index(reader.find("Trân trọng./.").element) < break_at
    for sect in sections:
        assert sect.find(w("pgNumType")).get(w("start")) == "1"
        assert sect.find(w("titlePg")) is not None
    assert annex.getparent() is reader.body


def test_annex_heading_title_and_attached_line(reader: DocxReader, data: dict) -> None:
    heading = reader.find("Phụ lục")
    assert_runs(reader, heading, 14, 14, bold=True, italic=False)
    title = reader.find(data["annexes"][0]["title"])
    assert title.norm == title.norm.upper()
    assert_runs(reader, title, 13, 14, bold=True, italic=False)
    attached = reader.find("(Kèm theo", start=True)
    assert re.fullmatch(
        r"\(Kèm theo Công văn số (\d{2,})?/BTTTT-TTĐN ngày (\d{2}|……) tháng (\d{1,2}|……) năm (\d{4}|……) "
        r"của Bộ Thông tin và Truyền thông\)",
        attached.norm,
    )
    assert_runs(reader, attached, 13, 14, bold=False, italic=True)
    for para in (heading, title, attached):
        assert reader.alignment(para.element) == "center"
    order = [p.element for p in reader.paragraphs()]
    assert order.index(heading.element) < order.index(title.element) < order.index(attached.element)


def test_mm_helper_sanity() -> None:
    assert round(twips_to_mm(1134)) == 20 and normalise_space(" a\u00a0 b ") == "a b"
    assert dt.date(2020, 1, 5).month == 1
