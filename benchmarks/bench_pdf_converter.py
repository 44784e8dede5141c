"""LibreOffice's start-up, paid once: the warm `PdfConverter` against one plain ``soffice`` call (issue 17).

    .venv/bin/python benchmarks/bench_pdf_converter.py [--letters 200] [--many 1000] [--rounds 3]

One run, in one process, baselines measured in the same run:

1. the start of one warm instance (to its first answer), from a seeded profile and from an
   unseeded one (as before `congvan.pdf.profile`), in wall and CPU time, the median of 3;
   then the 63 follow-up letters as separate files, ``--rounds`` rounds (default 3, medians
   printed): one plain ``soffice --convert-to pdf`` call on the 63 files (a fresh profile, as
   a first call makes it) against ``congvan.to_pdf(jobs=2)``, start-up included, through the
   warm converter; the same with unseeded profiles (the same-run "before"); and the route
   without the UNO bridge (one ``soffice --convert-to`` call per instance, 2 instances).
   Target: to_pdf ≥ 2× the plain call;
2. a warm ``PdfConverter()`` (started before the clock): ms per 1-page letter over
   ``--letters`` letters (default 200): follow-up letters of the bundled template, each with a
   number of its own (target ≤ 60 ms), and letters of a template python-docx made (its
   default styles part is 350 KB, which LibreOffice reads for every document);
3. ``--many`` letters (default 1,000) with ``PdfConverter(instances=2)``, start-up included.
   Target ≤ 40 s;
4. LibreOffice's own floor: the same 1-page letter converted again and again in one warm
   instance (the median of the 2nd to 21st conversion).

The machine may be shared: the load average is printed with each figure.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--many", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the 63 letters against the plain call")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; {load()} at the start")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        batch = congvan.render_batch(LETTER, TABLE, work / "follow-up")
        follow_ups = [batch.folder / letter.file for letter in batch.letters]
        letters = one_page_letters(work, max(args.letters, args.many) + 1)
        heavy = python_docx_letters(work, args.letters + 1)
        for sample in (letters[0], letters[-1], heavy[0]):
            assert page_count(to_pdf(sample, work / "check")[0]) == 1, f"{sample.name} is not one page"

        print("\nthe start of one warm instance, to its first answer (median of 3)")
        for label, context in (("seeded profile", contextlib.nullcontext), ("unseeded profile (before)", unseeded)):
            with context():
                starts = [start_up() for _ in range(3)]
            wall, cpu = statistics.median(w for w, _ in starts), statistics.median(c for _, c in starts)
            print(f"  {label:30} {wall:5.2f} s, CPU {cpu:4.2f} s  ({load()})")

        print(f"\n63 follow-up letters, separate files, start-up included ({args.rounds} rounds)")
        ratios: dict[str, list[float]] = {}
        for round_ in range(1, args.rounds + 1):
            cpu = children_cpu()
            baseline = plain_call(follow_ups, work / f"plain-{round_}", work / f"plain-profile-{round_}")
            cpu = children_cpu() - cpu
            print(f"  round {round_}: one plain soffice call        {baseline:6.2f} s   (CPU {cpu:.2f} s; {load()})")
            routes = (
                ("to_pdf(jobs=2), warm converter", lambda out: to_pdf(follow_ups, out, jobs=2)),
                ("the same, profiles unseeded (before)", lambda out: _unseeded_to_pdf(follow_ups, out)),
                (
                    "2 soffice calls (no UNO bridge)",
                    lambda out: _convert_in_calls(find_soffice(), follow_ups, out, 2, 60.0),
                ),
            )
            for n, (label, route) in enumerate(routes):
                counted = ConverterCpu()
                start = time.perf_counter()
                with counted.counting():
                    route(work / f"route-{n}-{round_}")
                seconds = time.perf_counter() - start
                ratios.setdefault(label, []).append(baseline / seconds)
                cpu_note = f"CPU {counted.seconds:.2f} s; " if counted.seconds else ""
                print(
                    f"    {label:38} {seconds:6.2f} s   {baseline / seconds:4.2f}× the plain call ({cpu_note}{load()})"
                )
        for label, values in ratios.items():
            print(f"  median {label:38} {statistics.median(values):4.2f}× the plain call (target for to_pdf ≥ 2×)")

        print(f"\nwarm PdfConverter(), {args.letters} one-page letters")
        with PdfConverter() as converter:
            for label, batch in (("follow-up letter (bundled template)", letters), ("python-docx letter", heavy)):
                converter.convert(batch[:1], work / f"warm-up-{len(label)}")
                cpu, start = group_cpu(converter), time.perf_counter()
                converter.convert(batch[1 : args.letters + 1], work / f"warm-{len(label)}")
                per = (time.perf_counter() - start) / args.letters * 1000
                cpu = (group_cpu(converter) - cpu) / args.letters * 1000
                print(f"  {per:6.1f} ms per {label}, CPU {cpu:5.1f} ms  (target ≤ 60 ms; {load()})")
            print("    (the python-docx template's styles part is 350 KB: LibreOffice reads it for every letter)")

            (instance,) = converter._instances
            times = []
            cpu = group_cpu(converter)
            for n in range(21):
                start = time.perf_counter()
                instance.convert(letters[0], work / f"floor-{n}.pdf", timeout=60.0)
                times.append(time.perf_counter() - start)
            cpu = (group_cpu(converter) - cpu) / 21 * 1000
            floor = statistics.median(times[1:]) * 1000
            print(
                f"  LibreOffice's floor, the same letter again: {floor:5.1f} ms, CPU {cpu:5.1f} ms  "
                f"(first {times[0] * 1000:.0f} ms; {load()})"
            )

        print(f"\nPdfConverter(instances=2), {args.many:,} one-page letters, start-up included")
        start = time.perf_counter()
        with PdfConverter(instances=2) as converter:
            made = converter.convert(letters[1 : args.many + 1], work / "many")
            cpu = group_cpu(converter)
        many = time.perf_counter() - start
        assert len(made) == args.many
        print(
            f"  {many:6.2f} s, {many / args.many * 1000:5.1f} ms per letter, CPU {cpu:.1f} s "
            f"({cpu / args.many * 1000:.1f} ms per letter; 2 free cores would take {cpu / 2:.1f} s) "
            f"(target ≤ 40 s; {load()})"
        )


if __name__ == "__main__":
    main()
