"""``congvan batch LETTER.yaml TABLE -o FOLDER``: one follow-up letter per province."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from congvan.commands.executors import add_executor_options, executor_from
from congvan.commands.options import add_dry_run, add_jobs, add_output, add_quiet, add_table_options, plural, say
from congvan.commands.pdf import add_timeout_option
from congvan.commands.progress import progress_bar
from congvan.commands.register_numbers import add_register_options, printed_numbers, register_arguments


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="render one follow-up letter per province from a table",
        description="Render one công văn per row of TABLE (CSV or text, XLSX or YAML) from the shared data in "
        "LETTER.yaml. Every row is checked first; with any problem nothing is written (exit 2). "
        "The folder is replaced as a whole at the end, so an interrupted run leaves it as it was.",
    )
    parser.add_argument("letter", metavar="LETTER.yaml", help="the data every letter shares")
    parser.add_argument("table", metavar="TABLE", help="one row per province (.csv, .txt, .xlsx or .yaml)")
    add_output(
        parser,
        "FOLDER",
        "folder for the letters (replaced as a whole; not a file, a link, the current folder or one "
        "holding the inputs)",
    )
    parser.add_argument("--template", metavar="TEMPLATE.docx", help="default: the bundled follow-up.docx")
    parser.add_argument(
        "--combined-template",
        metavar="TEMPLATE.docx",
        help="all-letters layout for --combined/--pdf with a custom --template (default: the bundled one)",
    )
    parser.add_argument(
        "--numbering",
        choices=("sequential", "shared"),
        default="sequential",
        help="one number per letter counted from --start (default), or one shared number",
    )
    parser.add_argument("--start", type=int, metavar="N", help="first number (default: the data's, else 1)")
    parser.add_argument("--pattern", default="{code}-{slug}.docx", help="file names; {code} {slug} {name} {number}")
    parser.add_argument("--only", nargs="+", metavar="CODE", help="render only these provinces (GSO codes)")
    parser.add_argument("--combined", action="store_true", help="also write all-letters.docx for printing")
    parser.add_argument(
        "--sign",
        metavar="SIGNER.yaml",
        help="with --pdf, sign each letter's PDF as its signer: the file names the key (p12, key+cert or "
        "pkcs11+token+key_label) and the signature image; a PIN is asked once",
    )
    add_table_options(parser)
    add_jobs(parser, "processes rendering letters, and LibreOffice instances for --pdf")
    add_executor_options(parser)
    add_dry_run(parser)
    add_quiet(parser)
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also write FOLDER/pdf/: a PDF per letter and all-letters.pdf with bookmarks (LibreOffice)",
    )
    add_timeout_option(parser)
    add_register_options(parser, "the letters")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from congvan.batch import render_batch

    if not args.dry_run and not args.output:
        print("congvan batch: -o FOLDER is required (or --dry-run)", file=sys.stderr)
        return 2
    signer = None
    if args.sign:
        from congvan.commands.sign import terminal_prompt
        from congvan.signing.signer_file import load_signer_file

        if not args.pdf:
            print("congvan batch: --sign signs the letters' PDFs: add --pdf", file=sys.stderr)
            return 2
        signer = load_signer_file(args.sign, ask=terminal_prompt())
    with executor_from(args) as executor, progress_bar("letter") as progress:
        result = render_batch(
            args.letter,
            args.table,
            None if args.dry_run else args.output,
            template=args.template,
            combined_template=args.combined_template,
            numbering=args.numbering,
            start=args.start,
            pattern=args.pattern,
            only=args.only,
            combined=args.combined,
            pdf=args.pdf,
            timeout=args.timeout,
            sign=signer,
            encoding=args.encoding,
            delimiter=args.delimiter,
            jobs=args.jobs,
            executor=executor,
            write=args.write,
            dry_run=args.dry_run,
            progress=None if args.quiet else progress,
            **register_arguments(args),
        )
    letters = plural(len(result.letters), "letter")
    if args.dry_run:
        say(args, f"dry run: {letters} validated and rendered in memory; nothing written")
    else:
        extra = ", all-letters.docx" if result.combined else ""
        say(args, f"wrote {letters} to {result.folder}/ with manifest.csv, manifest.json{extra}")
    if args.pdf and not args.dry_run:
        signed = ", each signed by its signer" if signer else ""
        say(args, f"wrote {plural(len(result.letters), 'PDF')}{signed} and all-letters.pdf to {result.folder / 'pdf'}/")
    taken = (
        "" if not args.register else (" (would be taken from the register)" if args.dry_run else " (from the register)")
    )
    say(args, printed_numbers(result.letters[0].number_symbol, result.letters[-1].number_symbol) + taken)
    return 0
