"""Find provincial units (tỉnh, thành phố trực thuộc trung ương) by the names users paste.

Names are compared folded (no diacritics, "đ" → "d", case-folded), so NFC/NFD, old or new
tone placement and capitals do not matter; punctuation and dashes count as spaces, and the
prefixes of Phụ lục II and of annex tables ("Ủy ban nhân dân", "UBND", "tỉnh", "thành phố",
"TP.", "Thủ đô") are dropped. The indexes are built once, on the first lookup.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from congvan.errors import AmbiguousProvince, ProvinceNotFound, ProvinceNotInForce, UnitsDateError
from congvan.units.data import Registry, registry
from congvan.units.model import Province, UnitKind
from congvan.vietnamese import fold, sort_key

__all__ = ["provinces", "find_province", "as_date"]

# Folded prefixes, longest first; each maps to the kind it implies (None: any kind).
_PREFIXES: tuple[tuple[tuple[str, ...], UnitKind | None], ...] = (
    (("uy", "ban", "nhan", "dan"), None),
    (("ubnd",), None),
    (("thanh", "pho", "truc", "thuoc", "trung", "uong"), UnitKind.CITY),
    (("thanh", "pho"), UnitKind.CITY),
    (("tp",), UnitKind.CITY),
    (("t", "p"), UnitKind.CITY),
    (("thu", "do"), UnitKind.CITY),
    (("tinh",), UnitKind.PROVINCE),
)
_WORD = re.compile(r"[^\W_]+")
_MAX_LISTED = 10


def as_date(on: dt.date | str | None) -> dt.date:
    """The date asked for: ``None`` is today (`datetime.date.today`), a string is ISO 8601."""
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(on)
    except (TypeError, ValueError):
        raise UnitsDateError(f"invalid date {on!r}: expected YYYY-MM-DD") from None


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def _strip_prefixes(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], UnitKind | None]:
    kind: UnitKind | None = None
    stripped = True
    while stripped and tokens:
        stripped = False
        for prefix, implied in _PREFIXES:
            if tokens[: len(prefix)] == prefix:
                tokens, stripped = tokens[len(prefix) :], True
                kind = implied if implied is not None else kind
                break
    return tokens, kind


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[Province, ...]]
    """Folded name or alias, spaced ("ba ria vung tau") and compact ("bariavungtau")."""
    words: tuple[tuple[Province, tuple[tuple[str, ...], ...]], ...]
    """Each unit with the folded words of its name and aliases, for partial names."""


@functools.cache
def _index(reg: Registry) -> _Index:
    exact: dict[str, list[Province]] = {}
    words = []
    for unit in reg.units:
        spellings = [_tokens(name) for name in (unit.name, *reg.aliases.get(unit.name, ()))]
        words.append((unit, tuple(spellings)))
        for tokens in spellings:
            for key in (" ".join(tokens), "".join(tokens)):
                found = exact.setdefault(key, [])
                if unit not in found:
                    found.append(unit)
        exact.setdefault(unit.code, []).append(unit)
    return _Index({key: tuple(units) for key, units in exact.items()}, tuple(words))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _partial(index: _Index, tokens: tuple[str, ...]) -> list[Province]:
    return [unit for unit, spellings in index.words if any(_contains(words, tokens) for words in spellings)]


def _names(units: Iterable[Province]) -> str:
    listed = sorted({unit.name for unit in units}, key=sort_key)
    if len(listed) > _MAX_LISTED:
        return ", ".join(listed[:_MAX_LISTED]) + f", … ({len(listed)} in all)"
    return ", ".join(listed)


def _ambiguous(text: str, day: dt.date, units: Iterable[Province], former: Iterable[str] = ()) -> AmbiguousProvince:
    candidates = tuple(sorted(set(units), key=lambda u: sort_key(u.name)))
    formerly = f" and the former {', '.join(former)}" if former else ""
    return AmbiguousProvince(
        f"{text!r} is ambiguous on {day.isoformat()}: it matches {_names(candidates)}{formerly}; give the full name",
        query=text,
        on=day,
        candidates=candidates,
    )


def _not_in_force(text: str, day: dt.date, reg: Registry, units: list[Province]) -> ProvinceNotInForce:
    ended = [unit for unit in units if unit.valid_to is not None and unit.valid_to < day]
    if not ended:
        unit = min(units, key=lambda u: u.valid_from)
        return ProvinceNotInForce(
            f"{text!r} is not a provincial unit on {day.isoformat()}: "
            f"{unit} is in force from {unit.valid_from.isoformat()}",
            query=text,
            on=day,
            unit=unit,
            successor=None,
        )
    unit = max(ended, key=lambda u: u.valid_from)
    successor = reg.successor_on(unit, day)
    fate = "now part of" if len(successor.predecessors) > 1 else "now"
    return ProvinceNotInForce(
        f"{text!r} is not a provincial unit on {day.isoformat()}: {unit} was in force "
        f"until {unit.valid_to.isoformat() if unit.valid_to else ''} and is {fate} {successor}",
        query=text,
        on=day,
        unit=unit,
        successor=successor,
    )


def _only_former(text: str, day: dt.date, reg: Registry, units: Iterable[Province]) -> ProvinceNotFound:
    latest: dict[str, Province] = {}
    for unit in sorted(units, key=lambda u: u.valid_from):
        if unit.valid_to is not None and unit.valid_to < day:
            latest[unit.name] = unit
    fates = {name: reg.successor_on(unit, day) for name, unit in latest.items()}
    suggestions = tuple(dict.fromkeys(fates[name] for name in sorted(fates, key=sort_key)))[:3]
    listed = "; ".join(f"{name} (now in {fates[name]})" for name in sorted(fates, key=sort_key))
    return ProvinceNotFound(
        f"no provincial unit named {text!r} on {day.isoformat()}; former units: {listed}",
        query=text,
        on=day,
        suggestions=suggestions,
    )


def _not_found(text: str, day: dt.date, reg: Registry, key: str) -> ProvinceNotFound:
    by_key: dict[str, Province] = {}
    for unit in reg.in_force(day):
        for name in (unit.name, *reg.aliases.get(unit.name, ())):
            by_key.setdefault(" ".join(_tokens(name)), unit)
    suggestions: list[Province] = []
    for close in difflib.get_close_matches(key, list(by_key), n=6, cutoff=0.6):
        if by_key[close] not in suggestions:
            suggestions.append(by_key[close])
    suggestions = suggestions[:3]
    hint = f"; did you mean: {', '.join(u.name for u in suggestions)}?" if suggestions else ""
    return ProvinceNotFound(
        f"no provincial unit named {text!r} on {day.isoformat()}{hint}",
        query=text,
        on=day,
        suggestions=tuple(suggestions),
    )


def provinces(on: dt.date | str | None = None) -> list[Province]:
    """The provincial units in force on ``on`` (default: today), in Vietnamese alphabetical order.

    >>> len(provinces("2020-01-01")), len(provinces("2025-07-01"))
    (63, 34)
    """
    day = as_date(on)
    return sorted(registry().in_force(day), key=lambda unit: sort_key(unit.name))


def find_province(text: str, on: dt.date | str | None = None) -> Province:
    """The provincial unit in force on ``on`` (default: today) that ``text`` names.

    >>> find_province("UBND tinh Thanh Hoa", on="2020-01-01").committee
    'Ủy ban nhân dân tỉnh Thanh Hóa'

    Raises `ProvinceNotFound` (with up to three suggestions), its subclass
    `ProvinceNotInForce` when the name is that of a unit not in force on ``on`` (naming the
    unit that succeeded it), or `AmbiguousProvince` when several units match.
    """
    day = as_date(on)
    reg = registry()
    reg.check_date(day)
    tokens, implied_kind = _strip_prefixes(_tokens(text))
    if not tokens:
        if not _tokens(text):
            raise ProvinceNotFound(f"no provincial unit name in {text!r}", query=text, on=day)
        raise _ambiguous(text, day, (u for u in reg.in_force(day) if implied_kind in (None, u.kind)))
    index = _index(reg)
    key = " ".join(tokens)
    if key.isdigit():
        key = key.zfill(2)
    matches = set(index.exact.get(key, ())) | set(index.exact.get("".join(tokens), ()))
    partial = not matches
    if partial:  # part of a name: "Vũng Tàu", "Hà", "Giang"
        matches = set(_partial(index, tokens))
    if not matches:
        raise _not_found(text, day, reg, key)
    current = [unit for unit in matches if unit.in_force(day)]
    # A part of a name also denotes the former units that bore it ("Giang": Kiên Giang …).
    former = sorted(
        {u.name for u in matches if u.valid_to is not None and u.valid_to < day} - {u.name for u in current},
        key=sort_key,
    )
    if current and (not partial or not former):
        if len(current) == 1:
            return current[0]
        raise _ambiguous(text, day, current)
    if current:
        raise _ambiguous(text, day, current, former)
    if len(former) > 1:
        raise _only_former(text, day, reg, matches)
    raise _not_in_force(text, day, reg, sorted(matches, key=lambda u: u.valid_from))
