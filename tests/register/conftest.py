"""Fixtures of the register tests: a register address on SQLite and on a real, throw-away PostgreSQL server.

The PostgreSQL cluster is made once per session with ``initdb`` and ``pg_ctl`` from
``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql``) in a temporary folder, listens on a
free port of 127.0.0.1 only, trusts local connections, and is stopped and removed at the
end (immediately: nothing in it is kept). PostgreSQL refuses to run as root: when the tests run as root, the server runs as
``nobody``, which owns the cluster's folder. Where PostgreSQL is not installed, the
PostgreSQL cases skip and say why; nothing is mocked.
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
from dataclasses import dataclass
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")


def postgresql_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL's ``initdb`` and ``pg_ctl``, if any."""
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


@dataclass
class PostgresServer:
    """A running throw-away cluster: where it listens, and fresh databases on demand."""

    port: int
    counter: itertools.count

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        """A new, empty place for a register: a schema of its own in the ``registers`` database (an office
        may keep its register beside other data this way); return its URL as a user gives it."""
        import psycopg

        name = f"register_{next(self.counter)}"
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/registers", autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/registers?options=-csearch_path%3D{name}"


def _run(command: list[str], owner: pwd.struct_passwd | None, **kwargs) -> subprocess.CompletedProcess[str]:
    if owner is not None:
        kwargs.update(user=owner.pw_uid, group=owner.pw_gid, extra_groups=[])
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    binaries = postgresql_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin): apt-get install postgresql")
    owner = pwd.getpwnam("nobody") if os.geteuid() == 0 else None  # initdb and postgres refuse to run as root
    base = Path(tempfile.mkdtemp(prefix="congvan-pg-"))  # outside pytest's root-only tmp, for `nobody`
    data = base / "data"
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    init = _run(
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        owner,
        cwd=base,
    )
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = 0
    for _attempt in range(3):
        port = _free_port()
        # fsync off: the cluster is thrown away; what the tests check is locking and transactions, not disks
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=60 "
            "-c fsync=off -c full_page_writes=off"
        )
        start = _run(
            [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w", "-t", "60"]
            + ["-o", options, "start"],
            owner,
            cwd=base,
        )
        if start.returncode == 0:
            break
    else:
        log = (base / "server.log").read_text(errors="replace") if (base / "server.log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n{log[-3000:]}")
    try:
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as connection:
            connection.execute('CREATE DATABASE "registers"')
        yield PostgresServer(port, itertools.count(1))
    finally:
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], owner, cwd=base)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def address(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty register address: an SQLite file path, or a PostgreSQL URL of a fresh database."""
    if request.param == "sqlite":
        return str(tmp_path / "register.db")
    server: PostgresServer = request.getfixturevalue("postgresql_server")
    return server.new_database()


@pytest.fixture
def register(address: str):
    """A register database at ``address`` with the outgoing register of the Ministry (Bộ TT&TT)."""
    from congvan.register import Register

    with Register(address, create=True, by="văn thư") as opened:
        opened.init(
            organ_name="Bộ Thông tin và Truyền thông",
            organ_id="000.00.00.G12",
            parent_name="",
        )
        yield opened
