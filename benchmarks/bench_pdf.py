"""Benchmark: 63 letters to PDF with LibreOffice, three ways, in one run.

Run with ``.venv/bin/python benchmarks/bench_pdf.py [--letters 63] [--jobs 2]``.

Two sets of 63 letters:

- the 2020 directive rendered 63 times with ``congvan`` (4 pages each, with
  its annex) — when ``congvan.documents.render`` exists;
- 63 two-page letters made with python-docx (one per province name), and the
  same 63 as ONE combined .docx (a section and a bookmark per letter), as the
  follow-up batch will make it.

For each set: one ``soffice`` call for all the files; ``congvan.to_pdf`` with
``--jobs`` instances; and for the generated set, the combined .docx converted
once and split by letter with pypdf (``destination_ranges`` + ``split_pdf``).
Prints seconds for each and the ratios against the single call.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from congvan.pdf import destination_ranges, page_count, split_pdf, to_pdf  # noqa: E402
from congvan.pdf.convert import EXPORT_FILTER  # noqa: E402
from congvan.pdf.tools import find_soffice  # noqa: E402

TEXT = (
    "Thực hiện chỉ đạo của Thủ tướng Chính phủ, Bộ Thông tin và Truyền thông đề nghị Ủy ban "
    "nhân dân {p} chỉ đạo các sở, ban, ngành rà soát, đánh giá kết quả công tác thông tin đối "
    "ngoại năm 2019 và xây dựng Kế hoạch năm 2020, gửi về Bộ trước ngày 15 tháng 01 năm 2020."
)


def provinces(count: int) -> list[str]:
    try:
        import datetime as dt

        from congvan.units import provinces as units

        names = [u.committee or u.name for u in units(dt.date(2020, 1, 1))]
    except Exception:  # noqa: BLE001 - the benchmark only needs 63 names
        names = []
    names = names or [f"tỉnh số {i}" for i in range(1, 64)]
    return [names[i % len(names)] for i in range(count)]


def _setup(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)


def _letter_body(doc, name: str, index: int | None) -> None:
    first = doc.add_paragraph(f"Kính gửi: {name}")
    if index is not None:
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(index))
        start.set(qn("w:name"), f"letter{index:03d}")
        end.set(qn("w:id"), str(index))
        first._p.insert(0, start)
        first._p.append(end)
    for page in range(2):
        if page:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for _ in range(6):
            doc.add_paragraph(TEXT.format(p=name))


def _new_doc() -> Document:
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    return doc


def generated_letters(folder: Path, names: list[str]) -> tuple[list[Path], Path]:
    """63 two-page letters, and the same letters combined into one .docx."""
    paths = []
    for index, name in enumerate(names, start=1):
        doc = _new_doc()
        _setup(doc.sections[0])
        _letter_body(doc, name, None)
        path = folder / f"letter-{index:03d}.docx"
        doc.save(path)
        paths.append(path)
    doc = _new_doc()
    for index, name in enumerate(names, start=1):
        section = doc.sections[0] if index == 1 else doc.add_section(WD_SECTION.NEW_PAGE)
        _setup(section)
        _letter_body(doc, name, index)
    combined = folder / "combined.docx"
    doc.save(combined)
    return paths, combined


def directive_letters(folder: Path, count: int) -> list[Path]:
    try:
        from congvan.documents import load, render
    except ImportError:
        return []
    letter = load(ROOT / "data" / "directive-2020.yaml")
    data = render(letter)
    paths = []
    for index in range(1, count + 1):
        path = folder / f"directive-{index:03d}.docx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def one_call(paths: list[Path], out: Path) -> float:
    """All files in one plain ``soffice --convert-to pdf`` call, fresh profile."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        start = time.perf_counter()
        subprocess.run(
            [
                find_soffice(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
    assert len(list(out.glob("*.pdf"))) == len(paths), "one soffice call lost files"
    return seconds


def parallel(paths: list[Path], out: Path, jobs: int) -> float:
    start = time.perf_counter()
    made = to_pdf(paths, out, jobs=jobs)
    seconds = time.perf_counter() - start
    assert len(made) == len(paths)
    return seconds


def combined_then_split(combined: Path, count: int, out: Path) -> tuple[float, float]:
    """Convert the combined .docx once, split it by letter; returns (convert, split) seconds."""
    start = time.perf_counter()
    (pdf,) = to_pdf([combined], out / "whole", jobs=1)
    converted = time.perf_counter()
    names = [f"letter{i:03d}" for i in range(1, count + 1)]
    parts = split_pdf(pdf, destination_ranges(pdf, names), [out / f"{n}.pdf" for n in names])
    done = time.perf_counter()
    assert len(parts) == count and all(page_count(p) == 2 for p in parts), "split went wrong"
    return converted - start, done - converted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=63)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    _ = EXPORT_FILTER  # to_pdf's export filter; the single call uses plain "pdf" like a user would
    with tempfile.TemporaryDirectory(prefix="congvan-bench-pdf-") as tmp:
        work = Path(tmp)
        (work / "gen").mkdir()
        (work / "dir").mkdir()
        letters, combined = generated_letters(work / "gen", provinces(args.letters))
        directives = directive_letters(work / "dir", args.letters)
        print(
            f"{args.letters} letters, {args.jobs} instances for to_pdf, CPUs here: "
            f"{len(__import__('os').sched_getaffinity(0))}"
        )

        # Warm the disk cache and fonts once, so no path pays that alone.
        to_pdf(letters[:1], work / "warm", jobs=1)

        rows = []
        if directives:
            single = one_call(directives, work / "d1")
            par = parallel(directives, work / "d2", args.jobs)
            rows.append(("directive x%d (4 pages)" % args.letters, single, par, None))
        single = one_call(letters, work / "g1")
        par = parallel(letters, work / "g2", args.jobs)
        conv, split = combined_then_split(combined, args.letters, work / "g3")
        rows.append(("generated 2-page letters", single, par, (conv, split)))

        for name, single, par, combo in rows:
            print(f"\n{name}")
            print(f"  one soffice call, all files : {single:6.2f} s")
            print(f"  to_pdf(jobs={args.jobs})              : {par:6.2f} s   x{single / par:.2f} vs one call")
            if combo:
                conv, split = combo
                total = conv + split
                print(
                    f"  combined .docx + split      : {total:6.2f} s   x{single / total:.2f} vs one call"
                    f"  (convert {conv:.2f} s, split {split:.2f} s)"
                )
        shutil.rmtree(work / "warm", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
