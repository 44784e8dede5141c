"""Which Python can drive a LibreOffice over UNO: the one whose ``uno`` module belongs to that LibreOffice.

LibreOffice's UNO bridge (``pyuno``) is built for one Python: on Debian and Ubuntu the system's
``/usr/bin/python3`` with the package ``python3-uno``; LibreOffice's own builds ship a ``python``
in their ``program`` folder. congvan's own Python (a virtual environment, another version) usually
cannot import it, so the UNO side of a warm converter (`congvan.pdf.unobridge`) runs under that
Python while congvan talks to it through a pipe.

``CONGVAN_UNO_PYTHON`` names the Python to use; otherwise the ``python`` beside ``soffice``, then
``python3`` on PATH and ``/usr/bin/python3`` are tried. A candidate counts only if its ``pyuno``
lives in the same ``program`` folder as ``soffice``: a bridge of another LibreOffice would not fit.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

UNO_PYTHON_ENV = "CONGVAN_UNO_PYTHON"
INSTALL_UNO = "apt-get install python3-uno"

_PROBE = "import os, uno, pyuno; print(os.path.dirname(os.path.realpath(pyuno.__file__)))"


def uno_python(soffice: str) -> str | None:
    """The Python that drives the LibreOffice of ``soffice`` over UNO, or None when there is none."""
    return _uno_python(os.path.realpath(soffice), os.environ.get(UNO_PYTHON_ENV) or "")


@functools.lru_cache(maxsize=8)
def _uno_python(soffice: str, configured: str) -> str | None:
    program = Path(soffice).parent
    candidates = [configured] if configured else [str(program / "python"), "python3", "/usr/bin/python3"]
    for candidate in candidates:
        found = shutil.which(candidate)
        if found is None:
            continue
        if _bridge_folder(found) == program:
            return found
    return None


def _bridge_folder(python: str) -> Path | None:
    """The ``program`` folder of the ``pyuno`` that ``python`` imports, or None when it has none."""
    try:
        probe = subprocess.run(
            [python, "-I", "-c", _PROBE], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if probe.returncode != 0 or not probe.stdout.strip():
        return None
    return Path(probe.stdout.strip().splitlines()[-1])
