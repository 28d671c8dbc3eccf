"""The diary's entities: frozen dataclasses with typed ids, validated when they are made.

An entity's ``id`` is None until it is saved. ``entered_by`` is None when the person entered the
record themself, otherwise the id of the carer who entered it on their behalf. ``created_at`` and
``updated_at`` are set by the storage layer, in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NewType

from spasticity_tracker.domain import validation as check
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import (
    GAS_MAX,
    GAS_MIN,
    GOALS_MAX,
    NRS_MAX,
    NRS_MIN,
    PGIC_MAX,
    PGIC_MIN,
    STIFFNESS_MAX,
    STIFFNESS_MIN,
    Ashworth,
    BodySide,
    Condition,
    DoseStatus,
    DoseUnit,
    EventKind,
    Form,
    Route,
    Severity,
    ToxinProduct,
)

PersonId = NewType("PersonId", int)
CarerId = NewType("CarerId", int)
MedicineId = NewType("MedicineId", int)
RegimenId = NewType("RegimenId", int)
DoseRecordId = NewType("DoseRecordId", int)
SymptomEntryId = NewType("SymptomEntryId", int)
SideEffectReportId = NewType("SideEffectReportId", int)
EventId = NewType("EventId", int)
AppointmentId = NewType("AppointmentId", int)
PumpRefillId = NewType("PumpRefillId", int)
ToxinInjectionId = NewType("ToxinInjectionId", int)
CheckInId = NewType("CheckInId", int)

NAME_MAX = 100
NOTE_MAX = 5000
GOAL_MAX = 300  # a goal or its expected outcome: a sentence or two
HOSPITAL_NUMBER_MAX = 30  # an NHS number is 10 digits; hospital numbers are shorter still


@dataclass(frozen=True, kw_only=True)
class Audited:
    """Who entered a record and when it was created and last updated (UTC)."""

    entered_by: CarerId | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None  # as read; an update of a newer version is refused as a clash


@dataclass(frozen=True, kw_only=True)
class Person:
    """The person whose spasticity is tracked."""

    name: str
    date_of_birth: date | None = None
    condition: Condition = Condition.OTHER
    kidney_impairment: bool = False
    is_example: bool = False  # made by the demo generator, removable in one step
    questions: str = ""  # for the next appointment, printed on the clinic summary
    hospital_number: str = ""  # a hospital or NHS number, printed on the clinic summary
    id: PersonId | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int | None = None

    def __post_init__(self) -> None:
        check.text("Name", self.name, NAME_MAX, required=True)
        if self.date_of_birth is not None:
            check.plain_date("Date of birth", self.date_of_birth)
        if not isinstance(self.condition, Condition):
            raise ValidationError("Condition", self.condition, "one of the listed conditions")
        check.text("Questions", self.questions, NOTE_MAX)
        check.one_line("Hospital or NHS number", self.hospital_number, HOSPITAL_NUMBER_MAX)


@dataclass(frozen=True, kw_only=True)
class Carer:
    """Someone who enters records on a person's behalf."""

    person_id: PersonId
    name: str
    id: CarerId | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        check.text("Carer name", self.name, NAME_MAX, required=True)


@dataclass(frozen=True, kw_only=True)
class Medicine(Audited):
    """A medicine a person takes: its name, active ingredient and form.

    The cautions follow the ingredient, never the name. ``ingredient_confirmed`` is False where
    the ingredient was guessed from the name (an older diary, a close spelling in an import),
    until the person confirms or changes it.
    """

    person_id: PersonId
    name: str
    ingredient: Ingredient
    form: Form = Form.TABLET
    ingredient_confirmed: bool = True
    unit: DoseUnit | None = None  # None: the form's usual unit
    id: MedicineId | None = None

    def __post_init__(self) -> None:
        check.text("Medicine name", self.name, NAME_MAX, required=True)
        if not isinstance(self.ingredient, Ingredient):
            raise ValidationError(
                "Active ingredient", self.ingredient, "one of the listed ingredients, or other"
            )
        if not isinstance(self.form, Form):
            raise ValidationError("Form", self.form, "one of the listed forms")
        if self.unit is None:
            object.__setattr__(self, "unit", self.route.default_unit)
        if not isinstance(self.unit, DoseUnit):
            raise ValidationError("Unit", self.unit, "one of mg, mcg/day, sprays or units")
        if self.route.is_continuous and self.unit is not DoseUnit.MCG_PER_DAY:
            raise ValidationError("Unit", self.unit, "mcg/day for an intrathecal pump")

    @property
    def route(self) -> Route:
        """How it is given, from its form."""
        return self.form.route

    @property
    def dose_unit(self) -> DoseUnit:
        """The unit, never None once made."""
        assert self.unit is not None
        return self.unit


@dataclass(frozen=True, kw_only=True)
class ScheduledDose:
    """One dose of a regimen, at a time of day."""

    time_of_day: time
    amount: float

    def __post_init__(self) -> None:
        if not isinstance(self.time_of_day, time):
            raise ValidationError("Time of day", self.time_of_day, "a time of day")
        if self.time_of_day.tzinfo is not None:
            raise ValidationError("Time of day", self.time_of_day, "a local time of day")
        check.amount("Dose", self.amount)


@dataclass(frozen=True, kw_only=True)
class Regimen(Audited):
    """What was prescribed from a date on; a dose change is a new regimen.

    Oral and other scheduled medicines list doses by time of day; a pump has a continuous rate
    per day. A regimen with neither means the medicine was stopped on that date.
    """

    medicine_id: MedicineId
    start_date: date
    doses: tuple[ScheduledDose, ...] = ()
    rate_per_day: float | None = None
    note: str = ""
    id: RegimenId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Start date", self.start_date)
        check.text("Note", self.note, NOTE_MAX)
        if self.rate_per_day is not None:
            check.amount("Rate", self.rate_per_day)
        if self.doses and self.rate_per_day is not None:
            raise ValidationError(
                "Regimen",
                "doses and a rate",
                "either doses by time of day or a rate per day",
                message="A regimen has either doses by time of day or a rate per day, not both",
            )
        times = [dose.time_of_day for dose in self.doses]
        if len(set(times)) != len(times):
            duplicate = next(t for t in times if times.count(t) > 1)
            raise ValidationError(
                "Time of day", duplicate.strftime("%H:%M"), "different for each dose"
            )
        object.__setattr__(self, "doses", tuple(sorted(self.doses, key=lambda d: d.time_of_day)))

    def check_amounts(self, unit: DoseUnit) -> None:
        """Check every amount against the medicine's unit."""
        for dose in self.doses:
            check.amount("Dose", dose.amount, unit.value, unit.max_amount)
        if self.rate_per_day is not None:
            check.amount("Rate", self.rate_per_day, unit.value, unit.max_amount)

    @property
    def daily_total(self) -> float:
        """Sum of the scheduled doses, or the pump rate; 0 when stopped."""
        if self.rate_per_day is not None:
            return self.rate_per_day
        return sum(dose.amount for dose in self.doses)

    @property
    def is_stopped(self) -> bool:
        return not self.doses and self.rate_per_day is None


@dataclass(frozen=True, kw_only=True)
class DoseRecord(Audited):
    """What happened to one dose: a scheduled dose taken, late or missed, or an extra dose.

    ``day`` is the diary day the dose belongs to; ``scheduled_time`` the regimen's time of day
    (None for an extra dose); ``taken_at`` when it was actually taken (None when missed).
    """

    medicine_id: MedicineId
    day: date
    status: DoseStatus
    amount: float
    scheduled_time: time | None = None
    taken_at: datetime | None = None
    id: DoseRecordId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Dose date", self.day)
        if not isinstance(self.status, DoseStatus):
            raise ValidationError("Dose status", self.status, "taken, late, missed or extra")
        check.amount("Dose", self.amount)
        if (self.status is DoseStatus.EXTRA) != (self.scheduled_time is None):
            raise ValidationError(
                "Scheduled time",
                self.scheduled_time,
                "given for a scheduled dose and empty for an extra dose",
            )
        if self.status is DoseStatus.MISSED and self.taken_at is not None:
            raise ValidationError("Time taken", self.taken_at, "empty for a missed dose")
        if self.taken_at is not None:
            check.aware("Time taken", self.taken_at)


@dataclass(frozen=True, kw_only=True)
class SymptomEntry(Audited):
    """One diary entry: stiffness (required), spasms, pain, sleep disruption and a note."""

    person_id: PersonId
    recorded_at: datetime
    stiffness: int
    spasm_frequency: int | None = None
    spasm_severity: int | None = None
    pain: int | None = None
    sleep_disruption: int | None = None
    note: str = ""
    id: SymptomEntryId | None = None

    def __post_init__(self) -> None:
        check.aware("Date and time", self.recorded_at)
        check.whole_number("Stiffness", self.stiffness, STIFFNESS_MIN, STIFFNESS_MAX)
        check.optional_whole_number("Spasm frequency", self.spasm_frequency, 0, 4)
        check.optional_whole_number("Spasm severity", self.spasm_severity, 1, 3)
        if self.spasm_severity is not None and not self.spasm_frequency:
            raise ValidationError(
                "Spasm severity",
                self.spasm_severity,
                "empty unless spasm frequency is above 0",
                message="Spasm severity can only be given when spasm frequency is above 0 "
                f"(got severity {self.spasm_severity} with frequency "
                f"{'not recorded' if self.spasm_frequency is None else self.spasm_frequency})",
            )
        check.optional_whole_number("Pain", self.pain, NRS_MIN, NRS_MAX)
        check.optional_whole_number("Sleep disruption", self.sleep_disruption, NRS_MIN, NRS_MAX)
        check.text("Note", self.note, NOTE_MAX)


@dataclass(frozen=True, kw_only=True)
class SideEffectReport(Audited):
    """A side effect on a day: a listed effect key, or the person's own words, and its severity."""

    person_id: PersonId
    day: date
    effect: str
    severity: Severity
    note: str = ""
    id: SideEffectReportId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Side effect date", self.day)
        check.text("Side effect", self.effect, NAME_MAX, required=True)
        if not isinstance(self.severity, Severity):
            raise ValidationError("Side effect severity", self.severity, "mild, moderate or severe")
        check.text("Note", self.note, NOTE_MAX)


@dataclass(frozen=True, kw_only=True)
class Event(Audited):
    """A trigger or event (infection, fall, physio...) from a date, optionally to an end date."""

    person_id: PersonId
    kind: EventKind
    start_date: date
    end_date: date | None = None
    note: str = ""
    id: EventId | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, EventKind):
            raise ValidationError("Event", self.kind, "one of the listed events")
        check.plain_date("Event start date", self.start_date)
        if self.end_date is not None:
            check.plain_date("Event end date", self.end_date)
            if self.end_date < self.start_date:
                raise ValidationError(
                    "Event end date",
                    self.end_date,
                    f"on or after the start date ({self.start_date})",
                )
        check.text("Note", self.note, NOTE_MAX)


@dataclass(frozen=True)
class AshworthScore:
    """A Modified Ashworth score from a clinic letter: the muscle, the side and the score."""

    muscle: str
    side: BodySide
    score: Ashworth

    def __post_init__(self) -> None:
        check.one_line("Muscle", self.muscle, NAME_MAX)
        if not self.muscle.strip():
            raise ValidationError("Muscle", self.muscle, "named (for example elbow flexors)")
        if not isinstance(self.side, BodySide):
            raise ValidationError("Side", self.side, "left, right or both")
        if not isinstance(self.score, Ashworth):
            raise ValidationError("Modified Ashworth score", self.score, "0, 1, 1+, 2, 3 or 4")


@dataclass(frozen=True)
class Goal:
    """A goal agreed at an appointment, in the person's words, with its expected outcome, and
    how it went (goal attainment scaling, -2 to +2), rated before the next appointment."""

    text: str
    expected: str = ""
    rating: int | None = None
    rated_on: date | None = None

    def __post_init__(self) -> None:
        check.one_line("Goal", self.text, GOAL_MAX)
        if not self.text.strip():
            raise ValidationError("Goal", self.text, "in the person's own words")
        check.one_line("Expected outcome", self.expected, GOAL_MAX)
        check.optional_whole_number("Goal rating", self.rating, GAS_MIN, GAS_MAX)
        if (self.rating is None) != (self.rated_on is None):
            raise ValidationError("Goal rating date", self.rated_on, "given with a rating only")
        if self.rated_on is not None:
            check.plain_date("Goal rating date", self.rated_on)


@dataclass(frozen=True, kw_only=True)
class Appointment(Audited):
    """A clinic appointment: date, clinician and service, what was decided, the next
    appointment's date, the Modified Ashworth scores of the clinic letter, and the goals
    agreed (up to three)."""

    person_id: PersonId
    day: date
    clinician: str = ""
    notes: str = ""  # what was decided, in the person's or the letter's words
    service: str = ""
    next_day: date | None = None
    ashworth: tuple[AshworthScore, ...] = ()
    goals: tuple[Goal, ...] = ()
    id: AppointmentId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Appointment date", self.day)
        check.text("Clinician", self.clinician, NAME_MAX)
        check.text("Service", self.service, NAME_MAX)
        check.text("Notes", self.notes, NOTE_MAX)
        if self.next_day is not None:
            check.plain_date("Next appointment", self.next_day)
            if self.next_day <= self.day:
                allowed = f"after this appointment ({self.day})"
                raise ValidationError("Next appointment", self.next_day, allowed)
        if len(self.goals) > GOALS_MAX:
            raise ValidationError("Goals", len(self.goals), f"at most {GOALS_MAX}")
        for each in (*self.ashworth, *self.goals):
            if not isinstance(each, AshworthScore | Goal):
                raise ValidationError("Appointment", each, "scores and goals only")
        places = [(score.muscle.strip().lower(), score.side) for score in self.ashworth]
        if len(places) != len(set(places)):
            raise ValidationError(
                "Modified Ashworth scores", len(places), "one per muscle and side"
            )


@dataclass(frozen=True, kw_only=True)
class CheckIn(Audited):
    """Before an appointment: the patient global impression of change (1 to 7)."""

    person_id: PersonId
    day: date
    pgic: int
    id: CheckInId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Check-in date", self.day)
        check.whole_number("Impression of change", self.pgic, PGIC_MIN, PGIC_MAX)


@dataclass(frozen=True, kw_only=True)
class PumpRefill(Audited):
    """An intrathecal pump refill, and when the next one is due."""

    medicine_id: MedicineId
    refill_date: date
    next_due: date
    note: str = ""
    id: PumpRefillId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Refill date", self.refill_date)
        check.plain_date("Next refill due", self.next_due)
        if self.next_due <= self.refill_date:
            allowed = f"after the refill date ({self.refill_date})"
            raise ValidationError("Next refill due", self.next_due, allowed)
        check.text("Note", self.note, NOTE_MAX)


TOXIN_UNITS_MAX = 2000.0  # far above any one session's total, to catch typos


@dataclass(frozen=True, kw_only=True)
class ToxinInjection(Audited):
    """A botulinum toxin treatment: date, product, total units, muscles, who gave it.

    Units of one product are not those of another (CLINICAL.md): they are kept with the
    product and never added up across products. ``total_units`` is None when not known.
    """

    person_id: PersonId
    day: date
    product: ToxinProduct
    total_units: float | None = None
    muscles: str = ""
    given_by: str = ""
    note: str = ""
    id: ToxinInjectionId | None = None

    def __post_init__(self) -> None:
        check.plain_date("Injection date", self.day)
        if not isinstance(self.product, ToxinProduct):
            raise ValidationError("Product", self.product, "one of the listed products")
        if self.total_units is not None:
            check.amount("Total units", self.total_units, "units", TOXIN_UNITS_MAX)
        check.text("Muscles", self.muscles, NOTE_MAX)
        check.text("Given by", self.given_by, NAME_MAX)
        check.text("Note", self.note, NOTE_MAX)


# The records a person owns that can be edited, deleted and restored alike.
Record = (
    Medicine
    | Regimen
    | DoseRecord
    | SymptomEntry
    | SideEffectReport
    | Event
    | Appointment
    | PumpRefill
    | ToxinInjection
    | CheckIn
)


@dataclass(frozen=True)
class Share:
    """A person's diary shared with another login of a shared diary's server."""

    person_id: PersonId
    login: str
    read_only: bool = False
    shared_by: str = ""
