"""PDFs of a batch: a few combined files converted at once, split at each letter's bookmark."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.campaigns.followup.manifest import LetterResult
from congvan.engine import Template
from congvan.errors import ConversionFailed, ConversionTimeout, FailedDocument

if TYPE_CHECKING:
    from congvan.signing.signer_file import BatchSigner

#: Name of the Word bookmark at the start of the n-th letter of a combined file (ASCII, so that
#: LibreOffice keeps it as the PDF destination the batch splits the PDF by).
LETTER_BOOKMARK = "letter{:03d}"


def write_pdfs(
    folder: Path,
    letters: Sequence[LetterResult],
    contexts: Sequence[Mapping[str, Any]],
    combined: Template,
    jobs: int,
    *,
    timeout: float | None = None,
) -> None:
    """PDFs of the letters: ``jobs`` combined files converted at once, split at each letter's bookmark.

    LibreOffice pays about a second to start and little per page, so a few
    combined files (one per instance) convert much faster than one file per
    letter. Writes ``pdf/<letter>.pdf`` and ``pdf/all-letters.pdf`` with an outline
    item per letter. ``timeout`` is `congvan.pdf.to_pdf`'s (default `congvan.pdf.DEFAULT_TIMEOUT`).
    """
    from pypdf import PdfReader, PdfWriter

    from congvan.pdf import DEFAULT_TIMEOUT, destination_ranges, split_pdf, to_pdf
    from congvan.signing.sign import make_signing_ready

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
        try:
            pdfs = to_pdf(sources, scratch, jobs=len(groups), timeout=timeout or DEFAULT_TIMEOUT)
        except ConversionFailed as error:
            raise _by_letters(error, sources, groups, letters) from None
        whole = PdfWriter()
        for group, pdf in zip(groups, pdfs, strict=True):
            names = [LETTER_BOOKMARK.format(index) for index in range(1, len(group) + 1)]
            ranges = destination_ranges(pdf, names)
            parts = [out / Path(letters[i].file).with_suffix(".pdf").name for i in group]
            split_pdf(pdf, ranges, parts, destinations=[_anchors_of(index) for index in range(1, len(group) + 1)])
            for part in parts:  # as render --pdf makes a letter: its signature and text fields, locked
                make_signing_ready(part)
            offset = len(whole.pages)
            whole.append(PdfReader(pdf), import_outline=False)
            for i, pages in zip(group, ranges, strict=True):
                title = f"{letters[i].number_symbol} — {letters[i].recipient}"
                whole.add_outline_item(title=title, page_number=offset + pages.start)
        with (out / "all-letters.pdf").open("wb") as stream:
            whole.write(stream)


def _anchors_of(index: int) -> dict[str, str]:
    """The ``index``-th letter's anchors in the combined PDF (``cv5Fsignature5F001``) → their names in its own PDF."""
    from congvan import anchors
    from congvan.pdf.pages import libreoffice_name

    return {libreoffice_name(anchors.numbered(name, index)): libreoffice_name(name) for name in anchors.ALL}


def _by_letters(
    error: ConversionFailed, sources: list[Path], groups: list[range], letters: Sequence[LetterResult]
) -> ConversionFailed:
    """``error`` told by the letters of each combined file that failed (its temporary file is gone by now)."""
    group_of = {source.resolve(): group for source, group in zip(sources, groups, strict=True)}
    failures = []
    for failure in error.failures:
        group = group_of[failure.source.resolve()]
        first, last = letters[group.start].file, letters[group.stop - 1].file
        names = first if first == last else f"{first} … {last}"
        failures.append(FailedDocument(Path(first), f"letters {names}: {failure.reason}", failure.timed_out))
    lines = "\n".join(f"  - {f.reason}" for f in failures)
    kind = ConversionTimeout if isinstance(error, ConversionTimeout) else ConversionFailed
    return kind(
        f"the PDFs of the batch did not convert; nothing was written:\n{lines}", converted=(), failures=tuple(failures)
    )


def sign_letter_pdfs(folder: Path, letters: Sequence[LetterResult], signer: BatchSigner) -> None:
    """Sign each letter's PDF as its signer (ND30 Điều 13.7), the key opened once for all of them.

    ``all-letters.pdf`` is a print file, not a legal original, and stays unsigned.
    """
    from congvan.signing import Signing

    with Signing(signer.key, tsa=signer.tsa) as signing:
        for letter in letters:
            pdf = folder / "pdf" / Path(letter.file).with_suffix(".pdf").name
            signing.sign(pdf, pdf, role="signer", image=signer.image)
