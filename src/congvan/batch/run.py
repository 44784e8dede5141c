"""`render_batch`: one follow-up letter per row, rendered through the compiled template, written atomically."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from congvan.batch.manifest import LetterResult, write_manifest
from congvan.batch.merge import rows_named
from congvan.batch.pdfs import sign_letter_pdfs, write_pdfs
from congvan.batch.rows import Row, validate_rows
from congvan.batch.tables import read_rows
from congvan.documents import bundled_template, compiled_template, load
from congvan.engine.batch import chunk_size, executor_workers, render_in_memory, render_many
from congvan.engine.remote import Write
from congvan.errors import DataError, Problem
from congvan.files import OutputNames, check_output_folder, document_name, staged_folder
from congvan.followup import FollowUp, ProvinceStatus, letter_context, shared_context
from congvan.loading import load_model
from congvan.model import NumberSymbol
from congvan.register_options import DEFAULT_REGISTER_NAME, numbered_from_register
from congvan.units import Province

if TYPE_CHECKING:
    from congvan.register import Register
    from congvan.register.issuing import RegisterNumbers
    from congvan.signing.signer_file import BatchSigner

Numbering = Literal["shared", "sequential"]
DEFAULT_PATTERN = "{code}-{slug}.docx"
COMBINED_NAME = "all-letters.docx"
PDF_FOLDER = "pdf"


@dataclass(frozen=True)
class BatchResult:
    """What a batch made: the letters, and the manifest and combined files (None in a dry run)."""

    letters: tuple[LetterResult, ...]
    folder: Path | None
    manifest_csv: Path | None
    manifest_json: Path | None
    combined: Path | None


def render_batch(
    letter: str | os.PathLike[str] | FollowUp,
    rows: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProvinceStatus],
    out: str | os.PathLike[str] | None,
    *,
    directive: str | os.PathLike[str] | None = None,
    template: str | os.PathLike[str] | None = None,
    combined_template: str | os.PathLike[str] | None = None,
    numbering: Numbering = "sequential",
    start: int | None = None,
    pattern: str = DEFAULT_PATTERN,
    only: Iterable[str] | None = None,
    combined: bool = False,
    pdf: bool = False,
    timeout: float | None = None,
    sign: BatchSigner | None = None,
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
) -> BatchResult:
    """Render one follow-up letter per row into the folder ``out``; return what was made.

    - ``letter``: the shared data (a YAML path or a ``FollowUp``); ``directive``
      the directive it follows up (default: the path its data names).
    - ``rows``: a CSV, XLSX or YAML path, or a list of dicts or ``ProvinceStatus``.
    - ``encoding``, ``delimiter``: how a CSV or text table is read (default: detected; see `read_rows`):
      any Python codec or ``"tcvn3"``, ``"vni"``; ``","``, ``";"``, ``"tab"`` or ``"|"``.
    - ``template``: the letter's .docx (default: the bundled ``follow-up.docx``);
      ``combined_template`` the all-letters layout, needed with a custom
      ``template`` for ``combined`` or ``pdf`` (default: the bundled one).
    - ``numbering``: "sequential" gives each letter its own number counted from
      ``start`` (default: the number in the data, else 1); "shared" gives all
      the number in the data (blank for a draft).
    - ``pattern``: file names, from ``code``, ``slug``, ``name`` and ``number``.
    - ``only``: GSO codes of the provinces to render (all by default).
    - ``combined``: also write ``all-letters.docx``, every letter on its own pages
      with its own page numbering.
    - ``pdf``: also write ``pdf/<letter>.pdf`` for each letter and ``pdf/all-letters.pdf``
      with a bookmark per letter (one combined file per LibreOffice instance is
      converted, then split at each letter's bookmark).
    - ``sign``: with ``pdf``, sign each letter's PDF as its signer
      (`congvan.signing.signer_file.load_signer_file` reads a signer file).
    - ``timeout``: seconds a LibreOffice instance may go without finishing a PDF
      (default `congvan.pdf.DEFAULT_TIMEOUT`).
    - ``jobs``: processes rendering the letters, and LibreOffice instances for ``pdf``.
    - ``executor``: render on any `concurrent.futures.Executor` instead (a Dask cluster's
      ``Client.get_executor()``…); ``write``: ``"worker"`` (the output's folder is shared with the
      workers) or ``"caller"`` (the bytes come back here), see `congvan.render_many`.
    - ``dry_run``: validate and render in memory only; write nothing.
    - ``progress``: called as ``progress(1, total)`` after each letter (for a progress bar).
    - ``register``: take the numbers from this register (a `congvan.Register`, an SQLite path
      or a ``postgresql://`` URL), its register ``register_name``, in one transaction with
      the folder: consecutive in table order, none taken by a batch that fails, is
      interrupted or killed; ``run_id`` names the batch, so that a rerun takes no number
      twice. The letters need ``issued_on`` and no number of their own
      (`congvan.register.issuing`). A dry run shows the numbers the register would give.

    The folder ``out`` belongs to the batch: it is replaced as a whole. It may not be a file,
    a link, the current folder or a folder holding the inputs (`OutputError`); every file name
    is checked to be plain and distinct before anything is rendered (`DataError`).
    """
    if sign is not None and not pdf:
        raise DataError([Problem("sign", "signing needs the letters' PDFs: add pdf=True (--pdf)")])
    if template is not None and combined_template is None and (combined or pdf):
        raise DataError(
            [
                Problem(
                    "combined_template",
                    "a custom letter template needs its own all-letters template for combined or PDF output "
                    "(each letter in a section of its own, with a bookmark 'letter001' … at its start); "
                    "see templates/follow-up-combined.docx",
                )
            ]
        )
    follow_up, directive_letter = load_shared(letter, directive)
    table_source = str(rows) if isinstance(rows, (str, os.PathLike)) else None
    on = follow_up.issued_on or follow_up.directive.issued_on
    valid = validate_rows(read_rows(rows, encoding=encoding, delimiter=delimiter), on, source=table_source)
    if only is not None:
        wanted = {code.zfill(2) for code in only}
        unknown = wanted - {row.unit.code for row in valid}
        if unknown:
            raise DataError([Problem("--only", f"no row for code {code}") for code in sorted(unknown)], table_source)
        valid = [row for row in valid if row.unit.code in wanted]

    numbered = _from_register(register, register_name, run_id, follow_up, valid, numbering, start, letter)
    numbers: list[int | None] = (
        list(numbered.numbers) if numbered else _numbers(follow_up, len(valid), numbering, start)
    )
    shared = shared_context(follow_up, directive_letter)
    layout = _LetterLayout(shared, follow_up, valid, pattern, combined, pdf, table_source)
    contexts, names = layout.lay_out(numbers)
    template_path = str(Path(template).resolve()) if template else str(bundled_template("follow-up"))
    compiled = compiled_template(template_path)
    whole = (
        compiled_template(str(combined_template or bundled_template("follow-up-combined"))) if combined or pdf else None
    )

    if dry_run or out is None:
        digests = []
        with rows_named(compiled, contexts, [row.number for row in valid], table_source):
            for data in render_in_memory(compiled, contexts):
                digests.append(hashlib.sha256(data).hexdigest())
                if progress:
                    progress(1, len(contexts))
        return BatchResult(_results(follow_up, valid, numbers, names, digests), None, None, None, None)

    inputs = [letter, rows, directive_path(letter, follow_up, directive), template_path, combined_template]
    target = check_output_folder(out, [p for p in inputs if isinstance(p, (str, os.PathLike))])
    with staged_folder(target) as staging, numbered.taken() if numbered else nullcontext() as batch:
        if numbered and numbered.changed:  # another clerk took numbers since they were planned
            numbers = list(numbered.numbers)
            contexts, names = layout.lay_out(numbers)
        items = [(staging / name, context) for name, context in zip(names, contexts, strict=True)]
        digests = []
        workers = jobs if executor is None else executor_workers(executor)
        results = render_many(
            compiled,
            items,
            jobs=jobs if executor is None else 1,
            chunksize=chunk_size(len(items), workers),
            executor=executor,
            write=write,
        )
        with rows_named(compiled, contexts, [row.number for row in valid], table_source), closing(results):
            for result in results:
                digests.append(result.sha256)
                if progress:
                    progress(1, len(contexts))
        letters = _results(follow_up, valid, numbers, names, digests)
        if numbered and batch:
            numbered.attach(batch, list(zip(names, digests, strict=True)))
        write_manifest(staging, letters, follow_up)
        if combined and whole is not None:
            (staging / COMBINED_NAME).write_bytes(whole.render({"letters": contexts}))
        if pdf and whole is not None:
            write_pdfs(staging, letters, contexts, whole, max(1, jobs), timeout=timeout)
            if sign is not None:
                sign_letter_pdfs(staging, letters, sign)
    return BatchResult(
        letters,
        target,
        target / "manifest.csv",
        target / "manifest.json",
        target / COMBINED_NAME if combined else None,
    )


def _from_register(
    register: Register | str | os.PathLike[str] | None,
    name: str,
    run_id: str | None,
    follow_up: FollowUp,
    rows: list[Row],
    numbering: Numbering,
    start: int | None,
    letter: str | os.PathLike[str] | FollowUp,
) -> RegisterNumbers | None:
    """The letters' numbers from ``register`` (planned, not taken yet), or None without a register."""
    if not numbered_from_register(register, name, run_id):
        return None
    from congvan.register.issuing import RegisterNumbers, follow_up_drafts

    source = None if isinstance(letter, FollowUp) else str(letter)
    drafts = follow_up_drafts(follow_up, rows, numbering=numbering, start=start, source=source)
    issuer = follow_up.issuing_body.name
    return RegisterNumbers(register, drafts, name=name, run_id=run_id, issuer=issuer, source=source)


@dataclass(frozen=True)
class _LetterLayout:
    """Each letter's context and file name for the numbers given (laid out again if the register's change)."""

    shared: dict[str, Any]
    follow_up: FollowUp
    rows: list[Row]
    pattern: str
    combined: bool
    pdf: bool
    source: str | None

    def lay_out(self, numbers: list[int | None]) -> tuple[list[dict[str, Any]], list[str]]:
        contexts = [
            letter_context(self.shared, self.follow_up, row.unit, row.status, n)
            for row, n in zip(self.rows, numbers, strict=True)
        ]
        names = [_file_name(self.pattern, row.unit, n) for row, n in zip(self.rows, numbers, strict=True)]
        _check_names(self.pattern, self.rows, names, combined=self.combined, pdf=self.pdf, source=self.source)
        return contexts, names


def load_shared(
    letter: str | os.PathLike[str] | FollowUp, directive: str | os.PathLike[str] | None
) -> tuple[FollowUp, Any]:
    """The shared data of the letters and the directive they follow up (by default the one it names)."""
    follow_up = letter if isinstance(letter, FollowUp) else load_model(FollowUp, letter)
    return follow_up, load(directive_path(letter, follow_up, directive))


def directive_path(
    letter: str | os.PathLike[str] | FollowUp, follow_up: FollowUp, directive: str | os.PathLike[str] | None
) -> Path:
    """Where the directive's data is: ``directive``, else the path the shared data names (beside it)."""
    if directive:
        return Path(directive)
    base = Path.cwd() if isinstance(letter, FollowUp) else Path(letter).parent
    return base / follow_up.directive.data


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
            [
                Problem(
                    "pattern", f"{pattern!r} cannot be filled ({error}); use {{code}}, {{slug}}, {{name}}, {{number}}"
                )
            ]
        ) from None
    return document_name(name)


def pdf_name(letter_file: str) -> str:
    """The name of a letter's PDF in the folder ``pdf`` (``01-ha-noi.pdf``), as `write_pdfs` names it."""
    return Path(letter_file).with_suffix(".pdf").name


def _check_names(
    pattern: str, rows: list[Row], names: list[str], *, combined: bool, pdf: bool, source: str | None
) -> None:
    """Every file the batch writes has a plain name of its own (case aside); one DataError lists each that has not."""
    plan = OutputNames(pattern)
    plan.reserve("manifest.csv", "the manifest")
    plan.reserve("manifest.json", "the manifest")
    if combined:
        plan.reserve(COMBINED_NAME, "the combined letters (--combined)")
    if pdf:
        plan.reserve(PDF_FOLDER, "the PDF folder (--pdf)")
        plan.reserve(f"{PDF_FOLDER}/all-letters.pdf", "the combined PDF (--pdf)")
    problems = []
    for row, name in zip(rows, names, strict=True):
        problem = plan.add(name, f"row {row.number}")
        if problem is None and pdf:
            problem = plan.add(pdf_name(name), f"row {row.number}", folder=PDF_FOLDER)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise DataError(problems, source)


def _results(
    follow_up: FollowUp, rows: list[Row], numbers: list[int | None], names: list[str], digests: list[str]
) -> tuple[LetterResult, ...]:
    return tuple(
        LetterResult(
            row.unit.code,
            row.unit.committee,
            name,
            str(NumberSymbol(number=n, symbol=follow_up.number.symbol)).strip(),
            digest,
        )
        for row, n, name, digest in zip(rows, numbers, names, digests, strict=True)
    )
