"""Template linter: every problem of a docxtpl .docx template in one run, each with its place.

>>> report = lint_template("letter.docx", context={"name": "Bộ Nội vụ"})  # doctest: +SKIP
>>> print(report.to_text())                                              # doctest: +SKIP

Against the table a merge will give it, every row rendered (`lint_table`):

>>> report = lint_table("thu-moi.docx", "xa.csv", data="chung.yaml")     # doctest: +SKIP
"""

from congvan.ooxml.reading import Place
from congvan.testing.lint.findings import CODES, Finding, LintReport
from congvan.testing.lint.linter import lint_template
from congvan.testing.lint.table import lint_table

__all__ = ["CODES", "Finding", "LintReport", "Place", "lint_table", "lint_template"]
