"""docs/templates.md lists exactly the names the templates' contexts have."""

from __future__ import annotations

import re
from pathlib import Path

import congvan
from congvan.campaigns.followup.context import sample_context
from congvan.documents import letter_context

ROOT = Path(__file__).resolve().parents[1]


def documented(section: str) -> set[str]:
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    body = text.split(section, 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in body.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= {re.split(r"[.\[]", name)[0] for name in re.findall(r"`([^`]+)`", first_cell)}
    return names


def test_the_cong_van_context_is_documented() -> None:
    context = letter_context(congvan.load(ROOT / "data" / "directive-2020.yaml"))
    assert documented("## The context of a công văn") == set(context)


def test_the_follow_up_context_is_documented() -> None:
    follow_up = sample_context(ROOT / "data" / "follow-up-2020.yaml")
    cong_van = letter_context(congvan.load(ROOT / "data" / "directive-2020.yaml"))
    assert documented("## The context of a follow-up letter") == set(follow_up) - set(cong_van)
