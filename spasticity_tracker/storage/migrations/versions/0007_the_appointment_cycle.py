"""The appointment cycle: an appointment's service and next date, the Modified Ashworth scores
of its clinic letter, the goals agreed at it and their ratings, and the check-in before the
next one (the patient global impression of change).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pgic", sa.Integer(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("pgic BETWEEN 1 AND 7", name=op.f("ck_check_ins_pgic_range")),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_check_ins_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_check_ins_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_ins_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )
        batch_op.create_index("ix_check_ins_person_day", ["person_id", "day"], unique=False)

    op.create_table(
        "ashworth_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("muscle", sa.String(length=100), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("score", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_ashworth_scores_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ashworth_scores")),
        sa.UniqueConstraint(
            "appointment_id",
            "muscle",
            "side",
            name=op.f("uq_ashworth_scores_appointment_id_muscle_side"),
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("ashworth_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ashworth_scores_appointment_id"), ["appointment_id"], unique=False
        )

    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rated_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN -2 AND 2", name=op.f("ck_goals_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_goals_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
        sa.UniqueConstraint(
            "appointment_id", "position", name=op.f("uq_goals_appointment_id_position")
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goals_appointment_id"), ["appointment_id"], unique=False
        )

    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("service", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("next_day", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_column("next_day")
        batch_op.drop_column("service")

    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_appointment_id"))

    op.drop_table("goals")
    with op.batch_alter_table("ashworth_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ashworth_scores_appointment_id"))

    op.drop_table("ashworth_scores")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index("ix_check_ins_person_day")
        batch_op.drop_index(batch_op.f("ix_check_ins_entered_by_carer_id"))

    op.drop_table("check_ins")
