"""From a table's cells to rows of named values: the rules every table format shares.

- The header is the first row that is not blank. Its names are stripped. Empty names at
  its right end are dropped (a spreadsheet writes them for any column it ever touched);
  an empty name left of a named column, or a name given twice, is an error.
- A row shorter than the header reads its missing cells as empty: a hand-typed row, or
  an export that leaves out a row's trailing empty cells, means them so.
- A row longer than the header is an error when a cell past the header holds anything:
  that value has no column, and dropping it would lose it. Empty cells there are nothing.
- A row whose cells are all blank is skipped.

`warn_legacy_text` warns about cells holding TCVN3 or VNI text that came in as Unicode.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import get_column_letter

from congvan import legacy
from congvan.errors import Problem

#: Cells warned about one by one; the rest are counted in one more warning.
_WARNED = 20


@dataclass(frozen=True)
class Places:
    """How a format names its places: CSV columns by number and rows by line, an Excel sheet's columns by letter."""

    sheet: str | None = None
    """The sheet's name, for a workbook; None for a CSV file."""

    def column(self, index: int) -> str:
        """The 0-based column ``index`` as a person finds it: ``3`` in a CSV file, ``C`` in a sheet."""
        return str(index + 1) if self.sheet is None else get_column_letter(index + 1)

    def row(self, number: int) -> str:
        return f"row {number}" if self.sheet is None else f"sheet {self.sheet!r}, row {number}"

    def cell(self, number: int, index: int, name: str | None) -> str:
        """``row 3, column ghi_chu`` in a CSV file; ``sheet 'Danh sách', row 3, column C (ghi_chu)`` in a sheet."""
        if self.sheet is None:
            return f"{self.row(number)}, column {name or index + 1}"
        return f"{self.row(number)}, column {self.column(index)}" + (f" ({name})" if name else "")

    def header(self, number: int) -> tuple[str, int | None]:
        """Where the header is, as a problem's location and line: ``header`` at line 1, or in a sheet's row 1."""
        if self.sheet is None:
            return "header", number
        return f"sheet {self.sheet!r}, header (row {number})", None


@dataclass
class Table:
    """What `read_table` found: the column names, the rows with their numbers, and every problem."""

    names: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header: int | None = None
    """The header's row number (None: no header)."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any, width: int = 40) -> str:
    """A value quoted for a message, cut to ``width`` characters."""
    text = str(value)
    return repr(text if len(text) <= width else text[:width] + "…")


def read_table(
    records: Iterable[tuple[int, Sequence[Any]]],
    places: Places,
    check: Callable[[int, Sequence[Any], list[str]], None] | None = None,
) -> Table:
    """The header and rows of ``records`` (number, cells), with every problem of their shape.

    ``check(number, cells, names)`` sees every row first, the header too (a size limit, say), and may raise.
    """
    table = Table()
    header_seen = False
    for number, cells in records:
        if check is not None:
            check(number, cells, table.names)
        if all(is_blank(value) for value in cells):
            continue
        if not header_seen:
            header_seen = True
            table.header = number
            table.names = _names(cells, number, places, table.problems)
            continue
        width = len(table.names)
        extra = next((i for i in range(width, len(cells)) if not is_blank(cells[i])), None)
        if extra is not None:
            message = (
                f"a value in column {places.column(extra)} ({shown(cells[extra])}), right of the header's "
                f"{width} columns: a separator too many in this row, or a column the header does not name"
            )
            table.problems.append(Problem(places.row(number), message))
            continue
        table.rows.append((number, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(table.names)}))
    return table


def _names(cells: Sequence[Any], number: int, places: Places, problems: list[Problem]) -> list[str]:
    names = ["" if value is None else str(value).strip() for value in cells]
    while names and not names[-1]:
        names.pop()
    location, line = places.header(number)
    for index, name in enumerate(names):
        if not name:
            message = f"column {places.column(index)} has no name: give it one, or delete the column"
            problems.append(Problem(location, message, line))
    columns: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if name:
            columns.setdefault(name, []).append(index)
    for name, indexes in columns.items():
        if len(indexes) > 1:
            times = "twice" if len(indexes) == 2 else f"{len(indexes)} times"
            listed = [places.column(i) for i in indexes]
            message = (
                f"{name!r} appears {times}: columns {', '.join(listed[:-1])} and {listed[-1]}; "
                "each column needs a name of its own"
            )
            problems.append(Problem(location, message, line))
    return names


def warn_legacy_text(table: Table, places: Places, source: str, advice: Callable[[legacy.Legacy], str]) -> None:
    """Warn (`congvan.legacy.LegacyTextWarning`) about each cell holding TCVN3 or VNI text read as Unicode.

    Nothing is converted. Only cells with a character in U+0080–U+00FF are examined (`congvan.legacy.suspect`);
    ``advice(encoding)`` says what to do. The first cells are named one by one, the rest counted.
    """
    found: list[tuple[str, str, legacy.Legacy]] = []
    for number, index, name, value in _cells(table):
        if isinstance(value, str) and not value.isascii():
            encoding = legacy.suspect(value)
            if encoding is not None:
                found.append((places.cell(number, index, name), value, encoding))
    for where, value, encoding in found[:_WARNED]:
        decoded = legacy.decode(value.encode("cp1252"), encoding)
        message = (
            f"{source}: {where}: {shown(value)} looks like {legacy.NAMES[encoding]} text read as Unicode "
            f"(it would read {shown(decoded)}); it is left as it is. {advice(encoding)}"
        )
        warnings.warn(legacy.LegacyTextWarning(message, encoding, f"{source}: {where}"), stacklevel=2)
    if len(found) > _WARNED:
        message = f"{source}: and {len(found) - _WARNED:,} more cells that look like TCVN3 or VNI text read as Unicode"
        warnings.warn(legacy.LegacyTextWarning(message, found[_WARNED][2], source), stacklevel=2)


def _cells(table: Table) -> Iterator[tuple[int, int, str | None, Any]]:
    """Every cell as (row number, column index, column name, value): the header's names, then the rows."""
    if table.header is not None:
        for index, name in enumerate(table.names):
            yield table.header, index, None, name
    for number, row in table.rows:
        for index, (name, value) in enumerate(row.items()):
            yield number, index, name, value
