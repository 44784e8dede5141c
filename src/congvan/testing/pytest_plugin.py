"""pytest plugin of congvan (entry point ``pytest11``): template snapshots and ND30/lint assertions.

PYTEST_DONT_REWRITE

Thin on purpose: options and fixtures only; the work is in `congvan.testing.snapshot`,
`congvan.testing.lint` and `congvan.testing.nd30check`, imported when first used.

- ``docx_snapshot(template, context)`` renders ``template`` with ``context``
  and compares the readable snapshot with ``snapshots/<test name>.txt``
  beside the test file; ``docx_snapshot.assert_match(docx)`` does the same
  for an already rendered document. ``--congvan-update-snapshots`` rewrites
  the files. A mismatch fails with a unified diff.
- ``assert_template_clean(path, context=..., model=...)`` fails with every
  lint error of the template; ``assert_nd30_clean(docx)`` with every ND30
  deviation of the document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

UPDATE_OPTION = "--congvan-update-snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("congvan", "congvan .docx template testing")
    group.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="rewrite the stored .docx snapshots (snapshots/<test>.txt) instead of comparing with them",
    )


class DocxSnapshot:
    """Compares readable snapshots of .docx files with the files stored beside the test."""

    def __init__(self, folder: Path, test_name: str, update: bool) -> None:
        self.folder = folder
        self.test_name = test_name
        self.update = update
        self._count = 0

    def path(self, name: str | None = None) -> Path:
        stem = re.sub(r"[^\w.-]+", "_", name or self.test_name).strip("_")
        return self.folder / f"{stem}.txt"

    def __call__(self, template: Any, context: Mapping[str, Any] | None = None, *, name: str | None = None) -> bytes:
        """Render ``template`` (path, bytes or `congvan.Template`) with ``context``; compare its snapshot."""
        from congvan.engine import Template

        compiled = template if isinstance(template, Template) else Template(template)
        data = compiled.render(context or {})
        self.assert_match(data, name=name)
        return data

    def assert_match(self, docx: Any, *, name: str | None = None) -> None:
        """Compare the snapshot of the rendered ``docx`` (path, bytes, file) with the stored one."""
        from congvan.testing.snapshot import compare_snapshot, snapshot

        if name is None:
            self._count += 1
            name = self.test_name if self._count == 1 else f"{self.test_name}-{self._count}"
        path = self.path(name)
        diff = compare_snapshot(snapshot(docx), path, update=self.update)
        if diff is not None:
            pytest.fail(
                f"the .docx snapshot differs from {path} (run pytest with {UPDATE_OPTION} to accept it):\n{diff}",
                pytrace=False,
            )


@pytest.fixture
def docx_snapshot(request: pytest.FixtureRequest) -> DocxSnapshot:
    """Render a template and compare its readable snapshot with ``snapshots/<test name>.txt``."""
    folder = Path(str(request.node.path)).parent / "snapshots"
    return DocxSnapshot(folder, request.node.name, bool(request.config.getoption(UPDATE_OPTION)))


def assert_template_clean(
    path: Any,
    *,
    context: Mapping[str, Any] | None = None,
    model: type | None = None,
    filters: Mapping[str, Any] | None = None,
    warnings: bool = False,
) -> None:
    """Fail the test with every lint error (and warning, with ``warnings=True``) of the template."""
    from congvan.testing.lint import lint_template

    report = lint_template(path, context=context, model=model, filters=filters)
    bad = report.findings if warnings else report.errors
    if bad:
        pytest.fail("template is not clean:\n" + "\n".join(str(f) for f in bad), pytrace=False)


def assert_nd30_clean(docx: Any) -> None:
    """Fail the test with every deviation of the rendered ``docx`` from the ND30 layout."""
    from congvan.testing.nd30check import check_nd30

    report = check_nd30(docx)
    if not report.clean:
        pytest.fail(report.to_text(), pytrace=False)
