"""pyHanko and fontTools log what congvan reports itself (a path not built to an untrusted root, a font
table dropped when subsetting); these logs are kept quiet while congvan signs and verifies."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

QUIET = ("pyhanko", "pyhanko_certvalidator", "fontTools")


@contextmanager
def quiet() -> Iterator[None]:
    """Raise the libraries' loggers to CRITICAL for the block, then restore them."""
    loggers = [logging.getLogger(name) for name in QUIET]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
