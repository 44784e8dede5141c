"""``congvan pdf``: convert .docx files to PDF with LibreOffice, optionally combined and previewed."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from congvan.commands.options import add_jobs, add_output, positive_int


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pdf",
        help="convert .docx files to PDF (LibreOffice)",
        description="Convert .docx files to PDF with headless LibreOffice, several instances in "
        "parallel; optionally one combined PDF with a bookmark per file, and PNG page previews.",
    )
    parser.add_argument("docx", nargs="+", type=Path, help=".docx files")
    add_output(parser, "FOLDER", "folder for the PDFs (default: .)")
    add_jobs(parser, "LibreOffice instances")
    add_timeout_option(parser)
    parser.add_argument(
        "--combine", type=Path, default=None, metavar="PDF", help="also write one PDF of all files, a bookmark per file"
    )
    parser.add_argument(
        "--previews", type=Path, default=None, metavar="DIR", help="also draw every page as PNG into DIR"
    )
    parser.add_argument("--dpi", type=positive_int, default=100, help="resolution of the previews (default: 100)")
    parser.set_defaults(run=run)


def add_timeout_option(parser: argparse.ArgumentParser) -> None:
    """``--timeout SECONDS``: how long a LibreOffice instance may go without finishing a PDF (``pdf``, ``--pdf``)."""
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=None,
        metavar="SECONDS",
        help="kill a LibreOffice instance that finishes no PDF for this long (default: 60)",
    )


def seconds(text: str) -> float:
    """A positive, finite number of seconds (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def run(args: argparse.Namespace) -> int:
    from congvan.errors import ConversionFailed
    from congvan.pdf import DEFAULT_TIMEOUT, combine_pdfs, previews, to_pdf

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    status = 0
    try:
        pdfs = to_pdf(args.docx, args.output or Path("."), jobs=args.jobs, timeout=timeout)
    except ConversionFailed as error:
        print(f"congvan pdf: {error}", file=__import__("sys").stderr)
        pdfs, status = list(error.converted), 1
    for pdf in pdfs:
        print(pdf)
    if args.combine and pdfs:
        print(combine_pdfs(pdfs, args.combine))
    if args.previews:
        for pdf in pdfs:
            for png in previews(pdf, args.previews, dpi=args.dpi):
                print(png)
    return status
