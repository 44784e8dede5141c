"""Which model of Phụ lục III a rendered document follows, read from the document itself.

A reader tells the kind the way a clerk does: the tên loại ("QUYẾT ĐỊNH", "KẾ
HOẠCH" …), centred and bold right under the header table; "Phụ lục I" at the
very top of an annex that stands alone (Mẫu 2.1, no header); "V/v" in the
header of a công văn. What each kind has and has not (a trích yếu, căn cứ,
"Kính gửi", a place and date line, a signature, Nơi nhận) follows from the
kind, as the models print it (`Expectations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from congvan import nd30
from congvan.nd30.models import ADDRESSED_KINDS, model_of
from congvan.ooxml.reading import Paragraph
from congvan.vietnamese import fold

LETTER = "công văn"
ANNEX = "phụ lục"
_QUALIFIER = " (cá biệt)"

#: Folded tên loại → the kind as `congvan.model` spells it ("QUYẾT ĐỊNH" → "quyết định").
_KINDS: dict[str, str] = {
    fold(name.removesuffix(_QUALIFIER)): name.removesuffix(_QUALIFIER).lower() for name in nd30.DOCUMENT_KINDS
}
_ANNEX_TOP = re.compile(r"^" + re.escape(nd30.ANNEX_HEADING.text) + r"\s+([IVXLC]+|\d{1,3})$")
_ISSUES = "ban hanh kem theo quyet dinh nay"


@dataclass(frozen=True)
class Expectations:
    """What a kind's model prints, and so what the check requires of it."""

    national_title: bool = True
    number: bool = True
    date: bool = True
    subject: bool = True
    """A trích yếu under the tên loại (not in a giấy giới thiệu or giấy nghỉ phép)."""
    decides: str | None = None
    """ "QUYẾT ĐỊNH:" or "QUYẾT NGHỊ:", with thẩm quyền and căn cứ before it."""
    addressed: bool = False
    """ "Kính gửi" is allowed (ô 9a)."""
    signature: bool = True
    two_signatures: bool = False
    as_article: bool = False
    """Nơi nhận starts with "- Như Điều N;"."""


_DECIDES = {"quyết định": "QUYẾT ĐỊNH:", "nghị quyết": "QUYẾT NGHỊ:"}
_NO_SUBJECT = ("giấy giới thiệu", "giấy nghỉ phép")


@dataclass(frozen=True)
class Kind:
    """The kind of one document: its name, its model, and the paragraph that names it."""

    name: str | None
    """ "quyết định", "công văn", "phụ lục" …; None when nothing names it."""
    model: str | None = None
    """The Phụ lục III model ("1.3"), when the kind has one."""
    title: Paragraph | None = None
    """The tên loại (or "Phụ lục I") paragraph."""
    attached: bool = False
    """A quy chế or quy định issued by a Quyết định: "(Kèm theo Quyết định số …)" under its title."""

    @property
    def label(self) -> str | None:
        """ "quyết định (Mẫu 1.3)"."""
        if self.name is None:
            return None
        return f"{self.name} (Mẫu {self.model})" if self.model else self.name

    @property
    def expects(self) -> Expectations:
        name = self.name
        if name is None or name == LETTER:
            return Expectations(subject=False, addressed=True)
        if name == ANNEX:
            return Expectations(national_title=False, number=False, date=False, subject=False, signature=False)
        if self.attached:
            return Expectations(number=False, date=False, signature=False)
        return Expectations(
            date=name != "biên bản",
            subject=name not in _NO_SUBJECT,
            decides=_DECIDES.get(name),
            addressed=name in ADDRESSED_KINDS,
            two_signatures=name == "biên bản",
            as_article=name == "quyết định",
        )


def kind_name(text: str) -> str | None:
    """The kind a tên loại line names ("KẾ HOẠCH" → "kế hoạch"), or None."""
    return _KINDS.get(fold(" ".join(text.split())))


def _model(name: str, issues_document: bool) -> str | None:
    try:
        return model_of(name, issues_document=issues_document).number
    except KeyError:
        return None


def identify(top: list[Paragraph], header: list[Paragraph], everything: list[Paragraph]) -> Kind:
    """The kind of the document whose non-empty paragraphs outside tables are ``top``.

    ``header`` is the header table's paragraphs; ``everything`` every non-empty paragraph, in order.
    """
    if everything and everything[0].table is None and _ANNEX_TOP.match(everything[0].text.strip()):
        return Kind(ANNEX, _model(ANNEX, False), everything[0])
    if top:
        name = kind_name(top[0].text)
        if name is not None:
            following = top[1:4]
            attached = any(p.text.strip().startswith(nd30.ANNEX_ATTACHED.text) for p in following)
            issues = any(_ISSUES in fold(p.text) for p in top)
            return Kind(name, _model(name, issues), top[0], attached=attached and name in ("quy chế", "quy định"))
    if any(p.text.strip().startswith(nd30.SUBJECT.text) for p in header):
        return Kind(LETTER, _model(LETTER, False))
    return Kind(None)
