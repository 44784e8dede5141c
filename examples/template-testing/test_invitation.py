"""A user's tests of their own template, with congvan's pytest plugin (no import needed for the fixture)."""

from __future__ import annotations

from pathlib import Path

import yaml

from congvan.testing.pytest_plugin import assert_template_clean
from congvan.testing.snapshot import snapshot

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "invitation.docx"
SAMPLE = yaml.safe_load((HERE / "sample.yaml").read_text(encoding="utf-8"))


def test_template_is_clean_against_the_sample():
    assert_template_clean(TEMPLATE, context=SAMPLE, warnings=True)


def test_renders_like_the_stored_snapshot(docx_snapshot):
    docx_snapshot(TEMPLATE, SAMPLE)


def test_committed_template_matches_its_source(tmp_path):
    from build_template import main

    main([str(tmp_path / "built.docx")])
    assert snapshot(tmp_path / "built.docx") == snapshot(TEMPLATE)
