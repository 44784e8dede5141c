"""The registers (sổ) of a database and their entries, as read back: find, create, list, select.

One database holds several registers, each numbered on its own (ND30 Điều 15.1.a–c,
15.2): the outgoing register, the secret one, one per kind of legal normative
document, one per council or board issuing under the body's seal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from congvan.errors import DataError, Problem, RegisterNotFound
from congvan.register.entry import Entry, clean_text
from congvan.register.schema import entries, registers

#: The register used when none is named.
DEFAULT_NAME = "outgoing"
#: The title printed on a register's cover (Phụ lục IV, mục I.1).
DEFAULT_TITLE = "Sổ đăng ký văn bản đi"


@dataclass(frozen=True)
class Book:
    """One register (sổ) of the database, with what its cover shows (Phụ lục IV, mục I.1)."""

    id: int
    name: str
    title: str
    """"Sổ đăng ký văn bản đi", "Sổ đăng ký văn bản mật đi"…"""
    organ_name: str
    """Tên cơ quan, tổ chức (ban hành): the issuing body, Phụ lục VI OrganName."""
    organ_id: str
    """Mã định danh của cơ quan, tổ chức (Phụ lục VI OrganId, 13)."""
    parent_name: str
    """Tên cơ quan chủ quản trực tiếp, printed above the body's name on the cover."""


def check_name(name: str) -> str:
    """A register's name: NFC text of 1 to 100 characters on one line."""
    try:
        text = clean_text(name)
    except ValueError as error:
        raise DataError([Problem("name", str(error))]) from None
    if not text or "\n" in text or len(text) > 100:
        raise DataError([Problem("name", f"{name!r} is not a register name: one line of 1 to 100 characters")])
    return text


def _book(row: sa.Row) -> Book:
    return Book(row.id, row.name, row.title, row.organ_name, row.organ_id, row.parent_name)


def names(connection: sa.Connection) -> list[str]:
    """The names of the database's registers, in creation order."""
    return list(connection.execute(sa.select(registers.c.name).order_by(registers.c.id)).scalars())


_FIND = sa.select(registers).where(registers.c.name == sa.bindparam("name"))
_FIND_LOCKED = _FIND.with_for_update()  # PostgreSQL's row lock; SQLite holds the database's write lock already


def find(connection: sa.Connection, name: str, *, where: str, lock: bool = False) -> Book:
    """The register called ``name``; with ``lock``, its row is locked until the transaction ends.

    Raises `RegisterNotFound` naming the registers the database has.
    """
    row = connection.execute(_FIND_LOCKED if lock else _FIND, {"name": name}).first()
    if row is None:
        known = names(connection)
        have = ", ".join(repr(n) for n in known) if known else "none"
        raise RegisterNotFound(
            f"{where}: no register named {name!r} (registers here: {have}); "
            f"create it with: congvan register init {where} --name {name!r}"
        )
    return _book(row)


def create(
    connection: sa.Connection,
    name: str,
    *,
    title: str,
    organ_name: str,
    organ_id: str,
    parent_name: str,
) -> Book:
    """Insert a new register row and return it (the caller has checked that the name is free)."""
    values = {
        "name": name,
        "title": title,
        "organ_name": organ_name,
        "organ_id": organ_id,
        "parent_name": parent_name,
        "created_at": dt.datetime.now(dt.UTC),
    }
    new_id = connection.execute(registers.insert().values(**values)).inserted_primary_key[0]
    return Book(new_id, name, title, organ_name, organ_id, parent_name)


def entry_from_row(row: sa.Row, register: str, organ_id: str) -> Entry:
    """An `Entry` from a row of ``congvan_entries``."""
    return Entry(
        register=register,
        year=row.year,
        number=row.number,
        identifier=row.identifier,
        organ_name=row.organ_name,
        organ_id=organ_id,
        date=row.issued_date,
        symbol=row.symbol,
        subject=row.subject,
        kind=row.kind,
        signer=row.signer,
        signer_position=row.signer_position,
        recipients=row.recipients,
        recipient_ids=row.recipient_ids,
        archive=row.archive,
        copies=row.copies,
        sent_on=row.sent_on,
        received_by=row.received_by,
        note=row.note,
        language=row.language,
        pages=row.pages,
        priority=row.priority,
        due_date=row.due_date,
        file_notation=row.file_notation,
        doc_ordinal=row.doc_ordinal,
        file=row.file,
        sha256=row.sha256,
        run_id=row.run_id,
        voided=bool(row.voided),
        void_reason=row.void_reason,
    )


def select_entries(
    connection: sa.Connection,
    book: Book,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    run_id: str | None = None,
    numbers: list[int] | None = None,
    issue_order: bool = False,
) -> list[Entry]:
    """Entries of ``book`` in number order (year, then number), or in the order they were numbered
    (``issue_order``), filtered as asked; ``start`` and ``end`` are inclusive."""
    query = sa.select(entries).where(entries.c.register_id == book.id)
    if year is not None:
        query = query.where(entries.c.year == year)
    if start is not None:
        query = query.where(entries.c.issued_date >= start)
    if end is not None:
        query = query.where(entries.c.issued_date <= end)
    if run_id is not None:
        query = query.where(entries.c.run_id == run_id)
    if numbers is not None:
        query = query.where(entries.c.number.in_(numbers))
    query = query.order_by(entries.c.id) if issue_order else query.order_by(entries.c.year, entries.c.number)
    return [entry_from_row(row, book.name, book.organ_id) for row in connection.execute(query)]
