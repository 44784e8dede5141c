"""The append-only history of a register database: who did what, when (Phụ lục VI Part I III.5.a, 6.l).

Records are only ever inserted, inside the transaction that made the change, so a
change and its record commit or vanish together; the database's triggers refuse
UPDATE and DELETE on them.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Callable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

import sqlalchemy as sa

from congvan.register.bulk import execute_many
from congvan.register.entry import HistoryRecord
from congvan.register.schema import history

# One encoder for every record (json.dumps with options would build one per call).
_DETAILS = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)
_INSERT = history.insert()
#: What `bulk.Prepared` inserts with ``INSERT``: every column of a record but its id.
INSERT = _INSERT
FIELDS = ("at", "actor", "action", "register", "year", "number", "details")


def default_actor() -> str:
    """The account running congvan, when the caller names nobody."""
    try:
        return getpass.getuser()[:100] or "unknown"
    except (OSError, KeyError):  # no user name in the environment nor in the password database
        return "unknown"


def record(
    connection: sa.Connection,
    action: str,
    *,
    actor: str,
    register: str,
    year: int | None = None,
    number: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one record in the caller's transaction."""
    connection.execute(
        history.insert().values(
            at=dt.datetime.now(dt.UTC),
            actor=actor[:100],
            action=action,
            register=register,
            year=year,
            number=number,
            details=_DETAILS.encode(details or {}),
        )
    )


def record_many(connection: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """Append several records at once (one per entry of a batch); each row as `record`'s keywords."""
    if not rows:
        return
    now = dt.datetime.now(dt.UTC)
    encode = _DETAILS.encode
    execute_many(
        connection,
        _INSERT,
        [
            {
                "at": now,
                "actor": row["actor"][:100],
                "action": row["action"],
                "register": row["register"],
                "year": row.get("year"),
                "number": row.get("number"),
                "details": encode(row.get("details") or {}),
            }
            for row in rows
        ],
    )


def details_encoder(fixed: Mapping[str, Any], varying: Sequence[str]) -> Callable[..., str]:
    """A function writing the details ``{**fixed, **varying}`` exactly as `record` would, from the values of the
    text fields ``varying`` (given in that order): the rest is encoded once, for a batch's many records.

    >>> encode = details_encoder({"kind": "Công văn", "run_id": None}, ["file", "sha256"])
    >>> encode('a "b".docx', "00") == _DETAILS.encode({"kind": "Công văn", "run_id": None, "file": 'a "b".docx',
    ...                                                "sha256": "00"})
    True
    """
    slots = sorted(varying)
    order = [list(varying).index(name) for name in slots]
    pieces, literal = [], "{"
    for position, key in enumerate(sorted([*fixed, *slots])):
        literal += (", " if position else "") + _DETAILS.encode(key) + ": "
        if key in fixed:
            literal += _DETAILS.encode(fixed[key])
        else:
            pieces.append(literal.replace("%", "%%"))
            literal = ""
    pieces.append(literal.replace("%", "%%") + "}")
    template = "%s".join(pieces)

    def encode(*values: str) -> str:
        return template % tuple(encode_basestring(values[index]) for index in order)

    return encode


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def read(
    connection: sa.Connection, *, register: str | None = None, year: int | None = None, number: int | None = None
) -> list[HistoryRecord]:
    """The records, oldest first, optionally of one register, year and number."""
    query = sa.select(history).order_by(history.c.id)
    if register is not None:
        query = query.where(history.c.register == register)
    if year is not None:
        query = query.where(history.c.year == year)
    if number is not None:
        query = query.where(history.c.number == number)
    return [
        HistoryRecord(
            id=row.id,
            at=_utc(row.at),
            actor=row.actor,
            action=row.action,
            register=row.register,
            year=row.year,
            number=row.number,
            details=json.loads(row.details),
        )
        for row in connection.execute(query)
    ]
