"""``congvan register``: the register of outgoing documents (sổ đăng ký văn bản đi), numbered by ND30 Điều 15.

REGISTER is an SQLite file (created by ``init``) or a ``postgresql://`` URL shared by an office::

    congvan register init REGISTER [--name NAME]
    congvan register take REGISTER --date YYYY-MM-DD --symbol BTTTT-TTĐN --subject "…" [--kind "Công văn"]
                          [--signer "…"] [--to "…"] [--copies N] [--name NAME]
    congvan register void REGISTER --year YYYY --number N --reason "…" [--name NAME]
    congvan register list REGISTER --year YYYY [--name NAME] [--format text|csv|json]
    congvan register export REGISTER --year YYYY -o FILE.xlsx|FILE.docx|FILE.pdf [--name NAME]
    congvan register import REGISTER FILE.xlsx|FILE.csv [--name NAME]
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

FORMATS = ("text", "csv", "json")
DEFAULT_NAME = "outgoing"  # congvan.register.DEFAULT_NAME, kept here so that building the parser imports nothing


def _date(value: str) -> dt.date:
    from congvan.vietnamese import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD, e.g. 2024-03-05") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 1")
    return number


def _year(value: str) -> int:
    if not (value.isdigit() and len(value) == 4):
        raise argparse.ArgumentTypeError(f"invalid year {value!r}: expected four digits, e.g. 2024")
    return int(value)


def _common(parser: argparse.ArgumentParser, *, by: bool = True) -> None:
    parser.add_argument("register", metavar="REGISTER", help="an SQLite file, or a postgresql://user@host/db URL")
    parser.add_argument(
        "--name", default=DEFAULT_NAME, help=f"which register (sổ) of the database (default: {DEFAULT_NAME})"
    )
    if by:
        parser.add_argument("--by", default=None, metavar="WHO", help="who acts, for the history (default: the user)")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "register",
        help="the register of outgoing documents: numbers by ND30 Điều 15",
        description="The register of outgoing documents (sổ đăng ký văn bản đi): numbers per register and year "
        "(ND30 Điều 15), void, list, export (docx, pdf, xlsx, csv, json), import. REGISTER is an SQLite file "
        "or a postgresql:// URL.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    init = actions.add_parser("init", help="create a register (and its database file)")
    _common(init)
    init.add_argument("--title", default=None, help='the title on the cover (default: "Sổ đăng ký văn bản đi")')
    init.add_argument("--organ", default="", help="the issuing body (tên cơ quan, tổ chức), for the cover")
    init.add_argument("--organ-id", default="", help="its identifier (mã định danh, ND30 Phụ lục VI OrganId)")
    init.add_argument("--parent", default="", help="its parent body (cơ quan chủ quản trực tiếp), for the cover")
    init.set_defaults(run=_init)

    take = actions.add_parser("take", help="give the next number to a document; prints it, e.g. 07/BTTTT-TTĐN")
    _common(take)
    take.add_argument("--date", type=_date, required=True, help="the document's date; its year picks the sequence")
    take.add_argument("--symbol", required=True, help="ký hiệu, e.g. BTTTT-TTĐN or QĐ-BNV")
    take.add_argument("--subject", required=True, help="trích yếu nội dung")
    take.add_argument("--kind", default="Công văn", help='tên loại văn bản (default: "Công văn")')
    take.add_argument("--signer", default="", help="người ký: full name")
    take.add_argument("--position", default="", help="the signer's position (chức vụ)")
    take.add_argument("--to", action="append", default=[], metavar="RECIPIENT", help="nơi nhận (repeat for several)")
    take.add_argument("--archive", default="", help='đơn vị, người nhận bản lưu, e.g. "VT, TTĐN"')
    take.add_argument("--copies", type=_positive, default=None, help="số lượng bản")
    take.add_argument("--note", default="", help="ghi chú")
    take.add_argument("--file", default=None, metavar="PATH", help="the produced file: its name and SHA-256 are kept")
    take.set_defaults(run=_take)

    void = actions.add_parser("void", help="void a number: it stays in the register with its reason, never reused")
    _common(void)
    void.add_argument("--year", type=_year, required=True)
    void.add_argument("--number", type=_positive, required=True)
    void.add_argument("--reason", required=True, help="why the number is voided")
    void.set_defaults(run=_void)

    listing = actions.add_parser("list", help="list a year's entries")
    _common(listing, by=False)
    listing.add_argument("--year", type=_year, required=True)
    listing.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    listing.set_defaults(run=_list)

    export = actions.add_parser("export", help="write a year's register as .docx, .pdf, .xlsx, .csv or .json")
    _common(export, by=False)
    export.add_argument("--year", type=_year, required=True)
    export.add_argument("-o", "--out", required=True, metavar="FILE", help="FILE.docx, .pdf, .xlsx, .csv or .json")
    export.add_argument("--since", type=_date, default=None, metavar="DATE", help="only entries from this date")
    export.add_argument("--until", type=_date, default=None, metavar="DATE", help="only entries up to this date")
    export.add_argument("--book", type=_positive, default=1, metavar="N", help="quyển số on the cover (default: 1)")
    export.set_defaults(run=_export)

    importing = actions.add_parser("import", help="import an existing register from .xlsx or .csv (all or nothing)")
    _common(importing)
    importing.add_argument("file", metavar="FILE", help="FILE.xlsx or FILE.csv, a header row naming the columns")
    importing.add_argument("--year", type=_year, default=None, help="the register's year (default: the first row's)")
    importing.set_defaults(run=_import)


def _open(args: argparse.Namespace, *, create: bool = False):  # type: ignore[no-untyped-def]
    from congvan.register import Register

    return Register(args.register, create=create, by=getattr(args, "by", None))


def _init(args: argparse.Namespace) -> int:
    from congvan.register import DEFAULT_TITLE

    with _open(args, create=True) as register:
        existed = args.name in register.names()
        book = register.init(
            args.name,
            title=args.title or DEFAULT_TITLE,
            organ_name=args.organ,
            organ_id=args.organ_id,
            parent_name=args.parent,
            exist_ok=True,
        )
        state = "exists already, unchanged" if existed else "created"
        print(f"{register.where}: register {book.name!r} ({book.title}) {state}")
    return 0


def _file_fields(path: str | None) -> dict[str, str]:
    if path is None:
        return {}
    import hashlib
    from pathlib import Path

    from congvan.errors import DataError, Problem

    source = Path(path)
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    except OSError as error:
        raise DataError([Problem("--file", f"{path}: cannot read it ({error.strerror or error})")]) from None
    return {"file": source.name, "sha256": digest}


def _take(args: argparse.Namespace) -> int:
    fields = {
        "date": args.date,
        "symbol": args.symbol,
        "subject": args.subject,
        "kind": args.kind,
        "signer": args.signer,
        "signer_position": args.position,
        "recipients": args.to,
        "archive": args.archive,
        "copies": args.copies,
        "note": args.note,
        **_file_fields(args.file),
    }
    with _open(args) as register:
        entry = register.take(name=args.name, **fields)
    print(entry.number_symbol)
    return 0


def _void(args: argparse.Namespace) -> int:
    with _open(args) as register:
        entry = register.void(args.year, args.number, args.reason, name=args.name)
    print(f"{entry.number_symbol} ({entry.year}) voided: {entry.void_reason}")
    return 0


def _list(args: argparse.Namespace) -> int:
    import sys

    from congvan.register.columns import note_text, signer_text, title_text
    from congvan.register.records import to_csv, to_json
    from congvan.vietnamese import format_short_date

    with _open(args) as register:
        entries = register.entries(args.year, name=args.name)
    out = sys.stdout
    if args.format == "csv":
        out.write(to_csv(entries))
    elif args.format == "json":
        out.write(to_json(entries))
    else:
        for entry in entries:
            cells = (
                entry.number_symbol,
                format_short_date(entry.date),
                title_text(entry).replace("\n", " "),
                signer_text(entry).replace("\n", " "),
                note_text(entry).replace("\n", " "),
            )
            out.write("  ".join(cell for cell in cells if cell) + "\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    with _open(args) as register:
        path = register.export(
            args.out, args.year, name=args.name, start=args.since, end=args.until, book_number=args.book
        )
    print(path)
    return 0


def _import(args: argparse.Namespace) -> int:
    with _open(args) as register:
        entries = register.import_file(args.file, name=args.name, year=args.year)
    first, last = entries[0], entries[-1]
    print(
        f"{register.where}: imported {len(entries)} entries into register {args.name!r} "
        f"({first.year}: {first.number_symbol} … {last.number_symbol})"
    )
    return 0
