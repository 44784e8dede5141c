"""``--register R [--register-name NAME] [--run-id ID]``: ``render``, ``batch`` and ``merge`` take their numbers
from the register of outgoing documents (sổ đăng ký văn bản đi), in one transaction with their output."""

from __future__ import annotations

import argparse
from typing import Any

from congvan.register_options import DEFAULT_REGISTER_NAME


def add_register_options(parser: argparse.ArgumentParser, what: str) -> None:
    """The options naming the register ``what`` (the letter, the letters, the documents) is numbered from."""
    group = parser.add_argument_group(
        "numbers from the register",
        f"Give {what} the next numbers of a register (congvan register init), taken in one transaction "
        "with the output: none taken when it fails, is interrupted or killed. The year is the letter's date's "
        "(issued_on).",
    )
    group.add_argument(
        "--register",
        metavar="REGISTER",
        help="the register: an SQLite file or a postgresql://user@host/db URL",
    )
    group.add_argument(
        "--register-name",
        default=DEFAULT_REGISTER_NAME,
        metavar="NAME",
        help=f"which register (sổ) of the database (default: {DEFAULT_REGISTER_NAME})",
    )
    group.add_argument(
        "--run-id",
        metavar="ID",
        help="names this run's numbers: run again with the same ID, it takes none twice and writes the same output",
    )


def register_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of `add_register_options` for render, render_batch and merge."""
    return {"register": args.register, "register_name": args.register_name, "run_id": args.run_id}


def printed_numbers(first: str, last: str) -> str:
    """ "numbers: 01/BTTTT-TTĐN … 63/BTTTT-TTĐN" (one number alone when there is one)."""
    return "numbers: " + first + (f" … {last}" if last != first else "")
