"""Where LibreOffice's profiles, temporary files and freshly written PDFs go: memory when the machine has it.

For every document, LibreOffice copies the .docx to a temporary file, writes the PDF and its
font subsets to more temporary files, copies the PDF twice more, takes a lock file beside it and
``fsync``\\ s it. On a disk (ext4 here) that file juggling cost 8–15 ms of CPU and up to 25 ms of
waiting per one-page letter; on a memory file system (tmpfs, where ``fsync`` does nothing) next
to none. So each instance's profile and ``TMPDIR`` live in a folder under `scratch_root`
(``/dev/shm`` when it is a writable tmpfs with room), LibreOffice writes each PDF there, and
congvan moves it into the output folder (`deliver`): still only complete, by a rename in that
folder.

``CONGVAN_PDF_SCRATCH`` names another folder (a disk folder turns this off); without it, a
``TMPDIR`` that is set is obeyed as before (the caller chose where temporary files go).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

SCRATCH_ENV = "CONGVAN_PDF_SCRATCH"
#: The memory file system looked for, and the room it must have (an instance uses a few MB).
SHM = Path("/dev/shm")
MIN_FREE = 256 * 1024 * 1024
_MEMORY_FS = {"tmpfs", "ramfs"}


def scratch_root() -> Path | None:
    """The folder the instances' temporary folders go into; None for the system's temporary folder."""
    chosen = os.environ.get(SCRATCH_ENV)
    if chosen:
        return Path(chosen)
    if os.environ.get("TMPDIR"):
        return None  # the caller chose where temporary files go
    return _memory_root()


def _memory_root() -> Path | None:
    """``/dev/shm`` when it is a writable memory file system with `MIN_FREE` free now (looked at for each converter)."""
    if _fs_type(SHM) not in _MEMORY_FS or not os.access(SHM, os.W_OK | os.X_OK):
        return None
    try:
        stat = os.statvfs(SHM)
    except OSError:
        return None
    return SHM if stat.f_bavail * stat.f_frsize >= MIN_FREE else None


def _fs_type(path: Path) -> str | None:
    """The file system type of the mount point ``path`` (from /proc/self/mounts), None when it is no mount point."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[1] == str(path):
            found = fields[2]  # the last mount on it is the one seen
    return found


def scratch_dir(prefix: str) -> Path:
    """A new private folder (mode 0700) under `scratch_root`."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=scratch_root()))


def deliver(produced: Path, final: Path, staging: Path) -> Path:
    """Move the complete PDF ``produced`` to ``final`` so that ``final`` appears only whole.

    On the same file system a rename; from another (the scratch folder in memory) a copy into
    ``staging`` (a folder beside ``final``), then a rename.
    """
    try:
        os.replace(produced, final)
    except OSError as error:
        if error.errno != errno.EXDEV:  # another file system
            raise
        aside = staging / final.name
        shutil.copyfile(produced, aside)
        produced.unlink(missing_ok=True)
        os.replace(aside, final)
    return final
