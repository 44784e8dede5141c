"""`congvan check TEMPLATE --data TABLE`: the template against the columns of a merge's table, every row rendered.

Templates are built here with python-docx, as a clerk's home-made one; tables are written here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from csv_tables import write_csv
from docx import Document

from congvan.cli import main
from congvan.testing import lint
from congvan.units import provinces

ROWS = 63


@pytest.fixture
def invitation(tmp_path: Path) -> Path:
    document = Document()
    document.add_paragraph("Kính gửi: Ủy ban nhân dân {{ ten_xa }}")
    document.add_paragraph("Hạn gửi báo cáo: {{ han|vn_date }}")
    document.add_paragraph("Kinh phí: {{ tien|vn_money }} ({{ tien|vn_amount_words }})")
    path = tmp_path / "giay-moi.docx"
    document.save(path)
    return path


def rows(count: int = ROWS) -> list[dict[str, str]]:
    return [{"ten_xa": f"xã Số {n}", "han": "10/12/2026", "tien": "1.500.000"} for n in range(1, count + 1)]


def check(capsys, *args: str) -> tuple[int, str]:
    status = main(["check", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def finding_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error [" in line or ": warning [" in line]


def test_a_misspelt_column_is_reported_with_its_suggestion_and_the_failing_rows_too(invitation, tmp_path, capsys):
    table = rows()
    for row in table:
        row["tenxa"] = row.pop("ten_xa")
    table[55]["tien"] = "1,500,000"  # line 57 of the file: English notation, refused
    path = write_csv(tmp_path / "xa.csv", table)
    status, output = check(capsys, invitation, "--data", path)
    assert status == 1, output
    lines = finding_lines(output)
    assert lines[0] == (
        "body, paragraph 1 (near '{{ ten_xa }}'): error [missing-column] "
        f"'{{{{ ten_xa }}}}' reads 'ten_xa', which is not a column of {path} (did you mean 'tenxa'?)"
    )
    assert lines[1].startswith("body, paragraph 3 (near '{{ tien|vn_money }}'): ")
    assert "error [bad-row] row 57, column tien: vn_money cannot read '1,500,000'" in lines[1]
    assert lines[2] == f"document: warning [unused-column] the column 'tenxa' of {path} is never used by the template"
    assert len(lines) == 3
    assert output.splitlines()[-1].endswith(f"; {ROWS} rows of {path} rendered, 1 failing")


def test_every_failing_row_is_reported_with_its_row_and_column(invitation, tmp_path, capsys):
    table = rows()
    table[3]["tien"] = "1,500,000"  # line 5
    table[55]["han"] = "10/13/2026"  # line 57: no 13th month
    path = write_csv(tmp_path / "xa.csv", table)
    before = sorted(tmp_path.iterdir())
    status, output = check(capsys, invitation, "--data", path)
    assert status == 1, output
    lines = finding_lines(output)
    assert len(lines) == 2, output
    date, money = lines  # in document order: the date is in paragraph 2, the money in paragraph 3
    assert date.startswith("body, paragraph 2 (near '{{ han|vn_date }}'): error [bad-row] ")
    assert "row 57, column han: vn_date cannot read '10/13/2026'" in date
    assert money.startswith("body, paragraph 3 ")
    assert "row 5, column tien: vn_money cannot read '1,500,000'" in money
    assert output.splitlines()[-1].endswith(f"{ROWS} rows of {path} rendered, 2 failing")
    assert sorted(tmp_path.iterdir()) == before  # a check writes nothing


def test_the_column_of_an_empty_cell_is_the_one_the_filter_reads(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ ghi_chu }} {{ tien|vn_money }}")
    document.save(tmp_path / "t.docx")
    path = write_csv(
        tmp_path / "t.csv", [{"ghi_chu": "", "tien": "", "ten": "A"}, {"ghi_chu": "", "tien": "5", "ten": ""}]
    )
    report = lint.lint_table(tmp_path / "t.docx", path)
    bad = [(f.row, f.column) for f in report.findings if f.code == "bad-row"]
    assert bad == [(2, "tien")]  # both cells are empty; the filter reads tien, not ghi_chu


def test_json_gives_row_and_column(invitation, tmp_path, capsys):
    table = rows()
    table[3]["tien"] = ""
    table[55]["han"] = "ngày mai"
    path = write_csv(tmp_path / "xa.csv", table)
    status, output = check(capsys, invitation, "--data", path, "--format", "json")
    assert status == 1
    data = json.loads(output)
    assert (data["table"], data["rows"], data["failing_rows"], data["errors"]) == (str(path), ROWS, 2, 2)
    found = [(f["code"], f["place"]["paragraph"], f["row"], f["column"]) for f in data["findings"]]
    assert found == [("bad-row", 2, 57, "han"), ("bad-row", 3, 5, "tien")]
    assert data["findings"][0]["message"].startswith("vn_date cannot read 'ngày mai'")
    assert data["findings"][1]["message"].startswith("vn_money cannot read ''")


def test_a_clean_table_exits_0(invitation, tmp_path, capsys):
    path = write_csv(tmp_path / "xa.csv", rows())
    status, output = check(capsys, invitation, "--data", path, "--strict")
    assert status == 0, output
    assert output.strip() == f"{invitation}: no problems found; {ROWS} rows of {path} rendered, all clean"


def test_past_50_failing_rows_the_rest_are_counted(invitation, tmp_path, capsys):
    table = rows(120)
    for row in table:
        row["tien"] = "nhiều"
    path = write_csv(tmp_path / "xa.csv", table)
    status, output = check(capsys, invitation, "--data", path, "--format", "json")
    assert status == 1
    data = json.loads(output)
    listed = [f["row"] for f in data["findings"] if "row" in f]
    assert listed == list(range(2, 52))  # lines 2 to 51: the first 50 rows
    assert data["findings"][-1]["message"] == "70 more rows do not render (the first 50 are listed)"
    assert data["failing_rows"] == 120


def test_findings_are_in_document_order(tmp_path):
    document = Document()
    document.add_paragraph("{% if a %}")  # 1: found never closed only at the end of the body
    document.add_paragraph("Kính gửi:")
    document.add_paragraph("{{ b|vn_mony }}")  # 3
    document.add_paragraph("Trân trọng./.")
    document.add_paragraph("{{ c }")  # 5
    document.sections[0].header.paragraphs[0].text = "{{ so|vn_nuber }}"
    path = tmp_path / "t.docx"
    document.save(path)
    report = lint.lint_template(path, context={"a": 1, "b": 2, "so": 3, "thua": 4})
    places = [(f.place.part, f.place.paragraph, f.code) for f in report.findings]
    assert places == [
        ("body", 1, "unbalanced-block"),
        ("body", 3, "unknown-filter"),
        ("body", 5, "unclosed-tag"),
        ("header", 1, "unknown-filter"),
        ("document", None, "unused-field"),
    ]


def test_row_findings_take_their_place_among_the_others(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ tien|vn_money }}")  # 1: a row fails here
    document.add_paragraph("{{ ten_xa }}")  # 2: no such column
    document.add_paragraph("{{ han|vn_date }}")  # 3: a row fails here
    document.sections[0].header.paragraphs[0].text = "{{ so_ky_hieu }}"  # no such column
    document.save(tmp_path / "t.docx")
    table = [{"tien": "1.000", "han": "2026-12-10", "ten": "A"} for _ in range(9)]
    table[2]["han"] = "2026-14-01"
    table[6]["tien"] = "1,500,000"
    path = write_csv(tmp_path / "t.csv", table)
    status, output = check(capsys, tmp_path / "t.docx", "--data", path)
    assert status == 1
    lines = finding_lines(output)
    assert [line.split(": ", 1)[0] + " " + line.split("[")[1].split("]")[0] for line in lines] == [
        "body, paragraph 1 (near '{{ tien|vn_money }}') bad-row",
        "body, paragraph 2 (near '{{ ten_xa }}') missing-column",
        "body, paragraph 3 (near '{{ han|vn_date }}') bad-row",
        "header (word/header1.xml), paragraph 1 (near '{{ so_ky_hieu }}') missing-column",
        "document unused-column",
    ]
    assert "row 8, column tien" in lines[0] and "row 4, column han" in lines[2]


def test_a_row_stopped_at_a_missing_column_is_not_called_clean(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ tein|vn_money }}")  # the column is 'tien': every row stops here
    document.add_paragraph("{{ han|vn_date }}")
    document.save(tmp_path / "t.docx")
    path = write_csv(tmp_path / "t.csv", [{"tien": "1.000", "han": "2026-12-10"}] * 3)
    status, output = check(capsys, tmp_path / "t.docx", "--data", path, "--format", "json")
    assert status == 1
    data = json.loads(output)
    assert (data["rows"], data["failing_rows"], data["stopped_rows"]) == (3, 0, 3)
    assert [f["suggestion"] for f in data["findings"] if f["code"] == "missing-column"] == ["tien"]
    status, output = check(capsys, tmp_path / "t.docx", "--data", path)
    assert output.splitlines()[-1].endswith(
        "3 rows of " + str(path) + " rendered, 0 failing, 3 only up to a missing value"
    )


def test_xlsx_and_yaml_tables(invitation, tmp_path, capsys):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ten_xa", "han", "tien"])
    sheet.append(["xã A", dt.date(2026, 12, 10), 1500000])
    sheet.append(["xã B", "ngày 10", 1500000])  # row 3 of the sheet
    workbook.save(tmp_path / "xa.xlsx")
    status, output = check(capsys, invitation, "--data", tmp_path / "xa.xlsx")
    assert status == 1
    assert [line.split("] ")[1][:34] for line in finding_lines(output)] == ["row 3, column han: vn_date cannot "]

    listed = tmp_path / "xa.yaml"
    listed.write_text(
        "- {ten_xa: xã A, han: 2026-12-10, tien: 1500000}\n- {ten_xa: xã B, tien: 1}\n- {han: 2026-12-10, tien: 1}\n",
        encoding="utf-8",
    )
    status, output = check(capsys, invitation, "--data", listed)
    assert status == 1
    assert [(line.split(" (near")[0], line.split("] ")[1]) for line in finding_lines(output)] == [
        ("body, paragraph 1", "row 3: the row has no 'ten_xa', which the template reads"),
        ("body, paragraph 2", "row 2: the row has no 'han', which the template reads"),
    ]


def test_units_and_shared_data_as_merge_has_them(tmp_path, capsys):
    document = Document()
    document.add_paragraph("Số: {{ so }}")
    document.add_paragraph("Kính gửi: {{ unit.comittee }}")
    document.add_paragraph("Kinh phí: {{ tien|vn_money }}")
    document.save(tmp_path / "t.docx")
    units = provinces(dt.date(2026, 12, 1))
    table = [{"tinh": unit.name, "tien": "2.000.000"} for unit in units]
    table[9]["tien"] = "2 triệu"
    path = write_csv(tmp_path / "tinh.csv", table)
    shared = tmp_path / "chung.yaml"
    shared.write_text("so: 15/UBND-VP\nissued_on: 2026-12-01\n", encoding="utf-8")
    status, output = check(capsys, tmp_path / "t.docx", "--data", path, "--shared", shared, "--units", "tinh")
    assert status == 1
    lines = finding_lines(output)
    assert len(lines) == 2, output
    assert lines[0].endswith(f"which the rows of {path} do not have (did you mean 'unit.committee'?)")
    assert "row 11, column tien: vn_money cannot read '2 triệu'" in lines[1]
    assert output.splitlines()[-1].endswith(f"34 rows of {path} rendered, 1 failing")

    table[4]["tinh"] = "Hà Giang"  # merged into Tuyên Quang on 2025-07-01
    write_csv(path, table)
    status, output = check(capsys, tmp_path / "t.docx", "--data", path, "--units", "tinh", "--on", "2026-12-01")
    assert status == 2
    assert "row 6, column tinh" in output and "Tuyên Quang" in output


def test_a_table_that_cannot_be_read_and_options_that_do_not_apply_exit_2(invitation, tmp_path, capsys):
    bad = tmp_path / "xa.csv"
    bad.write_text("ten_xa,han,ten_xa\nA,1,B\n", encoding="utf-8")
    status, output = check(capsys, invitation, "--data", bad)
    assert status == 2 and "'ten_xa' appears twice" in output
    sample = tmp_path / "mau.yaml"
    sample.write_text("ten_xa: A\nhan: 2026-12-10\ntien: 1\n", encoding="utf-8")
    with pytest.raises(SystemExit) as usage:
        main(["check", str(invitation), "--data", str(sample), "--shared", str(sample)])
    assert usage.value.code == 2
    assert check(capsys, invitation, "--data", sample)[0] == 0  # a YAML mapping is sample data, as before


def test_rows_wait_for_a_template_without_other_errors(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ tien|vn_mony }}")  # a filter that does not exist: no row can render
    document.save(tmp_path / "t.docx")
    path = write_csv(tmp_path / "t.csv", [{"tien": "nhiều"}])  # a bad value it does not come to
    status, output = check(capsys, tmp_path / "t.docx", "--data", path, "--format", "json")
    assert status == 1
    data = json.loads(output)
    assert [f["code"] for f in data["findings"]] == ["unknown-filter"]
    assert (data["rows"], data["failing_rows"]) == (None, 0)
    status, output = check(capsys, tmp_path / "t.docx", "--data", path)
    assert output.splitlines()[-1].endswith(f"; the rows of {path} are rendered once the errors above are mended")
