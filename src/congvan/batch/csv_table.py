"""CSV tables: the file's bytes, decoded by `decode`, parsed by the `csv` module line by line.

The `csv` module reads the text as a file object (``newline=""``), so that only ``\\r``, ``\\n``
and ``\\r\\n`` end a line; ``\\x0b``, ``\\x0c``, ``\\x1c``–``\\x1e``, ``\\x85``, ``U+2028`` and ``U+2029``
are characters of their cell, and a quoted line break stays in its cell as ``\\n``.

- A row's number is the file line where it starts, as an editor shows it.
- Between rows, blank lines and lines starting with ``#`` are skipped (comments); inside a
  quoted cell they are part of the cell.
- Cells are stripped; quoting must be well formed (``"a"b`` or a quote never closed is an error,
  not a guess); one cell is at most ``table_cell_bytes`` (`congvan.limits`).
- Header and row shape: `congvan.batch.columns`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from congvan import limits
from congvan.batch.columns import Places, read_table
from congvan.errors import DataError, Problem

_LINE_END = re.compile(rb"\r\n|\r|\n")

_SAVE_AS_UTF8 = (
    "congvan reads CSV tables in UTF-8: save the table again as UTF-8 (Excel: Save As → "
    '"CSV UTF-8 (Comma delimited) (*.csv)"; LibreOffice: Save As → Text CSV, character set "Unicode (UTF-8)")'
)


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of the CSV file ``path``, each with the line where it starts; one DataError for every problem."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError([Problem("", f"cannot be read: {error.strerror or error}")], source) from None
    text = decode(data, source)
    if csv.field_size_limit() < len(text):  # the limit that matters is table_cell_bytes, checked cell by cell
        csv.field_size_limit(len(text))
    syntax: list[Problem] = []
    table = read_table(_records(text, syntax), Places(), check=_cell_size_check(source, Places()))
    problems = table.problems + syntax
    if problems:
        raise DataError(problems, source)
    return table.rows


def decode(data: bytes, source: str) -> str:
    """The text of a table file's bytes: UTF-8, with or without a byte order mark.

    Anything else is a DataError at the first byte that is not UTF-8, saying how to save the file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _not_utf8(data, 0, 'the file starts with a UTF-16 byte order mark (Excel\'s "Unicode Text")', source)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\x00", start)
    if nul >= 0:
        what = 'a NUL byte, which no text table holds: the file looks like UTF-16 (Excel\'s "Unicode Text")'
        raise _not_utf8(data, nul, what, source)
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        what = (
            f"byte 0x{data[offset]:02X} is not UTF-8: the file is in another encoding "
            "(Windows-1258, TCVN3, VNI, Latin-1…)"
        )
        raise _not_utf8(data, offset, what, source) from None


def _not_utf8(data: bytes, offset: int, what: str, source: str) -> DataError:
    line = len(_LINE_END.findall(data, 0, offset)) + 1
    return DataError([Problem(f"byte {offset}", f"{what}. {_SAVE_AS_UTF8}", line)], source)


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


def _records(text: str, syntax: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Each row's first line and stripped cells; a quoted line break (``\\r\\n``, ``\\r``) becomes ``\\n``.

    The rows end at the first quoting mistake, which is added to ``syntax``: what follows it cannot be told apart.
    """
    lines = _Lines(text)
    reader = csv.reader(lines, strict=True)
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
