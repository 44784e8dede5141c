"""The 2020 directive rendered from data holds every word of the seed letter, in order.

The expected text is read from the seed (tests/reference/seed) at test time, never
from congvan's output. The data applies two documented corrections by ND30
Phụ lục II (see the header comment of data/directive-2020.yaml); they are
applied to the seed text below, explicitly, and nothing else may differ.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from docx_text import DocxReader, normalise_space

import congvan.documents as documents

SEED = "seed/000_6ca05dc2f5e5ad81.txt"

#: The corrections the data applies to the seed, and only these (ND30 Phụ lục II).
#: Body text: the seed writes "Bộ chính trị"; the proper name is capitalised.
BODY_CORRECTIONS = {
    "Bộ chính trị": "Bộ Chính trị",
}
#: Annex entries: the common noun "tỉnh" stays lower case; "TP" is the abbreviation "TP.".
ANNEX_CORRECTIONS = [
    (re.compile(r"^UBND Tỉnh "), "UBND tỉnh "),
    (re.compile(r"^UBND TP (?!\.)"), "UBND TP. "),
]


def correct_body(text: str) -> str:
    for wrong, right in BODY_CORRECTIONS.items():
        text = text.replace(wrong, right)
    return text


def correct_annex(entry: str) -> str:
    for pattern, replacement in ANNEX_CORRECTIONS:
        entry = pattern.sub(replacement, entry)
    return entry


# ------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def seed_lines(reference: Path) -> list[str]:
    text = (reference / SEED).read_text(encoding="utf-8")
    return [normalise_space(line) for line in unicodedata.normalize("NFC", text).splitlines()]


@pytest.fixture(scope="module")
def seed_body(seed_lines: list[str]) -> list[str]:
    """Paragraphs and list items from "Triển khai Kết luận" to "Trân trọng./.", corrected."""
    start = next(i for i, line in enumerate(seed_lines) if line.startswith("Triển khai Kết luận"))
    end = seed_lines.index("Trân trọng./.")
    return [correct_body(line) for line in seed_lines[start : end + 1] if line]


@pytest.fixture(scope="module")
def seed_recipients(seed_lines: list[str]) -> list[str]:
    start = seed_lines.index("Nơi nhận:")
    lines = []
    for line in seed_lines[start + 1 :]:
        lines.append(line)
        if line.startswith("- Lưu:"):
            break
    return lines


@pytest.fixture(scope="module")
def seed_annex(seed_lines: list[str]) -> tuple[str, list[str]]:
    """The annex title and its table cells in reading order (row by row), corrected."""
    start = next(i for i, line in enumerate(seed_lines) if line.startswith("DANH SÁCH"))
    cells = seed_lines[start + 1 :]
    while cells and not cells[-1]:
        cells.pop()
    # The seed's table text: header cells, then rows of 4 cells separated by blank lines;
    # the last row's right half is empty (two cells of a single space, now "").
    rows: list[list[str]] = []
    current: list[str] = []
    for line in cells + [""]:
        if line:
            current.append(line)
        elif current:
            rows.append(current)
            current = []
    flat = [cell for row in rows for cell in row]
    if len(flat) % 4:
        flat += [""] * (4 - len(flat) % 4)
    return seed_lines[start], [correct_annex(cell) for cell in flat]


# ------------------------------------------------------------------ the rendering


@pytest.fixture(scope="module")
def directive_data(root: Path) -> dict:
    return yaml.safe_load((root / "data" / "directive-2020.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(root: Path) -> bytes:
    return documents.render(documents.load(root / "data" / "directive-2020.yaml"))


@pytest.fixture(scope="module")
def reader(rendered: bytes) -> DocxReader:
    return DocxReader(rendered)


def test_the_corrections_are_needed_by_the_seed(seed_lines: list[str]) -> None:
    """Each correction applies to the seed: none is dead code hiding a difference."""
    text = "\n".join(seed_lines)
    for wrong in BODY_CORRECTIONS:
        assert wrong in text
    assert "UBND Tỉnh An Giang" in text and "UBND TP Cần Thơ" in text and "UBND TP. Hà Nội" in text


def test_body_is_the_seed_paragraph_by_paragraph(reader: DocxReader, seed_body: list[str]) -> None:
    texts = reader.texts()
    start = texts.index(seed_body[0])
    end = texts.index("Trân trọng./.")
    assert texts[start : end + 1] == seed_body
    # tasks, lettered parts and bullets are all there
    assert [t for t in seed_body if re.match(r"^\d+\. ", t)][-1].startswith("8. ")
    assert sum(1 for t in seed_body if re.match(r"^[a-d]\) ", t)) == 4
    assert sum(1 for t in seed_body if t.startswith("- ")) == 12


def test_every_legal_basis_of_the_seed_is_cited(reader: DocxReader, seed_body: list[str]) -> None:
    opening = seed_body[0]
    cited = opening.removeprefix("Triển khai ").split(", Bộ Thông tin và Truyền thông đề nghị")[0]
    bases = cited.split("; ")
    assert len(bases) == 4
    rendered_opening = next(t for t in reader.texts() if t.startswith("Triển khai "))
    for basis in bases:
        assert basis in rendered_opening


def test_every_legal_basis_of_the_data_is_cited_in_full(reader: DocxReader, directive_data: dict) -> None:
    rendered_opening = next(t for t in reader.texts() if t.startswith("Triển khai "))
    catalogue_file = Path(__file__).resolve().parents[1] / "data" / "legal" / "catalogue.yaml"
    catalogue = {
        entry["symbol"]: entry for entry in yaml.safe_load(catalogue_file.read_text(encoding="utf-8"))["documents"]
    }
    bases = []
    for item in directive_data["body"]["opening"]["bases"]:  # a catalogue symbol, or a symbol with overrides
        item = {"symbol": item} if isinstance(item, str) else item
        bases.append({**catalogue[item["symbol"]], **item})
    assert len(bases) == 4
    for basis in bases:
        year, month, day = (int(x) for x in str(basis["issued_on"]).split("-"))
        month_text = f"{month:02d}" if month <= 2 else str(month)  # ND30: only 01 and 02 are padded
        short_date = f"{day:02d}/{month_text}/{year}"
        expected = f"{basis['kind']} số {basis['symbol']} ngày {short_date} của {basis['issuer']} {basis['subject']}"
        assert expected in rendered_opening


def test_kinh_gui_line(reader: DocxReader, seed_lines: list[str]) -> None:
    seed_line = next(line for line in seed_lines if line.startswith("Kính gửi:"))
    assert seed_line in reader.texts()


def test_noi_nhan_lines(reader: DocxReader, seed_recipients: list[str]) -> None:
    texts = reader.texts()
    start = texts.index("Nơi nhận:")
    assert texts[start + 1 : start + 1 + len(seed_recipients)] == seed_recipients
    assert seed_recipients[-1] == "- Lưu: VT, TTĐN, NV (135)."


def test_annex_has_the_63_rows_with_the_seed_numbering(reader: DocxReader, seed_annex: tuple[str, list[str]]) -> None:
    title, seed_cells = seed_annex
    assert title in reader.texts()
    annex_table = reader.body.findall(".//{*}tbl")[-1]
    rows = [
        [normalise_space(p.text) for p in reader.paragraphs(tc)]
        for tr in annex_table.findall("{*}tr")
        for tc in tr.findall("{*}tc")
    ]
    cells = [" ".join(t for t in cell if t) for cell in rows]
    assert cells == seed_cells
    pairs = {(cells[i], cells[i + 1]) for i in range(0, len(cells), 2) if cells[i] != "STT" and cells[i]}
    assert len(pairs) == 63
    assert {number for number, _ in pairs} == {f"{n}." for n in range(1, 64)}
    assert ("13.", "UBND TP. Cần Thơ") in pairs
    assert ("29.", "UBND TP. Hồ Chí Minh") in pairs
    assert ("63.", "UBND tỉnh Yên Bái") in pairs


def test_rendering_twice_gives_the_same_bytes(root: Path, rendered: bytes) -> None:
    letter = documents.load(root / "data" / "directive-2020.yaml")
    assert documents.render(letter) == rendered


def test_document_xml_is_nfc(rendered: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                text = archive.read(name).decode("utf-8")
                assert unicodedata.is_normalized("NFC", text), name
        assert "Bộ Chính trị" in archive.read("word/document.xml").decode("utf-8")
