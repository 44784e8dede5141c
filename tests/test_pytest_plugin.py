"""The pytest plugin, run inside pytester: snapshot fixture, update flag, diff on failure, helpers."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]

TEST = f'''
from congvan.testing.pytest_plugin import assert_template_clean, assert_nd30_clean

TEMPLATE = r"{ROOT / "templates" / "congvan.docx"}"

def test_letter(docx_snapshot):
    from congvan.documents import load, letter_context
    context = letter_context(load(r"{ROOT / "data" / "directive-2020.yaml"}"))
    context["subject_line"] = SUBJECT
    docx_snapshot(TEMPLATE, context)

def test_lint_helper_fails_with_places():
    assert_template_clean(TEMPLATE, context={{"header": {{}}}})
'''


def write(pytester, subject: str) -> None:
    pytester.makepyfile(test_letter=f"SUBJECT = {subject!r}\n" + TEST)


def test_first_run_writes_then_a_change_fails_with_a_diff_then_update_accepts(pytester):
    write(pytester, "V/v một")
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "not lint_helper")
    result.assert_outcomes(passed=1)
    stored = pytester.path / "snapshots" / "test_letter.txt"
    assert "V/v một" in stored.read_text(encoding="utf-8")

    write(pytester, "V/v hai")
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "not lint_helper")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*snapshot differs*--congvan-update-snapshots*", "*-*V/v một*", "*+*V/v hai*"])

    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "not lint_helper", "--congvan-update-snapshots")
    result.assert_outcomes(passed=1)
    assert "V/v hai" in stored.read_text(encoding="utf-8")


def test_lint_helper_reports_every_error_with_its_place(pytester):
    write(pytester, "V/v")
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "lint_helper")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*template is not clean*", "*paragraph 1, table 1, row 1, cell 1*header.parent_lines*"]
    )


def test_the_option_is_in_the_help(pytester):
    pytester.runpytest("--help").stdout.fnmatch_lines(["*congvan*", "*--congvan-update-snapshots*"])


def test_the_template_testing_example_passes_with_plain_pytest():
    import subprocess
    import sys

    folder = ROOT / "examples" / "template-testing"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q"], cwd=folder, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
