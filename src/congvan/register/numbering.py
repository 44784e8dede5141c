"""Giving numbers by ND30 Điều 15, voiding them, attaching the produced files: inside the caller's write transaction.

- Numbers follow the order of issue within a register and year, from 01 on 1 January
  (Điều 15.1); the year is the document's, not the clock's. The next number is the
  highest of the register and year plus one, read while the register's row is locked
  (SQLite: the database's write lock), so two clerks never get the same number and no
  number is skipped.
- A number once given stays: a voided one is kept, marked with its reason, never given again.
- A (số, ký hiệu, issuing body) already in the database for that year is refused with the
  earlier entry named (Điều 15.1: unique within the year; Phụ lục VI Part I III.1.h).
- A batch run with a run id takes its numbers once: run again, it gets the same entries.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence

import sqlalchemy as sa

from congvan.errors import DuplicateEntry, EntryNotFound, RegisterError
from congvan.register import history
from congvan.register.books import Book, entry_from_row, select_entries
from congvan.register.bulk import execute_many
from congvan.register.entry import Entry, Outgoing, format_number
from congvan.register.schema import entries, registers


def identifier(book: Book, year: int, number: int) -> str:
    """Mã định danh văn bản đi: issuing body's id (when set), register, year, number ("000.00.00.G01.outgoing.2024.07")."""
    return ".".join(part for part in (book.organ_id, book.name, str(year), format_number(number)) if part)


# Statements built once (SQLAlchemy caches their compiled form): a take runs five.
_LAST = (
    sa.select(entries.c.year, sa.func.max(entries.c.number))
    .where(
        entries.c.register_id == sa.bindparam("register_id"), entries.c.year.in_(sa.bindparam("years", expanding=True))
    )
    .group_by(entries.c.year)
)
_SAME_CODE = (
    sa.select(entries, registers.c.name.label("register_name"), registers.c.organ_id.label("register_organ_id"))
    .join(registers, registers.c.id == entries.c.register_id)
    .where(
        entries.c.organ_name == sa.bindparam("organ_name"),
        entries.c.year == sa.bindparam("year"),
        entries.c.number.in_(sa.bindparam("numbers", expanding=True)),
    )
)
_INSERT_ENTRY = entries.insert()


def _last_numbers(connection: sa.Connection, book: Book, years: set[int]) -> dict[int, int]:
    rows = connection.execute(_LAST, {"register_id": book.id, "years": sorted(years)})
    return {year: last for year, last in rows}


def last_number(connection: sa.Connection, book: Book, year: int) -> int:
    """The last number given in ``book`` for ``year`` (0 when none): numbers are never deleted, so it is the
    highest one in the register, voided or not."""
    return _last_numbers(connection, book, {year}).get(year, 0)


def find_duplicates(
    connection: sa.Connection, organ_name: str, codes: Sequence[tuple[int, int, str]]
) -> dict[tuple[int, int, str], Entry]:
    """Entries of the issuing body ``organ_name`` (any register) with a (year, number, symbol) of ``codes``."""
    found: dict[tuple[int, int, str], Entry] = {}
    wanted = set(codes)
    for year in sorted({year for year, _, _ in wanted}):
        numbers = sorted({number for y, number, _ in wanted if y == year})
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            parameters = {"organ_name": organ_name, "year": year, "numbers": chunk}
            for row in connection.execute(_SAME_CODE, parameters):
                key = (row.year, row.number, row.symbol)
                if key in wanted:
                    found[key] = entry_from_row(row, row.register_name, row.register_organ_id)
    return found


class CodeTaken(RegisterError):
    """The database refused an entry whose (year, số, ký hiệu) the issuing body has already; the transaction
    is lost (PostgreSQL aborts it), so the caller names the earlier entry from a new one (`describe_clash`)."""

    def __init__(self, message: str, *, organ_name: str = "", codes: list[tuple[int, int, str]] | None = None) -> None:
        super().__init__(message)
        self.organ_name = organ_name
        self.codes = codes or []


def describe_clash(connection: sa.Connection, clash: CodeTaken) -> RegisterError:
    """The `DuplicateEntry` naming the earlier entry of ``clash`` (or the clash itself if none is found)."""
    found = find_duplicates(connection, clash.organ_name, clash.codes)
    for code in clash.codes:
        if code in found:
            return duplicate_error(found[code], clash.organ_name)
    return clash


def duplicate_error(entry: Entry, body: str) -> DuplicateEntry:
    """The error for a (số, ký hiệu, issuing body) that ``entry`` already holds."""
    state = f", voided: {entry.void_reason}" if entry.voided else ""
    return DuplicateEntry(
        f"{entry.number_symbol} of {body or 'this issuing body'} is already in the register for {entry.year}: "
        f"register {entry.register!r}, entry of {entry.date.isoformat()} {entry.kind} {entry.subject!r}{state}; "
        "số and ký hiệu are unique within a year (ND30 Điều 15.1): use another register's ký hiệu",
        earlier=entry,
    )


def entry_values(book: Book, draft: Outgoing, number: int, *, run_id: str | None, actor: str, now: dt.datetime) -> dict:
    """The row of ``congvan_entries`` for ``draft`` numbered ``number`` in ``book``."""
    values = dict(draft.__dict__)  # the fields' values (model_dump, without its cost per row: no field is a model)
    del values["date"]
    return {
        **values,
        "register_id": book.id,
        "year": draft.year,
        "number": number,
        "identifier": identifier(book, draft.year, number),
        "organ_name": book.organ_name,
        "issued_date": draft.date,
        "run_id": run_id,
        "voided": False,
        "void_reason": "",
        "created_at": now,
        "created_by": actor[:100],
    }


def _same_run(existing: list[Entry], drafts: Sequence[Outgoing]) -> bool:
    if len(existing) != len(drafts):
        return False
    return all(
        (e.date, e.symbol, e.kind, e.subject, e.recipients) == (d.date, d.symbol, d.kind, d.subject, d.recipients)
        for e, d in zip(existing, drafts)
    )


def previous_run(
    connection: sa.Connection, book: Book, drafts: Sequence[Outgoing], run_id: str | None
) -> list[Entry] | None:
    """The entries ``run_id`` numbered before in ``book``, in issue order (None when it numbered nothing);
    `RegisterError` when they are not ``drafts`` (date, ký hiệu, kind, subject and recipients, in order)."""
    if run_id is None:
        return None
    existing = select_entries(connection, book, run_id=run_id, issue_order=True)
    if not existing:
        return None
    if not _same_run(existing, drafts):
        span = f"{existing[0].number_symbol} … {existing[-1].number_symbol}"
        raise RegisterError(
            f"run id {run_id!r} already numbered {len(existing)} documents in register {book.name!r} "
            f"({span}), not these {len(drafts)}: a rerun must number the same documents, in the same order; "
            "give a new batch a new run id"
        )
    return existing


def _next_numbers(last: dict[int, int], drafts: Sequence[Outgoing]) -> list[int]:
    """The numbers after ``last`` (the last one of each year) for ``drafts`` in order, each in its year."""
    last = dict(last)
    numbers = []
    for draft in drafts:
        last[draft.year] = last.get(draft.year, 0) + 1
        numbers.append(last[draft.year])
    return numbers


def planned_numbers(
    connection: sa.Connection, book: Book, drafts: Sequence[Outgoing], *, run_id: str | None = None
) -> list[int]:
    """The numbers `take` would give ``drafts`` now, taking none (a rerun's own for a ``run_id``);
    `DuplicateEntry` when the issuing body has one of their (số, ký hiệu) already, in any register."""
    previous = previous_run(connection, book, drafts, run_id)
    if previous is not None:
        return [entry.number for entry in previous]
    if not drafts:
        return []
    numbers = _next_numbers(_last_numbers(connection, book, {d.year for d in drafts}), drafts)
    codes = [(d.year, n, d.symbol) for d, n in zip(drafts, numbers, strict=True)]
    found = find_duplicates(connection, book.organ_name, codes)
    for code in codes:
        if code in found:
            raise duplicate_error(found[code], book.organ_name)
    return numbers


def take(
    connection: sa.Connection,
    book: Book,
    drafts: Sequence[Outgoing],
    *,
    actor: str,
    run_id: str | None = None,
) -> tuple[list[Entry], list[dict] | None]:
    """Number ``drafts`` in order in ``book`` (locked by the caller, so that the numbers are held); return
    their entries and the rows to insert when the batch ends (`insert_taken`), or None when they are in the
    database already (a run id numbered them before: nothing to insert).

    Raises `RegisterError` when ``run_id`` numbered other documents before.
    """
    previous = previous_run(connection, book, drafts, run_id)
    if previous is not None:
        return previous, None
    if not drafts:
        return [], []
    numbers = _next_numbers(_last_numbers(connection, book, {d.year for d in drafts}), drafts)
    now = dt.datetime.now(dt.UTC)
    rows = [
        entry_values(book, draft, number, run_id=run_id, actor=actor, now=now)
        for draft, number in zip(drafts, numbers, strict=True)
    ]
    return [_entry(book, row) for row in rows], rows


def insert_taken(connection: sa.Connection, book: Book, rows: Sequence[dict], *, actor: str) -> None:
    """Insert the rows `take` made (with the files attached since) and one "take" record each in the history.

    Raises `CodeTaken` when the database refuses a (số, ký hiệu) the issuing body has for the year.
    """
    if not rows:
        return
    try:
        execute_many(connection, _INSERT_ENTRY, rows)
    except sa.exc.IntegrityError:  # the unique (issuing body, year, số, ký hiệu) of the database refused it
        raise CodeTaken(
            f"a (số, ký hiệu) of {book.organ_name or 'the issuing body'} is taken",
            organ_name=book.organ_name,
            codes=[(r["year"], r["number"], r["symbol"]) for r in rows],
        ) from None
    history.record_many(
        connection,
        [
            {
                "action": "take",
                "actor": actor,
                "register": book.name,
                "year": row["year"],
                "number": row["number"],
                "details": {
                    "number_symbol": f"{format_number(row['number'])}/{row['symbol']}",
                    "date": row["issued_date"].isoformat(),
                    "kind": row["kind"],
                    "subject": row["subject"],
                    "run_id": row["run_id"],
                    "file": row["file"],
                    "sha256": row["sha256"],
                },
            }
            for row in rows
        ],
    )


_ENTRY_FIELDS = tuple(name for name in Entry.__dataclass_fields__ if name not in ("register", "organ_id", "date"))
_ENTRY_VALUES = operator.itemgetter(*_ENTRY_FIELDS)


def _entry(book: Book, row: dict) -> Entry:
    """The entry of a row made by `entry_values` (which has every field of `Entry`)."""
    fields = dict(zip(_ENTRY_FIELDS, _ENTRY_VALUES(row), strict=True))
    return _new_entry(fields, register=book.name, organ_id=book.organ_id, date=row["issued_date"])


def _new_entry(fields: dict, **more: object) -> Entry:
    """An `Entry` of ``fields`` (every field, none computed): built as its frozen ``__init__`` would, without
    its cost per field, which was more than the database's work in a batch of 10,000."""
    entry = object.__new__(Entry)
    entry.__dict__.update(fields, **more)
    return entry


def with_file(entry: Entry, file: str, sha256: str) -> Entry:
    """``entry`` with its file and SHA-256 (as `dataclasses.replace`)."""
    return _new_entry(entry.__dict__, file=file, sha256=sha256)


def _one(connection: sa.Connection, book: Book, year: int, number: int, where: str) -> Entry:
    found = select_entries(connection, book, year=year, numbers=[number])
    if not found:
        last = last_number(connection, book, year)
        span = f"its numbers run 01 to {format_number(last)}" if last else "it has no entry that year"
        raise EntryNotFound(f"{where}: no number {number} in register {book.name!r} for {year} ({span})")
    return found[0]


def void(
    connection: sa.Connection, book: Book, year: int, number: int, reason: str, *, actor: str, where: str
) -> Entry:
    """Mark an entry voided with ``reason``; the number stays in the register and is never given again."""
    entry = _one(connection, book, year, number, where)
    if entry.voided:
        raise RegisterError(f"{where}: {entry.number_symbol} ({year}) is already voided: {entry.void_reason}")
    connection.execute(
        entries.update()
        .where(entries.c.register_id == book.id, entries.c.year == year, entries.c.number == number)
        .values(voided=True, void_reason=reason)
    )
    history.record(
        connection,
        "void",
        actor=actor,
        register=book.name,
        year=year,
        number=number,
        details={"number_symbol": entry.number_symbol, "reason": reason},
    )
    return _one(connection, book, year, number, where)


_ATTACH = (
    entries.update()
    .where(
        entries.c.register_id == sa.bindparam("at_register"),
        entries.c.year == sa.bindparam("at_year"),
        entries.c.number == sa.bindparam("at_number"),
    )
    .values(file=sa.bindparam("at_file"), sha256=sa.bindparam("at_sha256"))
)


def attach_many(
    connection: sa.Connection,
    book: Book,
    items: Sequence[tuple[Entry, str, str]],
    *,
    actor: str,
) -> list[Entry]:
    """Record on each entry of ``book`` (as read in this transaction) its file and SHA-256, in one statement;
    the history keeps what was there before. Return the entries as updated."""
    changed = [(entry, file, sha256) for entry, file, sha256 in items if (entry.file, entry.sha256) != (file, sha256)]
    if changed:
        execute_many(
            connection,
            _ATTACH,
            [
                {"at_register": book.id, "at_year": e.year, "at_number": e.number, "at_file": f, "at_sha256": h}
                for e, f, h in changed
            ],
        )
    if changed:
        history.record_many(
            connection,
            [
                {
                    "action": "attach",
                    "actor": actor,
                    "register": book.name,
                    "year": e.year,
                    "number": e.number,
                    "details": {"file": f, "sha256": h, "previous_file": e.file, "previous_sha256": e.sha256},
                }
                for e, f, h in changed
            ],
        )
    return [with_file(entry, file, sha256) for entry, file, sha256 in items]


def attach(
    connection: sa.Connection,
    book: Book,
    year: int,
    number: int,
    *,
    file: str,
    sha256: str,
    actor: str,
    where: str,
) -> Entry:
    """Record the produced file and its SHA-256 on entry ``number`` of ``year``."""
    entry = _one(connection, book, year, number, where)
    return attach_many(connection, book, [(entry, file, sha256)], actor=actor)[0]
