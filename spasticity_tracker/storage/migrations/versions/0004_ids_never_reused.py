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


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
