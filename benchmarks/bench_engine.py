"""Benchmark: the plain docxtpl loop against congvan.Template, and 10,000 letters.

Run with ``.venv/bin/python benchmarks/bench_engine.py [--letters N] [--repeat R]``.
It builds a realistic 4–6 page official letter template with python-docx
(header, footer, paragraphs with ``{{ }}``, a ``{%p for %}`` loop, a table with
``{%tr for %}``), then, in one process and one run:

1. 63 letters with docxtpl (new `DocxTemplate`, render, save to BytesIO per letter);
2. the same 63 letters with one compiled `congvan.Template` (render to bytes);
3. the same 63 letters with ``render_many(jobs=2)`` written to files;

and finally 10,000 letters with ``render_many`` in a fresh child process, with
its total seconds and peak RSS (``resource.getrusage``), and RSS after 1,000
letters to show that memory does not grow with the count.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import congvan  # noqa: E402
from congvan import Template, render_many  # noqa: E402

LOREM = (
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc triển khai chuyển đổi số trong "
    "công tác văn thư, lưu trữ, cơ quan đề nghị các đơn vị rà soát quy trình tiếp nhận, "
    "xử lý văn bản đến, văn bản đi; bảo đảm thời hạn giải quyết công việc và chất lượng "
    "thể thức văn bản theo quy định tại Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020."
)


def build_template(path: Path) -> None:
    """Write a 4–6 page letter template with python-docx."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "{{ agency_name }} — Số: {{ number }}/{{ symbol }}"
    section.footer.paragraphs[0].text = "{{ city }}, ngày {{ day }} tháng {{ month }} năm {{ year }}"
    doc.add_paragraph("{{ parent_agency }}")
    doc.add_paragraph("{{ agency_name }}")
    doc.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    doc.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    doc.add_paragraph("Số: {{ number }}/{{ symbol }}")
    doc.add_paragraph("{{ city }}, ngày {{ day }} tháng {{ month }} năm {{ year }}")
    doc.add_paragraph("V/v {{ subject }}")
    doc.add_paragraph("Kính gửi: {{ recipient }}")
    for i in range(14):
        doc.add_paragraph(f"{i + 1}. {LOREM} Đơn vị {{{{ recipient }}}} báo cáo trước ngày {{{{ deadline }}}}.")
    doc.add_paragraph("{%p for task in tasks %}")
    doc.add_paragraph("- {{ task.title }}: {{ task.detail }} (hạn {{ task.due }}).")
    doc.add_paragraph("{%p endfor %}")
    table = doc.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung", "Đơn vị", "Thời hạn"]):
        cell.text = text
    row = table.rows[1].cells
    row[0].text = "{%tr for item in items %}"
    row = table.rows[2].cells
    row[0].text = "{{ loop.index }}"
    row[1].text = "{{ item.content }}"
    row[2].text = "{{ item.unit }}"
    row[3].text = "{{ item.due }}"
    tail = table.add_row().cells
    tail[0].text = "{%tr endfor %}"
    for i in range(12):
        doc.add_paragraph(f"{LOREM} ({i + 15})")
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Như trên;")
    doc.add_paragraph("- Lưu: VT, {{ symbol }}.")
    doc.add_paragraph("{{ signer_title }}")
    doc.add_paragraph("{{ signer_name }}")
    doc.save(path)


def make_context(i: int) -> dict:
    return {
        "parent_agency": "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
        "agency_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "number": str(100 + i),
        "symbol": "STTTT-VP",
        "city": "Bắc Ninh",
        "day": "05",
        "month": "03",
        "year": "2025",
        "subject": "triển khai chuyển đổi số năm 2025",
        "recipient": f"Ủy ban nhân dân xã số {i + 1}",
        "deadline": "30/6/2025",
        "tasks": [
            {"title": f"Nhiệm vụ {k + 1}", "detail": "Rà soát, cập nhật dữ liệu", "due": "30/6/2025"} for k in range(6)
        ],
        "items": [{"content": f"Nội dung {k + 1}", "unit": f"Phòng {k + 1}", "due": "15/7/2025"} for k in range(8)],
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn A",
    }


def _contexts_for_path(i: int, folder: str) -> tuple[str, dict]:
    return (os.path.join(folder, f"letter-{i:05d}.docx"), make_context(i))


def peak_rss_mb() -> float:
    """Peak RSS of this process image (``VmHWM``).

    ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` is kept by Linux across
    ``exec``, so in a child started from a big parent it reports the parent's
    peak; ``VmHWM`` is the high-water mark of this process's own memory.
    """
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def bench_docxtpl(path: Path, contexts: list[dict]) -> float:
    from docxtpl import DocxTemplate

    start = time.perf_counter()
    for ctx in contexts:
        tpl = DocxTemplate(str(path))
        tpl.render(ctx)
        tpl.save(io.BytesIO())
    return time.perf_counter() - start


def bench_congvan(path: Path, contexts: list[dict]) -> float:
    start = time.perf_counter()
    template = Template(path)
    for ctx in contexts:
        template.render(ctx)
    return time.perf_counter() - start


def bench_jobs(path: Path, contexts: list[dict], jobs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        items = [(Path(folder) / f"l{i}.docx", ctx) for i, ctx in enumerate(contexts)]
        chunksize = max(1, min(32, len(items) // (jobs * 4)))
        start = time.perf_counter()
        for _ in render_many(path, items, jobs=jobs, chunksize=chunksize):
            pass
        return time.perf_counter() - start


def ten_thousand(path: Path, count: int, jobs: int) -> None:
    """Child-process body: render ``count`` letters, print seconds and RSS figures."""
    from functools import partial

    with tempfile.TemporaryDirectory() as folder:
        prepare = partial(_contexts_for_path, folder=folder)
        start = time.perf_counter()
        rss_at_1000 = None
        for result in render_many(path, range(count), jobs=jobs, prepare=prepare, chunksize=32):
            os.remove(result.path)  # keep the disk flat too
            if result.index == 999:
                rss_at_1000 = rss_mb()
        seconds = time.perf_counter() - start
    peak_self = peak_rss_mb()
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"RESULT seconds={seconds:.2f} peak_rss_mb={peak_self:.1f} "
        f"peak_worker_rss_mb={peak_children:.1f} rss_at_1000_mb={rss_at_1000 or 0:.1f} "
        f"rss_at_end_mb={rss_mb():.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=63)
    parser.add_argument("--repeat", type=int, default=5, help="runs for the medians")
    parser.add_argument("--many", type=int, default=10_000, help="letters of the big run (0: skip)")
    parser.add_argument("--many-jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--files", type=int, default=1000, help="letters of the jobs=1/2 file run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--template", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        ten_thousand(args.template, args.many, args.many_jobs[0])
        return

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter_tpl.docx"
        build_template(path)
        contexts = [make_context(i) for i in range(args.letters)]
        sample = Template(path).render(contexts[0])
        pages_hint = len(Document(io.BytesIO(sample)).paragraphs)
        print(
            f"congvan {congvan.__version__}; template {path.stat().st_size} bytes, "
            f"output {len(sample)} bytes, {pages_hint} paragraphs; {args.letters} letters, "
            f"median of {args.repeat} runs; {os.cpu_count()} CPUs"
        )

        docxtpl_runs, congvan_runs, files_runs, jobs_runs = [], [], [], []
        for _ in range(args.repeat):
            docxtpl_runs.append(bench_docxtpl(path, contexts))
            congvan_runs.append(bench_congvan(path, contexts))
            files_runs.append(bench_jobs(path, contexts, 1))
            jobs_runs.append(bench_jobs(path, contexts, 2))
        per = 1000 / args.letters
        d = statistics.median(docxtpl_runs) * per
        c = statistics.median(congvan_runs) * per
        f = statistics.median(files_runs) * per
        j = statistics.median(jobs_runs) * per
        print(f"docxtpl loop        : {d:8.2f} ms/letter")
        print(f"congvan.Template    : {c:8.2f} ms/letter (compile included)  ratio {d / c:5.1f}x")
        print(f"render_many(jobs=1) : {f:8.2f} ms/letter (files written)")
        print(f"render_many(jobs=2) : {j:8.2f} ms/letter (files written, pool start included)  {f / j:4.2f}x jobs=1")

        if args.files:
            many = [make_context(i) for i in range(args.files)]
            for jobs in (1, 2):
                seconds = statistics.median(bench_jobs(path, many, jobs) for _ in range(3))
                print(
                    f"{args.files} letters to files, render_many(jobs={jobs}): "
                    f"{seconds * 1000 / args.files:6.2f} ms/letter"
                )

        for jobs in args.many_jobs if args.many else ():
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--template",
                    str(path),
                    "--many",
                    str(args.many),
                    "--many-jobs",
                    str(jobs),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            line = next(ln for ln in out.splitlines() if ln.startswith("RESULT"))
            fields = dict(kv.split("=") for kv in line.split()[1:])
            print(
                f"{args.many} letters (jobs={jobs}, child process): "
                f"{fields['seconds']} s, peak RSS {fields['peak_rss_mb']} MB "
                f"(workers {fields['peak_worker_rss_mb']} MB); RSS after 1,000 letters "
                f"{fields['rss_at_1000_mb']} MB, at the end {fields['rss_at_end_mb']} MB"
            )


if __name__ == "__main__":
    main()
