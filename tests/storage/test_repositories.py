"""Repositories: every entity survives a round trip through its table unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, get_args

import pytest

from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    Carer,
    CheckIn,
    DoseRecord,
    Event,
    Goal,
    Medicine,
    Person,
    PersonId,
    PumpRefill,
    Record,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import NotFoundError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import (
    Ashworth,
    BodySide,
    Condition,
    DoseStatus,
    DoseUnit,
    EventKind,
    Form,
    Severity,
    ToxinProduct,
)
from spasticity_tracker.domain.series import EffectMark
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.unit_of_work import UnitOfWork
from tests.builders import baclofen_pump

AUCKLAND = timezone(timedelta(hours=13))


def without_audit(entity: Any) -> Any:
    """The entity with its id, timestamps and version cleared, to compare what was entered."""
    cleared = replace(entity, id=None, created_at=None, updated_at=None)
    return replace(cleared, version=None) if hasattr(entity, "version") else cleared


@pytest.fixture
def owners(database: Database) -> dict[str, Any]:
    """A saved person with a carer, an oral medicine and a pump."""
    with database.unit_of_work() as uow:
        person = uow.people.add(Person(name="Alex", condition=Condition.STROKE))
        assert person.id is not None
        carer = uow.carers.add(Carer(person_id=person.id, name="Jo"))
        tablet = uow.medicines.add(
            Medicine(person_id=person.id, name="Baclofen", ingredient=Ingredient.BACLOFEN)
        )
        pump = uow.medicines.add(baclofen_pump(person.id))
    return {"person": person, "carer": carer, "tablet": tablet, "pump": pump}


@pytest.fixture
def other(database: Database) -> PersonId:
    """A second saved person, whose records no read of the first may bring."""
    with database.unit_of_work() as uow:
        person = uow.people.add(Person(name="Other"))
    assert person.id is not None
    return person.id


def samples(owners: dict[str, Any]) -> list[Any]:
    person_id, carer_id = owners["person"].id, owners["carer"].id
    tablet_id, pump_id = owners["tablet"].id, owners["pump"].id
    return [
        Person(
            name="Bea",
            date_of_birth=date(1970, 2, 28),
            condition=Condition.CEREBRAL_PALSY,
            kidney_impairment=True,
            is_example=True,
            hospital_number="943 476 5919",
        ),
        Carer(person_id=person_id, name="Sam"),
        Medicine(
            person_id=person_id,
            name="Tizanidine",
            ingredient=Ingredient.TIZANIDINE,
            unit=DoseUnit.MG,
            entered_by=carer_id,
        ),
        Medicine(
            person_id=person_id,
            name="Baclophen",
            ingredient=Ingredient.BACLOFEN,
            form=Form.ORAL_LIQUID,
            ingredient_confirmed=False,
        ),
        Medicine(
            person_id=person_id,
            name="Baclofen",  # the same name as the tablets, in another form
            ingredient=Ingredient.BACLOFEN,
            form=Form.GRANULES,
        ),
        Regimen(
            medicine_id=tablet_id,
            start_date=date(2026, 1, 5),
            doses=(
                ScheduledDose(time_of_day=time(8), amount=15.0),
                ScheduledDose(time_of_day=time(20, 30), amount=12.5),
            ),
            note="Dr Lewis, clinic 5 January",
            entered_by=carer_id,
        ),
        Regimen(medicine_id=pump_id, start_date=date(2026, 1, 5), rate_per_day=350.0),
        Regimen(medicine_id=tablet_id, start_date=date(2026, 2, 1)),  # stopped
        DoseRecord(
            medicine_id=tablet_id,
            day=date(2026, 3, 1),
            status=DoseStatus.LATE,
            amount=15.0,
            scheduled_time=time(8),
            taken_at=datetime(2026, 3, 1, 10, 5, tzinfo=UTC),
            entered_by=carer_id,
        ),
        DoseRecord(
            medicine_id=tablet_id,
            day=date(2026, 3, 1),
            status=DoseStatus.MISSED,
            amount=12.5,
            scheduled_time=time(20, 30),
        ),
        SymptomEntry(
            person_id=person_id,
            recorded_at=datetime(2026, 3, 1, 21, 0, tzinfo=UTC),
            stiffness=7,
            spasm_frequency=3,
            spasm_severity=2,
            pain=4,
            sleep_disruption=6,
            note='Tight legs; "bad" night, café',
            entered_by=carer_id,
        ),
        SymptomEntry(
            person_id=person_id, recorded_at=datetime(2026, 3, 2, 8, tzinfo=UTC), stiffness=0
        ),
        SideEffectReport(
            person_id=person_id, day=date(2026, 3, 1), effect="drowsiness", severity=Severity.MILD
        ),
        SideEffectReport(
            person_id=person_id,
            day=date(2026, 3, 1),
            effect="Tingling lips",
            severity=Severity.SEVERE,
            note="after the evening dose",
        ),
        Event(
            person_id=person_id,
            kind=EventKind.INFECTION,
            start_date=date(2026, 2, 10),
            end_date=date(2026, 2, 17),
            note="UTI",
        ),
        Event(person_id=person_id, kind=EventKind.FALL, start_date=date(2026, 2, 11)),
        Appointment(
            person_id=person_id, day=date(2026, 4, 1), clinician="Dr Lewis", notes="Review"
        ),
        Appointment(
            person_id=person_id,
            day=date(2026, 1, 10),
            clinician="Dr Lewis",
            service="Spasticity clinic, St Mary's",
            notes="Baclofen up to 20 mg three times a day; physio referral",
            next_day=date(2026, 4, 1),
            ashworth=(
                AshworthScore(muscle="Elbow flexors", side=BodySide.LEFT, score=Ashworth.ONE_PLUS),
                AshworthScore(muscle="Hamstrings", side=BodySide.BOTH, score=Ashworth.TWO),
            ),
            goals=(
                Goal(text="Put on my left shoe without help", expected="Most mornings"),
                Goal(
                    text="Walk to the shop",
                    expected="With one stick",
                    rating=-1,
                    rated_on=date(2026, 3, 20),
                ),
            ),
            entered_by=carer_id,
        ),
        CheckIn(person_id=person_id, day=date(2026, 3, 25), pgic=3, entered_by=carer_id),
        PumpRefill(
            medicine_id=pump_id,
            refill_date=date(2026, 2, 1),
            next_due=date(2026, 5, 1),
            note="Pump clinic",
            entered_by=carer_id,
        ),
        ToxinInjection(
            person_id=person_id,
            day=date(2026, 2, 20),
            product=ToxinProduct.ABOBOTULINUMTOXIN_A,
            total_units=500.0,
            muscles="Left calf; right hamstrings",
            given_by="Dr Lewis",
            note="Splint after 2 weeks",
            entered_by=carer_id,
        ),
        ToxinInjection(person_id=person_id, day=date(2026, 2, 21), product=ToxinProduct.OTHER),
    ]


def test_the_samples_hold_every_kind_of_record(owners: dict[str, Any]) -> None:
    assert {type(entity) for entity in samples(owners)} >= set(get_args(Record)) | {
        Person,
        Carer,
    }


def repository(uow: UnitOfWork, entity: Any) -> Any:
    if isinstance(entity, Person):
        return uow.people
    if isinstance(entity, Carer):
        return uow.carers
    return uow.repository_for(type(entity))


def test_every_entity_round_trips(database: Database, owners: dict[str, Any]) -> None:
    for entity in samples(owners):
        with database.unit_of_work() as uow:
            saved = repository(uow, entity).add(entity)
        with database.unit_of_work() as uow:
            loaded = repository(uow, entity).get(saved.id)
        assert loaded.id is not None
        assert loaded == saved
        assert without_audit(loaded) == entity
        assert loaded.created_at.tzinfo is not None
        assert loaded.created_at == loaded.updated_at


def test_add_many_puts_records_back_as_they_were_saved(
    database: Database, owners: dict[str, Any]
) -> None:
    """Deleted records restored in bulk keep their ids, values and audit instants."""
    of_kind: dict[type, list[Any]] = {}
    for entity in samples(owners):
        of_kind.setdefault(type(entity), []).append(entity)
    for entities in of_kind.values():
        with database.unit_of_work() as uow:
            saved = [repository(uow, entity).add(entity) for entity in entities]
        with database.unit_of_work() as uow:
            for record in saved:
                repository(uow, record).delete(record.id)
        with database.unit_of_work() as uow:
            assert repository(uow, saved[0]).add_many(record for record in saved) == len(saved)
        with database.unit_of_work() as uow:
            assert [repository(uow, record).get(record.id) for record in saved] == saved


def test_add_many_writes_repeated_and_blank_values_as_add_does(
    database: Database, owners: dict[str, Any]
) -> None:
    person_id, tablet_id = owners["person"].id, owners["tablet"].id
    in_auckland = datetime(2026, 3, 2, 9, 30, tzinfo=AUCKLAND)
    entries = [
        SymptomEntry(
            person_id=person_id,
            recorded_at=in_auckland + timedelta(seconds=n),
            stiffness=n,
            pain=None if n % 2 else 3,
            entered_by=owners["carer"].id if n == 2 else None,
        )
        for n in range(4)
    ]
    day = date(2026, 3, 2)
    doses = [
        DoseRecord(
            medicine_id=tablet_id,
            day=day,
            status=DoseStatus.TAKEN,
            amount=10.0,
            scheduled_time=time(8 + n),
            taken_at=None if n else in_auckland,
        )
        for n in range(3)
    ]
    doses.append(
        DoseRecord(
            medicine_id=tablet_id, day=day + timedelta(days=1), status=DoseStatus.EXTRA, amount=5.0
        )
    )
    with database.unit_of_work() as uow:
        assert uow.entries.add_many(iter(entries)) == len(entries)
        assert uow.doses.add_many(doses) == len(doses)
        assert uow.entries.add_many([]) == 0
    with database.unit_of_work() as uow:
        stored = uow.entries.list_for(person_id)[::-1]
        stored_doses = uow.doses.list_for_medicine(tablet_id)
    assert [without_audit(entry) for entry in stored] == entries
    assert [without_audit(dose) for dose in stored_doses] == doses
    assert stored[0].recorded_at.utcoffset() == timedelta(0)
    written = {record.created_at for record in stored} | {r.updated_at for r in stored}
    assert len(written) == 1  # one instant, for one call
    assert None not in written
    assert {record.version for record in [*stored, *stored_doses]} == {1}


def test_instants_come_back_in_utc_whatever_zone_they_were_given_in(
    database: Database, owners: dict[str, Any]
) -> None:
    in_auckland = datetime(2026, 3, 2, 9, 30, tzinfo=AUCKLAND)
    entry = SymptomEntry(person_id=owners["person"].id, recorded_at=in_auckland, stiffness=5)
    with database.unit_of_work() as uow:
        saved = uow.entries.add(entry)
    assert saved.id is not None
    with database.unit_of_work() as uow:
        loaded = uow.entries.get(saved.id)
    assert loaded.recorded_at == in_auckland
    assert loaded.recorded_at.utcoffset() == timedelta(0)


def test_update_overwrites_and_moves_updated_at(database: Database, owners: dict[str, Any]) -> None:
    entry = SymptomEntry(
        person_id=owners["person"].id, recorded_at=datetime(2026, 3, 1, tzinfo=UTC), stiffness=5
    )
    with database.unit_of_work() as uow:
        saved = uow.entries.add(entry)
    with database.unit_of_work() as uow:
        updated = uow.entries.update(replace(saved, stiffness=8, note="worse"))
    assert (updated.stiffness, updated.note) == (8, "worse")
    assert updated.created_at == saved.created_at
    assert updated.updated_at is not None
    assert saved.updated_at is not None
    assert updated.updated_at >= saved.updated_at


def test_regimen_update_replaces_its_doses(database: Database, owners: dict[str, Any]) -> None:
    regimen = Regimen(
        medicine_id=owners["tablet"].id,
        start_date=date(2026, 1, 1),
        doses=(ScheduledDose(time_of_day=time(8), amount=5.0),),
    )
    with database.unit_of_work() as uow:
        saved = uow.regimens.add(regimen)
    assert saved.id is not None
    new_doses = (
        ScheduledDose(time_of_day=time(8), amount=10.0),  # the same time, a new amount
        ScheduledDose(time_of_day=time(21), amount=10.0),
    )
    with database.unit_of_work() as uow:
        uow.regimens.update(replace(saved, doses=new_doses))
    with database.unit_of_work() as uow:
        assert uow.regimens.get(saved.id).doses == new_doses


def test_deleted_record_restores_under_its_old_id(
    database: Database, owners: dict[str, Any]
) -> None:
    entry = SymptomEntry(
        person_id=owners["person"].id, recorded_at=datetime(2026, 3, 1, tzinfo=UTC), stiffness=5
    )
    with database.unit_of_work() as uow:
        saved = uow.entries.add(entry)
    assert saved.id is not None
    with database.unit_of_work() as uow:
        removed = uow.entries.delete(saved.id)
    with database.unit_of_work() as uow, pytest.raises(NotFoundError, match="no longer exists"):
        uow.entries.get(saved.id)
    with database.unit_of_work() as uow:
        uow.entries.add(removed)
    with database.unit_of_work() as uow:
        assert uow.entries.get(saved.id) == saved


def test_entries_list_newest_first_within_a_half_open_range(
    database: Database, owners: dict[str, Any]
) -> None:
    person_id = owners["person"].id
    moments = [datetime(2026, 3, day, 20, tzinfo=UTC) for day in (1, 2, 3, 4)]
    with database.unit_of_work() as uow:
        uow.entries.add_many(
            SymptomEntry(person_id=person_id, recorded_at=moment, stiffness=day)
            for day, moment in enumerate(moments)
        )
    with database.unit_of_work() as uow:
        listed = uow.entries.list_for(person_id, moments[1], moments[3])
    assert [entry.recorded_at for entry in listed] == [moments[2], moments[1]]


def test_entry_scores_are_read_from_an_instant_on_and_the_earliest_entry_is_known(
    database: Database, owners: dict[str, Any], other: PersonId
) -> None:
    person_id = owners["person"].id
    moments = [datetime(2026, 3, day, 20, tzinfo=UTC) for day in (1, 2, 3)]
    with database.unit_of_work() as uow:
        assert uow.entries.earliest(person_id) is None
        uow.entries.add_many(
            SymptomEntry(person_id=person_id, recorded_at=moment, stiffness=day)
            for day, moment in reversed(list(enumerate(moments)))
        )
        uow.entries.add(
            SymptomEntry(person_id=other, recorded_at=moments[0] - timedelta(days=9), stiffness=1)
        )
    with database.unit_of_work() as uow:
        since = uow.entries.scores_for(person_id, moments[1].astimezone(AUCKLAND))
        assert [(s.recorded_at, s.stiffness) for s in since] == [(moments[2], 2), (moments[1], 1)]
        assert len(uow.entries.scores_for(person_id)) == 3
        assert uow.entries.earliest(person_id) == moments[0]


def test_dated_lists_are_inclusive_and_per_person(
    database: Database, owners: dict[str, Any], other: PersonId
) -> None:
    person_id = owners["person"].id
    with database.unit_of_work() as uow:
        for day in (1, 2, 3):
            uow.side_effects.add(
                SideEffectReport(
                    person_id=person_id,
                    day=date(2026, 3, day),
                    effect="nausea",
                    severity=Severity.MILD,
                )
            )
        uow.side_effects.add(
            SideEffectReport(
                person_id=other, day=date(2026, 3, 2), effect="nausea", severity=Severity.MILD
            )
        )
    with database.unit_of_work() as uow:
        listed = uow.side_effects.list_for(person_id, date(2026, 3, 2), date(2026, 3, 3))
    assert [(r.person_id, r.day) for r in listed] == [
        (person_id, date(2026, 3, 2)),
        (person_id, date(2026, 3, 3)),
    ]


def test_the_charts_reads_of_side_effects_and_appointments_are_per_person_oldest_first(
    database: Database, owners: dict[str, Any], other: PersonId
) -> None:
    person_id = owners["person"].id
    with database.unit_of_work() as uow:
        kept = {
            person: (len(uow.side_effects.list_for(person)), uow.appointments.list_for(person))
            for person in (person_id, other)
        }
        for who, day, effect, severity in (
            (person_id, 9, "nausea", Severity.SEVERE),
            (other, 8, "nausea", Severity.MILD),
            (person_id, 7, "drowsiness", Severity.MODERATE),
        ):
            uow.side_effects.add(
                SideEffectReport(
                    person_id=who, day=date(2027, 1, day), effect=effect, severity=severity
                )
            )
        for who, day in ((person_id, 20), (other, 10), (person_id, 15)):
            uow.appointments.add(Appointment(person_id=who, day=date(2027, 1, day)))
    with database.unit_of_work() as uow:
        marks = uow.side_effects.marks_for(person_id)
        days = uow.appointments.days_for(person_id)
        other_days = uow.appointments.days_for(other)
    assert marks[kept[person_id][0] :] == [
        EffectMark(date(2027, 1, 7), "drowsiness", Severity.MODERATE),
        EffectMark(date(2027, 1, 9), "nausea", Severity.SEVERE),
    ]
    assert days == [a.day for a in kept[person_id][1]] + [date(2027, 1, 15), date(2027, 1, 20)]
    assert other_days == [date(2027, 1, 10)]


def test_deleting_a_person_removes_everything_of_theirs(
    database: Database, owners: dict[str, Any]
) -> None:
    for entity in samples(owners)[1:]:
        with database.unit_of_work() as uow:
            repository(uow, entity).add(entity)
    with database.unit_of_work() as uow:
        uow.people.delete(owners["person"].id)
    with database.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        for table in (
            "carers",
            "medicines",
            "regimens",
            "regimen_doses",
            "dose_records",
            "pump_refills",
        ):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        for table in (
            "symptom_entries",
            "side_effect_reports",
            "events",
            "appointments",
            "toxin_injections",
        ):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_dose_outcomes_are_the_dose_records_of_the_person_and_days_without_the_rest(
    database: Database, owners: dict[str, Any], other: PersonId
) -> None:
    tablet_id, pump_id = owners["tablet"].id, owners["pump"].id
    first = date(2026, 3, 2)
    at = datetime(2026, 3, 2, 9, 15, tzinfo=AUCKLAND)
    records = [
        DoseRecord(
            medicine_id=medicine_id,
            day=first + timedelta(days=offset),
            status=status,
            amount=10.0,
            scheduled_time=hour,
            taken_at=None if status is DoseStatus.MISSED else at,
        )
        for offset in (-1, 0, 1, 2, 3)
        for medicine_id, status, hour in (
            (tablet_id, DoseStatus.TAKEN, time(8, 30)),
            (tablet_id, DoseStatus.MISSED, time(20)),
            (pump_id, DoseStatus.LATE, time(8)),
            (tablet_id, DoseStatus.EXTRA, None),
        )
    ]
    with database.unit_of_work() as uow:
        theirs = uow.medicines.add(
            Medicine(person_id=other, name="Baclofen", ingredient=Ingredient.BACLOFEN)
        )
        assert theirs.id is not None
        uow.doses.add_many([*records, replace(records[5], medicine_id=theirs.id)])
    with database.unit_of_work() as uow:
        whole = uow.doses.list_for(owners["person"].id, first, first + timedelta(days=2))
        outcomes = uow.doses.outcomes_for(owners["person"].id, first, first + timedelta(days=2))
    assert len(whole) == 12  # three days of four records
    assert outcomes == [
        (r.medicine_id, r.day, r.status, r.scheduled_time, r.taken_at) for r in whole
    ]
    assert all(type(o.status) is DoseStatus for o in outcomes)
    assert {o.taken_at.tzinfo for o in outcomes if o.taken_at} == {UTC}


def test_entry_facts_are_the_entries_of_the_person_and_range_without_the_rest(
    database: Database, owners: dict[str, Any], other: PersonId
) -> None:
    person_id, carer_id = owners["person"].id, owners["carer"].id
    moments = [datetime(2026, 3, day, 20, tzinfo=AUCKLAND) for day in (1, 2, 3, 4)]
    entries = [
        SymptomEntry(
            person_id=person_id,
            recorded_at=moment,
            stiffness=day,
            spasm_frequency=day % 5 or None,
            spasm_severity=day % 4 or None,
            pain=day % 2 or None,
            sleep_disruption=day % 3 or None,
            note=f"note {day}" if day % 2 else "",
            entered_by=carer_id if day % 2 else None,
        )
        for day, moment in enumerate(moments, start=1)
    ]
    with database.unit_of_work() as uow:
        uow.entries.add_many([*entries, replace(entries[2], person_id=other, entered_by=None)])
    with database.unit_of_work() as uow:
        whole = uow.entries.list_for(person_id, moments[1], moments[3])
        facts = uow.entries.facts_for(person_id, moments[1], moments[3])
    assert [entry.stiffness for entry in whole] == [3, 2]  # newest first, end left out
    assert facts == [
        (
            e.recorded_at,
            e.stiffness,
            e.pain,
            e.sleep_disruption,
            e.spasm_frequency,
            e.spasm_severity,
            e.note,
            e.entered_by,
        )
        for e in whole
    ]
    assert facts[0].entered_by == carer_id
    assert facts[1].entered_by is None
    assert {fact.recorded_at.tzinfo for fact in facts} == {UTC}
