"""Many rows in one statement, handed to the driver's ``executemany`` with the columns' own conversions.

A batch of 10,000 letters inserts 10,000 entries and their history records and updates
them with their files. Through `sa.Connection.execute`, SQLAlchemy builds and converts
every parameter of every row one by one, which costs more than the database's work.
`execute_many` compiles the statement once for the connection's dialect, converts each
column with the bind processor of its type (a date to SQLite's text, …), and passes
the rows to the driver as they are, so SQLite and PostgreSQL get exactly what
`sa.Connection.execute` would give them.

`Prepared` goes further for a batch's entries: the rows come as tuples, the values they
share converted once by the caller, and on SQLite an INSERT binds the shared values once
and reads the rest from one JSON array (``json_each``), in one statement.
"""

from __future__ import annotations

import gc
import json
import operator
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
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
        self._table = statement.table if isinstance(statement, sa.Insert) else None
        self._dialect = dialect
        self._json_sql: dict[tuple[int, ...], str] = {}
        self._order = operator.itemgetter(*(self.keys.index(name) for name in names))
        self._single = len(names) == 1
        processors = {name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names}
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

    def execute(
        self, connection: sa.Connection, rows: Sequence[tuple[Any, ...]], *, varying: Collection[int] | None = None
    ) -> None:
        """Run the statement once per row (tuples in the order of ``keys``, converted).

        ``varying``: the positions of the keys whose values differ between the rows, when the caller knows them
        (the others are those of the first row). An INSERT into SQLite then binds the shared values once and the
        rest as one JSON array read by ``json_each`` in the same statement (SQLite's own loop, not the driver's
        ``executemany``: a third of the time for a batch of 10,000); otherwise the driver's ``executemany``.
        """
        if not rows:
            return
        if varying and self._table is not None and self._dialect.name == "sqlite" and json_each:
            try:
                self._execute_json(connection, rows, sorted(varying))
                return
            except sa.exc.OperationalError as error:  # an SQLite built without JSON: the driver's loop then
                if "json" not in str(error.orig).lower():
                    raise
                _no_json_each()
        order = self._order
        if self._positional:
            parameters: list[Any] = [(order(row),) for row in rows] if self._single else [order(row) for row in rows]
        else:
            names = self._names
            parameters = [dict(zip(names, (order(row),) if self._single else order(row))) for row in rows]
        connection.exec_driver_sql(self.sql, parameters)

    def _execute_json(self, connection: sa.Connection, rows: Sequence[tuple[Any, ...]], varying: list[int]) -> None:
        assert self._table is not None
        key = tuple(varying)
        sql = self._json_sql.get(key)
        if sql is None:
            quote = self._dialect.identifier_preparer.quote
            values = [
                f"json_extract(j.value, '$[{varying.index(position)}]')" if position in varying else "?"
                for position in range(len(self.keys))
            ]
            sql = self._json_sql[key] = (
                f"INSERT INTO {quote(self._table.name)} ({', '.join(quote(name) for name in self.keys)}) "
                f"SELECT {', '.join(values)} FROM json_each(?) AS j ORDER BY j.key"
            )
        first = rows[0]
        shared = [value for position, value in enumerate(first) if position not in key]
        if len(varying) == 1:
            (only,) = varying
            payload = [[row[only]] for row in rows]
        else:
            take = operator.itemgetter(*varying)
            payload = [take(row) for row in rows]
        connection.exec_driver_sql(sql, (*shared, _JSON.encode(payload)))


def _no_json_each() -> None:
    global json_each  # noqa: PLW0603 (found out once per process)
    json_each = False


#: Whether this SQLite has ``json_each`` (JSON1: built in since 3.38, in most builds before).
json_each = True
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, allow_nan=False, separators=(",", ":"))


@contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection in the block: a batch's rows are 10,000s of tuples, which make none of the cycles
    the collector looks for, but would set off its passes over every object alive (as it was afterwards)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
