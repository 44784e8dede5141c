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
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.batch.tables import read_rows
from congvan.documents import compiled_template
from congvan.engine import Template
from congvan.engine.batch import chunk_size, executor_workers, render_in_memory, render_many
from congvan.engine.remote import Write
from congvan.errors import CongvanError, DataError, FilterValueError, InvalidCharacterError, Problem
from congvan.files import OutputNames, check_output_folder, document_name, staged_folder, write_records
from congvan.loading import read_yaml
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
) -> MergeResult:
    """Render ``template`` once per row of ``rows`` into the folder ``out``; return what was made.

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
    compiled = template if isinstance(template, Template) else compiled_template(str(Path(template).resolve()))
    shared = _shared(data)
    source = str(rows) if isinstance(rows, (str, os.PathLike)) else None
    raw = read_rows(rows, encoding=encoding, delimiter=delimiter)
    if units is not None:
        raw = _with_units(raw, units, _units_date(on, shared), source)
    numbered = _from_register(register, register_name, run_id, shared, raw, units is not None)
    given = _given(raw, numbered)
    contexts, names, numbers = _checked(
        compiled, shared, raw, pattern, source, numbered.problems if numbered else [], given
    )
    symbols = numbered.number_symbols if numbered else [""] * len(contexts)

    if dry_run or out is None:
        documents = []
        with rows_named(compiled, contexts, numbers, source):
            rendered = render_in_memory(compiled, contexts)
            for index, (data, name, number) in enumerate(zip(rendered, names, numbers, strict=True), start=1):
                digest = hashlib.sha256(data).hexdigest()
                documents.append(MergedDocument(index, number, name, digest, symbols[index - 1]))
                if progress:
                    progress(1, len(contexts))
        return MergeResult(tuple(documents), None, None, None)

    inputs = [p for p in (template, rows, data) if isinstance(p, (str, os.PathLike))]
    target = check_output_folder(out, inputs)
    with staged_folder(target) as staging, numbered.taken() if numbered else nullcontext() as batch:
        if numbered and numbered.changed:  # another clerk took numbers since they were planned
            contexts, names, numbers = _checked(compiled, shared, raw, pattern, source, given=_given(raw, numbered))
            symbols = numbered.number_symbols
        items = [(staging / name, context) for name, context in zip(names, contexts, strict=True)]
        documents = []
        workers = jobs if executor is None else executor_workers(executor)
        results = render_many(
            compiled,
            items,
            jobs=jobs if executor is None else 1,
            chunksize=chunk_size(len(items), workers),
            executor=executor,
            write=write,
        )
        with rows_named(compiled, contexts, numbers, source), closing(results):
            for result, name, number in zip(results, names, numbers, strict=True):
                documents.append(MergedDocument(result.index + 1, number, name, result.sha256, symbols[result.index]))
                if progress:
                    progress(1, len(contexts))
        if numbered and batch:
            numbered.attach(batch, [(d.file, d.sha256) for d in documents])
        write_records(
            staging, "manifest", _manifest(documents, numbered), NUMBERED_FIELDS if numbered else MANIFEST_FIELDS
        )
    return MergeResult(tuple(documents), target, target / "manifest.csv", target / "manifest.json")


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


def _given(raw: list[tuple[int, Any]], numbered: RegisterNumbers | None) -> list[dict[str, Any]] | None:
    """What the register gives each row's context, ``number`` and ``number_symbol`` (None without a register);
    while rows have problems, stand-ins (1, 2, … and "") so that the rest of every row is still checked."""
    if numbered is None:
        return None
    if numbered.problems:
        return [{"number": position, "number_symbol": ""} for position in range(1, len(raw) + 1)]
    given = iter(zip(numbered.numbers, numbered.number_symbols, strict=True))
    return [
        dict(zip(("number", "number_symbol"), next(given), strict=True)) if isinstance(row, Mapping) else {}
        for _, row in raw
    ]


def _manifest(documents: list[MergedDocument], numbered: RegisterNumbers | None) -> list[dict[str, Any]]:
    records = []
    for d in documents:
        record: dict[str, Any] = {"Index": d.index, "Row": d.row, "File": d.file, "Sha256": d.sha256}
        if numbered:
            record["CodeNumber"], _, record["CodeNotation"] = d.number_symbol.partition("/")
        records.append(record)
    return records


@contextmanager
def rows_named(
    template: Template, contexts: list[dict[str, Any]], numbers: list[int], source: str | None
) -> Iterator[None]:
    """Turn an error rendering one row into a `DataError` naming the row (and, for a filter, the column:
    among the columns holding the value it could not read, one the template gives that filter first)."""
    try:
        yield
    except CongvanError as error:
        index = getattr(error, "item", None)
        if index is None or isinstance(error, DataError):
            raise
        where = f"row {numbers[index]}"
        if isinstance(error, FilterValueError):
            holding = [k for k, v in contexts[index].items() if v is error.value or v == error.value]
            given = template.filter_inputs(error.filter)
            column = next((k for k in holding if k in given), holding[0] if holding else None)
            if column is not None:
                where += f", column {column}"
            raise DataError([Problem(where, error.message)], source=source) from error
        if isinstance(error, InvalidCharacterError):
            column = next((k for k, v in contexts[index].items() if _holds(v, error.codepoint, error.position)), None)
            if column is not None:
                where += f", column {column}"
        raise DataError([Problem(where, str(error))], source=source) from error


def _holds(value: Any, codepoint: int, position: int) -> bool:
    return isinstance(value, str) and len(value) > position and ord(value[position]) == codepoint


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
