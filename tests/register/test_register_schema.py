"""The schema: versioned and migrated forward, refused when newer, history append-only in the database itself."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from congvan.errors import SchemaVersionError
from congvan.register import Register
from congvan.register.migrations import migrate
from congvan.register.schema import SCHEMA_VERSION, metadata


def raw_connection(address: str):
    """A plain driver connection (sqlite3 or psycopg), autocommit, outside congvan's code."""
    if address.startswith("postgresql"):
        import psycopg

        return psycopg.connect(address, autocommit=True)
    return sqlite3.connect(address, isolation_level=None)


def engine_for(address: str) -> sa.Engine:
    if address.startswith("postgresql"):
        return sa.create_engine(address.replace("postgresql://", "postgresql+psycopg://", 1))
    return sa.create_engine(f"sqlite:///{address}")


def test_a_new_database_has_the_current_schema_exactly(address: str) -> None:
    Register(address, create=True).close()
    engine = engine_for(address)
    try:
        inspector = sa.inspect(engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
        with engine.connect() as connection:
            versions = connection.execute(sa.text("SELECT version FROM congvan_schema ORDER BY version")).scalars()
            assert list(versions) == list(range(1, SCHEMA_VERSION + 1))
    finally:
        engine.dispose()


def test_a_version_1_register_opens_migrated_with_its_entries(address: str) -> None:
    engine = engine_for(address)
    try:
        with engine.begin() as connection:  # a register as congvan's schema 1 made it
            migrate(connection, where=address, target=1)
            connection.execute(
                sa.text(
                    "INSERT INTO congvan_registers (name, title, organ_name, organ_id, parent_name, created_at) "
                    "VALUES ('outgoing', 'Sổ đăng ký văn bản đi', 'Bộ Nội vụ', '', '', CURRENT_TIMESTAMP)"
                )
            )
        with engine.connect() as connection:
            assert not sa.inspect(connection).has_table("congvan_history")
    finally:
        engine.dispose()
    with Register(address) as register:
        assert register.take(date="2024-01-03", symbol="BNV-VP", subject="V/v họp").number_symbol == "01/BNV-VP"
        actions = [(r.action, r.details) for r in register.history()]
        assert actions[0] == ("migrate", {"from": 1, "to": SCHEMA_VERSION})
        assert actions[1][0] == "take"


def test_a_register_made_by_a_newer_congvan_is_refused(address: str) -> None:
    Register(address, create=True).close()
    with raw_connection(address) as connection:
        connection.execute(
            "INSERT INTO congvan_schema (version, description, applied_at, congvan_version) "
            "VALUES (99, 'from the future', CURRENT_TIMESTAMP, '9.0')"
        )
    with pytest.raises(SchemaVersionError, match="schema is version 99, made by a newer congvan.*upgrade congvan"):
        Register(address)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE congvan_history SET actor = 'someone else'",
        "DELETE FROM congvan_history",
        "DELETE FROM congvan_entries",
    ],
)
def test_the_database_refuses_to_rewrite_history_or_delete_a_number(address: str, statement: str) -> None:
    with Register(address, create=True) as register:
        register.init()
        register.take(date="2024-01-03", symbol="BNV-VP", subject="V/v họp")
    with raw_connection(address) as connection, pytest.raises(Exception, match="register keeps|append-only|stays"):
        connection.execute(statement)
    with Register(address) as register:
        assert [r.actor for r in register.history()][-1] != "someone else"
        assert len(register.entries(2024)) == 1
