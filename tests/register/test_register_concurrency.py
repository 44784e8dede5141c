"""Concurrency and batches, on SQLite and PostgreSQL: processes (not threads) taking numbers at once, batches
that commit whole or consume nothing — when they fail, and when they are killed with SIGKILL mid-way."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from register_workers import documents, take_many_times

from congvan.errors import DataError, RegisterBusy, RegisterError
from congvan.files import staged_folder
from congvan.register import Register

PROCESSES, TAKES = 8, 50


def snapshot(register: Register) -> tuple:
    """What a register holds, for before/after comparisons."""
    return (
        register.entries(),
        [(r.action, r.register, r.year, r.number) for r in register.history()],
        register.last_number(2024),
    )


def test_eight_processes_taking_fifty_numbers_each_get_exactly_1_to_400(register: Register) -> None:
    address = register.where  # the fixtures' addresses hold no password
    context = multiprocessing.get_context("spawn")
    start = context.Manager().Event()
    with context.Pool(PROCESSES) as pool:
        pending = [pool.apply_async(take_many_times, (address, TAKES, worker, start)) for worker in range(PROCESSES)]
        time.sleep(1.0)  # let every process open its register and wait at the start line
        start.set()
        results = [job.get(timeout=300) for job in pending]
    numbers = sorted(int(text.split("/")[0]) for taken in results for text in taken)
    assert numbers == list(range(1, PROCESSES * TAKES + 1))
    for taken in results:  # each process saw its own numbers rise
        assert [int(t.split("/")[0]) for t in taken] == sorted(int(t.split("/")[0]) for t in taken)
    stored = register.entries(2024)
    assert [e.number for e in stored] == list(range(1, PROCESSES * TAKES + 1))
    assert len({e.identifier for e in stored}) == PROCESSES * TAKES
    assert register.last_number(2024) == PROCESSES * TAKES
    assert sum(1 for r in register.history() if r.action == "take") == PROCESSES * TAKES


def test_a_successful_batch_of_63_gets_consecutive_numbers_in_table_order(register: Register) -> None:
    register.take(date="2024-01-02", symbol="BTTTT-TTĐN", subject="V/v thư trước đợt")
    letters = documents(63)
    entries = register.take_many(letters, run_id="follow-up-2024")
    assert [e.number for e in entries] == list(range(2, 65))
    assert [e.subject for e in entries] == [letter["subject"] for letter in letters]
    assert {e.run_id for e in entries} == {"follow-up-2024"}
    assert [e.number for e in register.entries(2024)] == list(range(1, 65))


def test_rerunning_a_batch_with_the_same_run_id_takes_no_number_twice(register: Register) -> None:
    first = register.take_many(documents(5), run_id="run-7")
    register.take(date="2024-06-02", symbol="BTTTT-TTĐN", subject="V/v thư khác")
    again = register.take_many(documents(5), run_id="run-7")
    assert again == first
    with register.issue_batch("run-7", documents(5)) as batch:
        assert batch.reused and batch.numbers == [e.number_symbol for e in first]
    assert register.last_number(2024) == 6
    with pytest.raises(RegisterError, match="run id 'run-7' already numbered 5 documents .* not these 6"):
        register.take_many(documents(6), run_id="run-7")
    assert register.last_number(2024) == 6


def test_a_batch_that_fails_consumes_no_number(register: Register, tmp_path: Path) -> None:
    register.take(date="2024-01-02", symbol="BTTTT-TTĐN", subject="V/v thư trước đợt")
    before = snapshot(register)
    out = tmp_path / "out"
    with pytest.raises(ZeroDivisionError):
        with staged_folder(out) as staging, register.issue_batch("run-fails", documents(63)) as batch:
            for entry in batch.entries[:30]:
                (staging / f"{entry.number}.txt").write_text(entry.number_symbol)
            raise ZeroDivisionError("a letter failed to render")
    assert snapshot(register) == before
    assert not out.exists()
    # a batch whose data fail validation takes nothing either
    bad = documents(63)
    bad[40]["symbol"] = "sai ký hiệu"
    with pytest.raises(DataError, match=r"entries\[40\]\.symbol"):
        register.take_many(bad, run_id="run-bad")
    assert snapshot(register) == before
    assert register.take(date="2024-06-03", symbol="BTTTT-TTĐN", subject="V/v thư sau").number == 2


def test_a_batch_commits_its_numbers_and_files_with_its_output_folder(register: Register, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with staged_folder(out) as staging, register.issue_batch("run-ok", documents(3)) as batch:
        for entry in batch.entries:
            path = staging / f"{entry.number:02d}.txt"
            path.write_text(entry.number_symbol, encoding="utf-8")
            batch.attach(entry, file=path.name, sha256="a" * 64)
    assert sorted(p.name for p in out.iterdir()) == ["01.txt", "02.txt", "03.txt"]
    stored = register.entries(2024)
    assert [(e.number, e.file, e.sha256) for e in stored] == [(n, f"{n:02d}.txt", "a" * 64) for n in (1, 2, 3)]
    with pytest.raises(RegisterError, match="batch is over"):
        batch.attach(stored[0], file="x", sha256="")


def test_a_batch_killed_mid_render_leaves_the_register_unchanged(register: Register, tmp_path: Path) -> None:
    register.take(date="2024-01-02", symbol="BTTTT-TTĐN", subject="V/v thư trước đợt")
    before = snapshot(register)
    out = tmp_path / "out"
    worker = Path(__file__).with_name("register_workers.py")
    child = subprocess.Popen(
        [sys.executable, str(worker), register.where, str(out), "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("ready"), (line, child.stderr.read() if child.poll() is not None else "")
        assert line.split()[1:3] == ["02/BTTTT-TTĐN", "03/BTTTT-TTĐN"]  # it holds numbers 2 to 21
        # while the batch holds its numbers, another clerk waits (and gives up after the timeout)
        with Register(register.where, timeout=1) as clerk, pytest.raises(RegisterBusy, match="locked"):
            clerk.take(date="2024-06-03", symbol="BTTTT-TTĐN", subject="V/v thư của văn thư khác")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert not out.exists()
    assert snapshot(register) == before
    # the lock died with the process: the next take gets the number the batch never committed
    with Register(register.where, timeout=30) as clerk:
        assert clerk.take(date="2024-06-03", symbol="BTTTT-TTĐN", subject="V/v thư sau").number == 2


def test_a_batch_attaches_all_its_files_at_once_and_only_its_own(register: Register) -> None:
    outside = register.take(date="2024-01-02", symbol="BTTTT-TTĐN", subject="V/v thư trước đợt")
    with register.issue_batch("run-files", documents(63)) as batch:
        updated = batch.attach_many([(e, f"{e.number:02d}.docx", f"{e.number:064x}") for e in batch.entries])
        assert [e.file for e in updated] == [f"{n:02d}.docx" for n in range(2, 65)]
        with pytest.raises(RegisterError, match="01/BTTTT-TTĐN .* is not an entry of this batch"):
            batch.attach(outside, file="x.docx", sha256="")
    stored = register.entries(2024)
    assert [(e.file, e.sha256) for e in stored[1:]] == [(f"{n:02d}.docx", f"{n:064x}") for n in range(2, 65)]
    assert stored[0].file == ""
    # one "take" record per number, holding the file it was committed with; no separate "attach"
    takes = [r for r in register.history() if r.action == "take" and r.number and r.number > 1]
    assert [(r.number, r.details["file"], r.details["sha256"]) for r in takes] == [
        (n, f"{n:02d}.docx", f"{n:064x}") for n in range(2, 65)
    ]
    assert not any(r.action == "attach" for r in register.history())
    # a rerun that makes another file for an entry records the change
    with register.issue_batch("run-files", documents(63)) as batch:
        assert batch.reused
        batch.attach_many([(batch.entries[0], "02-new.docx", "f" * 64), (batch.entries[1], "03.docx", f"{3:064x}")])
    (attached,) = [r for r in register.history() if r.action == "attach"]
    assert (attached.number, attached.details["previous_file"], attached.details["file"]) == (
        2,
        "02.docx",
        "02-new.docx",
    )
