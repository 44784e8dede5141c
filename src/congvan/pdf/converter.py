"""`PdfConverter`: N headless LibreOffice instances kept warm, converting over UNO.

LibreOffice takes a few tenths of a second to start (from a profile seeded by
`congvan.pdf.profile`; over a second from an empty one) and its first document costs more
than the others; a converter pays that once per instance. Each instance (`congvan.pdf.instance.WarmInstance`) has
its own profile and process group; documents are dealt to whichever instance is free, each
with its own timeout. An instance that crashes is started again and the document retried once;
one that hangs is killed, its document reported, and a fresh instance takes the next.

>>> with PdfConverter(instances=2) as converter:                 # doctest: +SKIP
...     converter.convert(["a.docx", "b.docx"], "out/")          # [out/a.pdf, out/b.pdf]
"""

from __future__ import annotations

import collections
import contextlib
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from congvan.errors import ConverterNotFound, FailedDocument, PdfError
from congvan.pdf.instance import START_TIMEOUT, InstanceFailed, WarmInstance
from congvan.pdf.interrupt import run_all, terminate_as_exit
from congvan.pdf.outcome import (
    DEFAULT_TIMEOUT,
    check_names,
    hung_reason,
    is_complete_pdf,
    pdf_name,
    results_in_order,
    unreadable,
)
from congvan.pdf.scratch import deliver, scratch_dir
from congvan.pdf.tools import Cancelled, find_soffice
from congvan.pdf.unopython import INSTALL_UNO, UNO_PYTHON_ENV, uno_python

PathLike = str | os.PathLike[str]


def warm_available() -> bool:
    """Whether this machine can keep LibreOffice warm: ``soffice`` and the Python of its UNO bridge are there."""
    try:
        return uno_python(find_soffice()) is not None
    except ConverterNotFound:
        return False


class PdfConverter:
    """``instances`` headless LibreOffice instances kept running, each with its own profile.

    Use it as a context manager (the instances start on entry, and stop with every process and
    temporary file on exit), or call `start` and `close`. `convert` takes .docx files and gives
    their PDFs, as `congvan.to_pdf` does; a long-running caller (a service rendering letters on
    request) keeps one open and pays LibreOffice's start-up once. Calls from several threads
    take turns.

    - ``timeout``: seconds one document may take; then its instance is killed, the document
      reported as hung (`ConversionTimeout`) and a fresh instance takes the next one.
    - ``start_timeout``: seconds an instance may take to start.

    Ctrl-C (or SIGTERM, in the main thread) during `start` or `convert` stops at once: every
    instance is killed with its processes and its profile removed before the interrupt goes on.
    Needs LibreOffice and its Python UNO bridge (``python3-uno`` on Debian/Ubuntu):
    `ConverterNotFound` says what to install.
    """

    def __init__(
        self, instances: int = 1, *, timeout: float = DEFAULT_TIMEOUT, start_timeout: float = START_TIMEOUT
    ) -> None:
        if instances < 1:
            raise ValueError(f"instances must be 1 or more, got {instances!r}")
        if timeout <= 0 or start_timeout <= 0:
            raise ValueError(f"timeouts must be positive seconds, got {timeout!r} and {start_timeout!r}")
        soffice = find_soffice()
        python = uno_python(soffice)
        if python is None:
            raise ConverterNotFound(
                f"LibreOffice's Python UNO bridge is not installed for {soffice}; it keeps LibreOffice warm. "
                f"Install it with: {INSTALL_UNO} (or set {UNO_PYTHON_ENV} to the Python that imports uno)",
                tool="python3-uno",
                install=INSTALL_UNO,
            )
        self.timeout = float(timeout)
        self._home = scratch_dir("congvan-soffice-")  # in memory when the machine has it (congvan.pdf.scratch)
        self._instances = [
            WarmInstance(soffice, python, self._home / f"instance-{n}", start_timeout=start_timeout)
            for n in range(1, instances + 1)
        ]
        self._lock = threading.RLock()  # start and close may nest (a failed start closes)
        self._closed = False
        # Stop the instances even when the caller forgets to close (garbage collection, interpreter exit).
        self._finalizer = weakref.finalize(self, _stop_all, list(self._instances), self._home)

    @property
    def instances(self) -> int:
        return len(self._instances)

    def __enter__(self) -> PdfConverter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start every instance (in parallel) that is not running; `PdfError` when one does not come up."""
        self._check_open()
        with self._lock:
            cancel = threading.Event()
            try:
                with terminate_as_exit(), ThreadPoolExecutor(max_workers=len(self._instances)) as pool:
                    run_all(pool, lambda instance: instance.start(cancel), self._instances, cancel)
            except InstanceFailed as failure:
                self.close()
                raise PdfError(
                    f"{failure}; check the LibreOffice installation (soffice --headless --version)"
                ) from None
            except BaseException:
                self.close()
                raise

    def convert(self, docx_paths: Iterable[PathLike] | PathLike, out_dir: PathLike) -> list[Path]:
        """Convert .docx files to PDFs in ``out_dir`` (``a.docx`` → ``out_dir/a.pdf``); the PDFs in input order.

        As `congvan.to_pdf`: a PDF appears in ``out_dir`` only complete; when some documents
        fail the others still convert, then `ConversionFailed` (`ConversionTimeout` after a hang)
        lists each failure; `PdfError` when two inputs would make the same PDF name.
        """
        self._check_open()
        if isinstance(docx_paths, str | os.PathLike):
            docx_paths = [docx_paths]
        sources = [Path(p).resolve() for p in docx_paths]
        if not sources:
            return []
        check_names(sources)
        target = Path(out_dir).resolve()
        created = not target.is_dir()
        target.mkdir(parents=True, exist_ok=True)
        failed = {src: FailedDocument(src, reason) for src in sources if (reason := unreadable(src))}
        queue = collections.deque(src for src in sources if src not in failed)
        done: dict[Path, Path] = {}
        with self._lock:
            self._check_open()  # closed by another thread meanwhile
            staging = Path(tempfile.mkdtemp(prefix=".congvan-pdf-", dir=target))
            cancel = threading.Event()
            try:
                busy = self._instances[: max(1, min(len(self._instances), len(queue)))]
                work = _Work(queue, staging, target, self.timeout, cancel)
                with terminate_as_exit(), ThreadPoolExecutor(max_workers=len(busy)) as pool:
                    for converted, failures in run_all(pool, work.run, busy, cancel):
                        done.update(converted)
                        failed.update((f.source, f) for f in failures)
            except BaseException:
                if created:
                    shutil.rmtree(staging, ignore_errors=True)
                    with contextlib.suppress(OSError):
                        target.rmdir()  # a folder this call made, still empty
                raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            for src in work.left_over():
                failed[src] = FailedDocument(src, f"not converted: {work.broken}")
        return results_in_order(sources, done, failed, target)

    def close(self) -> None:
        """Stop every instance with all its processes and remove the profiles; the converter cannot be used after.

        A `convert` running in another thread finishes first.
        """
        with self._lock:
            self._closed = True
            self._finalizer()

    def _check_open(self) -> None:
        if self._closed:
            raise PdfError("this PdfConverter is closed; open a new one")


class _Work:
    """The documents of one `PdfConverter.convert` call, taken in order by whichever instance is free."""

    def __init__(
        self, queue: collections.deque[Path], staging: Path, target: Path, timeout: float, cancel: threading.Event
    ) -> None:
        self.queue = queue
        self.staging = staging
        self.target = target
        self.timeout = timeout
        self.cancel = cancel
        self.broken = ""
        self._lock = threading.Lock()

    def _next(self) -> Path | None:
        with self._lock:
            return self.queue.popleft() if self.queue else None

    def left_over(self) -> list[Path]:
        """Documents no instance took: every instance failed to start twice in a row."""
        return list(self.queue)

    def run(self, instance: WarmInstance) -> tuple[dict[Path, Path], list[FailedDocument]]:
        converted: dict[Path, Path] = {}
        failures: list[FailedDocument] = []
        while (src := self._next()) is not None:
            outcome = self._convert(instance, src)
            if isinstance(outcome, Path):
                converted[src] = outcome
            elif outcome is None:  # the instance cannot start: the document goes back for another
                with self._lock:
                    self.queue.appendleft(src)
                return converted, failures
            else:
                failures.append(outcome)
        return converted, failures

    def _convert(self, instance: WarmInstance, src: Path) -> Path | FailedDocument | None:
        """The PDF of ``src``, its failure, or None when ``instance`` failed to start twice in a row."""
        produced = instance.outbox / pdf_name(src)
        crashes: list[str] = []
        starts_failed = 0
        while True:
            try:
                instance.convert(src, produced, timeout=self.timeout, cancel=self.cancel)
            except Cancelled:
                raise
            except InstanceFailed as failure:
                produced.unlink(missing_ok=True)
                if failure.starting:
                    starts_failed += 1
                    if starts_failed >= 2:
                        self.broken = f"{failure} (twice in a row)"
                        return None
                    continue
                if failure.hung:
                    return FailedDocument(src, hung_reason(self.timeout), timed_out=True)
                if not failure.lost:
                    return FailedDocument(src, f"LibreOffice could not load or export it ({failure})")
                crashes.append(str(failure))
                if len(crashes) >= 2:  # once may be bad luck (a killed instance); twice is the document
                    return FailedDocument(src, f"LibreOffice crashed while converting it, twice ({crashes[-1]})")
                continue
            if not is_complete_pdf(produced):
                produced.unlink(missing_ok=True)
                return FailedDocument(src, "LibreOffice wrote no complete PDF for it")
            return deliver(produced, self.target / produced.name, self.staging)


def _stop_all(instances: list[WarmInstance], home: Path) -> None:
    for instance in instances:
        instance.stop()
    shutil.rmtree(home, ignore_errors=True)
