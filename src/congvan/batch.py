"""Many letters in one call: validate every row, render, write atomically, manifest, combined file.

``render_batch`` renders one follow-up letter per province from the shared
data (``FollowUp``) and a table of rows (CSV, XLSX, YAML, or a list of dicts
or ``ProvinceStatus``). Every row is checked before anything is written; all
problems come in one ``DataError`` with row numbers and column names. Letters
are written into a temporary folder beside the target, which replaces the
target only at the end, so an interrupted run leaves the target as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from congvan.documents import bundled_template, compiled_template, load
from congvan.engine import Template, render_many
from congvan.errors import CongvanError, DataError, Problem
from congvan.followup import FollowUp, ProvinceStatus, letter_context, shared_context
from congvan.loading import load_model, problems_from, read_yaml
from congvan.units import Province, find_province

Numbering = Literal["shared", "sequential"]
DEFAULT_PATTERN = "{code}-{slug}.docx"
MANIFEST_FIELDS = (
    "File", "ProvinceCode", "CodeNumber", "CodeNotation", "IssuedDate", "OrganName",
    "Subject", "SignerInfo.Position", "SignerInfo.FullName", "To.OrganName", "Sha256",
)


@dataclass(frozen=True)
class Row:
    """One validated row: its place in the source, the province and its status."""

    number: int
    unit: Province
    status: ProvinceStatus


@dataclass(frozen=True)
class LetterResult:
    """One letter of a batch: recipient, file, number and symbol, SHA-256."""

    code: str
    recipient: str
    file: str
    number_symbol: str
    sha256: str


@dataclass(frozen=True)
class BatchResult:
    """What a batch made: the letters, and the manifest and combined files (None in a dry run)."""

    letters: tuple[LetterResult, ...]
    folder: Path | None
    manifest_csv: Path | None
    manifest_json: Path | None
    combined: Path | None


# ----------------------------------------------------------------------- reading


def read_rows(source: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProvinceStatus]) -> list[tuple[int, Any]]:
    """The rows of a table with their numbers as a person sees them (file line or sheet row)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        suffix = path.suffix.casefold()
        if not path.is_file():
            raise DataError([Problem("", "file not found")], source=str(path))
        if suffix == ".csv":
            return _csv_rows(path)
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_rows(path)
        if suffix in (".yaml", ".yml"):
            data, _lines = read_yaml(path)
            if not isinstance(data, list):
                raise DataError([Problem("", "expected a list of rows")], source=str(path))
            return list(enumerate(data, start=1))
        raise DataError([Problem("", f"unknown table format {suffix!r}: use .csv, .xlsx or .yaml")], str(path))
    return list(enumerate(source, start=1))


def _csv_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    reader = csv.reader([line for _, line in lines])
    header = [name.strip() for name in next(reader)]
    rows = []
    for (number, _), cells in zip(lines[1:], reader):
        rows.append((number, {header[i]: cell.strip() for i, cell in enumerate(cells) if i < len(header)}))
    return rows


def _xlsx_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = []
    header: list[str] | None = None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if header is None:
            if any(v is not None for v in values):
                header = ["" if v is None else str(v).strip() for v in values]
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row = {}
        for name, value in zip(header, values):
            if not name:
                continue
            if isinstance(value, dt.datetime):
                value = value.date()
            row[name] = "" if value is None else (value if isinstance(value, (dt.date, bool)) else str(value).strip())
        rows.append((number, row))
    book.close()
    return rows


# -------------------------------------------------------------------- validating


def validate_rows(raw: Sequence[tuple[int, Any]], on: dt.date, *, source: str | None = None) -> list[Row]:
    """Check every row (fields, province on the date ``on``, duplicates); raise one DataError for all."""
    problems: list[Problem] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, item in raw:
        where = f"row {number}"
        try:
            status = item if isinstance(item, ProvinceStatus) else ProvinceStatus.model_validate(item)
        except ValidationError as error:
            for problem in problems_from(error):
                problems.append(Problem(f"{where}, column {problem.location or '(row)'}", problem.message))
            continue
        try:
            unit = find_province(status.province, on=on)
        except CongvanError as error:
            problems.append(Problem(f"{where}, column province", str(error)))
            continue
        if unit.code in seen:
            problems.append(
                Problem(f"{where}, column province", f"{unit.name} appears twice (also row {seen[unit.code]})")
            )
            continue
        seen[unit.code] = number
        rows.append(Row(number, unit, status))
    if problems:
        raise DataError(problems, source=source)
    if not rows:
        raise DataError([Problem("", "the table has no rows")], source=source)
    return rows


# ---------------------------------------------------------------------- rendering


def render_batch(
    letter: str | os.PathLike[str] | FollowUp,
    rows: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProvinceStatus],
    out: str | os.PathLike[str] | None,
    *,
    directive: str | os.PathLike[str] | None = None,
    template: str | os.PathLike[str] | None = None,
    numbering: Numbering = "sequential",
    start: int | None = None,
    pattern: str = DEFAULT_PATTERN,
    only: Iterable[str] | None = None,
    combined: bool = False,
    pdf: bool = False,
    jobs: int = 1,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Render one follow-up letter per row into the folder ``out``; return what was made.

    - ``letter``: the shared data (a YAML path or a ``FollowUp``); ``directive``
      the directive it follows up (default: the path its data names).
    - ``rows``: a CSV, XLSX or YAML path, or a list of dicts or ``ProvinceStatus``.
    - ``numbering``: "sequential" gives each letter its own number counted from
      ``start`` (default: the number in the data, else 1); "shared" gives all
      the number in the data (blank for a draft).
    - ``pattern``: file names, from ``code``, ``slug``, ``name`` and ``number``.
    - ``only``: GSO codes of the provinces to render (all by default).
    - ``combined``: also write ``all-letters.docx``, every letter on its own pages
      with its own page numbering.
    - ``pdf``: also write ``pdf/<letter>.pdf`` for each letter and ``pdf/all-letters.pdf``
      with a bookmark per letter (LibreOffice converts the combined file once, then
      it is split at each letter's bookmark: one conversion instead of 63).
    - ``jobs``: worker processes; ``dry_run``: validate and render in memory only.

    The folder ``out`` belongs to the batch: it is replaced as a whole.
    """
    follow_up, directive_letter = _load_shared(letter, directive)
    table_source = str(rows) if isinstance(rows, (str, os.PathLike)) else None
    on = follow_up.issued_on or follow_up.directive.issued_on
    valid = validate_rows(read_rows(rows), on, source=table_source)
    if only is not None:
        wanted = {code.zfill(2) for code in only}
        unknown = wanted - {row.unit.code for row in valid}
        if unknown:
            raise DataError([Problem("--only", f"no row for code {code}") for code in sorted(unknown)], table_source)
        valid = [row for row in valid if row.unit.code in wanted]

    numbers = _numbers(follow_up, len(valid), numbering, start)
    shared = shared_context(follow_up, directive_letter)
    contexts = [
        letter_context(shared, follow_up, row.unit, row.status, n) for row, n in zip(valid, numbers, strict=True)
    ]
    names = [_file_name(pattern, row.unit, n) for row, n in zip(valid, numbers, strict=True)]
    if len(set(names)) != len(names):
        raise DataError([Problem("pattern", f"{pattern!r} gives two letters the same file name")])
    template_path = str(Path(template).resolve()) if template else str(bundled_template("follow-up"))

    if dry_run or out is None:
        compiled = compiled_template(template_path)
        digests = []
        for context in contexts:
            digests.append(hashlib.sha256(compiled.render(context)).hexdigest())
            if progress:
                progress(1)
        return BatchResult(_results(follow_up, valid, numbers, names, digests), None, None, None, None)

    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        items = [(staging / name, context) for name, context in zip(names, contexts, strict=True)]
        digests = []
        for result in render_many(compiled_template(template_path), items, jobs=jobs):
            digests.append(result.sha256)
            if progress:
                progress(1)
        letters = _results(follow_up, valid, numbers, names, digests)
        _write_manifest(staging, letters, follow_up)
        combined_template = compiled_template(str(bundled_template("follow-up-combined")))
        if combined:
            (staging / "all-letters.docx").write_bytes(combined_template.render({"letters": contexts}))
        if pdf:
            _write_pdfs(staging, letters, contexts, combined_template, max(1, jobs))
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BatchResult(
        letters,
        target,
        target / "manifest.csv",
        target / "manifest.json",
        target / "all-letters.docx" if combined else None,
    )


def _write_pdfs(
    folder: Path, letters: Sequence[LetterResult], contexts: Sequence[Mapping[str, Any]], combined: Template, jobs: int
) -> None:
    """PDFs of the letters: ``jobs`` combined files converted at once, split at each letter's bookmark.

    LibreOffice pays about a second to start and little per page, so a few
    combined files (one per instance) convert much faster than one file per
    letter. Writes ``pdf/<letter>.pdf`` and ``pdf/all-letters.pdf`` with an outline
    item per letter.
    """
    from pypdf import PdfReader, PdfWriter

    from congvan.pdf import destination_ranges, split_pdf, to_pdf
    from congvan.template_build import LETTER_BOOKMARK

    out = folder / "pdf"
    out.mkdir()
    size = -(-len(letters) // jobs)  # letters per combined file
    groups = [range(start, min(start + size, len(letters))) for start in range(0, len(letters), size)]
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        sources = []
        for number, group in enumerate(groups, start=1):
            source = Path(scratch) / f"part{number}.docx"
            source.write_bytes(combined.render({"letters": [contexts[i] for i in group]}))
            sources.append(source)
        whole = PdfWriter()
        for group, pdf in zip(groups, to_pdf(sources, scratch, jobs=len(groups)), strict=True):
            names = [LETTER_BOOKMARK.format(index) for index in range(1, len(group) + 1)]
            ranges = destination_ranges(pdf, names)
            split_pdf(pdf, ranges, [out / Path(letters[i].file).with_suffix(".pdf").name for i in group])
            offset = len(whole.pages)
            whole.append(PdfReader(pdf), import_outline=False)
            for i, pages in zip(group, ranges, strict=True):
                title = f"{letters[i].number_symbol} — {letters[i].recipient}"
                whole.add_outline_item(title=title, page_number=offset + pages.start)
        with (out / "all-letters.pdf").open("wb") as stream:
            whole.write(stream)


def _load_shared(letter: str | os.PathLike[str] | FollowUp, directive: str | os.PathLike[str] | None) -> tuple[FollowUp, Any]:
    if isinstance(letter, FollowUp):
        follow_up, base = letter, Path.cwd()
    else:
        follow_up, base = load_model(FollowUp, letter), Path(letter).parent
    directive_path = Path(directive) if directive else base / follow_up.directive.data
    return follow_up, load(directive_path)


def _numbers(follow_up: FollowUp, count: int, numbering: Numbering, start: int | None) -> list[int | None]:
    if numbering == "shared":
        return [start if start is not None else follow_up.number.number] * count
    if numbering != "sequential":
        raise DataError([Problem("numbering", f"{numbering!r}: use 'shared' or 'sequential'")])
    first = start if start is not None else (follow_up.number.number or 1)
    if first < 1:
        raise DataError([Problem("start", f"numbers start at 1 or more, got {first}")])
    return list(range(first, first + count))


def _file_name(pattern: str, unit: Province, number: int | None) -> str:
    try:
        name = pattern.format(code=unit.code, slug=unit.slug, name=unit.name, number=number or "")
    except (KeyError, IndexError, ValueError) as error:
        raise DataError(
            [Problem("pattern", f"{pattern!r} cannot be filled ({error}); use {{code}}, {{slug}}, {{name}}, {{number}}")]
        ) from None
    if "/" in name or "\\" in name or name.startswith("."):
        raise DataError([Problem("pattern", f"{pattern!r} gives {name!r}, which is not a plain file name")])
    return name if name.endswith(".docx") else f"{name}.docx"


def _results(follow_up: FollowUp, rows: list[Row], numbers: list[int | None], names: list[str], digests: list[str]) -> tuple[LetterResult, ...]:
    from congvan.model import NumberSymbol

    return tuple(
        LetterResult(row.unit.code, row.unit.committee, name, str(NumberSymbol(number=n, symbol=follow_up.number.symbol)).strip(), digest)
        for row, n, name, digest in zip(rows, numbers, names, digests, strict=True)
    )


def manifest_rows(letters: Iterable[LetterResult], follow_up: FollowUp) -> list[dict[str, Any]]:
    """One record per letter, named after the metadata fields of ND30 Phụ lục VI."""
    signature = follow_up.signature
    position = " ".join(signature.lines)
    rows = []
    for letter in letters:
        number, _, notation = letter.number_symbol.partition("/")
        rows.append(
            {
                "File": letter.file,
                "ProvinceCode": letter.code,
                "CodeNumber": number.strip(),
                "CodeNotation": notation,
                "IssuedDate": follow_up.issued_on.isoformat() if follow_up.issued_on else "",
                "OrganName": follow_up.issuing_body.name,
                "Subject": f"V/v {follow_up.subject}",
                "SignerInfo.Position": position,
                "SignerInfo.FullName": signature.name or "",
                "To.OrganName": letter.recipient,
                "Sha256": letter.sha256,
            }
        )
    return rows


def _write_manifest(folder: Path, letters: Iterable[LetterResult], follow_up: FollowUp) -> None:
    rows = manifest_rows(letters, follow_up)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "manifest.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames; the old folder is removed last."""
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)


__all__ = ["BatchResult", "LetterResult", "manifest_rows", "read_rows", "render_batch", "validate_rows"]
