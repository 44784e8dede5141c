"""Attacks on where congvan writes: the output folder and its swap, signals, modes, file names, a failing disk.

Each attack ends in exit 2 with a message naming the place (or, for a signal, 130/143 and one line),
nothing written and the earlier output folder byte-identical. The signal attacks run the real command
line in a subprocess and stop it mid-run; the disk attacks make the system really refuse a write:
a read-only folder (chmod, or as root a read-only bind mount in a private mount namespace), a full
disk (a tiny tmpfs in a private mount namespace), a file over the process's size limit (ulimit -f),
a name the file system refuses.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from csv_tables import write_csv
from docx import Document

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "data" / "follow-up-2020.yaml"
TABLE = ROOT / "data" / "follow-up-2020.csv"
DIRECTIVE = ROOT / "data" / "directive-2020.yaml"

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


def batch_args(out: Path, *extra: object, letter: Path = LETTER, table: Path = TABLE) -> list[object]:
    return ["batch", letter, table, "--only", "01", "02", "-o", out, *extra]


def leftovers(out: Path) -> list[str]:
    """What congvan may leave beside the folder ``out``: staging folders ``.out.*.tmp``, ``.out.old``."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture
def earlier(cli, tmp_path: Path) -> Path:
    """An output folder that an earlier batch made: every attack must leave it byte-identical."""
    out = tmp_path / "out"
    assert cli(*batch_args(out)).status == 0
    return out


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A mail-merge template reading ``ten`` and ``so``."""
    document = Document()
    document.add_paragraph("Kính gửi: Ủy ban nhân dân {{ ten }}")
    document.add_paragraph("Số tiền hỗ trợ: {{ so }} đồng")
    path = tmp_path / "thu.docx"
    document.save(path)
    return path


def rows(count: int) -> list[dict[str, str]]:
    return [{"ten": f"xã số {i}", "so": str(i * 1000)} for i in range(1, count + 1)]


# ------------------------------------------------------------------ the output target


@pytest.mark.parametrize("command", ["batch", "merge"])
def test_output_naming_an_existing_file_is_refused_and_the_file_untouched(cli, tmp_path, template, command):
    target = tmp_path / "ket-qua.docx"
    target.write_bytes(b"a document the user keeps")
    table = write_csv(tmp_path / "xa.csv", rows(2))
    args = batch_args(target) if command == "batch" else ["merge", template, table, "-o", target]
    outcome = cli(*args)
    assert outcome.status == 2
    assert f"{target} is a file, not a folder" in outcome.err
    assert target.read_bytes() == b"a document the user keeps"
    assert leftovers(target) == []


def test_output_naming_a_symlink_is_refused_and_link_and_folder_untouched(cli, earlier, tree_digest):
    link = earlier.parent / "link"
    link.symlink_to(earlier, target_is_directory=True)
    before = tree_digest(earlier)
    outcome = cli(*batch_args(link))
    assert outcome.status == 2
    assert f"{link} is a symbolic link" in outcome.err
    assert link.is_symlink() and link.readlink() == earlier
    assert tree_digest(earlier) == before
    assert leftovers(link) == [] and leftovers(earlier) == []


@pytest.mark.parametrize("where", [".", "absolute", ".."])
def test_output_that_is_or_holds_the_current_folder_is_refused(cli, tmp_path, tree_digest, monkeypatch, where):
    here = tmp_path / "work" / "here"
    inputs = here / "data"
    shutil.copytree(ROOT / "data", inputs, ignore=shutil.ignore_patterns("legal", "units", "*.py"))
    monkeypatch.chdir(here)
    target = {".": Path("."), "absolute": here, "..": Path("..")}[where]
    before = tree_digest(tmp_path)
    outcome = cli(*batch_args(target, letter=Path("data/follow-up-2020.yaml"), table=Path("data/follow-up-2020.csv")))
    assert outcome.status == 2
    assert "current folder" in outcome.err and f"congvan batch: {target}" in outcome.err
    assert tree_digest(tmp_path) == before  # the inputs are all there


@pytest.mark.parametrize("held", ["template", "table", "data"])
def test_merge_into_a_folder_holding_an_input_is_refused(cli, tmp_path, tree_digest, held):
    folder, elsewhere = tmp_path / "inputs", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    places = {name: (folder if name == held else elsewhere) for name in ("template", "table", "data")}
    document = Document()
    document.add_paragraph("{{ ten }} {{ so }}")
    document.save(places["template"] / "thu.docx")
    write_csv(places["table"] / "xa.csv", [{"ten": "xã A"}])
    (places["data"] / "chung.yaml").write_text("so: '1'\n", encoding="utf-8")
    before = tree_digest(tmp_path)
    outcome = cli(
        "merge",
        places["template"] / "thu.docx",
        places["table"] / "xa.csv",
        "--data",
        places["data"] / "chung.yaml",
        "-o",
        folder,
    )
    assert outcome.status == 2
    assert f"{folder} holds the input {places[held]}" in outcome.err
    assert tree_digest(tmp_path) == before


def test_batch_into_the_folder_of_its_shared_data_is_refused(cli, tmp_path, tree_digest):
    folder = tmp_path / "dot"
    folder.mkdir()
    for source in (LETTER, DIRECTIVE):
        shutil.copy(source, folder)  # the letter names its directive beside it
    before = tree_digest(tmp_path)
    outcome = cli(*batch_args(folder, letter=folder / LETTER.name))
    assert outcome.status == 2
    assert f"{folder} holds the input {folder / LETTER.name}" in outcome.err
    assert tree_digest(tmp_path) == before


def test_output_under_a_file_is_an_output_error(cli, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    outcome = cli(*batch_args(afile / "out"))
    assert outcome.status == 2
    assert f"cannot write {afile / 'out'}: {afile} is a file, not a folder" in outcome.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


# ------------------------------------------------------------------ the swap, interrupted


def abandoned_staging(out: Path) -> Path:
    """A staging folder as a run killed mid-way leaves it: made beside ``out`` by a process now dead."""
    code = (
        "import os, sys\n"
        "from congvan.files import staged_folder\n"
        "with staged_folder(sys.argv[1]) as staging:\n"
        "    (staging / '01-ha-noi.docx').write_bytes(b'half a letter')\n"
        "    print(staging, flush=True)\n"
        "    os._exit(0)  # no cleanup, as after SIGKILL\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


def interrupted_batch(cli, monkeypatch, out: Path):
    """Run a batch into ``out`` that is interrupted (Ctrl-C) as soon as it renders; its `Outcome`."""

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr("congvan.pipeline.run.render_many", interrupted)
    try:
        return cli(*batch_args(out))
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped the command line as a traceback")


def test_a_swap_cut_between_its_renames_is_undone_by_the_next_run(cli, earlier, tree_digest, monkeypatch):
    before = tree_digest(earlier)
    abandoned_staging(earlier)
    earlier.rename(earlier.with_name(".out.old"))  # the first rename done, the second not
    assert not earlier.exists() and len(leftovers(earlier)) == 2
    outcome = interrupted_batch(cli, monkeypatch, earlier)
    assert outcome.status == 130 and "interrupted by SIGINT" in outcome.err
    assert tree_digest(earlier) == before  # the old folder is back
    assert leftovers(earlier) == []  # and the dead run's staging is gone


def test_a_swap_cut_between_its_renames_then_a_run_that_succeeds(cli, earlier, tree_digest):
    abandoned_staging(earlier)
    earlier.rename(earlier.with_name(".out.old"))
    outcome = cli(*batch_args(earlier, "--start", "7"))
    assert outcome.status == 0
    assert "01-ha-noi.docx,01,07,BTTTT-TTĐN" in (earlier / "manifest.csv").read_text(encoding="utf-8")
    assert leftovers(earlier) == []


def test_a_swap_cut_after_its_renames_is_finished_by_the_next_run(cli, earlier, tree_digest, monkeypatch):
    old = earlier.with_name(".out.old")
    staging = abandoned_staging(earlier)
    earlier.rename(old)
    staging.rename(earlier)  # both renames done, the old folder not removed yet
    assert interrupted_batch(cli, monkeypatch, earlier).status == 130
    assert tree_digest(earlier) == {"01-ha-noi.docx": hashlib.sha256(b"half a letter").hexdigest()}
    assert leftovers(earlier) == []


def test_stale_staging_of_a_dead_run_is_removed_and_others_are_kept(cli, earlier, tree_digest):
    dead = abandoned_staging(earlier)
    lookalike = earlier.with_name(".out.abcdefgh.tmp")  # a folder of the user's, or of an older congvan
    lookalike.mkdir()
    (lookalike / "notes.txt").write_text("mine")
    code = (
        "import sys\n"
        "from congvan.files import staged_folder\n"
        "with staged_folder(sys.argv[1]) as staging:\n"
        "    print(staging, flush=True)\n"
        "    sys.stdin.read()\n"
        "    raise SystemExit(1)  # removes its staging\n"
    )
    live = subprocess.Popen(
        [sys.executable, "-c", code, str(earlier)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        live_staging = Path(live.stdout.readline().strip())
        assert cli(*batch_args(earlier)).status == 0
        assert not dead.exists()
        assert live_staging.is_dir()  # its process is running
        assert (lookalike / "notes.txt").read_text() == "mine"  # not marked as ours
    finally:
        live.communicate("", timeout=30)
    assert leftovers(earlier) == [lookalike.name]


# ------------------------------------------------------------------ signals


def process_state(pid: int) -> tuple[str, int] | None:
    """State letter and parent pid of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, parent = text[text.rfind(")") + 2 :].split()[:2]
    return state, int(parent)


def running(pid: int) -> bool:
    state = process_state(pid)
    return state is not None and state[0] not in "ZX"


def descendants_of(pid: int) -> list[int]:
    """Children, grandchildren… (workers may hang below a fork server)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (state := process_state(int(entry.name))) is not None:
            parents[int(entry.name)] = state[1]
    found, wanted = [], {pid}
    while wanted:
        wanted = {child for child, parent in parents.items() if parent in wanted}
        found += sorted(wanted)
    return found


def eventually(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class BigMerge:
    """``congvan merge`` of thousands of rows with ``--jobs 4`` in a subprocess, caught while it writes.

    With 8,200 rows each worker gets chunks of 256 documents: seconds of writing each.
    """

    def __init__(self, template: Path, tmp_path: Path, out: Path, count: int = 3000) -> None:
        table = write_csv(tmp_path / "many.csv", rows(count))
        self.out = out
        self.err = tmp_path / "stderr.txt"
        with self.err.open("w") as err:  # a file, not a pipe: waiting for a pipe would wait for the workers
            self.process = subprocess.Popen(
                [sys.executable, "-m", "congvan", "merge", str(template), str(table), "-o", str(out), "--jobs", "4"],
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,  # a process group of its own, as a terminal gives
            )

    def staging_filling(self, files: int = 60) -> Path:
        """Wait until a staging folder holds ``files`` documents; return it."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for folder in self.out.parent.glob(f".{self.out.name}.*.tmp"):
                try:
                    if len(os.listdir(folder)) >= files:
                        return folder
                except FileNotFoundError:
                    pass
            if self.process.poll() is not None:
                pytest.fail(f"the merge ended before it could be stopped: {self.err.read_text()}")
            time.sleep(0.01)
        pytest.fail("the merge wrote nothing for a minute")

    def workers(self) -> list[int]:
        workers = descendants_of(self.process.pid)
        assert len(workers) >= 3, workers
        return workers

    def finish(self) -> tuple[int, str]:
        """Wait for the command (not for its workers); its exit status and standard error."""
        try:
            code = self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
        return code, self.err.read_text()


@pytest.fixture
def merged_earlier(cli, template, tmp_path) -> Path:
    out = tmp_path / "out"
    assert cli("merge", template, write_csv(tmp_path / "few.csv", rows(3)), "-o", out).status == 0
    return out


@linux_only
@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_mid_merge_stops_the_workers_and_leaves_nothing(
    template, tmp_path, merged_earlier, tree_digest, name, status
):
    before = tree_digest(merged_earlier)
    run = BigMerge(template, tmp_path, merged_earlier)
    run.staging_filling()
    workers = run.workers()
    number = getattr(signal, name)
    if number == signal.SIGINT:
        os.killpg(run.process.pid, number)  # Ctrl-C reaches the whole group: parent and workers
    else:
        run.process.send_signal(number)
    code, err = run.finish()
    assert code == status, err
    assert err == f"congvan merge: interrupted by {name}\n"  # one line, no traceback
    assert eventually(lambda: not any(running(pid) for pid in workers), 5), "workers still running"
    assert leftovers(merged_earlier) == []
    assert tree_digest(merged_earlier) == before


@linux_only
def test_sigkill_mid_merge_takes_the_workers_along_and_the_next_run_cleans_up(
    cli, template, tmp_path, merged_earlier, tree_digest
):
    before = tree_digest(merged_earlier)
    run = BigMerge(template, tmp_path, merged_earlier, count=8200)
    staging = run.staging_filling()
    workers = run.workers()
    run.process.kill()
    run.finish()
    # unchecked, each worker writes on to the end of its chunk of 256 (a second or more) and only then
    # finds its parent gone
    assert eventually(lambda: not any(running(pid) for pid in workers), 0.5), "workers outlived their parent"
    written = len(os.listdir(staging))
    time.sleep(1)
    assert len(os.listdir(staging)) == written  # nobody writes there any more
    assert tree_digest(merged_earlier) == before
    assert cli("merge", template, write_csv(tmp_path / "two.csv", rows(2)), "-o", merged_earlier).status == 0
    assert leftovers(merged_earlier) == []  # the killed run's staging is removed
    assert sorted(tree_digest(merged_earlier)) == ["00001.docx", "00002.docx", "manifest.csv", "manifest.json"]


# ------------------------------------------------------------------ modes


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def test_a_new_output_follows_the_umask_and_a_replaced_one_keeps_its_mode(cli, tmp_path, umask_022):
    out = tmp_path / "out"
    assert cli(*batch_args(out)).status == 0
    assert mode(out) == 0o755
    assert {mode(p) for p in out.iterdir()} == {0o644}
    out.chmod(0o750)
    assert cli(*batch_args(out, "--start", "9")).status == 0
    assert mode(out) == 0o750
    assert {mode(p) for p in out.iterdir()} == {0o644}


def test_a_rendered_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(cli, tmp_path, umask_022):
    path = tmp_path / "cong-van.docx"
    assert cli("render", DIRECTIVE, "-o", path).status == 0
    assert mode(path) == 0o644
    path.chmod(0o640)
    assert cli("render", DIRECTIVE, "-o", path).status == 0
    assert mode(path) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cong-van.docx"]  # no temporary left


# ------------------------------------------------------------------ the render's output path


@pytest.mark.parametrize("kind", ["folder", "symlink", "the data file"])
def test_render_over_a_folder_a_link_or_its_own_input_is_refused(cli, tmp_path, tree_digest, kind):
    data = tmp_path / "directive.yaml"
    data.write_bytes(DIRECTIVE.read_bytes())
    (tmp_path / "kept.docx").write_bytes(b"kept")
    target = {"folder": tmp_path / "a-folder", "symlink": tmp_path / "link.docx", "the data file": data}[kind]
    if kind == "folder":
        target.mkdir()
    elif kind == "symlink":
        target.symlink_to(tmp_path / "kept.docx")
    before = tree_digest(tmp_path)
    outcome = cli("render", data, "-o", target)
    assert outcome.status == 2
    assert f"congvan render: {target} is" in outcome.err
    assert tree_digest(tmp_path) == before
    assert target.is_symlink() == (kind == "symlink")


# ------------------------------------------------------------------ name collisions


def test_a_letter_named_like_the_combined_file_is_refused(cli, earlier, tree_digest):
    before = tree_digest(earlier)
    outcome = cli("batch", LETTER, TABLE, "--only", "01", "--pattern", "all-letters.docx", "--combined", "-o", earlier)
    assert outcome.status == 2
    assert (
        "row 5, pattern: 'all-letters.docx' gives 'all-letters.docx', which is also the file of the combined letters"
        in outcome.err
    )
    assert tree_digest(earlier) == before and leftovers(earlier) == []


def test_a_letter_whose_pdf_is_named_like_the_combined_pdf_is_refused_before_converting(cli, earlier, tree_digest):
    before = tree_digest(earlier)
    outcome = cli("batch", LETTER, TABLE, "--only", "01", "--pattern", "all-letters", "--pdf", "-o", earlier)
    assert outcome.status == 2
    assert "row 5, pattern: 'all-letters' gives 'pdf/all-letters.pdf', which is also the file of the combined PDF" in (
        outcome.err
    )
    assert tree_digest(earlier) == before and leftovers(earlier) == []


def test_names_that_differ_only_in_case_are_one_file_on_windows_and_macos(cli, template, tmp_path):
    table = write_csv(tmp_path / "xa.csv", [{"ten": "Phúc Xá", "so": "1"}, {"ten": "PHÚC XÁ", "so": "2"}])
    out = tmp_path / "out"
    outcome = cli("merge", template, table, "-o", out, "--pattern", "{ten}.docx")
    assert outcome.status == 2
    assert "row 3, pattern: '{ten}.docx' gives 'PHÚC XÁ.docx', which is also the file of row 2 ('Phúc Xá.docx'" in (
        outcome.err
    )
    assert not out.exists() and leftovers(out) == []


def test_letters_sharing_a_number_and_a_name_are_refused_with_their_rows(cli, tmp_path):
    out = tmp_path / "out"
    outcome = cli(*batch_args(out, "--numbering", "shared", "--start", "5", "--pattern", "{number}.docx"))
    assert outcome.status == 2
    assert "row 6, pattern: '{number}.docx' gives '5.docx', which is also the file of row 5" in outcome.err
    assert not out.exists() and leftovers(out) == []


# ------------------------------------------------------------------ file names


def test_a_file_name_over_240_bytes_is_refused_and_one_of_240_is_written(cli, template, tmp_path):
    fits = "ệ" * 78 + "a"  # 235 bytes in UTF-8, 240 with ".docx"
    too_long = "ệ" * 80  # 240 bytes, 245 with ".docx"
    table = write_csv(tmp_path / "xa.csv", [{"ten": fits, "so": "1"}, {"ten": too_long, "so": "2"}])
    out = tmp_path / "out"
    outcome = cli("merge", template, table, "-o", out, "--pattern", "{ten}")
    assert outcome.status == 2
    assert "row 3, pattern: '{ten}' gives" in outcome.err and "it is 245 bytes in UTF-8, over the 240" in outcome.err
    assert not out.exists() and leftovers(out) == []
    table = write_csv(tmp_path / "xa.csv", [{"ten": fits, "so": "1"}])
    assert cli("merge", template, table, "-o", out, "--pattern", "{ten}").status == 0
    assert (out / f"{fits}.docx").is_file()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("a\x00b", "the control character U+0000 at position 1"),
        ("a\nb", "the control character U+000A at position 1"),
        ("\x1b[31mred", "the control character U+001B at position 0"),
        ("a\ud800b", "the lone surrogate U+D800 at position 1"),
    ],
)
def test_a_file_name_with_a_control_character_is_refused(template, tmp_path, value, reason):
    import congvan

    out = tmp_path / "out"
    with pytest.raises(congvan.DataError) as caught:
        congvan.merge(template, [{"ten": "x", "so": "1"}, {"ten": value, "so": "2"}], out, pattern="{ten}.docx")
    assert str(caught.value.problems[0]).startswith(f"row 2, pattern: '{{ten}}.docx' gives {value + '.docx'!r}")
    assert reason in str(caught.value)
    assert not out.exists() and leftovers(out) == []


def test_an_empty_pattern_is_not_a_hidden_file(cli, tmp_path):
    out = tmp_path / "out"
    outcome = cli("batch", LETTER, TABLE, "--only", "01", "--pattern", "", "-o", out)
    assert outcome.status == 2
    assert "row 5, pattern: '' gives '.docx', which is not a plain file name" in outcome.err
    assert not out.exists() and leftovers(out) == []


# ------------------------------------------------------------------ the system refuses a write


def private_mounts(mounts: list[list[object]], runs: list[list[object]], inspect: Path, files: dict | None = None):
    """Run ``congvan`` with each of ``runs`` in a private mount namespace after ``mounts``; for each run give
    its status, standard error and every file under ``inspect`` with its SHA-256 (a tmpfs vanishes after).

    Needs ``unshare`` and the right to mount (root, or user namespaces); skipped otherwise.
    """
    prefixes = [["unshare", "--mount", "--propagation", "private"], ["unshare", "--user", "--map-root-user", "--mount"]]
    usable = [
        p
        for p in prefixes
        if shutil.which("unshare") and subprocess.run([*p, "true"], capture_output=True).returncode == 0
    ]
    if not usable:
        pytest.skip("no private mount namespace here (unshare needs root or user namespaces)")
    payload = (
        "import hashlib, json, os, subprocess, sys\n"
        "spec = json.loads(sys.argv[1])\n"
        "for command in spec['mounts']:\n"
        "    subprocess.run(command, check=True)\n"
        "for name, text in spec['files'].items():\n"
        "    with open(name, 'w') as stream:\n"
        "        stream.write(text)\n"
        "results = []\n"
        "for argv in spec['runs']:\n"
        "    done = subprocess.run([sys.executable, '-m', 'congvan', *argv], capture_output=True, text=True)\n"
        "    tree = {}\n"
        "    for base, folders, names in os.walk(spec['inspect']):\n"
        "        for name in folders + names:\n"
        "            path = os.path.join(base, name)\n"
        "            key = os.path.relpath(path, spec['inspect'])\n"
        "            tree[key] = '<dir>' if os.path.isdir(path) else hashlib.sha256(open(path, 'rb').read()).hexdigest()\n"
        "    results.append({'status': done.returncode, 'err': done.stderr, 'tree': tree})\n"
        "print(json.dumps(results))\n"
    )
    spec = {
        "mounts": [[str(a) for a in m] for m in mounts],
        "runs": [[str(a) for a in r] for r in runs],
        "inspect": str(inspect),
        "files": {str(k): v for k, v in (files or {}).items()},
    }
    done = subprocess.run(
        [*usable[0], sys.executable, "-c", payload, json.dumps(spec)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def chmod_stops_writes(folder: Path) -> bool:
    """Whether a read-only mode stops this process writing in ``folder`` (not so for root)."""
    probe = folder / "probe"
    try:
        probe.mkdir()
    except PermissionError:
        return True
    probe.rmdir()
    return False


def test_a_read_only_folder_is_an_output_error_and_the_earlier_output_stays(cli, tmp_path, tree_digest):
    parent = tmp_path / "read-only"
    out = parent / "out"
    assert cli(*batch_args(out)).status == 0
    before = tree_digest(parent)
    parent.chmod(0o555)
    try:
        if chmod_stops_writes(parent):
            outcome = cli(*batch_args(out))
            status, err, reason = outcome.status, outcome.err, "Permission denied"
        else:  # root: a read-only bind mount of the folder instead
            remount = [["mount", "--bind", parent, parent], ["mount", "-o", "remount,bind,ro", parent, parent]]
            (result,) = private_mounts(remount, [batch_args(out)], inspect=parent)
            status, err, reason = result["status"], result["err"], "Read-only file system"
    finally:
        parent.chmod(0o755)
    assert status == 2, err
    assert err.startswith(f"congvan batch: {out} was not replaced and is as it was: {reason}; ")
    assert "Traceback" not in err
    assert tree_digest(parent) == before


def test_a_full_disk_while_rendering_one_file_leaves_the_old_file(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    target = disk / "cong-van.docx"
    (result,) = private_mounts(
        [["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", disk]],  # two pages: the old file takes one
        [["render", DIRECTIVE, "-o", target]],
        inspect=disk,
        files={target: "the earlier letter"},
    )
    assert result["status"] == 2, result["err"]
    assert result["err"].startswith(f"congvan render: cannot write {target}: No space left on device; free space")
    assert result["tree"] == {"cong-van.docx": hashlib.sha256(b"the earlier letter").hexdigest()}  # no temporary


def test_a_full_disk_mid_batch_leaves_the_earlier_output(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "out"
    first, second = private_mounts(
        [["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]],
        [batch_args(out), ["batch", LETTER, TABLE, "-o", out, "--jobs", "2"]],  # 2 letters fit, 63 do not
        inspect=disk,
    )
    assert first["status"] == 0, first["err"]
    assert sorted(first["tree"]) == ["out", "out/01-ha-noi.docx", "out/02-ha-giang.docx"] + [
        "out/manifest.csv",
        "out/manifest.json",
    ]
    assert second["status"] == 2, second["err"]
    assert second["err"].startswith(f"congvan batch: {out} was not replaced and is as it was: ")
    assert "No space left on device; free space on that disk" in second["err"]
    assert second["tree"] == first["tree"]


def test_a_write_over_the_size_limit_in_a_worker_is_an_output_error(cli, template, tmp_path, tree_digest):
    table = write_csv(tmp_path / "xa.csv", rows(40))
    out = tmp_path / "out"
    assert cli("merge", template, table, "-o", out).status == 0
    before = tree_digest(out)

    def small_files() -> None:  # ulimit -f: a write past 4 KiB fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    done = subprocess.run(
        [sys.executable, "-m", "congvan", "merge", template, table, "-o", out, "--jobs", "2"],
        preexec_fn=small_files,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"congvan merge: {out} was not replaced and is as it was: cannot write {tmp_path}/")
    assert "File too large; the file is bigger than this system lets a process write" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(out) == before and leftovers(out) == []


@pytest.mark.parametrize("long", ["a parent folder", "the folder"])
def test_a_name_too_long_for_the_file_system_is_an_output_error(cli, tmp_path, long):
    out = tmp_path / ("x" * 300) / "out" if long == "a parent folder" else tmp_path / ("x" * 250)
    outcome = cli(*batch_args(out))
    assert outcome.status == 2
    assert str(out) in outcome.err and "Traceback" not in outcome.err
    if long == "a parent folder":
        assert "File name too long" in outcome.err  # the system's reason
    else:
        assert "the folder name is 250 bytes, over the 241" in outcome.err
    assert sorted(tmp_path.iterdir()) == []
