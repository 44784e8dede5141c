"""Time `congvan.find_province` on a mix of variant spellings (µs per lookup).

Run: ``python benchmarks/bench_units.py``. The first call builds the folded indexes; the
figure printed is for the calls after it.
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata

from congvan import find_province

QUERIES = [
    "Hà Nội",
    "UBND tỉnh Thanh Hoá",
    unicodedata.normalize("NFD", "Khánh Hòa"),
    "TP.HCM",
    "Ba Ria - Vung Tau",
    "Bà Rịa–Vũng Tàu",
    "Ủy ban nhân dân tỉnh Đắc Lắc",
    "bac can",
    "Thừa Thiên - Huế",
    "THÀNH PHỐ CẦN THƠ",
    "Vũng Tàu",
    "79",
]
ON = dt.date(2020, 1, 1)
ROUNDS = 2000


def main() -> None:
    start = time.perf_counter()
    find_province("Hà Nội", on=ON)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for query in QUERIES:
            find_province(query, on=ON)
    per_lookup = (time.perf_counter() - start) / (ROUNDS * len(QUERIES))
    print(f"find_province: first call {first * 1e3:.1f} ms (loads data, builds indexes)")
    print(f"find_province: {per_lookup * 1e6:.1f} µs per lookup ({len(QUERIES)} spellings × {ROUNDS})")


if __name__ == "__main__":
    main()
