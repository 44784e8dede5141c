"""The follow-up campaign's run: one letter per row through the generic pipeline (`FollowUpCampaign`, `render_batch`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from congvan.campaigns.followup.context import follow_up_context, shared_context
from congvan.campaigns.followup.loading import directive_path, load_shared
from congvan.campaigns.followup.manifest import LetterResult, write_manifest
from congvan.campaigns.followup.model import FollowUp, ProvinceStatus
from congvan.campaigns.followup.pdfs import sign_letter_pdfs, write_pdfs
from congvan.campaigns.followup.rows import Row, validate_rows
from congvan.engine.loader import Folders, compiled_template, loader_for
from congvan.engine.remote import Write
from congvan.errors import DataError, Problem
from congvan.files import OutputNames, document_name
from congvan.model import NumberSymbol
from congvan.pipeline.run import DocumentPlan, Rendered, RunOptions, run_documents
from congvan.pipeline.tables import TableFormat, read_rows
from congvan.register_options import DEFAULT_REGISTER_NAME, RegisterChoice, numbered_from_register
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


@dataclass(frozen=True)
class Outputs:
    """What a batch writes beside the letters: ``combined`` (all-letters.docx), ``pdf`` (one PDF per
    letter and all-letters.pdf, each conversion given ``timeout`` seconds), signed by ``sign``."""

    combined: bool = False
    pdf: bool = False
    timeout: float | None = None
    sign: BatchSigner | None = None


@dataclass(frozen=True)
class FollowUpCampaign:
    """The 2020 follow-up as a campaign: its shared data (``letter``) and the ``directive`` it follows up,
    its templates (``template``, ``combined_template``, or by name from the folders ``templates``), how
    letters are numbered (``numbering``, ``start``) and named (``pattern``). `run` renders one letter per
    row of a table through the generic pipeline; `render_batch` is the same with keywords.
    """

    letter: str | os.PathLike[str] | FollowUp
    directive: str | os.PathLike[str] | None = None
    template: str | os.PathLike[str] | None = None
    combined_template: str | os.PathLike[str] | None = None
    templates: Folders = None
    numbering: Numbering = "sequential"
    start: int | None = None
    pattern: str = DEFAULT_PATTERN

    def run(
        self,
        rows: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProvinceStatus],
        out: str | os.PathLike[str] | None,
        *,
        only: Iterable[str] | None = None,
        outputs: Outputs = Outputs(),
        table: TableFormat = TableFormat(),
        options: RunOptions = RunOptions(),
        numbers: RegisterChoice = RegisterChoice(),
    ) -> BatchResult:
        """One letter per row of ``rows`` (those of the GSO codes ``only``) into the folder ``out``, with
        ``outputs`` beside them, the table read as ``table`` says, rendered as ``options`` say, numbered
        from the register ``numbers`` names (if any); see `render_batch` for each."""
        letter, template, combined_template = self.letter, self.template, self.combined_template
        combined, pdf, timeout, sign = outputs.combined, outputs.pdf, outputs.timeout, outputs.sign
        self._check_outputs(outputs)
        follow_up, directive_letter = load_shared(letter, self.directive)
        table_source = str(rows) if isinstance(rows, (str, os.PathLike)) else None
        valid = _selected_rows(follow_up, rows, table, only, table_source)
        numbered = _from_register(numbers, follow_up, valid, self.numbering, self.start, letter)
        counted = _numbers(follow_up, len(valid), self.numbering, self.start) if numbered is None else None
        letters_layout = _LetterLayout(
            shared_context(follow_up, directive_letter), follow_up, valid, self.pattern, combined, pdf
        )
        loader = loader_for(self.templates)
        template_path = str(Path(template).resolve()) if template else str(loader.find("follow-up"))
        compiled = compiled_template(template_path)
        whole = (
            compiled_template(str(combined_template or loader.find("follow-up-combined"))) if combined or pdf else None
        )

        laid_out: list[int | None] = []  # the numbers of the last layout: planned, then taken

        def lay_out(taken: Sequence[int] | None) -> DocumentPlan:
            laid_out[:] = list(taken) if taken is not None else counted or []
            return letters_layout.lay_out(laid_out, table_source)

        def finish(staging: Path, layout: DocumentPlan, documents: list[Rendered]) -> None:
            letters = _results(follow_up, valid, laid_out, documents)
            write_manifest(staging, letters, follow_up)
            if combined and whole is not None:
                (staging / COMBINED_NAME).write_bytes(whole.render({"letters": layout.contexts}))
            if pdf and whole is not None:
                write_pdfs(staging, letters, layout.contexts, whole, max(1, options.jobs), timeout=timeout)
                if sign is not None:
                    sign_letter_pdfs(staging, letters, sign)

        outcome = run_documents(
            compiled,
            lay_out,
            out,
            finish=finish,
            inputs=(letter, rows, directive_path(letter, follow_up, self.directive), template_path, combined_template),
            source=table_source,
            numbered=numbered,
            options=options,
        )
        letters = _results(follow_up, valid, laid_out, outcome.documents)
        target = outcome.folder
        if target is None:
            return BatchResult(letters, None, None, None, None)
        return BatchResult(
            letters,
            target,
            target / "manifest.csv",
            target / "manifest.json",
            target / COMBINED_NAME if combined else None,
        )

    def _check_outputs(self, outputs: Outputs) -> None:
        """`DataError` for outputs this campaign cannot make as asked."""
        if outputs.sign is not None and not outputs.pdf:
            raise DataError([Problem("sign", "signing needs the letters' PDFs: add pdf=True (--pdf)")])
        if self.template is not None and self.combined_template is None and (outputs.combined or outputs.pdf):
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


def _selected_rows(
    follow_up: FollowUp, rows: Any, table: TableFormat, only: Iterable[str] | None, source: str | None
) -> list[Row]:
    """The table's rows, each checked (`DataError` listing every problem), then those of the GSO codes ``only``."""
    on = follow_up.issued_on or follow_up.directive.issued_on
    valid = validate_rows(read_rows(rows, encoding=table.encoding, delimiter=table.delimiter), on, source=source)
    if only is None:
        return valid
    wanted = {code.zfill(2) for code in only}
    unknown = wanted - {row.unit.code for row in valid}
    if unknown:
        raise DataError([Problem("--only", f"no row for code {code}") for code in sorted(unknown)], source)
    return [row for row in valid if row.unit.code in wanted]


def render_batch(
    letter: str | os.PathLike[str] | FollowUp,
    rows: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProvinceStatus],
    out: str | os.PathLike[str] | None,
    *,
    directive: str | os.PathLike[str] | None = None,
    template: str | os.PathLike[str] | None = None,
    combined_template: str | os.PathLike[str] | None = None,
    templates: Folders = None,
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
      ``template`` for ``combined`` or ``pdf`` (default: the bundled one). ``templates``: folders
      of templates looked in first for ``follow-up.docx`` and ``follow-up-combined.docx``, so that an
      office's own versions override the bundled ones.
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
    campaign = FollowUpCampaign(letter, directive, template, combined_template, templates, numbering, start, pattern)
    return campaign.run(
        rows,
        out,
        only=only,
        outputs=Outputs(combined, pdf, timeout, sign),
        table=TableFormat(encoding, delimiter),
        options=RunOptions(jobs, executor, write, dry_run, progress),
        numbers=RegisterChoice(register, register_name, run_id),
    )


def _from_register(
    choice: RegisterChoice,
    follow_up: FollowUp,
    rows: list[Row],
    numbering: Numbering,
    start: int | None,
    letter: str | os.PathLike[str] | FollowUp,
) -> RegisterNumbers | None:
    """The letters' numbers from the register ``choice`` names (planned, not taken yet), or None without one."""
    register, name, run_id = choice.register, choice.name, choice.run_id
    if not numbered_from_register(register, name, run_id):
        return None
    from congvan.campaigns.followup.numbering import follow_up_drafts
    from congvan.register.issuing import RegisterNumbers

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

    def lay_out(self, numbers: list[int | None], source: str | None) -> DocumentPlan:
        contexts = [
            follow_up_context(self.shared, self.follow_up, row.unit, row.status, n)
            for row, n in zip(self.rows, numbers, strict=True)
        ]
        names = [_file_name(self.pattern, row.unit, n) for row, n in zip(self.rows, numbers, strict=True)]
        _check_names(self.pattern, self.rows, names, combined=self.combined, pdf=self.pdf, source=source)
        return DocumentPlan(contexts, names, [row.number for row in self.rows])


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
    follow_up: FollowUp, rows: list[Row], numbers: list[int | None], documents: Sequence[Rendered]
) -> tuple[LetterResult, ...]:
    return tuple(
        LetterResult(
            row.unit.code,
            row.unit.committee,
            document.file,
            str(NumberSymbol(number=n, symbol=follow_up.number.symbol)).strip(),
            document.sha256,
        )
        for row, n, document in zip(rows, numbers, documents, strict=True)
    )
