"""A provincial unit: committee names (Phụ lục II), slug, immutability, Vietnamese order."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import congvan

BEFORE = dt.date(2020, 1, 1)
AFTER = dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("name", "on", "committee", "short"),
    [
        ("Thanh Hóa", BEFORE, "Ủy ban nhân dân tỉnh Thanh Hóa", "UBND tỉnh Thanh Hóa"),
        ("An Giang", AFTER, "Ủy ban nhân dân tỉnh An Giang", "UBND tỉnh An Giang"),
        ("Cần Thơ", BEFORE, "Ủy ban nhân dân thành phố Cần Thơ", "UBND TP. Cần Thơ"),
        ("Hồ Chí Minh", BEFORE, "Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND TP. Hồ Chí Minh"),
        ("Hồ Chí Minh", AFTER, "Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND TP. Hồ Chí Minh"),
        # Phụ lục II III.1.c capitalises "Thủ đô Hà Nội", a title; the unit is "thành phố Hà Nội".
        ("Hà Nội", BEFORE, "Ủy ban nhân dân thành phố Hà Nội", "UBND TP. Hà Nội"),
        ("Huế", AFTER, "Ủy ban nhân dân thành phố Huế", "UBND TP. Huế"),
        ("Thừa Thiên Huế", BEFORE, "Ủy ban nhân dân tỉnh Thừa Thiên Huế", "UBND tỉnh Thừa Thiên Huế"),
        ("Bà Rịa - Vũng Tàu", BEFORE, "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "UBND tỉnh Bà Rịa - Vũng Tàu"),
    ],
)
def test_committee_names_follow_phu_luc_ii(name, on, committee, short):
    unit = congvan.find_province(name, on=on)
    assert unit.committee == committee
    assert unit.committee_short == short


def test_capitalised_committee_names_as_in_the_seeds_table():
    an_giang = congvan.find_province("An Giang", on=BEFORE)
    assert an_giang.format_committee(short=True, capitalize=True) == "UBND Tỉnh An Giang"
    assert an_giang.format_committee(capitalize=True) == "Ủy ban nhân dân Tỉnh An Giang"
    can_tho = congvan.find_province("Cần Thơ", on=BEFORE)
    assert can_tho.format_committee(short=True, capitalize=True) == "UBND TP. Cần Thơ"


def test_designation_and_str():
    unit = congvan.find_province("Hải Phòng", on=AFTER)
    assert unit.designation == "thành phố Hải Phòng"
    assert str(congvan.find_province("HCM", on=AFTER)) == "Thành phố Hồ Chí Minh"
    assert unit.kind.title == "thành phố trực thuộc trung ương"
    assert congvan.UnitKind.PROVINCE.title == "tỉnh"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Hà Nội", "ha-noi"), ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"), ("Đắk Lắk", "dak-lak"),
     ("Thừa Thiên Huế", "thua-thien-hue"), ("Hồ Chí Minh", "ho-chi-minh")],
)  # fmt: skip
def test_slug_is_ascii_for_file_names(name, slug):
    assert congvan.find_province(name, on=BEFORE).slug == slug


def test_slugs_are_unique_and_ascii_on_each_date():
    for day in (BEFORE, AFTER):
        slugs = [u.slug for u in congvan.provinces(day)]
        assert len(set(slugs)) == len(slugs)
        assert all(s.isascii() and s == s.lower() and " " not in s for s in slugs)


def test_units_are_immutable_and_hashable():
    unit = congvan.find_province("Hà Nội", on=BEFORE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.name = "Hà Tây"  # type: ignore[misc]
    assert {unit: 1}[congvan.find_province("ha noi", on=BEFORE)] == 1


# Written out by hand in Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …),
# not computed with the code under test.
ORDER_2020 = """
An Giang, Bà Rịa - Vũng Tàu, Bạc Liêu, Bắc Giang, Bắc Kạn, Bắc Ninh, Bến Tre, Bình Dương,
Bình Định, Bình Phước, Bình Thuận, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, Đắk Nông,
Điện Biên, Đồng Nai, Đồng Tháp, Gia Lai, Hà Giang, Hà Nam, Hà Nội, Hà Tĩnh, Hải Dương,
Hải Phòng, Hậu Giang, Hòa Bình, Hồ Chí Minh, Hưng Yên, Khánh Hòa, Kiên Giang, Kon Tum,
Lai Châu, Lạng Sơn, Lào Cai, Lâm Đồng, Long An, Nam Định, Nghệ An, Ninh Bình, Ninh Thuận,
Phú Thọ, Phú Yên, Quảng Bình, Quảng Nam, Quảng Ngãi, Quảng Ninh, Quảng Trị, Sóc Trăng,
Sơn La, Tây Ninh, Thái Bình, Thái Nguyên, Thanh Hóa, Thừa Thiên Huế, Tiền Giang, Trà Vinh,
Tuyên Quang, Vĩnh Long, Vĩnh Phúc, Yên Bái
"""
ORDER_2025 = """
An Giang, Bắc Ninh, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, Điện Biên, Đồng Nai,
Đồng Tháp, Gia Lai, Hà Nội, Hà Tĩnh, Hải Phòng, Hồ Chí Minh, Huế, Hưng Yên, Khánh Hòa,
Lai Châu, Lạng Sơn, Lào Cai, Lâm Đồng, Nghệ An, Ninh Bình, Phú Thọ, Quảng Ngãi, Quảng Ninh,
Quảng Trị, Sơn La, Tây Ninh, Thái Nguyên, Thanh Hóa, Tuyên Quang, Vĩnh Long
"""


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.replace("\n", " ").split(",")]


@pytest.mark.parametrize(("on", "expected"), [(BEFORE, ORDER_2020), (AFTER, ORDER_2025)])
def test_provinces_are_in_vietnamese_alphabetical_order(on, expected):
    assert [u.name for u in congvan.provinces(on)] == _names(expected)


def test_order_differs_from_code_point_order():
    names = [u.name for u in congvan.provinces(BEFORE)]
    assert names != sorted(names)
    assert names.index("Bạc Liêu") < names.index("Bắc Giang") < names.index("Bắc Kạn")
    assert names.index("Yên Bái") == len(names) - 1


def test_public_names_are_exported_from_congvan():
    import congvan.units

    names = {"AmbiguousProvince", "Province", "ProvinceNotFound", "ProvinceNotInForce",
             "UnitKind", "UnitsDateError", "find_province", "provinces"}  # fmt: skip
    assert names <= set(congvan.__all__)
    assert congvan.units.__all__ == ["Province", "UnitKind", "find_province", "provinces"]
    assert congvan.Province is congvan.units.Province
