"""The storage and services tests run on both engines: a diary file (SQLite) and a shared
diary on a real PostgreSQL server (tests/server.py). Their conftests import `database` here.

A test about the diary file itself (its folder, backups, the disk) is marked
`sqlite_only` and is not generated for the server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from spasticity_tracker import paths
from spasticity_tracker.storage.database import Database
from tests import server as test_server

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.server)]


@pytest.fixture(scope="session")
def server() -> Iterator[Path]:
    """The folder of a running test cluster (its Unix socket is there)."""
    given = os.environ.get(test_server.SERVER_ENV)
    if given:
        yield Path(given)
        return
    # Not under pytest's temporary folder: the server's own user must reach the socket, and a
    # socket's path must stay short.
    folder = Path(tempfile.mkdtemp(prefix="st-pg-"))
    test_server.start(folder)
    try:
        yield folder
    finally:
        test_server.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server_diary(server: Path) -> Iterator[str]:
    """A new shared diary on the test server; its database name."""
    name = test_server.new_diary(server)
    yield name
    test_server.drop_diary(server, name)


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A new, migrated diary: a file in a private folder, or a database on the test server
    opened by its owner."""
    if request.param == "sqlite":
        db = Database.open(paths.database_path(tmp_path / "data"))
    else:
        folder: Path = request.getfixturevalue("server")
        name: str = request.getfixturevalue("server_diary")
        db = Database.connect(test_server.url(folder, name, test_server.OWNER))
    yield db
    db.close()
