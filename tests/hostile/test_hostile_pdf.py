"""Attacks on the PDF conversion, with real LibreOffice: Ctrl-C and SIGTERM stop it at once, leaving nothing behind.

``congvan pdf`` runs in a subprocess on enough letters to keep LibreOffice busy for many
seconds; the signal comes once a ``soffice.bin`` of the run is working. Then: the command is
gone within a bound, no process of any LibreOffice group it started is alive, the output folder
holds only complete PDFs, and the run's ``TMPDIR`` (profiles, LibreOffice's own ``lu*.tmp``) is empty.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from congvan.documents import load, render
from congvan.pdf.tools import run_tool

ROOT = Path(__file__).resolve().parents[2]
LETTERS = 200  # more than LibreOffice converts in a dozen seconds here; the signal comes after about one
#: How soon the command must be gone after the signal: a bound on the behaviour, not a benchmark.
EXIT_BOUND = 2.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to follow processes")
needs_soffice = pytest.mark.skipif(
    shutil.which(os.environ.get("CONGVAN_SOFFICE") or "soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


def processes() -> dict[int, tuple[int, int, str, str]]:
    """Every process: pid → (parent, process group, state, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[1]), int(fields[2]), fields[0].decode(), command)
    return found


def descendants(root: int) -> dict[int, tuple[int, int, str, str]]:
    table = processes()
    family, todo = {}, [root]
    while todo:
        parent = todo.pop()
        for pid, info in table.items():
            if info[0] == parent and pid not in family:
                family[pid] = info
                todo.append(pid)
    return family


def alive_in(groups: set[int]) -> list[str]:
    """The live (not zombie) processes of these process groups."""
    return [f"{pid} {info[3]}" for pid, info in processes().items() if info[1] in groups and info[2] != "Z"]


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("letter") / "letter.docx"
    render(load(ROOT / "data" / "directive-2020.yaml"), path)
    return path


def start_conversion(letter: Path, tmp_path: Path) -> tuple[subprocess.Popen[bytes], set[int], Path, Path]:
    """``congvan pdf`` on many letters; returns once a soffice.bin of it works, with its process groups."""
    inbox, out, scratch = tmp_path / "in", tmp_path / "out", tmp_path / "tmp"
    for folder in (inbox, out, scratch):
        folder.mkdir()
    (out / "earlier.txt").write_text("not ours\n")
    sources = []
    for number in range(LETTERS):
        sources.append(inbox / f"l{number:03d}.docx")
        shutil.copyfile(letter, sources[-1])
    env = {**os.environ, "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "congvan", "pdf", *map(str, sources), "-o", str(out)]
    with (tmp_path / "stderr.txt").open("wb") as stderr:
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    groups: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        family = descendants(proc.pid)
        groups |= {info[1] for info in family.values()}
        if any("soffice.bin" in info[3] for info in family.values()):
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail(f"LibreOffice never started: {(tmp_path / 'stderr.txt').read_text()[-2000:]}")
    time.sleep(0.5)  # let it load and write
    groups |= {info[1] for info in descendants(proc.pid).values()}
    groups.discard(os.getpgrp())
    return proc, groups, out, scratch


@needs_soffice
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_stops_the_conversion_at_once_and_leaves_nothing_behind(letter, tmp_path, signum):
    proc, groups, out, scratch = start_conversion(letter, tmp_path)
    assert groups, "no LibreOffice process group seen"
    sent = time.monotonic()
    proc.send_signal(signum)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    took = time.monotonic() - sent
    try:
        assert took < EXIT_BOUND, f"still running {took:.1f} s after {signum.name}"
        assert proc.returncode != 0
        time.sleep(0.2)
        assert alive_in(groups) == []
        left = sorted(p.name for p in out.iterdir())
        assert "earlier.txt" in left
        for name in left:
            path = out / name
            if name == "earlier.txt":
                continue
            assert path.is_file() and name.endswith(".pdf") and not name.startswith("."), left
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], name
            assert len(PdfReader(path).pages) >= 1
        assert sorted(p.name for p in scratch.iterdir()) == []  # profiles, staging, lu*.tmp: all gone
    finally:
        for pid in (int(line.split()[0]) for line in alive_in(groups)):
            os.kill(pid, signal.SIGKILL)


@needs_soffice
@pytest.mark.parametrize("command", ["render", "batch"])
def test_render_and_batch_take_the_stall_timeout(cli, tmp_path, tree_digest, command):
    """``--timeout`` reaches LibreOffice: 0.01 s is too short for it to finish any PDF, so it is killed as hung."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("earlier output\n")
    before = tree_digest(tmp_path)
    if command == "render":
        outcome = cli(
            "render", ROOT / "data/directive-2020.yaml", "-o", out / "letter.docx", "--pdf", "--timeout", 0.01
        )
    else:
        data = ROOT / "data"
        outcome = cli("batch", data / "follow-up-2020.yaml", data / "follow-up-2020.csv", "-o", out, "--pdf")
        assert outcome.status == 0, outcome  # the default timeout is plenty
        before = tree_digest(tmp_path)
        outcome = cli(
            "batch", data / "follow-up-2020.yaml", data / "follow-up-2020.csv", "-o", out, "--pdf", "--timeout", 0.01
        )
    assert outcome.status == 2, outcome
    assert "no PDF for 0.01 s" in outcome.err and "hung" in outcome.err
    # nothing new: no .docx without its PDF, no temporary file; the earlier batch untouched
    assert tree_digest(tmp_path) == before


def test_ctrl_c_while_the_main_thread_waits_on_a_tool_kills_the_tool_and_its_children(tmp_path):
    """pdftoppm and pdftotext run in the main thread: Ctrl-C there must not leave them (in their own session) running."""
    pid_file = tmp_path / "group"
    interrupt = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    interrupt.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            run_tool(["sh", "-c", f"echo $$ > {pid_file}; sleep 30 & sleep 30"], stall_timeout=60)
        assert time.monotonic() - started < EXIT_BOUND
        group = int(pid_file.read_text())
        assert alive_in({group}) == []
    finally:
        interrupt.cancel()
        if pid_file.exists():
            for pid in (int(line.split()[0]) for line in alive_in({int(pid_file.read_text())})):
                os.kill(pid, signal.SIGKILL)
