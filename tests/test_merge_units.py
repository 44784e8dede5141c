"""Merge with what clerks have: a column of province names, dates and money as text, and the letter's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from csv_tables import write_csv
from docx import Document

import congvan
from congvan.cli import main
from congvan.units import provinces

CITATIONS_2020 = dt.date(2020, 1, 1)
TODAY_UNITS = dt.date(2026, 12, 1)


@pytest.fixture
def invitation(tmp_path: Path) -> Path:
    """A home-made invitation, the way a clerk builds one in python-docx or Word."""
    document = Document()
    document.add_paragraph("Kính gửi: {{ unit.committee }}")
    document.add_paragraph("Hạn gửi: {{ han|vn_date }} ({{ han|vn_weekday }}); kinh phí: {{ tien|vn_money }}")
    document.add_paragraph("Bằng chữ: {{ tien|vn_amount_words }}")
    document.add_paragraph("{% for p in unit.predecessors %}{{ p.designation }}; {% endfor %}")
    path = tmp_path / "moi.docx"
    document.save(path)
    return path


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(path).paragraphs]


def rows_for(units: list[congvan.Province], spelling=lambda unit: unit.name) -> list[dict[str, str]]:
    return [{"tinh": spelling(unit), "han": "10/12/2026", "tien": "1.500.000"} for unit in units]


def test_a_units_merge_reaches_each_of_the_34_committees_of_today(invitation, tmp_path):
    units = provinces(TODAY_UNITS)
    assert len(units) == 34
    table = write_csv(tmp_path / "tinh.csv", rows_for(units, lambda u: u.designation.upper()))
    result = congvan.merge(invitation, table, tmp_path / "out", units="tinh", on=TODAY_UNITS, pattern="{row}.docx")
    addressed = [paragraphs(result.folder / d.file)[0] for d in result.documents]
    assert addressed == [f"Kính gửi: {unit.committee}" for unit in units]
    first = paragraphs(result.folder / result.documents[0].file)
    assert first[1] == "Hạn gửi: ngày 10 tháng 12 năm 2026 (thứ Năm); kinh phí: 1.500.000 đồng"
    assert first[2] == "Bằng chữ: Một triệu năm trăm nghìn đồng"
    ninh_binh = next(d for d, u in zip(result.documents, units) if u.name == "Ninh Bình")
    assert paragraphs(result.folder / ninh_binh.file)[3] == "tỉnh Hà Nam; tỉnh Nam Định; tỉnh Ninh Bình; "


def test_the_letters_date_chooses_the_63_units_of_2020(invitation, tmp_path):
    units = provinces(CITATIONS_2020)
    assert len(units) == 63
    table = write_csv(tmp_path / "tinh.csv", rows_for(units))
    shared = tmp_path / "chung.yaml"
    shared.write_text('issued_on: "2020-01-01"\n', encoding="utf-8")
    assert (
        main(
            [
                "merge",
                str(invitation),
                str(table),
                "-o",
                str(tmp_path / "out"),
                "--units",
                "tinh",
                "--data",
                str(shared),
                "-q",
            ]
        )
        == 0
    )
    letters = sorted((tmp_path / "out").glob("*.docx"))
    assert [paragraphs(p)[0] for p in letters] == [f"Kính gửi: {unit.committee}" for unit in units]


def test_a_province_merged_away_names_its_row_column_and_successor(invitation, tmp_path, capsys):
    rows = rows_for(provinces(TODAY_UNITS))
    rows[4]["tinh"] = "Hà Giang"  # merged into Tuyên Quang on 2025-07-01
    table = write_csv(tmp_path / "tinh.csv", rows)
    status = main(
        ["merge", str(invitation), str(table), "-o", str(tmp_path / "out"), "--units", "tinh", "--on", "2026-12-01"]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert "row 6, column tinh" in err and "Tuyên Quang" in err
    assert not (tmp_path / "out").exists()


def test_units_need_the_letters_date(invitation, tmp_path, capsys):
    table = write_csv(tmp_path / "tinh.csv", rows_for(provinces(TODAY_UNITS)))
    assert main(["merge", str(invitation), str(table), "-o", str(tmp_path / "out"), "--units", "tinh"]) == 2
    assert "--on" in capsys.readouterr().err


def test_a_bad_value_at_row_57_of_63_names_row_and_column_and_writes_nothing(invitation, tmp_path, capsys):
    rows = rows_for(provinces(CITATIONS_2020))
    rows[55]["tien"] = "1,500,000"  # English notation: refused, not guessed
    table = write_csv(tmp_path / "tinh.csv", rows)
    out = tmp_path / "out"
    for jobs in ("1", "2"):
        status = main(
            ["merge", str(invitation), str(table), "-o", str(out), "--units", "tinh", "--on", "2020-01-01", "-j", jobs]
        )
        err = capsys.readouterr().err
        assert status == 2, err
        assert "row 57, column tien" in err and "vn_money" in err and "'1,500,000'" in err
        assert not out.exists() and set(tmp_path.iterdir()) == {invitation, table}


@pytest.mark.parametrize("written", ["2026-12-10", "10/12/2026", "10-12-2026", "10.12.2026"])
def test_dates_as_text_in_four_notations(tmp_path, written):
    document = Document()
    document.add_paragraph("Hạn: {{ han|vn_date }}, {{ han|vn_short_date }}")
    template = tmp_path / "t.docx"
    document.save(template)
    table = write_csv(tmp_path / "t.csv", [{"han": written}])
    result = congvan.merge(template, table, tmp_path / "out")
    assert paragraphs(result.folder / result.documents[0].file) == ["Hạn: ngày 10 tháng 12 năm 2026, 10/12/2026"]


def test_template_has_the_vietnamese_filters(tmp_path):
    document = Document()
    document.add_paragraph("{{ tien|vn_money }} — {{ tien|vn_amount_words }}")
    path = tmp_path / "t.docx"
    document.save(path)
    data = congvan.Template(path).render({"tien": "1 500 000"})
    (tmp_path / "r.docx").write_bytes(data)
    assert paragraphs(tmp_path / "r.docx") == ["1.500.000 đồng — Một triệu năm trăm nghìn đồng"]


def test_a_misspelt_column_gets_a_suggestion(invitation, tmp_path, capsys):
    rows = [{"tinh": "Hà Nội", "han_nop": "10/12/2026", "tien": "1"}]
    table = write_csv(tmp_path / "t.csv", rows)
    assert main(["merge", str(invitation), str(table), "--dry-run", "--units", "tinh", "--on", "2026-12-01"]) == 2
    assert "'han' (did you mean 'han_nop'?)" in capsys.readouterr().err


def test_bare_congvan_prints_the_help_and_version_exits_0(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "COMMAND" in out and "merge" in out and "provinces" in out
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"congvan {congvan.__version__}"


def test_one_letter_is_one_letter(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ x }}")
    template = tmp_path / "t.docx"
    document.save(template)
    table = write_csv(tmp_path / "t.csv", [{"x": "1"}])
    assert main(["merge", str(template), str(table), "-o", str(tmp_path / "out")]) == 0
    assert "wrote 1 document to" in capsys.readouterr().out


def test_the_column_named_is_the_one_the_filter_reads_even_when_another_is_equal(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ ten }}: {{ ghi_chu }} {{ tien|vn_money }}")
    template = tmp_path / "t.docx"
    document.save(template)
    table = write_csv(tmp_path / "t.csv", [{"ten": "Xã A", "ghi_chu": "", "tien": ""}])
    assert main(["merge", str(template), str(table), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "row 2, column tien: vn_money" in err and "ghi_chu" not in err


def test_a_control_character_in_a_cell_names_its_row_and_column(tmp_path, capsys):
    document = Document()
    document.add_paragraph("{{ ten }}: {{ ghi }}")
    template = tmp_path / "t.docx"
    document.save(template)
    table = write_csv(tmp_path / "t.csv", [{"ten": "Xã A", "ghi": "a"}, {"ten": "Xã B", "ghi": "x\x1by"}])
    assert main(["merge", str(template), str(table), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "row 3, column ghi" in err and "U+001B" in err
    assert not (tmp_path / "out").exists()
