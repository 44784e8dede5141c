"""The JSON schemas of the public models are pinned: a change to a model's fields shows here as a diff.

The files in ``tests/schemas/`` were written from the models when the layout was last
reviewed; when a model changes on purpose, write them again with
``CONGVAN_WRITE_SCHEMAS=1 .venv/bin/python -m pytest tests/test_model_schemas.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import congvan

SCHEMAS = Path(__file__).parent / "schemas"
MODELS = (
    "OfficialLetter",
    "FollowUp",
    "ProvinceStatus",
    "Resolution",
    "Decision",
    "AttachedText",
    "NamedDocument",
    "Telegram",
    "Invitation",
    "Introduction",
    "Minutes",
    "LeaveNote",
    "AnnexDocument",
    "AdministrativeDocument",
)


@pytest.mark.parametrize("name", MODELS)
def test_the_model_schema_is_the_pinned_one(name: str) -> None:
    schema = json.dumps(getattr(congvan, name).model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    pinned = SCHEMAS / f"{name}.json"
    if os.environ.get("CONGVAN_WRITE_SCHEMAS") == "1":
        pinned.write_text(schema, encoding="utf-8")
    assert pinned.is_file(), f"no pinned schema for {name}: see this module's docstring"
    assert schema == pinned.read_text(encoding="utf-8"), f"the JSON schema of {name} changed: review, then pin it again"


def test_every_public_model_is_pinned_itself_or_inside_a_pinned_schema() -> None:
    from pydantic import BaseModel

    covered = set(MODELS)
    for name in MODELS:
        covered |= set(json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8")).get("$defs", {}))
    public = {
        name
        for name in congvan.__all__
        if isinstance(getattr(congvan, name), type) and issubclass(getattr(congvan, name), BaseModel)
    }
    assert public - covered == set(), "a public model whose JSON schema no pin covers: add it to MODELS"
    assert {path.stem for path in SCHEMAS.glob("*.json")} == set(MODELS)
