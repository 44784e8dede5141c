"""A progress bar on a terminal, nothing when the output is piped or logged."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(unit: str) -> Iterator[Callable[[int], object] | None]:
    """Yield a callback that advances a tqdm bar on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(unit=unit, file=sys.stderr, leave=False) as bar:
        yield bar.update
