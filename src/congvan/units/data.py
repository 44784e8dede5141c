"""Load the provincial units (đơn vị hành chính cấp tỉnh) from ``data/units/*.csv``.

The CSV files carry a header comment (lines starting with ``#``) that names their
columns and sources; see ``data/units/README.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.resources
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from congvan.errors import UnitsDateError
from congvan.units.model import Province, UnitKind
from congvan.vietnamese import normalize

__all__ = ["Registry", "load_registry", "registry"]

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, eq=False)
class Registry:
    """Every provincial unit over time, with the links between predecessors and successors."""

    units: tuple[Province, ...]
    aliases: Mapping[str, tuple[str, ...]]
    """Unit name → other spellings (old spellings, abbreviations)."""
    first_day: dt.date
    """The first day the data covers."""

    def in_force(self, on: dt.date) -> tuple[Province, ...]:
        """The units in force on ``on``, in data order."""
        self.check_date(on)
        return tuple(unit for unit in self.units if unit.in_force(on))

    def check_date(self, on: dt.date) -> None:
        """Raise `UnitsDateError` for a date before the data begins."""
        if on < self.first_day:
            raise UnitsDateError(
                f"no provincial units data before {self.first_day.isoformat()} (asked for {on.isoformat()})"
            )

    def successors(self, unit: Province) -> tuple[Province, ...]:
        """The units whose predecessors include ``unit``."""
        return unit.successors

    def successor_on(self, unit: Province, on: dt.date) -> Province:
        """The unit in force on ``on`` that holds ``unit``'s territory."""
        return unit.successor_on(on)


def _link_successors(units: Iterable[Province]) -> None:
    """Give each unit the units that continue it (the inverse of ``predecessors``): set once, while the
    registry is built, on units no one else holds yet."""
    successors: dict[int, list[Province]] = {}
    for unit in units:
        for predecessor in unit.predecessors:
            successors.setdefault(id(predecessor), []).append(unit)
    for unit in units:
        found = successors.get(id(unit), [])
        if len(found) > 1:
            raise ValueError(f"{unit!r} has several successors: {tuple(found)!r}")
        object.__setattr__(unit, "successors", tuple(found))  # frozen: linked here, before anyone reads it


def _rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _apply_kind_changes(units: list[Province], changes: Iterable[dict[str, str]]) -> None:
    """Split each unit's period at a change of kind; the later period continues the earlier."""
    for change in changes:
        effective = dt.date.fromisoformat(change["effective"])
        kind = UnitKind(change["kind"])
        index = next(
            (i for i, unit in enumerate(units) if unit.code == change["code"] and unit.in_force(effective)),
            None,
        )
        if index is None or units[index].valid_from == effective:
            raise ValueError(f"kind change {change}: no unit {change['code']} to split on that date")
        before = replace(units[index], valid_to=effective - _ONE_DAY)
        after = replace(
            units[index],
            kind=kind,
            valid_from=effective,
            verified=change["verified"] == "yes",
            source=change["source"],
        )
        units[index : index + 1] = [before, after]


def load_registry(units_csv: str, kind_changes_csv: str = "", aliases_csv: str = "") -> Registry:
    """Build a `Registry` from the text of ``units.csv``, ``kind_changes.csv`` and ``aliases.csv``.

    Checks that predecessors resolve, that periods with the same code do not overlap and
    that no unit has more than one successor.
    """
    rows = _rows(units_csv)
    units = [
        Province(
            code=row["code"],
            name=normalize(row["name"]),
            kind=UnitKind(row["kind"]),
            valid_from=dt.date.fromisoformat(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
            verified=row["verified"] == "yes",
            source=row["source"],
        )
        for row in rows
    ]
    predecessor_codes = {
        (unit.code, unit.valid_from): row["predecessors"].split() for unit, row in zip(units, rows, strict=True)
    }
    _apply_kind_changes(units, _rows(kind_changes_csv) if kind_changes_csv else ())

    resolved: list[Province] = []
    for unit in sorted(units, key=lambda u: u.valid_from):
        codes = predecessor_codes.get((unit.code, unit.valid_from))
        if codes is None:  # the later half of a kind change continues the earlier half
            codes = [unit.code]
        day_before = unit.valid_from - _ONE_DAY
        predecessors = []
        for code in codes:
            matches = [u for u in resolved if u.code == code and u.in_force(day_before)]
            if len(matches) != 1:
                raise ValueError(f"{unit!r}: predecessor {code} not in force on {day_before}")
            predecessors.append(matches[0])
        for other in resolved:
            if other.code == unit.code and other.in_force(unit.valid_from):
                raise ValueError(f"{unit!r} overlaps {other!r}")
        resolved.append(replace(unit, predecessors=tuple(predecessors)))

    aliases: dict[str, list[str]] = {}
    for row in _rows(aliases_csv) if aliases_csv else ():
        aliases.setdefault(normalize(row["name"]), []).append(normalize(row["alias"]))
    _link_successors(resolved)
    reg = Registry(
        units=tuple(resolved),
        aliases=MappingProxyType({name: tuple(found) for name, found in aliases.items()}),
        first_day=min(unit.valid_from for unit in resolved),
    )
    unknown = set(reg.aliases) - {unit.name for unit in resolved}
    if unknown:
        raise ValueError(f"aliases for unknown units: {sorted(unknown)}")
    return reg


def _read(name: str) -> str:
    return importlib.resources.files("congvan.data").joinpath("units", name).read_text("utf-8")


@functools.cache
def registry() -> Registry:
    """The bundled provincial units, loaded once."""
    return load_registry(_read("units.csv"), _read("kind_changes.csv"), _read("aliases.csv"))
