"""The warm converter with real LibreOffice: `PdfConverter` keeps instances running between calls, gives the
PDFs of ``soffice --convert-to``, restarts an instance that crashed or hung, and leaves no process or file behind.

A crash is a SIGKILL of the instance's ``soffice.bin``; a hang is a SIGSTOP of it (LibreOffice stops
answering). Every PDF is read back with pdftotext.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest

import congvan
from congvan.documents import load, render
from congvan.errors import ConversionFailed, ConversionTimeout, ConverterNotFound, PdfError
from congvan.pdf import PdfConverter, pdf_text, to_pdf, warm_available
from congvan.pdf.convert import _convert_in_calls
from congvan.pdf.tools import find_soffice

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    not warm_available() or shutil.which("pdftotext") is None,
    reason="LibreOffice with its Python UNO bridge, and poppler-utils: "
    "apt-get install libreoffice-writer-nogui python3-uno poppler-utils",
)


def processes() -> dict[int, tuple[int, str, str]]:
    """pid → (process group, state, command line) of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[2]), fields[0].decode(), command)
    return found


def alive_in(group: int) -> list[str]:
    return [f"{pid} {c}" for pid, (g, state, c) in processes().items() if g == group and state != "Z"]


def office_of(group: int) -> int:
    """The pid of the ``soffice.bin`` in a process group."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pids = [pid for pid, (g, _s, c) in processes().items() if g == group and "soffice.bin" in c]
        if pids:
            return pids[0]
        time.sleep(0.05)
    raise AssertionError(f"no soffice.bin in group {group}")


def pages(pdf: Path) -> list[str]:
    """The text of each page, white space made single."""
    return [" ".join(text.split()) for text in pdf_text(pdf)]


def text(pdf: Path) -> str:
    return " ".join(pages(pdf))


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Six follow-up letters and the 2020 directive, as congvan renders them."""
    folder = tmp_path_factory.mktemp("letters")
    batch = congvan.render_batch(ROOT / "data/follow-up-2020.yaml", ROOT / "data/follow-up-2020.csv", folder / "b")
    paths = [batch.folder / letter.file for letter in batch.letters[:6]]
    directive = folder / "directive.docx"
    render(load(ROOT / "data/directive-2020.yaml"), directive)
    return [*paths, directive]


def test_the_warm_pdfs_read_as_those_of_soffice_convert_to(letters, tmp_path):
    with PdfConverter(instances=2) as converter:
        warm = converter.convert(letters, tmp_path / "warm")
    assert warm == [tmp_path / "warm" / p.with_suffix(".pdf").name for p in letters]
    cold = _convert_in_calls(find_soffice(), letters, tmp_path / "cold", 1, 60.0)
    for one, other in zip(warm, cold, strict=True):
        assert pages(one) == pages(other), one.name
    assert "Kính gửi: Ủy ban nhân dân thành phố Hà Nội" in text(warm[0])
    assert sorted(p.name for p in (tmp_path / "warm").iterdir()) == sorted(p.name for p in warm)  # no staging


def test_instances_stay_warm_between_calls_and_nothing_is_left_after_close(letters, tmp_path):
    converter = PdfConverter(instances=1)
    converter.start()
    (instance,) = converter._instances
    group, home = instance.pid, converter._home
    office = office_of(group)
    converter.convert(letters[:2], tmp_path / "one")
    converter.convert(letters[2:4], tmp_path / "two")
    assert instance.pid == group and office_of(group) == office and instance.starts == 1  # the same LibreOffice
    converter.close()
    time.sleep(0.2)
    assert alive_in(group) == [] and not home.exists()
    with pytest.raises(PdfError, match="closed"):
        converter.convert(letters[:1], tmp_path / "three")


def test_a_crashed_instance_is_started_again_and_the_document_retried(letters, tmp_path):
    with PdfConverter(instances=1) as converter:
        (instance,) = converter._instances
        first = instance.pid
        converter.convert(letters[:1], tmp_path / "before")
        os.kill(office_of(first), signal.SIGKILL)  # LibreOffice crashes between two calls
        made = converter.convert(letters[1:4], tmp_path / "after")
        assert [p.name for p in made] == [p.with_suffix(".pdf").name for p in letters[1:4]]
        assert instance.starts == 2 and instance.pid != first
        assert alive_in(first) == []
        assert "Ủy ban nhân dân" in text(made[0])
        # The fresh instance started from a seeded profile too: it skipped LibreOffice's graphics self-test.
        user = instance.home / "profile-2" / "user"
        assert not (instance.home / "profile-1").exists()
        assert "ooSetupLastVersion" in (user / "registrymodifications.xcu").read_text(encoding="utf-8")
        assert (user / "extensions" / "buildid").is_file()
        assert not (user / "GraphicsRenderTests.log").exists()


def test_a_hung_instance_is_killed_its_document_reported_and_a_fresh_one_takes_the_rest(letters, tmp_path):
    with PdfConverter(instances=1, timeout=3) as converter:
        (instance,) = converter._instances
        hung = instance.pid
        os.kill(office_of(hung), signal.SIGSTOP)  # LibreOffice stops answering
        started = time.monotonic()
        with pytest.raises(ConversionTimeout) as caught:
            converter.convert(letters[:3], tmp_path / "out")
        assert time.monotonic() - started < 3 + 30  # the timeout, then a fresh start and two letters
        error = caught.value
        assert [(f.source.name, f.timed_out) for f in error.failures] == [(letters[0].name, True)]
        assert "no PDF for 3 s" in error.failures[0].reason
        assert [p.name for p in error.converted] == [p.with_suffix(".pdf").name for p in letters[1:3]]
        assert alive_in(hung) == [] and instance.starts == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in error.converted]


def test_a_document_libreoffice_cannot_read_fails_alone(letters, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    with PdfConverter() as converter, pytest.raises(ConversionFailed) as caught:
        converter.convert([letters[0], broken, letters[1]], tmp_path / "out")
    assert [p.name for p in caught.value.converted] == [
        letters[0].with_suffix(".pdf").name,
        letters[1].with_suffix(".pdf").name,
    ]
    assert [f.source for f in caught.value.failures] == [broken]


def test_to_pdf_uses_an_open_converter(letters, tmp_path):
    with PdfConverter() as converter:
        (instance,) = converter._instances
        for n in range(3):
            (made,) = to_pdf(letters[n], tmp_path / f"out{n}", converter=converter)
            assert made.name == letters[n].with_suffix(".pdf").name
        assert instance.starts == 1


def test_without_the_uno_bridge_the_converter_says_what_to_install_and_to_pdf_still_converts(
    letters, tmp_path, monkeypatch
):
    monkeypatch.setenv("CONGVAN_UNO_PYTHON", sys.executable)  # congvan's own Python: it cannot import uno
    assert not warm_available()
    with pytest.raises(ConverterNotFound, match="python3-uno"):
        PdfConverter()
    (made,) = to_pdf(letters[:1], tmp_path / "out")
    assert "Ủy ban nhân dân" in text(made)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="instances"):
        PdfConverter(instances=0)
    with pytest.raises(ValueError, match="positive"):
        PdfConverter(timeout=0)


@pytest.mark.parametrize("where", ["default", "disk"])
def test_profiles_and_fresh_pdfs_live_in_the_scratch_folder_and_leave_nothing(letters, tmp_path, monkeypatch, where):
    from congvan.pdf.scratch import SCRATCH_ENV, scratch_root

    if where == "disk":
        monkeypatch.setenv(SCRATCH_ENV, str(tmp_path / "scratch"))
        (tmp_path / "scratch").mkdir()
    else:
        monkeypatch.delenv(SCRATCH_ENV, raising=False)
        monkeypatch.delenv("TMPDIR", raising=False)
        monkeypatch.setattr("tempfile.tempdir", None)
    root = scratch_root() or Path(tempfile.gettempdir())
    with PdfConverter(instances=1) as converter:
        home = converter._home
        assert home.parent.resolve() == root.resolve()
        made = converter.convert(letters[:2], tmp_path / "out")
        assert list(converter._instances[0].outbox.iterdir()) == []  # each PDF moved out
    assert "Ủy ban nhân dân" in text(made[0])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in made)  # no staging
    assert not home.exists()
    cold = _convert_in_calls(find_soffice(), letters[:2], tmp_path / "cold", 1, 60.0)
    assert [pages(p) for p in cold] == [pages(p) for p in made]
    assert sorted(p.name for p in (tmp_path / "cold").iterdir()) == sorted(p.name for p in cold)
    if where == "disk":
        assert list((tmp_path / "scratch").iterdir()) == []
