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


class Prepared:
    """``statement`` compiled once for a connection's dialect with the parameters ``keys``, for rows given as
    tuples in the order of ``keys``, converted by the caller (`convert`): a batch's rows share most of their
    values, which are converted once, and the rest (numbers, names) need no conversion on either database.
    """

    def __init__(self, connection: sa.Connection, statement: sa.Insert | sa.Update, keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        compiled, _ = _compile(connection, statement, self.keys)
        dialect = connection.dialect
        self.sql = compiled.string
        self._positional = bool(compiled.positional)
        names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
        if sorted(names) != sorted(self.keys):
            raise ValueError(f"the statement's parameters {names} are not the keys {list(self.keys)}")
        self._names = names
        self._order = operator.itemgetter(*(self.keys.index(name) for name in names))
        self._single = len(names) == 1
        processors = {
            name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        }
        self.processors = tuple(processors[key] for key in self.keys)
        """The conversion of each key's value for the driver, None where the value goes as it is."""

    def convert(self, values: Sequence[Any], start: int = 0) -> tuple[Any, ...]:
        """``values`` of the keys from ``start`` on, converted for the driver (None stays None)."""
        return tuple(
            value if value is None or process is None else process(value)
            for value, process in zip(values, self.processors[start:], strict=False)
        )

    def needs_conversion(self, start: int, stop: int | None = None) -> bool:
        """Whether a value of the keys ``start`` to ``stop`` would be changed by `convert`."""
        return any(process is not None for process in self.processors[start:stop])

    def execute(self, connection: sa.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        """Run the statement once per row (tuples in the order of ``keys``, converted) in one driver call."""
        if not rows:
            return
        order = self._order
        if self._positional:
            parameters: list[Any] = [(order(row),) for row in rows] if self._single else [order(row) for row in rows]
        else:
            names = self._names
            parameters = [dict(zip(names, (order(row),) if self._single else order(row))) for row in rows]
        connection.exec_driver_sql(self.sql, parameters)
