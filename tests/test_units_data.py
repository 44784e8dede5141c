"""The provincial units data: the 63 units of 2008-2025, the 34 from 2025-07-01, the mergers."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import congvan
from congvan.units.data import load_registry, registry
from congvan.units.model import UnitKind
from congvan.vietnamese import normalize

BEFORE = dt.date(2020, 1, 1)
AFTER = dt.date(2025, 7, 1)

# Transcribed from tests/reference/spec/provinces.md (Nghị quyết 202/2025/QH15): new code → old codes.
MERGERS = {
    "08": {"02", "08"}, "15": {"10", "15"}, "19": {"06", "19"}, "24": {"24", "27"},
    "25": {"17", "25", "26"}, "31": {"30", "31"}, "33": {"33", "34"},
    "37": {"35", "36", "37"}, "44": {"44", "45"}, "48": {"48", "49"}, "51": {"51", "62"},
    "52": {"52", "64"}, "56": {"56", "58"}, "66": {"54", "66"}, "68": {"60", "67", "68"},
    "75": {"70", "75"}, "79": {"74", "77", "79"}, "80": {"72", "80"}, "82": {"82", "87"},
    "86": {"83", "84", "86"}, "91": {"89", "91"}, "92": {"92", "93", "94"}, "96": {"95", "96"},
}  # fmt: skip
UNCHANGED = {"01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46"}
CITIES_2020 = {"01", "31", "48", "79", "92"}
CITIES_2025 = {"01", "31", "46", "48", "79", "92"}


def _spec_units(reference) -> dict[str, str]:
    text = (reference / "spec" / "provinces.md").read_text("utf-8")
    section = text.split("## The 63 units", 1)[1].split("Thừa Thiên Huế became", 1)[0]
    return dict(re.findall(r"(\d\d) ([^\W\d][^,.\n]*?)(?=[,.]|\n|$)", section))


def test_63_units_on_2020_01_01_match_the_spec(reference):
    units = congvan.provinces(BEFORE)
    expected = _spec_units(reference)
    assert len(expected) == 63
    assert {u.code: u.name for u in units} == expected


def test_63_units_on_first_and_last_day_of_the_old_list():
    assert len(congvan.provinces(dt.date(2008, 8, 1))) == 63
    assert len(congvan.provinces(dt.date(2025, 6, 30))) == 63


def test_34_units_on_2025_07_01():
    units = congvan.provinces(AFTER)
    assert len(units) == 34
    assert {u.code for u in units} == UNCHANGED | set(MERGERS)
    assert len({u.code for u in units}) == 34


def test_kinds_5_cities_in_2020_and_6_in_2025():
    assert {u.code for u in congvan.provinces(BEFORE) if u.kind is UnitKind.CITY} == CITIES_2020
    assert {u.code for u in congvan.provinces(AFTER) if u.kind is UnitKind.CITY} == CITIES_2025
    assert sum(u.kind is UnitKind.PROVINCE for u in congvan.provinces(AFTER)) == 28


def test_merger_map_matches_the_spec():
    for unit in congvan.provinces(AFTER):
        if unit.code in MERGERS:
            assert {p.code for p in unit.predecessors} == MERGERS[unit.code], unit
            assert all(p.valid_to == dt.date(2025, 6, 30) for p in unit.predecessors)
        else:
            assert unit.valid_to is None and not (unit.valid_from == AFTER), unit


def test_each_of_the_63_lies_in_exactly_one_of_the_34_and_the_34_cover_all():
    after = congvan.provinces(AFTER)
    covered: dict[str, list[str]] = {}
    for old in congvan.provinces(BEFORE):
        successor = old.successor_on(AFTER)
        assert successor in after
        covered.setdefault(successor.code, []).append(old.code)
    assert sorted(c for codes in covered.values() for c in codes) == sorted(u.code for u in congvan.provinces(BEFORE))
    assert set(covered) == {u.code for u in after}
    for code, olds in MERGERS.items():
        assert set(covered[code]) == olds


def test_thua_thien_hue_became_the_city_of_hue_on_2025_01_01_unverified():
    old = congvan.find_province("Thừa Thiên Huế", on=dt.date(2024, 12, 31))
    new = congvan.find_province("Huế", on=dt.date(2025, 1, 1))
    assert (old.kind, new.kind) == (UnitKind.PROVINCE, UnitKind.CITY)
    assert new.predecessors == (old,)
    assert old.successors == (new,)
    assert old.successor_on(AFTER) is new
    assert not new.verified and "NQ175-2024" in new.source
    assert len(congvan.provinces(dt.date(2025, 3, 1))) == 63


def test_a_unit_in_force_is_its_own_successor_and_has_no_successors():
    hanoi = congvan.find_province("Hà Nội", on=AFTER)
    assert hanoi.successor_on(AFTER) is hanoi
    assert hanoi.successors == ()


def test_successor_before_the_unit_existed_is_an_error():
    new = congvan.find_province("Hải Phòng", on=AFTER)
    with pytest.raises(congvan.UnitsDateError, match="in force from 2025-07-01"):
        new.successor_on(BEFORE)


def test_dates_before_the_data_are_rejected():
    with pytest.raises(congvan.UnitsDateError, match="no provincial units data before 2008-08-01"):
        congvan.provinces(dt.date(2008, 7, 31))


def test_default_date_is_today():
    assert congvan.provinces() == congvan.provinces(dt.date.today())


def test_datetime_and_iso_string_are_accepted():
    assert congvan.provinces(dt.datetime(2025, 7, 1, 23, 59)) == congvan.provinces("2025-07-01")


def test_invalid_date_string():
    with pytest.raises(congvan.UnitsDateError, match=r"invalid date '2025-02-30'"):
        congvan.provinces("2025-02-30")


def test_names_are_nfc_with_nd30_tone_placement():
    import unicodedata

    for unit in registry().units:
        assert unicodedata.is_normalized("NFC", unit.name)
        assert normalize(unit.name) == unit.name
    assert congvan.find_province("Khánh Hòa", on=BEFORE).name == "Khánh Hòa"


def test_bundled_files_ship_with_the_package():
    import importlib.resources

    folder = importlib.resources.files("congvan.data").joinpath("units")
    for name in ("units.csv", "kind_changes.csv", "aliases.csv"):
        assert folder.joinpath(name).read_text("utf-8").startswith("#")


# --- the loader, on small synthetic tables ----------------------------------------------

HEADER = "code,name,kind,valid_from,valid_to,predecessors,verified,source\n"
CHANGES = "code,kind,effective,verified,source\n"


def test_a_kind_change_splits_the_period_in_one_line_of_data():
    reg = load_registry(
        HEADER + "22,Quảng Ninh,tỉnh,2008-08-01,,,yes,X\n",
        CHANGES + "22,thành phố,2026-01-01,yes,Y\n",
    )
    before, after = reg.units
    assert (before.kind, before.valid_to) == (UnitKind.PROVINCE, dt.date(2025, 12, 31))
    assert (after.kind, after.valid_from, after.source) == (UnitKind.CITY, dt.date(2026, 1, 1), "Y")
    assert after.predecessors == (before,)
    assert reg.successor_on(before, dt.date(2026, 6, 1)) == after
    assert after.committee == "Ủy ban nhân dân thành phố Quảng Ninh"


def test_a_kind_change_on_no_unit_is_rejected():
    with pytest.raises(ValueError, match="no unit 23 to split"):
        load_registry(
            HEADER + "22,Quảng Ninh,tỉnh,2008-08-01,,,yes,X\n",
            CHANGES + "23,thành phố,2026-01-01,yes,Y\n",
        )


def test_overlapping_periods_are_rejected():
    with pytest.raises(ValueError, match="overlaps"):
        load_registry(HEADER + "22,A,tỉnh,2008-08-01,,,yes,X\n22,B,tỉnh,2010-01-01,,,yes,X\n")


def test_unknown_predecessor_is_rejected():
    with pytest.raises(ValueError, match="predecessor 23 not in force on 2009-12-31"):
        load_registry(HEADER + "22,A,tỉnh,2008-08-01,2009-12-31,,yes,X\n" + "24,B,tỉnh,2010-01-01,,22 23,yes,X\n")


def test_a_split_is_rejected():
    rows = "22,A,tỉnh,2008-08-01,2009-12-31,,yes,X\n22,B,tỉnh,2010-01-01,,22,yes,X\n24,C,tỉnh,2010-01-01,,22,yes,X\n"
    with pytest.raises(ValueError, match="several successors"):
        load_registry(HEADER + rows)


def test_aliases_of_unknown_units_are_rejected():
    with pytest.raises(ValueError, match="aliases for unknown units"):
        load_registry(HEADER + "22,A,tỉnh,2008-08-01,,,yes,X\n", "", "name,alias,note\nB,b,x\n")
