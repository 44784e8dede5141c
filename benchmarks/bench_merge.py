"""`congvan merge` for 10,000 letters from a CSV, as a user types it (interpreter start included).

    .venv/bin/python benchmarks/bench_merge.py [COUNT]

Builds a one-page letter template (python-docx) and a CSV of COUNT communes
(default 10,000), then runs the command line with --jobs 1 and 2 and prints the
wall time, ms per letter and the peak RSS of the command (and its workers).
"""

from __future__ import annotations

import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

CONGVAN = Path(sys.executable).with_name("congvan")


def build(folder: Path, count: int) -> tuple[Path, Path]:
    document = Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN {{ huyen }}")
    document.add_paragraph("Kính gửi: Ủy ban nhân dân {{ ten_xa }}")
    for _ in range(6):
        document.add_paragraph(
            "Thực hiện Kế hoạch công tác thông tin đối ngoại năm 2020, đề nghị Ủy ban nhân dân {{ ten_xa }} "
            "báo cáo kết quả triển khai trước ngày {{ han }}; số tiền hỗ trợ {{ so_tien }} đồng."
        )
    document.add_paragraph("Nơi nhận: - Như trên; - Lưu: VT.")
    template = folder / "thu.docx"
    document.save(template)
    table = folder / "xa.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["ma_xa", "ten_xa", "huyen", "han", "so_tien"])
        for i in range(count):
            writer.writerow([f"{i:05d}", f"xã Thử Nghiệm {i}", "huyện Mẫu", "31/3/2020", f"{(i % 50 + 1) * 100_000:,}"])
    return template, table


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        template, table = build(Path(folder), count)
        for jobs in (1, 2):
            out = Path(folder) / f"out{jobs}"
            start = time.perf_counter()
            subprocess.run(
                [
                    str(CONGVAN),
                    "merge",
                    str(template),
                    str(table),
                    "-o",
                    str(out),
                    "--pattern",
                    "{ma_xa}.docx",
                    "--jobs",
                    str(jobs),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            written = len(list(out.glob("*.docx")))
            print(
                f"congvan merge, {written} letters, --jobs {jobs}: {seconds:6.2f} s, "
                f"{seconds / written * 1000:5.2f} ms/letter, peak RSS of a process so far {peak:5.1f} MB"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
