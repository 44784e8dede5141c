"""10,000 letters three ways in one run: ``jobs=1``, ``jobs=2`` and a 2-worker Dask LocalCluster (issue 17).

    .venv/bin/python benchmarks/bench_executors.py [COUNT]

`congvan.merge` renders a one-page letter template (the one of bench_merge.py) for COUNT
communes (default 10,000) into a folder; the Dask run gives each chunk of rows to a
``distributed.LocalCluster`` of 2 worker processes (one thread each, started before the clock
and congvan imported in each as ``dask worker --preload congvan.engine.remote`` does — the
process pool of ``jobs=2`` forks from a process that has it — the start-up printed apart) through ``Client.get_executor()``, the workers writing into the
shared folder (``write="worker"``), then once more with the bytes sent back (``write="caller"``).
Every run's manifest is compared: the bytes must be identical. Target: Dask within 1.3× of
``jobs=2``. The machine may be shared: the load average is printed before and after.
"""

from __future__ import annotations

import csv
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_merge import build  # noqa: E402

import congvan  # noqa: E402


def digests(result: congvan.MergeResult) -> list[tuple[str, str]]:
    with result.manifest_csv.open(encoding="utf-8") as stream:
        return [(row["File"], row["Sha256"]) for row in csv.DictReader(stream)]


def timed(label: str, run) -> tuple[float, congvan.MergeResult]:
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:6.2f} s  {seconds / len(result.documents) * 1000:5.2f} ms/letter", flush=True)
    return seconds, result


def main(count: int) -> None:
    import distributed

    print(f"{count:,} letters; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} (1 min) at the start")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        template, table = build(work, count)

        def merge(out: str, **options):
            return lambda: congvan.merge(template, table, work / out, pattern="{ma_xa}.docx", **options)

        one, first = timed("merge(jobs=1)", merge("jobs1"))
        two, second = timed("merge(jobs=2)", merge("jobs2", jobs=2))
        started = time.perf_counter()
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            client.run(importlib.import_module, "congvan.engine.remote")  # what `dask worker --preload` does
            print(
                f"  (LocalCluster of 2 workers started, congvan imported in each, in {time.perf_counter() - started:.2f} s)"
            )
            executor = client.get_executor()
            dask, third = timed("merge(executor=Dask, write='worker')", merge("dask", executor=executor))
            back, fourth = timed(
                "merge(executor=Dask, write='caller')", merge("dask-caller", executor=executor, write="caller")
            )
        same = digests(first) == digests(second) == digests(third) == digests(fourth)
        files = all(
            (first.folder / name).read_bytes() == (third.folder / name).read_bytes() for name, _ in digests(first)[:200]
        )
    print(f"jobs=2 is {one / two:.2f}× jobs=1")
    print(f"Dask (write='worker') / jobs=2 = {dask / two:.2f}  (target ≤ 1.3)")
    print(f"Dask (write='caller') / jobs=2 = {back / two:.2f}")
    print(f"identical bytes in all four runs (manifests; first 200 files compared byte by byte): {same and files}")
    print(f"load average {os.getloadavg()[0]:.2f} (1 min) at the end")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
