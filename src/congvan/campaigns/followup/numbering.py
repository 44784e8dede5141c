"""The follow-up letters as the register of outgoing documents records them (ND30 Điều 15, Phụ lục VI)."""

from __future__ import annotations

from collections.abc import Sequence

from congvan.campaigns.followup.model import FollowUp, fill_unit_names
from congvan.campaigns.followup.rows import Row
from congvan.errors import DataError, Problem
from congvan.register.entry import Outgoing
from congvan.register.issuing import (
    LETTER_KIND,
    archive_text,
    outgoing_of,
    signer_position,
    subject_line,
    unnumbered_problems,
)


def follow_up_drafts(
    follow_up: FollowUp, rows: Sequence[Row], *, numbering: str, start: int | None, source: str | None
) -> list[Outgoing]:
    """What the register records of each follow-up letter, in table order; `DataError` listing every problem.

    Date ``issued_on``, ký hiệu the follow-up's (``BTTTT-TTĐN``), "Công văn" and "V/v …",
    the signer, the recipients of the letter (the committee, then the copy-to lines), the
    archive line and the copies. The register gives the numbers: the data's own number,
    ``start`` and shared numbering are refused.
    """
    problems = unnumbered_problems(follow_up.issued_on, follow_up.number)
    if start is not None:
        problems.append(Problem("--start", "the register gives the numbers: leave --start out"))
    if numbering != "sequential":
        problems.append(Problem("--numbering", "the register gives each letter its own number: leave it out"))
    if problems:
        raise DataError(problems, source)
    assert follow_up.issued_on is not None
    signature, archive = follow_up.signature, follow_up.archive
    shared = {
        "date": follow_up.issued_on,
        "symbol": follow_up.number.symbol,
        "kind": LETTER_KIND,
        "subject": subject_line(LETTER_KIND, follow_up.subject),
        "signer": signature.name or "",
        "signer_position": signer_position(signature),
        "archive": archive_text(archive.units, archive.drafter),
        "copies": archive.copies,
    }
    names = {"date": "issued_on", "symbol": "number", "recipients": "province"}
    drafts = []
    for row in rows:
        recipients = [row.unit.committee, *(fill_unit_names(line, row.unit) for line in follow_up.copy_to)]
        draft, found = outgoing_of({**shared, "recipients": recipients}, f"row {row.number}", names)
        problems.extend(found)
        if draft is not None:
            drafts.append(draft)
    if problems:
        raise DataError(problems, source)
    return drafts
