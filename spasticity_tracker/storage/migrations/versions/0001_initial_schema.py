"""Initial schema: people, carers, medicines, regimens, doses, diary entries and events.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("condition", sa.String(length=40), nullable=False),
        sa.Column("kidney_impairment", sa.Boolean(), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("name", name=op.f("uq_people_name")),
    )
    op.create_table(
        "carers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_carers_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carers")),
        sa.UniqueConstraint("person_id", "name", name=op.f("uq_carers_person_id_name")),
    )
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("clinician", sa.String(length=100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_appointments_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_appointments_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointments_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )
        batch_op.create_index("ix_appointments_person_day", ["person_id", "day"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_events_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_events_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_events_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )
        batch_op.create_index("ix_events_person_start", ["person_id", "start_date"], unique=False)

    op.create_table(
        "medicines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("route", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_medicines_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_medicines_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medicines")),
        sa.UniqueConstraint("person_id", "name", name=op.f("uq_medicines_person_id_name")),
    )
    with op.batch_alter_table("medicines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_medicines_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )

    op.create_table(
        "side_effect_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("effect", sa.String(length=100), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_side_effect_reports_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_side_effect_reports_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_side_effect_reports")),
    )
    with op.batch_alter_table("side_effect_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_side_effect_reports_entered_by_carer_id"),
            ["entered_by_carer_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_side_effect_reports_person_day", ["person_id", "day"], unique=False
        )

    op.create_table(
        "symptom_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("stiffness", sa.Integer(), nullable=False),
        sa.Column("spasm_frequency", sa.Integer(), nullable=True),
        sa.Column("spasm_severity", sa.Integer(), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("sleep_disruption", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "stiffness BETWEEN 0 AND 10", name=op.f("ck_symptom_entries_stiffness_range")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_symptom_entries_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_symptom_entries_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_symptom_entries")),
    )
    with op.batch_alter_table("symptom_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_symptom_entries_entered_by_carer_id"),
            ["entered_by_carer_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_symptom_entries_person_recorded", ["person_id", "recorded_at"], unique=False
        )

    op.create_table(
        "dose_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("medicine_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("scheduled_time", sa.Time(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_dose_records_amount_positive")),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_dose_records_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["medicine_id"],
            ["medicines.id"],
            name=op.f("fk_dose_records_medicine_id_medicines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dose_records")),
        sa.UniqueConstraint(
            "medicine_id",
            "day",
            "scheduled_time",
            name=op.f("uq_dose_records_medicine_id_day_scheduled_time"),
        ),
    )
    with op.batch_alter_table("dose_records", schema=None) as batch_op:
        batch_op.create_index("ix_dose_records_day", ["day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dose_records_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )

    op.create_table(
        "regimens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("medicine_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("rate_per_day", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "rate_per_day IS NULL OR rate_per_day > 0", name=op.f("ck_regimens_rate_positive")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_regimens_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["medicine_id"],
            ["medicines.id"],
            name=op.f("fk_regimens_medicine_id_medicines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regimens")),
        sa.UniqueConstraint(
            "medicine_id", "start_date", name=op.f("uq_regimens_medicine_id_start_date")
        ),
    )
    with op.batch_alter_table("regimens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_regimens_entered_by_carer_id"), ["entered_by_carer_id"], unique=False
        )

    op.create_table(
        "regimen_doses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regimen_id", sa.Integer(), nullable=False),
        sa.Column("time_of_day", sa.Time(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_regimen_doses_amount_positive")),
        sa.ForeignKeyConstraint(
            ["regimen_id"],
            ["regimens.id"],
            name=op.f("fk_regimen_doses_regimen_id_regimens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regimen_doses")),
        sa.UniqueConstraint(
            "regimen_id", "time_of_day", name=op.f("uq_regimen_doses_regimen_id_time_of_day")
        ),
    )


def downgrade() -> None:
    op.drop_table("regimen_doses")
    with op.batch_alter_table("regimens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regimens_entered_by_carer_id"))

    op.drop_table("regimens")
    with op.batch_alter_table("dose_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dose_records_entered_by_carer_id"))
        batch_op.drop_index("ix_dose_records_day")

    op.drop_table("dose_records")
    with op.batch_alter_table("symptom_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_symptom_entries_person_recorded")
        batch_op.drop_index(batch_op.f("ix_symptom_entries_entered_by_carer_id"))

    op.drop_table("symptom_entries")
    with op.batch_alter_table("side_effect_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_side_effect_reports_person_day")
        batch_op.drop_index(batch_op.f("ix_side_effect_reports_entered_by_carer_id"))

    op.drop_table("side_effect_reports")
    with op.batch_alter_table("medicines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_medicines_entered_by_carer_id"))

    op.drop_table("medicines")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_person_start")
        batch_op.drop_index(batch_op.f("ix_events_entered_by_carer_id"))

    op.drop_table("events")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_person_day")
        batch_op.drop_index(batch_op.f("ix_appointments_entered_by_carer_id"))

    op.drop_table("appointments")
    op.drop_table("carers")
    op.drop_table("people")
