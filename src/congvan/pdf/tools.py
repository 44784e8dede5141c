"""The external programs behind the PDFs: find them, run them in their own process group.

LibreOffice (``soffice``) converts .docx to PDF; poppler's ``pdftoppm`` and
``pdftotext`` draw and read pages. Each is looked up on ``PATH`` (LibreOffice
also through the ``CONGVAN_SOFFICE`` environment variable) and, when missing,
the error says which Debian/Ubuntu packages to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from congvan.errors import ConverterNotFound

SOFFICE_ENV = "CONGVAN_SOFFICE"
INSTALL_LIBREOFFICE = "apt-get install libreoffice-writer-nogui fonts-liberation2 fonts-croscore"
INSTALL_POPPLER = "apt-get install poppler-utils"

#: Environment for the tools: a fixed UTF-8 locale, so output never depends on the user's.
_LOCALE = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": ""}


def find_soffice() -> str:
    """Path of LibreOffice's ``soffice``: ``$CONGVAN_SOFFICE``, else ``soffice`` or ``libreoffice`` on PATH."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise ConverterNotFound(
                f"{SOFFICE_ENV}={configured!r} is not an executable program; point it to "
                f"LibreOffice's soffice, or unset it and install LibreOffice: {INSTALL_LIBREOFFICE}",
                tool="soffice",
                install=INSTALL_LIBREOFFICE,
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    raise ConverterNotFound(
        "LibreOffice (soffice) is not installed or not on PATH; it converts .docx to PDF. "
        f"Install it with: {INSTALL_LIBREOFFICE} (or set {SOFFICE_ENV} to its path)",
        tool="soffice",
        install=INSTALL_LIBREOFFICE,
    )


def find_poppler(name: str) -> str:
    """Path of a poppler-utils program (``pdftoppm``, ``pdftotext``)."""
    found = shutil.which(name)
    if found is None:
        raise ConverterNotFound(
            f"{name} (poppler-utils) is not installed or not on PATH. Install it with: {INSTALL_POPPLER}",
            tool=name,
            install=INSTALL_POPPLER,
        )
    return found


def tool_env() -> dict[str, str]:
    """The environment the tools run in: the caller's, with a fixed UTF-8 locale."""
    return {**os.environ, **_LOCALE}


@dataclass(frozen=True)
class Finished:
    """How a tool's run ended: exit status (``None`` when killed for a stall), stdout and stderr."""

    returncode: int | None
    stdout: str
    stderr: str

    @property
    def stalled(self) -> bool:
        return self.returncode is None


class Cancelled(Exception):
    """`run_tool` stopped its program because the caller's ``cancel`` event was set (an interrupt)."""


def run_tool(
    argv: Sequence[str],
    *,
    stall_timeout: float | None,
    progress: Callable[[], object] | None = None,
    poll: float = 0.1,
    cancel: threading.Event | None = None,
    env: Mapping[str, str] | None = None,
) -> Finished:
    """Run ``argv`` in a new process group; kill the whole group when it stalls or is cancelled.

    The run has stalled when ``progress()`` (any comparable snapshot, e.g. the
    number of files written so far) has not changed for ``stall_timeout``
    seconds; without ``progress`` the limit is on the whole run. A killed run
    returns ``returncode=None``. When ``cancel`` is set (checked every ``poll``
    seconds), or the waiting thread is interrupted (Ctrl-C, SIGTERM), the group
    is killed and gone before `Cancelled` (or the interrupt) is raised.
    ``env`` adds variables to the tools' environment (`tool_env`).
    """
    if cancel is not None and cancel.is_set():
        raise Cancelled(argv[0])
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**tool_env(), **(env or {})},
        start_new_session=True,
    )
    # Read the pipes in the background, so a chatty tool never blocks on a full pipe.
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: object) -> None:
        chunks[name] = stream.read()  # type: ignore[attr-defined]

    readers = [
        threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
        threading.Thread(target=drain, args=("err", proc.stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()

    killed = False
    try:
        last = progress() if progress else None
        deadline = None if stall_timeout is None else time.monotonic() + stall_timeout
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled(argv[0])
            try:
                proc.wait(timeout=poll)
                break
            except subprocess.TimeoutExpired:
                pass
            if progress is not None:
                now = progress()
                if now != last and stall_timeout is not None:
                    last = now
                    deadline = time.monotonic() + stall_timeout
            if deadline is not None and time.monotonic() > deadline:
                kill_group(proc)
                killed = True
                break
    except BaseException:
        kill_group(proc)
        _close(proc, readers, wait=0.5)
        raise
    _close(proc, readers, wait=5)
    return Finished(
        returncode=None if killed else proc.returncode,
        stdout=chunks.get("out", b"").decode("utf-8", "replace"),
        stderr=chunks.get("err", b"").decode("utf-8", "replace"),
    )


def _close(proc: subprocess.Popen[bytes], readers: list[threading.Thread], wait: float) -> None:
    """Let the pipe readers finish (at most ``wait`` seconds each), then close the pipes."""
    for reader in readers:
        reader.join(timeout=wait)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def kill_group(proc: subprocess.Popen[bytes], settle: float = 2.0) -> None:
    """Kill ``proc`` and every process it started (LibreOffice forks ``oosplash`` and ``soffice.bin``).

    Returns when the leader is reaped and no live process is left in its group
    (at most ``settle`` seconds after the kill), so that its files can be removed.
    """
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    deadline = time.monotonic() + settle
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.01)


def _group_alive(group: int) -> bool:
    """Whether a process of ``group`` is still running (zombies, already dead, do not count)."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a member changed its user
        return True
    proc = "/proc"
    if not os.path.isdir(proc):  # pragma: no cover - not Linux: trust killpg
        return True
    with os.scandir(proc) as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                with open(f"{proc}/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != b"Z":
                return True
    return False
