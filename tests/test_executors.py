"""`executor=` on render_many, merge and render_batch: the process pool of concurrent.futures and a real Dask
LocalCluster (2 worker processes started and closed here). The bytes are those of ``jobs=1``; a failed or
killed worker never leaves a half folder: the target is as it was and no staging folder is left.
"""

from __future__ import annotations

import concurrent.futures
import csv
import hashlib
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from docx import Document

import congvan
from congvan.engine.batch import executor_workers
from congvan.engine.remote import CACHE_SIZE, TemplateSpec, cached_keys
from congvan.errors import DataError, ExecutorError, OutputError

ROOT = Path(__file__).resolve().parents[1]
LETTER, TABLE = ROOT / "data/follow-up-2020.yaml", ROOT / "data/follow-up-2020.csv"


# ---------------------------------------------------------------- inputs


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("executors")


@pytest.fixture(scope="module")
def template(folder: Path) -> Path:
    document = Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN {{ huyen }}")
    document.add_paragraph("Kính gửi: Ủy ban nhân dân {{ ten_xa }}")
    document.add_paragraph("Đề nghị báo cáo trước ngày {{ han | vn_date }}; số tiền hỗ trợ {{ tien | vn_money }}.")
    path = folder / "thu.docx"
    document.save(path)
    return path


def table(path: Path, count: int, bad_row: int | None = None) -> Path:
    """``count`` communes; the row numbered ``bad_row`` (a line of the file) has an amount vn_money cannot read."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["ma_xa", "ten_xa", "huyen", "han", "tien"])
        for i in range(count):
            amount = "một triệu" if bad_row == i + 2 else str((i % 50 + 1) * 100_000)
            writer.writerow([f"{i:05d}", f"xã Thử Nghiệm {i}", "huyện Mẫu", "31/3/2020", amount])
    return path


@pytest.fixture(scope="module")
def communes(folder: Path) -> Path:
    return table(folder / "xa.csv", 2000)


@pytest.fixture(scope="module")
def few(folder: Path) -> Path:
    """The first 500 rows of `communes`."""
    return table(folder / "xa-500.csv", 500)


@pytest.fixture(scope="module")
def reference(folder: Path, template: Path, communes: Path) -> dict[str, bytes]:
    """The 2,000 letters as ``jobs=1`` writes them: file name → bytes."""
    result = congvan.merge(template, communes, folder / "jobs1", pattern="{ma_xa}.docx")
    return {d.file: (result.folder / d.file).read_bytes() for d in result.documents}


@pytest.fixture(scope="module")
def first_500(reference: dict[str, bytes]) -> dict[str, bytes]:
    return dict(list(reference.items())[:500])


def contents(result: congvan.MergeResult) -> dict[str, bytes]:
    files = {d.file: (result.folder / d.file).read_bytes() for d in result.documents}
    for document in result.documents:
        assert hashlib.sha256(files[document.file]).hexdigest() == document.sha256
    return files


def earlier_output(path: Path) -> Path:
    path.mkdir()
    (path / "earlier.txt").write_text("the run before\n", encoding="utf-8")
    return path


def assert_untouched(target: Path) -> None:
    """The target holds what it held before the run and nothing beside it is a leftover staging folder."""
    assert sorted(p.name for p in target.iterdir()) == ["earlier.txt"]
    assert (target / "earlier.txt").read_text(encoding="utf-8") == "the run before\n"
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.")]
    assert leftovers == []


# ---------------------------------------------------------------- the process pool of concurrent.futures


def test_a_process_pool_gives_the_bytes_of_jobs_1_in_both_write_modes(folder, template, few, first_500):
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        for write in ("worker", "caller"):
            result = congvan.merge(
                template, few, folder / f"pool-{write}", pattern="{ma_xa}.docx", executor=pool, write=write
            )
            assert [d.index for d in result.documents] == list(range(1, 501))
            assert contents(result) == first_500
            with result.manifest_csv.open(encoding="utf-8") as stream:
                assert [row["File"] for row in csv.DictReader(stream)] == list(first_500)


def test_a_bad_row_is_named_through_the_executor_and_nothing_is_written(folder, template):
    bad = table(folder / "bad.csv", 300, bad_row=157)
    target = earlier_output(folder / "bad-out")
    with concurrent.futures.ProcessPoolExecutor(2) as pool, pytest.raises(DataError) as caught:
        congvan.merge(template, bad, target, executor=pool)
    message = str(caught.value)
    assert "row 157, column tien" in message and "vn_money" in message and "'một triệu'" in message
    assert_untouched(target)


def test_a_killed_pool_worker_fails_the_batch_and_leaves_the_folder_as_it_was(folder, template, few):
    target = earlier_output(folder / "killed-pool")
    seen = []

    def kill_a_worker(step: int, total: int) -> None:
        seen.append(step)
        if len(seen) == 100:
            os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)

    with concurrent.futures.ProcessPoolExecutor(2) as pool, pytest.raises(ExecutorError, match="lost"):
        congvan.merge(template, few, target, executor=pool, progress=kill_a_worker)
    assert 100 <= len(seen) < 500
    assert_untouched(target)


def test_a_pool_broken_before_a_chunk_is_submitted_is_a_lost_task(folder, template, few):
    """The pool breaks between two submits (its worker killed meanwhile): submit itself raises BrokenProcessPool,
    which is a lost task as when a running one dies; the load of the machine decides which of the two is met."""
    target = earlier_output(folder / "broken-pool")
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        pool.submit(os.getpid).result()  # its worker started
        os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
        with pytest.raises(concurrent.futures.process.BrokenProcessPool):
            pool.submit(os.getpid).result(timeout=30)
        with pytest.raises(ExecutorError, match="lost"):
            congvan.merge(template, few, target, executor=pool)
    assert_untouched(target)


def test_worker_writes_to_a_folder_this_process_does_not_see_are_refused(tmp_path, template):
    """Workers whose relative paths land elsewhere (another working folder: a share mounted at another
    place) write files the caller cannot see; the caller says so instead of reporting them written."""
    here, there = tmp_path / "here", tmp_path / "there"
    for place in (here, there):
        (place / "out").mkdir(parents=True)
    items = [
        (Path("out") / f"{i}.docx", {"huyen": "A", "ten_xa": "B", "han": "1/1/2020", "tien": "1"}) for i in range(4)
    ]
    previous = Path.cwd()
    os.chdir(here)
    try:
        with concurrent.futures.ProcessPoolExecutor(1, initializer=os.chdir, initargs=(str(there),)) as pool:
            with pytest.raises(OutputError, match="every worker share"):
                list(congvan.render_many(template, items, executor=pool))
            results = list(congvan.render_many(template, items, executor=pool, write="caller"))
    finally:
        os.chdir(previous)
    assert sorted(p.name for p in (here / "out").iterdir()) == ["0.docx", "1.docx", "2.docx", "3.docx"]
    assert [r.size for r in results] == [(here / "out" / f"{i}.docx").stat().st_size for i in range(4)]


def test_a_worker_never_creates_a_folder(tmp_path, template):
    items = [(tmp_path / "gone" / "1.docx", {"huyen": "A", "ten_xa": "B", "han": "1/1/2020", "tien": "1"})]
    with concurrent.futures.ProcessPoolExecutor(1) as pool, pytest.raises(OutputError, match="is not there"):
        list(congvan.render_many(template, items, executor=pool))
    assert not (tmp_path / "gone").exists()


def test_render_batch_takes_an_executor(tmp_path):
    plain = congvan.render_batch(LETTER, TABLE, tmp_path / "plain")
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        spread = congvan.render_batch(LETTER, TABLE, tmp_path / "spread", executor=pool, write="caller")
    assert [letter.sha256 for letter in spread.letters] == [letter.sha256 for letter in plain.letters]
    for letter in plain.letters:
        assert (spread.folder / letter.file).read_bytes() == (plain.folder / letter.file).read_bytes()


def test_the_worker_cache_compiles_a_template_once_per_content(template):
    first = TemplateSpec.of(congvan.Template(template))
    again = TemplateSpec.of(congvan.Template(template.read_bytes()))
    lenient = TemplateSpec.of(congvan.Template(template, strict=False))
    assert first.key == again.key != lenient.key
    assert first.compiled() is again.compiled()  # the second spec finds the first one's template
    assert lenient.compiled() is not first.compiled()
    assert {first.key, lenient.key} <= set(cached_keys()) and len(cached_keys()) <= CACHE_SIZE


def test_unpicklable_filters_and_bad_arguments_are_refused_before_any_work(template, tmp_path):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        with pytest.raises(TypeError, match="picklable"):
            list(congvan.render_many(template, [], executor=pool, filters={"x": lambda v: v}))
        with pytest.raises(ValueError, match="'worker' or 'caller'"):
            list(congvan.render_many(template, [], executor=pool, write="nobody"))
        with pytest.raises(ValueError, match="not both"):
            list(congvan.render_many(template, [], executor=pool, jobs=2))
        assert executor_workers(pool) == 1


# ---------------------------------------------------------------- a real Dask LocalCluster

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 worker processes (one thread each), no dashboard; closed after the module."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_dask_gives_the_bytes_of_jobs_1(client, folder, template, communes, reference, few, first_500):
    executor = client.get_executor()
    assert executor_workers(executor) == 2
    result = congvan.merge(template, communes, folder / "dask", pattern="{ma_xa}.docx", executor=executor)
    assert contents(result) == reference
    caller = congvan.merge(
        template, few, folder / "dask-caller", pattern="{ma_xa}.docx", executor=executor, write="caller"
    )
    assert contents(caller) == first_500


def test_dask_names_the_bad_row(client, folder, template):
    bad = table(folder / "bad-dask.csv", 200, bad_row=57)
    target = earlier_output(folder / "bad-dask-out")
    with pytest.raises(DataError, match="row 57, column tien"):
        congvan.merge(template, bad, target, executor=client.get_executor())
    assert_untouched(target)


def worker_pids(client) -> list[int]:
    return sorted(client.run(os.getpid).values())


def killing_one_worker(client, after: int):
    """A progress callback that SIGKILLs one Dask worker process once ``after`` documents are in."""
    victim = worker_pids(client)[0]
    seen = []

    def progress(step: int, total: int) -> None:
        seen.append(step)
        if len(seen) == after:
            os.kill(victim, signal.SIGKILL)

    return progress, seen, victim


def killing_a_busy_worker(client, after: int):
    """A progress callback that SIGKILLs, once ``after`` documents are in, a Dask worker the scheduler has
    chunks processing on: a worker that dies holding only finished chunks fails no task (they are simply
    computed again), so killing an idle one would not test a lost task."""
    seen: list[int] = []
    killed: list[int] = []

    def progress(step: int, total: int) -> None:
        seen.append(step)
        if len(seen) == after:
            pids = client.run(os.getpid)
            busy = [address for address, keys in client.processing().items() if keys and address in pids]
            assert busy, "no worker had a chunk in hand"
            killed.append(pids[busy[0]])
            os.kill(killed[0], signal.SIGKILL)

    return progress, seen, killed


def test_a_killed_dask_worker_is_retried_and_the_bytes_are_those_of_jobs_1(client, folder, template, few, first_500):
    progress, seen, victim = killing_one_worker(client, after=100)
    result = congvan.merge(
        template,
        few,
        folder / "dask-killed",
        pattern="{ma_xa}.docx",
        executor=client.get_executor(),
        progress=progress,
    )
    assert len(seen) == 500
    assert victim not in worker_pids(client)  # it was killed (its nanny started another)
    assert contents(result) == first_500
    assert sorted(p.name for p in result.folder.iterdir()) == sorted([*first_500, "manifest.csv", "manifest.json"])


def test_a_killed_dask_worker_that_is_not_retried_fails_the_batch_and_leaves_no_half_folder(
    client, folder, template, few
):
    client.wait_for_workers(2)

    def allowed_failures(dask_scheduler, count):  # the scheduler's retries of a task whose worker died
        previous, dask_scheduler.allowed_failures = dask_scheduler.allowed_failures, count
        return previous

    previous = client.run_on_scheduler(allowed_failures, count=0)
    try:
        target = earlier_output(folder / "dask-lost")
        progress, seen, killed = killing_a_busy_worker(client, after=100)
        with pytest.raises(ExecutorError, match="worker died"):
            congvan.merge(template, few, target, executor=client.get_executor(), progress=progress)
        assert len(killed) == 1 and killed[0] not in worker_pids(client)
        assert 100 <= len(seen) < 500
        assert_untouched(target)
    finally:
        client.run_on_scheduler(allowed_failures, count=previous)


def test_the_merge_command_renders_on_a_dask_scheduler(client, folder, template, few, first_500, capsys):
    from congvan.cli import main

    address = client.scheduler.address
    out = folder / "cli-dask"
    assert (
        main(["merge", str(template), str(few), "-o", str(out), "--pattern", "{ma_xa}.docx", "--scheduler", address])
        == 0
    )
    assert {name: (out / name).read_bytes() for name in first_500} == first_500
    assert "wrote 500 documents" in capsys.readouterr().out
    assert (
        main(["merge", str(template), str(few), "-o", str(out), "--scheduler", address, "--write", "caller", "-q"]) == 0
    )
    assert len(list(out.glob("*.docx"))) == 500
