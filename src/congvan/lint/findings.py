"""What the linter reports: findings with a code, a severity and a place."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from congvan.lint.places import Place

Severity = Literal["error", "warning"]

#: Every finding code, with what it means.
CODES: dict[str, str] = {
    "syntax": "Jinja syntax error in a tag",
    "unclosed-tag": "a tag opens and does not close in the same paragraph",
    "stray-closer": "a closing delimiter without its opening one",
    "split-tag": "a tag split by Word over runs with different formatting",
    "split-tag-runs": "a tag split over several runs of the same formatting (docxtpl rejoins them)",
    "unbalanced-block": "a block tag without its end, an end without its start, or a mismatched pair",
    "block-structure": "a {%p %}/{%tr %}/{%tc %} block whose start and end are in different places",
    "misplaced-tag": "a {%tr %} outside a table row or a {%tc %} outside a cell",
    "text-beside-tag": "text in the same paragraph, row or cell as a {%p %}/{%tr %}/{%tc %} tag is dropped",
    "unknown-filter": "a filter the template environment does not have",
    "unknown-test": "a test the template environment does not have",
    "missing-variable": "a variable the model or sample data does not have",
    "unused-field": "a field of the model or sample data the template never uses",
    "broken-part": "a part that is not well-formed XML, or no main document part: Word cannot open the file",
    "compile": "the engine refuses to compile the template (a limit, a core property, a tag the linter passed)",
    "render": "the template does not render with the sample data, or renders a letter Word cannot open",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a template: code, severity, message and place."""

    code: str
    severity: Severity
    message: str
    place: Place
    tag: str = ""
    suggestion: str = ""

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{self.place}: {self.severity} [{self.code}] {self.message}{hint}"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "place": self.place.as_dict(),
        }
        if self.tag:
            data["tag"] = self.tag
        if self.suggestion:
            data["suggestion"] = self.suggestion
        return data


@dataclass(frozen=True)
class LintReport:
    """Every finding of one template, in document order (errors and warnings)."""

    source: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def clean(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def to_text(self) -> str:
        if not self.findings:
            return f"{self.source}: no problems found"
        lines = [str(f) for f in self.findings]
        e, w = len(self.errors), len(self.warnings)
        lines.append(f"{self.source}: {e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}")
        return "\n".join(lines)

    def to_json(self) -> str:
        data = {
            "source": self.source,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.as_dict() for f in self.findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
