"""Phụ lục III, mục I: the abbreviation (chữ viết tắt) of each kind of administrative document and copy.

Transcribed from "BẢNG CHỮ VIẾT TẮT TÊN LOẠI VĂN BẢN HÀNH CHÍNH VÀ BẢN SAO
VĂN BẢN" of Nghị định 30/2020/NĐ-CP, Phụ lục III, in its order. The kind
names are written with ND30's tone placement (`congvan.vietnamese.normalize`:
the table itself prints "Giấy uỷ quyền"). The abbreviation goes first in a
symbol ("Số: 15/QĐ-BNV"); a công văn has none ("Số: 05/BNV-VP", Phụ lục I,
Phần I, II.3.b).
"""

from __future__ import annotations

import functools

SOURCE = "Phụ lục III, mục I"

#: Kinds of administrative document (tên loại văn bản hành chính) → abbreviation, in the table's order.
DOCUMENT_KINDS: dict[str, str] = {
    "Nghị quyết (cá biệt)": "NQ",
    "Quyết định (cá biệt)": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}

#: Kinds of copy (bản sao văn bản) → abbreviation, the table's last rows.
COPY_KINDS: dict[str, str] = {
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}

_QUALIFIER = " (ca biet)"


@functools.cache
def _by_folded() -> dict[str, str]:
    from congvan.vietnamese import fold  # here, so that reading the facts does not load babel

    return {fold(kind): code for kind, code in {**DOCUMENT_KINDS, **COPY_KINDS}.items()}


def abbreviation(kind: str) -> str | None:
    """The abbreviation of ``kind`` ("Quyết định" → "QĐ"), or None for a công văn or a kind not in the table.

    The kind is matched without regard to case, tone placement or the
    table's "(cá biệt)": "quyết định", "Quyết định (cá biệt)" and
    "Giấy uỷ quyền" are all found.
    """
    from congvan.vietnamese import fold

    table = _by_folded()
    folded = fold(kind)
    return table.get(folded) or table.get(folded + _QUALIFIER)
