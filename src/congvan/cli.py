"""The ``congvan`` command line: a thin layer over the public API.

Each sub-command lives in ``congvan.commands.<name>`` and exposes
``register(subparsers)``; the module is imported only to build the parser,
so keep heavy imports inside the command's ``run`` function.
Exit status: 0 success, 1 problems found (checks), 2 bad input or usage,
130 interrupted (Ctrl-C, SIGINT), 143 terminated (SIGTERM). An interrupted command
cleans up as on Ctrl-C (a batch's output folder stays as it was) and says so in one line.
A warning is one line on stderr ("congvan merge: warning: …"); congvan's warnings about the
input (`LegacyTextWarning`: a cell holding TCVN3 or VNI text) are always shown.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from congvan.errors import CongvanError
from congvan.legacy import LegacyTextWarning

COMMANDS: tuple[str, ...] = (
    "render",
    "batch",
    "merge",
    "provinces",
    "pdf",
    "check",
    "new-template",
    "sign",
    "verify",
    "register",
)


def build_parser() -> argparse.ArgumentParser:
    from congvan import __version__

    parser = argparse.ArgumentParser(
        prog="congvan",
        description="Vietnamese administrative documents by Nghị định 30/2020/NĐ-CP.",
        epilog="Run 'congvan COMMAND --help' for a command's options. Exit status: 0 done, 1 problems found "
        "(check, verify), 2 bad input, 130/143 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"congvan {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"congvan.commands.{name.replace('-', '_')}").register(subparsers)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that the same cleanup runs."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare `congvan`: the help and the list of commands
        parser.print_help()
        return 0
    try:
        with _sigterm_interrupts(), _warnings_on_stderr(args.command):
            return int(args.run(args) or 0)
    except CongvanError as error:
        print(f"congvan {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt as interrupt:
        number = signal.SIGTERM if isinstance(interrupt, Terminated) else signal.SIGINT
        fresh_line = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C or a progress bar
        print(
            f"{fresh_line}congvan {args.command}: interrupted by {number.name}",
            file=sys.stderr,
        )
        return 128 + number


@contextmanager
def _warnings_on_stderr(command: str) -> Iterator[None]:
    """While the block runs, each warning shown is one line on stderr, and every `LegacyTextWarning` is shown."""

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int, *_: object) -> None:
        clear = "\r\x1b[K" if sys.stderr.isatty() else ""  # a progress bar may be on the line: the bar redraws
        print(f"{clear}congvan {command}: warning: {' '.join(str(message).split())}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("always", LegacyTextWarning)
        warnings.showwarning = show
        yield


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """While the block runs, SIGTERM raises `Terminated` (in the main thread; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(_number: int, _frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
