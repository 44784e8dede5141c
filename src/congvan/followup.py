"""Follow-up letters (công văn đôn đốc) to each province after the 2020 directive.

``FollowUp`` holds what every letter shares (issuing body, number and date,
subject, signer, the directive it follows up and the deadlines);
``ProvinceStatus`` is one row of the per-province table (plan received,
Quy chế issued, KPI report sent). ``follow_up_context`` makes the context of
one letter for ``templates/follow-up.docx``.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from congvan.citations import Citer, LegalReference, load_catalogue
from congvan.documents import date_line, header_context
from congvan.model import IssuingBody, NumberSymbol, OfficialLetter, Signature
from congvan.model.addressees import strip_list_punctuation
from congvan.model.base import Component, Text
from congvan.model.body import Closing
from congvan.model.recipients import Archive
from congvan.units import Province
from congvan.vietnamese import format_date, format_short_date

_TRUE = {"có", "co", "yes", "y", "true", "1", "x", "đã", "da", "rồi", "roi"}
_FALSE = {"không", "khong", "no", "n", "false", "0", "chưa", "chua", ""}


def _yes_no(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().casefold()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise ValueError(f"{value!r} is not yes or no: write có/không, yes/no, true/false, 1/0 or x")
    if value is None:
        return False
    return value


_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _date(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip():
            return None
        match = _DMY.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as error:
                raise ValueError(f"{value!r} is not a date: {error}") from None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


#: The names a line of a follow-up may hold, each of the recipient unit.
UNIT_NAMES = ("committee", "designation", "name", "code")


def _unit_fields(line: str) -> list[str]:
    """The ``{field}`` names of ``line``; only plain names of `UNIT_NAMES`, nothing to execute."""
    try:
        parsed = list(string.Formatter().parse(line))
    except ValueError as error:
        raise ValueError(f"{line!r}: {error}; write a literal brace as {{{{ or }}}}") from None
    fields = []
    for _text, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in UNIT_NAMES or spec or conversion:
            raise ValueError(
                f"{line!r}: {{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} is not "
                f"one of {', '.join('{' + n + '}' for n in UNIT_NAMES)}"
            )
        fields.append(field)
    return fields


def _unit_line(value: Any) -> Any:
    if isinstance(value, str):
        _unit_fields(value)
    return value


def fill_unit_names(line: str, unit: Province) -> str:
    """``line`` with ``{committee}``, ``{designation}``, ``{name}`` and ``{code}`` of ``unit`` filled in."""
    names = {"committee": unit.committee, "designation": unit.designation, "name": unit.name, "code": unit.code}
    return line.format_map({field: names[field] for field in _unit_fields(line)})


UnitLine = Annotated[Text, BeforeValidator(_unit_line)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
Day = Annotated[dt.date | None, BeforeValidator(_date)]


class ProvinceStatus(Component):
    """One province's row: what it has done of the directive's tasks (sample data in data/)."""

    province: Text
    """Tỉnh, thành phố: any spelling ``congvan.find_province`` understands."""
    plan_received: YesNo = False
    """Kế hoạch công tác thông tin đối ngoại năm 2020 đã nhận được."""
    plan_symbol: str | None = None
    """Số, ký hiệu of the plan received ("45/KH-UBND")."""
    plan_date: Day = None
    """Ngày ban hành of the plan received."""
    has_regulation: YesNo = False
    """Đã ban hành Quy chế quản lý hoạt động thông tin đối ngoại (task 1 of the directive)."""
    kpi_submitted: YesNo = False
    """Đã gửi báo cáo chỉ số (KPI) năm 2020 (task 7 of the directive)."""

    @model_validator(mode="before")
    @classmethod
    def _blank_cells_are_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip() and k != "province")}
        return data

    @model_validator(mode="after")
    def _plan_details(self) -> ProvinceStatus:
        if self.plan_received and (self.plan_symbol is None or self.plan_date is None):
            missing = [n for n in ("plan_symbol", "plan_date") if getattr(self, n) is None]
            raise ValueError(f"plan_received is yes, so {' and '.join(missing)} must be given")
        return self


class DirectiveReference(Component):
    """The directive being followed up, cited from its own data file with its number and date."""

    data: str
    """Path of the directive's YAML, relative to the follow-up's data file."""
    number: int = Field(ge=1)
    """Số of the directive as issued."""
    issued_on: dt.date
    """Ngày ban hành of the directive."""


class FollowUp(Component):
    """What every follow-up letter shares; the recipient and the paragraphs vary by province."""

    issuing_body: IssuingBody
    """Ô 2: tên cơ quan ban hành."""
    number: NumberSymbol
    """Ô 3: số, ký hiệu; the batch may number the letters one by one from a start value."""
    issued_on: dt.date | None = None
    """Ô 4: ngày ban hành."""
    subject: Text
    """Ô 5b: trích yếu, after "V/v"."""
    directive: DirectiveReference
    """The công văn followed up."""
    plan_deadline: dt.date
    """Hạn gửi Kế hoạch."""
    kpi_deadline: dt.date
    """Hạn gửi báo cáo KPI."""
    closing_paragraphs: tuple[Text, ...] = ()
    """Paragraphs before the closing formula."""
    closing: Closing = "Trân trọng./."
    """The closing formula, ending "./."."""
    signature: Signature
    """Ô 7: quyền hạn, chức vụ, họ tên người ký."""
    copy_to: tuple[UnitLine, ...] = ()
    """Nơi nhận after "Như trên", each line a pattern over the recipient's names:
    ``{committee}`` "Ủy ban nhân dân tỉnh Cao Bằng", ``{designation}`` "tỉnh Cao Bằng",
    ``{name}`` "Cao Bằng", ``{code}`` "04" (``"Sở Khoa học và Công nghệ {designation}"``)."""
    archive: Archive = Archive()
    """Lưu: the last line of Nơi nhận."""
    sample_fields: tuple[str, ...] = ()
    """Fields whose values are samples, not facts."""

    @model_validator(mode="after")
    def _check_consistency(self) -> FollowUp:
        self.number.check_issuer(self.issuing_body.abbreviation)
        if self.issued_on is not None and self.directive.issued_on >= self.issued_on:
            raise ValueError(
                f"the directive ({self.directive.issued_on}) must be issued before the follow-up ({self.issued_on})"
            )
        for name in ("plan_deadline", "kpi_deadline"):
            deadline = getattr(self, name)
            if self.issued_on is not None and deadline <= self.issued_on:
                raise ValueError(f"{name} {deadline} is not after the letter's date {self.issued_on}")
        return self


def directive_citation(follow_up: FollowUp, directive: OfficialLetter) -> LegalReference:
    """The directive as a legal reference: "Công văn số 4321/BTTTT-TTĐN ngày 20/12/2019 của …"."""
    return LegalReference(
        kind="Công văn",
        symbol=f"{follow_up.directive.number:02d}/{directive.number.symbol}",
        issued_on=follow_up.directive.issued_on,
        issuer=directive.issuing_body.name,
        subject=f"về việc {directive.subject}",
    )


def shared_context(follow_up: FollowUp, directive: OfficialLetter) -> dict[str, Any]:
    """The part of the context every letter has in common (computed once per batch)."""
    citer = Citer(load_catalogue())
    cited_directive = citer.cite(directive_citation(follow_up, directive))
    return {
        "header": header_context(follow_up.issuing_body),
        "date_line": date_line(follow_up.issuing_body.place, follow_up.issued_on),
        "date_blank": follow_up.issued_on is None,  # ô 4 left for the văn thư (Điều 15.3): a text field
        "subject_line": f"V/v {follow_up.subject}",
        "marks": [],
        "addressee_lines": [],
        "opening": (
            f"Theo {cited_directive}, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương xây dựng "
            f"Kế hoạch công tác thông tin đối ngoại năm 2020 và gửi về {directive.issuing_body.name}."
        ),
        "regulation_basis": citer.cite("22/2016/TT-BTTTT"),
        "plan_deadline": format_date(follow_up.plan_deadline),
        "kpi_deadline": format_date(follow_up.kpi_deadline),
        "closing_paragraphs": list(follow_up.closing_paragraphs),
        "closing": follow_up.closing,
        "signature": {"lines": follow_up.signature.lines, "name": follow_up.signature.name or ""},
    }


def letter_context(
    shared: dict[str, Any], follow_up: FollowUp, unit: Province, status: ProvinceStatus, number: int | None
) -> dict[str, Any]:
    """The context of one letter: the shared part plus the province's own."""
    symbol = NumberSymbol(number=number, symbol=follow_up.number.symbol)
    copy_to = [fill_unit_names(line, unit) for line in follow_up.copy_to]
    lines = ["Như trên", *(strip_list_punctuation(line) for line in copy_to)]
    return {
        **shared,
        "number_line": symbol.line,
        "number_blank": number is None,
        "addressee_single": unit.committee,
        "committee": unit.committee,
        "designation": unit.designation,
        "status": {
            "plan_received": status.plan_received,
            "plan_symbol": status.plan_symbol or "",
            "plan_date": format_short_date(status.plan_date) if status.plan_date else "",
            "has_regulation": status.has_regulation,
            "kpi_submitted": status.kpi_submitted,
        },
        "recipients": [f"- {line};" for line in lines] + [follow_up.archive.line],
    }


def sample_context(path: str | Path) -> dict[str, Any]:
    """The context of one follow-up letter from the shared data at ``path``, for the first province
    in force on its date with nothing done yet: what a template maintainer checks a template against."""
    from congvan.batch.run import load_shared
    from congvan.units import provinces

    follow_up, directive = load_shared(path, None)
    unit = provinces(follow_up.issued_on or follow_up.directive.issued_on)[0]
    status = ProvinceStatus(province=unit.name)
    return letter_context(shared_context(follow_up, directive), follow_up, unit, status, follow_up.number.number)
