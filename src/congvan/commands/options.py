"""The options several commands share, spelled once: ``-o/--output``, ``-j/--jobs``, ``--dry-run``,
``-q/--quiet``, ``--format``, ``--on``, ``--encoding``/``--delimiter``; and the plural of the summaries
("1 letter", "63 letters")."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

DEFAULT_JOBS = 1


def positive_int(text: str) -> int:
    """An argparse type: a whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def iso_date(text: str) -> dt.date:
    """An argparse type: a date as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}: expected YYYY-MM-DD, e.g. 2026-12-01") from None


def table_encoding(text: str) -> str:
    """An argparse type: a table's encoding, a Python codec or ``tcvn3``, ``vni`` (`congvan.pipeline.csv_table`)."""
    from congvan.pipeline.csv_table import encoding_named

    try:
        return encoding_named(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def table_delimiter(text: str) -> str:
    """An argparse type: a table's delimiter, ``,`` ``;`` ``tab`` (or ``\\t``) or ``|``."""
    from congvan.pipeline.csv_table import delimiter_named

    try:
        return delimiter_named(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_table_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding NAME`` and ``--delimiter CHAR``: how a CSV or text table is read, when not as detected."""
    parser.add_argument(
        "--encoding",
        type=table_encoding,
        metavar="NAME",
        help="the CSV table's encoding: cp1258, tcvn3 (ABC, .VnTime), vni (VNI-Times), utf-16 or any Python "
        "codec (default: from its byte order mark, else UTF-8)",
    )
    parser.add_argument(
        "--delimiter",
        type=table_delimiter,
        metavar="CHAR",
        help="the CSV table's separator: , ; tab or | (default: the most frequent of , ; tab in its header)",
    )


def add_templates(parser: argparse.ArgumentParser) -> None:
    """``--templates DIR`` (repeatable): folders of templates looked in, by name, before the bundled ones."""
    parser.add_argument(
        "--templates",
        action="append",
        metavar="DIR",
        help="a folder of templates looked in first: its congvan.docx, follow-up.docx … override the bundled ones "
        "(repeat for several; the first that has the name wins)",
    )


def add_output(parser: argparse.ArgumentParser, metavar: str, help: str, *, required: bool = False) -> None:
    """``-o/--output``: where the command writes."""
    parser.add_argument("-o", "--output", metavar=metavar, required=required, help=help)


def add_jobs(parser: argparse.ArgumentParser, what: str = "processes") -> None:
    """``-j/--jobs N``: how many processes (or LibreOffice instances) work at once, default 1."""
    parser.add_argument(
        "-j", "--jobs", type=positive_int, default=DEFAULT_JOBS, metavar="N", help=f"{what} (default {DEFAULT_JOBS})"
    )


def add_dry_run(parser: argparse.ArgumentParser) -> None:
    """``--dry-run``: check and render in memory, write nothing."""
    parser.add_argument("--dry-run", action="store_true", help="check and render in memory; write nothing")


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet``: no progress bar and no summary; errors still go to stderr."""
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str) -> None:
    """``--format``: how the command prints its result."""
    parser.add_argument("--format", choices=choices, default=default, help=f"output format (default {default})")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``plural(1, "letter")`` → "1 letter", ``plural(63, "letter")`` → "63 letters"."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def say(args: Any, text: str) -> None:
    """Print a summary line unless ``--quiet``."""
    if not getattr(args, "quiet", False):
        print(text)
