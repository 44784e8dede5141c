"""Where a register lives: an SQLite file (a path) or a PostgreSQL server (a ``postgresql://`` URL).

The same SQLAlchemy Core code runs on both; what differs is set up here:

- SQLite runs in WAL mode with ``synchronous=FULL`` (a number given out survives a power
  cut) and every write transaction starts with ``BEGIN IMMEDIATE``, which takes the
  database's write lock at once, so that two processes never read the same counter;
  waiting writers sleep in SQLite's busy handler up to ``timeout``.
- PostgreSQL goes through psycopg 3; a write locks its register's row with
  ``SELECT … FOR UPDATE`` (`congvan.register.numbering`), and ``lock_timeout`` bounds the wait.

Database errors become `RegisterBusy` or `RegisterError` naming the database, its
password hidden.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from congvan.errors import CongvanError, RegisterBusy, RegisterError, RegisterNotFound

#: Seconds a transaction waits for another one's lock before `RegisterBusy`.
DEFAULT_TIMEOUT = 60.0

_POSTGRESQL = re.compile(r"^postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)
_READ_ONLY = "congvan_read_only"


def is_postgresql(address: str) -> bool:
    """Whether ``address`` is a PostgreSQL URL rather than an SQLite file path.

    >>> is_postgresql("postgresql://clerk@db.office/register"), is_postgresql("sổ-đi.db")
    (True, False)
    """
    return bool(_POSTGRESQL.match(address))


def describe(address: str | os.PathLike[str]) -> str:
    """The address as messages show it: a path as given, a URL without its password.

    >>> describe("postgresql://clerk:secret@db.office/register")
    'postgresql://clerk:***@db.office/register'
    """
    text = os.fspath(address)
    if is_postgresql(text):
        try:
            return make_url(text).render_as_string(hide_password=True)
        except sa.exc.ArgumentError:
            return "postgresql://…"
    return text


def _postgresql_url(address: str) -> sa.URL:
    try:
        url = make_url(address)
    except sa.exc.ArgumentError as error:
        raise RegisterError(f"{describe(address)}: not a PostgreSQL URL ({error})") from None
    return url.set(drivername="postgresql+psycopg")


def create_engine(address: str | os.PathLike[str], *, create: bool, timeout: float = DEFAULT_TIMEOUT) -> sa.Engine:
    """An engine for the register at ``address``; an SQLite file must exist unless ``create``.

    Raises `RegisterNotFound` for a missing SQLite file (saying how to create it).
    """
    text = os.fspath(address)
    if is_postgresql(text):
        url = _postgresql_url(text)
        milliseconds = max(1, int(timeout * 1000))
        given = url.query.get("options", "")  # e.g. "-csearch_path=registers": kept, ours appended
        options = " ".join(part for part in ((given if isinstance(given, str) else " ".join(given)),) if part)
        return sa.create_engine(
            url.difference_update_query(["options"]),
            connect_args={
                "options": f"{options} -c lock_timeout={milliseconds}".strip(),
                "application_name": "congvan",
                "connect_timeout": max(1, min(int(timeout), 15)),
            },
        )
    path = Path(text).expanduser()
    if path.is_dir():
        raise RegisterError(f"{text}: is a folder; a register is a file (e.g. {path / 'register.db'})")
    if not create and not path.exists():
        raise RegisterNotFound(
            f"{text}: no register here; create one with: congvan register init {text}",
        )
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RegisterError(f"{text}: cannot make its folder: {error.strerror or error}") from None
    engine = sa.create_engine(
        sa.URL.create("sqlite", database=str(path.resolve())),
        connect_args={"timeout": timeout, "isolation_level": None},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        try:
            # 1 KiB pages for a new file (a no-op later): a take writes a few small rows, and each page it
            # touches is written out and synced in full at its commit
            cursor.execute("PRAGMA page_size=1024")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # room for a batch of 10,000 entries and their history in memory until its commit (64 MiB at most;
            # the default 2 MiB spills pages to the WAL mid-transaction)
            cursor.execute("PRAGMA cache_size=-65536")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _is_lock_timeout(error: sa.exc.DBAPIError) -> bool:
    text = str(error.orig).lower()
    if "database is locked" in text or "database table is locked" in text:
        return True
    return getattr(error.orig, "sqlstate", None) == "55P03"  # PostgreSQL lock_not_available


@contextmanager
def translated(where: str, timeout: float) -> Iterator[None]:
    """Turn SQLAlchemy's and the drivers' errors into the register's own, naming ``where``."""
    try:
        yield
    except CongvanError:
        raise
    except sa.exc.DBAPIError as error:
        if _is_lock_timeout(error):
            raise RegisterBusy(
                f"{where}: the register stayed locked by another transaction (another clerk, or a batch "
                f"being numbered) for more than {timeout:g} s; nothing was changed: try again"
            ) from None
        reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
        if isinstance(error, sa.exc.OperationalError) and "connect" in reason.lower():
            raise RegisterError(f"{where}: cannot connect to the register's database: {reason}") from None
        if "file is not a database" in reason or "not a database" in reason:
            raise RegisterError(f"{where}: not a register database (SQLite says: {reason})") from None
        raise RegisterError(f"{where}: the database refused the operation: {reason}") from None
    except ModuleNotFoundError as error:  # psycopg missing from a bare install
        raise RegisterError(f"{where}: the database driver {error.name!r} is not installed") from None


@contextmanager
def write(engine: sa.Engine, where: str, timeout: float) -> Iterator[sa.Connection]:
    """A write transaction: committed when the block ends, rolled back on any exception (or a kill)."""
    with translated(where, timeout), engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def read(engine: sa.Engine, where: str, timeout: float) -> Iterator[sa.Connection]:
    """A read transaction: one consistent view, no write lock taken."""
    with (
        translated(where, timeout),
        engine.connect().execution_options(**{_READ_ONLY: True}) as connection,
        connection.begin(),
    ):
        yield connection
