"""Fixtures of the register tests: a register address on SQLite and on a real, throw-away PostgreSQL server.

The PostgreSQL cluster (`pg_cluster`) is made once per session with ``initdb`` and
``pg_ctl`` from ``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql``), listens on a free
port of 127.0.0.1, and is stopped and removed at the end; each test gets an empty schema
of its own. Where PostgreSQL is not installed, the PostgreSQL cases skip and say why.
Nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_cluster import Cluster, ClusterError, postgresql_bin, throwaway_cluster

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[Cluster]:
    binaries = postgresql_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin): apt-get install postgresql")
    try:
        with throwaway_cluster(binaries) as cluster:
            yield cluster
    except ClusterError as error:
        pytest.fail(str(error))


@pytest.fixture(params=BACKENDS)
def address(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty register address: an SQLite file path, or a PostgreSQL URL of an empty schema."""
    if request.param == "sqlite":
        return str(tmp_path / "register.db")
    server: Cluster = request.getfixturevalue("postgresql_server")
    return server.new_schema()


@pytest.fixture
def register(address: str):
    """A register database at ``address`` with the outgoing register of the Ministry (Bộ TT&TT)."""
    from congvan.register import Register

    with Register(address, create=True, by="văn thư") as opened:
        opened.init(organ_name="Bộ Thông tin và Truyền thông", organ_id="000.00.00.G12")
        yield opened
