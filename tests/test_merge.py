"""Mail merge: any template, any table, one document per row, checked first, written atomically."""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from pathlib import Path

import pytest
from csv_tables import write_csv
from docx import Document

import congvan
from congvan.cli import main


@pytest.fixture
def template(tmp_path: Path) -> Path:
    document = Document()
    document.add_paragraph("Kính gửi: Ủy ban nhân dân {{ ten_xa }}")
    document.add_paragraph("Số tiền hỗ trợ: {{ so_tien }} đồng. Người ký: {{ nguoi_ky }}")
    path = tmp_path / "thu.docx"
    document.save(path)
    return path


def texts(path: Path) -> list[str]:
    return [p.text for p in Document(path).paragraphs]


ROWS = [
    {"ma_xa": "00001", "ten_xa": "phường Phúc Xá", "so_tien": "1.500.000"},
    {"ma_xa": "00004", "ten_xa": "phường Trúc Bạch", "so_tien": "2.000.000"},
    {"ma_xa": "00006", "ten_xa": unicodedata.normalize("NFD", "phường Vĩnh Phúc"), "so_tien": "500.000"},
]


def test_one_document_per_row_with_shared_data(template, tmp_path):
    table = write_csv(tmp_path / "xa.csv", ROWS)
    result = congvan.merge(template, table, tmp_path / "out", data={"nguoi_ky": "Nguyễn Văn A"}, pattern="{ma_xa}.docx")
    assert [d.file for d in result.documents] == ["00001.docx", "00004.docx", "00006.docx"]
    assert [d.row for d in result.documents] == [2, 3, 4]  # lines of the CSV file
    third = texts(result.folder / "00006.docx")
    assert third[0] == "Kính gửi: Ủy ban nhân dân phường Vĩnh Phúc"  # NFD in the table, NFC in the letter
    assert unicodedata.is_normalized("NFC", third[0])
    assert third[1] == "Số tiền hỗ trợ: 500.000 đồng. Người ký: Nguyễn Văn A"
    for document in result.documents:
        data = (result.folder / document.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == document.sha256
    with result.manifest_csv.open(encoding="utf-8") as stream:
        manifest = list(csv.DictReader(stream))
    assert [(m["Index"], m["Row"], m["File"]) for m in manifest] == [
        ("1", "2", "00001.docx"),
        ("2", "3", "00004.docx"),
        ("3", "4", "00006.docx"),
    ]


def test_every_problem_of_every_row_is_reported_and_nothing_is_written(template, tmp_path):
    table = tmp_path / "xa.yaml"
    table.write_text(
        "- {ma_xa: '00001', ten_xa: phường Phúc Xá}\n"  # no so_tien
        "- {ma_xa: '00001', ten_xa: phường Trúc Bạch, so_tien: '1'}\n"  # the file name of row 1
        "- {ma_xa: '../x', ten_xa: x, so_tien: '1'}\n",  # a path, not a file name
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(congvan.DataError) as caught:
        congvan.merge(template, table, out, data={"nguoi_ky": "A"}, pattern="{ma_xa}.docx")
    assert [str(p) for p in caught.value.problems] == [
        "row 1: no value for 'so_tien', which the template reads: add the column or give it in data",
        "row 2, pattern: '{ma_xa}.docx' gives '00001.docx', which is also the file of row 1",
        "row 3, pattern: '{ma_xa}.docx' gives '../x.docx', which is not a plain file name "
        "(it contains '/', which separates folders)",
    ]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thu.docx", "xa.yaml"]  # no staging folder left


def test_an_empty_cell_is_a_value(template, tmp_path):
    rows = [{"ten_xa": "phường Phúc Xá", "so_tien": "", "nguoi_ky": "A"}]
    result = congvan.merge(template, write_csv(tmp_path / "xa.csv", rows), tmp_path / "out")
    assert texts(result.folder / "00001.docx")[1] == "Số tiền hỗ trợ:  đồng. Người ký: A"


def test_same_input_same_bytes_and_jobs_do_not_change_them(template, tmp_path):
    rows = [{"ten_xa": f"xã số {i}", "so_tien": str(i * 1000), "nguoi_ky": "B"} for i in range(40)]
    one = congvan.merge(template, rows, tmp_path / "a")
    two = congvan.merge(template, rows, tmp_path / "b", jobs=2)
    assert [d.sha256 for d in one.documents] == [d.sha256 for d in two.documents]
    assert [d.file for d in one.documents][:2] == ["00001.docx", "00002.docx"]


def test_cli_merge(template, tmp_path, capsys):
    table = write_csv(tmp_path / "xa.csv", ROWS)
    shared = tmp_path / "chung.yaml"
    shared.write_text("nguoi_ky: Trần Thị B\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["merge", str(template), str(table), "-o", str(out), "--data", str(shared)]) == 0
    assert "wrote 3 documents" in capsys.readouterr().out
    assert texts(out / "00002.docx")[1].endswith("Người ký: Trần Thị B")
    assert main(["merge", str(template), str(table), "-o", str(out)]) == 2  # nguoi_ky is missing now
    assert "no value for 'nguoi_ky'" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "00001.docx",
        "00002.docx",
        "00003.docx",
        "manifest.csv",
        "manifest.json",
    ]


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    import sys

    from congvan.commands.progress import progress_bar

    with progress_bar("doc") as progress:
        assert progress is None  # pytest captures stderr: not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_bar("doc") as progress:
        for _ in range(3):
            progress(1, 4)
        assert progress.bar.n == 3 and progress.bar.total == 4  # the tqdm bar counted every document
    drawn = capsys.readouterr().err
    assert "doc" in drawn and "75%" in drawn and "3/4" in drawn  # total and percentage on stderr
    assert "<" in drawn  # elapsed<remaining: the ETA
