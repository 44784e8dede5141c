"""Many rows in one statement, handed to the driver's ``executemany`` with the columns' own conversions.

A batch of 10,000 letters inserts 10,000 entries and their history records and updates
them with their files. Through `sa.Connection.execute`, SQLAlchemy builds and converts
every parameter of every row one by one, which costs more than the database's work.
`execute_many` compiles the statement once for the connection's dialect, converts each
column with the bind processor of its type (a date to SQLite's text, …), and passes
the rows to the driver as they are, so SQLite and PostgreSQL get exactly what
`sa.Connection.execute` would give them.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.compiler import SQLCompiler

_compiled: dict[tuple[int, str, tuple[str, ...]], tuple[SQLCompiler, Any]] = {}


def _compile(
    connection: sa.Connection, statement: sa.Insert | sa.Update, keys: tuple[str, ...]
) -> tuple[SQLCompiler, Any]:
    dialect = connection.dialect
    key = (id(statement), dialect.name, keys)
    found = _compiled.get(key)
    if found is None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys))
        assert isinstance(compiled, SQLCompiler)
        found = _compiled[key] = (compiled, statement)  # the statement kept alive: its id stays its own
    return found


def execute_many(
    connection: sa.Connection, statement: sa.Insert | sa.Update, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Run ``statement`` once per row of ``rows`` (mappings with the same keys: column or bind names)."""
    if not rows:
        return
    compiled, _ = _compile(connection, statement, tuple(rows[0]))
    dialect = connection.dialect
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    converters = [
        (index, process)
        for index, name in enumerate(names)
        if (process := compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    take = operator.itemgetter(*names)
    values = [take(row) for row in rows] if len(names) > 1 else [(take(row),) for row in rows]
    if converters:
        done: list[dict[Any, Any]] = [{} for _ in converters]  # a batch's rows share their dates: convert each once
        converted = []
        for row in values:
            items = list(row)
            for (index, process), seen in zip(converters, done):
                value = items[index]
                if value is not None:
                    items[index] = seen[value] if value in seen else seen.setdefault(value, process(value))
            converted.append(tuple(items))
        values = converted
    parameters = values if compiled.positional else [dict(zip(names, row)) for row in values]
    connection.exec_driver_sql(compiled.string, parameters)
