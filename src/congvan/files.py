"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    An interrupted write leaves ``path`` as it was; parent folders are created.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


@contextmanager
def staged_folder(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary folder beside ``target`` that replaces it when the block ends without error.

    The swap is two renames, the old folder removed last; on any error (or an
    interruption) the temporary folder is removed and ``target`` is left as it was.
    """
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    try:
        yield staging
        if final.exists():
            old = final.with_name(f".{final.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(final, old)
            os.replace(staging, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_records(folder: Path, name: str, records: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> None:
    """Write ``records`` as ``name.csv`` and ``name.json`` in ``folder`` (UTF-8, fields in this order)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    text = json.dumps([dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"
    (folder / f"{name}.json").write_text(text, encoding="utf-8")
