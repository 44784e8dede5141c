"""The words and punctuation Phụ lục I fixes: signing authorities, Nơi nhận lines, the date's leading zeros."""

from __future__ import annotations

SIGNING_AUTHORITIES: dict[str, str] = {
    "TM.": "thay mặt: on behalf of a collective or of the body",
    "Q.": "quyền: acting head",
    "KT.": "ký thay: signing for the head",
    "TL.": "thừa lệnh: by order of the head",
    "TUQ.": "thừa ủy quyền: by authorisation of the head",
}
"""Phần I, II.7.b: the abbreviations written before the title of whoever the signer signs for."""

AS_ABOVE = "- Như trên;"
"""Phần I, II.9.b: the first recipient line of a công văn (and a Tờ trình, Báo cáo to a superior): the addressees."""

ARCHIVE = "Lưu"
"""Phần I, II.9.d: the last recipient line starts “- Lưu:”, then “VT”, a comma, the drafting unit, copies, “.”."""

ARCHIVE_OFFICE = "VT"
"""Phần I, II.9.d: văn thư, the office that keeps the archive copy."""

INTRODUCES = "trân trọng giới thiệu:"
"""Phụ lục III, Mẫu 1.8: the words after the introducer's name, on a centred line of their own."""

ENDING = "./."
"""The body's end in the models of Phụ lục III (Mẫu 1.5 for a công văn): “Trân trọng./.”."""


def written_day(day: int) -> str:
    """Phần I, II.4.b: a day below 10 gets a leading zero: ``written_day(5) == "05"``."""
    return f"{day:02d}"


def written_month(month: int) -> str:
    """Phần I, II.4.b: months 1 and 2 get a leading zero, no other: "01", "02", "3" … "12"."""
    return f"{month:02d}" if month <= 2 else str(month)
