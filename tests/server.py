"""A throwaway PostgreSQL cluster for the tests: a real server on a Unix socket in a temporary
folder, with the logins the shared-diary tests use.

`.ci/run` starts one (`python -m tests.server start DIR`) and names its folder in
SPASTICITY_TRACKER_TEST_SERVER; without that, the tests start their own for the session. As
root (CI), the server runs as the `postgres` user, which initdb insists on.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg

SERVER_ENV = "SPASTICITY_TRACKER_TEST_SERVER"
SUPERUSER = "postgres"
OWNER = "diary_owner"  # owns the test diaries' schema: the login that set the diary up
CARER = "carer_one"  # another login, a carer on another computer
CLINICIAN = "clinician"  # a login that diaries are shared with read-only
WITH_PASSWORD = "night_nurse"  # the one login that must give a password
PASSWORD = "correct horse battery staple"
TEMPLATE = "st_template"

_HBA = f"""\
local all {WITH_PASSWORD} scram-sha-256
local all all trust
"""


def bin_dir() -> Path:
    """The folder of PostgreSQL's server programs (Debian keeps them out of PATH)."""
    if found := shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if not versions:
        raise RuntimeError(
            "The shared-diary tests need a PostgreSQL server's programs (initdb, pg_ctl): "
            "on Debian or Ubuntu, apt-get install postgresql"
        )
    return Path(versions[-1]).parent


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start(folder: Path) -> None:
    """Make and start a cluster in folder; its socket is in folder too."""
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    folder.chmod(0o700)
    programs = bin_dir()
    subprocess.run(
        _as_server_user(
            [
                str(programs / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    hba = data / "pg_hba.conf"
    subprocess.run(_as_server_user(["sh", "-c", f"cat > {hba}"]), input=_HBA.encode(), check=True)
    options = (
        f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
        "-c synchronous_commit=off -c max_connections=200"
    )
    subprocess.run(
        _as_server_user(
            [
                str(programs / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with admin(folder) as connection:
        for login in (OWNER, CARER, CLINICIAN):
            connection.execute(f"CREATE ROLE {login} LOGIN")
        connection.execute(f"CREATE ROLE {WITH_PASSWORD} LOGIN PASSWORD '{PASSWORD}'")
        connection.execute(f"CREATE DATABASE {TEMPLATE} OWNER {OWNER}")
    from spasticity_tracker.storage.database import Database

    Database.connect(url(folder, TEMPLATE, OWNER)).close()  # the schema, once, as its owner


def stop(folder: Path) -> None:
    """Stop the cluster in folder (its files go with the folder)."""
    subprocess.run(
        _as_server_user(
            [str(bin_dir() / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def url(folder: Path, database: str, login: str) -> str:
    """The address of a database on the test cluster for a login, as a user would write it."""
    return f"postgresql://{login}@/{database}?host={folder}"


def admin(folder: Path, database: str = "postgres") -> psycopg.Connection:
    """A superuser's connection, in autocommit, to set things up outside the app."""
    return psycopg.connect(host=str(folder), dbname=database, user=SUPERUSER, autocommit=True)


_numbers = itertools.count(1)


def new_diary(folder: Path) -> str:
    """A new database with the current schema (a copy of the template); returns its name."""
    name = f"diary_{os.getpid()}_{next(_numbers)}"
    with admin(folder) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} OWNER {OWNER}")
        # The copy's tables are the owner's, as in the template; the database's too.
    return name


def drop_diary(folder: Path, name: str) -> None:
    with admin(folder) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    verb, where = sys.argv[1], Path(sys.argv[2])
    if verb == "start":
        start(where)
    elif verb == "stop":
        stop(where)
    else:
        raise SystemExit(f"usage: python -m tests.server start|stop FOLDER (not {verb})")
