"""Work done in other processes by the register tests: concurrent takes, a batch that is killed mid-way.

Each function opens its own `Register` (a process never inherits a connection).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path


def take_many_times(address: str, count: int, worker: int, start) -> list[str]:  # type: ignore[no-untyped-def]
    """Take ``count`` numbers, one transaction each, after ``start`` is set; return the numbers and symbols."""
    from congvan.register import Register

    taken = []
    with Register(address, by=f"worker {worker}") as register:
        start.wait(60)
        for index in range(count):
            entry = register.take(
                date=dt.date(2024, 5, 17),
                symbol="BTTTT-TTĐN",
                subject=f"V/v thư của tiến trình {worker}, lần {index}",
            )
            taken.append(entry.number_symbol)
    return taken


def documents(count: int, year: int = 2024) -> list[dict]:
    """``count`` follow-up letters to number, in table order."""
    return [
        {
            "date": dt.date(year, 6, 1),
            "symbol": "BTTTT-TTĐN",
            "subject": f"V/v kế hoạch thông tin đối ngoại, thư {index + 1}",
            "recipients": [f"UBND tỉnh số {index + 1}"],
            "copies": 2,
        }
        for index in range(count)
    ]


def hold_batch_then_sleep(address: str, out: str, count: int) -> None:
    """Number a batch, render half of it into a staged folder, say "ready" on stdout, then wait to be killed."""
    from congvan.files import staged_folder
    from congvan.register import Register

    with Register(address, by="batch") as register, staged_folder(out) as staging:
        with register.issue_batch("run-killed", documents(count)) as batch:
            for entry in batch.entries[: count // 2]:
                (staging / f"{entry.number:02d}.txt").write_text(entry.number_symbol, encoding="utf-8")
            print("ready", " ".join(batch.numbers), flush=True)
            time.sleep(300)


if __name__ == "__main__":  # python register_workers.py ADDRESS OUT COUNT
    hold_batch_then_sleep(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    Path(sys.argv[2]).joinpath("finished").touch()
