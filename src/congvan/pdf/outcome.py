"""What every route to PDF shares: the inputs checked before LibreOffice sees them, the PDFs checked after,
and one `ConversionFailed` that lists every document that did not convert."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from congvan.errors import ConversionFailed, ConversionTimeout, FailedDocument, PdfError

#: Seconds LibreOffice may work on a document without finishing its PDF before it counts as hung.
DEFAULT_TIMEOUT = 60.0


def pdf_name(source: Path) -> str:
    """The name LibreOffice gives the PDF of ``source``: the extension replaced by ``.pdf``."""
    return source.with_suffix(".pdf").name


def check_names(sources: list[Path]) -> None:
    """`PdfError` when two inputs would make the same PDF in one folder (or one is given twice)."""
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


def unreadable(source: Path) -> str | None:
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


def is_complete_pdf(path: Path) -> bool:
    """``path`` is a whole PDF: starts with ``%PDF-``, ends with ``%%EOF``."""
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            handle.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def hung_reason(timeout: float) -> str:
    """Why a document failed when LibreOffice worked on it for ``timeout`` seconds without finishing."""
    return f"LibreOffice hung on it: no PDF for {timeout:g} s, killed"


def results_in_order(
    sources: Sequence[Path], done: Mapping[Path, Path], failed: Mapping[Path, FailedDocument], target: Path
) -> list[Path]:
    """The PDFs in the order of ``sources``; `ConversionFailed` (`ConversionTimeout` after a hang) listing
    every failure when there is any, with the PDFs that were made."""
    if not failed:
        return [done[src] for src in sources]
    converted = tuple(done[src] for src in sources if src in done)
    ordered = tuple(failed[src] for src in sources if src in failed)
    error = ConversionTimeout if any(f.timed_out for f in ordered) else ConversionFailed
    lines = "\n".join(f"  - {f}" for f in ordered)
    raise error(
        f"{len(ordered)} of {len(sources)} documents did not convert to PDF "
        f"({len(converted)} did, in {target}):\n{lines}",
        converted=converted,
        failures=ordered,
    )
