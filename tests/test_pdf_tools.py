"""The PDF machinery without LibreOffice: a stand-in ``soffice``, pypdf splitting and combining.

The stand-in (``CONGVAN_SOFFICE``) writes a tiny PDF per document, hangs on a
file named ``hang*`` (with a child process, to check the whole group dies) and
exits with status 3 on ``crash*``.
"""

from __future__ import annotations

import os
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import congvan
from congvan.errors import ConversionFailed, ConversionTimeout, ConverterNotFound, PdfError
from congvan.pdf import combine_pdfs, split_pdf, to_pdf
from congvan.pdf.convert import default_jobs, pdf_name
from congvan.pdf.pages import libreoffice_name

FAKE = textwrap.dedent(
    """\
    #!{python}
    import os, subprocess, sys, time
    args = sys.argv[1:]
    out = args[args.index("--outdir") + 1]
    files = [a for a in args if a.endswith(".docx")]
    with open(os.environ["FAKE_PIDS"], "a") as log:
        log.write(f"{{os.getpid()}}\\n")
    for path in files:
        name = os.path.basename(path)
        if name.startswith("hang"):
            child = subprocess.Popen(["sleep", "60"])
            with open(os.environ["FAKE_PIDS"], "a") as log:
                log.write(f"{{child.pid}}\\n")
            time.sleep(60)
        if name.startswith("crash"):
            sys.exit(3)
        with open(os.path.join(out, name[:-5] + ".pdf"), "wb") as pdf:
            pdf.write(b"%PDF-1.4\\n% stand-in\\n%%EOF\\n")
    """
)


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    return path


@pytest.fixture()
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "soffice"
    script.write_text(FAKE.format(python=sys.executable))
    script.chmod(0o755)
    pids = tmp_path / "pids"
    monkeypatch.setenv("CONGVAN_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_PIDS", str(pids))
    return pids


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too.
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


def test_a_hang_is_killed_with_its_children_and_the_rest_still_convert(tmp_path: Path, fake_soffice: Path) -> None:
    names = ["a.docx", "hang.docx", "b.docx", "c.docx"]
    sources = [docx(tmp_path / n) for n in names]
    out = tmp_path / "out"
    start = time.monotonic()
    with pytest.raises(ConversionTimeout) as caught:
        to_pdf(sources, out, jobs=1, timeout=1.0)
    assert time.monotonic() - start < 10
    error = caught.value
    assert [p.name for p in error.converted] == ["a.pdf", "b.pdf", "c.pdf"]
    assert [(f.source.name, f.timed_out) for f in error.failures] == [("hang.docx", True)]
    assert "hung" in error.failures[0].reason and "hang.docx" in str(error)
    assert isinstance(error, TimeoutError) and isinstance(error, ConversionFailed)
    assert sorted(os.listdir(out)) == ["a.pdf", "b.pdf", "c.pdf"]  # no staging left behind
    time.sleep(0.2)
    assert [pid for pid in map(int, fake_soffice.read_text().split()) if alive(pid)] == []


def test_a_crash_blames_its_document_and_a_fresh_instance_takes_the_rest(tmp_path: Path, fake_soffice: Path) -> None:
    sources = [docx(tmp_path / n) for n in ["a.docx", "crash.docx", "b.docx"]]
    with pytest.raises(ConversionFailed) as caught:
        to_pdf(sources, tmp_path / "out", jobs=1)
    assert not isinstance(caught.value, ConversionTimeout)
    assert [p.name for p in caught.value.converted] == ["a.pdf", "b.pdf"]
    (failure,) = caught.value.failures
    assert failure.source.name == "crash.docx" and "status 3" in failure.reason


def test_parallel_instances_return_pdfs_in_input_order(tmp_path: Path, fake_soffice: Path) -> None:
    sources = [docx(tmp_path / f"l{i:02d}.docx") for i in range(7)]
    made = to_pdf(sources, tmp_path / "out", jobs=3)
    assert made == [tmp_path / "out" / f"l{i:02d}.pdf" for i in range(7)]
    assert len(fake_soffice.read_text().split()) == 3  # three instances, one call each


def test_missing_soffice_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONGVAN_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConverterNotFound) as caught:
        to_pdf([docx(tmp_path / "a.docx")], tmp_path / "out")
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2 fonts-croscore" in str(caught.value)
    assert isinstance(caught.value, congvan.CongvanError)


def test_a_wrong_congvan_soffice_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_SOFFICE", str(tmp_path / "nowhere"))
    with pytest.raises(ConverterNotFound, match="CONGVAN_SOFFICE"):
        to_pdf([docx(tmp_path / "a.docx")], tmp_path / "out")


def test_not_a_docx_and_missing_files_fail_alone(tmp_path: Path, fake_soffice: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("not a package")
    good = docx(tmp_path / "good.docx")
    with pytest.raises(ConversionFailed) as caught:
        to_pdf([text, tmp_path / "gone.docx", good], tmp_path / "out")
    assert [p.name for p in caught.value.converted] == ["good.pdf"]
    reasons = {f.source.name: f.reason for f in caught.value.failures}
    assert reasons["gone.docx"] == "no such file"
    assert reasons["notes.docx"].startswith("not a .docx package")


def test_two_inputs_making_one_pdf_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    with pytest.raises(PdfError, match="both make a.pdf"):
        to_pdf([docx(tmp_path / "x" / "a.docx"), docx(tmp_path / "y" / "a.docx")], tmp_path)


def test_small_helpers() -> None:
    assert to_pdf([], "/nonexistent") == []
    assert pdf_name(Path("/d/Công văn số 1.DOCX")) == "Công văn số 1.pdf"
    assert default_jobs(1) == 1 and 1 <= default_jobs(100) <= 4
    assert libreoffice_name("letter_001") == "letter5F001"
    assert libreoffice_name("thu-01") == "thu-01"


def blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def test_split_by_counts_and_ranges(tmp_path: Path) -> None:
    pdf = blank_pdf(tmp_path / "all.pdf", 6)
    outs = split_pdf(pdf, [1, 3, 2], [tmp_path / f"{n}.pdf" for n in "abc"])
    assert [len(PdfReader(p).pages) for p in outs] == [1, 3, 2]
    outs = split_pdf(pdf, [range(4, 6)], [tmp_path / "tail.pdf"])
    assert len(PdfReader(outs[0]).pages) == 2


@pytest.mark.parametrize(
    ("parts", "message"),
    [([1, 2], "add up to 3 but .* has 6 pages"), ([range(5, 8)], "pages 6–8 .* has 6 pages"), ([0], "page count > 0")],
)
def test_split_says_what_is_wrong(tmp_path: Path, parts: list, message: str) -> None:
    pdf = blank_pdf(tmp_path / "all.pdf", 6)
    with pytest.raises(PdfError, match=message):
        split_pdf(pdf, parts, [tmp_path / f"{i}.pdf" for i in range(len(parts))])


def test_combine_puts_one_bookmark_per_file(tmp_path: Path) -> None:
    parts = [blank_pdf(tmp_path / f"{n}.pdf", k) for n, k in [("Hà Nội", 2), ("Huế", 1)]]
    out = combine_pdfs(parts, tmp_path / "out" / "all.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    assert [(i.title, reader.get_destination_page_number(i)) for i in reader.outline] == [
        ("Hà Nội", 0),
        ("Huế", 2),
    ]
    with pytest.raises(PdfError, match="one title per PDF"):
        combine_pdfs(parts, tmp_path / "x.pdf", bookmarks=["only one"])


def test_the_pdf_command_converts_and_reports_failures(
    tmp_path: Path, fake_soffice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from congvan.cli import main

    good, crash = docx(tmp_path / "good.docx"), docx(tmp_path / "crash.docx")
    assert main(["pdf", str(good), "-o", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "out" / "good.pdf")
    assert main(["pdf", str(crash), str(good), "-o", str(tmp_path / "out2")]) == 1
    captured = capsys.readouterr()
    assert "crash.docx: LibreOffice exited with status 3" in captured.err
    assert captured.out.strip() == str(tmp_path / "out2" / "good.pdf")


def test_public_pdf_api_is_pinned() -> None:
    import congvan.pdf

    assert {
        "to_pdf",
        "PdfConverter",
        "combine_pdfs",
        "split_pdf",
        "previews",
        "PdfError",
        "ConversionFailed",
        "ConversionTimeout",
        "ConverterNotFound",
        "FailedDocument",
    } <= set(congvan.__all__)
    assert set(congvan.pdf.__all__) == {
        "DEFAULT_TIMEOUT", "PageWords", "PdfConverter", "Word", "combine_pdfs", "default_jobs", "destination_pages",
        "destination_ranges", "find_soffice", "page_count", "pdf_name", "pdf_text", "pdf_words",
        "previews", "split_pdf", "to_pdf", "warm_available",
    }  # fmt: skip
