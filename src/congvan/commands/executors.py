"""``--scheduler ADDRESS`` and ``--write worker|caller``: ``merge`` and ``batch`` on a Dask cluster.

The scheduler is a running ``dask scheduler`` (``tcp://host:8786``); congvan connects to it as a
client and gives each chunk of rows to its workers (`congvan.render_many`'s ``executor=``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from congvan.errors import ExecutorError

INSTALL_DASK = "pip install 'congvan[dask]'"


def add_executor_options(parser: argparse.ArgumentParser) -> None:
    """The options that send the rendering to a Dask cluster instead of local processes."""
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="render on the workers of this Dask scheduler (e.g. tcp://10.0.0.5:8786) instead of --jobs processes; "
        f"needs {INSTALL_DASK}",
    )
    parser.add_argument(
        "--write",
        choices=("worker", "caller"),
        default="worker",
        help="with --scheduler: the workers write the files (the output folder is shared with them, at the same "
        "path), or send the bytes back and this machine writes them (default: worker)",
    )


@contextmanager
def executor_from(args: argparse.Namespace) -> Iterator[Any]:
    """The executor ``--scheduler`` names (None without it), its client closed at the end."""
    address = getattr(args, "scheduler", None)
    if not address:
        yield None
        return
    try:
        import distributed
    except ImportError:
        raise ExecutorError(f"--scheduler needs Dask's distributed package: {INSTALL_DASK}") from None
    try:
        client = distributed.Client(address, timeout=30, set_as_default=False)
    except OSError as error:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
