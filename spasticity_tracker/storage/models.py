"""SQLAlchemy 2 typed models: one table per entity; rows never leave storage/."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Ids are never reused: an undone delete puts a record back under its old id, so a new record
# must not have taken that id in the meantime.
AUTOINCREMENT = {"sqlite_autoincrement": True}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as naive UTC (SQLite has no time zones); read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_now() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so constraints have stable migration names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """Created and updated instants, in UTC, and a version that every update moves on.

    The version makes each update a compare-and-set (``UPDATE ... WHERE version = N``): of two
    people saving the same record from two computers, the second is told, never overwrites.
    """

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class EnteredByMixin(TimestampMixin):
    """Who entered a record: NULL for the person themself, else a carer."""

    entered_by_carer_id: Mapped[int | None] = mapped_column(
        ForeignKey("carers.id", ondelete="RESTRICT"), index=True
    )


class PersonRow(TimestampMixin, Base):
    __tablename__ = "people"
    __table_args__ = (AUTOINCREMENT,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    condition: Mapped[str] = mapped_column(String(40))
    kidney_impairment: Mapped[bool] = mapped_column(Boolean, default=False)
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    questions: Mapped[str] = mapped_column(Text, default="", server_default="")
    hospital_number: Mapped[str] = mapped_column(String(30), default="", server_default="")
    # The login that made this person's diary, on a shared diary (PostgreSQL sets it from
    # current_user, and its row-level security reads it); NULL in a diary file.
    owner: Mapped[str | None] = mapped_column(String(63), server_default=FetchedValue())


class CarerRow(TimestampMixin, Base):
    __tablename__ = "carers"
    __table_args__ = (
        UniqueConstraint("person_id", "name"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))


class MedicineRow(EnteredByMixin, Base):
    __tablename__ = "medicines"
    __table_args__ = (
        # The same name in two forms is allowed: tablets and a pump of baclofen at once.
        UniqueConstraint("person_id", "name", "form"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    ingredient: Mapped[str] = mapped_column(String(40))
    form: Mapped[str] = mapped_column(String(40))
    ingredient_confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    unit: Mapped[str] = mapped_column(String(20))


class RegimenRow(EnteredByMixin, Base):
    __tablename__ = "regimens"
    __table_args__ = (
        UniqueConstraint("medicine_id", "start_date"),
        CheckConstraint("rate_per_day IS NULL OR rate_per_day > 0", name="rate_positive"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medicine_id: Mapped[int] = mapped_column(ForeignKey("medicines.id", ondelete="CASCADE"))
    start_date: Mapped[date] = mapped_column(Date)
    rate_per_day: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    doses: Mapped[list[RegimenDoseRow]] = relationship(
        cascade="all, delete-orphan",
        order_by="RegimenDoseRow.time_of_day",
        lazy="selectin",
        passive_deletes=True,
    )


class RegimenDoseRow(Base):
    __tablename__ = "regimen_doses"
    __table_args__ = (
        UniqueConstraint("regimen_id", "time_of_day"),
        CheckConstraint("amount > 0", name="amount_positive"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regimen_id: Mapped[int] = mapped_column(ForeignKey("regimens.id", ondelete="CASCADE"))
    time_of_day: Mapped[time] = mapped_column(Time)
    amount: Mapped[float] = mapped_column(Float)


class DoseRecordRow(EnteredByMixin, Base):
    __tablename__ = "dose_records"
    __table_args__ = (
        # One record per scheduled dose; extra doses (NULL time) may be many.
        UniqueConstraint("medicine_id", "day", "scheduled_time"),
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_dose_records_day", "day"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medicine_id: Mapped[int] = mapped_column(ForeignKey("medicines.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    scheduled_time: Mapped[time | None] = mapped_column(Time)
    status: Mapped[str] = mapped_column(String(20))
    amount: Mapped[float] = mapped_column(Float)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SymptomEntryRow(EnteredByMixin, Base):
    __tablename__ = "symptom_entries"
    __table_args__ = (
        CheckConstraint("stiffness BETWEEN 0 AND 10", name="stiffness_range"),
        Index("ix_symptom_entries_person_recorded", "person_id", "recorded_at"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stiffness: Mapped[int] = mapped_column(Integer)
    spasm_frequency: Mapped[int | None] = mapped_column(Integer)
    spasm_severity: Mapped[int | None] = mapped_column(Integer)
    pain: Mapped[int | None] = mapped_column(Integer)
    sleep_disruption: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class SideEffectReportRow(EnteredByMixin, Base):
    __tablename__ = "side_effect_reports"
    __table_args__ = (
        Index("ix_side_effect_reports_person_day", "person_id", "day"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    effect: Mapped[str] = mapped_column(String(100))
    severity: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class EventRow(EnteredByMixin, Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_person_start", "person_id", "start_date"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class AppointmentRow(EnteredByMixin, Base):
    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_person_day", "person_id", "day"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    clinician: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    service: Mapped[str] = mapped_column(String(100), default="", server_default="")
    next_day: Mapped[date | None] = mapped_column(Date)
    ashworth: Mapped[list[AshworthScoreRow]] = relationship(
        cascade="all, delete-orphan",
        order_by="AshworthScoreRow.id",
        lazy="selectin",
        passive_deletes=True,
    )
    goals: Mapped[list[GoalRow]] = relationship(
        cascade="all, delete-orphan",
        order_by="GoalRow.position",
        lazy="selectin",
        passive_deletes=True,
    )


class AshworthScoreRow(Base):
    __tablename__ = "ashworth_scores"
    __table_args__ = (UniqueConstraint("appointment_id", "muscle", "side"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), index=True
    )
    muscle: Mapped[str] = mapped_column(String(100))
    side: Mapped[str] = mapped_column(String(10))
    score: Mapped[str] = mapped_column(String(2))


class GoalRow(Base):
    __tablename__ = "goals"
    __table_args__ = (
        UniqueConstraint("appointment_id", "position"),
        CheckConstraint("rating IS NULL OR rating BETWEEN -2 AND 2", name="rating_range"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    expected: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(Integer)
    rated_on: Mapped[date | None] = mapped_column(Date)


class CheckInRow(EnteredByMixin, Base):
    __tablename__ = "check_ins"
    __table_args__ = (
        Index("ix_check_ins_person_day", "person_id", "day"),
        CheckConstraint("pgic BETWEEN 1 AND 7", name="pgic_range"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    pgic: Mapped[int] = mapped_column(Integer)


class PumpRefillRow(EnteredByMixin, Base):
    __tablename__ = "pump_refills"
    __table_args__ = (
        Index("ix_pump_refills_medicine_date", "medicine_id", "refill_date"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medicine_id: Mapped[int] = mapped_column(ForeignKey("medicines.id", ondelete="CASCADE"))
    refill_date: Mapped[date] = mapped_column(Date)
    next_due: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class ToxinInjectionRow(EnteredByMixin, Base):
    __tablename__ = "toxin_injections"
    __table_args__ = (
        CheckConstraint("total_units IS NULL OR total_units > 0", name="units_positive"),
        Index("ix_toxin_injections_person_day", "person_id", "day"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    product: Mapped[str] = mapped_column(String(40))
    total_units: Mapped[float | None] = mapped_column(Float)
    muscles: Mapped[str] = mapped_column(Text, default="")
    given_by: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
