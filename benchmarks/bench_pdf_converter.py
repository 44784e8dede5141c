"""LibreOffice's start-up, paid once: the warm `PdfConverter` against one plain ``soffice`` call (issue 17).

    .venv/bin/python benchmarks/bench_pdf_converter.py [--letters 200] [--many 1000] [--rounds 3]
        [--many-rounds 3] [--parts start,63,warm,floor,many]

One run, in one process, baselines measured in the same run. "Before" is the same measure with
``CONGVAN_PDF_SCRATCH`` set to a folder on disk (LibreOffice's profiles, temporary files and fresh
PDFs where they were before `congvan.pdf.scratch` put them in memory):

1. ``start``: the start of one warm instance (to its first answer), seeded, seeded with the scratch
   on disk, and unseeded (as before `congvan.pdf.profile`), wall and CPU time, the median of 3;
2. ``63``: the 63 follow-up letters as separate files, ``--rounds`` rounds (medians printed): one
   plain ``soffice --convert-to pdf`` call on the 63 files (a fresh profile, as a first call makes
   it) against ``congvan.to_pdf(jobs=2)``, start-up included, through the warm converter; the same
   with the scratch on disk and with unseeded profiles; and the route without the UNO bridge (one
   ``soffice --convert-to`` call per instance, 2 instances). Target: to_pdf ≥ 2× the plain call;
3. ``warm``: ms per 1-page letter over ``--letters`` letters (default 200) in a started
   ``PdfConverter`` (one letter per instance first), ``--rounds`` rounds: one instance, one letter at
   a time (latency), and ``instances=2`` (throughput: wall time / letters), each also with the scratch
   on disk; and letters of a template python-docx made (its default styles part is 350 KB, which
   LibreOffice reads for every document). Target ≤ 60 ms;
4. ``floor``: LibreOffice's own floor: the same 1-page letter converted again and again in one warm
   instance (the median of the 2nd to 21st conversion);
5. ``many``: ``--many`` letters (default 1,000) with ``PdfConverter(instances=2)``, start-up included,
   ``--many-rounds`` rounds and one with the scratch on disk. Target ≤ 40 s.

The machine may be shared: the load average is printed with each figure, and CPU time (user +
system of LibreOffice's processes and the bridge, from /proc) beside wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_merge import build  # noqa: E402

import congvan  # noqa: E402
from congvan.pdf import (  # noqa: E402
    PdfConverter,
    find_soffice,
    page_count,
    profile,
    scratch,  # noqa: E402
    to_pdf,
)
from congvan.pdf.convert import _convert_in_calls  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LETTER, TABLE = ROOT / "data/follow-up-2020.yaml", ROOT / "data/follow-up-2020.csv"


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def group_cpu(converter: PdfConverter) -> float:
    """CPU seconds (user + system) the converter's LibreOffice processes have used so far (from /proc),
    with those of their children that exited (the soffice.bin a first start replaces)."""
    groups = {instance.pid for instance in converter._instances}
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) in groups:
                total += sum(map(int, fields[11:15]))  # its own and its reaped children's (a restarted soffice.bin)
    return total / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def unseeded() -> Iterator[None]:
    """Profiles as before `congvan.pdf.profile`: a seed that knows neither answer leaves them empty."""
    real = profile.profile_seed
    profile.profile_seed = lambda soffice: profile.ProfileSeed(version=None, buildid=None)  # type: ignore[assignment]
    try:
        yield
    finally:
        profile.profile_seed = real


class ConverterCpu:
    """CPU seconds of the LibreOffice processes of every `PdfConverter` closed meanwhile (to_pdf opens its own)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    @contextlib.contextmanager
    def counting(self) -> Iterator[None]:
        real = PdfConverter.close

        def close(converter: PdfConverter) -> None:
            self.seconds += group_cpu(converter)
            real(converter)

        PdfConverter.close = close  # type: ignore[method-assign]
        try:
            yield
        finally:
            PdfConverter.close = real  # type: ignore[method-assign]


def _unseeded_to_pdf(files: list[Path], out: Path) -> list[Path]:
    with unseeded():
        return to_pdf(files, out, jobs=2)


def start_up() -> tuple[float, float]:
    """Wall and CPU seconds one `PdfConverter` instance takes to start (to the bridge's first answer)."""
    start = time.perf_counter()
    converter = PdfConverter()
    try:
        converter.start()
        return time.perf_counter() - start, group_cpu(converter)
    finally:
        converter.close()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def plain_call(files: list[Path], out: Path, profile: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [find_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(out), *map(str, files)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    assert len(list(out.glob("*.pdf"))) == len(files), "the plain call lost files"
    return seconds


def one_page_letters(work: Path, count: int) -> list[Path]:
    """``count`` one-page follow-up letters (the bundled template), each with a number of its own."""
    letters: list[Path] = []
    for batch in range(-(-count // 63)):
        result = congvan.render_batch(
            LETTER, TABLE, work / f"letters-{batch}", start=1 + 63 * batch, pattern="{number:04d}-{code}.docx"
        )
        letters += [result.folder / letter.file for letter in result.letters]
    return letters[:count]


def python_docx_letters(work: Path, count: int) -> list[Path]:
    """``count`` one-page letters from a template python-docx built (its default styles part is 350 KB)."""
    template, table = build(work, count)
    result = congvan.merge(template, table, work / "python-docx", pattern="{ma_xa}.docx", jobs=2)
    return [result.folder / document.file for document in result.documents]


@contextlib.contextmanager
def on_disk(folder: Path) -> Iterator[None]:
    """LibreOffice's profiles, temporary files and fresh PDFs on disk, as before `congvan.pdf.scratch`."""
    folder.mkdir(parents=True, exist_ok=True)
    old = os.environ.get(scratch.SCRATCH_ENV)
    os.environ[scratch.SCRATCH_ENV] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(scratch.SCRATCH_ENV, None)
        else:
            os.environ[scratch.SCRATCH_ENV] = old


def warm_rate(letters: list[Path], out: Path, instances: int) -> tuple[float, float]:
    """Wall and CPU ms per letter in a `PdfConverter` started (and given one letter each) before the clock."""
    with PdfConverter(instances=instances) as converter:
        converter.convert(letters[:instances], out / "warm-up")
        cpu, start = group_cpu(converter), time.perf_counter()
        converter.convert(letters[instances:], out / "letters")
        wall = time.perf_counter() - start
        cpu = group_cpu(converter) - cpu
    count = len(letters) - instances
    return wall / count * 1000, cpu / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--many", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each measure (medians printed)")
    parser.add_argument("--many-rounds", type=int, default=3, help="rounds of the --many letters")
    parser.add_argument("--parts", default="start,63,warm,floor,many", help="which measures, comma-separated")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    print(f"{os.cpu_count()} CPUs; {load()} at the start; scratch folder {scratch.scratch_root() or 'system temp'}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        disk = work / "scratch-on-disk"
        batch = congvan.render_batch(LETTER, TABLE, work / "follow-up")
        follow_ups = [batch.folder / letter.file for letter in batch.letters]
        letters = one_page_letters(work, max(args.letters, args.many) + 2)
        heavy = python_docx_letters(work, args.letters + 1)
        for sample in (letters[0], letters[-1], heavy[0]):
            assert page_count(to_pdf(sample, work / "check")[0]) == 1, f"{sample.name} is not one page"

        if "start" in parts:
            print("\nthe start of one warm instance, to its first answer (median of 3)")
            for label, context in (
                ("seeded profile", contextlib.nullcontext()),
                ("seeded, scratch on disk (before)", on_disk(disk)),
                ("unseeded profile", unseeded()),
            ):
                with context:
                    starts = [start_up() for _ in range(3)]
                wall, cpu = statistics.median(w for w, _ in starts), statistics.median(c for _, c in starts)
                print(f"  {label:34} {wall:5.2f} s, CPU {cpu:4.2f} s  ({load()})")

        if "63" in parts:
            print(f"\n63 follow-up letters, separate files, start-up included ({args.rounds} rounds)")
            ratios: dict[str, list[float]] = {}
            for round_ in range(1, args.rounds + 1):
                cpu = children_cpu()
                baseline = plain_call(follow_ups, work / f"plain-{round_}", work / f"plain-profile-{round_}")
                cpu = children_cpu() - cpu
                print(
                    f"  round {round_}: one plain soffice call          {baseline:6.2f} s   (CPU {cpu:.2f} s; {load()})"
                )

                def disk_to_pdf(out: Path) -> list[Path]:
                    with on_disk(disk):
                        return to_pdf(follow_ups, out, jobs=2)

                def calls(out: Path) -> list[Path]:
                    return _convert_in_calls(find_soffice(), follow_ups, out, 2, 60.0)

                routes = (
                    ("to_pdf(jobs=2), warm converter", lambda out: to_pdf(follow_ups, out, jobs=2)),
                    ("the same, scratch on disk (before)", disk_to_pdf),
                    ("the same, profiles unseeded", lambda out: _unseeded_to_pdf(follow_ups, out)),
                    ("2 soffice calls (no UNO bridge)", calls),
                )
                for n, (label, route) in enumerate(routes):
                    counted = ConverterCpu()
                    cpu = children_cpu()
                    start = time.perf_counter()
                    with counted.counting():
                        route(work / f"route-{n}-{round_}")
                    seconds = time.perf_counter() - start
                    cpu = counted.seconds or children_cpu() - cpu
                    ratios.setdefault(label, []).append(baseline / seconds)
                    print(
                        f"    {label:38} {seconds:6.2f} s   {baseline / seconds:4.2f}× the plain call "
                        f"(CPU {cpu:.2f} s; {load()})"
                    )
            for label, values in ratios.items():
                print(f"  median {label:38} {statistics.median(values):4.2f}× the plain call (target for to_pdf ≥ 2×)")

        if "warm" in parts:
            n = args.letters
            print(f"\nwarm PdfConverter, {n} one-page letters after one each ({args.rounds} rounds, medians)")
            rows = (
                ("PdfConverter(), latency", letters, 1, contextlib.nullcontext),
                ("the same, scratch on disk (before)", letters, 1, lambda: on_disk(disk)),
                ("PdfConverter(instances=2), throughput", letters, 2, contextlib.nullcontext),
                ("the same, scratch on disk (before)", letters, 2, lambda: on_disk(disk)),
                ("python-docx letters, PdfConverter()", heavy, 1, contextlib.nullcontext),
            )
            results: list[list[tuple[float, float]]] = [[] for _ in rows]
            for round_ in range(1, args.rounds + 1):
                for i, (label, batch_, instances, context) in enumerate(rows):
                    with context():
                        sample = batch_[: n + instances]
                        results[i].append(warm_rate(sample, work / f"warm-{i}-{round_}", instances))
                    wall, cpu = results[i][-1]
                    print(f"  round {round_}: {label:40} {wall:6.1f} ms per letter, CPU {cpu:5.1f} ms  ({load()})")
            for (label, _, instances, _), values in zip(rows, results, strict=True):
                wall, cpu = statistics.median(w for w, _ in values), statistics.median(c for _, c in values)
                what = "wall time / letters" if instances > 1 else "one letter at a time"
                print(f"  median {label:40} {wall:6.1f} ms per letter ({what}), CPU {cpu:5.1f} ms (target ≤ 60 ms)")
            print("    (the python-docx template's styles part is 350 KB: LibreOffice reads it for every letter)")

        if "floor" in parts:
            with PdfConverter() as converter:
                (instance,) = converter._instances
                times = []
                cpu = group_cpu(converter)
                for n in range(21):
                    start = time.perf_counter()
                    instance.convert(letters[0], instance.outbox / f"floor-{n}.pdf", timeout=60.0)
                    times.append(time.perf_counter() - start)
                cpu = (group_cpu(converter) - cpu) / 21 * 1000
            floor = statistics.median(times[1:]) * 1000
            print(
                f"\nLibreOffice's floor, the same letter again in one warm instance: {floor:5.1f} ms, CPU {cpu:5.1f} ms  "
                f"(first {times[0] * 1000:.0f} ms; {load()})"
            )

        if "many" in parts:
            print(f"\nPdfConverter(instances=2), {args.many:,} one-page letters, start-up included")
            totals: list[float] = []
            for round_ in range(1, args.many_rounds + 2):
                before = round_ > args.many_rounds  # the last round: scratch on disk, the same-run before
                start = time.perf_counter()
                with on_disk(disk) if before else contextlib.nullcontext(), PdfConverter(instances=2) as converter:
                    made = converter.convert(letters[1 : args.many + 1], work / f"many-{round_}")
                    cpu = group_cpu(converter)
                many = time.perf_counter() - start
                assert len(made) == args.many
                if not before:
                    totals.append(many)
                label = "scratch on disk (before)" if before else f"round {round_}"
                print(
                    f"  {label:25} {many:6.2f} s, {many / args.many * 1000:5.1f} ms per letter, CPU {cpu:.1f} s "
                    f"({cpu / args.many * 1000:.1f} ms per letter; 2 free cores would take {cpu / 2:.1f} s) ({load()})"
                )
            print(f"  median {statistics.median(totals):6.2f} s (target ≤ 40 s)")


if __name__ == "__main__":
    main()
