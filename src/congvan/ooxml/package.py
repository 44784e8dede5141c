"""Package parts of a .docx: the relationships of a part, and a deterministic zip writer.

A part's relationships live in ``<folder>/_rels/<name>.rels`` (``_rels/.rels``
for the package's own); each names an id, a type and a target relative to the
part's folder (ECMA-376 Part 2, §9.3).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from congvan.ooxml.names import RELS_NS

#: Every member's timestamp in a written package, so that a build gives the same bytes every time.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_PARSER = etree.XMLParser(resolve_entities=False)
_RELATIONSHIP = f"{{{RELS_NS}}}Relationship"


@dataclass(frozen=True)
class Relationship:
    """One ``Relationship`` of a ``.rels`` part."""

    id: str
    type: str
    target: str
    """``Target`` as written (relative to the source part's folder, or absolute from the package root)."""
    external: bool
    """``TargetMode="External"``: the target is a URI outside the package, not a part."""
    part: str
    """The target's part name in the package (``word/header1.xml``); for an external target, the target."""


def rels_part_name(part: str) -> str:
    """The name of the ``.rels`` part holding the relationships of ``part`` (``""``: of the package)."""
    if not part:
        return "_rels/.rels"
    path = PurePosixPath(part)
    return str(path.parent / "_rels" / (path.name + ".rels"))


def read_relationships(data: bytes, part: str = "") -> list[Relationship]:
    """The relationships in the ``.rels`` part ``data`` of ``part`` (``""``: the package), in their order.

    Raises `lxml.etree.XMLSyntaxError` when ``data`` is not well-formed; entities are not resolved.
    """
    folder = PurePosixPath(part).parent if part else PurePosixPath("")
    found = []
    for rel in etree.fromstring(data, _PARSER).iter(_RELATIONSHIP):
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        if external:
            name = target
        elif target.startswith("/"):
            name = target.lstrip("/")
        else:
            name = _normalise(folder / target)
        found.append(Relationship(rel.get("Id", ""), rel.get("Type", ""), target, external, name))
    return found


def _normalise(path: PurePosixPath) -> str:
    """``word/../media/a.png`` → ``media/a.png``: ``..`` and ``.`` resolved, never above the package root."""
    parts: list[str] = []
    for piece in path.parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts)


def write_package(parts: Mapping[str, bytes]) -> bytes:
    """A zip of ``parts`` in their order, deflated, each dated `ZIP_DATE` with mode 0644: same parts, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
