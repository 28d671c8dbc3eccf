"""Alembic environment: runs on the connection the Database hands over (or alembic.ini's URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from spasticity_tracker.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Run migrations online; SQLite needs batch mode to alter tables."""
    connection = config.attributes.get("connection")
    if connection is None:
        from pathlib import Path

        from spasticity_tracker.storage.database import create_sqlite_engine

        url = config.get_main_option("sqlalchemy.url") or ""
        engine = create_sqlite_engine(Path(url.removeprefix("sqlite:///")))
        with engine.connect() as own_connection:
            _configure_and_run(own_connection)
        engine.dispose()
    else:
        _configure_and_run(connection)


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run them online.")
run_migrations()
