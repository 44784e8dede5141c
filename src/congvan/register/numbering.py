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
from collections.abc import Callable, Sequence

import sqlalchemy as sa

from congvan.errors import DuplicateEntry, EntryNotFound, RegisterError
from congvan.register import bulk, history
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
        entries.c.number.between(sa.bindparam("first"), sa.bindparam("last")),
        entries.c.symbol.in_(sa.bindparam("symbols", expanding=True)),
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
    years: dict[int, tuple[int, int, set[str]]] = {}  # per year: the numbers' span and the ký hiệu
    for year, number, symbol in wanted:
        first, last, symbols = years.get(year, (number, number, set()))
        symbols.add(symbol)
        years[year] = (min(first, number), max(last, number), symbols)
    for year, (first, last, symbols) in sorted(years.items()):
        ordered = sorted(symbols)
        for start in range(0, len(ordered), 500):  # one query for a batch's span (its few ký hiệu)
            parameters = {
                "organ_name": organ_name,
                "year": year,
                "first": first,
                "last": last,
                "symbols": ordered[start : start + 500],
            }
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
    for year in _years(drafts):
        number = last[year] = last.get(year, 0) + 1
        numbers.append(number)
    return numbers


def _years(drafts: Sequence[Outgoing]) -> list[int]:
    """The year of each draft (a batch's drafts are often one object: each one's read once)."""
    seen: dict[int, int] = {}
    found = []
    for draft in drafts:
        year = seen.get(id(draft))
        if year is None:
            year = seen[id(draft)] = draft.year
        found.append(year)
    return found


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
    connection: sa.Connection, book: Book, drafts: Sequence[Outgoing], *, run_id: str | None = None
) -> tuple[list[int], list[Entry] | None]:
    """The numbers of ``drafts`` in order in ``book`` (locked by the caller, so that the numbers are held), and
    the entries when they are in the database already (a run id numbered them before: nothing to insert), else
    None: `new_entries` makes them and `insert_batch` writes them when the batch ends.

    Raises `RegisterError` when ``run_id`` numbered other documents before.
    """
    previous = previous_run(connection, book, drafts, run_id)
    if previous is not None:
        return [entry.number for entry in previous], previous
    return _next_numbers(_last_numbers(connection, book, {d.year for d in drafts}), drafts) if drafts else [], None


#: The columns of an entry that differ between the documents of a batch sharing their fields.
_PER_ROW = ("number", "identifier", "file", "sha256")


def _identifiers(book: Book, drafts: Sequence[Outgoing], numbers: Sequence[int]) -> list[str]:
    """`identifier` of each numbered draft (its beginning made once per year)."""
    heads: dict[int, str] = {}
    found = []
    for year, number in zip(_years(drafts), numbers, strict=True):
        head = heads.get(year)
        if head is None:
            head = heads[year] = identifier(book, year, 0)[: -len(format_number(0))]
        found.append(f"{head}{number:02d}")
    return found


def new_entries(
    book: Book,
    drafts: Sequence[Outgoing],
    numbers: Sequence[int],
    files: Sequence[tuple[str, str]],
    *,
    run_id: str | None,
) -> list[Entry]:
    """The entries of ``drafts`` numbered ``numbers`` with their ``(file, sha256)``, as `insert_batch` writes them."""
    shared: dict[int, dict] = {}  # the fields of each draft (a batch's rows often share one)
    entries_made = []
    extra = {"register": book.name, "organ_id": book.organ_id}
    for draft, number, identifier_, (file, sha256) in zip(
        drafts, numbers, _identifiers(book, drafts, numbers), files, strict=True
    ):
        fields = shared.get(id(draft))
        if fields is None:
            values = entry_values(book, draft, number, run_id=run_id, actor="", now=dt.datetime.min)
            fields = shared[id(draft)] = {name: values[name] for name in _ENTRY_FIELDS}
        entries_made.append(
            _new_entry(
                fields, number=number, identifier=identifier_, file=file, sha256=sha256, date=draft.date, **extra
            )
        )
    return entries_made


def insert_batch(
    connection: sa.Connection,
    book: Book,
    drafts: Sequence[Outgoing],
    numbers: Sequence[int],
    files: Sequence[tuple[str, str]],
    *,
    run_id: str | None,
    actor: str,
) -> None:
    """Insert the entries of ``drafts`` numbered ``numbers`` with their ``(file, sha256)``, and one "take" record
    each in the history (what `entry_values` and `history.record` would write, each shared value converted
    once).

    Raises `CodeTaken` when the database refuses a (số, ký hiệu) the issuing body has for the year.
    """
    if not drafts:
        return
    with bulk.no_collection():
        _insert_batch(connection, book, drafts, numbers, files, run_id=run_id, actor=actor)


def _insert_batch(
    connection: sa.Connection,
    book: Book,
    drafts: Sequence[Outgoing],
    numbers: Sequence[int],
    files: Sequence[tuple[str, str]],
    *,
    run_id: str | None,
    actor: str,
) -> None:
    now = dt.datetime.now(dt.UTC)
    sample = entry_values(book, drafts[0], numbers[0], run_id=run_id, actor=actor, now=now)
    shared_keys = tuple(name for name in sample if name not in _PER_ROW)
    statement = bulk.Prepared(connection, _INSERT_ENTRY, (*shared_keys, *_PER_ROW))
    tail = len(shared_keys)
    convert_tail = statement.needs_conversion(tail)
    takes = bulk.Prepared(connection, history.INSERT, history.FIELDS)
    record_head = takes.convert(
        (now, actor[:100], "take", book.name), 0
    )  # at, actor, action, register: the same for every record
    shared: dict[int, tuple[tuple, Callable[..., str]]] = {}
    encoders: dict[tuple, Callable[..., str]] = {}
    rows, records = [], []
    years = _years(drafts)
    for draft, year, number, identifier_, (file, sha256) in zip(
        drafts, years, numbers, _identifiers(book, drafts, numbers), files, strict=True
    ):
        found = shared.get(id(draft))
        if found is None:
            values = entry_values(book, draft, number, run_id=run_id, actor=actor, now=now)
            fixed = {"date": draft.date.isoformat(), "kind": draft.kind, "subject": draft.subject, "run_id": run_id}
            key = tuple(fixed.values())
            encode = encoders.get(key)
            if encode is None:
                encode = encoders[key] = history.details_encoder(fixed, ("number_symbol", "file", "sha256"))
            found = shared[id(draft)] = (statement.convert([values[name] for name in shared_keys]), encode)
        head, encode = found
        row = (*head, number, identifier_, file, sha256)
        rows.append(statement.convert(row, 0) if convert_tail else row)
        records.append((*record_head, year, number, encode(f"{number:02d}/{draft.symbol}", file, sha256)))
    heads = [head for head, _ in shared.values()]
    varying = [position for position in range(tail) if any(head[position] != heads[0][position] for head in heads)]
    varying.extend(range(tail, tail + len(_PER_ROW)))
    try:
        statement.execute(connection, rows, varying=varying)
    except sa.exc.IntegrityError:  # the unique (issuing body, year, số, ký hiệu) of the database refused it
        raise CodeTaken(
            f"a (số, ký hiệu) of {book.organ_name or 'the issuing body'} is taken",
            organ_name=book.organ_name,
            codes=[(y, n, d.symbol) for d, y, n in zip(drafts, years, numbers, strict=True)],
        ) from None
    if takes.needs_conversion(len(record_head)):
        records = [takes.convert(record) for record in records]
    takes.execute(connection, records)  # the driver's executemany: details are JSON already, slower in JSON


_ENTRY_FIELDS = tuple(name for name in Entry.__dataclass_fields__ if name not in ("register", "organ_id", "date"))


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
