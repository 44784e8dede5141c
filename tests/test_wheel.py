"""The built wheel carries templates and data: install it in a fresh venv outside the checkout and render.

Slow (a wheel build and a pip install from PyPI), kept to one test. The
checkout is copied first, so that the build leaves no ``build/`` or
``*.egg-info`` in the working tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from docx_text import DocxReader

CARRIED = [
    "congvan/templates/congvan.docx",
    "congvan/data/directive-2020.yaml",
    "congvan/data/units/units.csv",
    "congvan/data/legal/catalogue.yaml",
    "congvan/data/follow-up-2020-wording.yaml",
    "congvan/ooxml/build.py",
]

IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".pytest_cache", "*.pyc"
)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_wheel_installs_in_a_fresh_venv_and_renders_the_directive(root: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}

    source = tmp_path / "source"
    shutil.copytree(root, source, ignore=IGNORED)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)], env=env)
    (wheel,) = dist.glob("congvan-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for name in CARRIED:
        assert name in names, f"the wheel lacks {name}"

    work = tmp_path / "work"
    work.mkdir()
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], env=env, cwd=work)
    where = run([str(bin_dir / "python"), "-c", "import congvan; print(congvan.__file__)"], env=env, cwd=work)
    assert Path(where.stdout.strip()).resolve().is_relative_to((work / "venv").resolve())

    # the template builder runs from the installed package (it reads the follow-up's wording from congvan.data)
    rebuild = (
        "from importlib import resources; from congvan.template_build import TEMPLATES; "
        "assert TEMPLATES['follow-up.docx']() == "
        "(resources.files('congvan.templates') / 'follow-up.docx').read_bytes()"
    )
    run([str(bin_dir / "python"), "-c", rebuild], env=env, cwd=work)

    shutil.copyfile(root / "data" / "directive-2020.yaml", work / "directive.yaml")
    run([str(bin_dir / "congvan"), "render", "directive.yaml", "-o", "out.docx"], env=env, cwd=work)
    texts = DocxReader(work / "out.docx").texts()
    assert "Trân trọng./." in texts
    assert "UBND tỉnh Yên Bái" in texts  # the annex resolved the provinces from the bundled data
