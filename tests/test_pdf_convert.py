"""Real LibreOffice conversions: Vietnamese text, page numbers by ND30, a combined .docx split by letter.

LibreOffice runs once for the whole module (one `to_pdf` call, two instances);
every test reads the PDFs back with pdftotext/pypdf.
"""

from __future__ import annotations

import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import congvan
from congvan.pdf import (
    combine_pdfs,
    destination_pages,
    destination_ranges,
    page_count,
    pdf_text,
    pdf_words,
    previews,
    split_pdf,
    to_pdf,
)
from congvan.pdf.text import PageWords

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils missing: apt-get install libreoffice-writer-nogui "
    "fonts-liberation2 fonts-croscore poppler-utils",
)

ROOT = Path(__file__).resolve().parents[1]
PHRASE = "ỷ ữ ẫ ặ đ Đ ơ ư Ủy ban nhân dân tỉnh Thừa Thiên Huế"
SENTENCE = (
    "Ủy ban nhân dân tỉnh Thừa Thiên Huế đề nghị các sở, ban, ngành rà soát, tổng hợp "
    "kết quả thực hiện nhiệm vụ thông tin đối ngoại năm 2019 và gửi về Sở trước ngày 15 tháng 01."
)
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VOWELS = "a ă â e ê i o ô ơ u ư y".split()
#: Every Vietnamese letter with every tone, lower and upper case, and đ Đ (NFC).
ALL_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    | {unicodedata.normalize("NFC", (v + t).upper()) for v in VOWELS for t in TONES}
    | {"đ", "Đ"}
)
LETTERS_IN_COMBINED = ("Hà Giang", "Thừa Thiên Huế", "Đắk Lắk")

LEFT, RIGHT, TOP = Mm(30), Mm(15), Mm(20)


# ---------------------------------------------------------------- documents


def add_page_field(paragraph) -> None:
    """A PAGE field as Word writes it: begin, instruction, separate, cached value, end."""

    def run_with(child):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1").font.size = Pt(13)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def restart_numbering(section) -> None:
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    section._sectPr.append(pg)


def setup_section(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.top_margin, section.bottom_margin = TOP, Mm(20)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True


def new_document() -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    return doc


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build_letter(path: Path) -> None:
    """3 pages of letter and a 2-page annex in its own section, numbered by ND30."""
    doc = new_document()
    setup_section(doc.sections[0])
    header = doc.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(header)
    doc.add_paragraph(PHRASE)
    doc.add_paragraph(" ".join(ALL_LETTERS))
    for page in range(3):
        if page:
            page_break(doc)
        for _ in range(4):
            doc.add_paragraph(SENTENCE).paragraph_format.first_line_indent = Mm(10)
    annex = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_section(annex)
    restart_numbering(annex)
    title = doc.add_paragraph("Phụ lục")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(SENTENCE)
    page_break(doc)
    doc.add_paragraph(SENTENCE)
    doc.save(path)


def add_bookmark(paragraph, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def build_combined(path: Path) -> None:
    """Three letters in one .docx, each in its own section, a bookmark at each start; letter 2 has 2 pages."""
    doc = new_document()
    for index, province in enumerate(LETTERS_IN_COMBINED):
        section = doc.sections[0] if index == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        setup_section(section)
        first = doc.add_paragraph(f"Kính gửi: Ủy ban nhân dân tỉnh {province}")
        add_bookmark(first, f"letter_{index + 1:03d}", index + 1)
        doc.add_paragraph(SENTENCE)
        if index == 1:
            page_break(doc)
            doc.add_paragraph(SENTENCE)
    doc.save(path)


# ---------------------------------------------------------------- one conversion


@dataclass
class Converted:
    letter: Path
    combined: Path
    directive: Path | None
    directive_docx: Path | None
    error: congvan.ConversionFailed


def directive_available() -> bool:
    return hasattr(congvan, "render") and hasattr(congvan, "load") or _documents_module() is not None


def _documents_module():
    try:
        from congvan import documents
    except ImportError:
        return None
    return documents if hasattr(documents, "render") and hasattr(documents, "load") else None


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    src = tmp_path_factory.mktemp("docx")
    out = tmp_path_factory.mktemp("pdf")
    letter, combined, corrupt = src / "thư Huế.docx", src / "combined.docx", src / "corrupt.docx"
    build_letter(letter)
    build_combined(combined)
    with zipfile.ZipFile(corrupt, "w") as package:
        package.writestr("word/document.xml", "<w:document broken")
    inputs = [letter, combined, corrupt]
    directive_docx = None
    documents = _documents_module()
    if documents is not None:
        directive_docx = src / "directive.docx"
        documents.render(documents.load(ROOT / "data" / "directive-2020.yaml"), directive_docx)
        inputs.append(directive_docx)
    with pytest.raises(congvan.ConversionFailed) as caught:
        to_pdf(inputs, out, jobs=2)
    return Converted(
        letter=out / "thư Huế.pdf",
        combined=out / "combined.pdf",
        directive=out / "directive.pdf" if directive_docx else None,
        directive_docx=directive_docx,
        error=caught.value,
    )


# ---------------------------------------------------------------- helpers


def top_numbers(page: PageWords, top_margin_pt: float) -> list[str]:
    """The digit words standing in the top margin of ``page``."""
    return [w.text for w in page.words if w.y_max <= top_margin_pt and w.text.isdigit()]


def assert_number_centred(page: PageWords, number: int, left_pt: float, right_pt: float, top_pt: float) -> None:
    marks = [w for w in page.words if w.y_max <= top_pt and w.text.isdigit()]
    assert [w.text for w in marks] == [str(number)], f"page {page.number}: top-margin numbers {marks}"
    centre = (left_pt + page.width - right_pt) / 2
    assert abs(marks[0].x_centre - centre) < 1.5, (
        f"page {page.number}: number at x={marks[0].x_centre}, text centre {centre}"
    )


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def squeezed(text: str) -> str:
    """NFC without any white space: a sentence compares equal however the page broke its lines."""
    return "".join(unicodedata.normalize("NFC", text).split())


# ---------------------------------------------------------------- tests


def test_the_failing_file_is_reported_and_the_others_converted(converted: Converted) -> None:
    error = converted.error
    assert [f.source.name for f in error.failures] == ["corrupt.docx"]
    assert "LibreOffice could not load" in error.failures[0].reason
    assert "corrupt.docx" in str(error)
    assert converted.letter in error.converted and converted.combined in error.converted
    assert all(path.is_file() for path in error.converted)
    assert sorted(p.name for p in converted.letter.parent.iterdir()) == sorted(p.name for p in error.converted)


def test_every_vietnamese_letter_survives(converted: Converted) -> None:
    text = squeezed(" ".join(pdf_text(converted.letter)))
    assert squeezed(PHRASE) in text
    assert squeezed(SENTENCE) in text
    words = {w.text for page in pdf_words(converted.letter) for w in page.words}
    assert [letter for letter in ALL_LETTERS if letter not in words] == []


def test_fonts_are_the_metric_compatible_times_substitutes(converted: Converted) -> None:
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(converted.letter).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith(("LiberationSerif", "Tinos", "TimesNewRoman")) for f in fonts), fonts


def test_page_numbers_by_nd30_in_a_generated_letter(converted: Converted) -> None:
    pages = pdf_words(converted.letter)
    assert len(pages) == 5 == page_count(converted.letter)
    left, right, top = LEFT.pt, RIGHT.pt, TOP.pt
    assert top_numbers(pages[0], top) == []  # page 1: none
    assert_number_centred(pages[1], 2, left, right, top)
    assert_number_centred(pages[2], 3, left, right, top)
    assert top_numbers(pages[3], top) == []  # the annex's first page, numbering restarted
    assert "Phụ lục" in flat(pdf_text(converted.letter)[3])
    assert_number_centred(pages[4], 2, left, right, top)


def test_a_combined_docx_splits_into_letters_by_bookmark(converted: Converted, tmp_path: Path) -> None:
    names = [f"letter_{i:03d}" for i in range(1, 4)]
    # LibreOffice writes "_" as 5F in destination names; destination_ranges takes the bookmark names.
    assert {n: p for n, p in destination_pages(converted.combined).items() if n.startswith("letter")} == {
        "letter5F001": 0,
        "letter5F002": 1,
        "letter5F003": 3,
    }
    ranges = destination_ranges(converted.combined, names)
    assert ranges == [range(0, 1), range(1, 3), range(3, 4)]
    outs = split_pdf(converted.combined, ranges, [tmp_path / f"{n}.pdf" for n in names])
    assert [page_count(p) for p in outs] == [1, 2, 1]
    for out, province in zip(outs, LETTERS_IN_COMBINED, strict=True):
        assert squeezed(f"Ủy ban nhân dân tỉnh {province}") in squeezed(" ".join(pdf_text(out)))


def test_combined_pdf_has_a_bookmark_per_letter(converted: Converted, tmp_path: Path) -> None:
    from pypdf import PdfReader

    titles = ["Công văn gửi Huế", "Gửi các tỉnh (ghép)"]
    out = combine_pdfs([converted.letter, converted.combined], tmp_path / "batch.pdf", bookmarks=titles)
    reader = PdfReader(out)
    assert len(reader.pages) == 5 + 4
    assert [item.title for item in reader.outline] == titles
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [0, 5]


def test_previews_draw_every_page(converted: Converted, tmp_path: Path) -> None:
    pngs = previews(converted.letter, tmp_path, dpi=20)
    assert [p.name for p in pngs] == [f"thư Huế-{n}.png" for n in range(1, 6)]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


# ---------------------------------------------------------------- the directive


def directive(converted: Converted) -> Path:
    if converted.directive is None:
        pytest.skip("congvan.documents.render/load not available yet")
    return converted.directive


def directive_geometry(converted: Converted) -> tuple[float, float, float]:
    section = Document(str(converted.directive_docx)).sections[0]
    return section.left_margin.pt, section.right_margin.pt, section.top_margin.pt


def test_directive_text_and_diacritics_intact(converted: Converted) -> None:
    from congvan.documents import load

    pdf = directive(converted)
    letter = load(ROOT / "data" / "directive-2020.yaml")
    text = squeezed(" ".join(pdf_text(pdf)))
    sentences = [letter.body.opening.text.lstrip(", ")]
    sentences += [task.text for task in letter.body.tasks if task.text]
    sentences += ["UBND tỉnh Thừa Thiên Huế", "UBND tỉnh Đắk Lắk", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"]
    missing = [s for s in sentences if squeezed(s) not in text]
    assert missing == []


def test_directive_pages_and_page_numbers(converted: Converted) -> None:
    pdf = directive(converted)
    left, right, top = directive_geometry(converted)
    pages = pdf_words(pdf)
    texts = [flat(t) for t in pdf_text(pdf)]
    annex_start = next(i for i, t in enumerate(texts) if t.startswith("Phụ lục"))
    assert 3 <= annex_start <= 4, f"the letter has {annex_start} pages"
    assert len(pages) == page_count(pdf) >= annex_start + 1
    assert top_numbers(pages[0], top) == []
    for index in range(1, annex_start):
        assert_number_centred(pages[index], index + 1, left, right, top)
    # The annex is numbered on its own: its first page shows no number (or 1), then 2, 3 …
    assert top_numbers(pages[annex_start], top) in ([], ["1"])
    for offset, page in enumerate(pages[annex_start + 1 :], start=2):
        assert_number_centred(page, offset, left, right, top)
