"""Jinja filters every template rendered through congvan may use, with the Vietnamese locale fixed.

``{{ d|vn_date }}`` "ngày 07 tháng 9 năm 2015", ``{{ d|vn_short_date }}`` "07/9/2015",
``{{ n|vn_number }}`` "1.234.567,5", ``{{ n|vn_money }}`` "1.500.000 đồng".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from congvan.vietnamese import format_date, format_money, format_number, format_short_date

FILTERS: dict[str, Callable[..., Any]] = {
    "vn_date": format_date,
    "vn_short_date": format_short_date,
    "vn_number": format_number,
    "vn_money": format_money,
}
