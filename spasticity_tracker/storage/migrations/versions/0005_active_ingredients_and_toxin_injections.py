"""Active ingredients and forms of medicines; botulinum toxin injections as their own records.

Each medicine's ingredient is guessed from its name (generic and brand names, close
spellings) and its form from its route; a guess that is not an exact name is marked for the
person to confirm. Botulinum toxin injections recorded as events become injection records
(product and units unknown: the person can add them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The recognition is the app's own: a guess made with today's list of names is what the
# person is asked to confirm, so it need not be frozen like the schema.
from spasticity_tracker.domain.ingredients import form_for, recognise
from spasticity_tracker.domain.scales import Form, Route

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MEDICINES = sa.table(
    "medicines",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("route", sa.String),
    sa.column("ingredient", sa.String),
    sa.column("form", sa.String),
    sa.column("ingredient_confirmed", sa.Boolean),
)
_EVENTS = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("start_date", sa.Date),
    sa.column("note", sa.Text),
    sa.column("entered_by_carer_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)
_INJECTIONS = sa.table(
    "toxin_injections",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("product", sa.String),
    sa.column("total_units", sa.Float),
    sa.column("muscles", sa.Text),
    sa.column("given_by", sa.String),
    sa.column("note", sa.Text),
    sa.column("entered_by_carer_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)
TOXIN_EVENT = "botulinum_toxin"


def upgrade() -> None:
    op.create_table(
        "toxin_injections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("product", sa.String(length=40), nullable=False),
        sa.Column("total_units", sa.Float(), nullable=True),
        sa.Column("muscles", sa.Text(), nullable=False),
        sa.Column("given_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by_carer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "total_units IS NULL OR total_units > 0",
            name=op.f("ck_toxin_injections_units_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_carer_id"],
            ["carers.id"],
            name=op.f("fk_toxin_injections_entered_by_carer_id_carers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_toxin_injections_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toxin_injections")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("toxin_injections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_toxin_injections_entered_by_carer_id"),
            ["entered_by_carer_id"],
            unique=False,
        )
        batch_op.create_index("ix_toxin_injections_person_day", ["person_id", "day"], unique=False)

    with op.batch_alter_table("medicines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ingredient", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("form", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("ingredient_confirmed", sa.Boolean(), nullable=False, server_default="1")
        )

    connection = op.get_bind()
    for medicine_id, name, route in connection.execute(
        sa.select(_MEDICINES.c.id, _MEDICINES.c.name, _MEDICINES.c.route)
    ):
        recognised = recognise(name)
        connection.execute(
            _MEDICINES.update()
            .where(_MEDICINES.c.id == medicine_id)
            .values(
                ingredient=recognised.ingredient.value,
                form=form_for(recognised, Route(route)).value,
                ingredient_confirmed=recognised.is_sure,
            )
        )

    toxin_events = connection.execute(
        sa.select(_EVENTS).where(_EVENTS.c.kind == TOXIN_EVENT).order_by(_EVENTS.c.id)
    ).all()
    for event in toxin_events:
        connection.execute(
            _INJECTIONS.insert().values(
                person_id=event.person_id,
                day=event.start_date,
                product="other",
                total_units=None,
                muscles="",
                given_by="",
                note=event.note,
                entered_by_carer_id=event.entered_by_carer_id,
                created_at=event.created_at,
                updated_at=event.updated_at,
            )
        )
    connection.execute(_EVENTS.delete().where(_EVENTS.c.kind == TOXIN_EVENT))

    with op.batch_alter_table("medicines", schema=None) as batch_op:
        batch_op.alter_column("ingredient", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("form", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column(
            "ingredient_confirmed", existing_type=sa.Boolean(), server_default=None
        )
        batch_op.drop_constraint(batch_op.f("uq_medicines_person_id_name"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_medicines_person_id_name_form"), ["person_id", "name", "form"]
        )
        batch_op.drop_column("route")


def downgrade() -> None:
    with op.batch_alter_table("medicines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("route", sa.String(length=40), nullable=True))
    connection = op.get_bind()
    for form in Form:
        connection.execute(
            _MEDICINES.update()
            .where(_MEDICINES.c.form == form.value)
            .values(route=form.route.value)
        )
    for injection in connection.execute(sa.select(_INJECTIONS)).all():
        connection.execute(
            _EVENTS.insert().values(
                person_id=injection.person_id,
                kind=TOXIN_EVENT,
                start_date=injection.day,
                note=injection.note,
                entered_by_carer_id=injection.entered_by_carer_id,
                created_at=injection.created_at,
                updated_at=injection.updated_at,
            )
        )
    with op.batch_alter_table("medicines", schema=None) as batch_op:
        batch_op.alter_column("route", existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_constraint(batch_op.f("uq_medicines_person_id_name_form"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_medicines_person_id_name"), ["person_id", "name"]
        )
        batch_op.drop_column("ingredient_confirmed")
        batch_op.drop_column("form")
        batch_op.drop_column("ingredient")

    with op.batch_alter_table("toxin_injections", schema=None) as batch_op:
        batch_op.drop_index("ix_toxin_injections_person_day")
        batch_op.drop_index(batch_op.f("ix_toxin_injections_entered_by_carer_id"))

    op.drop_table("toxin_injections")
