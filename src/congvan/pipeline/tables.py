"""The recipients' table: CSV, XLSX, YAML or Python rows, each with the number a person sees.

The readers, one per format: `congvan.pipeline.csv_table`, `congvan.pipeline.xlsx_table`, and
`congvan.loading.read_yaml` for a YAML list of rows. The rules of a table's header and rows
that CSV and XLSX share: `congvan.pipeline.columns`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.errors import DataError, Problem
from congvan.loading import read_yaml
from congvan.pipeline.csv_table import read_csv
from congvan.pipeline.xlsx_table import read_xlsx


@dataclass(frozen=True)
class TableFormat:
    """How a delimited text table is read: its ``encoding`` and ``delimiter`` (detected when None)."""

    encoding: str | None = None
    delimiter: str | None = None


#: The suffixes of tables read as delimited text: Excel saves "Unicode Text" as .txt (tab-separated).
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
#: The suffixes of Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_rows(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any] | Any],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> list[tuple[int, Any]]:
    """The rows of a table with their numbers as a person sees them (file line or sheet row).

    ``encoding`` and ``delimiter`` are for a delimited text table (.csv, .txt, .tsv), detected when None:
    see `congvan.pipeline.csv_table`. Given for any other table, they are an error. Rows given in
    Python (mappings, or a campaign's row models) are numbered from 1 and passed on as they are.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        suffix = path.suffix.casefold()
        if not path.is_file():
            raise DataError([Problem("", "file not found")], source=str(path))
        if suffix in TEXT_SUFFIXES:
            return read_csv(path, encoding, delimiter)
        if suffix in WORKBOOK_SUFFIXES:
            _text_options_unused(encoding, delimiter, "an Excel workbook (its text is Unicode)", str(path))
            return read_xlsx(path)
        if suffix in (".yaml", ".yml"):
            _text_options_unused(encoding, delimiter, "a YAML file (always UTF-8)", str(path))
            data, _lines = read_yaml(path)
            if not isinstance(data, list):
                raise DataError([Problem("", "expected a list of rows")], source=str(path))
            return list(enumerate(data, start=1))
        message = f"unknown table format {suffix!r}: use .csv, .xlsx or .yaml (a text table may also be .txt or .tsv)"
        raise DataError([Problem("", message)], str(path))
    _text_options_unused(encoding, delimiter, "rows given in Python", None)
    return list(enumerate(source, start=1))


def _text_options_unused(encoding: str | None, delimiter: str | None, what: str, source: str | None) -> None:
    """A DataError for an encoding or delimiter given for a table that has none to choose."""
    given = [name for name, value in (("encoding", encoding), ("delimiter", delimiter)) if value is not None]
    if given:
        message = (
            f"{' and '.join(given)} apply to CSV and text tables (.csv, .txt, .tsv) only; {what} has none "
            "to choose: leave out " + " and ".join(f"--{name}" for name in given)
        )
        raise DataError([Problem(given[0], message)], source)
