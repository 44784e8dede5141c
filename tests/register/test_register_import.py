"""Importing an existing register from XLSX or CSV: every row checked first, one report, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_register_outputs import TEN, fill

from congvan.errors import DataError
from congvan.register import Register

#: What an entry is, apart from where it is kept (register, identifier) and its batch.
COMPARED = ("year", "number", "date", "symbol", "kind", "subject", "signer", "signer_position", "recipients")


def comparable(entry) -> tuple:
    return tuple(getattr(entry, f) for f in COMPARED) + (entry.archive, entry.copies, entry.voided, entry.void_reason)


def old_register(path: Path, rows: list[list], *, numbering_row: bool = True, header: list[str] = TEN) -> Path:
    """An office's register kept in Excel on the model of Phụ lục IV: a title, the header, (1)…(10), rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    if numbering_row:
        sheet.append([f"({n})" for n in range(1, len(header) + 1)])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_exported_xlsx_imports_back_into_another_register(register: Register, tmp_path: Path) -> None:
    fill(register, 6)
    source = register.export(tmp_path / "so-di.xlsx", 2020)
    register.init("copy", organ_name="Sở Thông tin và Truyền thông tỉnh Yên Bái")
    imported = register.import_file(source, name="copy")
    assert [comparable(e) for e in imported] == [comparable(e) for e in register.entries(2020)]
    assert imported[1].voided and imported[1].void_reason == "Ký nhầm, thay bằng số 03"
    # numbering goes on after the imported numbers
    assert register.take(date="2020-05-01", symbol="STTTT-VP", subject="V/v tiếp", name="copy").number == 7
    assert [r.action for r in register.history(name="copy")].count("import") == 6


def test_an_exported_csv_imports_back(register: Register, tmp_path: Path) -> None:
    fill(register, 4)
    source = register.export(tmp_path / "so-di.csv", 2020)
    register.init("copy", organ_name="Sở khác")
    imported = register.import_file(source, name="copy")
    assert [comparable(e) for e in imported] == [comparable(e) for e in register.entries(2020)]


def test_an_old_register_kept_in_excel_imports(register: Register, tmp_path: Path) -> None:
    source = old_register(
        tmp_path / "so-cu.xlsx",
        [
            ["01/UBND-VP", dt.datetime(2019, 1, 3), "Công văn V/v tổng kết năm", "Nguyễn Văn A", "Các sở", "VT", 5],
            ["2/UBND-VP", "07/01/2019", "Quyết định về việc khen thưởng", "Nguyễn Văn A", "", "VT, TĐKT", "2"],
            ["03/UBND-VP", 43475, "Tờ trình", None, None, None, None, None, None, "Đã hủy số: trùng"],
        ],
    )
    imported = register.import_file(source)
    assert [(e.number_symbol, e.date, e.kind, e.subject, e.copies) for e in imported] == [
        ("01/UBND-VP", dt.date(2019, 1, 3), "Công văn", "V/v tổng kết năm", 5),
        ("02/UBND-VP", dt.date(2019, 1, 7), "Quyết định", "về việc khen thưởng", 2),
        ("03/UBND-VP", dt.date(2019, 1, 10), "", "Tờ trình", None),  # Excel's serial 43475
    ]
    assert imported[2].voided and imported[2].void_reason == "trùng"
    assert register.last_number(2019) == 3


def test_headers_without_diacritics_are_understood(register: Register, tmp_path: Path) -> None:
    header = ["So, ky hieu van ban", "Ngay thang van ban", "Ten loai va trich yeu noi dung van ban", "STT nội bộ"]
    source = old_register(tmp_path / "r.xlsx", [["05/UBND-VP", "2019-02-01", "Công văn V/v họp", "x"]], header=header)
    (entry,) = register.import_file(source)
    assert entry.number_symbol == "05/UBND-VP" and entry.subject == "V/v họp"


def test_a_bad_register_reports_every_bad_row_and_imports_nothing(register: Register, tmp_path: Path) -> None:
    before = (register.entries(), register.history())
    source = old_register(
        tmp_path / "so-hong.xlsx",
        [
            ["01/UBND-VP", "03/01/2019", "Công văn V/v một"],  # row 3: good
            ["02/UBND-VP", "31/02/2019", "Công văn V/v hai"],  # row 4: no such date
            ["03/UBND-VP", "05/01/2020", "Công văn V/v ba"],  # row 5: outside 2019
            ["03/UBND-VP", "06/01/2019", "Công văn V/v bốn"],  # row 6: 03 twice
            ["02/UBND-VP", "07/01/2019", "Công văn V/v năm"],  # row 7: number going back
            ["UBND-VP", "08/01/2019", "Công văn V/v sáu"],  # row 8: no number
            ["07/ubnd vp", "09/01/2019", "Công văn V/v bảy"],  # row 9: not a ký hiệu
            ["08/UBND-VP", "10/01/2019", "", None, None, None, "nhiều"],  # row 10: no subject, copies not a number
        ],
    )
    with pytest.raises(DataError) as caught:
        register.import_file(source)
    problems = {(p.location, p.message.split(":")[0].split(" (")[0][:40]) for p in caught.value.problems}
    locations = [p.location for p in caught.value.problems]
    assert "row 4, column Ngày tháng văn bản" in locations
    assert "row 5, column Ngày tháng văn bản" in locations
    assert "row 6, column Số, ký hiệu văn bản" in locations
    assert "row 7, column Số, ký hiệu văn bản" in locations
    assert "row 8, column Số, ký hiệu văn bản" in locations
    assert "row 9, column Số, ký hiệu văn bản" in locations
    assert "row 10, column Tên loại và trích yếu nội dung văn bản" in locations
    assert "row 10, column Số lượng bản" in locations
    assert not any(loc.startswith("row 3") for loc in locations), problems
    text = str(caught.value)
    assert "so-hong.xlsx" in text and "outside 2019" in text and "also in row 5" in text
    assert "does not follow 03 of row 6" in text
    assert (register.entries(), register.history()) == before


def test_rows_that_clash_with_the_database_import_nothing(register: Register, tmp_path: Path) -> None:
    register.take(date="2019-01-02", symbol="UBND-VP", subject="V/v đã có")
    register.init("council", organ_name="Bộ Thông tin và Truyền thông")
    register.take(date="2019-01-02", symbol="HĐ-VP", subject="V/v đã có", name="council")
    source = old_register(
        tmp_path / "r.xlsx",
        [["01/HĐ-VP", "02/01/2019", "Công văn V/v trùng"], ["02/HĐ-VP", "03/01/2019", "Công văn V/v sau"]],
    )
    before = register.entries(name="council")
    with pytest.raises(DataError, match="not after 01, the last number of register 'council'"):
        register.import_file(source, name="council")
    register.init("third", organ_name="Bộ Thông tin và Truyền thông")
    with pytest.raises(DataError, match="01/HĐ-VP of Bộ Thông tin và Truyền thông is already in the register"):
        register.import_file(source, name="third")
    assert register.entries(name="council") == before and register.entries(name="third") == []


def test_a_table_without_the_register_columns_is_refused(register: Register, tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    source.write_text("Họ tên,Địa chỉ\nA,B\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        register.import_file(source)
    assert [p.location for p in caught.value.problems][:3] == ["row 1 (header)"] * 3
    assert "no column 'Số, ký hiệu văn bản'" in str(caught.value)
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="unknown table format"):
        register.import_file(tmp_path / "r.txt")
    (tmp_path / "bad.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(DataError, match="not an .xlsx workbook"):
        register.import_file(tmp_path / "bad.xlsx")
    (tmp_path / "latin.csv").write_bytes("Sô, ký hiêu".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        register.import_file(tmp_path / "latin.csv")


def test_a_multi_line_csv_cell_stays_one_cell(register: Register, tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    source.write_text(
        '"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,Nơi nhận văn bản\n'
        '01/UBND-VP,03/01/2019,"Công văn\nV/v họp tổng kết","- Sở A;\n- Sở B."\n'
        "02/UBND-VP,04/01/2019,Công văn V/v tiếp,\n",
        encoding="utf-8",
    )
    first, second = register.import_file(source)
    assert (first.kind, first.subject, first.recipients) == ("Công văn", "V/v họp tổng kết", "- Sở A;\n- Sở B.")
    assert second.number == 2
