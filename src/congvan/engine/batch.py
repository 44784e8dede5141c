"""Stream many contexts through one compiled template to .docx files.

`render_many` renders in this process (``jobs=1``), in ``jobs`` processes
(this one and ``jobs - 1`` workers, each given the compiled template once), or on any
`concurrent.futures.Executor` (``executor=``: a process pool, Dask's
``Client.get_executor()``, anything whose ``submit`` returns futures; see
`congvan.engine.remote`). Work is sent in chunks with a bounded number in flight,
outputs go straight to their files and only a small `RenderResult` comes back:
memory stays flat in the number of letters. Results come back in input order.

Workers never outlive the process that started them: on Linux the kernel kills a worker when
its parent dies (even by SIGKILL), elsewhere a worker stops before its next item once its
parent is gone. Workers ignore Ctrl-C; the parent stops them when it is interrupted.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import itertools
import multiprocessing
import os
import secrets
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.engine.compiled import Template
from congvan.engine.package import Source
from congvan.engine.remote import WRITES, ChunkTask, Rendered, TemplateSpec, Write, render_chunk
from congvan.errors import CongvanError, ExecutorError, OutputError
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
    executor: concurrent.futures.Executor | Any | None = None,
    write: Write = "worker",
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
    rendering propagate; a `CongvanError` carries ``item``, the failing item's position.
    When the iteration ends early (an error, an interrupt, ``close()``), the workers are
    stopped before the generator finishes closing.

    With ``executor`` (instead of ``jobs``), each chunk of items is one task of that
    executor; the same pickling rules apply, and the workers use their own limits
    (`congvan.limits`, ``CONGVAN_LIMIT_*`` in their environment). ``write`` says who writes
    the files: ``"worker"`` (default) writes them where the task runs, so their folders
    must exist and be shared with this process (this process checks that it sees each file
    at its size); ``"caller"`` brings the bytes back and writes them here. A task that fails
    or is lost fails the iteration (`ExecutorError` when it is lost: the worker died, the
    pool broke); an executor that retries tasks (Dask does when a worker dies) may run a
    task again, which writes the same bytes. The bytes are those of ``jobs=1``.
    """
    if isinstance(template, Template):
        if template_options:
            raise TypeError("template options apply only when template is not compiled yet")
        compiled = template
    else:
        compiled = Template(template, **template_options)
    if write not in WRITES:
        raise ValueError(f"write must be 'worker' or 'caller', got {write!r}")
    if executor is not None:
        if jobs > 1:
            raise ValueError("give jobs or executor, not both: the executor's workers do the work")
        yield from _render_on_executor(compiled, items, executor, prepare, max(1, chunksize), write)
        return
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


def executor_workers(executor: Any) -> int:
    """How many tasks ``executor`` runs at once, as far as it says (a pool's workers, a Dask cluster's threads); else 4."""
    count = getattr(executor, "_max_workers", None)  # concurrent.futures' own pools
    if isinstance(count, int) and count > 0:
        return count
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    nthreads = getattr(client, "nthreads", None)
    if callable(nthreads):
        try:
            threads = sum(nthreads().values())
        except Exception:  # noqa: BLE001 - a client that cannot say: the default
            threads = 0
        if threads > 0:
            return threads
    return 4


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


#: Seconds to wait, after a batch fails, for its tasks still running to end (they may still write).
SETTLE = 30.0
#: Exceptions that mean a task was lost rather than failed (the executor's, not the document's).
_LOST = (concurrent.futures.BrokenExecutor, concurrent.futures.CancelledError)


def _render_on_executor(
    template: Template,
    items: Iterable[Item],
    executor: Any,
    prepare: Callable[[Item], Any] | None,
    chunksize: int,
    write: Write,
) -> Iterator[RenderResult]:
    """Render chunk by chunk on ``executor``, a bounded number of chunks in flight, the results in order.

    When anything goes wrong (a task fails, this generator is closed or interrupted), the
    chunks in flight (a bounded few) are waited for (at most `SETTLE` seconds) before the
    error goes on, so that no task of the batch still writes into a folder its caller is
    about to remove.
    """
    spec = TemplateSpec.of(template)
    batch = secrets.token_hex(8)
    numbered = enumerate(items)
    window = 2 * executor_workers(executor) + 1
    pending: deque[Any] = deque()
    number = itertools.count()

    def submit() -> bool:
        chunk = list(itertools.islice(numbered, chunksize))
        if not chunk:
            return False
        task = ChunkTask(batch, next(number), spec, prepare, chunk, write)
        try:
            pending.append(executor.submit(render_chunk, task))
        except _LOST as error:  # the pool broke before this submit (a worker killed meanwhile): lost, as in _outcome
            raise ExecutorError(
                f"a task of the batch was lost ({type(error).__name__}: {error}); nothing was kept"
            ) from error
        return True

    try:
        more = True
        while more and len(pending) < window:
            more = submit()
        while pending:
            head = pending.popleft()
            rendered = _outcome(head)
            if more:
                more = submit()
            for one in rendered:
                yield _accepted(one, write)
    except BaseException:
        _abandon(pending)
        raise


def _outcome(future: Any) -> list[Rendered]:
    """The chunk's results; a lost task (not a failed one) becomes an `ExecutorError`."""
    try:
        return future.result()
    except CongvanError:
        raise
    except _LOST as error:
        raise ExecutorError(
            f"a task of the batch was lost ({type(error).__name__}: {error}); nothing was kept"
        ) from error
    except Exception as error:
        if any(cls.__name__ == "KilledWorker" for cls in type(error).__mro__):  # distributed's, not imported here
            raise ExecutorError(f"a task of the batch was lost: its worker died ({error}); nothing was kept") from error
        raise


def _accepted(one: Rendered, write: Write) -> RenderResult:
    """The result of one item, its file written here (``write="caller"``) or seen here at its size."""
    if write == "caller":
        data = one.data if one.data is not None else b""
        if len(data) != one.size or hashlib.sha256(data).hexdigest() != one.sha256:
            raise ExecutorError(f"the bytes of {one.path} came back damaged from the executor; nothing was kept")
        path = write_atomically(one.path, data)
        return RenderResult(one.index, path, one.sha256, one.size)
    try:
        size = os.stat(one.path).st_size
    except OSError:
        size = -1
    if size != one.size:
        seen = "is not there" if size < 0 else f"has {size:,} bytes, not {one.size:,}"
        raise OutputError(
            f"a worker wrote {one.path}, but here it {seen}: write='worker' needs a folder that this process "
            "and every worker share (the same path on every machine); else use write='caller'"
        )
    return RenderResult(one.index, one.path, one.sha256, one.size)


def _abandon(pending: deque[Any]) -> None:
    """Wait (at most `SETTLE` seconds) for the chunks in flight to end, whatever their end.

    None is cancelled: an executor's future may not say whether its task has started (Dask's
    stay pending while a worker runs them, and cancelling one leaves the worker running it), so
    a cancelled chunk could still be writing into the staging folder as its caller removes it.
    """
    deadline = time.monotonic() + SETTLE
    for future in pending:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            future.exception(timeout=left)
        except KeyboardInterrupt:  # a second Ctrl-C: stop waiting
            break
        except BaseException:  # noqa: BLE001 - timed out, lost: it has ended or we stop waiting
            continue
