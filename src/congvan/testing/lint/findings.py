"""What the linter reports: findings with a code, a severity and a place."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from congvan.ooxml.reading import Place

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
    "missing-column": "a variable no column of the table (nor the shared data) gives",
    "unused-column": "a column of the table the template never uses",
    "bad-row": "a row of the table the template does not render: a value a filter cannot read, a missing value",
    "broken-part": "a part that is not well-formed XML, or no main document part: Word cannot open the file",
    "compile": "the engine refuses to compile the template (a limit, a core property, a tag the linter passed)",
    "render": "the template does not render with the sample data, or renders a letter Word cannot open",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a template: code, severity, message and place.

    ``row`` and ``column`` name the row of a table (its number as a person sees it: the file's
    line, the sheet's row) and its column, for a problem that only that row has.
    """

    code: str
    severity: Severity
    message: str
    place: Place
    tag: str = ""
    suggestion: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{self.place}: {self.severity} [{self.code}] {self.where}{self.message}{hint}"

    @property
    def where(self) -> str:
        """``row 57, column tien: `` for a problem of one table row, else nothing."""
        if self.row is None:
            return ""
        return f"row {self.row}" + (f", column {self.column}" if self.column else "") + ": "

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
        if self.row is not None:
            data["row"] = self.row
        if self.column:
            data["column"] = self.column
        return data


class _Placed(Protocol):
    @property
    def place(self) -> Place: ...


_T = TypeVar("_T", bound=_Placed)


def in_document_order(findings: Iterable[_T], parts: Sequence[str]) -> tuple[_T, ...]:
    """``findings`` (anything with a `Place`) by part and place: a package's unreadable parts, then the Word
    ``parts`` in the order given (the body, then headers, footers… as the package lists them), each by
    paragraph, table, row and cell; then other parts (core properties) and last the document as a whole.
    Ties keep their order."""
    rank = {name: index for index, name in enumerate(parts)}

    def key(finding: _T) -> tuple[Any, ...]:
        place = finding.place
        if place.part == "package":
            group: tuple[Any, ...] = (0, 0, "")
        elif place.part_name in rank:
            group = (1, rank[place.part_name], "")
        elif place.part_name:
            group = (2, 0, place.part_name)
        else:
            group = (3, 0, "")
        spots = (place.paragraph, place.table, place.row, place.cell, place.line, place.column)
        return (*group, *(0 if spot is None else spot for spot in spots))

    return tuple(sorted(findings, key=key))


@dataclass(frozen=True)
class LintReport:
    """Every finding of one template, in document order (errors and warnings).

    Checked against a table, ``table`` names it, ``rows`` says how many of its rows were
    rendered (None when the template's other errors kept them from being rendered) and
    ``failing_rows`` how many of them do not render (each listed up to a cap, then counted),
    ``stopped_rows`` how many stopped at a value reported missing (what follows it is unchecked).
    """

    source: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    table: str = ""
    rows: int | None = None
    failing_rows: int = 0
    stopped_rows: int = 0

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
        lines = [str(f) for f in self.findings]
        if self.findings:
            e, w = len(self.errors), len(self.warnings)
            summary = f"{self.source}: {_plural(e, 'error')}, {_plural(w, 'warning')}"
        else:
            summary = f"{self.source}: no problems found"
        if self.table:
            if self.rows is None:
                summary += f"; the rows of {self.table} are rendered once the errors above are mended"
            else:
                summary += f"; {_plural(self.rows, 'row')} of {self.table} rendered"
                if self.stopped_rows:
                    summary += f", {self.failing_rows} failing, {self.stopped_rows} only up to a missing value"
                else:
                    summary += f", {self.failing_rows} failing" if self.failing_rows else ", all clean"
        lines.append(summary)
        return "\n".join(lines)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "source": self.source,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }
        if self.table:
            data.update(
                table=self.table, rows=self.rows, failing_rows=self.failing_rows, stopped_rows=self.stopped_rows
            )
        data["findings"] = [f.as_dict() for f in self.findings]
        return json.dumps(data, ensure_ascii=False, indent=2)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
