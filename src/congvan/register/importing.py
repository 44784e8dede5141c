"""Reading an existing register from XLSX or CSV, every row checked before anything is imported.

The header row names the columns, either the ten of Phụ lục IV ("Số, ký hiệu văn bản",
"Ngày tháng văn bản", …, as `congvan.register.export_xlsx` writes them; spelled with or
without diacritics) or the Phụ lục VI field names of the CSV export (``CodeNumber``,
``CodeNotation``, ``IssuedDate``…). A row of column numbers "(1) … (10)" under the header,
as in the model register, is skipped; other columns are ignored.

What is checked, all rows first, every problem reported with its row and column:
each value (a number and ký hiệu, dates, copies); the year (every date in the register's
year, ND30 Điều 15.1: a register is one year's); numbers rising from row to row; a
(số, ký hiệu) twice in the file. `congvan.register.facade` then checks the rows against the
database in the import's own transaction (numbers after the register's last one for the
year, no (số, ký hiệu) of the issuing body already there) and imports all or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from congvan import limits
from congvan.errors import DataError, Problem
from congvan.loading import problems_from
from congvan.register.columns import COLUMNS, VOID_MARK
from congvan.register.entry import Outgoing, clean_text, format_number
from congvan.vietnamese import fold, parse_date

#: Tên loại văn bản of ND30 Phụ lục III (and the legal normative kinds), to split column 3 of an old register.
KINDS = (
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông cáo",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Dự án",
    "Báo cáo",
    "Biên bản",
    "Tờ trình",
    "Hợp đồng",
    "Công văn",
    "Công điện",
    "Bản ghi nhớ",
    "Bản thỏa thuận",
    "Giấy ủy quyền",
    "Giấy mời",
    "Giấy giới thiệu",
    "Giấy nghỉ phép",
    "Phiếu gửi",
    "Phiếu chuyển",
    "Phiếu báo",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
)

# header (folded) → the key it fills
_TEN_KEYS = (
    "number_symbol",
    "date",
    "title",
    "signer_text",
    "recipients",
    "archive",
    "copies",
    "sent_on",
    "received_by",
    "note_text",
)
_HEADERS: dict[str, str] = {
    **{fold(name): key for name, key in zip(COLUMNS, _TEN_KEYS, strict=True)},
    fold("Số và ký hiệu văn bản"): "number_symbol",
    fold("Số, ký hiệu"): "number_symbol",
    fold("Ngày, tháng văn bản"): "date",
    fold("Ngày tháng"): "date",
    fold("Tên loại và trích yếu nội dung"): "title",
    fold("Trích yếu nội dung"): "title",
    fold("Nơi nhận"): "recipients",
    **{
        fold(name): key
        for name, key in (
            ("CodeNumber", "number"),
            ("CodeNotation", "symbol"),
            ("IssuedDate", "date"),
            ("TypeName", "kind"),
            ("Subject", "subject"),
            ("SignerInfo.Position", "signer_position"),
            ("SignerInfo.FullName", "signer"),
            ("To.OrganId", "recipient_ids"),
            ("To.OrganName", "recipients_list"),
            ("ArchiveTo", "archive"),
            ("IssuedAmount", "copies"),
            ("TransferDate", "sent_on"),
            ("ReceivedBy", "received_by"),
            ("Description", "note"),
            ("Language", "language"),
            ("PageAmount", "pages"),
            ("Priority", "priority"),
            ("DueDate", "due_date"),
            ("FileCode.FileNotation", "file_notation"),
            ("DocOrdinal", "doc_ordinal"),
            ("File", "file"),
            ("Sha256", "sha256"),
            ("Voided", "voided"),
            ("VoidReason", "void_reason"),
        )
    },
}
_COLUMN_NUMBER = re.compile(r"^\(\d+\)$")
_NUMBER_SYMBOL = re.compile(r"^(?:số:?\s*)?(?P<number>\d+)\s*/\s*(?P<symbol>\S+)$", re.IGNORECASE)
_TRUE = {"true", "1", "x", "yes", "có", "co", "đã hủy", "da huy"}
_FALSE = {"", "false", "0", "no", "không", "khong"}


@dataclass(frozen=True)
class ImportRow:
    """One checked row: where it was, its number, the document, and whether the number was voided."""

    row: int
    number: int
    outgoing: Outgoing
    voided: bool
    void_reason: str


@dataclass(frozen=True)
class Table:
    """A table as read: its header (as written), and the rows with their numbers as a person sees them."""

    header: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]


def _check_cell(value: Any, where: str) -> Any:
    if isinstance(value, str):
        limits.current().raise_for("table_cell_bytes", len(value.encode("utf-8", "surrogatepass")), where)
    return value


def _read_csv(path: Path) -> list[tuple[int, list[Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem("", f"not UTF-8 text ({error.reason} at byte {error.start}): save the CSV as UTF-8")],
            str(path),
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, [_check_cell(c, f"row {start} of {path}") for c in cells]))
            start = reader.line_num + 1
    except csv.Error as error:
        raise DataError([Problem(f"row {start}", f"CSV syntax: {error}")], str(path)) from None
    return rows


def _read_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataError([Problem("", f"not an .xlsx workbook ({error})")], str(path)) from None
    try:
        sheet = book.worksheets[0]
        return [
            (number, [_check_cell(v, f"row {number} of {path}") for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, SyntaxError) as error:  # a damaged sheet
        raise DataError([Problem("", f"the workbook's first sheet cannot be read ({error})")], str(path)) from None
    finally:
        book.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(path: str | Path) -> Table:
    """The header and rows of the first sheet of an .xlsx, or of a UTF-8 .csv; blank rows are dropped."""
    source = Path(path)
    if not source.is_file():
        raise DataError([Problem("", "file not found")], str(source))
    suffix = source.suffix.casefold()
    if suffix == ".csv":
        raw = _read_csv(source)
    elif suffix in (".xlsx", ".xlsm"):
        raw = _read_xlsx(source)
    else:
        raise DataError([Problem("", f"unknown table format {suffix!r}: import a .xlsx or a .csv")], str(source))
    rows = [(n, cells) for n, cells in raw if not all(_blank(c) for c in cells)]
    if not rows:
        raise DataError([Problem("", "the table is empty: expected a header row and one row per entry")], str(source))
    header_row, header = rows[0]
    body = rows[1:]
    if body and all(_blank(c) or _COLUMN_NUMBER.match(str(c).strip()) for c in body[0][1]):
        body = body[1:]  # the "(1) (2) … (10)" row of the model register
    return Table(["" if c is None else str(c).strip() for c in header], header_row, body)


# --------------------------------------------------------------------------- reading values


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return clean_text(str(value) if not isinstance(value, str) else value)


def _date(value: Any) -> dt.date | None:
    if _blank(value):
        return None
    return parse_date(value if not isinstance(value, str) else value.strip())


def _whole(value: Any) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(f"{value!r} is not a whole number")
    return int(text)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes or no: write true/false, có/không, x or leave it blank")


def _number_symbol(value: Any) -> tuple[int, str]:
    text = _text(value)
    match = _NUMBER_SYMBOL.match(text)
    if not match or int(match["number"]) < 1:
        raise ValueError(
            f"{text!r} is not a number and symbol: write it as 07/BTTTT-TTĐN (number, '/', ký hiệu)"
            if text
            else "required: the number and symbol, e.g. 07/BTTTT-TTĐN"
        )
    return int(match["number"]), match["symbol"]


def split_title(text: str) -> tuple[str, str]:
    """Column 3 as (kind, subject): the first line is the kind when there are two, else a known kind's name.

    >>> split_title("Công văn\\nV/v kế hoạch năm 2020")
    ('Công văn', 'V/v kế hoạch năm 2020')
    >>> split_title("Quyết định về việc khen thưởng")
    ('Quyết định', 'về việc khen thưởng')
    >>> split_title("V/v kế hoạch")
    ('', 'V/v kế hoạch')
    """
    first, newline, rest = text.partition("\n")
    if newline:
        return first, rest.replace("\n", " ")
    folded = fold(text)
    for kind in sorted(KINDS, key=len, reverse=True):
        key = fold(kind)
        if folded.startswith(key + " ") or folded.startswith(key + ":"):
            return kind, text[len(kind) :].lstrip(" :")
    return "", text


def _void_note(text: str) -> tuple[bool, str, str]:
    """Column 10 as (voided, reason, note): "Đã hủy số: lý do" on the first line marks a voided number."""
    first, _, rest = text.partition("\n")
    head, colon, reason = first.partition(":")
    if fold(head) in (fold(VOID_MARK), fold("Đã hủy"), fold("Hủy số")):
        return True, reason.strip() if colon else "", rest
    return False, "", text


# --------------------------------------------------------------------------- rows


_FIELD_KEYS = {
    "kind": ("kind", "title"),
    "subject": ("subject", "title"),
    "symbol": ("symbol", "number_symbol"),
    "signer": ("signer", "signer_text"),
    "signer_position": ("signer_position", "signer_text"),
    "recipients": ("recipients", "recipients_list"),
    "note": ("note", "note_text"),
}


def _columns(table: Table, source: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(table.header):
        key = _HEADERS.get(fold(name))
        if key is not None and key not in found:
            found[key] = index
    missing = []
    if "number_symbol" not in found and not {"number", "symbol"} <= found.keys():
        missing.append(f"{COLUMNS[0]!r} (or CodeNumber and CodeNotation)")
    if "date" not in found:
        missing.append(f"{COLUMNS[1]!r} (or IssuedDate)")
    if "title" not in found and "subject" not in found:
        missing.append(f"{COLUMNS[2]!r} (or Subject)")
    if missing:
        raise DataError(
            [Problem(f"row {table.header_row} (header)", f"no column {name}") for name in missing]
            + [Problem(f"row {table.header_row} (header)", "the header row must name the ten columns of the register")],
            source,
        )
    return found


def _row_values(cells: list[Any], columns: dict[str, int]) -> dict[str, Any]:
    return {key: cells[index] if index < len(cells) else None for key, index in columns.items()}


def _read_row(values: dict[str, Any], column: Callable[[str], str], problems: list[Problem], where: str) -> Any:
    """The row as (number, fields for `Outgoing`, voided, reason), or None after recording its problems."""
    fields: dict[str, Any] = {}
    bad = len(problems)

    def attempt(key: str, read: Callable[[Any], Any]) -> Any:
        try:
            return read(values[key])
        except ValueError as error:
            problems.append(Problem(f"{where}, column {column(key)}", str(error)))
            return None

    number: int | None = None
    if "number_symbol" in values:
        pair = attempt("number_symbol", _number_symbol)
        if pair:
            number, fields["symbol"] = pair
    else:
        number = attempt("number", _whole)
        if number is None and len(problems) == bad:
            problems.append(Problem(f"{where}, column {column('number')}", "required: the number"))
        fields["symbol"] = attempt("symbol", _text) or ""
    fields["date"] = attempt("date", _date)
    if fields["date"] is None and not any(p.location == f"{where}, column {column('date')}" for p in problems[bad:]):
        problems.append(Problem(f"{where}, column {column('date')}", "required: the date of the document"))
    if "title" in values:
        title = attempt("title", _text) or ""
        fields["kind"], fields["subject"] = split_title(title)
    for key in ("kind", "subject", "signer", "signer_position", "recipient_ids", "archive", "received_by"):
        if key in values:
            fields[key] = attempt(key, _text) or ""
    for key in ("language", "file_notation", "file", "sha256"):
        if key in values and not _blank(values[key]):
            fields[key] = attempt(key, _text)
    if "signer_text" in values:
        lines = (attempt("signer_text", _text) or "").split("\n")
        fields["signer"], fields["signer_position"] = lines[-1], " ".join(lines[:-1])
    if "recipients" in values:
        fields["recipients"] = attempt("recipients", _text) or ""
    elif "recipients_list" in values:
        text = attempt("recipients_list", _text) or ""
        fields["recipients"] = "\n".join(part.strip() for part in text.split(";") if part.strip())
    for key in ("copies", "pages", "priority", "doc_ordinal"):
        if key in values:
            fields[key] = attempt(key, _whole)
    for key in ("sent_on", "due_date"):
        if key in values:
            fields[key] = attempt(key, _date)
    voided, reason = False, ""
    if "note_text" in values:
        voided, reason, fields["note"] = _void_note(attempt("note_text", _text) or "")
    elif "note" in values:
        fields["note"] = attempt("note", _text) or ""
    if "voided" in values:
        voided = bool(attempt("voided", _flag))
    if "void_reason" in values:
        reason = attempt("void_reason", _text) or reason
    if len(reason) > 500:
        key = "void_reason" if "void_reason" in values else "note_text"
        problems.append(
            Problem(f"{where}, column {column(key)}", f"the reason is {len(reason)} characters, at most 500")
        )
    reported = {p.location for p in problems[bad:]}
    fields = {key: value for key, value in fields.items() if value is not None}
    try:
        outgoing = Outgoing(**fields)
    except ValidationError as error:
        for problem in problems_from(error):
            field = problem.location.split(".")[0]
            keys = _FIELD_KEYS.get(field, (field,))
            location = f"{where}, column {next((column(k) for k in keys if k in values), field or '(row)')}"
            if location not in reported:  # a value that could not be read is reported once
                problems.append(Problem(location, problem.message))
        return None
    if len(problems) > bad or number is None:
        return None
    return number, outgoing, voided, reason


def _row_of(problem: Problem) -> int:
    match = re.match(r"row (\d+)", problem.location)
    return int(match[1]) if match else 0


def check_rows(table: Table, *, source: str, year: int | None = None) -> list[ImportRow]:
    """Every row of ``table`` checked on its own and against the others; one `DataError` lists every problem.

    ``year`` is the register's year; by default the year of the first row's date.
    """
    columns = _columns(table, source)

    def column(key: str) -> str:
        return table.header[columns[key]] if key in columns else key

    problems: list[Problem] = []
    checked: list[ImportRow] = []
    for number, cells in table.rows:
        result = _read_row(_row_values(cells, columns), column, problems, f"row {number}")
        if result is not None:
            checked.append(ImportRow(number, result[0], result[1], result[2], result[3]))
    book_year = year if year is not None else (checked[0].outgoing.year if checked else None)
    previous: ImportRow | None = None
    seen: dict[tuple[int, str], int] = {}
    for row in checked:
        where_date = f"row {row.row}, column {column('date')}"
        where_number = f"row {row.row}, column {column('number_symbol' if 'number_symbol' in columns else 'number')}"
        if book_year is not None and row.outgoing.year != book_year:
            problems.append(
                Problem(
                    where_date,
                    f"{row.outgoing.date.isoformat()} is outside {book_year}, the year of this register: a register "
                    "holds one year, numbered from 01 (ND30 Điều 15.1); import each year's register on its own",
                )
            )
        key = (row.number, row.outgoing.symbol)
        if key in seen:
            problems.append(
                Problem(where_number, f"{format_number(row.number)}/{row.outgoing.symbol} is also in row {seen[key]}")
            )
        else:
            seen[key] = row.row
            if previous is not None and row.number <= previous.number:
                problems.append(
                    Problem(
                        where_number,
                        f"number {format_number(row.number)} does not follow {format_number(previous.number)} of "
                        f"row {previous.row}: numbers rise in the order of issue (ND30 Điều 15.1)",
                    )
                )
        previous = row
    if problems:
        raise DataError(sorted(problems, key=_row_of), source=source)
    if not checked:
        raise DataError([Problem("", "the table has a header but no entry")], source=source)
    return checked
