"""Shared fixtures: paths of the repository and of the reference texts the tests read (tests/reference)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def reference() -> Path:
    """tests/reference: the seed directive (the project's own input document, seed/) and the provinces spec
    (spec/provinces.md), copied into the repository so that a clone with no ../shared passes its tests."""
    return REFERENCE
