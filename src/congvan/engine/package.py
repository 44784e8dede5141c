"""Read a .docx package once and write rendered packages deterministically.

A rendered package is assembled from blocks: the members that never change
are deflated once, at compile time, together with their local file header;
only the templated parts are compressed on each render. Every member carries
the same fixed timestamp (1980-01-01 00:00) and keeps its order in the
template, so identical contexts give identical bytes.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Union

from lxml import etree

from congvan import limits
from congvan.errors import TemplateFileError
from congvan.ooxml.package import read_relationships, rels_part_name

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, IO[bytes]]

_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_UTF8_FLAG = 0x800
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_NOT_A_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def read_source(source: Source) -> bytes:
    """Return the bytes of a template given as a path, bytes or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, bytes):
            raise TemplateFileError("the template file object must be opened in binary mode")
        return data
    try:
        with open(source, "rb") as fh:
            return fh.read()
    except FileNotFoundError as exc:
        raise TemplateFileError(f"template not found: {os.fspath(source)}") from exc
    except IsADirectoryError as exc:
        raise TemplateFileError(f"template is a directory, not a .docx: {os.fspath(source)}") from exc


@dataclass(frozen=True)
class Package:
    """The members of a .docx zip, in their stored order."""

    names: tuple[str, ...]
    members: Mapping[str, bytes]

    @classmethod
    def from_bytes(cls, data: bytes, label: str = "template") -> Package:
        """Open a .docx held in ``data``; raise `TemplateFileError` when it is not one.

        The members, uncompressed, may hold at most ``template_unpacked_bytes``
        all together (`LimitExceeded` naming the member that goes over): the
        sizes the zip declares are checked before anything is unpacked, and
        each member is read with a bounded read, whatever its header says.
        """
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = [info for info in zf.infolist() if not info.is_dir()]
                names = tuple(info.filename for info in infos)
                _check_declared_sizes(infos, label)
                members = _read_members(zf, names, label)
        except _NOT_A_ZIP as exc:
            raise TemplateFileError(f"{label} is not a .docx file (not a readable zip package: {exc})") from exc
        if "[Content_Types].xml" not in members:
            raise TemplateFileError(f"{label} is not a .docx file: no [Content_Types].xml")
        return cls(names, members)

    def relationships(self, part: str) -> list[tuple[str, str]]:
        """Return ``(type, target part name)`` for each internal relationship of ``part``.

        ``part`` is ``""`` for the package relationships (``_rels/.rels``).
        """
        rels_name = rels_part_name(part)
        data = self.members.get(rels_name)
        if data is None:
            return []
        try:
            found = read_relationships(data, part)
        except etree.XMLSyntaxError as exc:
            raise TemplateFileError(f"the template's part {rels_name} is not well-formed XML ({exc})") from exc
        return [(rel.type, rel.part) for rel in found if not rel.external]


def _unpacked_limit(size: int, label: str, member: str) -> None:
    limits.current().raise_for(
        "template_unpacked_bytes", size, f"{label} unpacked (its members up to and including {member}, in bytes)"
    )


def _check_declared_sizes(infos: list[zipfile.ZipInfo], label: str) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        _unpacked_limit(total, label, info.filename)


def _read_members(zf: zipfile.ZipFile, names: tuple[str, ...], label: str) -> dict[str, bytes]:
    """Every member's bytes, never more than the unpacked limit all together."""
    budget = limits.current().template_unpacked_bytes
    used = 0
    members = {}
    for name in names:
        with zf.open(name) as fh:
            data = fh.read(budget - used + 1)
        used += len(data)
        _unpacked_limit(used, label, name)
        members[name] = data
    return members


@dataclass(frozen=True)
class Entry:
    """One member ready to be written: its name and already compressed data."""

    name: bytes
    flags: int
    method: int
    crc: int
    compressed: bytes
    size: int

    def local_block(self) -> bytes:
        """The local file header followed by the compressed data."""
        header = _LOCAL.pack(
            0x04034B50,
            20,
            self.flags,
            self.method,
            _DOS_TIME,
            _DOS_DATE,
            self.crc,
            len(self.compressed),
            self.size,
            len(self.name),
            0,
        )
        return header + self.name + self.compressed

    def central_record(self, offset: int) -> bytes:
        """The central directory record of this member stored at ``offset``."""
        return (
            _CENTRAL.pack(
                0x02014B50,
                20,
                20,
                self.flags,
                self.method,
                _DOS_TIME,
                _DOS_DATE,
                self.crc,
                len(self.compressed),
                self.size,
                len(self.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + self.name
        )


def deflate(name: str, data: bytes, level: int) -> Entry:
    """Compress ``data`` as the member ``name`` (raw deflate at ``level``)."""
    encoded = name.encode("utf-8")
    flags = 0 if encoded.isascii() else _UTF8_FLAG
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    return Entry(encoded, flags, zipfile.ZIP_DEFLATED, zlib.crc32(data), compressed, len(data))


class ZipLayout:
    """The fixed shape of an output package: static blocks and slots for rendered parts.

    ``slots`` names the templated parts in package order; `assemble` takes their
    rendered bytes in that order.
    """

    __slots__ = ("_items", "slots", "_level")

    def __init__(self, names: Iterable[str], static: Mapping[str, bytes], level: int) -> None:
        items: list[tuple[Entry, bytes] | str] = []
        slots: list[str] = []
        for name in names:
            if name in static:
                entry = deflate(name, static[name], level)
                items.append((entry, entry.local_block()))
            else:
                items.append(name)
                slots.append(name)
        self._items = tuple(items)
        self.slots = tuple(slots)
        self._level = level

    def assemble(self, rendered: Mapping[str, bytes]) -> bytes:
        """Return the zip bytes with ``rendered[name]`` for each slot."""
        blocks: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for item in self._items:
            if isinstance(item, str):
                entry = deflate(item, rendered[item], self._level)
                block = entry.local_block()
            else:
                entry, block = item
            central.append(entry.central_record(offset))
            blocks.append(block)
            offset += len(block)
        directory = b"".join(central)
        count = len(central)
        end = _END.pack(0x06054B50, 0, 0, count, count, len(directory), offset, 0)
        blocks.append(directory)
        blocks.append(end)
        return b"".join(blocks)
