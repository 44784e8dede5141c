"""What the register prints and exports, read back independently: .docx (landscape A4, cover, ten columns,
header rows on every page), its PDF by LibreOffice, .xlsx (openpyxl), CSV and JSON with Phụ lục VI names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from congvan.errors import DataError
from congvan.register import Register

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEN = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]


def fill(register: Register, count: int = 12) -> None:
    for index in range(count):
        register.take(
            date=dt.date(2020, 1, 2) + dt.timedelta(days=index * 3),
            symbol="BTTTT-TTĐN",
            subject=f"V/v xây dựng kế hoạch thông tin đối ngoại năm 2020, thư {index + 1}",
            signer="Nguyễn Mạnh Hùng",
            signer_position="Bộ trưởng",
            recipients=["UBND tỉnh Yên Bái", "Sở TT&TT tỉnh Yên Bái"],
            archive="VT, TTĐN",
            copies=3,
        )
    register.void(2020, 2, "Ký nhầm, thay bằng số 03")


def cell_text(cell: etree._Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in cell.iter(f"{W}p"))


def test_docx_is_landscape_a4_with_the_cover_and_the_ten_columns(register: Register, tmp_path: Path) -> None:
    fill(register)
    register.take(date="2020-03-07", symbol="BTTTT-TTĐN", subject="V/v báo cáo")
    path = register.export(tmp_path / "so-di-2020.docx", 2020, book_number=2)
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        headers = [etree.fromstring(package.read(n)) for n in package.namelist() if n.startswith("word/header")]
        styles = package.read("word/styles.xml").decode()
    section = body.find(f"{W}body/{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == ("16838", "11906", "landscape")
    margins = section.find(f"{W}pgMar")
    assert [round(int(margins.get(f"{W}{side}")) / 56.7) for side in ("top", "bottom", "left", "right")] == [
        20,
        20,
        30,
        15,
    ]
    assert section.find(f"{W}titlePg") is not None  # no page number on the cover
    assert any("PAGE" in "".join(t.text or "" for t in h.iter(f"{W}instrText")) for h in headers)

    cover, table = body.findall(f"{W}body/{W}tbl")
    cover_text = cell_text(cover)
    for line in (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Năm: 2020",
        "Từ ngày 02/01/2020 đến ngày 07/3/2020",
        "Từ số 01 đến số 13",
        "Quyển số: 2",
    ):
        assert line in cover_text.split("\n"), (line, cover_text)

    rows = table.findall(f"{W}tr")
    assert len(rows) == 2 + 13
    assert [cell_text(c) for c in rows[0].findall(f"{W}tc")] == TEN
    assert [cell_text(c) for c in rows[1].findall(f"{W}tc")] == [f"({n})" for n in range(1, 11)]
    repeated = [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows]
    assert repeated == [True, True] + [False] * 13
    assert len(table.findall(f"{W}tblGrid/{W}gridCol")) == 10
    first = [cell_text(c) for c in rows[2].findall(f"{W}tc")]
    assert first == [
        "01/BTTTT-TTĐN",
        "02/01/2020",
        "Công văn\nV/v xây dựng kế hoạch thông tin đối ngoại năm 2020, thư 1",
        "Bộ trưởng\nNguyễn Mạnh Hùng",
        "UBND tỉnh Yên Bái\nSở TT&TT tỉnh Yên Bái",
        "VT, TTĐN",
        "3",
        "",
        "",
        "",
    ]
    assert cell_text(rows[3].findall(f"{W}tc")[9]) == "Đã hủy số: Ký nhầm, thay bằng số 03"
    # ND30 writes a leading zero for days below 10 and for January and February only
    assert cell_text(rows[12].findall(f"{W}tc")[1]) == "01/02/2020"
    assert cell_text(rows[14].findall(f"{W}tc")[1]) == "07/3/2020"
    fonts = {f.get(f"{W}ascii") for f in body.iter(f"{W}rFonts")} | {
        f.get(f"{W}hAnsi") for f in body.iter(f"{W}rFonts")
    }
    assert fonts == {"Times New Roman"}
    assert 'w:ascii="Times New Roman"' in styles and "minorHAnsi" not in styles.split("</w:docDefaults>")[0]


def test_the_same_register_exports_the_same_bytes(register: Register, tmp_path: Path) -> None:
    fill(register, 4)
    for suffix in (".docx", ".xlsx", ".csv", ".json"):
        one = register.export(tmp_path / f"a{suffix}", 2020).read_bytes()
        two = register.export(tmp_path / f"b{suffix}", 2020).read_bytes()
        assert one == two, suffix


def test_xlsx_reads_back_with_the_ten_columns_and_voided_entries_marked(register: Register, tmp_path: Path) -> None:
    fill(register, 5)
    path = register.export(tmp_path / "so-di.xlsx", 2020)
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == TEN
    assert len(rows) == 1 + 5
    assert rows[1][0] == "01/BTTTT-TTĐN" and rows[1][1] == dt.datetime(2020, 1, 2)
    assert rows[1][2] == "Công văn\nV/v xây dựng kế hoạch thông tin đối ngoại năm 2020, thư 1"
    assert rows[1][6] == 3
    assert rows[2][9] == "Đã hủy số: Ký nhầm, thay bằng số 03"
    assert sheet.cell(row=3, column=1).fill.fgColor.rgb.endswith("E7E6E6")  # the voided row is greyed
    assert sheet.cell(row=2, column=1).fill.fill_type is None
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    assert all(c.font.name == "Times New Roman" for c in sheet[1])


def test_csv_and_json_use_the_phu_luc_vi_field_names(register: Register, tmp_path: Path) -> None:
    fill(register, 3)
    rows = list(csv.DictReader(io.StringIO(register.export(tmp_path / "r.csv", 2020).read_text(encoding="utf-8"))))
    records = json.loads(register.export(tmp_path / "r.json", 2020).read_text(encoding="utf-8"))
    assert len(rows) == len(records) == 3
    for name in ("CodeNumber", "CodeNotation", "IssuedDate", "OrganName", "Subject", "TypeName"):
        assert name in rows[0] and name in records[0]
    assert {k: rows[1][k] for k in ("CodeNumber", "CodeNotation", "IssuedDate", "Voided", "VoidReason")} == {
        "CodeNumber": "02",
        "CodeNotation": "BTTTT-TTĐN",
        "IssuedDate": "2020-01-05",
        "Voided": "true",
        "VoidReason": "Ký nhầm, thay bằng số 03",
    }
    first = records[0]
    assert first["SignerInfo.FullName"] == "Nguyễn Mạnh Hùng" and first["SignerInfo.Position"] == "Bộ trưởng"
    assert first["To.OrganName"] == "UBND tỉnh Yên Bái; Sở TT&TT tỉnh Yên Bái"
    assert first["IssuedAmount"] == 3 and first["OrganName"] == "Bộ Thông tin và Truyền thông"
    assert first["FileCode.OrganId"] == "000.00.00.G12" and first["Voided"] is False and first["DueDate"] is None


def test_a_date_range_narrows_the_export_and_a_bad_format_writes_nothing(register: Register, tmp_path: Path) -> None:
    fill(register, 6)
    path = register.export(tmp_path / "r.json", 2020, start="2020-01-05", end="08/01/2020")
    assert [r["CodeNumber"] for r in json.loads(path.read_text(encoding="utf-8"))] == ["02", "03"]
    with pytest.raises(DataError, match="unknown format"):
        register.export(tmp_path / "r.odt", 2020)
    assert not (tmp_path / "r.odt").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_docx_converts_with_libreoffice_and_every_page_repeats_the_header_row(
    register: Register, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    fill(register, 40)
    path = register.export(tmp_path / "so-di.pdf", 2020)
    reader = PdfReader(path)
    assert len(reader.pages) >= 4
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in texts[0] and "Số, ký hiệu" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert "Số, ký hiệu văn bản" in text and "Ghi chú" in text, number  # the header row, on every page
        assert text.startswith(str(number)) or f" {number} " in f" {text[:12]} ", text[:40]  # its page number
    assert "40/BTTTT-TTĐN" in texts[-1]
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(path), str(tmp_path / "p")], check=True
        )
        assert list(tmp_path.glob("p*.png"))


def test_blank_lines_and_cells_print_as_empty_paragraphs(register: Register, tmp_path: Path) -> None:
    register.take(date="2020-01-02", symbol="BTTTT-TTĐN", subject="V/v một", kind="", signer="Nguyễn Văn A")
    path = register.export(tmp_path / "r.docx", 2020)
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    row = body.findall(f"{W}body/{W}tbl")[1].findall(f"{W}tr")[2]
    texts = [cell_text(c) for c in row.findall(f"{W}tc")]
    assert texts == ["01/BTTTT-TTĐN", "02/01/2020", "V/v một", "Nguyễn Văn A", "", "", "", "", "", ""]
    assert all(len(c.findall(f"{W}p")) == 1 for c in row.findall(f"{W}tc"))


def test_text_that_looks_like_a_formula_stays_text_in_the_xlsx(register: Register, tmp_path: Path) -> None:
    register.take(date="2020-01-02", symbol="BTTTT-TTĐN", subject="x", recipients=['=HYPERLINK("http://x.invalid")'])
    path = register.export(tmp_path / "r.xlsx", 2020)
    with zipfile.ZipFile(path) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
    cell = load_workbook(path).worksheets[0].cell(row=2, column=5)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x.invalid")', "s")
