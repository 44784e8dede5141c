"""The whole `congvan batch` command for the 63 follow-up letters, interpreter start included.

    python benchmarks/bench_batch.py [RUNS]

Prints the median wall time of RUNS runs (default 7) of the command line as a
user types it, with and without the combined file, and with --jobs 2.
Target (issue 5): ≤ 0.6 s on a 2-core machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONGVAN = Path(sys.executable).with_name("congvan")


def timed(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = [
            str(CONGVAN),
            "batch",
            str(ROOT / "data/follow-up-2020.yaml"),
            str(ROOT / "data/follow-up-2020.csv"),
            "-o",
            str(Path(folder) / "out"),
        ]
        startup = timed([sys.executable, "-c", "import congvan.cli, congvan.campaigns.followup.run"], runs)
        plain = timed(base, runs)
        combined = timed([*base, "--combined"], runs)
        two_jobs = timed([*base, "--jobs", "2"], runs)
    print(f"interpreter + imports of the command  {startup * 1000:7.0f} ms")
    print(f"congvan batch, 63 letters            {plain * 1000:7.0f} ms  (target ≤ 600 ms)")
    print(f"congvan batch --combined             {combined * 1000:7.0f} ms")
    print(f"congvan batch --jobs 2               {two_jobs * 1000:7.0f} ms")
    print(f"per letter, net of start-up          {(plain - startup) / 63 * 1000:7.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
