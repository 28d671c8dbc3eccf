"""Ids never reused (AUTOINCREMENT), so that an undone delete cannot clash with a newer record.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Parents before children; the tables are copied with foreign keys off (Database.migrate).
TABLES = (
    "people",
    "carers",
    "medicines",
    "regimens",
    "regimen_doses",
    "dose_records",
    "symptom_entries",
    "side_effect_reports",
    "events",
    "appointments",
    "pump_refills",
)


def _sqlite() -> bool:
    # PostgreSQL's sequences never hand out an id twice; only SQLite needs the tables rebuilt.
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if not _sqlite():
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    if not _sqlite():
        return
    for table in reversed(TABLES):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
