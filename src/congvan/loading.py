"""Read document data from YAML and report every problem with its field path and line.

PyYAML's implicit timestamps are switched off: "2020-02-30" stays text and
reaches the model, which reports it as an impossible date at its path instead
of PyYAML failing on the first one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from congvan.errors import DataError, Problem

ModelT = TypeVar("ModelT", bound=BaseModel)


#: libyaml's parser where PyYAML has it (its wheels do): several times faster than the pure-Python one.
FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(FastSafeLoader):  # type: ignore[valid-type, misc]
    """Safe YAML without implicit timestamps (dates are validated by the model)."""


_Loader.yaml_implicit_resolvers = {
    first: [entry for entry in resolvers if entry[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]


def _line_map(node: yaml.Node, path: Path_ = (), lines: dict[Path_, int] | None = None) -> dict[Path_, int]:
    """Map each field path of a composed YAML document to its 1-based line."""
    lines = {} if lines is None else lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            lines[child] = key.start_mark.line + 1
            _line_map(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _line_map(value, (*path, index), lines)
    return lines


def format_path(location: tuple[str | int, ...]) -> str:
    """``("body", "tasks", 5, "parts", 2)`` → ``"body.tasks[5].parts[2]"``."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field: not part of this component (check the spelling)",
}


def problems_from(error: ValidationError, lines: Mapping[Path_, int] | None = None) -> list[Problem]:
    """Turn pydantic's errors into Problems with field paths and, where known, YAML lines."""
    problems = []
    for item in error.errors(include_url=False):
        location = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        message = _MESSAGES.get(item["type"], item["msg"])
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if (
            item["type"] not in (*_MESSAGES, "value_error")
            and "input" in item
            and not isinstance(item["input"], (dict, list))
        ):
            message += f" (got {item['input']!r})"
        line = None
        if lines:
            probe = location
            while probe and probe not in lines:
                probe = probe[:-1]
            line = lines.get(probe)
        problems.append(Problem(format_path(location), message, line))
    return problems


def read_yaml(path: str | Path) -> tuple[Any, dict[Path_, int]]:
    """Parse a YAML file; return its data and the line of every field path."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem("", "file not found")], source=str(source)) from None
    except UnicodeDecodeError as error:
        raise DataError([Problem("", f"not UTF-8 text ({error.reason} at byte {error.start})")], str(source)) from None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()  # parsed once: the nodes give the lines, then the data
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise DataError([Problem("", f"YAML syntax: {error.problem}", line)], source=str(source)) from None
    return data, (_line_map(node) if node is not None else {})


def validate(
    model: type[ModelT], data: Any, *, source: str | None = None, lines: Mapping[Path_, int] | None = None
) -> ModelT:
    """Build ``model`` from ``data``, raising one DataError that lists every problem."""
    if not isinstance(data, Mapping):
        raise DataError([Problem("", f"expected a mapping of fields, got {type(data).__name__}")], source)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DataError(problems_from(error, lines), source=source) from None


def load_model(model: type[ModelT], path: str | Path) -> ModelT:
    """Read ``path`` (YAML) into ``model``, with every problem reported at once."""
    data, lines = read_yaml(path)
    return validate(model, data, source=str(path), lines=lines)
