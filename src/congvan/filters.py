"""Jinja filters every template rendered through congvan has, with the Vietnamese locale fixed.

They take what tables hold: dates as `date` or text (``2026-12-10``, ``10/12/2026``, an
Excel serial number), numbers as numbers or text in Vietnamese notation (``1.500.000``).
A value a filter cannot read raises `FilterValueError` naming the filter and the value.

``{{ d|vn_date }}`` "ngày 07 tháng 9 năm 2015", ``{{ d|vn_short_date }}`` "07/9/2015",
``{{ d|vn_weekday }}`` "thứ Hai", ``{{ n|vn_number }}`` "1.234.567,5",
``{{ n|vn_money }}`` "1.500.000 đồng", ``{{ n|vn_amount_words }}`` "Một triệu năm trăm nghìn đồng".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from congvan.errors import FilterValueError
from congvan.vietnamese import (
    format_amount_words,
    format_date,
    format_money,
    format_number,
    format_short_date,
    format_weekday,
    parse_date,
    parse_number,
)


def _read(name: str, parse: Callable[[Any], Any], value: Any) -> Any:
    try:
        return parse(value)
    except ValueError as error:
        raise FilterValueError(f"{name} cannot read {value!r}: {error}", filter=name, value=value) from None


def vn_date(value: Any, *, draft_year: int | None = None) -> str:
    """ND30's written date; ``None`` gives the draft form with day and month left blank."""
    return format_date(None if value is None else _read("vn_date", parse_date, value), draft_year=draft_year)


def vn_short_date(value: Any) -> str:
    """The short date of citations: "07/9/2015"."""
    return format_short_date(_read("vn_short_date", parse_date, value))


def vn_weekday(value: Any) -> str:
    """The day of the week: "thứ Hai" … "Chủ nhật"."""
    return format_weekday(_read("vn_weekday", parse_date, value))


def vn_number(value: Any, decimals: int | None = None) -> str:
    """A number in Vietnamese notation: "1.234.567,5"."""
    return format_number(_read("vn_number", parse_number, value), decimals=decimals)


def vn_money(value: Any, unit: str = "đồng") -> str:
    """An amount of money: "1.500.000 đồng"."""
    return format_money(_read("vn_money", parse_number, value), unit=unit)


def vn_amount_words(value: Any, unit: str = "đồng") -> str:
    """An amount in words (số tiền bằng chữ): "Một triệu năm trăm nghìn đồng"."""
    return _read("vn_amount_words", lambda v: format_amount_words(v, unit=unit), value)


FILTERS: dict[str, Callable[..., Any]] = {
    "vn_date": vn_date,
    "vn_short_date": vn_short_date,
    "vn_weekday": vn_weekday,
    "vn_number": vn_number,
    "vn_money": vn_money,
    "vn_amount_words": vn_amount_words,
}

__all__ = ["FILTERS", *FILTERS]
