"""The hostile-input suite: each test is one attack on congvan, read as a list of what must hold.

What holds for every attack: a clear `CongvanError` (exit 2 from the command line) whose
message names the place (file, row, column, field, part) and what would be right; nothing
written; earlier output untouched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from congvan.cli import main


@dataclass(frozen=True)
class Outcome:
    """What one command-line run gave: exit status, standard output, standard error."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``congvan ARGS…`` in this process; return its `Outcome`."""

    def run(*args: str) -> Outcome:
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return run


def _digest(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def tree_digest():
    """Every file under a folder (hidden ones included) with its SHA-256: compare before and after an attack."""
    return _digest
