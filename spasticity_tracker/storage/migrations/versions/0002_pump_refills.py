"""Pump refills: when a pump was refilled and when the next refill is due.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pump_refills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("medicine_id", sa.Integer(), nullable=False),
        sa.Column("refill_date", sa.Date(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_pump_refills_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["medicine_id"],
            ["medicines.id"],
            name=op.f("fk_pump_refills_medicine_id_medicines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pump_refills")),
    )
    with op.batch_alter_table("pump_refills", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pump_refills_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )
        batch_op.create_index(
            "ix_pump_refills_medicine_date", ["medicine_id", "refill_date"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pump_refills", schema=None) as batch_op:
        batch_op.drop_index("ix_pump_refills_medicine_date")
        batch_op.drop_index(batch_op.f("ix_pump_refills_entered_by_carer_id"))

    op.drop_table("pump_refills")
