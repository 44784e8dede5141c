"""Readable snapshots: the rendered directive is stored in tests/snapshots and compared through the plugin."""

from __future__ import annotations

from pathlib import Path

from congvan.documents import load, render
from congvan.testing.pytest_plugin import assert_nd30_clean, assert_template_clean
from congvan.testing.snapshot import compare_snapshot, snapshot

ROOT = Path(__file__).resolve().parents[1]


def test_the_directive_matches_its_stored_snapshot(docx_snapshot):
    docx_snapshot.assert_match(render(load(ROOT / "data" / "directive-2020.yaml")), name="directive-2020")


def test_the_project_template_passes_the_workflow_helpers():
    from congvan.documents import letter_context

    document = load(ROOT / "data" / "directive-2020.yaml")
    assert_template_clean(ROOT / "templates" / "congvan.docx", context=letter_context(document), warnings=True)
    assert_nd30_clean(render(document))


def test_snapshot_is_text_with_formatting_and_layout():
    text = snapshot(render(load(ROOT / "data" / "directive-2020.yaml")))
    assert "page 11906x16838 portrait" in text and "titlePg" in text
    assert "¶ center | [12 B]CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "{PAGE}" in text and "PK\x03\x04" not in text


def test_compare_gives_a_unified_diff(tmp_path):
    path = tmp_path / "s.txt"
    assert compare_snapshot("a\nb\n", path) is None  # first run writes
    diff = compare_snapshot("a\nc\n", path)
    assert diff is not None and "-b" in diff and "+c" in diff
    assert compare_snapshot("a\nc\n", path, update=True) is None and path.read_text() == "a\nc\n"
