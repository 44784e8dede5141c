"""Read document data from YAML and report every problem with its field path and line.

PyYAML's implicit timestamps are switched off: "2020-02-30" stays text and
reaches the model, which reports it as an impossible date at its path instead
of PyYAML failing on the first one.

The composed document is walked once, node by node, before any data is built:
it gives the line of every field path, finds a key written twice in a mapping
(PyYAML would keep the last one silently), and counts the nodes the aliases
(``*name``) expand to against the ``yaml_nodes`` limit, so that a "billion
laughs" file of a few hundred bytes is refused at once. Every failure of
PyYAML, a raw control character included, is a `DataError` at its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from congvan import limits
from congvan.errors import DataError, Problem

ModelT = TypeVar("ModelT", bound=BaseModel)


#: libyaml's parser where PyYAML has it (its wheels do): several times faster than the pure-Python one.
FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(FastSafeLoader):  # type: ignore[valid-type, misc]
    """Safe YAML without implicit timestamps (dates are validated by the model).

    A scalar its tag cannot read (``!!int mười``, an integer of 5,000 digits, ``!!bool có``)
    is a ConstructorError at its line, not a bare ValueError.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, OverflowError):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            value = node.value if isinstance(node.value, str) else ""
            shown = repr(value if len(value) <= 40 else value[:40] + "…")
            problem = f"{shown} cannot be read as {tag}: correct it, or quote it to keep it as text"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


_Loader.yaml_implicit_resolvers = {
    first: [entry for entry in resolvers if entry[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]


_MERGE = "tag:yaml.org,2002:merge"
_TEXT_KEYS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:value")
_CONSTRUCTED_KEYS = (
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
)


def _survey(root: yaml.Node, loader: _Loader, source: str) -> dict[Path_, int]:
    """Walk the composed document once per node: the 1-based line of each field path, checked.

    - A node reached again through an alias is not walked again; the alias's path has the
      line of the key where it is used, and its nodes count once per use against ``yaml_nodes``
      (`LimitExceeded` as soon as one node stands for more).
    - A key written twice in one mapping, and a node that contains an alias of itself, are
      a `DataError` naming the lines.
    """
    survey = _Survey(loader, source)
    survey.walk(root, ())
    if survey.problems:
        raise DataError(survey.problems, source)
    return survey.lines


class _Survey:
    """The state of `_survey`: lines found, the size of each collection walked, the problems."""

    def __init__(self, loader: _Loader, source: str) -> None:
        self.loader = loader
        self.source = source
        self.maximum = limits.current().yaml_nodes
        self.lines: dict[Path_, int] = {}
        self.sizes: dict[int, int] = {}  # id(node) → how many nodes it stands for, aliases expanded
        self.walking: set[int] = set()  # collections whose walk has begun and not ended: the ancestors
        self.problems: list[Problem] = []

    def walk(self, node: yaml.Node, path: Path_ | None) -> int:
        """Record ``node`` at ``path`` (None: a key, which has no path); return how many nodes it stands for."""
        if path is not None:
            self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return 1
        seen = self.sizes.get(id(node))
        if seen is not None:
            return seen
        if id(node) in self.walking:
            message = "an alias (*name) inside the node it names: the node would contain itself, without end"
            where = format_path(path) if path is not None else ""
            raise DataError([Problem(where, message, node.start_mark.line + 1)], self.source)
        self.walking.add(id(node))
        size = 1
        if isinstance(node, yaml.MappingNode):
            self.problems += _duplicate_keys(node, path, self.loader)
            merges = False
            for key, value in node.value:
                child = None
                if path is not None and isinstance(key, yaml.ScalarNode):
                    child = (*path, key.value)
                    self.lines[child] = key.start_mark.line + 1
                    merges = merges or key.tag == _MERGE
                size += self.walk(key, None) + self.walk(value, child)
            if merges:
                _merged_lines(node, path, self.lines)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                size += self.walk(item, None if path is None else (*path, index))
        self.walking.discard(id(node))
        if size > self.maximum:
            what = f"{self.source}: the YAML node at line {node.start_mark.line + 1}, its aliases (*name) expanded,"
            limits.current().raise_for("yaml_nodes", size, what)
        self.sizes[id(node)] = size
        return size


def _duplicate_keys(node: yaml.MappingNode, path: Path_ | None, loader: _Loader) -> list[Problem]:
    """A problem for each key written more than once in ``node`` (``1`` and ``0x1`` are one key)."""
    texts = {key.value for key, _value in node.value if type(key) is yaml.ScalarNode and key.tag == _TEXT_KEYS[0]}
    if len(texts) == len(node.value):
        return []  # the common case, said quickly: every key is distinct text
    keys: dict[Any, list[yaml.Node]] = {}
    for key, _value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue  # a merge key's mapping is overridden by the keys beside it, as it should be
        if key.tag in _TEXT_KEYS:
            identity: Any = key.value
        elif key.tag in _CONSTRUCTED_KEYS:
            identity = loader.construct_object(key)
        else:
            identity = (key.tag, key.value)
        keys.setdefault(identity, []).append(key)
    problems = []
    for nodes in keys.values():
        if len(nodes) > 1:
            numbers = [str(node.start_mark.line + 1) for node in nodes]
            times = "twice" if len(nodes) == 2 else f"{len(nodes)} times"
            message = (
                f"key {nodes[0].value!r} appears {times}: lines {', '.join(numbers[:-1])} and {numbers[-1]}; "
                "only one would be kept, so keep the one you mean"
            )
            where = format_path((*path, nodes[0].value)) if path is not None else ""
            problems.append(Problem(where, message, nodes[-1].start_mark.line + 1))
    return problems


def _merged_lines(node: yaml.MappingNode, path: Path_, lines: dict[Path_, int]) -> None:
    """The keys a merge (``<<: *base``) brings in have the line of the merge, unless given beside it."""
    for key, value in node.value:
        if key.tag != _MERGE:
            continue
        for merged in value.value if isinstance(value, yaml.SequenceNode) else [value]:
            if isinstance(merged, yaml.MappingNode):
                for merged_key, _value in merged.value:
                    if isinstance(merged_key, yaml.ScalarNode):
                        lines.setdefault((*path, merged_key.value), key.start_mark.line + 1)


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
        data = source.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem("", "file not found")], source=str(source)) from None
    except OSError as error:
        raise DataError([Problem("", f"cannot be read: {error.strerror or error}")], str(source)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 text ({error.reason} at byte {error.start}): save the file as UTF-8"
        raise DataError([Problem(f"byte {error.start}", message, line)], str(source)) from None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()  # parsed once: the nodes give the lines, then the data
            lines = _survey(node, loader, str(source)) if node is not None else {}
            value = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise DataError([_yaml_problem(error, data)], source=str(source)) from None
    except RecursionError:
        raise DataError([Problem("", "YAML nested too deeply to be read")], source=str(source)) from None
    return value, lines


def _yaml_problem(error: yaml.YAMLError, data: bytes) -> Problem:
    """What PyYAML's error says, at its line."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        kind = "YAML" if isinstance(error, yaml.constructor.ConstructorError) else "YAML syntax"
        return Problem("", f"{kind}: {error.problem or error.context}", line)
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml counts the position in bytes of the UTF-8 text; PyYAML's own reader in characters
        before = (
            data[: error.position].decode("utf-8", "ignore") if _BYTE_POSITIONS else data.decode()[: error.position]
        )
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = error.character if isinstance(error.character, int) else ord(error.character)
        message = (
            f"the character U+{character:04X} at column {column} cannot be in a YAML file ({error.reason}): remove it"
        )
        return Problem("", message, line)
    return Problem("", f"YAML: {error}")


_BYTE_POSITIONS = FastSafeLoader is not yaml.SafeLoader


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
