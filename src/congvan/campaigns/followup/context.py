"""The context of each follow-up letter for ``templates/follow-up.docx``: what all share, then each province's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from congvan.campaigns.followup.loading import load_shared
from congvan.campaigns.followup.model import FollowUp, ProvinceStatus, fill_unit_names
from congvan.campaigns.followup.wording import wording
from congvan.citations import Citer, LegalReference, load_catalogue
from congvan.documents import date_line, header_context
from congvan.model import NumberSymbol, OfficialLetter
from congvan.model.addressees import strip_list_punctuation
from congvan.units import Province, provinces
from congvan.vietnamese import format_date, format_short_date


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
        "opening": wording().opening_for(cited_directive, directive.issuing_body.name),
        "regulation_basis": citer.cite("22/2016/TT-BTTTT"),
        "plan_deadline": format_date(follow_up.plan_deadline),
        "kpi_deadline": format_date(follow_up.kpi_deadline),
        "closing_paragraphs": list(follow_up.closing_paragraphs),
        "closing": follow_up.closing,
        "signature": {"lines": follow_up.signature.lines, "name": follow_up.signature.name or ""},
    }


def follow_up_context(
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
    follow_up, directive = load_shared(path, None)
    unit = provinces(follow_up.issued_on or follow_up.directive.issued_on)[0]
    status = ProvinceStatus(province=unit.name)
    return follow_up_context(shared_context(follow_up, directive), follow_up, unit, status, follow_up.number.number)
