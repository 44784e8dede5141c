"""Ô 7: signing authority, title and name (quyền hạn, chức vụ, họ tên người ký)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import model_validator

from congvan.model.base import Component, Text

Authority = Literal["TM.", "KT.", "TL.", "TUQ.", "Q."]

# One or more academic titles before the name, alone or chained: "TS. ", "ThS ",
# "PGS.TS. ", "GS.TSKH ", "PGS. TS. ", or written out ("Tiến sĩ ").
_ACADEMIC = re.compile(
    r"^(?:(?:PGS|GS|TSKH|TS|ThS|Th\.S|CN|KS|BS)(?:\.\s*|\s+)"
    r"|(?:Phó giáo sư|Giáo sư|Tiến sĩ|Thạc sĩ|Kỹ sư|Bác sĩ)\s+)+(?=\S)",
    re.IGNORECASE,
)


class Signature(Component):
    """Quyền hạn, chức vụ, họ tên người ký (Phụ lục I, mục II.7).

    "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Hoàng Vĩnh Bảo": ``authority`` "KT.",
    ``principal`` "Bộ trưởng", ``title`` "Thứ trưởng".
    """

    authority: Authority | None = None
    """Thẩm quyền ký: TM. (thay mặt), KT. (ký thay), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q. (quyền)."""
    principal: Text | None = None
    """Chức vụ của người đứng đầu (or the collective after TM.): "Bộ trưởng"."""
    title: Text | None = None
    """Chức vụ của người ký: "Thứ trưởng"; omitted when the head signs in person."""
    name: Text | None = None
    """Họ và tên người ký, without academic titles; blank in a draft."""

    @model_validator(mode="after")
    def _check_authority(self) -> Signature:
        if self.authority is not None and self.principal is None:
            raise ValueError(f"authority {self.authority!r} needs the principal it signs for, e.g. 'Bộ trưởng'")
        if self.authority is None and self.principal is not None:
            raise ValueError("a principal is given without an authority (TM., KT., TL., TUQ. or Q.)")
        if self.authority in ("KT.", "TL.", "TUQ.", "TM.") and self.title is None:
            raise ValueError(f"with {self.authority} the signer's own title is needed, e.g. 'Thứ trưởng'")
        if self.authority is None and self.title is None:
            raise ValueError("a signature needs the signer's title, e.g. 'Bộ trưởng'")
        if self.name and _ACADEMIC.match(self.name):
            raise ValueError(f"{self.name!r}: ND30 puts no academic title before the signer's name")
        return self

    @property
    def lines(self) -> list[str]:
        """The authority and title lines, in capitals: ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]."""
        lines: list[str] = []
        if self.authority:
            lines.append(f"{self.authority} {self.principal}".upper())
        if self.title:
            lines.append(self.title.upper())
        return lines
