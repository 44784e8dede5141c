"""The worker's side of `render_many` with an executor: a chunk of items in; names, sizes and SHA-256 out.

A task carries the template as its bytes and options (a few tens of KB, small beside a
chunk's contexts). A worker compiles it once and keeps it in a small cache keyed by the
SHA-256 of source and options, so every later chunk of the batch (and of later batches
with the same template) skips the compile. Nothing here keeps state about the caller: any
worker may run any task, a task may run twice (an executor's retry), and the bytes are the
same each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import socket
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from congvan.engine.compiled import Template
from congvan.errors import CongvanError, OutputError
from congvan.files import write_atomically

Write = Literal["worker", "caller"]
WRITES: tuple[Write, ...] = ("worker", "caller")

#: Compiled templates a worker keeps (most recently used last).
CACHE_SIZE = 8
_CACHE: OrderedDict[str, Template] = OrderedDict()
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class TemplateSpec:
    """What a worker needs to compile a template: its key (SHA-256 of source and options), source, options."""

    key: str
    source: bytes = field(repr=False)
    options: dict[str, Any] = field(repr=False)

    @classmethod
    def of(cls, template: Template) -> TemplateSpec:
        """The spec of a compiled template; `TypeError` when its filters or globals cannot be pickled."""
        _rebuild, (source, options) = template.__reduce__()
        try:
            pickled = pickle.dumps(options, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            raise TypeError(
                f"with an executor, the template's filters and globals must be picklable "
                f"(module-level functions, plain values): {error}"
            ) from None
        digest = hashlib.sha256(source)
        digest.update(hashlib.sha256(pickled).digest())
        return cls(digest.hexdigest(), source, options)

    def compiled(self) -> Template:
        """The compiled template: from this process's cache, else compiled now and cached."""
        with _CACHE_LOCK:
            template = _CACHE.get(self.key)
            if template is not None:
                _CACHE.move_to_end(self.key)
                return template
        template = Template(self.source, **self.options)  # outside the lock: two threads may both compile once
        with _CACHE_LOCK:
            _CACHE[self.key] = template
            _CACHE.move_to_end(self.key)
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
        return template


def cached_keys() -> tuple[str, ...]:
    """The keys of the templates this process has compiled and keeps (oldest first)."""
    with _CACHE_LOCK:
        return tuple(_CACHE)


@dataclass(frozen=True)
class ChunkTask:
    """One task: consecutive items of a batch, numbered by their place in the input."""

    batch: str
    number: int
    template: TemplateSpec
    prepare: Callable[[Any], tuple[os.PathLike | str, Any]] | None
    items: list[tuple[int, Any]]
    write: Write

    def __dask_tokenize__(self) -> tuple[str, str, int]:
        """Dask names a task by a hash of its arguments: this one is cheap and unique to the chunk."""
        return ("congvan-chunk", self.batch, self.number)


@dataclass(frozen=True)
class Rendered:
    """One rendered item as a task returns it; ``data`` only when the caller writes the file."""

    index: int
    path: Path
    sha256: str
    size: int
    data: bytes | None = field(default=None, repr=False)


def render_chunk(task: ChunkTask) -> list[Rendered]:
    """Render a chunk; with ``write="worker"`` each file is written here (its folder must exist already).

    A worker never creates a folder: a task that outlives its batch (an abandoned retry) then
    fails instead of making again a staging folder that its caller has removed.
    A `CongvanError` carries ``item``, the failing item's position in the whole input.
    """
    template = task.template.compiled()
    done = []
    for index, item in task.items:
        path, context = task.prepare(item) if task.prepare is not None else item
        try:
            data = template.render(context)
        except CongvanError as error:
            error.item = index
            raise
        digest = hashlib.sha256(data).hexdigest()
        if task.write == "worker":
            written = _write_here(Path(path), data)
            done.append(Rendered(index, written, digest, len(data)))
        else:
            done.append(Rendered(index, Path(path), digest, len(data), data))
    return done


def _write_here(path: Path, data: bytes) -> Path:
    """Write one file on the worker, into a folder that must already be there."""
    try:
        return write_atomically(path, data, parents=False)
    except OutputError:
        if path.parent.is_dir():
            raise
        raise OutputError(
            f"cannot write {path} on the worker {socket.gethostname()}: its folder {path.parent} is not there; "
            "write='worker' needs a folder that the caller and every worker share, else use write='caller'"
        ) from None
