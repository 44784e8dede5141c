"""The seeded LibreOffice profile (`congvan.pdf.profile`): what it holds, read from the installation, and that a
real LibreOffice started from it skips its graphics self-test and its restart, and still makes the same PDFs.

Without the seed, LibreOffice 7.x writes ``user/GraphicsRenderTests.log`` at every start (its self-test ran)
and, on an empty profile, exits once to be started again, which it records as ``OfficeRestartInProgress``.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import congvan
from congvan.pdf import convert as convert_module
from congvan.pdf import pdf_text
from congvan.pdf import profile as profile_module
from congvan.pdf.convert import _convert_in_calls
from congvan.pdf.converter import warm_available
from congvan.pdf.instance import WarmInstance
from congvan.pdf.profile import ProfileSeed, profile_seed, seed_profile
from congvan.pdf.tools import find_soffice
from congvan.pdf.unopython import uno_python

ROOT = Path(__file__).resolve().parents[1]
OOR = "{http://openoffice.org/2001/registry}"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils: apt-get install libreoffice-writer-nogui poppler-utils",
)
needs_warm = pytest.mark.skipif(
    shutil.which("pdftotext") is None or not warm_available(),
    reason="LibreOffice with its Python UNO bridge, and poppler-utils: "
    "apt-get install libreoffice-writer-nogui python3-uno poppler-utils",
)


def settings(profile: Path) -> dict[tuple[str, str], str]:
    """(path, name) → value of every setting in a profile's registrymodifications.xcu."""
    root = ET.parse(profile / "user" / "registrymodifications.xcu").getroot()
    found = {}
    for item in root.iter("item"):
        for prop in item.iter("prop"):
            value = prop.find("value")
            found[(item.get(f"{OOR}path"), prop.get(f"{OOR}name"))] = "" if value is None else value.text or ""
    return found


def fake_installation(tmp_path: Path, versionrc: str | None, xcd: str | None) -> str:
    program = tmp_path / "lo" / "program"
    program.mkdir(parents=True)
    soffice = program / "soffice"
    soffice.write_text("#!/bin/sh\n")
    if versionrc is not None:
        (program / "versionrc").write_text(versionrc)
    if xcd is not None:
        (tmp_path / "lo" / "share" / "registry").mkdir(parents=True)
        (tmp_path / "lo" / "share" / "registry" / "main.xcd").write_text(xcd)
    return str(soffice)


def test_the_seed_is_read_from_the_installation(tmp_path):
    xcd = (
        '<prop oor:name="ooSetupVersion" oor:type="xs:string" oor:nillable="false"><value/></prop>'
        '<prop oor:name="ooSetupVersion">\n        <value>24.8</value>\n      </prop>'
    )
    soffice = fake_installation(tmp_path, "[Version]\nbuildid=abc123(Build:4)\nVendor=x\n", xcd)
    assert profile_seed(soffice) == ProfileSeed(version="24.8", buildid="abc123(Build:4)")
    seed_profile(tmp_path / "profile", soffice)
    assert settings(tmp_path / "profile") == {("/org.openoffice.Setup/Product", "ooSetupLastVersion"): "24.8"}
    assert (tmp_path / "profile/user/extensions/buildid").read_text() == "abc123(Build:4)"


def test_an_installation_that_shows_neither_gets_a_profile_with_no_settings(tmp_path):
    soffice = fake_installation(tmp_path, None, None)
    assert profile_seed(soffice) == ProfileSeed(version=None, buildid=None)
    seed_profile(tmp_path / "profile", soffice)
    assert settings(tmp_path / "profile") == {}
    assert not (tmp_path / "profile/user/extensions").exists()
    with pytest.raises(FileExistsError):  # only ever a new profile
        seed_profile(tmp_path / "profile", soffice)


@needs_soffice
def test_the_seed_is_that_of_the_libreoffice_installed():
    version = subprocess.run([find_soffice(), "--version"], capture_output=True, text=True, timeout=60).stdout
    # "LibreOffice 7.4.7.2 40(Build:2)"
    _name, full, buildid = version.split()[:3]
    seed = profile_seed(find_soffice())
    assert seed.version is not None and full.startswith(seed.version + ".")
    assert seed.buildid == buildid


def stop_gracefully(instance: WarmInstance) -> Path:
    """End the bridge's input, so that LibreOffice terminates and writes its settings; its profile (left in place)."""
    running = instance._running
    assert running is not None and running.bridge.stdin is not None
    running.bridge.stdin.close()
    running.bridge.wait(timeout=60)
    return running.profile


@needs_warm
@pytest.mark.parametrize("seeded", [True, False], ids=["seeded", "installation-shows-neither"])
def test_libreoffice_started_from_the_seed_runs_no_self_test_and_no_restart(tmp_path, monkeypatch, seeded):
    """The second case, a seed that knows neither answer (its settings empty), is also the control: both checks
    see what LibreOffice does without the seed, and it still converts."""
    if not seeded:
        monkeypatch.setattr(profile_module, "profile_seed", lambda soffice: ProfileSeed(version=None, buildid=None))
    batch = congvan.render_batch(ROOT / "data/follow-up-2020.yaml", ROOT / "data/follow-up-2020.csv", tmp_path / "b")
    soffice = find_soffice()
    python = uno_python(soffice)
    assert python is not None
    instance = WarmInstance(soffice, python, tmp_path / "home")
    try:
        instance.start()
        instance.convert(batch.folder / batch.letters[0].file, tmp_path / "letter.pdf", timeout=60.0)
        profile = stop_gracefully(instance)
        written = settings(profile)
        self_test = (profile / "user" / "GraphicsRenderTests.log").exists()
    finally:
        instance.stop()
    assert "Kính gửi: Ủy ban nhân dân thành phố Hà Nội" in " ".join(" ".join(pdf_text(tmp_path / "letter.pdf")).split())
    restarted = ("/org.openoffice.Setup/Office", "OfficeRestartInProgress") in written
    assert (self_test, restarted) == (not seeded, not seeded)
    if seeded:
        assert written[("/org.openoffice.Setup/Product", "ooSetupLastVersion")] == profile_seed(soffice).version


@needs_soffice
def test_the_calls_without_the_bridge_convert_from_a_seeded_profile(tmp_path, monkeypatch):
    seeded: list[Path] = []

    def seed_and_look(profile: Path, soffice: str) -> None:
        seed_profile(profile, soffice)
        seeded.append(profile)

    monkeypatch.setattr(convert_module, "seed_profile", seed_and_look)
    batch = congvan.render_batch(ROOT / "data/follow-up-2020.yaml", ROOT / "data/follow-up-2020.csv", tmp_path / "b")
    letters = [batch.folder / letter.file for letter in batch.letters[:2]]
    made = _convert_in_calls(find_soffice(), letters, tmp_path / "out", 1, 60.0)
    assert [p.name for p in made] == [p.with_suffix(".pdf").name for p in letters]
    assert "Kính gửi: Ủy ban nhân dân thành phố Hà Nội" in " ".join(" ".join(pdf_text(made[0])).split())
    assert len(seeded) == 1 and seeded[0].name == "profile-1"  # one call, its profile seeded first
    assert not seeded[0].exists()  # and removed after
