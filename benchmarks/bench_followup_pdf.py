"""The 63 follow-up letters to PDF, three ways, in one run (issue 8's target).

    .venv/bin/python benchmarks/bench_followup_pdf.py

1. one ``soffice --convert-to pdf`` call for the 63 .docx files (the baseline);
2. ``congvan.to_pdf(jobs=2)``: two LibreOffice instances with their own profiles;
3. ``render_batch(pdf=True, jobs=2)``: the letters *and* their PDFs — two combined
   .docx (one per LibreOffice instance) are converted at once and split at each
   letter's bookmark, plus all-letters.pdf; the
   PDF stage alone is this minus a plain ``render_batch`` timed in the same run.

Target: 63 letters in ≤ 5 s and ≥ 2× faster than the baseline.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import congvan
from congvan.pdf import find_soffice

ROOT = Path(__file__).resolve().parents[1]
LETTER, TABLE = ROOT / "data/follow-up-2020.yaml", ROOT / "data/follow-up-2020.csv"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        batch = congvan.render_batch(LETTER, TABLE, work / "docx")
        files = [str(batch.folder / letter.file) for letter in batch.letters]

        start = time.perf_counter()
        subprocess.run(
            [
                find_soffice(),
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "one-call"),
                *files,
            ],
            check=True,
            capture_output=True,
        )
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        congvan.to_pdf(files, work / "parallel", jobs=2)
        parallel = time.perf_counter() - start

        start = time.perf_counter()
        congvan.render_batch(LETTER, TABLE, work / "docx-only", jobs=2)
        docx_only = time.perf_counter() - start

        start = time.perf_counter()
        with_pdf = congvan.render_batch(LETTER, TABLE, work / "batch", pdf=True, jobs=2)
        combined = time.perf_counter() - start
        pdf_stage = combined - docx_only
        assert len(list((with_pdf.folder / "pdf").glob("[0-9]*.pdf"))) == 63

    print("63 follow-up letters to PDF")
    print(f"  one soffice call for 63 files          {baseline:6.2f} s")
    print(f"  to_pdf(jobs=2)                         {parallel:6.2f} s   {baseline / parallel:4.1f}× faster")
    print(f"  render_batch(pdf=True, jobs=2)         {combined:6.2f} s   {baseline / combined:4.1f}× faster")
    print(
        f"    of which the PDFs (combined + split) {pdf_stage:6.2f} s   {baseline / pdf_stage:4.1f}× faster"
        "  (target ≤ 5 s, ≥ 2×)"
    )


if __name__ == "__main__":
    main()
