"""Stopping conversions at once: Ctrl-C or SIGTERM cancel the workers, which kill LibreOffice and clean up.

The main thread never blocks on a worker for long: it waits in short slices,
so an interrupt reaches it at once; it then sets the shared ``cancel`` event,
each worker's `run_tool` kills its process group, the workers remove their
temporary files, and the interrupt goes on up.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, wait
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: How long the main thread waits at a time: an interrupt is handled at most this late.
SLICE = 0.1
#: How long cancelled workers get to kill their programs and remove their files.
SETTLE = 10.0


def run_all(pool: Executor, function: Callable[[T], R], items: Iterable[T], cancel: threading.Event) -> list[R]:
    """``function(item)`` for each item in ``pool``; the results in order, waited for interruptibly.

    ``function`` must stop soon once ``cancel`` is set (`run_tool` does). On an interrupt
    (``KeyboardInterrupt``, the ``SystemExit`` of `terminate_as_exit`, any exception) while
    submitting or waiting, ``cancel`` is set, calls not started never start, and the interrupt
    is raised again only when every running call has ended: no program is left running.
    """
    futures: list[Future[R]] = []
    try:
        for item in items:
            futures.append(pool.submit(function, item))
        while wait(futures, timeout=SLICE).not_done:
            pass
    except BaseException:
        cancel.set()
        for future in futures:
            future.cancel()
        _settle(futures)
        raise
    return [future.result() for future in futures]


def _settle(futures: Sequence[Future[Any]]) -> None:
    """Wait (at most `SETTLE` seconds) for cancelled workers to finish; a repeated Ctrl-C does not cut it short."""
    deadline = time.monotonic() + SETTLE
    while time.monotonic() < deadline:
        try:
            if not wait(futures, timeout=SLICE).not_done:
                return
        except BaseException:  # noqa: BLE001 - a second Ctrl-C: cleaning up still comes first
            continue


@contextmanager
def terminate_as_exit() -> Iterator[None]:
    """While the block runs, SIGTERM raises ``SystemExit(143)`` in the main thread instead of killing the process.

    Python's default for SIGTERM ends the process at once: no ``finally`` runs, so
    LibreOffice instances (in their own sessions) and temporary profiles would be
    left behind. A handler the program installed itself is kept; outside the main
    thread nothing changes.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def terminated(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
