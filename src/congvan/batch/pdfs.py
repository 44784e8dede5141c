"""PDFs of a batch: a few combined files converted at once, split at each letter's bookmark."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from congvan.batch.manifest import LetterResult
from congvan.engine import Template


def write_pdfs(
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
