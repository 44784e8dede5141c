"""Takes per second of the register (`congvan.Register.take`), on SQLite and PostgreSQL, with 1 and 8 processes.

Run: ``python benchmarks/bench_register.py [--takes N]``. Each take is one transaction
(lock, next number, duplicate check, entry, history record, commit), as a clerk's
``congvan register take`` is. SQLite runs on a file in a temporary folder (WAL,
``synchronous=FULL``); PostgreSQL on a throw-away cluster started here with fsync on
(skipped, and said, where PostgreSQL is not installed). As the baseline, the same
process times the smallest write transaction of each database (read a counter, raise
it, insert a row, commit) through the same driver; the register's figure is also given
as a share of it. Each case is run ``--rounds`` times and the best counts. Target: at least 500 takes/s on SQLite with one process (the script
exits 1 when it is missed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "register"))

from pg_cluster import postgresql_bin, throwaway_cluster  # noqa: E402

from congvan.register import Register  # noqa: E402
from congvan.register.database import create_engine  # noqa: E402

TARGET = 500.0
PROCESSES = 8


def _takes(address: str, count: int, worker: int, start) -> float:  # type: ignore[no-untyped-def]
    """Wait for ``start``, take ``count`` numbers; return the seconds it took."""
    with Register(address, by=f"bench {worker}") as register:
        start.wait(120)
        began = time.perf_counter()
        for index in range(count):
            register.take(
                date=dt.date(2024, 5, 17),
                symbol="BTTTT-TTĐN",
                subject=f"V/v kế hoạch thông tin đối ngoại, thư {worker}-{index}",
                signer="Nguyễn Mạnh Hùng",
                recipients=["UBND tỉnh Yên Bái"],
                copies=2,
            )
        return time.perf_counter() - began


def _baseline(address: str, count: int) -> float:
    """The smallest write transaction, ``count`` times, through congvan's engine set-up; transactions per second."""
    engine = create_engine(address, create=True)
    metadata = sa.MetaData()
    counter = sa.Table(
        "bench_counter", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("n", sa.Integer)
    )
    rows = sa.Table("bench_rows", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("n", sa.Integer))
    with engine.begin() as connection:
        metadata.create_all(connection)
        connection.execute(counter.insert().values(id=1, n=0))
    began = time.perf_counter()
    for _ in range(count):
        with engine.begin() as connection:
            n = connection.execute(sa.select(counter.c.n).where(counter.c.id == 1).with_for_update()).scalar_one() + 1
            connection.execute(counter.update().where(counter.c.id == 1).values(n=n))
            connection.execute(rows.insert().values(n=n))
    elapsed = time.perf_counter() - began
    engine.dispose()
    return count / elapsed


def _prepare(address: str) -> None:
    with Register(address, create=True) as register:
        register.init(organ_name="Bộ Thông tin và Truyền thông")


def _run(address: str, processes: int, total: int) -> float:
    """``total`` takes shared by ``processes`` processes; takes per second of wall time, all processes together."""
    _prepare(address)
    share = total // processes
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(processes) as pool:
        start = manager.Event()
        jobs = [pool.apply_async(_takes, (address, share, worker, start)) for worker in range(processes)]
        time.sleep(1.5)  # every process opens its register and waits at the start line
        began = time.perf_counter()
        start.set()
        for job in jobs:
            job.get(timeout=600)
        elapsed = time.perf_counter() - began
    with Register(address) as register:
        numbers = [e.number for e in register.entries(2024)]
    assert numbers == list(range(1, share * processes + 1)), "numbers are not exactly 1..N"
    return share * processes / elapsed


def _report(database: str, address_of, takes: int, rounds: int) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """Print and return the takes per second by number of processes: the best of ``rounds`` runs each
    (the disk's fsync time varies from run to run on a shared machine; the best is the least disturbed)."""
    baseline = max(_baseline(address_of(f"baseline-{n}"), takes) for n in range(rounds))
    print(f"{database}: baseline write transaction, 1 process: {baseline:8.0f} /s")
    figures = {}
    for processes in (1, PROCESSES):
        rate = max(_run(address_of(f"p{processes}-{n}"), processes, takes) for n in range(rounds))
        figures[processes] = rate
        print(
            f"{database}: take, {processes} process{'es' if processes > 1 else '  '}:          {rate:8.0f} takes/s"
            f"  ({rate / baseline:.2f} × baseline)"
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takes", type=int, default=2000, help="takes per case (default: 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each case, the best counts (default: 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as folder:
        sqlite = _report("SQLite    ", lambda name: str(Path(folder) / f"{name}.db"), args.takes, args.rounds)
    binaries = postgresql_bin()
    if binaries is None:
        print("PostgreSQL: skipped, not installed (apt-get install postgresql)")
    else:
        with throwaway_cluster(binaries, durable=True) as cluster:
            _report("PostgreSQL", lambda _name: cluster.new_schema(), args.takes, args.rounds)
    met = sqlite[1] >= TARGET
    print(f"target: ≥ {TARGET:.0f} takes/s on SQLite with one process: {'met' if met else 'MISSED'} ({sqlite[1]:.0f})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
