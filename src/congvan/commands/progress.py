"""A progress bar on a terminal (total, percentage, ETA, kept at the end), nothing when the output is piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(unit: str) -> Iterator[Callable[[int, int], object] | None]:
    """Yield ``progress(advance, total)`` driving a tqdm bar on stderr, or None when stderr is not a terminal.

    The library calls it after each document with the batch's total, so the bar shows
    "37%|███▋      | 23/63 [00:01<00:02, 17.9 letter/s]" and stays on screen when done.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(unit=f" {unit}", file=sys.stderr, leave=True, dynamic_ncols=True) as bar:

        def advance(count: int, total: int) -> None:
            if bar.total != total:
                bar.total = total
                bar.refresh()
            bar.update(count)

        advance.bar = bar  # type: ignore[attr-defined]
        yield advance
