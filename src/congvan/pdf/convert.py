"""Convert .docx files to PDF with LibreOffice: headless instances started and stopped here.

Where LibreOffice's Python UNO bridge is installed (``python3-uno``), `to_pdf` converts through a
`congvan.pdf.converter.PdfConverter` (warm instances over UNO: start-up paid once per instance,
not per call of ``soffice``). Elsewhere each instance converts its share in one
``soffice --convert-to`` call. Either way each instance gets a fresh temporary profile
(``-env:UserInstallation``, seeded by `congvan.pdf.profile` so that LibreOffice starts in a
fifth of the time), so conversions run beside a user's open LibreOffice and beside each other.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from congvan.errors import ConversionFailed, FailedDocument
from congvan.pdf.interrupt import run_all, terminate_as_exit
from congvan.pdf.outcome import (
    DEFAULT_TIMEOUT,
    check_names,
    hung_reason,
    is_complete_pdf,
    pdf_name,
    results_in_order,
    unreadable,
)
from congvan.pdf.profile import seed_profile
from congvan.pdf.scratch import deliver, scratch_root
from congvan.pdf.tools import find_soffice, run_tool
from congvan.pdf.unopython import uno_python

if TYPE_CHECKING:
    from congvan.pdf.converter import PdfConverter

__all__ = ["DEFAULT_TIMEOUT", "EXPORT_FILTER", "default_jobs", "pdf_name", "to_pdf"]

#: Writer's PDF export; Word bookmarks become PDF named destinations (used to split a combined PDF).
EXPORT_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'

PathLike = str | os.PathLike[str]


def default_jobs(count: int) -> int:
    """Instances for ``count`` documents: one per CPU this process may use, at most 4 and ``count``."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4, count))


def to_pdf(
    docx_paths: Iterable[PathLike] | PathLike,
    out_dir: PathLike,
    *,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    converter: PdfConverter | None = None,
    signing_ready: bool = True,
) -> list[Path]:
    """Convert .docx files to PDFs in ``out_dir`` (``letter.docx`` → ``out_dir/letter.pdf``).

    ``signing_ready``: a letter from congvan's templates (its bookmarks are now named destinations,
    `congvan.anchors`) gets the signature fields of ND30's two signatures and, where the draft
    leaves them blank, the text fields for the number and date, locked
    (`congvan.signing.make_signing_ready`); other PDFs are left as LibreOffice wrote them.

    ``jobs`` LibreOffice instances run in parallel (default: `default_jobs`);
    ``timeout`` is how long an instance may go without finishing a PDF before
    it is killed with its process group. A PDF appears in ``out_dir`` only
    complete (written aside, then moved in). Returns the PDFs in input order.
    ``converter``: an open `PdfConverter` to convert with (its instances are
    already warm; ``jobs`` and ``timeout`` are then its own); by default one is
    opened for this call when LibreOffice's UNO bridge is installed.

    Ctrl-C (or SIGTERM) stops the conversion at once: every LibreOffice started is
    killed with its process group and its temporary files removed before the
    interrupt goes on; ``out_dir`` keeps only the PDFs finished before it.

    When some documents fail, all the others still convert, then
    `ConversionFailed` (or `ConversionTimeout` if LibreOffice hung) is raised
    with ``converted`` and ``failures`` (each file with its reason).
    Raises `ConverterNotFound` when LibreOffice is not installed, `PdfError`
    when two inputs would make the same PDF name.
    """
    convert = functools.partial(_convert, jobs=jobs, timeout=timeout, converter=converter)
    if not signing_ready:
        return convert(docx_paths, out_dir)
    try:
        pdfs = convert(docx_paths, out_dir)
    except ConversionFailed as error:
        _make_ready(error.converted)
        raise
    _make_ready(pdfs)
    return pdfs


def _make_ready(pdfs: Iterable[Path]) -> None:
    from congvan.signing.sign import make_signing_ready

    for pdf in pdfs:
        make_signing_ready(pdf)


def _convert(
    docx_paths: Iterable[PathLike] | PathLike,
    out_dir: PathLike,
    *,
    jobs: int | None,
    timeout: float,
    converter: PdfConverter | None,
) -> list[Path]:
    if converter is not None:
        return converter.convert(docx_paths, out_dir)
    if isinstance(docx_paths, str | os.PathLike):
        docx_paths = [docx_paths]
    sources = [Path(p).resolve() for p in docx_paths]
    if not sources:
        return []
    if timeout <= 0:
        raise ValueError(f"timeout must be positive seconds, got {timeout!r}")
    check_names(sources)
    soffice = find_soffice()
    readable = sum(1 for src in sources if unreadable(src) is None)
    count = default_jobs(readable) if jobs is None else max(1, min(jobs, readable or 1))
    if uno_python(soffice) is not None:
        from congvan.pdf.converter import PdfConverter

        warm = PdfConverter(count, timeout=timeout)
        try:
            return warm.convert(sources, out_dir)
        finally:
            warm.close()
    return _convert_in_calls(soffice, sources, Path(out_dir).resolve(), count, timeout)


def _convert_in_calls(soffice: str, sources: list[Path], target: Path, count: int, timeout: float) -> list[Path]:
    """Without the UNO bridge: ``count`` instances, each converting its share in one ``soffice`` call."""
    created = not target.is_dir()
    target.mkdir(parents=True, exist_ok=True)  # PDFs appear in it only complete; temporary files go into hidden folders

    failed = {src: FailedDocument(src, reason) for src in sources if (reason := unreadable(src))}
    todo = [src for src in sources if src not in failed]
    shares = _split(todo, count)
    done: dict[Path, Path] = {}
    cancel = threading.Event()
    try:
        with terminate_as_exit(), ThreadPoolExecutor(max_workers=max(1, len(shares))) as pool:
            # Interruptible: on Ctrl-C or SIGTERM every LibreOffice is gone, and its files, before the interrupt goes on.
            convert = functools.partial(_convert_share, soffice, target=target, timeout=timeout, cancel=cancel)
            results = run_all(pool, convert, shares, cancel)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                target.rmdir()  # a folder this call made, still empty
        raise
    for converted, share_failures in results:
        done.update(converted)
        failed.update({f.source: f for f in share_failures})
    return results_in_order(sources, done, failed, target)


def _split(sources: list[Path], count: int) -> list[list[Path]]:
    """Share ``sources`` among ``count`` instances by size (largest first to the lightest), keeping input order."""
    if not sources:
        return []
    loads = [0] * count
    owner: dict[Path, int] = {}
    for src in sorted(sources, key=lambda s: -s.stat().st_size):
        index = loads.index(min(loads))
        owner[src] = index
        loads[index] += max(1, src.stat().st_size)
    shares = [[src for src in sources if owner[src] == i] for i in range(count)]
    return [share for share in shares if share]


def _convert_share(
    soffice: str, share: list[Path], target: Path, timeout: float, cancel: threading.Event
) -> tuple[dict[Path, Path], list[FailedDocument]]:
    """Convert ``share`` in one LibreOffice call; after a hang or crash, go on in a fresh instance.

    LibreOffice keeps its profile and temporary files (``TMPDIR``) and writes the PDFs in a
    temporary folder (in memory when `congvan.pdf.scratch.scratch_root` is); each complete PDF
    reaches ``target`` through a hidden staging folder there. Both folders are removed however
    the call ends, a ``cancel`` (`congvan.pdf.tools.Cancelled`) included.
    """
    converted: dict[Path, Path] = {}
    failures: list[FailedDocument] = []
    remaining = list(share)
    fruitless = 0  # consecutive calls that ended abnormally without converting anything
    staging = Path(tempfile.mkdtemp(prefix=".congvan-pdf-", dir=target))
    try:
        # Profiles, LibreOffice's temporary files and the PDFs it writes: in memory when the machine has it.
        with tempfile.TemporaryDirectory(prefix="congvan-soffice-", dir=scratch_root()) as profiles:
            scratch = Path(profiles) / "tmp"  # LibreOffice's own lu*.tmp files, left behind when it is killed
            scratch.mkdir()
            outdir = Path(profiles) / "out"
            outdir.mkdir()
            attempt = 0
            while remaining:
                attempt += 1
                profile = Path(profiles) / f"profile-{attempt}"
                seed_profile(profile, soffice)
                argv = [
                    soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    "--nolockcheck",
                    "--convert-to",
                    EXPORT_FILTER,
                    "--outdir",
                    str(outdir),
                    *map(str, remaining),
                ]
                finished = run_tool(
                    argv,
                    stall_timeout=timeout,
                    progress=lambda: len(os.listdir(outdir)),
                    cancel=cancel,
                    env={"TMPDIR": str(scratch)},
                )
                missing: list[Path] = []
                for src in remaining:
                    produced = outdir / pdf_name(src)
                    if is_complete_pdf(produced):
                        converted[src] = deliver(produced, target / produced.name, staging)
                    else:
                        produced.unlink(missing_ok=True)
                        missing.append(src)
                if not missing:
                    break
                errors = _error_lines(finished.stderr)
                if finished.returncode == 0:
                    reason = "LibreOffice could not load or export it" + (f" ({errors})" if errors else "")
                    failures += [FailedDocument(src, reason) for src in missing]
                    break
                fruitless = fruitless + 1 if len(missing) == len(remaining) else 0
                if finished.stalled:
                    why = hung_reason(timeout)
                else:
                    why = f"LibreOffice exited with status {finished.returncode} while converting it"
                    why += f" ({errors})" if errors else ""
                culprit, *rest = missing
                failures.append(FailedDocument(culprit, why, timed_out=finished.stalled))
                if fruitless >= 2:
                    # Twice in a row nothing converted: LibreOffice itself is broken, not a document.
                    gave_up = "not converted: LibreOffice failed twice in a row before finishing any PDF" + (
                        f" ({errors})" if errors else ""
                    )
                    failures += [FailedDocument(src, gave_up, timed_out=finished.stalled) for src in rest]
                    break
                remaining = rest  # the documents not reached go to a fresh instance
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return converted, failures


def _error_lines(stderr: str) -> str:
    """LibreOffice's own error lines, without its start-up noise (javaldx warnings)."""
    lines = [line.strip() for line in stderr.splitlines()]
    return "; ".join(line for line in lines if line and not line.startswith("Warning:"))
