"""Limits on input sizes: a hostile or broken input is refused within seconds, never run away with.

Every limit has a default that no real administrative document comes near and
can be raised: for a process with `configure` (``congvan.limits.configure(string_length=10**7)``),
or from the shell with an environment variable ``CONGVAN_LIMIT_<NAME>`` (``CONGVAN_LIMIT_STRING_LENGTH``),
which worker processes inherit. `current` is what the code checks against.

>>> current().string_length >= 1_000_000
True
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, fields

from congvan.errors import LimitExceeded

_ENV_PREFIX = "CONGVAN_LIMIT_"


@dataclass(frozen=True)
class Limits:
    """The limits, each in the unit its name says."""

    template_unpacked_bytes: int = 256 * 1024 * 1024
    """A .docx template's members, uncompressed, all together (a zip bomb is refused while reading)."""
    rendered_part_bytes: int = 128 * 1024 * 1024
    """One rendered part (``word/document.xml``…) of one document."""
    string_length: int = 4_000_000
    """A string a template builds (``'a' * n``, ``'%*s'|format``, ``.ljust(n)``…), in characters."""
    range_length: int = 1_000_000
    """A ``range()`` in a template, in items."""
    loop_iterations: int = 10_000_000
    """Loop iterations in one render of one part (nested loops multiply)."""
    integer_bits: int = 4096
    """An integer a template computes (``10 ** n``), in bits."""
    yaml_nodes: int = 1_000_000
    """Nodes of a YAML file after its aliases are expanded (a "billion laughs" file is refused)."""
    table_cell_bytes: int = 1024 * 1024
    """One cell of a CSV table."""
    image_pixels: int = 40_000_000
    """A signature or seal image (PNG), in pixels (a decompression bomb is refused before it is decoded)."""

    def raise_for(self, limit: str, size: int, what: str) -> None:
        """Raise `LimitExceeded` when ``size`` is over the limit named ``limit``; ``what`` says what was measured."""
        maximum = getattr(self, limit)
        if size > maximum:
            raise LimitExceeded(
                f"{what} is {size:,} against a limit of {maximum:,} ({limit}); if the input is meant to be "
                f"this big, raise it with {_ENV_PREFIX}{limit.upper()}=N or congvan.limits.configure({limit}=N)",
                limit=limit,
                maximum=maximum,
            )


def _from_environment() -> Limits:
    changes = {}
    for field in fields(Limits):
        text = os.environ.get(_ENV_PREFIX + field.name.upper())
        if text is None:
            continue
        try:
            value = int(text.replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise LimitExceeded(
                f"{_ENV_PREFIX}{field.name.upper()}={text!r}: a limit is a positive whole number",
                limit=field.name,
                maximum=getattr(Limits, field.name),
            )
        changes[field.name] = value
    return Limits(**changes)


_current: Limits | None = None


def current() -> Limits:
    """The limits in force: defaults, then ``CONGVAN_LIMIT_*`` variables, then `configure`."""
    global _current
    if _current is None:
        _current = _from_environment()
    return _current


def configure(**changes: int) -> Limits:
    """Change limits for this process (and workers it starts later); return the new limits.

    Each change is also written to the environment, so that worker processes see it.
    """
    global _current
    for name, value in changes.items():
        if not isinstance(value, int) or value <= 0:
            raise ValueError(f"limit {name} must be a positive int, got {value!r}")
    updated = dataclasses.replace(current(), **changes)
    for name, value in changes.items():
        os.environ[_ENV_PREFIX + name.upper()] = str(value)
    _current = updated
    return updated
