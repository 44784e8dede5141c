"""Validation of every row before anything is written: fields, province on the date, duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from congvan.campaigns.followup.model import ProvinceStatus
from congvan.errors import CongvanError, DataError, Problem
from congvan.loading import problems_from
from congvan.units import Province, find_province


@dataclass(frozen=True)
class Row:
    """One validated row: its place in the source, the province and its status."""

    number: int
    unit: Province
    status: ProvinceStatus


def validate_rows(raw: Sequence[tuple[int, Any]], on: dt.date, *, source: str | None = None) -> list[Row]:
    """Check every row (fields, province on the date ``on``, duplicates); raise one DataError for all."""
    problems: list[Problem] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, item in raw:
        where = f"row {number}"
        try:
            status = item if isinstance(item, ProvinceStatus) else ProvinceStatus.model_validate(item)
        except ValidationError as error:
            for problem in problems_from(error):
                problems.append(Problem(f"{where}, column {problem.location or '(row)'}", problem.message))
            continue
        try:
            unit = find_province(status.province, on=on)
        except CongvanError as error:
            problems.append(Problem(f"{where}, column province", str(error)))
            continue
        if unit.code in seen:
            problems.append(
                Problem(f"{where}, column province", f"{unit.name} appears twice (also row {seen[unit.code]})")
            )
            continue
        seen[unit.code] = number
        rows.append(Row(number, unit, status))
    if problems:
        raise DataError(problems, source=source)
    if not rows:
        raise DataError([Problem("", "the table has no rows")], source=source)
    return rows
