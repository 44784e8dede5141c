"""``congvan merge TEMPLATE.docx TABLE -o FOLDER``: one document per row of any table."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from congvan.commands.executors import add_executor_options, executor_from
from congvan.commands.options import (
    add_dry_run,
    add_jobs,
    add_output,
    add_quiet,
    add_table_options,
    iso_date,
    plural,
    say,
)
from congvan.commands.progress import progress_bar
from congvan.commands.register_numbers import add_register_options, printed_numbers, register_arguments


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="mail merge: one document per row of a table, from any template",
        description="Render TEMPLATE once per row of TABLE (CSV or text, XLSX or YAML): the row's columns, with the "
        "values of --data, are the template's variables. Every row is checked first; with any problem nothing "
        "is written (exit 2). The folder is replaced as a whole at the end.",
    )
    parser.add_argument("template", metavar="TEMPLATE.docx", help="a .docx template (docxtpl syntax)")
    parser.add_argument("table", metavar="TABLE", help="one row per document (.csv, .txt, .xlsx or .yaml)")
    add_output(
        parser,
        "FOLDER",
        "folder for the documents (replaced as a whole; not a file, a link, the current folder or one "
        "holding the inputs)",
    )
    parser.add_argument("--data", metavar="SHARED.yaml", help="values every document shares")
    parser.add_argument("--pattern", default="{index:05d}.docx", help="file names from {index}, {row} and the columns")
    parser.add_argument(
        "--units",
        metavar="COLUMN",
        help="the column naming each row's province or city: the template gets unit.committee, unit.name, "
        "unit.designation, unit.code and unit.predecessors of the unit in force on --on",
    )
    parser.add_argument(
        "--on",
        type=iso_date,
        metavar="DATE",
        help="the letter's date, which chooses the units for --units (default: issued_on in --data)",
    )
    add_table_options(parser)
    add_jobs(parser)
    add_executor_options(parser)
    add_dry_run(parser)
    add_quiet(parser)
    add_register_options(parser, "the documents (each row, with --data, gives issued_on, symbol and subject)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from congvan.batch.merge import merge

    if not args.dry_run and not args.output:
        print("congvan merge: -o FOLDER is required (or --dry-run)", file=sys.stderr)
        return 2
    with executor_from(args) as executor, progress_bar("document") as progress:
        result = merge(
            args.template,
            args.table,
            None if args.dry_run else args.output,
            data=args.data,
            pattern=args.pattern,
            units=args.units,
            on=args.on,
            encoding=args.encoding,
            delimiter=args.delimiter,
            jobs=args.jobs,
            executor=executor,
            write=args.write,
            dry_run=args.dry_run,
            progress=None if args.quiet else progress,
            **register_arguments(args),
        )
    documents = plural(len(result.documents), "document")
    if args.dry_run:
        say(args, f"dry run: {documents} checked and rendered in memory; nothing written")
    else:
        say(args, f"wrote {documents} to {result.folder}/ with manifest.csv, manifest.json")
    if args.register:
        taken = " (would be taken from the register)" if args.dry_run else " (from the register)"
        say(args, printed_numbers(result.documents[0].number_symbol, result.documents[-1].number_symbol) + taken)
    return 0
