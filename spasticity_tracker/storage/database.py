"""The Database: one SQLite file (or a shared diary on PostgreSQL), migrations and units of work."""

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
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from spasticity_tracker.domain.errors import (
    CannotWriteError,
    ConflictError,
    DataError,
    NewerSchemaError,
    WriteProblem,
    os_reason,
)
from spasticity_tracker.storage.sqlite_files import (
    EMPTY_FILE,
    PRIVATE_FILE,
    backup_name,
    copy_database,
    make_private_dir,
    make_private_file,
    problem_of,
    put_in_place,
    quick_check,
    reading_uri,
    remove_database,
    sync_folder,
    write_problem,
)
from spasticity_tracker.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

    from spasticity_tracker.storage.server import Listener, Server

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


def _set_read_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # A diary opened read-only (nothing can be written in its folder): no journal mode to set,
    # and query_only turns any attempt to write into an error before SQLite touches a file.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA query_only=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _begin(connection: Any) -> None:
    # With the driver in autocommit, SQLAlchemy owns transactions: every unit of work is one
    # real SQLite transaction, reads included.
    connection.exec_driver_sql("BEGIN")


def create_sqlite_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine for the file at path with the house pragmas on every connection."""
    if read_only:
        # A URI (percent-encoded by reading_uri) that opens the file read-only.
        url = URL.create("sqlite+pysqlite", database=reading_uri(path), query={"uri": "true"})
    else:
        # URL.create takes the path as it is: in a URL string a '?' or '%' in a folder name
        # is syntax.
        url = URL.create("sqlite+pysqlite", database=str(path))
    # hide_parameters: an error must never print diary notes or scores to a log.
    engine = create_engine(url, hide_parameters=True)
    event.listen(engine, "connect", _set_read_pragmas if read_only else _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


# The newest migration. Checked against Alembic's own head by a test, so that a start with an
# up-to-date file reads one row and never loads Alembic (a tenth of a second saved).
SCHEMA_HEAD = "0008"


def alembic_config(connection: Any = None) -> Config:
    """An Alembic configuration for the packaged migrations, optionally bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


class Database:
    """The diary database in one SQLite file, or on a PostgreSQL server; the only way services
    reach storage."""

    def __init__(
        self,
        engine: Engine,
        path: Path,
        read_only: WriteProblem | None = None,
        server: Server | None = None,
    ):
        self.engine = engine
        # The diary file; on a server, a path that is never a file (the data-folder features
        # ask `server` first: no lock file and no backups there).
        self.path = path
        # Why nothing can be written, when the diary is open read-only; None when it can be.
        self.read_only = read_only
        # The shared diary's server and login; None for a diary file.
        self.server = server
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def connect(cls, url: str, *, migrate: bool = True, password: str | None = None) -> Database:
        """Open the shared diary at a PostgreSQL URL, upgrading its schema if this login may.

        ServerError says plainly why a connection failed; PasswordNeededError when the server asks
        for a password that was not given.
        """
        from spasticity_tracker.storage import server as servers

        engine, server = servers.connect(url, password=password)
        database = cls(engine, Path(os.devnull), server=server)
        try:
            if migrate:
                database.migrate()
        except BaseException:
            engine.dispose()
            raise
        return database

    @classmethod
    def open(
        cls, path: Path, *, migrate: bool = True, read_only: WriteProblem | None = None
    ) -> Database:
        """Open the database at path and bring its schema up to date.

        A new diary is made only where no file exists, whole or not at all. An empty or
        unreadable file is refused, never written to. Where nothing can be written, the
        CannotWriteError says why; `read_only` (that reason) then opens the diary to read.
        """
        if read_only is not None:
            return cls._open_read_only(path, read_only)
        if not path.exists():
            _create(path, migrate=migrate)
        elif path.stat().st_size == 0:
            raise DataError(_refusal(path, EMPTY_FILE))
        try:
            os.chmod(path, PRIVATE_FILE)
        except OSError as error:
            raise _os_error(path, error) from None
        engine = create_sqlite_engine(path)
        database = cls(engine, path)
        try:
            if migrate:
                database.migrate()
            database._make_side_files_private()
        except (DBAPIError, sqlite3.Error, OSError) as error:
            engine.dispose()
            raise _opening_error(path, error) from None
        except BaseException:
            engine.dispose()
            raise
        return database

    @classmethod
    def _open_read_only(cls, path: Path, reason: WriteProblem) -> Database:
        if not path.exists():
            raise DataError(
                f"There is no diary in {path.parent}, and a new one cannot be made there: "
                f"{reason.value}."
            )
        if path.stat().st_size == 0:
            raise DataError(_refusal(path, EMPTY_FILE))
        engine = create_sqlite_engine(path, read_only=True)
        database = cls(engine, path, reason)
        try:
            if database.current_revision() != SCHEMA_HEAD:
                database._check_schema_known()
                raise DataError(
                    "This diary was saved by an older version of Spasticity Tracker and must "
                    f"be upgraded before it can be opened, but {reason.value}. The file has "
                    "not been changed."
                )
        except (DBAPIError, sqlite3.Error) as error:
            engine.dispose()
            raise DataError(_refusal(path, str(getattr(error, "orig", error)))) from None
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
        if self.server is not None:
            return self.server.revision(self.engine)
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

        head = self._check_schema_known()
        if current == head:
            return False
        if self.server is not None:
            self.server.upgrade(self.engine, current)
            return True
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

    def _check_schema_known(self) -> str:
        """Alembic's head; NewerSchemaError when the file's schema is from a newer app."""
        from alembic.script import ScriptDirectory

        current = self.current_revision()
        scripts = ScriptDirectory.from_config(alembic_config())
        if current is not None and current not in {
            rev.revision for rev in scripts.walk_revisions()
        }:
            where = "the file is unchanged" if self.server is None else "nothing was changed"
            raise NewerSchemaError(
                "This diary was saved by a newer version of Spasticity Tracker "
                f"(schema {current}). Please install the newer version; {where}."
            )
        head = scripts.get_current_head()
        assert head is not None
        return head

    # -- files -----------------------------------------------------------------------------

    def _make_side_files_private(self) -> None:
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                os.chmod(side, PRIVATE_FILE)

    def backup(self, folder: Path, *, reason: str = "manual") -> Path:
        """Copy the live database with SQLite's backup API into folder; verified and private.

        A backup that cannot be written or verified is deleted and raises (CannotWriteError
        when the disk is full or the folder read-only).
        """
        if self.read_only is not None:
            raise CannotWriteError(
                f"No backup can be made: {self.read_only.value}.", self.read_only
            )
        self._not_on_a_server("Backups of a shared diary are the server's")
        try:
            make_private_dir(folder)
        except OSError as error:
            raise _os_error(self.path, error) from None
        target = folder / backup_name(self.path.stem, datetime.now(UTC), reason)
        copy_database(self.path, target, live=True)
        return target

    def replace_with(self, backup: Path) -> Path | None:
        """Restore a backup in place of this database (the current state backed up first).

        Every connection is closed first; the file is replaced; the schema is brought up to
        date again. Returns the backup made of the state that was replaced.
        """
        if self.read_only is not None:
            raise CannotWriteError(
                f"Nothing can be restored while {self.read_only.value}.", self.read_only
            )
        self._not_on_a_server("A shared diary is restored on the server")
        if quick_check(backup) is not None:
            raise DataError(f"The backup {backup.name} is damaged; nothing was changed.")
        before = self.backup(self.path.parent / BACKUP_DIRNAME, reason="before-restore")
        self.engine.dispose()
        put_in_place(backup, self.path)
        self.migrate()
        self._make_side_files_private()
        return before

    def listen(self) -> Listener | None:
        """Notices of changes by other logins of a shared diary; None for a diary file."""
        if self.server is None:
            return None
        from spasticity_tracker.storage.server import Listener

        return Listener(self.engine, self.server)

    def _not_on_a_server(self, what: str) -> None:
        if self.server is not None:
            raise DataError(f"{what} (pg_dump and pg_restore, see the README); the app makes none.")

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
        except StaleDataError:
            # The version check of an update found another save first (see models.py).
            raise ConflictError(
                "This record was changed or removed meanwhile, on another computer; nothing "
                "of this change was saved. Reload it to see what is saved now."
            ) from None
        except DBAPIError as error:
            if self.server is None:
                if isinstance(error, OperationalError):
                    # A full disk or a folder made read-only: nothing of this action was written.
                    raise DataError(_explain_operational(str(error.orig), self.read_only)) from None
                raise
            raise self.server.explain(error) from None
        finally:
            session.close()


def _create(path: Path, *, migrate: bool = True) -> None:
    """Make a new, empty diary at path: built beside it, and put in place only when whole.

    A full disk or a kill on the way leaves no file at path, never an empty or half-made one
    (which the next start would rightly take for a damaged diary).
    """
    try:
        make_private_dir(path.parent)
        staged = path.with_name(path.name + ".new")
        remove_database(staged)  # the app's own, left by an interrupted start
        make_private_file(staged)
    except OSError as error:
        raise _os_error(path, error) from None
    engine = create_sqlite_engine(staged)
    try:
        made = Database(engine, staged)
        if migrate:
            made.migrate()
        else:  # no schema, but a database file, not an empty one: the pragmas write its header
            made.current_revision()
        engine.dispose()  # the last connection merges the log into the file and removes it
        if staged.with_name(staged.name + "-wal").exists():
            raise CannotWriteError(
                f"A new diary could not be made in {path.parent}: {WriteProblem.DISK_FULL.value}.",
                WriteProblem.DISK_FULL,
            )
        try:
            os.link(staged, path)  # never over a file that appeared meanwhile
        except FileExistsError:
            pass
        except OSError:  # no hard links here (FAT, some network drives)
            if not path.exists():
                staged.rename(path)
        sync_folder(path.parent)
    except (DBAPIError, sqlite3.Error, OSError) as error:
        raise _opening_error(path, error) from None
    finally:
        engine.dispose()
        remove_database(staged)


def _opening_error(path: Path, error: BaseException) -> DataError:
    """What an error met opening (or making) the diary at path means for the user.

    CannotWriteError when the folder or disk refuses writing (reading may still work).
    """
    original = getattr(error, "orig", None) or error
    if isinstance(original, OSError):
        return _os_error(path, original)
    if isinstance(original, sqlite3.OperationalError):
        # SQLite often says only "unable to open database file" or "disk I/O error": try.
        problem = problem_of(original) or write_problem_near(path)
        if problem is not None:
            return _cannot_write(path, problem)
        return DataError(_explain_operational(str(original)))
    # Any other database error: the file is not a database, or a damaged one.
    return DataError(_refusal(path, str(original)))


def _os_error(path: Path, error: OSError) -> DataError:
    problem = problem_of(error)
    if problem is not None:
        return _cannot_write(path, problem)
    return DataError(
        f"The data folder {path.parent} cannot be used: {os_reason(error)}. Choose a folder you "
        "may write to (--data-dir), or free some space."
    )


def _cannot_write(path: Path, problem: WriteProblem) -> CannotWriteError:
    return CannotWriteError(
        f"The diary in {path.parent} cannot be changed: {problem.value}. Nothing was written.",
        problem,
    )


def write_problem_near(path: Path) -> WriteProblem | None:
    """Why nothing can be written beside path, found by trying (None when it can be)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return write_problem(folder)


def _refusal(path: Path, problem: str) -> str:
    return (
        f"The diary file {path} cannot be read ({problem}); it is treated as damaged and "
        "has not been changed."
    )


def _explain_operational(message: str, read_only: WriteProblem | None = None) -> str:
    text = message.casefold()
    if read_only is not None:
        cause = read_only.value
    elif "full" in text:
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
    # SQLite's words, then PostgreSQL's.
    text = str(error.orig).casefold()
    if "unique" in text:
        return "That record already exists."
    if "foreign key" in text:
        return "That record refers to something that no longer exists, or is still in use."
    return "The database refused the change as inconsistent."
