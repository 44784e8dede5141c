"""``congvan register``: the command forms of issue 15, on an SQLite file and a PostgreSQL URL; exit 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_register_outputs import TEN

from congvan.cli import main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``congvan ARGS…`` in this process; return (status, stdout, stderr)."""

    def run(*args: object) -> tuple[int, str, str]:
        try:
            status = main([str(a) for a in args])
        except SystemExit as stop:  # argparse's usage errors
            status = int(stop.code)
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def test_init_take_void_list_export_import(cli, address: str, tmp_path: Path) -> None:
    assert cli("register", "init", address, "--organ", "Bộ Thông tin và Truyền thông")[0] == 0
    for day in ("2024-03-05", "2024-03-06"):
        status, out, err = cli(
            "register", "take", address, "--date", day, "--symbol", "BTTTT-TTĐN", "--subject", "V/v kế hoạch",
            "--kind", "Công văn", "--signer", "Nguyễn Mạnh Hùng", "--to", "UBND tỉnh Yên Bái", "--copies", "3",
        )  # fmt: skip
        assert (status, err) == (0, "")
    assert out == "02/BTTTT-TTĐN\n"
    assert cli("register", "take", address, "--date", "2025-01-01", "--symbol", "BTTTT-TTĐN", "--subject", "x")[1] == (
        "01/BTTTT-TTĐN\n"
    )
    status, out, _ = cli("register", "void", address, "--year", "2024", "--number", "1", "--reason", "Ký nhầm")
    assert status == 0 and "01/BTTTT-TTĐN (2024) voided: Ký nhầm" in out

    status, out, _ = cli("register", "list", address, "--year", "2024")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("01/BTTTT-TTĐN  05/3/2024") and "Đã hủy số: Ký nhầm" in lines[0]
    rows = list(csv.DictReader(io.StringIO(cli("register", "list", address, "--year", "2024", "--format", "csv")[1])))
    assert [(r["CodeNumber"], r["Voided"]) for r in rows] == [("01", "true"), ("02", "false")]
    records = json.loads(cli("register", "list", address, "--year", "2025", "--format", "json")[1])
    assert [r["CodeNumber"] for r in records] == ["01"]

    xlsx = tmp_path / "so-di-2024.xlsx"
    status, out, _ = cli("register", "export", address, "--year", "2024", "-o", xlsx)
    assert status == 0 and out.strip() == str(xlsx)
    sheet = load_workbook(xlsx).worksheets[0]
    assert [c.value for c in sheet[1]] == TEN and sheet.max_row == 3
    assert cli("register", "export", address, "--year", "2024", "-o", tmp_path / "so.docx")[0] == 0

    assert cli("register", "init", address, "--name", "copy", "--organ", "Sở khác")[0] == 0
    status, out, _ = cli("register", "import", address, xlsx, "--name", "copy")
    assert status == 0 and "imported 2 entries into register 'copy'" in out
    assert "01/BTTTT-TTĐN" in cli("register", "list", address, "--year", "2024", "--name", "copy")[1]


def test_bad_input_a_duplicate_and_a_missing_register_exit_2_saying_what_and_where(
    cli, address: str, tmp_path: Path
) -> None:
    if not address.startswith("postgresql"):
        status, out, err = cli("register", "take", tmp_path / "none.db", "--date", "2024-01-01", "--symbol", "A-B",
                               "--subject", "x")  # fmt: skip
        assert status == 2 and out == "" and "none.db: no register here; create one with" in err
        assert not (tmp_path / "none.db").exists()
    cli("register", "init", address, "--organ", "Bộ Nội vụ")
    cli("register", "init", address, "--name", "council", "--organ", "Bộ Nội vụ")
    take = ("register", "take", address, "--date", "2024-01-02", "--symbol", "BNV-VP", "--subject", "V/v họp")
    assert cli(*take)[0] == 0

    status, out, err = cli(*take, "--name", "council")
    assert status == 2 and out == ""
    assert "01/BNV-VP of Bộ Nội vụ is already in the register for 2024: register 'outgoing'" in err

    status, _, err = cli(*take, "--name", "secret")
    assert status == 2 and "no register named 'secret'" in err

    status, _, err = cli("register", "take", address, "--date", "2024-01-02", "--symbol", "bnv vp", "--subject", "")
    assert status == 2 and "symbol: 'bnv vp' is not a symbol by ND30" in err and "subject: required" in err

    status, _, err = cli("register", "take", address, "--date", "2024-02-30", "--symbol", "BNV-VP", "--subject", "x")
    assert status == 2 and "invalid date '2024-02-30'" in err

    status, _, err = cli("register", "void", address, "--year", "2024", "--number", "7", "--reason", "x")
    assert status == 2 and "no number 7 in register 'outgoing' for 2024" in err

    status, _, err = cli("register", "export", address, "--year", "2024", "-o", tmp_path / "so.odt")
    assert status == 2 and "unknown format" in err and not (tmp_path / "so.odt").exists()

    bad = tmp_path / "bad.csv"
    bad.write_text('"Số, ký hiệu văn bản",Ngày tháng văn bản,Trích yếu nội dung\n5/BNV-VP,x,y\n', encoding="utf-8")
    status, _, err = cli("register", "import", address, bad)
    assert status == 2 and "bad.csv" in err and "row 2, column Ngày tháng văn bản" in err
    assert cli("register", "list", address, "--year", "2024")[1].count("\n") == 1  # nothing imported


def test_the_command_line_does_not_load_the_database_layer_until_used() -> None:
    code = "import sys, congvan.cli; congvan.cli.build_parser(); print('sqlalchemy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
