"""An error rendering one document, named by its row (and column) in the table it came from."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from congvan.engine import Template
from congvan.errors import CongvanError, DataError, FilterValueError, InvalidCharacterError, Problem


@contextmanager
def rows_named(
    template: Template, contexts: list[dict[str, Any]], numbers: list[int], source: str | None
) -> Iterator[None]:
    """Turn an error rendering one row into a `DataError` naming the row (and, for a filter, the column:
    among the columns holding the value it could not read, one the template gives that filter first)."""
    try:
        yield
    except CongvanError as error:
        index = getattr(error, "item", None)
        if index is None or isinstance(error, DataError):
            raise
        where = f"row {numbers[index]}"
        if isinstance(error, FilterValueError):
            holding = [k for k, v in contexts[index].items() if v is error.value or v == error.value]
            given = template.filter_inputs(error.filter)
            column = next((k for k in holding if k in given), holding[0] if holding else None)
            if column is not None:
                where += f", column {column}"
            raise DataError([Problem(where, error.message)], source=source) from error
        if isinstance(error, InvalidCharacterError):
            column = next((k for k, v in contexts[index].items() if _holds(v, error.codepoint, error.position)), None)
            if column is not None:
                where += f", column {column}"
        raise DataError([Problem(where, str(error))], source=source) from error


def _holds(value: Any, codepoint: int, position: int) -> bool:
    return isinstance(value, str) and len(value) > position and ord(value[position]) == codepoint
