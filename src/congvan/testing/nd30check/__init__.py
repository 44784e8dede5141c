"""ND30 conformance check of a rendered .docx: page, fonts, components, date form, numbering, annexes.

>>> report = check_nd30("letter.docx")   # doctest: +SKIP
>>> report.clean, report.rules()          # doctest: +SKIP
"""

from congvan.testing.nd30check.checker import Deviation, Nd30Report, check_nd30
from congvan.testing.nd30check.rules import RULES, Rule

__all__ = ["RULES", "Deviation", "Nd30Report", "Rule", "check_nd30"]
