"""Rendering that draws its numbers from the register: ``render``, ``batch`` and ``merge`` with ``--register``.

The numbers of a batch are taken in one transaction together with committing its output
folder (ND30 Điều 15.1: numbers follow the order of issue, unique within the year):

1. Every row becomes the `Outgoing` a clerk writes in the register (`merge_drafts` here; a
   campaign's and a single letter's beside their models: `congvan.campaigns.followup.numbering`,
   `congvan.documents.numbered`) and is checked, with the rest of the batch, before the
   register is touched; the numbers it would get are read (`RegisterNumbers`), for the
   file names and a dry run.
2. The caller opens the output's staging folder (`files.staged_folder`), then the register's
   transaction inside it (`RegisterNumbers.taken`, `Register.issue_batch`): the numbers are held,
   the documents are rendered with them into the staging folder and each file and its
   SHA-256 attached (`RegisterNumbers.attach`).
3. When the block ends the numbers commit, then the folder is put in place. A batch that
   fails, is interrupted or killed (SIGKILL) gives back every number; a crash between the
   two commits leaves numbers without the folder, and a rerun with the same run id gets
   the same numbers (taking none) and writes the folder.

Numbers follow table order within each year; the year is the letter's date's (``issued_on``),
never the clock's.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError

from congvan.errors import DataError, Problem
from congvan.loading import problems_from
from congvan.model import NumberSymbol
from congvan.register.books import DEFAULT_NAME
from congvan.register.entry import Outgoing, format_number
from congvan.register.facade import Batch, Register
from congvan.vietnamese import fold, parse_date

#: A register as the callers give it: an open `Register`, an SQLite path or a ``postgresql://`` URL.
RegisterSource = Register | str | os.PathLike[str]

DATE_NEEDED = "a number from the register needs the letter's date: issued_on"
#: The kind a công văn is registered under (column 3); its trích yếu is written "V/v …" (Phụ lục I, II.5.b).
LETTER_KIND = "Công văn"
#: What a merge's row (with the shared data) must give for a number, and may give.
MERGE_REQUIRED = ("issued_on", "symbol", "subject")
MERGE_OPTIONAL = ("kind", "signer", "recipient")
#: The names the register gives a merge's template.
MERGE_GIVEN = ("number", "number_symbol")
_NONE: list[Problem] = []


@contextmanager
def opened(register: RegisterSource) -> Iterator[Register]:
    """``register`` itself when open (left open), else the register at that path or URL (closed at the end)."""
    if isinstance(register, Register):
        yield register
        return
    with Register(register) as found:
        yield found


@functools.lru_cache(maxsize=256)
def subject_line(kind: str, subject: str) -> str:
    """Trích yếu as column 3 holds it: a công văn's after "V/v" (ND30 Phụ lục I, II.5.b), others as given.

    >>> subject_line("Công văn", "đôn đốc"), subject_line("Công văn", "V/v họp"), subject_line("Quyết định", "Ban hành")
    ('V/v đôn đốc', 'V/v họp', 'Ban hành')
    """
    text = subject.strip()
    if kind.casefold() == LETTER_KIND.casefold() and text[:3].casefold() != "v/v":
        return f"V/v {text}"
    return text


def outgoing_of(fields: dict[str, Any], where: str, names: Mapping[str, str]) -> tuple[Outgoing | None, list[Problem]]:
    """``fields`` as an `Outgoing`, or the problems, each at ``where`` and the data's own name of the field."""
    try:
        return Outgoing.model_validate(fields), _NONE
    except ValidationError as error:
        problems = []
        for problem in problems_from(error):
            field = names.get(problem.location, problem.location)
            location = f"{where}, column {field}" if where and field else (where or field)
            problems.append(Problem(location, f"{problem.message} (for the register)"))
        return None, problems


def unnumbered_problems(issued_on: dt.date | None, number: NumberSymbol) -> list[Problem]:
    """What keeps a document from taking its number from the register: no date (its year picks the
    sequence), or a number the data already gives (the register gives it, ND30 Điều 15.3)."""
    problems = []
    if issued_on is None:
        problems.append(Problem("issued_on", DATE_NEEDED))
    if number.number is not None:
        problems.append(
            Problem(
                "number",
                f"the data gives number {number.number}, but the register gives the numbers: "
                f"write number: '/{number.symbol}'",
            )
        )
    return problems


def check_issuer(register: Register, name: str, issuer: str | None, source: str | None = None) -> None:
    """`DataError` unless ``issuer`` (the letter's issuing body) is the body whose register ``name`` is, when
    both are known: a body's documents are numbered in its own register (ND30 Điều 15.1)."""
    book = register.book(name)
    if not issuer or not book.organ_name or fold(issuer) == fold(book.organ_name):
        return
    raise DataError(
        [
            Problem(
                "issuing_body.name",
                f"{issuer!r} issues the letter, but register {book.name!r} of {register.where} is that of "
                f"{book.organ_name!r}: number a body's documents in its own register",
            )
        ],
        source,
    )


# ------------------------------------------------------------------ drafts


def archive_text(units: Sequence[str], drafter: str | None) -> str:
    """Column 6, the archive line's content: "VT, TTĐN, NV"."""
    return ", ".join([*units, *([drafter] if drafter else [])])


def signer_position(signature: Any) -> str:
    """The signer's own title for column 4 ("Thứ trưởng"; the head's when signing in person)."""
    return signature.title or signature.principal or ""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _hashable(fields: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """``fields``' values as a key, or None when one cannot be (a list of recipients)."""
    key = tuple(fields.values())
    try:
        hash(key)
    except TypeError:
        return None
    return key


def merge_drafts(
    shared: Mapping[str, Any], raw: Sequence[tuple[int, Any]], *, units: bool
) -> tuple[list[Outgoing], list[Problem]]:
    """What the register records of each row of a merge (the shared data, then the row), and the problems.

    Each row gives ``issued_on`` (its year picks the sequence), ``symbol`` (ký hiệu,
    ``BTTTT-TTĐN``) and ``subject`` (trích yếu; a công văn's is written "V/v …"), and may
    give ``kind`` (default "Công văn"), ``signer`` and ``recipient`` (with ``units``, the
    unit's committee). ``number`` and ``number_symbol`` are the register's to give.
    """
    problems: list[Problem] = []
    drafts: list[Outgoing] = []
    dates: dict[tuple[type, Any], dt.date] = {}  # a table repeats its dates: each read once
    checked: dict[tuple[Any, ...], Outgoing] = {}  # and often all the fields (Outgoing is frozen)
    names = {"date": "issued_on", "recipients": "unit.committee" if units else "recipient"}
    for name in MERGE_GIVEN:
        if name in shared:
            problems.append(Problem(f"data.{name}", f"the register gives {name!r} with --register: remove it"))
    fast: dict[tuple[Any, ...], Outgoing] = {}  # the drafts of rows whose values were seen before
    read = (*MERGE_REQUIRED, *MERGE_OPTIONAL)
    for number, row in raw:
        if not isinstance(row, Mapping):
            continue  # the merge's own check reports it
        if MERGE_GIVEN[0] not in row and MERGE_GIVEN[1] not in row:
            values = tuple([row[name] if name in row else shared.get(name) for name in read])
            if units:
                values += (row["unit"]["committee"],)
            seen = (values, tuple(map(type, values)))
            try:
                draft = fast.get(seen)
            except TypeError:  # a value that cannot be a key (a list of recipients)
                seen, draft = None, None
            if draft is not None:
                drafts.append(draft)
                continue
        else:
            seen = None
        before = len(drafts)
        _draft(shared, number, row, units, problems, drafts, dates, checked, names)
        if seen is not None and len(drafts) > before:
            fast[seen] = drafts[-1]
    return drafts, problems


def _draft(
    shared: Mapping[str, Any],
    number: int,
    row: Mapping[str, Any],
    units: bool,
    problems: list[Problem],
    drafts: list[Outgoing],
    dates: dict[tuple[type, Any], dt.date],
    checked: dict[tuple[Any, ...], Outgoing],
    names: Mapping[str, str],
) -> None:
    """`merge_drafts` for one row: its draft appended to ``drafts``, or its problems to ``problems``."""
    if given := [name for name in MERGE_GIVEN if name in row]:
        problems.append(
            Problem(
                f"row {number}",
                f"the register gives {', '.join(map(repr, given))} with --register: rename the column",
            )
        )
    context = {**shared, **row}
    if missing := [name for name in MERGE_REQUIRED if _blank(context.get(name))]:
        problems.append(
            Problem(
                f"row {number}",
                f"no {', '.join(missing)}: a number from the register needs the letter's date (issued_on), "
                "its ký hiệu (symbol) and its trích yếu (subject); add the columns or give them in the data",
            )
        )
        return
    value = context["issued_on"]
    key = (type(value), value)
    if key not in dates:
        try:
            dates[key] = parse_date(value)
        except (ValueError, TypeError) as error:
            problems.append(Problem(f"row {number}, column issued_on", str(error)))
            return
    kind = context.get("kind")
    kind = LETTER_KIND if _blank(kind) else kind
    subject = context["subject"]
    fields = {
        "date": dates[key],
        "symbol": context["symbol"],
        "kind": kind,
        "subject": subject_line(kind, subject) if isinstance(kind, str) and isinstance(subject, str) else subject,
        "signer": context.get("signer") or "",
        "recipients": (row["unit"]["committee"] if units else context.get("recipient")) or "",
    }
    key = _hashable(fields)
    if (
        key is not None and (draft := checked.get(key)) is not None
    ):  # the same fields as an earlier row's: checked already
        drafts.append(draft)
        return
    draft, found = outgoing_of(fields, f"row {number}", names)
    if draft is None:
        problems.extend(found)
    else:
        if key is not None:
            checked[key] = draft
        drafts.append(draft)


# ------------------------------------------------------------------ a batch's numbers


class RegisterNumbers:
    """The numbers of a batch drawn from a register: planned before anything is written, taken with its folder.

    ``numbers`` are those the register would give now (read, not taken; a rerun's own for a
    ``run_id`` that numbered these documents): for the file names, the check of every row
    and a dry run. Inside `taken` they become those taken, which differ only if another clerk
    took numbers in between (``changed``).
    """

    def __init__(
        self,
        register: RegisterSource,
        drafts: list[Outgoing],
        *,
        name: str = DEFAULT_NAME,
        run_id: str | None = None,
        problems: Sequence[Problem] = (),
        issuer: str | None = None,
        source: str | None = None,
    ) -> None:
        self.register = register
        self.name = name
        self.run_id = run_id
        self.drafts = drafts
        self.problems = list(problems)
        """Problems of the rows found making the drafts (the caller reports them with its own)."""
        self.changed = False
        if self.problems:  # nothing is read from a register for a batch that will not run
            self.numbers = list(range(1, len(drafts) + 1))
        else:
            with opened(register) as opened_register:
                check_issuer(opened_register, name, issuer, source)
                self.numbers = opened_register.planned_numbers(drafts, name=name, run_id=run_id)

    @property
    def number_symbols(self) -> list[str]:
        """Số, ký hiệu of each draft with its number ("07/BTTTT-TTĐN")."""
        return [f"{format_number(n)}/{d.symbol}" for n, d in zip(self.numbers, self.drafts, strict=True)]

    @contextmanager
    def taken(self) -> Iterator[Batch]:
        """The batch holding the numbers, in the register's transaction: open it inside the output's
        staging folder (``with staged_folder(out) as staging, numbers.taken() as batch:``) so that the
        numbers commit when the block ends, just before the folder is put in place. An error, an
        interruption or a kill in the block gives back every number.

        ``numbers`` become those taken; ``changed`` says whether they differ from the planned
        ones (another clerk took numbers in between): lay the documents out again then.
        """
        with (
            opened(self.register) as register,
            register.issue_batch(self.run_id, self.drafts, name=self.name) as batch,
        ):
            taken = batch.taken_numbers
            self.changed = taken != self.numbers
            self.numbers = taken
            yield batch

    @staticmethod
    def attach(batch: Batch, files: Sequence[tuple[str, str]]) -> None:
        """Record each document's ``(file, sha256)``, in the order of the batch's entries."""
        batch.attach_in_order(files)
