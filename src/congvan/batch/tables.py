"""The recipients' table: CSV, XLSX, YAML or Python rows, each with the number a person sees.

The readers, one per format: `congvan.batch.csv_table`, `congvan.batch.xlsx_table`, and
`congvan.loading.read_yaml` for a YAML list of rows. The rules of a table's header and rows
that CSV and XLSX share: `congvan.batch.columns`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from congvan.batch.csv_table import read_csv
from congvan.batch.xlsx_table import read_xlsx
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
            return read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return read_xlsx(path)
        if suffix in (".yaml", ".yml"):
            data, _lines = read_yaml(path)
            if not isinstance(data, list):
                raise DataError([Problem("", "expected a list of rows")], source=str(path))
            return list(enumerate(data, start=1))
        raise DataError([Problem("", f"unknown table format {suffix!r}: use .csv, .xlsx or .yaml")], str(path))
    return list(enumerate(source, start=1))
