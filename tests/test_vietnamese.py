"""Vietnamese text helpers: ND30 dates, NFC and tone placement, folding, collation, numbers."""

from __future__ import annotations

import datetime as dt
import locale
import os
import random
import subprocess
import sys
import unicodedata

import pytest

from congvan.vietnamese import fold, format_date, format_money, format_number, format_short_date, normalize, sort_key

# ------------------------------------------------------------------ dates

#: ND30: months 1 and 2 get a leading zero, no other month does.
MONTHS = {1: "01", 2: "02", 3: "3", 4: "4", 5: "5", 6: "6", 7: "7", 8: "8", 9: "9", 10: "10", 11: "11", 12: "12"}


@pytest.mark.parametrize("month", range(1, 13))
def test_format_date_pads_only_january_and_february(month: int) -> None:
    assert format_date(dt.date(2020, month, 5)) == f"ngày 05 tháng {MONTHS[month]} năm 2020"
    assert format_short_date(dt.date(2020, month, 5)) == f"05/{MONTHS[month]}/2020"


@pytest.mark.parametrize(
    ("value", "written", "short"),
    [
        (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020", "05/01/2020"),
        (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019", "29/6/2019"),
        (dt.date(2015, 9, 7), "ngày 07 tháng 9 năm 2015", "07/9/2015"),
        (dt.date(2012, 2, 14), "ngày 14 tháng 02 năm 2012", "14/02/2012"),
        (dt.date(2018, 11, 6), "ngày 06 tháng 11 năm 2018", "06/11/2018"),
        (dt.date(2016, 10, 19), "ngày 19 tháng 10 năm 2016", "19/10/2016"),
    ],
)
def test_nd30_examples(value: dt.date, written: str, short: str) -> None:
    assert format_date(value) == written
    assert format_short_date(value) == short


def test_draft_date_leaves_day_and_month_blank() -> None:
    draft = format_date(None, draft_year=2020)
    assert draft.startswith("ngày ") and " tháng " in draft and draft.endswith(" năm 2020")
    day = draft.removeprefix("ngày ").split(" tháng ")[0]
    month = draft.split(" tháng ")[1].split(" năm ")[0]
    for blank in (day, month):
        assert blank and not any(ch.isdigit() for ch in blank), draft
    no_year = format_date(None)
    assert not any(ch.isdigit() for ch in no_year)
    assert no_year.startswith("ngày ") and " tháng " in no_year and " năm " in no_year


# ------------------------------------------------------------------ normalisation


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("thuỷ lợi", "thủy lợi"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("sức khoẻ", "sức khỏe"),
        ("Thuỵ Anh", "Thụy Anh"),
        ("HOẢ TỐC", "HỎA TỐC"),
        # already right, or the tone belongs where it is
        ("quý", "quý"),
        ("Quý", "Quý"),
        ("hoàng", "hoàng"),
        ("Hoàng Vĩnh Bảo", "Hoàng Vĩnh Bảo"),
        ("quỳnh", "quỳnh"),
        ("khuyến", "khuyến"),
        ("toán", "toán"),
        ("Hòa", "Hòa"),
        ("Ủy", "Ủy"),
    ],
)
def test_normalize_tone_placement(written: str, expected: str) -> None:
    assert normalize(written) == expected
    assert normalize(unicodedata.normalize("NFD", written)) == expected
    assert unicodedata.is_normalized("NFC", normalize(written))


def test_normalize_nfd_to_nfc() -> None:
    text = "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert normalize(decomposed) == text


# ------------------------------------------------------------------ folding and collation


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thừa Thiên–Huế", "thua thien-hue"),
        ("Đà Nẵng", "da nang"),
        ("  Bà   Rịa - Vũng Tàu ", "ba ria - vung tau"),
        (unicodedata.normalize("NFD", "Đắk Lắk"), "dak lak"),
        ("ĐIỆN BIÊN", "dien bien"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


PROVINCES_IN_ORDER = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Cà Mau",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Điện Biên",
    "Đồng Nai",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Ninh Bình",
    "Phú Thọ",
    "Yên Bái",
]

#: The six tones in dictionary order: level, huyền, hỏi, ngã, sắc, nặng.
TONES_IN_ORDER = ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize("expected", [PROVINCES_IN_ORDER, TONES_IN_ORDER, ["d", "dz", "đ", "e"], ["o", "ô", "ơ", "p"]])
def test_sort_key_gives_vietnamese_order(expected: list[str]) -> None:
    for seed in range(5):
        shuffled = expected[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == expected


def test_sort_key_ignores_normalisation_form() -> None:
    for name in PROVINCES_IN_ORDER:
        assert sort_key(unicodedata.normalize("NFD", name))[:2] == sort_key(name)[:2]


# ------------------------------------------------------------------ numbers


def test_numbers_and_money() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234567.5) == "1.234.567,5"
    assert format_number(1500000, decimals=2) == "1.500.000,00"
    assert format_money(1500000) == "1.500.000 đồng"
    assert format_money(2000, unit="USD") == "2.000 USD"


def test_numbers_ignore_the_process_locale() -> None:
    saved = locale.setlocale(locale.LC_ALL)
    try:
        for name in ("C.UTF-8", "C.utf8", "en_US.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_ALL, name)
            except locale.Error:
                continue
            assert format_number(1234567) == "1.234.567"
            assert format_money(1500000) == "1.500.000 đồng"
    finally:
        locale.setlocale(locale.LC_ALL, saved)


def test_numbers_ignore_the_locale_environment() -> None:
    """babel takes its default from LANGUAGE/LC_ALL/LANG; congvan must never use it."""
    code = (
        "from congvan.vietnamese import format_number, format_money\n"
        "print(format_number(1234567.5)); print(format_money(1500000))"
    )
    env = {**os.environ, "LANGUAGE": "en_US", "LC_ALL": "C.UTF-8", "LC_NUMERIC": "en_US.UTF-8", "LANG": "en_US.UTF-8"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["1.234.567,5", "1.500.000 đồng"]
