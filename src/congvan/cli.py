"""The ``congvan`` command line: a thin layer over the public API.

Each sub-command lives in ``congvan.commands.<name>`` and exposes
``register(subparsers)``; the module is imported only to build the parser,
so keep heavy imports inside the command's ``run`` function.
Exit status: 0 success, 1 problems found (checks), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from congvan.errors import CongvanError

COMMANDS: tuple[str, ...] = ("render", "batch", "merge", "provinces", "pdf", "check", "register")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="congvan",
        description="Vietnamese administrative documents by Nghị định 30/2020/NĐ-CP.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"congvan.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except CongvanError as error:
        print(f"congvan {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
