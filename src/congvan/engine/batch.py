"""Stream many contexts through one compiled template to .docx files.

`render_many` renders in this process (``jobs=1``) or in ``jobs`` processes
(this one and ``jobs - 1`` workers, each given the compiled template once). Work is sent in
chunks with a bounded number in flight, outputs go straight to their files and
only a small `RenderResult` comes back: memory stays flat in the number of
letters. Results come back in input order.

Workers never outlive the process that started them: on Linux the kernel kills a worker when
its parent dies (even by SIGKILL), elsewhere a worker stops before its next item once its
parent is gone. Workers ignore Ctrl-C; the parent stops them when it is interrupted.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.engine.compiled import Template
from congvan.engine.package import Source
from congvan.errors import CongvanError
from congvan.files import write_atomically

Item = Any
"""One unit of work: ``(path, context)``, or anything ``prepare`` turns into that."""


@dataclass(frozen=True)
class RenderResult:
    """One written letter: its position in the input, file, SHA-256 and size in bytes."""

    index: int
    path: Path
    sha256: str
    size: int


def render_many(
    template: Template | Source,
    items: Iterable[Item],
    *,
    jobs: int = 1,
    prepare: Callable[[Item], tuple[os.PathLike | str, Mapping[str, Any]]] | None = None,
    chunksize: int = 16,
    mp_context: str | None = None,
    **template_options: Any,
) -> Iterator[RenderResult]:
    """Render each item to its file and yield a `RenderResult` per item, in order.

    ``template`` is a compiled `Template` or what `Template` reads (path,
    bytes, file object) with ``template_options`` (``strict``, ``filters``…).
    Each item is a ``(path, context)`` pair, or, when ``prepare`` is given,
    anything that ``prepare(item)`` turns into such a pair; ``prepare`` runs
    in the worker, so items can be small (a row number, an id) and contexts
    are built where they are used. Files are written atomically (a temporary
    file beside the target, then renamed); parent folders are created.

    With ``jobs > 1`` the work runs in that many processes: ``jobs - 1``
    workers and this one; ``template``, ``prepare``, filters, globals and items
    must then be picklable (module-level functions). Errors raised while
    rendering propagate; a `CongvanError` carries ``item``, the failing item's position. When the iteration ends early (an error, an interrupt,
    ``close()``), the workers are stopped before the generator finishes closing.
    """
    if isinstance(template, Template):
        if template_options:
            raise TypeError("template options apply only when template is not compiled yet")
        compiled = template
    else:
        compiled = Template(template, **template_options)
    if jobs <= 1:
        for index, item in enumerate(items):
            yield _render_one(compiled, prepare, index, item)
        return
    yield from _render_parallel(compiled, items, jobs, prepare, max(1, chunksize), mp_context)


def render_in_memory(template: Template, contexts: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """Render each context and yield the .docx bytes, in order (a dry run writes nothing).

    A `CongvanError` carries ``item``, the failing context's position, as in `render_many`.
    """
    for index, context in enumerate(contexts):
        try:
            yield template.render(context)
        except CongvanError as error:
            error.item = index
            raise


def chunk_size(count: int, jobs: int) -> int:
    """A chunk size for ``count`` items over ``jobs`` processes: about 8 chunks each, 16 to 256 items."""
    return max(16, min(256, count // (max(1, jobs) * 8)))


def _render_one(template: Template, prepare: Callable[[Item], Any] | None, index: int, item: Item) -> RenderResult:
    path, context = prepare(item) if prepare is not None else item
    try:
        data = template.render(context)
    except CongvanError as error:
        error.item = index  # which item failed: the caller names its row (kept when pickled from a worker)
        raise
    path = write_atomically(path, data)
    return RenderResult(index, path, hashlib.sha256(data).hexdigest(), len(data))


_WORKER: dict[str, Any] = {}
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _init_worker(template: Template, prepare: Callable[[Item], Any] | None, owner: int | None) -> None:
    """Set up a worker: it dies with its parent, leaves Ctrl-C to the parent and dies on SIGTERM.

    ``owner`` is the pid the worker's parent must have (None with forkserver, whose server is the parent).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the command line's handler
    _die_with_parent()
    parent = os.getppid()
    if owner is not None and parent != owner:  # the parent died before the line above
        os._exit(1)
    _WORKER["parent"] = parent
    _WORKER["template"] = template
    _WORKER["prepare"] = prepare


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the check in _render_chunk remains
        pass


def _render_chunk(chunk: list[tuple[int, Item]]) -> list[RenderResult]:
    template = _WORKER["template"]
    prepare = _WORKER["prepare"]
    results = []
    for index, item in chunk:
        if os.getppid() != _WORKER["parent"]:  # orphaned: nobody will use what we write
            os._exit(1)
        results.append(_render_one(template, prepare, index, item))
    return results


class _LocalChunk:
    """A chunk this process renders itself, possibly ahead of its turn."""

    __slots__ = ("items", "results")

    def __init__(self, items: list[tuple[int, Item]]) -> None:
        self.items = items
        self.results: list[RenderResult] | None = None

    def render(self, template: Template, prepare: Callable[[Item], Any] | None) -> list[RenderResult]:
        if self.results is None:
            self.results = [_render_one(template, prepare, index, item) for index, item in self.items]
        return self.results


def _render_parallel(
    template: Template,
    items: Iterable[Item],
    jobs: int,
    prepare: Callable[[Item], Any] | None,
    chunksize: int,
    mp_context: str | None,
) -> Iterator[RenderResult]:
    """Render with ``jobs - 1`` worker processes and this process as the last worker.

    Chunks are dealt in turn, the first to this process. While a worker's chunk
    is due but not ready, this process renders its own next chunk ahead of
    time. Using the calling process saves starting one worker, which is what
    small batches (a few dozen letters) pay for most.
    """
    ctx = multiprocessing.get_context(mp_context)
    numbered = enumerate(items)
    window = jobs * 3  # chunks in flight: enough to keep workers busy, bounded memory
    owner = None if ctx.get_start_method() == "forkserver" else os.getpid()
    with ctx.Pool(jobs - 1, initializer=_init_worker, initargs=(template, prepare, owner)) as pool:
        pending: deque = deque()
        dealt = itertools.count()

        def submit() -> bool:
            chunk = list(itertools.islice(numbered, chunksize))
            if not chunk:
                return False
            if next(dealt) % jobs == 0:
                pending.append(_LocalChunk(chunk))
            else:
                pending.append(pool.apply_async(_render_chunk, (chunk,)))
            return True

        more = True
        while more and len(pending) < window:
            more = submit()
        while pending:
            head = pending[0]
            if not isinstance(head, _LocalChunk) and not head.ready():
                ahead = next((c for c in pending if isinstance(c, _LocalChunk) and c.results is None), None)
                if ahead is not None:
                    ahead.render(template, prepare)
                    continue
            pending.popleft()
            if more:
                more = submit()
            yield from head.render(template, prepare) if isinstance(head, _LocalChunk) else head.get()
