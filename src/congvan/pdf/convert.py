"""Convert .docx files to PDF with LibreOffice: headless instances started and stopped here.

Each instance gets a fresh temporary profile (``-env:UserInstallation``), so
conversions run beside a user's open LibreOffice and beside each other. A batch
is split among ``jobs`` instances; each converts its share in one ``soffice``
call, because LibreOffice's start costs more than a letter does.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from congvan.errors import ConversionFailed, ConversionTimeout, FailedDocument, PdfError
from congvan.pdf.interrupt import run_all, terminate_as_exit
from congvan.pdf.tools import find_soffice, run_tool

#: Seconds LibreOffice may work without finishing a PDF (start-up included) before it counts as hung.
DEFAULT_TIMEOUT = 60.0

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
) -> list[Path]:
    """Convert .docx files to PDFs in ``out_dir`` (``letter.docx`` → ``out_dir/letter.pdf``).

    ``jobs`` LibreOffice instances run in parallel (default: `default_jobs`);
    ``timeout`` is how long an instance may go without finishing a PDF before
    it is killed with its process group. A PDF appears in ``out_dir`` only
    complete (written aside, then moved in). Returns the PDFs in input order.

    Ctrl-C (or SIGTERM) stops the conversion at once: every LibreOffice started is
    killed with its process group and its temporary files removed before the
    interrupt goes on; ``out_dir`` keeps only the PDFs finished before it.

    When some documents fail, all the others still convert, then
    `ConversionFailed` (or `ConversionTimeout` if LibreOffice hung) is raised
    with ``converted`` and ``failures`` (each file with its reason).
    Raises `ConverterNotFound` when LibreOffice is not installed, `PdfError`
    when two inputs would make the same PDF name.
    """
    if isinstance(docx_paths, str | os.PathLike):
        docx_paths = [docx_paths]
    sources = [Path(p).resolve() for p in docx_paths]
    if not sources:
        return []
    if timeout <= 0:
        raise ValueError(f"timeout must be positive seconds, got {timeout!r}")
    _check_names(sources)
    soffice = find_soffice()
    target = Path(out_dir).resolve()
    created = not target.is_dir()
    target.mkdir(parents=True, exist_ok=True)  # PDFs appear in it only complete; temporary files go into hidden folders

    failures = {src: reason for src in sources if (reason := _unreadable(src))}
    todo = [src for src in sources if src not in failures]
    count = default_jobs(len(todo)) if jobs is None else max(1, min(jobs, len(todo) or 1))
    shares = _split(todo, count)

    failed: dict[Path, FailedDocument] = {src: FailedDocument(src, reason) for src, reason in failures.items()}
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

    if failed:
        converted_paths = tuple(done[src] for src in sources if src in done)
        ordered = tuple(failed[src] for src in sources if src in failed)
        error = ConversionTimeout if any(f.timed_out for f in ordered) else ConversionFailed
        lines = "\n".join(f"  - {f}" for f in ordered)
        raise error(
            f"{len(ordered)} of {len(sources)} documents did not convert to PDF "
            f"({len(converted_paths)} did, in {target}):\n{lines}",
            converted=converted_paths,
            failures=ordered,
        )
    return [done[src] for src in sources]


def pdf_name(source: Path) -> str:
    """The name LibreOffice gives the PDF of ``source``: the extension replaced by ``.pdf``."""
    return source.with_suffix(".pdf").name


def _check_names(sources: list[Path]) -> None:
    seen: dict[str, Path] = {}
    clashes: list[str] = []
    for src in sources:
        name = pdf_name(src)
        if name in seen and seen[name] != src:
            clashes.append(f"{seen[name]} and {src} both make {name}")
        seen.setdefault(name, src)
    duplicates = len(sources) - len(set(sources))
    if clashes or duplicates:
        detail = "; ".join(clashes) if clashes else f"{duplicates} file(s) given twice"
        raise PdfError(f"cannot convert to one folder: {detail}; rename the files or convert them apart")


def _unreadable(source: Path) -> str | None:
    """Why ``source`` cannot be converted before LibreOffice sees it, or ``None``."""
    if not source.is_file():
        return "no such file"
    if source.suffix.lower() == ".docx":
        # LibreOffice would import any text file as a document: refuse what is not a .docx package.
        try:
            with zipfile.ZipFile(source) as package:
                if "word/document.xml" not in package.namelist():
                    return "not a .docx package (no word/document.xml); save it again from Word or congvan"
        except (zipfile.BadZipFile, OSError) as error:
            return f"not a .docx package ({error}); save it again from Word or congvan"
    return None


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

    LibreOffice writes into a hidden staging folder in ``target`` and keeps its profile and
    temporary files (``TMPDIR``) in a temporary folder; both are removed however the call
    ends, a ``cancel`` (`congvan.pdf.tools.Cancelled`) included.
    """
    converted: dict[Path, Path] = {}
    failures: list[FailedDocument] = []
    remaining = list(share)
    fruitless = 0  # consecutive calls that ended abnormally without converting anything
    staging = Path(tempfile.mkdtemp(prefix=".congvan-pdf-", dir=target))
    try:
        with tempfile.TemporaryDirectory(prefix="congvan-soffice-") as profiles:
            scratch = Path(profiles) / "tmp"  # LibreOffice's own lu*.tmp files, left behind when it is killed
            scratch.mkdir()
            attempt = 0
            while remaining:
                attempt += 1
                profile = Path(profiles) / f"profile-{attempt}"
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
                    str(staging),
                    *map(str, remaining),
                ]
                finished = run_tool(
                    argv,
                    stall_timeout=timeout,
                    progress=lambda: len(os.listdir(staging)),
                    cancel=cancel,
                    env={"TMPDIR": str(scratch)},
                )
                missing: list[Path] = []
                for src in remaining:
                    produced = staging / pdf_name(src)
                    if _is_complete_pdf(produced):
                        final = target / produced.name
                        os.replace(produced, final)
                        converted[src] = final
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
                    why = f"LibreOffice hung on it: no PDF for {timeout:g} s, killed"
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


def _is_complete_pdf(path: Path) -> bool:
    """``path`` is a whole PDF: starts with ``%PDF-``, ends with ``%%EOF``."""
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            handle.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def _error_lines(stderr: str) -> str:
    """LibreOffice's own error lines, without its start-up noise (javaldx warnings)."""
    lines = [line.strip() for line in stderr.splitlines()]
    return "; ".join(line for line in lines if line and not line.startswith("Warning:"))
