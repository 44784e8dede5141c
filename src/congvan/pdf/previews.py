"""PNG images of PDF pages (poppler's ``pdftoppm``), for looking at templates while testing them."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from congvan.errors import PdfError
from congvan.pdf.tools import find_poppler, run_tool

PathLike = str | os.PathLike[str]


def previews(
    pdf: PathLike,
    out_dir: PathLike,
    *,
    dpi: int = 100,
    first: int | None = None,
    last: int | None = None,
    timeout: float = 120.0,
) -> list[Path]:
    """Draw the pages of ``pdf`` as PNGs ``out_dir/<name>-<page>.png``; returns them in page order.

    ``first``/``last`` (1-based, inclusive) limit the pages; the page number in
    a file name is zero-padded to the width of the page count, as pdftoppm does.
    """
    source = Path(pdf).resolve()
    if not source.is_file():
        raise PdfError(f"{source}: no such file")
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi!r}")
    tool = find_poppler("pdftoppm")
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".congvan-png-", dir=target) as staging:
        argv = [tool, "-png", "-r", str(dpi)]
        argv += ["-f", str(first)] if first is not None else []
        argv += ["-l", str(last)] if last is not None else []
        argv += [str(source), str(Path(staging) / source.stem)]
        finished = run_tool(argv, stall_timeout=timeout)
        if finished.returncode != 0:
            what = "timed out" if finished.stalled else f"failed (status {finished.returncode})"
            raise PdfError(f"pdftoppm {what} on {source}: {finished.stderr.strip()}")
        pattern = re.compile(re.escape(source.stem) + r"-(\d+)\.png")
        drawn = sorted((int(m.group(1)), name) for name in os.listdir(staging) if (m := pattern.fullmatch(name)))
        written = []
        for _, name in drawn:
            final = target / name
            shutil.move(str(Path(staging) / name), final)
            written.append(final)
    return written
