"""Mail merge: one document per row of any table, from any template — 63 or 10,000 in one call.

Where `render_batch` knows the follow-up letters to the provinces, `merge`
knows nothing of the document: each row of the table (with the shared
``data``) is the context of one copy of the template. Every row is checked
before anything is written — the template's variables against the row's
columns, the file name pattern — and all problems come in one `DataError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.engine import Template
from congvan.engine.loader import Folders, loader_for
from congvan.engine.remote import Write
from congvan.errors import CongvanError, DataError, Problem
from congvan.files import OutputNames, document_name, write_records
from congvan.loading import read_yaml
from congvan.pipeline.run import DocumentPlan, Rendered, RunOptions, run_documents
from congvan.pipeline.tables import read_rows
from congvan.register_options import DEFAULT_REGISTER_NAME, numbered_from_register
from congvan.units import Province, find_province
from congvan.vietnamese import normalize, parse_date

if TYPE_CHECKING:
    from congvan.register import Register
    from congvan.register.issuing import RegisterNumbers

DEFAULT_PATTERN = "{index:05d}.docx"
MANIFEST_FIELDS = ("Index", "Row", "File", "Sha256")
#: With a register, the number each document got (ND30 Phụ lục VI CodeNumber, CodeNotation).
NUMBERED_FIELDS = (*MANIFEST_FIELDS, "CodeNumber", "CodeNotation")


@dataclass(frozen=True)
class MergedDocument:
    """One document of a merge: its position, the row it came from, its file and SHA-256."""

    index: int
    row: int
    file: str
    sha256: str
    number_symbol: str = ""
    """Số, ký hiệu from the register ("07/BTTTT-TTĐN"); blank without one."""


@dataclass(frozen=True)
class MergeResult:
    """What a merge made; ``folder`` and the manifest are None in a dry run."""

    documents: tuple[MergedDocument, ...]
    folder: Path | None
    manifest_csv: Path | None
    manifest_json: Path | None


def merge(
    template: str | os.PathLike[str] | Template,
    rows: str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    out: str | os.PathLike[str] | None,
    *,
    data: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    pattern: str = DEFAULT_PATTERN,
    units: str | None = None,
    on: dt.date | str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    jobs: int = 1,
    executor: Any = None,
    write: Write = "worker",
    dry_run: bool = False,
    progress: Callable[[int, int], object] | None = None,
    register: Register | str | os.PathLike[str] | None = None,
    register_name: str = DEFAULT_REGISTER_NAME,
    run_id: str | None = None,
    templates: Folders = None,
) -> MergeResult:
    """Render ``template`` once per row of ``rows`` into the folder ``out``; return what was made.

    - ``template``: a compiled `Template`, a path to a .docx, or a template's name looked for
      in the folders ``templates`` and then among the bundled ones.
    - ``rows``: a CSV, XLSX or YAML table, or an iterable of mappings; each row's
      columns are the template's variables (text is normalised to NFC).
    - ``data``: values every document shares (a mapping or a YAML file); a row's
      column of the same name wins.
    - ``pattern``: file names, from ``index`` (1, 2, … in table order), ``row``
      (the row's number in the file) and the row's columns, e.g. ``"{ma_xa}-{index}.docx"``.
    - ``units``: a column naming a provincial unit in each row ("Hà Nội", "TP.HCM"…),
      resolved with `find_province` on the date ``on`` (default: ``issued_on`` in ``data``):
      the letter's date chooses the units (63 before 2025-07-01, 34 since). The template
      then has ``unit.committee``, ``unit.name``, ``unit.designation``, ``unit.code``,
      ``unit.committee_short`` and ``unit.predecessors`` (each with the same names).
    - ``encoding``, ``delimiter``: how a CSV or text table is read (default: detected; see `read_rows`):
      any Python codec or ``"tcvn3"``, ``"vni"``; ``","``, ``";"``, ``"tab"`` or ``"|"``.
    - ``jobs``: processes; ``dry_run``: check and render in memory, write nothing.
    - ``executor``: render on any `concurrent.futures.Executor` instead (a Dask cluster's
      ``Client.get_executor()``…); ``write``: ``"worker"`` (the output's folder is shared with the
      workers) or ``"caller"`` (the bytes come back here), see `congvan.render_many`.
    - ``progress``: called as ``progress(1, total)`` after each document (for a progress bar).
    - ``register``: number the documents from this register (a `congvan.Register`, an SQLite
      path or a ``postgresql://`` URL), its register ``register_name``, in one transaction
      with the folder: consecutive in table order within each year, none taken by a merge
      that fails, is interrupted or killed; ``run_id`` names the merge, so that a rerun
      takes no number twice. Each row (with ``data``) gives ``issued_on``, ``symbol`` and
      ``subject``, and may give ``kind``, ``signer`` and ``recipient`` (with ``units``, the
      unit's committee); the template gets ``number`` (7) and ``number_symbol``
      ("07/BTTTT-TTĐN"), the pattern ``{number}`` (`congvan.register.issuing.merge_drafts`).

    The folder ``out`` belongs to the merge: it is replaced as a whole at the end,
    so an interrupted run leaves it as it was. It may not be a file, a link, the current
    folder or a folder holding the inputs (`OutputError`).
    """
    compiled = loader_for(templates).template_for(template, "")
    shared = _shared(data)
    source = str(rows) if isinstance(rows, (str, os.PathLike)) else None
    raw = read_rows(rows, encoding=encoding, delimiter=delimiter)
    if units is not None:
        raw = _with_units(raw, units, _units_date(on, shared), source)
    numbered = _from_register(register, register_name, run_id, shared, raw, units is not None)
    found = numbered.problems if numbered else []

    def lay_out(numbers: Sequence[int] | None) -> DocumentPlan:
        given = _given(raw, numbered, found)
        contexts, names, row_numbers = _checked(compiled, shared, raw, pattern, source, found, given)
        return DocumentPlan(contexts, names, row_numbers)

    def finish(staging: Path, layout: DocumentPlan, documents: list[Rendered]) -> None:
        write_records(
            staging,
            "manifest",
            _manifest(documents, _symbols(layout, numbered)),
            NUMBERED_FIELDS if numbered else MANIFEST_FIELDS,
        )

    outcome = run_documents(
        compiled,
        lay_out,
        out,
        finish=finish,
        inputs=(template, rows, data),
        source=source,
        numbered=numbered,
        options=RunOptions(jobs, executor, write, dry_run, progress),
    )
    symbols = _symbols(outcome.layout, numbered)
    documents = tuple(
        MergedDocument(d.index, d.row, d.file, d.sha256, symbol) for d, symbol in zip(outcome.documents, symbols)
    )
    if outcome.folder is None:
        return MergeResult(documents, None, None, None)
    return MergeResult(documents, outcome.folder, outcome.folder / "manifest.csv", outcome.folder / "manifest.json")


def _from_register(
    register: Register | str | os.PathLike[str] | None,
    name: str,
    run_id: str | None,
    shared: dict[str, Any],
    raw: list[tuple[int, Any]],
    units: bool,
) -> RegisterNumbers | None:
    """The documents' numbers from ``register`` (planned, not taken yet), or None without a register."""
    if not numbered_from_register(register, name, run_id):
        return None
    from congvan.register.issuing import RegisterNumbers, merge_drafts

    drafts, problems = merge_drafts(shared, raw, units=units)
    return RegisterNumbers(register, drafts, name=name, run_id=run_id, problems=problems)


def _symbols(layout: DocumentPlan, numbered: RegisterNumbers | None) -> list[str]:
    """Số, ký hiệu of each document from the register, as its context holds it (`_given`); blank without one."""
    if numbered is None:
        return [""] * len(layout.contexts)
    return [context["number_symbol"] for context in layout.contexts]


def _given(
    raw: list[tuple[int, Any]], numbered: RegisterNumbers | None, problems: list[Problem]
) -> list[dict[str, Any]] | None:
    """What the register gives each row's context, ``number`` and ``number_symbol`` (None without a register);
    while rows have problems, stand-ins (1, 2, … and "") so that the rest of every row is still checked."""
    if numbered is None:
        return None
    if problems:
        return [{"number": position, "number_symbol": ""} for position in range(1, len(raw) + 1)]
    given = iter(zip(numbered.numbers, numbered.number_symbols, strict=True))
    return [
        dict(zip(("number", "number_symbol"), next(given), strict=True)) if isinstance(row, Mapping) else {}
        for _, row in raw
    ]


def _manifest(documents: list[Rendered], symbols: list[str]) -> list[dict[str, Any]]:
    records = []
    for document, symbol in zip(documents, symbols, strict=True):
        record: dict[str, Any] = {"Index": document.index, "Row": document.row, "File": document.file}
        record["Sha256"] = document.sha256
        if symbol:
            record["CodeNumber"], _, record["CodeNotation"] = symbol.partition("/")
        records.append(record)
    return records


def _units_date(on: dt.date | str | None, shared: Mapping[str, Any]) -> dt.date:
    """The date that chooses the provincial units: ``on``, else the shared data's ``issued_on``."""
    value, origin = (on, "--on") if on is not None else (shared.get("issued_on"), "issued_on in the shared data")
    if value is None:
        raise DataError(
            [Problem("--on", "--units needs the letter's date, which chooses the units: give --on or issued_on")]
        )
    try:
        return parse_date(value)
    except ValueError as error:
        raise DataError([Problem(origin, str(error))]) from None


def unit_context(unit: Province) -> dict[str, Any]:
    """What a template sees of a provincial unit: its names as ND30 writes them, and its predecessors."""
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind.value,
        "designation": unit.designation,
        "committee": unit.committee,
        "committee_short": unit.committee_short,
        "predecessors": [unit_context(p) for p in unit.predecessors],
    }


def _with_units(raw: list[tuple[int, Any]], column: str, on: dt.date, source: str | None) -> list[tuple[int, Any]]:
    """Each row with ``unit``: its ``column`` resolved to the provincial unit in force on ``on``."""
    problems: list[Problem] = []
    resolved: list[tuple[int, Any]] = []
    for number, row in raw:
        if not isinstance(row, Mapping):
            resolved.append((number, row))
            continue
        where = f"row {number}, column {column}"
        if column not in row:
            problems.append(Problem(where, f"no column {column!r} (the --units column); columns: {', '.join(row)}"))
            continue
        try:
            unit = find_province(str(row[column]), on=on)
        except CongvanError as error:
            problems.append(Problem(where, str(error)))
            continue
        resolved.append((number, {**row, "unit": unit_context(unit)}))
    if problems:
        raise DataError(problems, source=source)
    return resolved


def row_contexts(
    raw: list[tuple[int, Any]],
    *,
    data: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    units: str | None = None,
    on: dt.date | str | None = None,
    source: str | None = None,
) -> list[tuple[int, dict[str, Any]]]:
    """Each numbered row of ``raw`` (as `read_rows` gives them) with the context `merge` renders it with.

    That is the shared ``data`` under the row's columns, text in NFC, and with ``units`` the row's
    ``unit`` on the date ``on`` (as in `merge`). Every problem (a row that is not a mapping, a unit
    not found, no rows at all) comes in one `DataError` naming ``source``. For `congvan check`.
    """
    shared = _shared(data)
    if units is not None:
        raw = _with_units(raw, units, _units_date(on, shared), source)
    problems = [
        Problem(f"row {number}", f"expected a mapping of column names to values, got {type(row).__name__}")
        for number, row in raw
        if not isinstance(row, Mapping)
    ]
    if not raw:
        problems.append(Problem("", "the table has no rows"))
    if problems:
        raise DataError(problems, source=source)
    return [(number, _context(shared, row)) for number, row in raw]


def _context(shared: Mapping[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's context: the shared values under its columns."""
    return {**shared, **_normalised(row)}


def _did_you_mean(name: str, context: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, [str(k) for k in context], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _shared(data: str | os.PathLike[str] | Mapping[str, Any] | None) -> dict[str, Any]:
    if data is None:
        return {}
    if isinstance(data, Mapping):
        return _normalised(data)
    values, _lines = read_yaml(data)
    if not isinstance(values, Mapping):
        raise DataError([Problem("", "expected a mapping of names to values")], source=str(data))
    return _normalised(values)


def _normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k): normalize(v) if isinstance(v, str) else v for k, v in values.items()}


def _checked(
    template: Template,
    shared: dict[str, Any],
    raw: list[tuple[int, Any]],
    pattern: str,
    source: str | None,
    found: list[Problem] | None = None,
    given: list[dict[str, Any]] | None = None,
) -> tuple[list[dict[str, Any]], list[str], list[int]]:
    """Contexts, file names and row numbers of every row, or one DataError listing every problem (those
    ``found`` before, then these); ``given`` adds to each row's context (the register's number)."""
    problems: list[Problem] = list(found or [])
    contexts: list[dict[str, Any]] = []
    names: list[str] = []
    numbers: list[int] = []
    plan = OutputNames(pattern)
    plan.reserve("manifest.csv", "the manifest")
    plan.reserve("manifest.json", "the manifest")
    needed = sorted(template.variables)
    for index, (number, row) in enumerate(raw, start=1):
        where = f"row {number}"
        if not isinstance(row, Mapping):
            problems.append(Problem(where, f"expected a mapping of column names to values, got {type(row).__name__}"))
            continue
        context = {**_context(shared, row), **(given[index - 1] if given else {})}
        missing = [name for name in needed if name not in context]
        if missing:
            listed = ", ".join(repr(name) + _did_you_mean(name, context) for name in missing)
            problems.append(
                Problem(where, f"no value for {listed}, which the template reads: add the column or give it in data")
            )
        try:
            name = pattern.format(index=index, row=number, **context)
        except (KeyError, IndexError, ValueError) as error:
            problems.append(Problem(f"{where}, pattern", f"{pattern!r} cannot be filled from this row ({error})"))
            continue
        name = document_name(name)
        clash = plan.add(name, where)
        if clash is not None:
            problems.append(clash)
            continue
        contexts.append(context)
        names.append(name)
        numbers.append(number)
    if not raw:
        problems.append(Problem("", "the table has no rows"))
    if problems:
        raise DataError(problems, source=source)
    return contexts, names, numbers
