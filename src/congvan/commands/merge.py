"""``congvan merge TEMPLATE.docx TABLE -o FOLDER``: one document per row of any table."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from congvan.commands.progress import progress_bar


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="mail merge: one document per row of a table, from any template",
        description="Render TEMPLATE once per row of TABLE (CSV, XLSX or YAML): the row's columns, with the "
        "values of --data, are the template's variables. Every row is checked first; with any problem nothing "
        "is written (exit 2). The folder is replaced as a whole at the end.",
    )
    parser.add_argument("template", metavar="TEMPLATE.docx", help="a .docx template (docxtpl syntax)")
    parser.add_argument("table", metavar="TABLE", help="one row per document (.csv, .xlsx or .yaml)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FOLDER",
        help="folder for the documents (replaced as a whole; not a file, a link, the current folder or one "
        "holding the inputs)",
    )
    parser.add_argument("--data", metavar="SHARED.yaml", help="values every document shares")
    parser.add_argument("--pattern", default="{index:05d}.docx", help="file names from {index}, {row} and the columns")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="processes (default 1)")
    parser.add_argument("--dry-run", action="store_true", help="check and render in memory; write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from congvan.batch.merge import merge

    if not args.dry_run and not args.output:
        print("congvan merge: -o FOLDER is required (or --dry-run)", file=sys.stderr)
        return 2
    with progress_bar("doc") as progress:
        result = merge(
            args.template,
            args.table,
            None if args.dry_run else args.output,
            data=args.data,
            pattern=args.pattern,
            jobs=args.jobs,
            dry_run=args.dry_run,
            progress=progress,
        )
    count = len(result.documents)
    if args.dry_run:
        print(f"dry run: {count} documents checked and rendered in memory; nothing written")
    else:
        print(f"wrote {count} documents to {result.folder}/ with manifest.csv, manifest.json")
    return 0
