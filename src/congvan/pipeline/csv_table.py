"""CSV tables: the file's bytes, decoded by `decode`, parsed by the `csv` module line by line.

- Encoding (`decode`): the one a byte order mark names (UTF-8, UTF-16 or UTF-32; Excel's "Unicode Text"
  is UTF-16 LE with a mark, tab-separated), else the one named (any Python codec, ``tcvn3``, ``vni``:
  `congvan.legacy`), else strict UTF-8. A byte that cannot be read is an error naming its offset and
  line and what to do. The text is NFC.
- Delimiter (`sniff_delimiter`): the most frequent of ``,`` ``;`` tab outside quotes in the first line
  that is not blank or a comment, ``,`` on a tie; or the one named (``,`` ``;`` tab ``|``).
- Cells that hold TCVN3 or VNI text read as Unicode ("Hµ Néi") are warned about, never converted
  (`congvan.pipeline.columns.warn_legacy_text`).

The `csv` module reads the text as a file object (``newline=""``), so that only ``\\r``, ``\\n``
and ``\\r\\n`` end a line; ``\\x0b``, ``\\x0c``, ``\\x1c``–``\\x1e``, ``\\x85``, ``U+2028`` and ``U+2029``
are characters of their cell, and a quoted line break stays in its cell as ``\\n``.

- A row's number is the file line where it starts, as an editor shows it.
- Between rows, blank lines and lines starting with ``#`` are skipped (comments); inside a
  quoted cell they are part of the cell.
- Cells are stripped; quoting must be well formed (``"a"b`` or a quote never closed is an error,
  not a guess); one cell is at most ``table_cell_bytes`` (`congvan.limits`).
- Header and row shape: `congvan.pipeline.columns`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import cast

from congvan import legacy, limits
from congvan.errors import DataError, Problem
from congvan.pipeline.columns import Places, read_table, warn_legacy_text

_LINE_END = re.compile(rb"\r\n|\r|\n")
_TEXT_LINE_END = re.compile(r"\r\n|\r|\n")

#: Byte order marks and the encoding each names; UTF-32's first, since UTF-32 LE's begins with UTF-16 LE's.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: The encodings named that agree with each mark ("utf-16" reads either UTF-16 mark), and the mark's name.
_AGREES = {
    "utf-8": ({"utf-8", "utf-8-sig"}, "UTF-8"),
    "utf-16-le": ({"utf-16", "utf-16-le"}, "UTF-16 (little-endian)"),
    "utf-16-be": ({"utf-16", "utf-16-be"}, "UTF-16 (big-endian)"),
    "utf-32-le": ({"utf-32", "utf-32-le"}, "UTF-32 (little-endian)"),
    "utf-32-be": ({"utf-32", "utf-32-be"}, "UTF-32 (big-endian)"),
}
#: Without a mark, "utf-16" and "utf-32" are read as Windows writes them (little-endian), on any machine.
_UNMARKED = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}

#: How a delimiter may be named (``tab`` and ``\\t`` as typed in a shell), and the character it is.
DELIMITERS = {",": ",", ";": ";", "\t": "\t", "tab": "\t", "\\t": "\t", "|": "|"}
#: The delimiters `sniff_delimiter` chooses from, in the order that settles a tie.
_SNIFFED = (",", ";", "\t")

_SAVE_AS_UTF8 = (
    'save the table again as UTF-8 (Excel: Save As → "CSV UTF-8 (Comma delimited) (*.csv)"; '
    'LibreOffice: Save As → Text CSV, character set "Unicode (UTF-8)")'
)
_WHAT_TO_DO = (
    "run again with --encoding cp1258 (Windows-1258), --encoding tcvn3 (TCVN3: ABC, .VnTime fonts), "
    "--encoding vni (VNI-Times fonts) or --encoding and any Python codec (encoding= in Python); "
    f"or {_SAVE_AS_UTF8}"
)


def read_csv(path: Path, encoding: str | None = None, delimiter: str | None = None) -> list[tuple[int, dict[str, str]]]:
    """The rows of the CSV file ``path``, each with the line where it starts; one DataError for every problem.

    ``encoding`` and ``delimiter``: as `encoding_named` and `delimiter_named` take them; None: detected.
    """
    source = str(path)
    named = None if encoding is None else _option(encoding_named, encoding, "encoding", source)
    separator = None if delimiter is None else _option(delimiter_named, delimiter, "delimiter", source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError([Problem("", f"cannot be read: {error.strerror or error}")], source) from None
    text = decode(data, source, named)
    if csv.field_size_limit() < len(text):  # the limit that matters is table_cell_bytes, checked cell by cell
        csv.field_size_limit(len(text))
    syntax: list[Problem] = []
    records = _records(text, separator or sniff_delimiter(text), syntax)
    table = read_table(records, Places(), check=_cell_size_check(source, Places()))
    if named not in legacy.ENCODINGS:
        warn_legacy_text(table, Places(), source, _legacy_advice)
    problems = table.problems + syntax
    if problems:
        raise DataError(problems, source)
    return table.rows


def encoding_named(name: str) -> str:
    """The encoding ``name`` stands for: ``tcvn3``, ``vni`` or a Python text codec's own name; ValueError if none."""
    folded = name.strip().casefold()
    if folded in legacy.ENCODINGS:
        return folded
    try:
        info = codecs.lookup(folded)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise ValueError(
            f"unknown encoding {name!r}: use a Python codec (utf-8, utf-16, cp1258, latin-1…), tcvn3 or vni"
        )
    return info.name


def delimiter_named(name: str) -> str:
    """The delimiter ``name`` stands for: ``,`` ``;`` ``|``, or tab (``tab``, ``\\t`` or the character); ValueError."""
    try:
        return DELIMITERS[name.casefold()]
    except KeyError:
        raise ValueError(f"unknown delimiter {name!r}: use , ; tab or |") from None


def _option(parse: Callable[[str], str], value: str, option: str, source: str) -> str:
    try:
        return parse(value)
    except ValueError as error:
        raise DataError([Problem(option, str(error))], source) from None


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text (NFC) of a table file's bytes.

    - A byte order mark (UTF-8, UTF-16 or UTF-32, LE or BE) chooses the encoding; ``encoding``, if given,
      must agree.
    - Otherwise ``encoding`` (a name `encoding_named` gives), by default strict UTF-8.

    Anything else is a DataError at the first byte that cannot be read, with its line, saying what to do.
    """
    named = None if encoding is None else _option(encoding_named, encoding, "encoding", source)
    mark, marked = next(((mark, codec) for mark, codec in _MARKS if data.startswith(mark)), (b"", None))
    if marked is not None and named is not None and named not in _AGREES[marked][0]:
        name = _AGREES[marked][1]
        what = f"the file starts with a {name} byte order mark, so it is in {name}, not {named}: leave out --encoding"
        raise DataError([Problem("byte 0", what, 1)], source)
    codec = marked or _UNMARKED.get(named or "", named) or "utf-8"
    wide = _wide(codec)
    if not wide and b"\x00" in data:
        offset = data.index(b"\x00")
        guess = "utf-16-le" if offset % 2 else "utf-16-be"
        what = (
            'a NUL byte, which no text table holds: the file looks like UTF-16 (Excel\'s "Unicode Text") without '
            f"a byte order mark; read it with --encoding {guess}, or {_SAVE_AS_UTF8}"
        )
        raise _unreadable(data, offset, what, source)
    body = data[len(mark) :]
    if codec in legacy.ENCODINGS:
        old = cast(legacy.Legacy, codec)
        try:
            return legacy.decode(body, old)
        except legacy.LegacyDecodeError as error:
            offset = len(mark) + error.position
            name = legacy.NAMES[old]
            what = f"byte 0x{data[offset]:02X} is not part of a {name} letter, so the file is not in {name}"
            raise _unreadable(data, offset, f"{what}: {_WHAT_TO_DO}", source) from None
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        offset = len(mark) + error.start
        if wide and error.end >= len(body):  # an odd number of bytes in UTF-16, say
            what = f"the file ends in the middle of a {codec} character: it was cut short; copy it again, or {_SAVE_AS_UTF8}"
        elif named is None and codec == "utf-8":
            what = (
                f"byte 0x{data[offset]:02X} is not UTF-8: the file is in another encoding "
                f"(Windows-1258, TCVN3, VNI, Latin-1…); {_WHAT_TO_DO}"
            )
        else:
            what = (
                f"byte 0x{data[offset]:02X} cannot be read as {codec} ({error.reason}), so the file is in "
                f"another encoding: {_WHAT_TO_DO}"
            )
        raise _unreadable(data, offset, what, source, mark, codec) from None
    if "\x00" in text:  # a wide encoding: a NUL character rather than a NUL byte
        index = text.index("\x00")
        offset = len(mark) + len(text[:index].encode(codec)) - len("".encode(codec))
        what = f"a NUL character, which no text table holds: is the file in {codec}?"
        raise _unreadable(data, offset, what, source, mark, codec)
    return unicodedata.normalize("NFC", text)


def _wide(codec: str) -> bool:
    """Whether ``codec`` writes NUL bytes in ordinary text (UTF-16, UTF-32): a NUL byte then says nothing."""
    if codec in legacy.ENCODINGS:
        return False
    try:
        return b"\x00" in "\n".encode(codec)
    except UnicodeError:
        return False


def _unreadable(data: bytes, offset: int, what: str, source: str, mark: bytes = b"", codec: str = "") -> DataError:
    """The DataError for ``data`` at ``offset``, with its line (counted in the text for a wide ``codec``)."""
    if codec and _wide(codec):
        line = len(_TEXT_LINE_END.findall(data[len(mark) : offset].decode(codec, errors="replace"))) + 1
    else:
        line = len(_LINE_END.findall(data, 0, offset)) + 1
    return DataError([Problem(f"byte {offset}", what, line)], source)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: of ``,`` ``;`` tab, the most frequent outside quotes in the first line that is
    not blank or a comment (``#``); ``,`` on a tie, and for a table of one column."""
    for line in io.StringIO(text, newline=""):
        if not line.strip() or line.startswith("#"):
            continue
        counts = dict.fromkeys(_SNIFFED, 0)
        quoted = False
        for char in line:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in counts:
                counts[char] += 1
        return max(_SNIFFED, key=lambda candidate: counts[candidate])  # max keeps the first of equals
    return ","


def _legacy_advice(encoding: legacy.Legacy) -> str:
    name, font = legacy.NAMES[encoding], legacy.FONTS[encoding]
    return (
        f"If the file itself is in {name}, read it with --encoding {encoding}; if the text was converted or pasted "
        f"as it shows in a {font} font, convert it from {name} to Unicode (e.g. with UniKey's converter) and "
        "save the table again"
    )


class _Lines:
    """The lines of a CSV text for `csv.reader`, numbered, with blank and ``#`` lines between rows skipped."""

    def __init__(self, text: str) -> None:
        self._stream = io.StringIO(text, newline="")
        self.number = 0
        """Lines read so far: the line `csv.reader` is on."""
        self.start = 0
        """The line where the row being read starts."""
        self.between_rows = True

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        for line in self._stream:
            self.number += 1
            if self.between_rows:
                if not line.strip() or line.startswith("#"):
                    continue
                self.between_rows = False
                self.start = self.number
            return line
        raise StopIteration


def _records(text: str, delimiter: str, syntax: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Each row's first line and stripped cells; a quoted line break (``\\r\\n``, ``\\r``) becomes ``\\n``.

    The rows end at the first quoting mistake, which is added to ``syntax``: what follows it cannot be told apart.
    """
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            syntax.append(_syntax_problem(error, lines))
            return
        lines.between_rows = True
        yield lines.start, [_cell(cell) for cell in cells]


def _cell(text: str) -> str:
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).strip()


def _syntax_problem(error: csv.Error, lines: _Lines) -> Problem:
    reason = str(error)
    if "unexpected end of data" in reason:
        message = (
            f'a quote (") opens a cell on line {lines.start} and is never closed, so the rest of the file would '
            'be that one cell: close the quote, or write a quote inside a cell as two ("")'
        )
        return Problem(f"line {lines.start}", message, None)
    if "expected after" in reason:
        message = (
            'text follows the closing quote of a cell (as in "a"b): quote the whole cell and write each quote '
            'inside it as two ("a""b")'
        )
        return Problem(f"line {lines.number}", message, None)
    return Problem(f"line {lines.number}", f"not readable as CSV: {reason}", None)


def _cell_size_check(source: str, places: Places) -> Callable[[int, Sequence[str], list[str]], None]:
    """A `read_table` check: `LimitExceeded` for a cell over ``table_cell_bytes``, naming its row and column."""
    maximum = limits.current().table_cell_bytes

    def check(number: int, cells: Sequence[str], names: list[str]) -> None:
        for index, value in enumerate(cells):
            if len(value) * 4 > maximum:  # a character is at most 4 bytes: only long cells are measured
                name = names[index] if index < len(names) else None
                what = f"{source}: {places.cell(number, index, name)}: the cell, in bytes,"
                limits.current().raise_for("table_cell_bytes", len(value.encode("utf-8")), what)

    return check
