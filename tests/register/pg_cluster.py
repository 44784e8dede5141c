"""A throw-away PostgreSQL cluster for the register's tests and benchmark: ``initdb`` and ``pg_ctl``, nothing mocked.

The cluster lives in a temporary folder, listens on a free port of 127.0.0.1 only (no
Unix socket), trusts its connections, and is stopped and removed when the context ends.
PostgreSQL refuses to run as root: run as root, the server runs as ``nobody``, who owns
the cluster's folder.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


class ClusterError(RuntimeError):
    """The cluster could not be made or started; the message holds PostgreSQL's own words."""


def postgresql_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL's ``initdb`` and ``pg_ctl`` (Debian's layout first)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], owner: pwd.struct_passwd | None, **kwargs) -> subprocess.CompletedProcess[str]:
    if owner is not None:
        kwargs.update(user=owner.pw_uid, group=owner.pw_gid, extra_groups=[])
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


@dataclass
class Cluster:
    """A running cluster: where it listens; fresh places for registers on demand."""

    port: int
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_schema(self) -> str:
        """A new, empty place for a register: a schema of its own in the ``registers`` database (an office
        may keep its register beside other data this way); return its URL as a user gives it."""
        import psycopg

        name = f"register_{next(self.counter)}"
        with psycopg.connect(self.url("registers"), autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url('registers')}?options=-csearch_path%3D{name}"


@contextmanager
def throwaway_cluster(binaries: Path, *, durable: bool = False) -> Iterator[Cluster]:
    """Make, start, yield, then stop and remove a cluster. Without ``durable``, fsync is off: the cluster
    is thrown away, and tests check locking and transactions, not disks."""
    owner = pwd.getpwnam("nobody") if os.geteuid() == 0 else None  # initdb and postgres refuse to run as root
    base = Path(tempfile.mkdtemp(prefix="congvan-pg-"))  # outside pytest's root-only tmp, for `nobody`
    data, log = base / "data", base / "server.log"
    try:
        if owner is not None:
            os.chown(base, owner.pw_uid, owner.pw_gid)
        init = [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        made = _run([*init, "--locale=C", *([] if durable else ["--no-sync"])], owner, cwd=base)
        if made.returncode != 0:
            raise ClusterError(f"initdb failed:\n{made.stdout}\n{made.stderr}")
        for _attempt in range(3):
            port = _free_port()
            options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=60"
            if not durable:
                options += " -c fsync=off -c full_page_writes=off"
            started = _run(
                [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start"],
                owner,
                cwd=base,
            )
            if started.returncode == 0:
                break
        else:
            text = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise ClusterError(f"pg_ctl start failed:\n{started.stdout}\n{started.stderr}\n{text}")
        try:
            import psycopg

            with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as connection:
                connection.execute('CREATE DATABASE "registers"')
            yield Cluster(port)
        finally:
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], owner, cwd=base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
