"""What a template may read: the shape of sample data or of a pydantic model.

A shape answers "has this value an attribute ``x``?", "what are the items of
this list like?" and "which fields does it have?" — enough to check
``{{ signature.name }}`` or ``{%p for task in tasks %}{{ task.heading }}``
against the data a template will get, and to list the fields it never uses.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

_SCALARS = (str, int, float, bool, bytes, type(None))


class Shape:
    """Unknown: anything goes (a value the linter cannot see into)."""

    known = False

    def attr(self, name: str) -> Shape | None:
        return UNKNOWN

    def item(self) -> Shape:
        return UNKNOWN

    def children(self) -> dict[str, Shape]:
        return {}


UNKNOWN = Shape()


class ValueShape(Shape):
    """The shape of sample values (several when they are the items of a list)."""

    known = True

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = list(values)

    def attr(self, name: str) -> Shape | None:
        if not self.values:
            return UNKNOWN
        found = []
        for value in self.values:
            if isinstance(value, Mapping):
                if name in value:
                    found.append(value[name])
                    continue
            if not name.startswith("_") and hasattr(value, name):
                attribute = getattr(value, name)
                if callable(attribute) and not _is_model(value):
                    return UNKNOWN  # a method such as str.upper or dict.items
                found.append(attribute)
        if not found:
            return None
        return ValueShape(found)

    def item(self) -> Shape:
        items: list[Any] = []
        for value in self.values:
            if isinstance(value, Mapping):
                items.extend(value.keys())
            elif isinstance(value, (list, tuple, set, frozenset)):
                items.extend(value)
            elif not isinstance(value, _SCALARS):
                return UNKNOWN
        return ValueShape(items) if items else UNKNOWN

    def children(self) -> dict[str, Shape]:
        names: dict[str, list[Any]] = {}
        for value in self.values:
            if isinstance(value, Mapping):
                for key, child in value.items():
                    if isinstance(key, str):
                        names.setdefault(key, []).append(child)
            elif _is_model(value):
                for key in type(value).model_fields:
                    names.setdefault(key, []).append(getattr(value, key))
        return {key: ValueShape(children) for key, children in names.items()}


class ModelShape(Shape):
    """The shape of a type annotation: a pydantic model's fields, a list's items."""

    known = True

    def __init__(self, annotation: Any) -> None:
        self.types = _flatten(annotation)

    def attr(self, name: str) -> Shape | None:
        for kind in self.types:
            origin = typing.get_origin(kind)
            if origin is not None:
                if isinstance(origin, type) and issubclass(origin, Mapping):
                    return UNKNOWN
                if hasattr(origin, name) and not name.startswith("_"):
                    return UNKNOWN  # list.count and the like
                continue
            if kind is Any or not isinstance(kind, type):
                return UNKNOWN
            if _is_model_class(kind):
                fields = kind.model_fields
                if name in fields:
                    return ModelShape(fields[name].annotation)
                if hasattr(kind, name) and not name.startswith("_"):
                    return UNKNOWN  # a property or a method
            elif issubclass(kind, Mapping):
                return UNKNOWN
            elif hasattr(kind, name) and not name.startswith("_"):
                return UNKNOWN
        return None

    def item(self) -> Shape:
        items = []
        for kind in self.types:
            origin = typing.get_origin(kind)
            args = typing.get_args(kind)
            if origin in (list, tuple, set, frozenset, Sequence) and args:
                items.append(args[0])
            else:
                return UNKNOWN
        return ModelShape(typing.Union[tuple(items)]) if items else UNKNOWN

    def children(self) -> dict[str, Shape]:
        found: dict[str, Shape] = {}
        for kind in self.types:
            if isinstance(kind, type) and _is_model_class(kind):
                for name, info in kind.model_fields.items():
                    found.setdefault(name, ModelShape(info.annotation))
        return found


def _flatten(annotation: Any) -> list[Any]:
    """``Optional[list[X]]`` → ``[list[X]]``; Annotated and unions unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        found = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found.extend(_flatten(arg))
        return found
    if origin in (list, tuple, set, frozenset, Sequence):
        return [annotation]
    if origin is not None:
        return [origin if isinstance(origin, type) else Any]
    return [annotation]


def _is_model_class(kind: type) -> bool:
    return hasattr(kind, "model_fields") and isinstance(getattr(kind, "model_fields", None), dict)


def _is_model(value: Any) -> bool:
    return _is_model_class(type(value))


def shape_of_context(context: Mapping[str, Any]) -> ValueShape:
    return ValueShape([dict(context)])


def shape_of_model(model: type) -> ModelShape:
    return ModelShape(model)
