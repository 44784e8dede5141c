"""Writing files and folders so that a reader never sees half of one and a crash never loses one.

- `write_atomically`: one file, through a temporary file beside it.
- `staged_folder`: a whole folder, built beside the target and swapped into place; the next run
  finishes or undoes a swap that a crash cut short and removes staging folders of dead runs.
- `check_output_folder`, `check_output_file`: refuse a target that is a link, a file where a
  folder is wanted, the current folder, or a folder holding the inputs, before anything is rendered.
- `file_name_problem`, `OutputNames`: every file name a run writes is plain and its own.

New files and folders follow the umask; a file or folder that is replaced keeps its mode.
Every `OSError` while writing becomes an `OutputError` naming the path and the reason.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from congvan.errors import OutputError, Problem

PathLike = str | os.PathLike[str]

NAME_MAX = 255
"""The longest file name, in bytes, that common file systems hold (ext4, APFS, NTFS in UTF-16 units)."""
TEMPORARY_SUFFIX_BYTES = len(".") + len(".12345678.part")
"""What `write_atomically` adds to a name for its temporary file (``.NAME.XXXXXXXX.part``)."""
MAX_NAME_BYTES = NAME_MAX - TEMPORARY_SUFFIX_BYTES
"""The longest file name congvan writes, in UTF-8 bytes (240)."""
STAGING_SUFFIX_BYTES = len(".") + len(".12345678.tmp")
"""What `staged_folder` adds to a folder's name for its staging folder (``.NAME.XXXXXXXX.tmp``)."""

_TOKEN_ALPHABET = "0123456789abcdef"
_MARKER = ".congvan-staging"  # inside a staging folder: who made it (pid, host, start time)
_ADVICE = {
    errno.ENOSPC: "free space on that disk, or write elsewhere",
    errno.EDQUOT: "free space within your disk quota, or write elsewhere",
    errno.EROFS: "that disk is read-only: write elsewhere",
    errno.EACCES: "write to a folder you may write to",
    errno.EPERM: "write to a folder you may write to",
    errno.ENAMETOOLONG: "use a shorter name",
    errno.ENOTDIR: "a part of that path is a file, not a folder",
    errno.EFBIG: "the file is bigger than this system lets a process write (see ulimit -f)",
}


# ------------------------------------------------------------------ errors


def output_error(error: OSError, path: PathLike) -> OutputError:
    """The `OutputError` for ``error``, raised while writing ``path``: the path, the system's reason, a way out."""
    if isinstance(error, OutputError):
        return error
    return OutputError(f"cannot write {os.fspath(path)}: {_reason(error, path)}")


def _reason(error: OSError, path: PathLike) -> str:
    """The system's reason; the path it names when that is neither ``path`` nor a temporary of ours beside it; advice."""
    reason = error.strerror or str(error)
    culprit = error.filename if isinstance(error.filename, str) else None
    name = Path(path).name
    if culprit and culprit != os.fspath(path) and not Path(culprit).name.startswith(f".{name}."):
        reason += f" ({culprit})"
    advice = _ADVICE.get(error.errno) if error.errno is not None else None
    return reason + (f"; {advice}" if advice else "")


# ------------------------------------------------------------------ file names


def file_name_problem(name: str) -> str | None:
    """What makes ``name`` unfit as the name of a file congvan writes, or None when it is a plain name.

    A plain name is not empty, not hidden (``.``, ``..``, ``.x``), holds no ``/`` or ``\\``, no
    control character (NUL…) and no lone surrogate, and is at most `MAX_NAME_BYTES` bytes in UTF-8.
    """
    if not name.strip():
        return "it is empty"
    for separator in ("/", "\\"):
        if separator in name:
            return f"it contains {separator!r}, which separates folders"
    if name.startswith("."):
        return "it starts with '.', which hides a file or names a folder"
    for position, character in enumerate(name):
        code = ord(character)
        if code < 0x20 or code == 0x7F:
            return f"it contains the control character U+{code:04X} at position {position}"
        if 0xD800 <= code <= 0xDFFF:
            return f"it contains the lone surrogate U+{code:04X} at position {position}, which no file system holds"
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"it is {size} bytes in UTF-8, over the {MAX_NAME_BYTES} a file name can have: make it shorter"
    return None


def document_name(filled: str) -> str:
    """The .docx file name a filled-in pattern gives: ``.docx`` added unless it is there (in any case)."""
    return filled if filled.lower().endswith(".docx") else f"{filled}.docx"


def _clash_key(path: str) -> str:
    """Names that are one file on Windows and macOS (case and Unicode form ignored) have one key."""
    return unicodedata.normalize("NFC", path).casefold()


class OutputNames:
    """The files one run writes into its output folder: each name plain and its own, checked before rendering.

    `reserve` the run's own files first (``manifest.csv``, ``pdf/all-letters.pdf``), then `add` each
    file a ``pattern`` names; `add` says what is wrong with a name that is not plain or is the name
    of another file — also where case or Unicode form differ, since Windows and macOS see one file there.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._owners: dict[str, tuple[str, str]] = {}

    def reserve(self, path: str, owner: str) -> None:
        """Claim ``path`` (relative to the folder) for ``owner``, a file of the run's own (``the manifest``)."""
        self._owners[_clash_key(path)] = (path, owner)

    def add(self, name: str, where: str, folder: str = "") -> Problem | None:
        """Claim the file ``name`` (``01-ha-noi.docx``) in ``folder`` (``pdf``, one of the run's own), named by
        the pattern for ``where`` (``row 7``).

        Returns the problem, at ``where, pattern``, when ``name`` is not a plain file name or the
        file is already another's; None when it is claimed.
        """
        location = f"{where}, pattern"
        path = f"{folder}/{name}" if folder else name
        reason = file_name_problem(name)
        if reason is not None:
            return Problem(location, f"{self.pattern!r} gives {path!r}, which is not a plain file name ({reason})")
        key = _clash_key(path)
        if key in self._owners:
            other, owner = self._owners[key]
            same = "" if other == path else f" ({other!r}: one file where case is ignored, as on Windows and macOS)"
            return Problem(location, f"{self.pattern!r} gives {path!r}, which is also the file of {owner}{same}")
        self._owners[key] = (path, where)
        return None


# ------------------------------------------------------------------ checks before rendering


def check_output_folder(target: PathLike, inputs: Iterable[PathLike | None] = ()) -> Path:
    """Refuse (`OutputError`) a folder that a run may not replace as a whole; return it as a `Path`.

    Refused: a symbolic link, an existing file, a path under a file, a name too long for the staging
    folder beside it, the current folder or one holding it, and a folder holding any of ``inputs``
    (template, table, shared data…): replacing it would delete them. Nothing is written.
    """
    final = Path(target)
    try:
        return _checked_folder(final, inputs)
    except OutputError:
        raise
    except OSError as error:  # the system refuses to even look (a name too long, a folder we may not read)
        raise output_error(OSError(error.errno, error.strerror), final) from error


def _checked_folder(final: Path, inputs: Iterable[PathLike | None]) -> Path:
    text = os.fspath(final)
    if "\x00" in text:
        raise OutputError(f"{text!r}: a folder name cannot contain NUL")
    _check_replaceable_folder(final)
    _check_parents(final)
    size = len(final.name.encode("utf-8", "surrogateescape"))
    if size + STAGING_SUFFIX_BYTES > NAME_MAX:
        limit = NAME_MAX - STAGING_SUFFIX_BYTES
        raise OutputError(
            f"{final}: the folder name is {size} bytes, over the {limit} that leave room for the staging folder "
            "built beside it; use a shorter name"
        )
    where = final.resolve()
    if where.parent == where:
        raise OutputError(f"{final} is the root of the file system; give a folder of its own for the output")
    here = Path.cwd().resolve()
    if where == here or where in here.parents:
        what = "is the current folder" if where == here else f"holds the current folder ({here})"
        raise OutputError(
            f"{final} {what}, which would be deleted: the output folder is replaced as a whole; "
            "give a folder of its own, e.g. -o out"
        )
    for source in inputs:
        if source is None:
            continue
        path = Path(source).resolve()
        if where == path or where in path.parents:
            raise OutputError(
                f"{final} holds the input {source}, which would be deleted: the output folder is replaced as a "
                f"whole; give a folder of its own, e.g. {final.parent / (final.name + '-out')}"
            )
    return final


def check_output_file(target: PathLike, inputs: Iterable[PathLike | None] = ()) -> Path:
    """Refuse (`OutputError`) a path that one written file may not replace; return it as a `Path`.

    Refused: a symbolic link, a folder or other non-regular file, a path under a file, a name over
    `MAX_NAME_BYTES`, and any of ``inputs`` (the data, the template). Nothing is written.
    """
    path = Path(target)
    try:
        return _checked_file(path, inputs)
    except OutputError:
        raise
    except OSError as error:
        raise output_error(OSError(error.errno, error.strerror), path) from error


def _checked_file(path: Path, inputs: Iterable[PathLike | None]) -> Path:
    text = os.fspath(path)
    if "\x00" in text:
        raise OutputError(f"{text!r}: a file name cannot contain NUL")
    _replaced_file_mode(path)
    _check_parents(path)
    size = len(path.name.encode("utf-8", "surrogateescape"))
    if size > MAX_NAME_BYTES:
        raise OutputError(f"{path}: the name is {size} bytes, over the {MAX_NAME_BYTES} a file name can have")
    for source in inputs:
        if source is not None and path.exists() and Path(source).exists() and os.path.samefile(path, source):
            raise OutputError(f"{path} is the input {source}; writing there would destroy it: give another path")
    return path


def _check_replaceable_folder(final: Path) -> None:
    if final.is_symlink():
        raise OutputError(
            f"{final} is a symbolic link; the output folder is replaced as a whole, link included: "
            "give the folder it points to, or a new one"
        )
    if final.exists() and not final.is_dir():
        raise OutputError(f"{final} is a file, not a folder; give a folder for the output (it is replaced as a whole)")


def _check_parents(path: Path) -> None:
    """The nearest existing folder above ``path`` must be a folder, not a file."""
    for parent in path.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"cannot write {path}: {parent} is a file, not a folder")
            return


# ------------------------------------------------------------------ one file


def write_atomically(path: PathLike, data: bytes, *, parents: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    An interrupted or failed write leaves ``path`` as it was and no temporary file; parent
    folders are created (unless ``parents=False``: then a missing folder is an `OutputError`).
    A new file follows the umask; a replaced one keeps its mode. A symbolic
    link, a folder or another non-regular file at ``path`` is refused. Any `OSError` becomes an `OutputError`.
    """
    target = Path(path)
    temporary: Path | None = None
    try:
        mode = _replaced_file_mode(target)
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = _create_temporary(target)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        if temporary is not None:
            _unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise output_error(error, target) from error
        raise
    return target


def _replaced_file_mode(target: Path) -> int | None:
    """The mode of the regular file at ``target``, None when there is none; `OutputError` for anything else."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"{target} is a symbolic link; it would be replaced by the file, not followed: give the path it points to"
        )
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OutputError(f"{target} is {kind}; give the path of a file to write")
    return stat.S_IMODE(info.st_mode)


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file ``.NAME.XXXXXXXX.part`` beside ``target``, opened for writing, its mode from the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{_token()}.part")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def _token() -> str:
    return secrets.token_hex(4)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# ------------------------------------------------------------------ a whole folder


@contextmanager
def staged_folder(target: PathLike) -> Iterator[Path]:
    """A staging folder beside ``target`` that replaces it when the block ends without error.

    First, what an interrupted run left is put right (`recover`). The staging folder
    (``.NAME.XXXXXXXX.tmp``, marked as ours with this process's id) follows the umask; at the
    end it takes the mode of the folder it replaces. The swap is two renames (``NAME`` to
    ``.NAME.old``, staging to ``NAME``) with SIGINT and SIGTERM held off, then ``.NAME.old``
    is removed; cut anywhere (even by SIGKILL), the old or the new folder is in place or
    is put back by the next run. On an error or interruption in the block, the staging folder
    and any parent folders made for it are removed and ``target`` is left as it was;
    an `OSError` becomes an `OutputError` naming the path.
    """
    final = _absolute_folder(Path(target))
    created: list[Path] = []
    try:
        created = _make_folders(final.parent)
        with _folder_lock(final.parent):
            recover(final)
            staging = _new_staging(final)
    except BaseException as error:
        _remove_empty(created)
        if isinstance(error, OSError):
            raise _not_replaced(final, error) from error
        raise
    try:
        yield staging
        remove_partial_writes(staging)
        _swap(staging, final)
    except BaseException as error:
        _remove_staging(staging)
        if not os.path.lexists(final):
            _remove_empty(created)
        if isinstance(error, OSError):
            raise _not_replaced(final, error) from error
        raise


def remove_partial_writes(folder: Path) -> None:
    """Remove the ``.NAME.XXXXXXXX.part`` files a killed writer left in ``folder`` (a worker killed mid-write,
    whose chunk was then written again elsewhere): they are never part of a finished folder."""
    for debris in folder.rglob(".*.part"):
        if debris.is_file() and not debris.is_symlink():
            debris.unlink()


def recover(target: PathLike) -> None:
    """Put right what interrupted runs left beside the folder ``target``.

    A swap cut between its renames (``.NAME.old`` there, ``NAME`` not) is undone: the old folder
    goes back. A swap cut after them is finished: ``.NAME.old`` and the staging mark are removed.
    Staging folders of ours whose process is dead are removed; those of live processes, of
    other machines and folders without our mark are left alone.
    """
    final = Path(target)
    old = _old_of(final)
    if old.is_dir() and not old.is_symlink():
        if not os.path.lexists(final):
            os.replace(old, final)
        else:
            _remove_tree(old)
    if final.is_dir() and not final.is_symlink():
        _unlink(final / _MARKER)
    for staging in _stale_stagings(final):
        _remove_staging(staging)


def _absolute_folder(final: Path) -> Path:
    """``final`` made absolute, ``..`` resolved but the last part kept (refused if a link or a file)."""
    _check_replaceable_folder(final)
    if final.name in ("", ".", ".."):
        final = final.resolve()
    else:
        final = final.parent.resolve() / final.name
    if final.parent == final:
        raise OutputError(f"{final} is the root of the file system; give a folder of its own for the output")
    return final


def _not_replaced(final: Path, error: OSError) -> OutputError:
    detail = str(error) if isinstance(error, OutputError) else _reason(error, final)
    return OutputError(f"{final} was not replaced and is as it was: {detail}")


def _old_of(final: Path) -> Path:
    return final.with_name(f".{final.name}.old")


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents (umask modes); return those made, deepest first."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    made = []
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o777)
        except FileExistsError:
            continue
        made.insert(0, path)
    return made


def _remove_empty(folders: Sequence[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _new_staging(final: Path) -> Path:
    """An empty staging folder ``.NAME.XXXXXXXX.tmp`` beside ``final`` (umask mode), marked as this process's."""
    for _ in range(100):
        staging = final.with_name(f".{final.name}.{_token()}.tmp")
        try:
            os.mkdir(staging, 0o777)
        except FileExistsError:
            continue
        try:
            (staging / _MARKER).write_text(json.dumps(_this_process()), encoding="utf-8")
        except BaseException:
            _remove_staging(staging)
            raise
        return staging
    raise FileExistsError(errno.EEXIST, "no free staging name", str(final))


def _swap(staging: Path, final: Path) -> None:
    """Put ``staging`` in the place of ``final``, keeping ``final``'s mode; the old folder is removed last."""
    old = _old_of(final)
    with _folder_lock(final.parent):
        recover(final)
        _check_replaceable_folder(final)
        with _signals_held():
            mode = stat.S_IMODE(os.stat(final).st_mode) if final.is_dir() else None
            if mode is not None:
                os.replace(final, old)
                try:
                    os.replace(staging, final)
                except BaseException:
                    os.replace(old, final)
                    raise
            else:
                os.replace(staging, final)
            _unlink(final / _MARKER)
            if mode is not None:
                _chmod_if_possible(final, mode)
        _remove_tree(old)


def _chmod_if_possible(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:  # the folder is in place; its mode is a nicety
        pass


def _remove_tree(folder: Path) -> None:
    def writable_again(function: Any, path: str, _error: Any) -> None:
        # a read-only folder (mode kept from an old one) is made writable to empty it
        try:
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            function(path)
        except OSError:
            pass

    if not os.path.lexists(folder):
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=writable_again)
    else:
        shutil.rmtree(folder, onerror=writable_again)


def _remove_staging(staging: Path) -> None:
    """Remove a staging folder, its mark last: cut short, what is left is still known as ours.

    It is first renamed to another staging name: a writer still holding the old path (a task
    of an executor that outlives its batch) can then add nothing to it while it is emptied.
    """
    staging = _moved_aside(staging)
    try:
        entries = list(os.scandir(staging))
    except OSError:
        return
    for entry in entries:
        if entry.name == _MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            _remove_tree(Path(entry.path))
        else:
            _unlink(Path(entry.path))
    _unlink(staging / _MARKER)
    try:
        staging.rmdir()
    except OSError:
        pass


def _moved_aside(staging: Path) -> Path:
    """``staging`` renamed to a new ``.NAME.XXXXXXXX.tmp`` beside it; itself when it cannot be renamed."""
    stem = staging.name[: -len(".12345678.tmp")]
    for _ in range(100):
        aside = staging.with_name(f"{stem}.{_token()}.tmp")
        if os.path.lexists(aside):
            continue
        try:
            os.rename(staging, aside)
        except OSError:
            return staging
        return aside
    return staging


def _stale_stagings(final: Path) -> list[Path]:
    """Staging folders beside ``final`` that are ours (name and mark) and whose process is dead."""
    prefix = f".{final.name}."
    stale = []
    try:
        entries = list(os.scandir(final.parent))
    except OSError:
        return []
    for entry in entries:
        token = entry.name[len(prefix) : -len(".tmp")]
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp") and len(token) == 8):
            continue
        if not set(token) <= set(_TOKEN_ALPHABET) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            owner = json.loads((Path(entry.path) / _MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(owner, dict) and not _alive(owner):
            stale.append(Path(entry.path))
    return stale


def _this_process() -> dict[str, Any]:
    pid = os.getpid()
    return {"made_by": "congvan", "pid": pid, "host": socket.gethostname(), "started": _process_info(pid)[1]}


def _process_info(pid: int) -> tuple[str | None, str | None]:
    """The state letter and start time of process ``pid`` from /proc (Linux); Nones elsewhere."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None, None
    fields = text[text.rfind(")") + 2 :].split()  # after "pid (name) ": field 3 (state) onwards
    return (fields[0], fields[19]) if len(fields) > 19 else (None, None)


def _alive(owner: Mapping[str, Any]) -> bool:
    """Whether the process that marked a staging folder may still be running (when unsure: yes)."""
    pid = owner.get("pid")
    if owner.get("made_by") != "congvan" or not isinstance(pid, int) or owner.get("host") != socket.gethostname():
        return True
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl-C there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's live process
        return True
    state, started = _process_info(pid)
    if state in ("Z", "X"):
        return False
    return owner.get("started") is None or started is None or owner["started"] == started


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (flock) while recovering or swapping; no lock where there is no flock."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without flock
            pass
        yield
    finally:
        os.close(handle)


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends (in the main thread, where Python runs signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, Any] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(number)
        if handler is None:  # set outside Python: cannot be put back
            continue
        previous[number] = signal.signal(number, lambda received, _frame: caught.append(received))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in caught:
            signal.raise_signal(number)


# ------------------------------------------------------------------ records


def write_records(folder: Path, name: str, records: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> None:
    """Write ``records`` as ``name.csv`` and ``name.json`` in ``folder`` (UTF-8, fields in this order)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    text = json.dumps([dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"
    (folder / f"{name}.json").write_text(text, encoding="utf-8")


__all__ = [
    "MAX_NAME_BYTES",
    "OutputNames",
    "check_output_file",
    "check_output_folder",
    "document_name",
    "file_name_problem",
    "output_error",
    "recover",
    "staged_folder",
    "write_atomically",
    "write_records",
]
