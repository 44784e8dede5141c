"""Excel tables (.xlsx, .xlsm): the first worksheet, its values as Excel last calculated them.

openpyxl's read-only mode streams the values but knows neither the sheet's merged ranges nor
which formulas have no saved result (it gives both as empty cells). One more pass over the
sheet's XML finds them: every cell of a merged range gets the range's value, as Excel shows
it; a formula with no saved result (a file written by a program that does not calculate) and
a cell showing an Excel error (``#N/A``, ``#REF!``…) are errors naming sheet, row and column.
A text cell holding TCVN3 or VNI text (typed in a ``.VnTime`` or ``VNI-Times`` font: "Hµ Néi") is
warned about, never converted. Header and row shape: `congvan.pipeline.columns`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

from congvan import legacy
from congvan.errors import DataError, Problem
from congvan.pipeline.columns import Places, read_table, shown, warn_legacy_text

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOCUMENT_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ROW, _MERGE, _FORMULA, _VALUE = (f"{{{_MAIN}}}{tag}" for tag in ("row", "mergeCell", "f", "v"))

#: Cells showing an Excel error, and formulas with no saved result (an empty result of text type is saved).
_FLAGGED = etree.XPath("m:c[@t='e' or (m:f and not(string(m:v)) and not(@t='str'))]", namespaces={"m": _MAIN})

#: For the workbook's own small parts: no entities, no network.
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True)

#: Problems listed per kind of cell problem; the rest are counted.
_LISTED = 20

_RESAVE = (
    "If it is an old .xls, an .ods or a CSV file, or has a password, open it in Excel or LibreOffice "
    "and save it as .xlsx (Excel Workbook), without a password"
)


def read_xlsx(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The rows of the first worksheet of ``path``, each with its sheet row; one DataError for every problem."""
    source = str(path)
    title, grid = _values(path, source)
    marks = _marks(path, title, source)
    places = Places(sheet=title)
    problems = _spread_merged(grid, marks.merged, places)
    table = read_table(((number, [_value(v) for v in values]) for number, values in enumerate(grid, start=1)), places)
    problems += table.problems + _cell_problems(marks, table.names, places)
    warn_legacy_text(table, places, source, _legacy_advice)
    if problems:
        raise DataError(problems, source)
    return table.rows


def _legacy_advice(encoding: legacy.Legacy) -> str:
    name, font = legacy.NAMES[encoding], legacy.FONTS[encoding]
    return (
        f"The sheet's text was typed in a {font} font: convert it from {name} to Unicode (e.g. with UniKey's "
        "converter) and save the workbook again"
    )


def _values(path: Path, source: str) -> tuple[str, list[list[Any]]]:
    """The first worksheet's name and its values, row by row, as Excel last saved them."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl fails on a damaged package with whatever its reader meets
        raise _not_a_workbook(error, source) from None
    try:
        if not book.worksheets:
            raise DataError([Problem("", "the workbook has no worksheet (only charts?)")], source)
        sheet = book.worksheets[0]
        return sheet.title, [list(values) for values in sheet.iter_rows(values_only=True)]
    except DataError:
        raise
    except Exception as error:
        raise _not_a_workbook(error, source) from None
    finally:
        book.close()


def _not_a_workbook(error: Exception, source: str) -> DataError:
    reason = str(error) or type(error).__name__
    return DataError([Problem("", f"not an Excel workbook (.xlsx) that can be read ({reason}). {_RESAVE}")], source)


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None:
        return ""
    return value if isinstance(value, (dt.date, bool)) else str(value).strip()


@dataclass(frozen=True)
class _Flagged:
    """A cell showing an Excel error (``kind`` ``e``), or a formula with no saved result; ``column`` 0 if unknown."""

    row: int
    column: int
    kind: str | None
    formula: str | None
    value: str | None


@dataclass
class _Marks:
    """What the values do not say: the merged ranges (``B2:B4``) and the flagged cells."""

    merged: list[str] = field(default_factory=list)
    flagged: list[_Flagged] = field(default_factory=list)


def _marks(path: Path, title: str, source: str) -> _Marks:
    marks = _Marks()
    try:
        with zipfile.ZipFile(path) as archive:
            member = _worksheet_member(archive, title)
            with archive.open(member) as stream:
                events = etree.iterparse(stream, tag=(_ROW, _MERGE), resolve_entities=False, no_network=True)
                row_number = 0
                for _, element in events:
                    if element.tag == _MERGE:
                        marks.merged.append(element.get("ref", ""))
                        continue
                    row_number = int(element.get("r", row_number + 1))
                    for cell in _FLAGGED(element):
                        reference = cell.get("r")
                        number, column = coordinate_to_tuple(reference) if reference else (row_number, 0)
                        marks.flagged.append(
                            _Flagged(number, column, cell.get("t"), cell.findtext(_FORMULA), cell.findtext(_VALUE))
                        )
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
    except Exception as error:  # as in `_values`: a damaged package fails in any way
        raise _not_a_workbook(error, source) from None
    return marks


def _worksheet_member(archive: zipfile.ZipFile, title: str) -> str:
    """The package member holding the worksheet named ``title`` (found as openpyxl finds it: by relationships)."""
    package = _relationships(archive, "")
    workbook = next(member for kind, member in package.values() if kind.endswith("/officeDocument"))
    targets = _relationships(archive, workbook)
    root = etree.fromstring(archive.read(workbook), _SAFE)
    for sheet in root.iter(f"{{{_MAIN}}}sheet"):
        if sheet.get("name") == title:
            return targets[sheet.get(f"{{{_DOCUMENT_RELATIONSHIPS}}}id", "")][1]
    raise KeyError(f"no sheet {title!r} in {workbook}")


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, member) of the relationships of the package ``part`` (``""``: of the package itself)."""
    folder, name = posixpath.split(part)
    root = etree.fromstring(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")), _SAFE)
    found = {}
    for relationship in root.iter(f"{{{_PACKAGE_RELATIONSHIPS}}}Relationship"):
        if relationship.get("TargetMode") == "External":
            continue
        target = relationship.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[relationship.get("Id", "")] = (relationship.get("Type", ""), member)
    return found


def _spread_merged(grid: list[list[Any]], ranges: list[str], places: Places) -> list[Problem]:
    """Give every cell of each merged range the value of its top-left cell, as Excel shows it."""
    width = max((len(values) for values in grid), default=0)
    budget = len(grid) * width  # merged ranges do not overlap: together they cover at most every cell once
    for reference in ranges:
        try:
            first_column, first_row, last_column, last_row = range_boundaries(reference)
        except (TypeError, ValueError):
            return [Problem(places.row(1), f"a merged range {shown(reference)} that is not a range of cells")]
        if first_row > len(grid) or first_column > width:
            continue
        value = grid[first_row - 1][first_column - 1] if first_column <= len(grid[first_row - 1]) else None
        for number in range(first_row, min(last_row, len(grid)) + 1):
            values = grid[number - 1]
            last = min(last_column, width)
            values.extend([None] * (last - len(values)))
            values[first_column - 1 : last] = [value] * (last - first_column + 1)
            budget -= last - first_column + 1
            if budget < 0:
                return [Problem(places.row(first_row), f"merged ranges overlap ({reference} and another)")]
    return []


def _cell_problems(marks: _Marks, names: list[str], places: Places) -> list[Problem]:
    formulas, errors = [], []
    for cell in marks.flagged:
        name = names[cell.column - 1] if 0 < cell.column <= len(names) else None
        where = places.cell(cell.row, cell.column - 1, name) if cell.column else places.row(cell.row)
        if cell.kind == "e":
            shows = cell.value or "#VALUE!"
            message = f"the cell shows the Excel error {shows}: correct its formula or its value in Excel"
            errors.append(Problem(where, message))
        else:
            formula = f"the formula ={cell.formula}" if cell.formula else "a formula"
            message = (
                f"{formula} has no saved result (the file was written by a program that does not calculate): "
                "open the file in Excel or LibreOffice and save it, so that the results are saved"
            )
            formulas.append(Problem(where, message))
    return _listed(formulas, "formulas with no saved result") + _listed(errors, "cells showing an Excel error")


def _listed(problems: list[Problem], what: str) -> list[Problem]:
    if len(problems) <= _LISTED:
        return problems
    return [*problems[:_LISTED], Problem("", f"and {len(problems) - _LISTED:,} more {what}")]
