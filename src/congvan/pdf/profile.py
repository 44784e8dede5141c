"""A fresh LibreOffice profile written ready before its first start: no graphics self-test, no restart.

Every instance congvan starts gets a new, empty profile (``-env:UserInstallation``). Left
empty, LibreOffice 7.x spends about a second of CPU on it before the first document:

- it runs its graphics self-test (``GraphicsRenderTests``, 109 drawing tests, written to
  ``user/GraphicsRenderTests.log``) whenever the profile's ``ooSetupLastVersion`` is older than
  the running version, and nothing headless ever records that version, so every start runs it;
- it sees no ``user/extensions/buildid``, empties the extension cache and starts itself again.

`seed_profile` writes the two answers first: ``ooSetupLastVersion`` (the installation's
``ooSetupVersion``, from ``share/registry/main.xcd``) and the extension cache's ``buildid``
(from ``program/versionrc``). Either one LibreOffice does not show is left out; that start
is then slower, not different.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

#: The namespaces of LibreOffice's registry (``user/registrymodifications.xcu``), as it writes them itself.
_OOR = "http://openoffice.org/2001/registry"
_NAMESPACES = {
    "oor": _OOR,
    "xs": "http://www.w3.org/2001/XMLSchema",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_VERSION = re.compile(rb'<prop oor:name="ooSetupVersion">\s*<value>(\d+\.\d+)</value>')
_BUILDID = re.compile(r"^buildid=(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class ProfileSeed:
    """What a new profile is given: LibreOffice's version (``7.4``) and build id (``40(Build:2)``), when known."""

    version: str | None
    buildid: str | None

    def settings(self) -> str:
        """The ``registrymodifications.xcu`` of a new profile."""
        items: list[tuple[str, str, str]] = []
        if self.version is not None:
            items.append(("/org.openoffice.Setup/Product", "ooSetupLastVersion", self.version))
        root = etree.Element(f"{{{_OOR}}}items", nsmap=_NAMESPACES)
        for path, name, value in items:
            item = etree.SubElement(root, "item", {f"{{{_OOR}}}path": path})
            prop = etree.SubElement(item, "prop", {f"{{{_OOR}}}name": name, f"{{{_OOR}}}op": "fuse"})
            etree.SubElement(prop, "value").text = value
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8")


@functools.lru_cache(maxsize=8)
def profile_seed(soffice: str) -> ProfileSeed:
    """The seed for the LibreOffice installation of ``soffice`` (read once per installation)."""
    program = Path(os.path.realpath(soffice)).parent
    return ProfileSeed(
        version=_search(program.parent / "share" / "registry" / "main.xcd", _VERSION),
        buildid=_buildid(program / "versionrc"),
    )


def seed_profile(profile: Path, soffice: str) -> None:
    """Make ``profile`` (a folder that does not exist yet) a new profile ready for ``soffice``'s LibreOffice."""
    seed = profile_seed(soffice)
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(seed.settings(), encoding="utf-8")
    if seed.buildid is not None:
        (user / "extensions").mkdir()
        (user / "extensions" / "buildid").write_text(seed.buildid, encoding="utf-8")


def _search(path: Path, pattern: re.Pattern[bytes]) -> str | None:
    try:
        found = pattern.search(path.read_bytes())
    except OSError:
        return None
    return found.group(1).decode("ascii") if found else None


def _buildid(versionrc: Path) -> str | None:
    try:
        found = _BUILDID.search(versionrc.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return found.group(1).strip() if found else None
