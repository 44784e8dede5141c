"""What numbering from the register adds to a 10,000-letter merge: `congvan.merge` with and without ``register=``.

    .venv/bin/python benchmarks/bench_register_merge.py [--count N] [--rounds R]

The same template (bench_merge's one-page letter with a "Số: {{ number_symbol }}" line) and
table of COUNT communes (default 10,000) are merged into a folder, in this process, with
``--jobs 1``: once with the number and symbol typed in a column of the table (the baseline),
once with ``register=`` an SQLite register (a new one each round), which takes the numbers,
renders them into the letters and records each file and its SHA-256, in one transaction
with the folder. The rounds alternate; the best wall time of each counts (a shared
machine's load varies), and the CPU time of that run is printed beside it. Each run starts after
``os.sync()`` with the previous run's folder removed, and the order alternates, so that neither
case pays for the other's file writes. Target: numbering
adds at most 10 % (the script exits 1 when it is missed). The load average is printed.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_merge import build
from docx import Document

from congvan.pipeline.merge import merge
from congvan.register import Register

TARGET = 1.10
SHARED = {"issued_on": "2020-03-16", "symbol": "UBND-VP", "subject": "đề nghị báo cáo kết quả năm 2020"}


def tables(folder: Path, count: int) -> tuple[Path, Path, Path]:
    """The template with the number line, the table for the register and the table with typed numbers."""
    template, table = build(folder, count)
    document = Document(str(template))
    document.paragraphs[0].insert_paragraph_before("Số: {{ number_symbol }}")
    document.save(str(template))
    typed = folder / "xa-typed.csv"
    with table.open(encoding="utf-8", newline="") as source, typed.open("w", encoding="utf-8", newline="") as out:
        reader, writer = csv.reader(source), csv.writer(out)
        writer.writerow([*next(reader), "number_symbol"])
        for index, row in enumerate(reader, start=1):
            writer.writerow([*row, f"{index:02d}/{SHARED['symbol']}"])
    return template, table, typed


def run(template: Path, table: Path, out: Path, register: Path | None) -> tuple[float, float, int]:
    """Wall and CPU seconds of one merge, and the documents written."""
    if register is not None:
        with Register(register, create=True) as opened:
            opened.init(organ_name="Ủy ban nhân dân huyện Mẫu")
    keywords = {"register": str(register)} if register is not None else {}
    os.sync()  # the previous run's 10,000 files written back first: it would slow this run's file creation
    wall, cpu = time.perf_counter(), time.process_time()
    result = merge(template, table, out, data=SHARED, pattern="{ma_xa}.docx", **keywords)
    return time.perf_counter() - wall, time.process_time() - cpu, len(result.documents)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        template, table, typed = tables(folder, args.count)
        for round_ in range(1, args.rounds + 1):
            cases = ("typed numbers", "register") if round_ % 2 else ("register", "typed numbers")
            for case in cases:  # each first in every other round
                numbered = case == "register"
                out = folder / f"out-{round_}-{numbered}"
                wall, cpu, written = run(
                    template, table if numbered else typed, out, folder / f"r{round_}.db" if numbered else None
                )
                assert written == args.count
                shutil.rmtree(out)
                print(f"round {round_}, {case:13}: {wall:6.2f} s wall, {cpu:6.2f} s CPU", flush=True)
                if case not in best or wall < best[case][0]:
                    best[case] = (wall, cpu)
    plain, numbered = best["typed numbers"], best["register"]
    ratio = numbered[0] / plain[0]
    print(f"merge of {args.count:,} letters, numbers typed in the table: {plain[0]:6.2f} s ({plain[1]:.2f} s CPU)")
    print(
        f"merge of {args.count:,} letters, numbers from the register:  {numbered[0]:6.2f} s ({numbered[1]:.2f} s CPU)"
    )
    print(f"ratio {ratio:.3f} (CPU {numbered[1] / plain[1]:.3f}); target at most {TARGET:.2f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if ratio > TARGET:
        print(f"MISSED: numbering adds {100 * (ratio - 1):.1f} %, more than {100 * (TARGET - 1):.0f} %")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
