"""The options that make rendering draw its numbers from a register, checked without loading the database layer.

``register=`` (a `congvan.Register`, an SQLite path or a ``postgresql://`` URL),
``register_name=`` (the register, sổ, of that database) and ``run_id=`` (names a batch's
numbers, so that a rerun takes none twice); `congvan.register.issuing` does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from congvan.errors import DataError, Problem

#: The register a batch numbers from unless told: `congvan.register.DEFAULT_NAME` (kept here: importing
#: `congvan.register` loads SQLAlchemy, which a render without a register does not need).
DEFAULT_REGISTER_NAME = "outgoing"


def numbered_from_register(register: Any, name: str, run_id: str | None) -> bool:
    """Whether numbers come from ``register``; `DataError` for a register name or run id without one."""
    if register is not None:
        return True
    problems = []
    if name != DEFAULT_REGISTER_NAME:
        problems.append(Problem("register_name", f"{name!r} names a register (sổ) of --register: give --register too"))
    if run_id is not None:
        problems.append(Problem("run_id", "a run id names a batch's numbers in --register: give --register too"))
    if problems:
        raise DataError(problems)
    return False


@dataclass(frozen=True)
class RegisterChoice:
    """Where a batch's numbers come from: ``register`` (None: not from a register), its register ``name``
    (sổ) and the ``run_id`` that names the batch's numbers."""

    register: Any = None
    name: str = DEFAULT_REGISTER_NAME
    run_id: str | None = None
