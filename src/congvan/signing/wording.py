"""What ND30 prescribes in words: the roles of the signatures, their field names, the signing time's form.

Nghị định 30/2020/NĐ-CP, Điều 5.1: an electronic document has legal value when it carries the
digital signature of the competent person (người có thẩm quyền) and that of the organisation
(cơ quan, tổ chức). The roles below are those two, plus the organisation's signature on an
attachment in a separate file (Phụ lục I, mục II.8.b and mục III.1.d).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

#: Vietnam's time zone, UTC+07:00, in which ND30 shows signing times (Phụ lục I, mục II.8.b).
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


class Role(StrEnum):
    """Who signs, and so which signature field holds the signature."""

    SIGNER = "signer"
    """The competent person (người có thẩm quyền), box 7c: Điều 13.7, Phụ lục I mục II.7.d."""
    ORGANISATION = "organisation"
    """The issuing organisation, applied by the văn thư, box 8: Điều 17.2, 32.2.c–d, Phụ lục I mục II.8.a."""
    ATTACHMENT = "attachment"
    """The organisation, on an attachment in a separate file: Phụ lục I mục II.8.b and III.1.d."""


#: The signature field of each role. The names are the ND30 terms without diacritics,
#: so that any PDF viewer shows them; `verify` reads a signature's role from its field.
FIELD = {
    Role.SIGNER: "NguoiCoThamQuyen",
    Role.ORGANISATION: "CoQuanToChuc",
    Role.ATTACHMENT: "CoQuanToChucKemTheo",
}
ROLE_OF_FIELD = {name: role for role, name in FIELD.items()}

#: The text fields a draft leaves blank, filled by the văn thư at issue (Điều 15.3).
NUMBER_FIELD = "SoKyHieu"
DATE_FIELD = "NgayBanHanh"

#: Readable names (``/TU``), shown as tooltips.
READABLE = {
    FIELD[Role.SIGNER]: "Chữ ký số của người có thẩm quyền (ô số 7c)",
    FIELD[Role.ORGANISATION]: "Chữ ký số của cơ quan, tổ chức (ô số 8)",
    FIELD[Role.ATTACHMENT]: "Chữ ký số của cơ quan, tổ chức trên văn bản kèm theo",
    NUMBER_FIELD: "Số của văn bản (ô số 3)",
    DATE_FIELD: "Thời gian ban hành văn bản (ô số 4)",
}


def vietnam_time(moment: dt.datetime | None = None) -> dt.datetime:
    """``moment`` (default: now) in Vietnam time, to the second: ND30 shows "giờ phút giây"."""
    moment = dt.datetime.now(VIETNAM) if moment is None else moment
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone; give one, e.g. datetime(..., tzinfo=congvan.signing.VIETNAM)")
    return moment.astimezone(VIETNAM).replace(microsecond=0)


def iso8601(moment: dt.datetime) -> str:
    """The signing time as ND30 shows it: ISO 8601 with Vietnam's offset, "2020-03-05T14:30:00+07:00".

    Phụ lục I, mục II.8.b and III.1.d: "thời gian ký (ngày tháng năm; giờ phút giây; múi giờ Việt Nam
    theo tiêu chuẩn ISO 8601)"; Phụ lục III, Mẫu 2.2, note 6.

    >>> iso8601(dt.datetime(2020, 3, 5, 7, 30, 15, 500, tzinfo=dt.timezone.utc))
    '2020-03-05T14:30:15+07:00'
    """
    return vietnam_time(moment).isoformat()


def attachment_text(number_symbol: str, moment: dt.datetime) -> str:
    """The text of the organisation's signature on a separate attachment: "Số: 07/BTTTT-TTĐN; 2020-03-05T14:30:00+07:00".

    Phụ lục I, mục II.8.b and III.1.d: "Số và ký hiệu văn bản; thời gian ký …", laid out as the frame
    of Phụ lục III, Mẫu 2.2: "Số: …(5); ngày/tháng/năm; giờ: phút: giây (6)".

    >>> attachment_text("07/BTTTT-TTĐN", dt.datetime(2020, 3, 5, 14, 30, tzinfo=VIETNAM))
    'Số: 07/BTTTT-TTĐN; 2020-03-05T14:30:00+07:00'
    """
    return f"Số: {number_symbol}; {iso8601(moment)}"


#: The signature's reason (``/Reason``), which viewers show beside it.
REASON = {
    Role.SIGNER: "Chữ ký số của người có thẩm quyền (Nghị định 30/2020/NĐ-CP, Điều 13 khoản 7)",
    Role.ORGANISATION: "Chữ ký số của cơ quan, tổ chức (Nghị định 30/2020/NĐ-CP, Điều 17 khoản 2)",
    Role.ATTACHMENT: "Chữ ký số của cơ quan, tổ chức trên văn bản kèm theo (Nghị định 30/2020/NĐ-CP, Phụ lục I)",
}
