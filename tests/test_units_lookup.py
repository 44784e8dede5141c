"""find_province: the spellings users paste, and each error with its message."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

import congvan
from congvan import AmbiguousProvince, ProvinceNotFound, ProvinceNotInForce

BEFORE = dt.date(2020, 1, 1)
AFTER = dt.date(2025, 7, 1)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


VARIANTS_2020 = [
    # (what the user pastes, code, name)
    ("Thanh Hóa", "38", "Thanh Hóa"),
    ("Thanh Hoá", "38", "Thanh Hóa"),
    (nfd("Thanh Hóa"), "38", "Thanh Hóa"),
    (nfd("Thanh Hoá"), "38", "Thanh Hóa"),
    ("THANH HÓA", "38", "Thanh Hóa"),
    ("thanh hoa", "38", "Thanh Hóa"),
    ("  Thanh   Hóa ", "38", "Thanh Hóa"),
    ("tỉnh Thanh Hóa", "38", "Thanh Hóa"),
    ("Tỉnh Thanh Hoá", "38", "Thanh Hóa"),
    ("UBND tỉnh Thanh Hóa", "38", "Thanh Hóa"),
    ("UBND Tỉnh Thanh Hóa", "38", "Thanh Hóa"),
    ("Ủy ban nhân dân tỉnh Thanh Hóa", "38", "Thanh Hóa"),
    ("Uỷ ban nhân dân tỉnh Thanh Hoá", "38", "Thanh Hóa"),
    ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "38", "Thanh Hóa"),
    ("Hòa Bình", "17", "Hòa Bình"),
    ("Hoà Bình", "17", "Hòa Bình"),
    ("Khánh Hoà", "56", "Khánh Hòa"),
    ("Bà Rịa - Vũng Tàu", "77", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa–Vũng Tàu", "77", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa – Vũng Tàu", "77", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa-Vũng Tàu", "77", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa Vũng Tàu", "77", "Bà Rịa - Vũng Tàu"),
    ("Ba Ria Vung Tau", "77", "Bà Rịa - Vũng Tàu"),
    ("BR-VT", "77", "Bà Rịa - Vũng Tàu"),
    ("Vũng Tàu", "77", "Bà Rịa - Vũng Tàu"),
    ("TP.HCM", "79", "Hồ Chí Minh"),
    ("TP. HCM", "79", "Hồ Chí Minh"),
    ("TPHCM", "79", "Hồ Chí Minh"),
    ("HCM", "79", "Hồ Chí Minh"),
    ("tp hcm", "79", "Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "79", "Hồ Chí Minh"),
    ("UBND TP. Hồ Chí Minh", "79", "Hồ Chí Minh"),
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "79", "Hồ Chí Minh"),
    ("Ho Chi Minh City", "79", "Hồ Chí Minh"),
    ("Thủ đô Hà Nội", "01", "Hà Nội"),
    ("TP Hà Nội", "01", "Hà Nội"),
    ("Hanoi", "01", "Hà Nội"),
    ("UBND TP Cần Thơ", "92", "Cần Thơ"),
    ("thanh pho can tho", "92", "Cần Thơ"),
    ("Thành phố trực thuộc trung ương Cần Thơ", "92", "Cần Thơ"),
    ("Đắk Lắk", "66", "Đắk Lắk"),
    ("Đắc Lắc", "66", "Đắk Lắk"),
    ("Đăk Lăk", "66", "Đắk Lắk"),
    ("Dak Lak", "66", "Đắk Lắk"),
    ("DakLak", "66", "Đắk Lắk"),
    ("Đắc Nông", "67", "Đắk Nông"),
    ("Bắc Cạn", "06", "Bắc Kạn"),
    ("bac kan", "06", "Bắc Kạn"),
    ("Thừa Thiên Huế", "46", "Thừa Thiên Huế"),
    ("Thừa Thiên - Huế", "46", "Thừa Thiên Huế"),
    ("Thừa Thiên–Huế", "46", "Thừa Thiên Huế"),
    ("TT-Huế", "46", "Thừa Thiên Huế"),
    ("Huế", "46", "Thừa Thiên Huế"),
    ("Kontum", "62", "Kon Tum"),
    ("Đà Nẵng", "48", "Đà Nẵng"),
    ("da nang", "48", "Đà Nẵng"),
    ("DA NANG", "48", "Đà Nẵng"),
    ("Bạc Liêu", "95", "Bạc Liêu"),
    ("Bắc Giang", "24", "Bắc Giang"),
    ("Bắc Ninh", "27", "Bắc Ninh"),
    ("79", "79", "Hồ Chí Minh"),
    ("1", "01", "Hà Nội"),
]

VARIANTS_2025 = [
    ("Huế", "46", "Huế"),
    ("Thành phố Huế", "46", "Huế"),
    ("thanh pho hue", "46", "Huế"),
    ("Bắc Ninh", "24", "Bắc Ninh"),
    ("24", "24", "Bắc Ninh"),
    ("TP.HCM", "79", "Hồ Chí Minh"),
    ("UBND TP. Hải Phòng", "31", "Hải Phòng"),
    ("Đắc Lắc", "66", "Đắk Lắk"),
    ("Ủy ban nhân dân tỉnh Khánh Hoà", "56", "Khánh Hòa"),
    (nfd("Lâm Đồng"), "68", "Lâm Đồng"),
]


@pytest.mark.parametrize(("text", "code", "name"), VARIANTS_2020)
def test_variant_spellings_on_2020_01_01(text, code, name):
    unit = congvan.find_province(text, on=BEFORE)
    assert (unit.code, unit.name) == (code, name)


@pytest.mark.parametrize(("text", "code", "name"), VARIANTS_2025)
def test_variant_spellings_on_2025_07_01(text, code, name):
    unit = congvan.find_province(text, on=AFTER)
    assert (unit.code, unit.name) == (code, name)
    assert unit.in_force(AFTER)


def test_every_unit_is_found_by_its_committee_names_and_its_folded_name():
    for day in (BEFORE, AFTER):
        for unit in congvan.provinces(day):
            for text in (unit.name, unit.committee, unit.committee_short, unit.slug, nfd(unit.name)):
                assert congvan.find_province(text, on=day) is unit, text


def test_same_name_gives_the_unit_in_force_on_the_date():
    old = congvan.find_province("Hải Phòng", on=BEFORE)
    new = congvan.find_province("Hải Phòng", on=AFTER)
    assert old != new
    assert old in new.predecessors
    assert old.valid_to == dt.date(2025, 6, 30) and new.valid_from == AFTER


def test_default_date_is_today():
    assert congvan.find_province("Hà Nội") is congvan.find_province("Hà Nội", on=dt.date.today())


# --- errors ---------------------------------------------------------------------------


def test_error_classes_belong_to_the_library_root_and_to_lookup_error():
    for cls in (ProvinceNotFound, ProvinceNotInForce, AmbiguousProvince):
        assert issubclass(cls, congvan.CongvanError)
        assert issubclass(cls, LookupError)
    assert issubclass(ProvinceNotInForce, ProvinceNotFound)
    assert issubclass(congvan.UnitsDateError, ValueError)


def test_merged_unit_names_its_successor():
    with pytest.raises(ProvinceNotInForce) as caught:
        congvan.find_province("Hải Dương", on=AFTER)
    error = caught.value
    assert str(error) == (
        "'Hải Dương' is not a provincial unit on 2025-07-01: tỉnh Hải Dương was in force "
        "until 2025-06-30 and is now part of thành phố Hải Phòng"
    )
    assert error.unit.code == "30"
    assert error.successor is congvan.find_province("Hải Phòng", on=AFTER)
    assert (error.query, error.on) == ("Hải Dương", AFTER)


def test_merged_unit_by_variant_spelling_names_its_successor():
    with pytest.raises(ProvinceNotInForce, match="now part of Thành phố Hồ Chí Minh"):
        congvan.find_province("ba ria vung tau", on=AFTER)
    with pytest.raises(ProvinceNotInForce, match="tỉnh Bắc Giang .* now part of tỉnh Bắc Ninh"):
        congvan.find_province("UBND tỉnh Bắc Giang", on=AFTER)


def test_renamed_unit_names_its_successor():
    with pytest.raises(ProvinceNotInForce) as caught:
        congvan.find_province("Thừa Thiên - Huế", on=AFTER)
    assert str(caught.value).endswith("tỉnh Thừa Thiên Huế was in force until 2024-12-31 and is now thành phố Huế")


def test_old_code_names_its_successor():
    with pytest.raises(ProvinceNotInForce, match="tỉnh Hà Giang .* now part of tỉnh Tuyên Quang"):
        congvan.find_province("02", on=AFTER)


def test_unit_not_yet_in_force(monkeypatch):
    from congvan.units import lookup
    from congvan.units.data import load_registry

    reg = load_registry(
        "code,name,kind,valid_from,valid_to,predecessors,verified,source\n"
        "22,Quảng Ninh,tỉnh,2008-08-01,,,yes,X\n"
        "23,Hạ Long,thành phố,2030-01-01,,,no,Y\n"
    )
    monkeypatch.setattr(lookup, "registry", lambda: reg)
    with pytest.raises(ProvinceNotInForce) as caught:
        congvan.find_province("Ha Long", on=AFTER)
    assert str(caught.value) == (
        "'Ha Long' is not a provincial unit on 2025-07-01: thành phố Hạ Long is in force from 2030-01-01"
    )
    assert caught.value.successor is None


def test_the_short_name_hue_means_the_province_before_2025():
    assert congvan.find_province("thành phố Huế", on=BEFORE).name == "Thừa Thiên Huế"
    assert congvan.find_province("Huế", on=dt.date(2025, 1, 1)).name == "Huế"


def test_not_found_with_suggestions():
    with pytest.raises(ProvinceNotFound) as caught:
        congvan.find_province("Ha Noii", on=AFTER)
    assert str(caught.value) == "no provincial unit named 'Ha Noii' on 2025-07-01; did you mean: Hà Nội?"
    assert [u.name for u in caught.value.suggestions] == ["Hà Nội"]
    assert not isinstance(caught.value, ProvinceNotInForce)


def test_not_found_gives_at_most_three_suggestions():
    with pytest.raises(ProvinceNotFound) as caught:
        congvan.find_province("Quang Nguyen", on=BEFORE)
    assert 1 <= len(caught.value.suggestions) <= 3
    assert str(caught.value).startswith("no provincial unit named 'Quang Nguyen' on 2020-01-01; did you mean: ")


def test_not_found_without_suggestions():
    with pytest.raises(ProvinceNotFound) as caught:
        congvan.find_province("xyz", on=BEFORE)
    assert str(caught.value) == "no provincial unit named 'xyz' on 2020-01-01"
    assert caught.value.suggestions == ()


def test_sai_gon_is_not_an_alias():
    with pytest.raises(ProvinceNotFound, match="no provincial unit named 'Sài Gòn'"):
        congvan.find_province("Sài Gòn", on=AFTER)


def test_empty_text():
    with pytest.raises(ProvinceNotFound, match="no provincial unit name in ' - '"):
        congvan.find_province(" - ", on=AFTER)


def test_part_of_a_name_that_only_former_units_bore():
    with pytest.raises(ProvinceNotFound) as caught:
        congvan.find_province("Dương", on=AFTER)
    assert str(caught.value) == (
        "no provincial unit named 'Dương' on 2025-07-01; former units: "
        "Bình Dương (now in Thành phố Hồ Chí Minh); Hải Dương (now in thành phố Hải Phòng)"
    )
    assert [u.name for u in caught.value.suggestions] == ["Hồ Chí Minh", "Hải Phòng"]


def test_ambiguous_part_of_a_name():
    with pytest.raises(AmbiguousProvince) as caught:
        congvan.find_province("Ha", on=BEFORE)
    assert str(caught.value) == (
        "'Ha' is ambiguous on 2020-01-01: it matches Hà Giang, Hà Nam, Hà Nội, Hà Tĩnh; give the full name"
    )
    assert [u.code for u in caught.value.candidates] == ["02", "35", "01", "42"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Folded, "Quảng" is "quang", which Tuyên Quang holds too.
        ("Quảng", ["Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Tuyên Quang"]),
        ("Tho", ["Cần Thơ", "Phú Thọ"]),
        ("Long", ["Long An", "Vĩnh Long"]),
        ("DAK", ["Đắk Lắk", "Đắk Nông"]),
    ],
)
def test_ambiguous_folded_parts(text, names):
    with pytest.raises(AmbiguousProvince) as caught:
        congvan.find_province(text, on=BEFORE)
    assert [u.name for u in caught.value.candidates] == names


def test_ambiguous_part_that_former_units_also_bore():
    with pytest.raises(AmbiguousProvince) as caught:
        congvan.find_province("Giang", on=AFTER)
    assert str(caught.value) == (
        "'Giang' is ambiguous on 2025-07-01: it matches An Giang and the former Bắc Giang, "
        "Hà Giang, Hậu Giang, Kiên Giang, Tiền Giang; give the full name"
    )


@pytest.mark.parametrize(
    ("text", "on", "count"),
    [("tỉnh", BEFORE, 58), ("Thành phố", BEFORE, 5), ("TP.", AFTER, 6), ("UBND", AFTER, 34),
     ("Ủy ban nhân dân tỉnh", AFTER, 28)],
)  # fmt: skip
def test_a_bare_prefix_is_ambiguous(text, on, count):
    with pytest.raises(AmbiguousProvince) as caught:
        congvan.find_province(text, on=on)
    assert len(caught.value.candidates) == count


def test_a_long_candidate_list_is_shortened_in_the_message():
    with pytest.raises(AmbiguousProvince) as caught:
        congvan.find_province("tỉnh", on=AFTER)
    assert str(caught.value).startswith(
        "'tỉnh' is ambiguous on 2025-07-01: it matches An Giang, Bắc Ninh, Cà Mau, Cao Bằng,"
    )
    assert "… (28 in all); give the full name" in str(caught.value)


def test_date_before_the_data():
    with pytest.raises(congvan.UnitsDateError, match="no provincial units data before 2008-08-01"):
        congvan.find_province("Hà Tây", on=dt.date(2000, 1, 1))


def test_every_committee_in_the_seeds_annex_resolves_to_a_distinct_2020_unit(reference):
    seed = next((reference / "seed").glob("*.txt")).read_text("utf-8")
    names = [line.strip() for line in seed.splitlines() if line.strip().startswith("UBND ")]
    units = [congvan.find_province(name, on=BEFORE) for name in names]
    assert len(names) == 63
    assert set(units) == set(congvan.provinces(BEFORE))
    # The seed's own style ("UBND Tỉnh An Giang", "UBND TP. Hà Nội"), except two "TP" without dot.
    differing = {
        name for name, unit in zip(names, units, strict=True)
        if unit.format_committee(short=True, capitalize=True) != name
    }  # fmt: skip
    assert differing == {"UBND TP Cần Thơ", "UBND TP Đà Nẵng"}
