"""`lint_table`: a template checked against the table a merge will give it, every row rendered.

The template is linted as `lint_template` lints it, its variables checked against the table's
columns and the shared values: a name no column gives is an error with a "did you mean", a
column the template never reads a warning. Then every row is rendered in memory, with the
context `congvan merge` gives it (the same reader, `congvan.pipeline.tables.read_rows`, the same
contexts, `congvan.pipeline.merge.row_contexts`), and each row that does not render is a finding
with its row, and its column for a value a filter cannot read (`congvan.testing.lint.rows`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from congvan.pipeline.merge import row_contexts
from congvan.pipeline.tables import read_rows
from congvan.testing.lint.findings import Finding, LintReport
from congvan.testing.lint.linter import Against, lint_tags
from congvan.testing.lint.probe import compiled
from congvan.testing.lint.rows import ROWS_LISTED, row_findings
from congvan.testing.lint.shapes import ValueShape


def lint_table(
    source: Any,
    rows: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    data: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    units: str | None = None,
    on: dt.date | str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals: Mapping[str, Any] | None = None,
    label: str | None = None,
    listed: int = ROWS_LISTED,
) -> LintReport:
    """Lint the template ``source`` against the table ``rows``; render every row; return every finding.

    ``rows``, ``data`` (the values every document shares), ``units``, ``on``, ``encoding`` and
    ``delimiter`` are those of `congvan.merge`. The rows are rendered when the template's only errors are names no column
    gives (each then renders as empty text); the first ``listed`` failing rows are findings, the
    others are counted, and so are the rows whose rendering stopped at a missing name. A table that cannot be read is a `DataError`, as in a merge.
    """
    table = str(rows) if isinstance(rows, (str, os.PathLike)) else "the table"
    raw = read_rows(rows, encoding=encoding, delimiter=delimiter)
    contexts = row_contexts(raw, data=data, units=units, on=on, source=table)
    columns = list(dict.fromkeys(str(name) for _number, row in raw for name in row))
    against = _against(ValueShape([context for _number, context in contexts]), columns, table, data, units)
    linted = lint_tags(source, against, filters=filters, globals=globals, label=label)
    if not linted.parts or any(f.code != "missing-column" for f in linted.errors):
        return linted.report(table=table)
    template = compiled(linted.data, linted.kinds, filters=linted.filters, globals=globals)
    if isinstance(template, Finding):
        linted.findings.append(template)
        return linted.report(table=table)
    checked = row_findings(
        template, contexts, kinds=linted.kinds, filtered=linted.filtered, missing=linted.missing, listed=listed
    )
    linted.findings += checked.findings
    return linted.report(table=table, rows=len(contexts), failing_rows=checked.failing, stopped_rows=checked.stopped)


def _against(
    shape: ValueShape,
    columns: list[str],
    table: str,
    data: str | os.PathLike[str] | Mapping[str, Any] | None,
    units: str | None,
) -> Against:
    """The table's columns (and the shared values) as what the template's variables are checked against."""
    if data is None:
        lacks = f"which is not a column of {table}"
    else:
        shared = "the shared data" if isinstance(data, Mapping) else str(data)
        lacks = f"which is neither a column of {table} nor a value in {shared}"

    def describe(name: str) -> str:
        if units is not None and name == "unit":
            return f"'unit' (each row's unit, from --units {units})"
        return f"the column {name!r} of {table}"

    fields = tuple(name for name in columns if name != units) + (("unit",) if units is not None else ())
    return Against(
        shape,
        lacks,
        lacks_attribute=f"which the rows of {table} do not have",
        describe_field=describe,
        missing_code="missing-column",
        unused_code="unused-column",
        fields=fields,
    )
