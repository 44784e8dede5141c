"""The one exception root of congvan and its specific subclasses.

Every error says what was wrong, where (file, row, field path, paragraph) and,
where it can, what would be right.
"""

from __future__ import annotations

from dataclasses import dataclass


class CongvanError(Exception):
    """Root of every error congvan raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem found in input data: where it is and what is wrong.

    ``location`` is a field path such as ``tasks[5].parts[2]`` or a table
    place such as ``row 7, column province``; ``line`` is the line in the
    source file when known.
    """

    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.location or "(document)"
        if self.line is not None:
            where = f"{where} (line {self.line})"
        return f"{where}: {self.message}"


class DataError(CongvanError, ValueError):
    """Input data (a YAML file, a table, a dict) does not describe a valid document.

    Carries every problem found, not only the first.
    """

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.problems)
        lines = [f"{head}{count} problem{'s' if count != 1 else ''} in the document data:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class TemplateError(CongvanError):
    """A .docx template cannot be read, compiled or rendered."""
