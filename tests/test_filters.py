"""The Vietnamese filters read what tables hold: dates and numbers as text, Excel serials, amounts in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from congvan.errors import CongvanError, FilterValueError
from congvan.filters import FILTERS
from congvan.vietnamese import format_amount_words, parse_date, parse_number

DEC_10 = dt.date(2026, 12, 10)


@pytest.mark.parametrize(
    "value",
    [
        DEC_10,
        dt.datetime(2026, 12, 10, 8, 30),
        "2026-12-10",
        "10/12/2026",
        "10-12-2026",
        "10.12.2026",
        " 10/12/2026 ",
        "ngày 10 tháng 12 năm 2026",
        46366,
        46366.0,
        "46366",
    ],
)
def test_dates_in_every_notation_a_table_holds(value: object) -> None:
    assert parse_date(value) == DEC_10
    assert FILTERS["vn_date"](value) == "ngày 10 tháng 12 năm 2026"
    assert FILTERS["vn_short_date"](value) == "10/12/2026"


def test_day_first_and_nd30_padding() -> None:
    assert parse_date("05/02/2020") == dt.date(2020, 2, 5)
    assert FILTERS["vn_date"]("5/2/2020") == "ngày 05 tháng 02 năm 2020"
    assert FILTERS["vn_date"](None, draft_year=2020).startswith("ngày …… tháng …… năm 2020")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31/02/2026", "day is out of range"),
        ("2026/12/10", "not a date"),
        ("10/12-2026", "not a date"),
        ("hôm nay", "not a date"),
        ("", "empty value"),
        (True, "not a date"),
        (12.5, "Excel date serial"),
        (10, "Excel date serial"),
    ],
)
def test_a_date_that_cannot_be_read_names_value_and_filter(value: object, reason: str) -> None:
    with pytest.raises(FilterValueError, match=reason) as caught:
        FILTERS["vn_date"](value)
    assert caught.value.filter == "vn_date" and caught.value.value == value
    assert "vn_date" in str(caught.value)
    assert isinstance(caught.value, CongvanError)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (1500000, "1500000"),
        ("1.500.000", "1500000"),
        ("1.500.000,5", "1500000.5"),
        ("1 500 000", "1500000"),
        ("1\u00a0500\u00a0000", "1500000"),
        ("1500000", "1500000"),
        ("1.500.000 đồng", "1500000"),
        ("1.500.000đ", "1500000"),
        ("-2,5", "-2.5"),
        (Decimal("12.25"), "12.25"),
        (2.5, "2.5"),
    ],
)
def test_numbers_in_vietnamese_notation(value: object, number: str) -> None:
    assert parse_number(value) == Decimal(number)


def test_money_and_numbers_are_written_the_vietnamese_way() -> None:
    assert FILTERS["vn_money"]("1.500.000") == "1.500.000 đồng"
    assert FILTERS["vn_money"]("1 500 000") == "1.500.000 đồng"
    assert FILTERS["vn_number"]("1.234.567,5") == "1.234.567,5"


@pytest.mark.parametrize("value", ["", "1.5", "1,500,000", "một triệu", "1..000", None, float("nan")])
def test_an_unreadable_number_is_refused_not_guessed(value: object) -> None:
    with pytest.raises(FilterValueError, match="vn_money"):
        FILTERS["vn_money"](value)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi bốn đồng"),
        (25, "Hai mươi lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (115_000, "Một trăm mười lăm nghìn đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (2_021_105, "Hai triệu không trăm hai mươi mốt nghìn một trăm linh năm đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (3_000_000_005, "Ba tỷ không trăm linh năm đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        ("1.500.000", "Một triệu năm trăm nghìn đồng"),
    ],
)
def test_amounts_in_words(amount: object, words: str) -> None:
    assert format_amount_words(amount) == words
    assert FILTERS["vn_amount_words"](amount) == words


@pytest.mark.parametrize("amount", [-1, "1,5", Decimal("2.5")])
def test_an_amount_in_words_is_whole_and_not_negative(amount: object) -> None:
    with pytest.raises(FilterValueError, match="vn_amount_words"):
        FILTERS["vn_amount_words"](amount)


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (dt.date(2026, 11, 30), "thứ Hai"),
        ("01/12/2026", "thứ Ba"),
        ("2026-12-05", "thứ Bảy"),
        ("06/12/2026", "Chủ nhật"),
    ],
)
def test_weekdays(day: object, weekday: str) -> None:
    assert FILTERS["vn_weekday"](day) == weekday


def test_a_located_error_names_its_row_and_column() -> None:
    with pytest.raises(FilterValueError) as caught:
        FILTERS["vn_money"]("abc")
    placed = caught.value.located("row 57, column tien")
    assert str(placed).startswith("row 57, column tien: vn_money cannot read 'abc'")
