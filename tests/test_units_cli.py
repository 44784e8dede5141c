"""``congvan provinces``: the provincial units in force on a date, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

import congvan
from congvan.cli import main


def test_table_on_2025_07_01(capsys):
    assert main(["provinces", "--on", "2025-07-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "kind", "committee"]
    assert len(lines) == 1 + 34
    assert lines[1].split() == ["91", "An", "Giang", "tỉnh", "Ủy", "ban", "nhân", "dân", "tỉnh", "An", "Giang"]
    assert any("Ủy ban nhân dân Thành phố Hồ Chí Minh" in line for line in lines)


def test_csv_on_2020_01_01(capsys):
    assert main(["provinces", "--on", "2020-01-01", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 63
    assert rows[1] == {
        "code": "77",
        "name": "Bà Rịa - Vũng Tàu",
        "kind": "tỉnh",
        "committee": "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
        "committee_short": "UBND tỉnh Bà Rịa - Vũng Tàu",
        "slug": "ba-ria-vung-tau",
        "valid_from": "2008-08-01",
        "valid_to": "2025-06-30",
        "predecessors": "",
    }


def test_json_lists_predecessors(capsys):
    assert main(["provinces", "--on", "2025-07-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in data] == [u.name for u in congvan.provinces("2025-07-01")]
    hcm = next(row for row in data if row["code"] == "79")
    assert hcm["predecessors"] == ["74", "77", "79"]
    assert hcm["committee_short"] == "UBND TP. Hồ Chí Minh"
    assert hcm["valid_to"] is None


def test_default_date_is_today(capsys):
    assert main(["provinces", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(congvan.provinces(dt.date.today()))


def test_bad_date_exits_2_with_a_clear_message(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["provinces", "--on", "2025-13-01"])
    assert caught.value.code == 2
    assert "invalid date '2025-13-01': expected YYYY-MM-DD" in capsys.readouterr().err


def test_date_before_the_data_exits_2(capsys):
    assert main(["provinces", "--on", "2000-01-01"]) == 2
    assert "no provincial units data before 2008-08-01" in capsys.readouterr().err


def test_bad_format_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["provinces", "--format", "xml"])
    assert caught.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
