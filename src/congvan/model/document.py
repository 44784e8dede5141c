"""The công văn as a whole (Mẫu 1.5 of Phụ lục III): every ND30 component in one model."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from congvan.model.addressees import Addressees
from congvan.model.agency import IssuingBody
from congvan.model.annex import Annex
from congvan.model.base import Component, Text
from congvan.model.body import Body
from congvan.model.number import NumberSymbol
from congvan.model.recipients import Recipients
from congvan.model.signature import Signature
from congvan.vietnamese import normalize

Urgency = Literal["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]
Secrecy = Literal["MẬT", "TỐI MẬT", "TUYỆT MẬT"]


class OfficialLetter(Component):
    """Công văn: an administrative letter without a type name (Mẫu 1.5, Phụ lục III)."""

    kind: Literal["công văn"] = "công văn"
    """Tên loại văn bản; a công văn prints none."""
    issuing_body: IssuingBody
    """Ô 2: tên cơ quan, tổ chức ban hành văn bản."""
    number: NumberSymbol
    """Ô 3: số, ký hiệu của văn bản."""
    issued_on: dt.date | None = None
    """Ô 4: ngày, tháng, năm ban hành; None in a draft (day and month left blank)."""
    draft_year: int | None = Field(default=None, ge=1945, le=2100)
    """The year printed in a draft's date line when ``issued_on`` is blank."""
    subject: Text
    """Ô 5b: trích yếu nội dung công văn, printed after "V/v"."""
    addressees: Addressees
    """Ô 9a: Kính gửi."""
    body: Body
    """Ô 6: nội dung văn bản."""
    signature: Signature
    """Ô 7a–7c: quyền hạn, chức vụ, họ tên người ký."""
    recipients: Recipients = Recipients()
    """Ô 9b: Nơi nhận, with the archive line (ô 12)."""
    annexes: tuple[Annex, ...] = ()
    """Phụ lục kèm theo, each on its own pages."""
    urgency: Urgency | None = None
    """Ô 10b: mức độ khẩn."""
    secrecy: Secrecy | None = None
    """Ô 10a: dấu chỉ độ mật."""
    citation_dates: Literal["short", "long"] = "short"
    """How citations write dates: "07/9/2015" (short, as the seed) or "ngày 07 tháng 9 năm 2015"."""
    sample_fields: tuple[str, ...] = ()
    """Fields whose values are samples, not facts of the real document (kept for honesty)."""

    @field_validator("kind", "urgency", "secrecy", mode="before")
    @classmethod
    def _normalise_marks(cls, value: object) -> object:
        # The Literal values are NFC with ND30's tone placement; accept NFD and "HOẢ TỐC" too.
        return " ".join(normalize(value).split()) if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _subject_without_vv(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("subject"), str):
            subject = data["subject"].strip()
            if subject[:3].casefold() == "v/v":
                data = {**data, "subject": subject[3:].strip()}
        return data

    @model_validator(mode="after")
    def _check_consistency(self) -> OfficialLetter:
        self.number.check_issuer(self.issuing_body.abbreviation)
        if self.issued_on is not None and self.draft_year is not None and self.issued_on.year != self.draft_year:
            raise ValueError(f"draft_year {self.draft_year} contradicts issued_on {self.issued_on}")
        return self

    @property
    def is_draft(self) -> bool:
        """A draft has no number or no date yet."""
        return self.number.number is None or self.issued_on is None

    @property
    def year(self) -> int | None:
        return self.issued_on.year if self.issued_on else self.draft_year


__all__ = ["OfficialLetter", "Secrecy", "Urgency"]
