"""Every model of Phụ lục III as a type, one discriminated union on ``kind`` (`Document`).

Mẫu 1.1 `Resolution`, 1.2 and 1.3 `Decision` (with the `IssuedText` it issues and its own
rendering, `AttachedText`), 1.4 `NamedDocument`, 1.5 `OfficialLetter`, 1.6 `Telegram`,
1.7 `Invitation`, 1.8 `Introduction`, 1.9 `Minutes`, 1.10 `LeaveNote`, 2.1 `AnnexDocument`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import Discriminator, Field, Tag, model_validator

from congvan.model.addressees import Addressees
from congvan.model.agency import IssuingBody
from congvan.model.base import Component, Text
from congvan.model.common import AdministrativeDocument, Basis, field_error
from congvan.model.content import Article, Content
from congvan.model.document import OfficialLetter
from congvan.model.number import NumberSymbol
from congvan.nd30.models import ADDRESSED_KINDS, NAMED_KINDS
from congvan.vietnamese import normalize

_AS_ARTICLE = re.compile(r"^Như Điều (\d+)$")


class Resolution(AdministrativeDocument):
    """Nghị quyết (cá biệt), Mẫu 1.1: thẩm quyền, căn cứ, "QUYẾT NGHỊ:", then điều."""

    kind: Literal["nghị quyết"] = "nghị quyết"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Ô 5a: trích yếu nội dung nghị quyết, under "NGHỊ QUYẾT"."""
    authority: Text
    """Thẩm quyền ban hành: the collective that resolves ("HỘI ĐỒNG NHÂN DÂN TỈNH …"), in capitals."""
    bases: tuple[Basis, ...] = Field(min_length=1)
    """Căn cứ ban hành, one per line, in italics."""
    proposal: Text | None = None
    """"Xét đề nghị của …" (without the full stop)."""
    articles: tuple[Article, ...] = Field(min_length=1)
    """Điều 1 … n after "QUYẾT NGHỊ:"."""


class IssuedText(Component):
    """The quy chế or quy định a Quyết định issues (Mẫu 1.3): its name, subject and chương/điều."""

    kind: Literal["quy chế", "quy định"]
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Trích yếu: "Quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh …"."""
    content: Content
    """Chương, mục, điều; every điều has a title (Phần I, II.6.d)."""

    @model_validator(mode="after")
    def _titled(self) -> IssuedText:
        for number, (place, article) in enumerate(self.content.article_places(), start=1):
            if article.title is None:
                message = f"Điều {number} of the {self.kind} has no title: every điều of it needs one (Phần I, II.6.d)"
                raise field_error(("content", *place, "title"), message, article.text)
        return self


class Decision(AdministrativeDocument):
    """Quyết định (cá biệt): Mẫu 1.2, or 1.3 when it issues (ban hành kèm theo) a quy chế or quy định.

    "Nơi nhận" starts with "Như Điều N", N an article of the decision (the one naming who carries it out).
    """

    kind: Literal["quyết định"] = "quyết định"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Ô 5a: "Về việc …" (Mẫu 1.2) or "Ban hành Quy chế …" (Mẫu 1.3)."""
    authority: Text
    """Thẩm quyền ban hành: the head's title or the collective, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"."""
    bases: tuple[Basis, ...] = Field(min_length=1)
    """Căn cứ ban hành, one per line, in italics."""
    proposal: Text | None = None
    """"Theo đề nghị của …" (without the full stop)."""
    articles: tuple[Article, ...] = Field(min_length=1)
    """Điều 1 … n after "QUYẾT ĐỊNH:"."""
    issues: IssuedText | None = None
    """Mẫu 1.3: the text issued with the decision; Điều 1 then says "Ban hành kèm theo Quyết định này …"."""

    @model_validator(mode="after")
    def _check_decision(self) -> Decision:
        first = self.recipients.lines[0] if self.recipients.lines else ""
        match = _AS_ARTICLE.match(first)
        where = ("recipients", "lines", 0)
        if not match:
            raise field_error(
                where,
                f"the recipients of a quyết định start with “Như Điều N” (Mẫu 1.2), not {first!r}: "
                "name the article that says who carries it out, e.g. 'Như Điều 3'",
                first,
            )
        if not 1 <= int(match[1]) <= len(self.articles):
            raise field_error(where, f"“{first}”: the decision has Điều 1 to {len(self.articles)}", first)
        if self.issues is not None:
            opening = self.articles[0].text or ""
            if "kèm theo Quyết định này" not in opening:
                raise field_error(
                    ("articles", 0, "text"),
                    "Điều 1 of a decision that issues a text says so (Mẫu 1.3): "
                    f"“Ban hành kèm theo Quyết định này {self.issues.kind.capitalize()} …”",
                    opening,
                )
        return self

    @property
    def model_number(self) -> str:
        """ "1.3" when the decision issues a text, else "1.2"."""
        return "1.3" if self.issues is not None else "1.2"

    def issued_document(self) -> AttachedText:
        """The issued quy chế or quy định as a document of its own, with its "(Kèm theo Quyết định số …)" line."""
        if self.issues is None:
            raise ValueError("this quyết định issues no text (Mẫu 1.2)")
        return AttachedText(
            kind=self.issues.kind,
            issuing_body=self.issuing_body,
            decision_number=self.number,
            decision_date=self.issued_on,
            draft_year=self.draft_year,
            subject=self.issues.subject,
            content=self.issues.content,
            sample_fields=self.sample_fields,
        )


class AttachedText(Component):
    """A quy chế or quy định issued by a Quyết định, laid out on its own (the second page of Mẫu 1.3).

    No number and no date of its own: "(Kèm theo Quyết định số 12/QĐ-UBND ngày … của …)" under its title.
    """

    kind: Literal["quy chế", "quy định"]
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    issuing_body: IssuingBody
    """Ô 2: the body that issues the Quyết định, and so the text."""
    decision_number: NumberSymbol
    """Số, ký hiệu of the Quyết định that issues it."""
    decision_date: dt.date | None = None
    """Its date; None while the decision is a draft."""
    draft_year: int | None = Field(default=None, ge=1945, le=2100)
    """The year written in "(Kèm theo …)" while the decision is a draft."""
    subject: Text
    """Trích yếu, under the tên loại."""
    content: Content
    """Chương, mục, điều; every điều has a title."""
    sample_fields: tuple[str, ...] = ()
    """Fields whose values are samples, not facts of a real document."""

    @model_validator(mode="after")
    def _check(self) -> AttachedText:
        IssuedText(kind=self.kind, subject=self.subject, content=self.content)  # every điều titled
        if not self.decision_number.symbol.startswith("QĐ-"):
            raise ValueError(f"a {self.kind} is issued by a Quyết định: its symbol starts with 'QĐ-'")
        return self


class NamedDocument(AdministrativeDocument):
    """Văn bản có tên loại, Mẫu 1.4: kế hoạch, báo cáo, tờ trình, thông báo, hướng dẫn … under their name.

    "Kính gửi" (ô 9a) only for a tờ trình or báo cáo sent to a superior (Phần I, II.9.d).
    """

    kind: Literal[NAMED_KINDS]  # type: ignore[valid-type]
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Ô 5a: trích yếu nội dung, under the tên loại."""
    addressees: Addressees | None = None
    """Ô 9a: Kính gửi — only a tờ trình or báo cáo to a superior."""
    content: Content
    """Ô 6: nội dung văn bản."""

    @model_validator(mode="after")
    def _check_addressees(self) -> NamedDocument:
        if self.addressees is not None and self.kind not in ADDRESSED_KINDS:
            raise field_error(
                ("addressees",),
                f"a {self.kind} has no “Kính gửi” (Phần I, II.9.d gives it to a tờ trình or báo cáo "
                "sent to a superior, and to a công văn): list the bodies under recipients",
                self.addressees.items,
            )
        return self


class Telegram(AdministrativeDocument):
    """Công điện, Mẫu 1.6: "… điện:" then the bodies it is sent to, then its content."""

    kind: Literal["công điện"] = "công điện"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Ô 5a: trích yếu nội dung điện."""
    sender: Text
    """Who sends it: "Chủ tịch Ủy ban nhân dân tỉnh …", printed in capitals before "điện:"."""
    addressees: Addressees
    """Tên cơ quan, tổ chức nhận điện, "- …;" one per line."""
    content: Content
    """Nội dung điện."""


class Invitation(AdministrativeDocument):
    """Giấy mời, Mẫu 1.7: "… trân trọng kính mời: …", "Tới dự …", Chủ trì, Thời gian, Địa điểm."""

    kind: Literal["giấy mời"] = "giấy mời"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Ô 5a: trích yếu nội dung cuộc họp."""
    inviter: Text | None = None
    """Who invites; the issuing body's name when omitted."""
    invitees: Text
    """Tên cơ quan, tổ chức hoặc họ và tên, chức vụ, đơn vị công tác của người được mời."""
    event: Text
    """Tên (nội dung) của cuộc họp, hội thảo, hội nghị, after "Tới dự"."""
    chair: Text
    """Chủ trì."""
    time: Text
    """Thời gian: "08 giờ 00, thứ Năm, ngày 16 tháng 4 năm 2020"."""
    venue: Text
    """Địa điểm."""
    notes: tuple[Text, ...] = ()
    """Các vấn đề cần lưu ý; the last ends the body with "./."."""


class Introduction(AdministrativeDocument):
    """Giấy giới thiệu, Mẫu 1.8: no trích yếu; who is introduced, where, why, and until when."""

    kind: Literal["giấy giới thiệu"] = "giấy giới thiệu"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    introducer: Text | None = None
    """Who introduces; the issuing body's name when omitted."""
    person: Text
    """Ông (bà): họ và tên."""
    position: Text
    """Chức vụ (and đơn vị công tác)."""
    sent_to: Text
    """Được cử đến: the body visited."""
    purpose: Text
    """Về việc."""
    valid_until: dt.date
    """Giấy này có giá trị đến hết ngày …"""

    @model_validator(mode="after")
    def _valid_after_issue(self) -> Introduction:
        if self.issued_on is not None and self.valid_until < self.issued_on:
            message = f"valid_until {self.valid_until} is before the introduction is issued ({self.issued_on})"
            raise field_error(("valid_until",), message, str(self.valid_until))
        return self


class Minutes(AdministrativeDocument):
    """Biên bản, Mẫu 1.9: no place and date line; time, place, participants, content; signed by thư ký and chủ tọa.

    ``signature`` is the chair's (chủ tọa); ``secretary`` signs on the left.
    """

    kind: Literal["biên bản"] = "biên bản"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    subject: Text
    """Ô 5a: tên cuộc họp hoặc hội nghị, hội thảo."""
    started_at: Text
    """Thời gian bắt đầu: "14 giờ 00, ngày 20 tháng 02 năm 2020"."""
    venue: Text
    """Địa điểm."""
    participants: tuple[Text, ...] = Field(min_length=1)
    """Thành phần tham dự."""
    chair: Text
    """Chủ trì (chủ tọa): name and title."""
    secretary: Text
    """Thư ký (người ghi biên bản): name and title."""
    content: Content
    """Nội dung (theo diễn biến cuộc họp)."""
    ended_at: Text
    """"… giờ …, ngày … tháng … năm …" when the meeting ended."""
    secretary_name: Text | None = None
    """The secretary's name under "THƯ KÝ"; blank in a draft."""


class LeaveNote(AdministrativeDocument):
    """Giấy nghỉ phép, Mẫu 1.10: who may take leave, when and where, and the block for the confirmation."""

    kind: Literal["giấy nghỉ phép"] = "giấy nghỉ phép"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    requested_on: dt.date
    """The date of the Đơn đề nghị nghỉ phép."""
    grantor: Text | None = None
    """Who grants it; the issuing body's name when omitted."""
    person: Text
    """Ông (bà): họ và tên."""
    position: Text
    """Chức vụ (and đơn vị công tác)."""
    period: Text
    """Thời gian nghỉ: "05 ngày"."""
    starts_on: dt.date
    """Kể từ ngày: the first day of leave."""
    ends_on: dt.date
    """Đến hết ngày: the last day of leave."""
    place: Text
    """Nơi nghỉ phép."""
    counted_as: Text
    """What the leave counts as: "nghỉ hằng năm có hưởng lương"."""
    confirmation: bool = True
    """Whether the block "Xác nhận của cơ quan … nơi nghỉ phép" is printed."""

    @model_validator(mode="after")
    def _check_dates(self) -> LeaveNote:
        if self.ends_on < self.starts_on:
            message = f"ends_on {self.ends_on} is before starts_on {self.starts_on}"
            raise field_error(("ends_on",), message, str(self.ends_on))
        return self


class AnnexDocument(Component):
    """Phụ lục, Mẫu 2.1: an annex as a document of its own — "Phụ lục I", its title, "(Kèm theo …)", content."""

    kind: Literal["phụ lục"] = "phụ lục"
    """Tên loại văn bản, in lower case (any case and tone placement is accepted)."""
    label: str = Field(pattern=r"^[IVXLC]+$|^[0-9]{1,3}$")
    """Số thứ tự: "I", "II" or "1", "2"."""
    title: Text
    """Tiêu đề của Phụ lục, printed in capitals."""
    document_kind: Text
    """The tên loại of the document it goes with: "Kế hoạch", "Công văn"."""
    document_number: NumberSymbol
    """Số, ký hiệu of the document the annex goes with."""
    document_date: dt.date | None = None
    """Its date; None while it is a draft."""
    draft_year: int | None = Field(default=None, ge=1945, le=2100)
    """The year written in "(Kèm theo …)" while the document is a draft."""
    issuing_body: IssuingBody
    """Who issues the document the annex goes with, named after "của"."""
    content: Content
    """Nội dung của Phụ lục."""
    sample_fields: tuple[str, ...] = ()
    """Fields whose values are samples, not facts of a real document."""


#: Each class of the union, by the ``kind`` it lays out (the 1.4 kinds share `NamedDocument`).
KIND_CLASSES: dict[str, type[Component]] = {
    "công văn": OfficialLetter,
    "nghị quyết": Resolution,
    "quyết định": Decision,
    "quy chế": AttachedText,
    "quy định": AttachedText,
    **{kind: NamedDocument for kind in NAMED_KINDS},
    "công điện": Telegram,
    "giấy mời": Invitation,
    "giấy giới thiệu": Introduction,
    "biên bản": Minutes,
    "giấy nghỉ phép": LeaveNote,
    "phụ lục": AnnexDocument,
}


def kind_of(data: object) -> str | None:
    """The union's tag of ``data``: its ``kind`` in lower case, NFC, ND30's tone placement ("Kế Hoạch" → "kế hoạch").

    A kind of Mẫu 1.4 is tagged by its class; an unknown kind gets no tag, and pydantic names the ones allowed.
    """
    kind = data.get("kind", "công văn") if isinstance(data, dict) else getattr(data, "kind", None)
    if not isinstance(kind, str):
        return None
    cls = KIND_CLASSES.get(normal_kind(kind))
    return None if cls is None else cls.__name__


def normal_kind(kind: str) -> str:
    """``kind`` as the union spells it: lower case, NFC with ND30's tone placement, single spaces."""
    return " ".join(normalize(kind).split()).lower()


#: Every document of Phụ lục III, told apart by ``kind`` (`kind_of`).
Document = Annotated[
    Union[tuple(Annotated[cls, Tag(cls.__name__)] for cls in dict.fromkeys(KIND_CLASSES.values()))],  # noqa: UP007
    Discriminator(
        kind_of,
        custom_error_type="kind",
        custom_error_message=("unknown kind of document: write one of " + ", ".join(KIND_CLASSES)),
    ),
]

__all__ = [
    "AnnexDocument",
    "AttachedText",
    "Decision",
    "Document",
    "KIND_CLASSES",
    "Introduction",
    "Invitation",
    "IssuedText",
    "LeaveNote",
    "Minutes",
    "NamedDocument",
    "Resolution",
    "Telegram",
    "kind_of",
    "normal_kind",
]
