"""One warm LibreOffice: ``soffice --accept`` and its UNO bridge in a process group of their own.

`WarmInstance` starts LibreOffice with a fresh profile (seeded by `congvan.pdf.profile`, so that
LibreOffice skips its graphics self-test and its restart) and the bridge (`congvan.pdf.unobridge`,
run by LibreOffice's own Python), then converts one document at a time through it. Every wait
is in short slices, so a per-file timeout or a ``cancel`` (Ctrl-C) is acted on at once: the
whole group is killed and gone before the call returns. An instance that crashed or was
killed is started again, with a new (seeded) profile, on the next `convert`.
"""

from __future__ import annotations

import json
import os
import secrets
import select
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from congvan.pdf.profile import seed_profile
from congvan.pdf.scratch import scratch_dir
from congvan.pdf.tools import Cancelled, kill_group, tool_env

BRIDGE = Path(__file__).with_name("unobridge.py")
#: How often a wait looks at the clock and at ``cancel``.
SLICE = 0.05
#: Seconds LibreOffice may take to start and accept a connection.
START_TIMEOUT = 60.0


class InstanceFailed(Exception):
    """The instance could not do what was asked; ``lost`` when LibreOffice itself is gone (crashed, killed,
    hung), ``hung`` when it gave no answer in time, ``starting`` when it did not even start."""

    def __init__(self, message: str, *, lost: bool, hung: bool = False, starting: bool = False) -> None:
        super().__init__(message)
        self.lost = lost
        self.hung = hung
        self.starting = starting


@dataclass
class _Running:
    bridge: subprocess.Popen[bytes]
    profile: Path
    buffer: bytearray


class WarmInstance:
    """A LibreOffice kept running between conversions; its profile and temporary files live in ``home``."""

    def __init__(self, soffice: str, python: str, home: Path, *, start_timeout: float = START_TIMEOUT) -> None:
        self.soffice = soffice
        self.python = python
        self.home = home
        self.start_timeout = start_timeout
        self.starts = 0
        self._running: _Running | None = None
        self._scratch = home / "tmp"  # LibreOffice's own lu*.tmp files, left behind when it is killed
        self._scratch.mkdir(parents=True, exist_ok=True)
        #: Where LibreOffice writes each PDF (beside its temporary files: in memory when `scratch_root` is).
        self.outbox = home / "out"
        self.outbox.mkdir(exist_ok=True)

    @property
    def running(self) -> bool:
        return self._running is not None and self._running.bridge.poll() is None

    @property
    def pid(self) -> int | None:
        """The process group of the running instance (the bridge's pid), None when it is not running."""
        return self._running.bridge.pid if self._running is not None else None

    def start(self, cancel: threading.Event | None = None) -> None:
        """Start LibreOffice and its bridge unless they run; `InstanceFailed` when LibreOffice does not come up."""
        if self.running:
            return
        self.stop()
        self.starts += 1
        profile = self.home / f"profile-{self.starts}"
        seed_profile(profile, self.soffice)
        pipe = f"congvan-{os.getpid()}-{secrets.token_hex(6)}"
        command = [
            self.soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--nocrashreport",
            f"--accept=pipe,name={pipe};urp;",
        ]
        log = (self.home / f"log-{self.starts}.txt").open("wb")
        try:
            bridge = subprocess.Popen(
                [self.python, "-I", str(BRIDGE), pipe, *command],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env={**tool_env(), "TMPDIR": str(self._scratch)},
                start_new_session=True,
            )
        finally:
            log.close()
        self._running = _Running(bridge, profile, bytearray())
        try:
            answer = self._answer(time.monotonic() + self.start_timeout, cancel)
        except InstanceFailed as failure:
            self.stop()
            if failure.hung:
                why = f"LibreOffice did not start within {self.start_timeout:g} s"
            else:
                why = f"LibreOffice did not start: {self._log_tail() or failure}"
            raise InstanceFailed(why, lost=True, starting=True) from None
        except BaseException:
            self.stop()
            raise
        if not answer.get("ready"):
            self.stop()
            why = f"LibreOffice did not start: {answer.get('error')} {self._log_tail()}".strip()
            raise InstanceFailed(why, lost=True, starting=True)

    def convert(self, source: Path, target: Path, *, timeout: float, cancel: threading.Event | None = None) -> None:
        """Convert ``source`` to the PDF ``target``, starting the instance if needed.

        `InstanceFailed` when LibreOffice cannot convert it (``lost=False``: the instance goes on)
        or is gone (crashed, or killed after ``timeout`` seconds without an answer: ``hung``).
        """
        self.start(cancel)
        running = self._running
        assert running is not None
        request = json.dumps({"source": str(source), "target": str(target)}) + "\n"
        try:
            assert running.bridge.stdin is not None
            running.bridge.stdin.write(request.encode("utf-8"))
            running.bridge.stdin.flush()
        except OSError:
            self.stop()
            raise InstanceFailed("LibreOffice went away before the document reached it", lost=True) from None
        try:
            answer = self._answer(time.monotonic() + timeout, cancel)
        except InstanceFailed:
            self.stop()
            raise
        except BaseException:
            self.stop()
            raise
        if answer.get("ok"):
            return
        if answer.get("lost"):
            self.stop()
        raise InstanceFailed(
            str(answer.get("error") or "LibreOffice could not convert it"), lost=bool(answer.get("lost"))
        )

    def stop(self) -> None:
        """Kill the instance's whole process group (if it runs), then remove its profile."""
        running, self._running = self._running, None
        if running is None:
            return
        kill_group(running.bridge)
        for stream in (running.bridge.stdin, running.bridge.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        shutil.rmtree(running.profile, ignore_errors=True)
        for leftover in self._scratch.iterdir():  # LibreOffice's lu*.tmp of a killed instance
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)

    # -- the bridge's answers ---------------------------------------------------------

    def _answer(self, deadline: float, cancel: threading.Event | None) -> dict[str, object]:
        """The bridge's next line, waited for in slices until ``deadline``; `Cancelled` when ``cancel`` is set."""
        running = self._running
        assert running is not None and running.bridge.stdout is not None
        fd = running.bridge.stdout.fileno()
        while b"\n" not in running.buffer:
            if cancel is not None and cancel.is_set():
                self.stop()
                raise Cancelled(self.soffice)
            left = deadline - time.monotonic()
            if left <= 0:
                raise InstanceFailed("no answer in time", lost=True, hung=True)
            readable, _, _ = select.select([fd], [], [], min(SLICE, left))
            if not readable:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                status = running.bridge.wait()
                raise InstanceFailed(f"LibreOffice's bridge exited with status {status}", lost=True)
            running.buffer += chunk
        line, _, rest = bytes(running.buffer).partition(b"\n")
        running.buffer[:] = rest
        try:
            answer = json.loads(line)
        except ValueError:
            raise InstanceFailed(f"LibreOffice's bridge said {line[:200]!r}", lost=True) from None
        return answer if isinstance(answer, dict) else {}

    def _log_tail(self) -> str:
        log = self.home / f"log-{self.starts}.txt"
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        useful = [line.strip() for line in lines if line.strip() and not line.startswith("Warning:")]
        return "; ".join(useful[-3:])


def new_home(prefix: str = "congvan-soffice-") -> Path:
    """A temporary folder for one instance's profiles and LibreOffice's temporary files (`scratch_dir`)."""
    return scratch_dir(prefix)
