"""The one exception root of congvan and its specific subclasses.

Every error says what was wrong, where (file, row, field path, paragraph) and,
where it can, what would be right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from congvan.units.model import Province


class CongvanError(Exception):
    """Root of every error congvan raises on purpose.

    Every subclass pickles whole (message and attributes), whatever its ``__init__`` takes:
    an error raised in a worker process reaches the caller intact, instead of failing to
    unpickle there (which leaves a process pool waiting forever).
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore_error, (type(self), self.args, self.__dict__))


def _restore_error(cls: type[CongvanError], args: tuple[object, ...], state: dict[str, object]) -> CongvanError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


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


class ProvinceNotFound(CongvanError, LookupError):
    """No provincial unit (tỉnh, thành phố trực thuộc trung ương) matches a name on a date.

    ``suggestions`` holds up to three units in force on ``on`` with similar names.
    """

    def __init__(self, message: str, *, query: str, on: date, suggestions: tuple[Province, ...] = ()) -> None:
        super().__init__(message)
        self.query = query
        self.on = on
        self.suggestions = suggestions


class ProvinceNotInForce(ProvinceNotFound):
    """The name is that of a provincial unit, but not of one in force on the date asked.

    ``unit`` is the unit the name denotes; ``successor`` the unit holding its territory
    on ``on`` (``None`` when ``on`` is before the unit existed).
    """

    def __init__(self, message: str, *, query: str, on: date, unit: Province, successor: Province | None) -> None:
        super().__init__(message, query=query, on=on)
        self.unit = unit
        self.successor = successor


class AmbiguousProvince(CongvanError, LookupError):
    """A name matches several provincial units on the date asked; ``candidates`` lists them."""

    def __init__(self, message: str, *, query: str, on: date, candidates: tuple[Province, ...]) -> None:
        super().__init__(message)
        self.query = query
        self.on = on
        self.candidates = candidates


class UnitsDateError(CongvanError, ValueError):
    """A date outside the period covered by the provincial units data (from 2008-08-01)."""


class TemplateFileError(TemplateError):
    """A template source is missing or is not a .docx package (a zip with ``word/document.xml``)."""


class TemplateSyntaxError(TemplateError):
    """A Jinja tag in a .docx template is malformed; says which part and where.

    ``part`` is the package part (``word/document.xml``, ``word/header1.xml``…),
    ``paragraph`` the 1-based paragraph of that part when known, ``near`` the
    text around the tag.
    """

    def __init__(self, message: str, *, part: str, paragraph: int | None = None, near: str = "") -> None:
        super().__init__(message)
        self.part = part
        self.paragraph = paragraph
        self.near = near


class TemplateRenderError(TemplateError):
    """Rendering a compiled template with a context failed; says which part and where."""

    def __init__(self, message: str, *, part: str, paragraph: int | None = None, near: str = "") -> None:
        super().__init__(message)
        self.part = part
        self.paragraph = paragraph
        self.near = near


class MissingVariableError(TemplateRenderError, KeyError):
    """A variable the template uses is missing from the context (``strict=True``).

    ``variable`` names it (``name`` or ``sender.name``); ``part``, ``paragraph``
    and ``near`` say where it stands in the document.
    """

    def __init__(
        self,
        message: str,
        *,
        variable: str,
        part: str,
        paragraph: int | None = None,
        near: str = "",
    ) -> None:
        super().__init__(message, part=part, paragraph=paragraph, near=near)
        self.variable = variable

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class CitationError(CongvanError, ValueError):
    """A legal reference (căn cứ) cannot be read or is wrong: type vs symbol, year vs date, a date that does not exist."""


class PdfError(CongvanError):
    """Making or reading a PDF failed: a tool is missing, a conversion failed or hung, bad page ranges."""


class ConverterNotFound(PdfError, FileNotFoundError):
    """An external program (LibreOffice ``soffice``, poppler's ``pdftoppm``) is not installed.

    ``tool`` names the program, ``install`` the command that installs it.
    """

    def __init__(self, message: str, *, tool: str, install: str) -> None:
        super().__init__(message)
        self.tool = tool
        self.install = install


@dataclass(frozen=True)
class FailedDocument:
    """One document that did not become a PDF: which file, why, and whether LibreOffice hung on it."""

    source: Path
    reason: str
    timed_out: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class ConversionFailed(PdfError):
    """Some documents did not convert; the others did, and are in place.

    ``converted`` lists the PDFs written (in the order of the inputs),
    ``failures`` each document that failed with its reason.
    """

    def __init__(self, message: str, *, converted: tuple[Path, ...], failures: tuple[FailedDocument, ...]) -> None:
        super().__init__(message)
        self.converted = converted
        self.failures = failures


class ConversionTimeout(ConversionFailed, TimeoutError):
    """As `ConversionFailed`, and LibreOffice hung (was killed) on at least one document."""


class TemplateSecurityError(TemplateRenderError):
    """A template tried something the sandbox forbids (an unsafe attribute, a private name).

    Raised instead of rendering: data and templates are never given access to Python internals.
    """


class LimitExceeded(CongvanError):
    """An input is bigger than a `congvan.limits` limit allows (a bomb, or a limit set too low).

    ``limit`` names the limit (``string_length``…), ``maximum`` its value; the message says
    how to raise it (``CONGVAN_LIMIT_<NAME>`` or `congvan.limits.configure`).
    """

    def __init__(self, message: str, *, limit: str, maximum: int) -> None:
        super().__init__(message)
        self.limit = limit
        self.maximum = maximum


class InvalidCharacterError(CongvanError, ValueError):
    """A value holds a character that XML 1.0, hence a .docx, cannot hold (``\\x00``, ``\\x1b``, ``U+FFFE``…).

    ``codepoint`` is the character's code point, ``position`` its 0-based index in the value,
    ``where`` the value's place (a field path, ``row 7, column ten``, a template part) when known.
    """

    def __init__(self, message: str, *, codepoint: int, position: int, where: str = "") -> None:
        super().__init__(message)
        self.codepoint = codepoint
        self.position = position
        self.where = where


class OutputError(CongvanError, OSError):
    """An output file or folder cannot be written where asked: not a folder, holds the inputs,
    a file name the file system refuses, a read-only or full disk. Nothing is written then."""


class ExecutorError(CongvanError):
    """A task of a batch did not come back from its executor: the worker died or was lost, the pool
    broke or was shut down. The batch fails whole: nothing is swapped in."""


class FilterValueError(CongvanError, ValueError):
    """A Vietnamese filter (``vn_date``, ``vn_money``…) cannot read its value.

    ``filter`` names the filter and ``value`` holds what it was given; a merge or a batch
    adds the row and column (``where``) of the value.
    """

    def __init__(self, message: str, *, filter: str, value: object, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message
        self.filter = filter
        self.value = value
        self.where = where

    def located(self, where: str) -> FilterValueError:
        """The same error, placed at ``where`` (``row 57, column han``)."""
        return FilterValueError(self.message, filter=self.filter, value=self.value, where=where)


class SigningError(CongvanError):
    """A PDF cannot be signed as ND30 asks: not a congvan letter, no place for the signature,
    a field already signed, a key that does not work. Nothing is written then."""


class SigningKeyError(SigningError):
    """A key or certificate cannot be used: a wrong password or PIN, a missing token or key label,
    a key that does not belong to its certificate, a certificate that has expired."""


class SignatureImageError(SigningError, ValueError):
    """A signature or seal image is not what ND30 asks for (Phụ lục I, mục II.7.d and 8.a): not a PNG,
    no transparent background, no known real size, too big for its place."""


class SigningOrderError(SigningError):
    """The ND30 order is broken: the organisation signs only a document the competent person has
    already signed (Điều 32.2.d), and nothing is signed twice."""


class RegisterError(CongvanError):
    """The register of outgoing documents (sổ đăng ký văn bản đi) cannot do what was asked.

    Root of the register's errors; used as such for a database that cannot be read or
    reached, a run id reused for another batch, a number voided twice.
    """


class RegisterNotFound(RegisterError, LookupError):
    """No register database at the path or URL given, or no register (sổ) of that name in it.

    The message names the database and the registers it holds, and how to create one.
    """


class RegisterBusy(RegisterError, TimeoutError):
    """The register stayed locked by another transaction (another clerk, a batch being numbered)
    for longer than the register's ``timeout``; nothing was taken."""


class DuplicateEntry(RegisterError):
    """The (số, ký hiệu, issuing body) is already in the register for that year (ND30 Điều 15.1,
    Phụ lục VI Part I III.1.h); ``earlier`` is the entry already there."""

    def __init__(self, message: str, *, earlier: object = None) -> None:  # a default: picklable across processes
        super().__init__(message)
        self.earlier = earlier


class EntryNotFound(RegisterError, LookupError):
    """No entry with that number in the register for that year."""


class SchemaVersionError(RegisterError):
    """The register database was made by a newer congvan (a schema version this one does not know)."""
