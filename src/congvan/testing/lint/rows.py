"""Every row of a table through the engine: each row that does not render is a finding with its row.

A merge renders every row before it writes anything, and stops at the first that fails. The
check renders them all, in memory, and reports each failing row (the first ``listed`` one by
one, then how many more) at the place of the tag that failed: a value a filter cannot read
with its column, a value the row lacks, a letter Word could not open.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import jinja2

from congvan.engine import Template
from congvan.errors import CongvanError, FilterValueError, MissingVariableError
from congvan.ooxml.reading import Place
from congvan.testing.lint.findings import Finding
from congvan.testing.lint.probe import error_place, unreadable_parts

ROWS_LISTED = 50
"""Failing rows reported one by one; the rest are counted."""


class _Absent(str):
    """The value of a name no column gives (a finding already): empty text whose attributes and items
    are itself, so that a row renders on to the other values it holds."""

    __slots__ = ()

    def __getattr__(self, name: str) -> _Absent:
        if name.startswith("_"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key: Any) -> _Absent:  # type: ignore[override]
        return self


ABSENT = _Absent()


@dataclass(frozen=True)
class RowsChecked:
    """What rendering every row found: the failing rows' findings, how many fail, how many stopped short."""

    findings: list[Finding]
    failing: int
    stopped: int
    """Rows whose rendering stopped at a value reported missing already: what follows it is not checked."""


def row_findings(
    template: Template,
    contexts: Sequence[tuple[int, Mapping[str, Any]]],
    *,
    kinds: Mapping[str, str],
    filtered: Mapping[tuple[str, str], Place],
    missing: Collection[str] = (),
    listed: int = ROWS_LISTED,
) -> RowsChecked:
    """Render each numbered context; return the findings of the failing rows and how many rows fail.

    ``kinds`` maps part names to the kind of part a person knows; ``filtered`` maps (filter, data path)
    to the place the filter is applied to that value (`congvan.testing.lint.linter.Linted.filtered`).
    The data paths in ``missing`` (``ten_xa``, ``unit.comittee``, ``items[].titel``), reported already,
    are given an empty value that renders, so that each row is checked for what else it holds; a row
    that still stops at one of them is counted as stopped, not as failing.
    """
    steps = [path.replace("[]", ".[]").split(".") for path in missing]
    reported = {path[-1] for path in steps}
    findings: list[Finding] = []
    failing = stopped = 0
    for number, context in contexts:
        for path in steps:
            context = _filled(context, path)
        finding = _problem(template, context, kinds, filtered, reported)
        if finding is _STOPPED:
            stopped += 1
        elif finding is not None:
            failing += 1
            if failing <= listed:
                findings.append(replace(finding, row=number))
    if failing > listed:
        more = failing - listed
        message = f"{more} more row{'s' if more != 1 else ''} do not render (the first {listed} are listed)"
        findings.append(Finding("bad-row", "error", message, Place("document")))
    return RowsChecked(findings, failing, stopped)


def _filled(value: Any, steps: Sequence[str]) -> Any:
    """``value`` with `ABSENT` at the data path ``steps`` where its last key is missing (copied, not changed)."""
    if not steps:
        return value
    step, rest = steps[0], steps[1:]
    if step == "[]":
        return [_filled(item, rest) for item in value] if isinstance(value, (list, tuple)) else value
    if not isinstance(value, Mapping):
        return value
    if not rest:
        return value if step in value else {**value, step: ABSENT}
    return {**value, step: _filled(value[step], rest)} if step in value else value


_STOPPED = Finding("bad-row", "error", "stopped at a value reported missing", Place("document"))


def _problem(
    template: Template,
    context: Mapping[str, Any],
    kinds: Mapping[str, str],
    filtered: Mapping[tuple[str, str], Place],
    reported: Collection[str],
) -> Finding | None:
    """The finding of the first thing in ``context`` the engine refuses, None when it renders, `_STOPPED`
    when it stops at a value reported missing."""
    try:
        rendered = template.render(context)
    except FilterValueError as error:
        if error.value is ABSENT:
            return _STOPPED
        if isinstance(error.value, jinja2.Undefined):  # a name some rows have and this one lacks, into a filter
            path, place = _lacking(error.filter, context, filtered)
            if path.rsplit(".", 1)[-1] in reported:
                return _STOPPED
            what = repr(path) if path else f"the value the template gives {error.filter}"
            return Finding("bad-row", "error", f"the row has no {what}, which the template reads", place)
        column, place = _column(error, context, filtered)
        return Finding("bad-row", "error", error.message, place, column=column)
    except MissingVariableError as error:
        if error.variable in reported:
            return _STOPPED
        message = f"the row has no {error.variable!r}, which the template reads"
        return Finding("bad-row", "error", message, error_place(error, kinds))
    except CongvanError as error:
        return Finding("bad-row", "error", str(error), error_place(error, kinds))
    unreadable = unreadable_parts(rendered, template.parts, kinds, "this row")
    return replace(unreadable[0], code="bad-row") if unreadable else None


def _column(
    error: FilterValueError, context: Mapping[str, Any], filtered: Mapping[tuple[str, str], Place]
) -> tuple[str, Place]:
    """The column whose value the filter could not read, and the place of the tag applying it.

    The template's own uses of the filter come first (``{{ tien|vn_money }}``: the column ``tien``), the very
    value before an equal one; then any column holding the value (it reached the filter another way).
    """
    uses = [(path, place) for (name, path), place in filtered.items() if name == error.filter]
    fallback = uses[0][1] if uses else Place("document")
    same: Callable[[Any, Any], bool]
    for same in (operator.is_, _same):
        for path, place in uses:
            found, value = _lookup(context, path)
            if found and same(value, error.value):
                return path, place
    for same in (operator.is_, _same):
        for column, value in context.items():
            if value is not ABSENT and same(value, error.value):
                return column, fallback
    return "", fallback


def _lacking(name: str, context: Mapping[str, Any], filtered: Mapping[tuple[str, str], Place]) -> tuple[str, Place]:
    """The first data path the filter ``name`` is applied to that ``context`` lacks, and its place."""
    for (used, path), place in filtered.items():
        if used == name and "[]" not in path and not _lookup(context, path)[0]:
            return path, place
    return "", Place("document")


def _same(a: Any, b: Any) -> bool:
    """``a == b``, False for values that cannot be compared."""
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - a value from the data that refuses to compare is not the one
        return False


def _lookup(context: Mapping[str, Any], path: str) -> tuple[bool, Any]:
    """The value at the data path ``path`` (``tien``, ``unit.code``); (False, None) where there is none."""
    if "[]" in path:
        return False, None
    value: Any = context
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return False, None
        value = value[key]
    return True, value
