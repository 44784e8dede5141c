"""Schema versions and the migrations between them, so that a register made today opens with next year's congvan.

Each migration is frozen: it creates the tables as they were at its version (its own
definitions, not `congvan.register.schema`'s), so that an old database is brought
forward step by step. Migrations run in one write transaction; on PostgreSQL an
advisory lock keeps two clerks opening an old register at once from migrating it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from congvan.errors import SchemaVersionError
from congvan.register.schema import SCHEMA_VERSION, schema

#: Key of the PostgreSQL advisory lock held while migrating ("congvan" in ASCII, as a number).
_MIGRATION_LOCK = 0x636F6E6776616E


@dataclass(frozen=True)
class Migration:
    """One step: the version it reaches, what it does, and the function doing it on a connection."""

    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _v1(connection: sa.Connection) -> None:
    """Registers and entries, as of schema version 1."""
    meta = sa.MetaData()
    sa.Table(
        "congvan_schema",
        meta,
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("congvan_version", sa.String(40), nullable=False),
    )
    sa.Table(
        "congvan_registers",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("organ_name", sa.String(200), nullable=False),
        sa.Column("organ_id", sa.String(13), nullable=False),
        sa.Column("parent_name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "congvan_entries",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("register_id", sa.Integer, sa.ForeignKey("congvan_registers.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("identifier", sa.String(200), nullable=False),
        sa.Column("organ_name", sa.String(200), nullable=False),
        sa.Column("symbol", sa.String(30), nullable=False),
        sa.Column("issued_date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("signer", sa.String(50), nullable=False),
        sa.Column("signer_position", sa.String(100), nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("recipient_ids", sa.String(200), nullable=False),
        sa.Column("archive", sa.String(200), nullable=False),
        sa.Column("copies", sa.Integer),
        sa.Column("sent_on", sa.Date),
        sa.Column("received_by", sa.String(100), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("language", sa.String(30), nullable=False),
        sa.Column("pages", sa.Integer),
        sa.Column("priority", sa.Integer),
        sa.Column("due_date", sa.Date),
        sa.Column("file_notation", sa.String(30), nullable=False),
        sa.Column("doc_ordinal", sa.Integer),
        sa.Column("file", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(200)),
        sa.Column("voided", sa.Boolean, nullable=False),
        sa.Column("void_reason", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.UniqueConstraint("register_id", "year", "number", name="uq_congvan_entries_number"),
        sa.UniqueConstraint("organ_name", "year", "number", "symbol", name="uq_congvan_entries_code"),
        sa.Index(
            "ix_congvan_entries_run",
            "register_id",
            "run_id",
            sqlite_where=sa.text("run_id IS NOT NULL"),
            postgresql_where=sa.text("run_id IS NOT NULL"),
        ),
    )
    meta.create_all(connection)


_SQLITE_GUARDS = (
    "CREATE TRIGGER congvan_history_no_update BEFORE UPDATE ON congvan_history "
    "BEGIN SELECT RAISE(ABORT, 'congvan_history is append-only: records are never changed'); END",
    "CREATE TRIGGER congvan_history_no_delete BEFORE DELETE ON congvan_history "
    "BEGIN SELECT RAISE(ABORT, 'congvan_history is append-only: records are never deleted'); END",
    "CREATE TRIGGER congvan_entries_no_delete BEFORE DELETE ON congvan_entries "
    "BEGIN SELECT RAISE(ABORT, 'a number once given stays in the register: void it instead'); END",
)

_POSTGRESQL_GUARDS = (
    "CREATE FUNCTION congvan_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION USING MESSAGE = TG_OP || ' of ' || TG_TABLE_NAME "
    "|| ': the register keeps what it was given (void an entry instead)'; END $$",
    "CREATE TRIGGER congvan_history_no_change BEFORE UPDATE OR DELETE ON congvan_history "
    "FOR EACH ROW EXECUTE FUNCTION congvan_refuse_change()",
    "CREATE TRIGGER congvan_history_no_truncate BEFORE TRUNCATE ON congvan_history "
    "FOR EACH STATEMENT EXECUTE FUNCTION congvan_refuse_change()",
    "CREATE TRIGGER congvan_entries_no_delete BEFORE DELETE ON congvan_entries "
    "FOR EACH ROW EXECUTE FUNCTION congvan_refuse_change()",
    "CREATE TRIGGER congvan_entries_no_truncate BEFORE TRUNCATE ON congvan_entries "
    "FOR EACH STATEMENT EXECUTE FUNCTION congvan_refuse_change()",
)


def _v2(connection: sa.Connection) -> None:
    """The append-only history; the database refuses to change or delete it, or to delete an entry."""
    meta = sa.MetaData()
    sa.Table(
        "congvan_history",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("register", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("number", sa.Integer),
        sa.Column("details", sa.Text, nullable=False),
    )
    meta.create_all(connection)
    guards = _POSTGRESQL_GUARDS if connection.dialect.name == "postgresql" else _SQLITE_GUARDS
    for statement in guards:
        connection.exec_driver_sql(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "registers and entries", _v1),
    Migration(2, "append-only history; entries are never deleted", _v2),
)
assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def current_version(connection: sa.Connection) -> int:
    """The schema version of the database: 0 when it holds no congvan register."""
    if not sa.inspect(connection).has_table("congvan_schema"):
        return 0
    return connection.execute(sa.select(sa.func.max(schema.c.version))).scalar() or 0


def check_version(version: int, where: str) -> None:
    """Raise `SchemaVersionError` when ``version`` is newer than this congvan knows."""
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where}: the register's schema is version {version}, made by a newer congvan; this congvan "
            f"knows versions up to {SCHEMA_VERSION}: upgrade congvan (pip install -U congvan) to open it"
        )


def migrate(connection: sa.Connection, *, where: str, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the missing migrations up to ``target`` in the caller's write transaction; return the versions applied."""
    from congvan import __version__

    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    version = current_version(connection)
    check_version(version, where)
    applied = []
    for migration in MIGRATIONS:
        if version < migration.version <= target:
            migration.apply(connection)
            connection.execute(
                schema.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=dt.datetime.now(dt.UTC),
                    congvan_version=__version__,
                )
            )
            applied.append(migration.version)
    return applied
