"""Mail merge: one document per row of any table, from any template — 63 or 10,000 in one call.

Where `render_batch` knows the follow-up letters to the provinces, `merge`
knows nothing of the document: each row of the table (with the shared
``data``) is the context of one copy of the template. Every row is checked
before anything is written — the template's variables against the row's
columns, the file name pattern — and all problems come in one `DataError`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.batch.tables import read_rows
from congvan.documents import compiled_template
from congvan.engine import Template
from congvan.engine.batch import chunk_size, render_many
from congvan.errors import DataError, Problem
from congvan.files import OutputNames, check_output_folder, document_name, staged_folder, write_records
from congvan.loading import read_yaml
from congvan.vietnamese import normalize

DEFAULT_PATTERN = "{index:05d}.docx"
MANIFEST_FIELDS = ("Index", "Row", "File", "Sha256")


@dataclass(frozen=True)
class MergedDocument:
    """One document of a merge: its position, the row it came from, its file and SHA-256."""

    index: int
    row: int
    file: str
    sha256: str


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
    jobs: int = 1,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> MergeResult:
    """Render ``template`` once per row of ``rows`` into the folder ``out``; return what was made.

    - ``rows``: a CSV, XLSX or YAML table, or an iterable of mappings; each row's
      columns are the template's variables (text is normalised to NFC).
    - ``data``: values every document shares (a mapping or a YAML file); a row's
      column of the same name wins.
    - ``pattern``: file names, from ``index`` (1, 2, … in table order), ``row``
      (the row's number in the file) and the row's columns, e.g. ``"{ma_xa}-{index}.docx"``.
    - ``jobs``: processes; ``dry_run``: check and render in memory, write nothing.

    The folder ``out`` belongs to the merge: it is replaced as a whole at the end,
    so an interrupted run leaves it as it was. It may not be a file, a link, the current
    folder or a folder holding the inputs (`OutputError`).
    """
    compiled = template if isinstance(template, Template) else compiled_template(str(Path(template).resolve()))
    shared = _shared(data)
    source = str(rows) if isinstance(rows, (str, os.PathLike)) else None
    raw = read_rows(rows)
    contexts, names, numbers = _checked(compiled, shared, raw, pattern, source)

    if dry_run or out is None:
        documents = []
        for index, (context, name, number) in enumerate(zip(contexts, names, numbers, strict=True), start=1):
            digest = hashlib.sha256(compiled.render(context)).hexdigest()
            documents.append(MergedDocument(index, number, name, digest))
            if progress:
                progress(1)
        return MergeResult(tuple(documents), None, None, None)

    inputs = [p for p in (template, rows, data) if isinstance(p, (str, os.PathLike))]
    target = check_output_folder(out, inputs)
    with staged_folder(target) as staging:
        items = [(staging / name, context) for name, context in zip(names, contexts, strict=True)]
        documents = []
        with closing(render_many(compiled, items, jobs=jobs, chunksize=chunk_size(len(items), jobs))) as results:
            for result, name, number in zip(results, names, numbers, strict=True):
                documents.append(MergedDocument(result.index + 1, number, name, result.sha256))
                if progress:
                    progress(1)
        records = [{"Index": d.index, "Row": d.row, "File": d.file, "Sha256": d.sha256} for d in documents]
        write_records(staging, "manifest", records, MANIFEST_FIELDS)
    return MergeResult(tuple(documents), target, target / "manifest.csv", target / "manifest.json")


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
    template: Template, shared: dict[str, Any], raw: list[tuple[int, Any]], pattern: str, source: str | None
) -> tuple[list[dict[str, Any]], list[str], list[int]]:
    """Contexts, file names and row numbers of every row, or one DataError listing every problem."""
    problems: list[Problem] = []
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
        context = {**shared, **_normalised(row)}
        missing = [name for name in needed if name not in context]
        if missing:
            listed = ", ".join(repr(name) for name in missing)
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
