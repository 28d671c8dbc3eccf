"""The Database: one SQLite file, its pragmas, migrations on open and units of work."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from spasticity_tracker.domain.errors import ConflictError, DataError, NewerSchemaError
from spasticity_tracker.storage.sqlite_files import (
    PRIVATE_FILE,
    backup_name,
    copy_database,
    make_private_dir,
    make_private_file,
    put_in_place,
    quick_check,
)
from spasticity_tracker.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

BACKUP_DIRNAME = "backups"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Pragmas are per connection, so they are set on every new one. Python 3.11's sqlite3 has no
    # ``autocommit`` attribute (the documented recipe reads it): isolation_level None is the
    # driver-level autocommit that lets SQLAlchemy's "begin" listener below emit BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # Hand-entered health data: FULL so that no commit is lost on power loss.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _begin(connection: Any) -> None:
    # With the driver in autocommit, SQLAlchemy owns transactions: every unit of work is one
    # real SQLite transaction, reads included.
    connection.exec_driver_sql("BEGIN")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine for the file at path with the house pragmas on every connection."""
    # URL.create takes the path as it is: in a URL string a '?' or '%' in a folder name is syntax.
    url = URL.create("sqlite+pysqlite", database=str(path))
    # hide_parameters: an error must never print diary notes or scores to a log.
    engine = create_engine(url, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


# The newest migration. Checked against Alembic's own head by a test, so that a start with an
# up-to-date file reads one row and never loads Alembic (a tenth of a second saved).
SCHEMA_HEAD = "0005"


def alembic_config(connection: Any = None) -> Config:
    """An Alembic configuration for the packaged migrations, optionally bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


class Database:
    """The diary database in one SQLite file; the only way services reach storage."""

    def __init__(self, engine: Engine, path: Path):
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path, *, migrate: bool = True) -> Database:
        """Open (creating if needed) the database at path and bring its schema up to date."""
        try:
            make_private_dir(path.parent)
            make_private_file(path)
        except OSError as error:
            raise DataError(
                f"The data folder {path.parent} cannot be used: {error.strerror}. Choose a "
                "folder you may write to (--data-dir), or free some space."
            ) from None
        engine = create_sqlite_engine(path)
        database = cls(engine, path)
        try:
            if migrate:
                database.migrate()
            database._make_side_files_private()
        except OperationalError as error:
            engine.dispose()
            raise DataError(_explain_operational(error)) from None
        except BaseException:
            engine.dispose()
            raise
        return database

    def close(self) -> None:
        """Release every connection (checkpointing the WAL when the last one closes)."""
        self.engine.dispose()

    # -- migrations ------------------------------------------------------------------------

    def current_revision(self) -> str | None:
        """The schema revision stored in the file, None for a new file."""
        with self.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            table = raw.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            if table is None:
                return None
            row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])

    def migrate(self) -> bool:
        """Upgrade to the newest schema; returns whether anything was done.

        A database from a newer app is refused. A database with data is backed up first. The
        upgrade runs with foreign keys off, because SQLite batch migrations copy tables and
        ``ON DELETE CASCADE`` would otherwise delete child rows; the keys are checked after.
        """
        current = self.current_revision()
        if current == SCHEMA_HEAD:
            return False
        from alembic import command
        from alembic.script import ScriptDirectory

        scripts = ScriptDirectory.from_config(alembic_config())
        head = scripts.get_current_head()
        if current == head:
            return False
        if current is not None and current not in {
            rev.revision for rev in scripts.walk_revisions()
        }:
            raise NewerSchemaError(
                "This diary was saved by a newer version of Spasticity Tracker "
                f"(schema {current}). Please install the newer version; the file is unchanged."
            )
        if current is not None:
            self.backup(self.path.parent / BACKUP_DIRNAME, reason=f"before-upgrade-{current}")
        log.info("upgrading database schema from %s to %s", current, head)
        with self.engine.connect() as connection:
            # PRAGMA foreign_keys is ignored inside a transaction, so it goes to the driver
            # connection directly, before SQLAlchemy begins one.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                # One transaction for the whole upgrade and its checks: Alembic joins it, and
                # a failed check rolls everything back, leaving the file as it was.
                with connection.begin():
                    command.upgrade(alembic_config(connection), "head")
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
                    if problems or integrity != "ok":
                        raise DataError(
                            f"Upgrading the diary file found {len(problems)} broken links "
                            f"(integrity: {integrity}); it was left as it was, and a backup "
                            f"is in {BACKUP_DIRNAME}/."
                        )
            finally:
                raw.execute("PRAGMA foreign_keys=ON")
        return True

    # -- files -----------------------------------------------------------------------------

    def _make_side_files_private(self) -> None:
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                os.chmod(side, PRIVATE_FILE)

    def backup(self, folder: Path, *, reason: str = "manual") -> Path:
        """Copy the live database with SQLite's backup API into folder; checked and private."""
        make_private_dir(folder)
        target = folder / backup_name(self.path.stem, datetime.now(UTC), reason)
        copy_database(self.path, target, live=True)
        return target

    def replace_with(self, backup: Path) -> Path | None:
        """Restore a backup in place of this database (the current state backed up first).

        Every connection is closed first; the file is replaced; the schema is brought up to
        date again. Returns the backup made of the state that was replaced.
        """
        if quick_check(backup) is not None:
            raise DataError(f"The backup {backup.name} is damaged; nothing was changed.")
        before = self.backup(self.path.parent / BACKUP_DIRNAME, reason="before-restore")
        self.engine.dispose()
        put_in_place(backup, self.path)
        self.migrate()
        self._make_side_files_private()
        return before

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def unit_of_work(self, *, rehearse: bool = False) -> Iterator[UnitOfWork]:
        """One transaction: committed when the block ends, rolled back entirely if it raises.

        A rehearsal is always rolled back: an import's preview runs the import itself and
        shows what it would do, then leaves the diary as it was.
        """
        session: Session = self._sessions()
        try:
            with session.begin():
                yield UnitOfWork(session)
                if rehearse:
                    session.rollback()
        except IntegrityError as error:
            raise ConflictError(_explain_integrity(error)) from error
        except OperationalError as error:
            # A full disk or a folder made read-only: nothing of this action was written.
            raise DataError(_explain_operational(error)) from None
        finally:
            session.close()


def _explain_operational(error: OperationalError) -> str:
    text = str(error.orig).casefold()
    if "full" in text:
        cause = "the disk is full"
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        cause = "the data folder cannot be written"
    elif "locked" in text:
        cause = "the diary is busy in another program"
    else:
        cause = "the database refused it"
    return (
        f"This could not be saved: {cause}. Nothing of it was written; everything saved "
        "before is safe."
    )


def _explain_integrity(error: IntegrityError) -> str:
    text = str(error.orig)
    if "UNIQUE" in text:
        return "That record already exists."
    if "FOREIGN KEY" in text:
        return "That record refers to something that no longer exists, or is still in use."
    return "The database refused the change as inconsistent."
