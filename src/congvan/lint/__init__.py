"""Template linter: every problem of a docxtpl .docx template in one run, each with its place.

>>> report = lint_template("letter.docx", context={"name": "Bộ Nội vụ"})  # doctest: +SKIP
>>> print(report.to_text())                                              # doctest: +SKIP
"""

from congvan.lint.findings import CODES, Finding, LintReport
from congvan.lint.linter import lint_template
from congvan.lint.places import Place

__all__ = ["CODES", "Finding", "LintReport", "Place", "lint_template"]
