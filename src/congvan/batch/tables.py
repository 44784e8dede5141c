"""The recipients' table: CSV, XLSX, YAML or Python rows, each with the number a person sees."""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from congvan.errors import DataError, Problem
from congvan.followup import ProvinceStatus
from congvan.loading import read_yaml


def read_rows(source: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProvinceStatus]) -> list[tuple[int, Any]]:
    """The rows of a table with their numbers as a person sees them (file line or sheet row)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        suffix = path.suffix.casefold()
        if not path.is_file():
            raise DataError([Problem("", "file not found")], source=str(path))
        if suffix == ".csv":
            return _csv_rows(path)
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_rows(path)
        if suffix in (".yaml", ".yml"):
            data, _lines = read_yaml(path)
            if not isinstance(data, list):
                raise DataError([Problem("", "expected a list of rows")], source=str(path))
            return list(enumerate(data, start=1))
        raise DataError([Problem("", f"unknown table format {suffix!r}: use .csv, .xlsx or .yaml")], str(path))
    return list(enumerate(source, start=1))


def _csv_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")
    ]
    if not lines:
        return []
    reader = csv.reader([line for _, line in lines])
    header = [name.strip() for name in next(reader)]
    rows = []
    for (number, _), cells in zip(lines[1:], reader):
        rows.append((number, {header[i]: cell.strip() for i, cell in enumerate(cells) if i < len(header)}))
    return rows


def _xlsx_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = []
    header: list[str] | None = None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if header is None:
            if any(v is not None for v in values):
                header = ["" if v is None else str(v).strip() for v in values]
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row = {}
        for name, value in zip(header, values):
            if not name:
                continue
            if isinstance(value, dt.datetime):
                value = value.date()
            row[name] = "" if value is None else (value if isinstance(value, (dt.date, bool)) else str(value).strip())
        rows.append((number, row))
    book.close()
    return rows
