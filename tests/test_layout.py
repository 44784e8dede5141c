"""Header geometry: text widths from Times metrics and line breaks a văn thư would accept."""

from __future__ import annotations

import pytest

from congvan.layout import CELL_MARGIN, HEADER_LEFT, TEXT_WIDTH, fit_lines, text_width

LEFT_BLOCK = HEADER_LEFT - 2 * CELL_MARGIN


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("BỘ NỘI VỤ", ["BỘ NỘI VỤ"]),
        ("CỤC THÔNG TIN ĐỐI NGOẠI", ["CỤC THÔNG TIN ĐỐI NGOẠI"]),
        # never end a line with "VÀ": break before it
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", ["BỘ THÔNG TIN", "VÀ TRUYỀN THÔNG"]),
        ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", ["BỘ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"]),
        # after a comma rather than inside "THỂ THAO"
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", ["BỘ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"]),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
    ],
)
def test_body_names_break_at_natural_places(name: str, lines: list[str]) -> None:
    assert fit_lines(name, 13, LEFT_BLOCK, bold=True) == lines
    assert all(text_width(line, 13, bold=True) <= LEFT_BLOCK for line in lines)


def test_a_line_never_starts_or_ends_beside_a_dash() -> None:
    lines = fit_lines("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 13, LEFT_BLOCK, bold=True)
    assert all(not line.startswith("-") and not line.endswith("-") for line in lines)


def test_widths_follow_times_metrics() -> None:
    # Times-Bold: B 667 + Ộ (as O) 778 + space 250 + N 722 + Ộ 778 + I 389 + space 250 + V 722 + Ụ (as U) 722 = 5278
    assert text_width("BỘ NỘI VỤ", 10, bold=True) == round(5278 * 10 * 20 / 1000)
    assert text_width("đ", 14) == text_width("d", 14)  # diacritics do not change the advance
    assert text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) < TEXT_WIDTH - HEADER_LEFT


def test_a_long_single_addressee_breaks_after_its_comma() -> None:
    from congvan.documents import single_addressee

    assert single_addressee("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương") == (
        "Ủy ban nhân dân các tỉnh,\nthành phố trực thuộc Trung ương"
    )
    assert single_addressee("Bộ Nội vụ") == "Bộ Nội vụ"
