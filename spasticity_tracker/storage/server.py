"""A shared diary on a PostgreSQL server: the connection, its login, its errors in plain words.

The server does the sharing: its logins, row-level security and triggers (migration 0008)
decide who sees and changes whose diary. The app asks it, and explains its refusals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from spasticity_tracker.domain.errors import (
    ConflictError,
    DataError,
    NotAllowedError,
    TrackerError,
)

log = logging.getLogger(__name__)

# The environment variable that names the shared diary (the --database option wins).
DATABASE_ENV = "SPASTICITY_TRACKER_DATABASE"

# The channel of the notices the audit trigger sends (payload: the person's id).
CHANNEL = "spasticity_tracker"

_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}


class ServerError(DataError):
    """The shared diary's server cannot be reached or refuses the login."""


class PasswordNeededError(ServerError):
    """The server asks for a password that was not given (or refused the one given)."""

    def __init__(self, message: str, *, refused: bool):
        super().__init__(message)
        self.refused = refused


def server_url(text_url: str) -> URL:
    """The SQLAlchemy URL (psycopg 3) for a postgresql:// URL as libpq writes it."""
    try:
        url = make_url(text_url.strip())
    except ArgumentError:
        raise ServerError(
            f"{shown_url(text_url)!r} is not a database address; write it as "
            "postgresql://LOGIN@HOST/DATABASE"
        ) from None
    if url.drivername not in _SCHEMES:
        raise ServerError(
            f"Only PostgreSQL servers can hold a shared diary (postgresql://...), not "
            f"{url.drivername}://."
        )
    if not url.database:
        raise ServerError("The address names no database: postgresql://LOGIN@HOST/DATABASE")
    return url.set(drivername="postgresql+psycopg")


def shown_url(text_url: str | URL) -> str:
    """The address with any password hidden, to show or to log."""
    try:
        url = text_url if isinstance(text_url, URL) else make_url(text_url.strip())
    except ArgumentError:
        return "that address"
    shown = url.render_as_string(hide_password=True).replace("postgresql+psycopg", "postgresql")
    return unquote(shown)  # a socket folder reads as a folder: host=/run/postgresql


@dataclass(frozen=True)
class Server:
    """The shared diary's server as this connection sees it."""

    address: str  # the URL without a password, to show
    database: str
    login: str
    owner: str  # the login that owns the diary's tables (or, before there are any, the database)
    # The server's process ids of this app's own connections, filled in as they are made:
    # notices from them are not news (Listener).
    backends: set[int] = field(default_factory=set, compare=False, hash=False, repr=False)

    @property
    def may_upgrade(self) -> bool:
        """Whether this login may change the schema (it owns it, as the README sets up)."""
        return self.login == self.owner

    def revision(self, engine: Engine) -> str | None:
        """The schema revision on the server; None before the first migration."""
        with engine.connect() as connection:
            if connection.scalar(text("SELECT to_regclass('public.alembic_version')")) is None:
                return None
            value = connection.scalar(text("SELECT version_num FROM alembic_version"))
            return None if value is None else str(value)

    def upgrade(self, engine: Engine, current: str | None) -> None:
        """Run the migrations in one transaction, if this login owns the schema."""
        if not self.may_upgrade:
            what = (
                "has no diary yet"
                if current is None
                else f"was made by an older version of {_app()} (schema {current})"
            )
            raise DataError(
                f"The shared diary {self.database} {what}. Only its owner, {self.owner}, may "
                "set it up or upgrade it: ask them to start the app (or any command) once "
                "with their login. Nothing was changed."
            )
        from alembic import command

        from spasticity_tracker.storage.database import alembic_config

        log.info("upgrading the shared diary's schema from %s", current)
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")

    def explain(self, error: DBAPIError) -> TrackerError:
        """What a refusal by the server means for the user; nothing of the change was saved."""
        state = getattr(error.orig, "sqlstate", None) or ""
        primary = _primary(error)
        if state == "42501":  # insufficient_privilege: a read-only share, or none
            return NotAllowedError(
                f"{self.login} may read this diary but not change it (it is shared read-only, "
                "or not with this login). Nothing was saved."
            )
        if state in {"40001", "40P01"}:  # serialization failure, deadlock
            return ConflictError(
                "Someone else saved at the same moment; nothing of this was saved. Please try "
                "again."
            )
        if state.startswith("08") or error.connection_invalidated:
            return ServerError(
                f"The connection to the shared diary on {self.address} was lost; nothing of "
                "this was saved. Check the network and try again."
            )
        log.warning("the server refused a change: %s (%s)", state, primary)
        return DataError(f"The server refused this: {primary}. Nothing of it was saved.")


def _app() -> str:
    from spasticity_tracker import APP_NAME

    return APP_NAME


def _primary(error: DBAPIError) -> str:
    diag = getattr(error.orig, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return str(primary or error.orig).strip()


def connect(text_url: str, *, password: str | None = None) -> tuple[Engine, Server]:
    """An engine on the shared diary, its connection tried once; ServerError says why not."""
    url = server_url(text_url)
    address = shown_url(url)  # as written (a password given in a dialog is not part of it)
    if password is not None:
        url = url.set(password=password)
    arguments: dict[str, Any] = {"application_name": "Spasticity Tracker", "connect_timeout": 10}
    # hide_parameters: an error must never print diary notes or scores to a log.
    engine = create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=arguments)
    event.listen(engine, "connect", _set_session)
    backends: set[int] = set()
    event.listen(
        engine, "connect", lambda dbapi, _record: backends.add(int(dbapi.info.backend_pid))
    )
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text(
                    "SELECT current_user, current_database(), coalesce("
                    "(SELECT tableowner FROM pg_tables "
                    " WHERE schemaname = 'public' AND tablename = 'alembic_version'), "
                    "(SELECT pg_get_userbyid(datdba) FROM pg_database "
                    " WHERE datname = current_database()))"
                )
            ).one()
    except DBAPIError as error:
        engine.dispose()
        raise _connection_error(url, address, error) from None
    return engine, Server(address, str(row[1]), str(row[0]), str(row[2]), backends)


def _set_session(dbapi_connection: Any, _record: object) -> None:
    # Dates and times are stored as UTC by the app (models.UTCDateTime); the session's zone
    # only matters to the server's own clock, as in the audit.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")
    dbapi_connection.commit()


def _connection_error(url: URL, where: str, error: DBAPIError) -> ServerError:
    message = str(error.orig).strip()
    folded = message.casefold()
    if "no password supplied" in folded or "password authentication failed" in folded:
        refused = "password authentication failed" in folded
        return PasswordNeededError(
            f"The server {where} refused the password for {url.username or 'this login'}."
            if refused
            else f"The server {where} asks for {url.username or 'this login'}'s password.",
            refused=refused,
        )
    # libpq says "connection failed: connection to server on socket ... failed: FATAL:  why".
    reason = message.splitlines()[0] if message else type(error.orig).__name__
    reason = reason.rpartition("FATAL:")[2] if "FATAL:" in reason else reason.rpartition(": ")[2]
    return ServerError(f"The shared diary {where} cannot be opened: {reason.strip()}.")


class Listener:
    """Notices of changes made by other connections (LISTEN), for pages to refresh.

    One connection of its own, in autocommit, outside the pool. Its socket can be watched
    (fileno) so that a window waits for notices without a thread or a timer; poll() then
    reads what has arrived without blocking. Notices from this app's own connections are
    left out: their changes are already shown.
    """

    def __init__(self, engine: Engine, server: Server):
        self._own = server.backends
        self._arguments = engine.url.translate_connect_args(username="user", database="dbname")
        self._arguments.update(engine.url.query)
        self._address = server.address
        self._connection = self._connect()

    def _connect(self) -> Any:
        import psycopg

        try:
            connection = psycopg.connect(
                **self._arguments,
                autocommit=True,
                connect_timeout=10,
                application_name="Spasticity Tracker (notices)",
            )
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            raise ServerError(f"The shared diary on {self._address} cannot be reached.") from None
        return connection

    def reopen(self) -> None:
        """Listen again on a new connection (after the server went away); ServerError if not."""
        self.close()
        self._connection = self._connect()

    def fileno(self) -> int:
        return int(self._connection.fileno())

    def poll(self) -> set[tuple[int | None, str]]:
        """What others changed since the last poll: (person id, table) pairs; the id is None
        where it is not known (a record whose parent went in the same change).

        ServerError when the connection was lost: reopen() later, and reload everything.
        """
        import psycopg

        changed: set[tuple[int | None, str]] = set()
        try:
            notices = list(self._connection.notifies(timeout=0))
            if not notices:
                # Readable with nothing to read: the server may have closed the connection,
                # which only a query tells (notices arriving meanwhile are kept for the next).
                self._connection.execute("SELECT 1")
        except psycopg.Error:
            raise ServerError(f"The connection to {self._address} was lost.") from None
        for notice in notices:
            if notice.pid in self._own:
                continue
            person, _, table = notice.payload.partition(" ")
            changed.add((int(person) if person.isdigit() else None, table))
        return changed

    def close(self) -> None:
        self._connection.close()
