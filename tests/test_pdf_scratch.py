"""Where LibreOffice's profiles, temporary files and fresh PDFs go (`congvan.pdf.scratch`): memory when there is
a tmpfs with room at /dev/shm, the folder ``CONGVAN_PDF_SCRATCH`` names otherwise; a PDF reaches its output
folder only whole, by a rename there, from whichever file system it was written on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from congvan.pdf import scratch
from congvan.pdf.scratch import SCRATCH_ENV, deliver, scratch_dir, scratch_root


def test_the_named_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCRATCH_ENV, str(tmp_path))
    assert scratch_root() == tmp_path
    made = scratch_dir("congvan-soffice-")
    assert made.parent == tmp_path and made.name.startswith("congvan-soffice-")
    assert made.stat().st_mode & 0o777 == 0o700  # private: a profile and letters' text go there


def test_a_tmpdir_that_is_set_is_obeyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SCRATCH_ENV, raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # tempfile reads TMPDIR again
    assert scratch_root() is None
    assert scratch_dir("congvan-soffice-").parent == tmp_path


def test_memory_is_used_only_when_it_is_a_tmpfs_with_room(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SCRATCH_ENV, raising=False)
    monkeypatch.delenv("TMPDIR", raising=False)
    expected = scratch.SHM if scratch._fs_type(scratch.SHM) in {"tmpfs", "ramfs"} else None
    if expected is not None and os.statvfs(expected).f_bavail * os.statvfs(expected).f_frsize < scratch.MIN_FREE:
        expected = None
    assert scratch_root() == expected
    assert scratch._fs_type(Path("/no/such/mount")) is None


def test_a_pdf_is_delivered_whole_from_another_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TMPDIR", raising=False)
    root = scratch_root()
    if root is None or os.stat(root).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no scratch folder on another file system here")
    produced = scratch_dir("congvan-test-") / "a.pdf"
    produced.write_bytes(b"%PDF-1.6\n...\n%%EOF\n")
    staging = tmp_path / ".staging"
    staging.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    assert deliver(produced, out / "a.pdf", staging) == out / "a.pdf"
    assert (out / "a.pdf").read_bytes() == b"%PDF-1.6\n...\n%%EOF\n"
    assert not produced.exists() and list(staging.iterdir()) == []
    produced.parent.rmdir()


def test_on_one_file_system_a_pdf_is_renamed(tmp_path: Path) -> None:
    produced = tmp_path / "a.pdf"
    produced.write_bytes(b"%PDF-1.6\n%%EOF\n")
    inode = produced.stat().st_ino
    (tmp_path / "out").mkdir()
    final = deliver(produced, tmp_path / "out" / "a.pdf", tmp_path)
    assert final.stat().st_ino == inode and not produced.exists()
