"""The committed templates are exactly what their text source builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from congvan.template_build import TEMPLATES


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_committed_template_matches_its_source(root: Path, name: str) -> None:
    committed = root / "templates" / name
    assert committed.is_file(), f"templates/{name} is missing: run `make templates`"
    assert TEMPLATES[name]() == committed.read_bytes(), (
        f"templates/{name} differs from its source: run `make templates`"
    )


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_build_is_deterministic(name: str) -> None:
    assert TEMPLATES[name]() == TEMPLATES[name]()


def test_every_committed_template_has_a_source(root: Path) -> None:
    committed = {path.name for path in (root / "templates").glob("*.docx")}
    assert committed == set(TEMPLATES), "a .docx in templates/ has no builder in congvan.template_build"
