"""Every way a dose can change raises the same cautions: add, change, correct, remove, import,
restore; and what Today shows for pumps and botulinum toxin."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from spasticity_tracker.domain.cautions import CautionKind, Level
from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ScheduledDose,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import ConflictError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Form, ToxinProduct
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
from tests.builders import baclofen_pump
from tests.conftest import NOW, fixed_clock

TODAY = NOW.astimezone().date()


def daily(medicine: Medicine, start: date, total: float) -> Regimen:
    """A once-daily regimen of `total` (a stop when 0)."""
    assert medicine.id is not None
    doses = (ScheduledDose(time_of_day=time(8), amount=total),) if total else ()
    return Regimen(medicine_id=medicine.id, start_date=start, doses=doses)


def first_regimen(start: date, total: float) -> Regimen:
    return Regimen(
        medicine_id=MedicineId(0),  # set by add_medicine
        start_date=start,
        doses=(ScheduledDose(time_of_day=time(8), amount=total),),
    )


@pytest.fixture
def transfer(database: Database) -> TransferService:
    """The import and export service on the test clock."""
    return TransferService(database, fixed_clock)


def test_adding_a_liquid_to_tablets_counts_one_ingredient(
    medicines: MedicineService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    lyflex = Medicine(
        person_id=person.id, name="Lyflex", ingredient=Ingredient.BACLOFEN, form=Form.ORAL_LIQUID
    )
    saved = medicines.add_medicine(lyflex, first_regimen(date(2026, 3, 2), 75.0))
    [caution] = saved.cautions
    assert caution.kind is CautionKind.ABOVE_USUAL_MAXIMUM
    assert caution.day == date(2026, 3, 2)
    assert caution.title == "Baclofen 105 mg a day: above the usual maximum"
    assert "(Baclofen 30 mg + Lyflex 75 mg)" in caution.text


def test_a_medicine_without_a_regimen_raises_nothing(
    medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    medicine = Medicine(person_id=person.id, name="Baclofen", ingredient=Ingredient.BACLOFEN)
    assert medicines.add_medicine(medicine).cautions == ()


def test_the_same_name_may_be_a_tablet_and_a_pump_but_not_twice_one_form(
    medicines: MedicineService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    pump = baclofen_pump(person.id, "Baclofen")
    medicines.add_medicine(pump)
    with pytest.raises(ConflictError, match=r"(?i)baclofen \(tablet\) is already"):
        medicines.add_medicine(replace(baclofen, id=None, name="baclofen"))
    assert [m.form for m in medicines.medicines(person.id)] == [
        Form.TABLET,
        Form.INTRATHECAL_PUMP,
    ]


def test_a_taper_in_small_steps_is_cautioned_at_the_step_that_crosses_a_third(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    steps = [(date(2026, 3, 10), 20.0), (date(2026, 3, 11), 15.0), (date(2026, 3, 12), 10.0)]
    raised = [
        [(c.kind, c.day) for c in medicines.record_regimen_change(daily(baclofen, d, t)).cautions]
        for d, t in steps
    ]
    cut = CautionKind.STOP_OR_FAST_CUT
    # 30 -> 20 is exactly a third below: not cautioned; 15 and 10 are well below 30.
    assert raised == [[], [(cut, date(2026, 3, 11))], [(cut, date(2026, 3, 12))]]


def test_removing_a_step_can_make_the_next_one_a_fast_cut(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    step = medicines.record_regimen_change(daily(baclofen, date(2026, 3, 1), 25.0))
    assert medicines.record_regimen_change(daily(baclofen, date(2026, 3, 10), 19.0)).cautions == ()
    assert step.value.id is not None
    deleted = medicines.delete(Regimen, step.value.id)
    [caution] = deleted.cautions
    assert (caution.kind, caution.day) == (CautionKind.STOP_OR_FAST_CUT, date(2026, 3, 10))
    assert "highest daily total of the 7 days before (30 mg a day" in caution.text


def test_correcting_a_change_raises_what_the_correction_brings(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    step = medicines.record_regimen_change(daily(baclofen, date(2026, 3, 1), 25.0)).value
    corrected = medicines.update(replace(step, doses=daily(baclofen, step.start_date, 9.0).doses))
    assert [c.title for c in corrected.cautions] == ["Cutting baclofen quickly"]


def test_the_dialog_preview_shows_only_what_is_new(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    medicines.record_regimen_change(daily(baclofen, date(2026, 3, 1), 90.0))  # above 80
    preview = medicines.regimen_cautions(baclofen, daily(baclofen, date(2026, 3, 12), 95.0))
    assert [c.title for c in preview] == ["Baclofen 95 mg a day: above the usual maximum"]
    assert medicines.regimen_cautions(baclofen, daily(baclofen, date(2026, 3, 12), 90.0)) == []


def test_the_preview_of_a_new_medicine_uses_its_ingredient(
    medicines: MedicineService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    tizanidine = Medicine(person_id=person.id, name="Zanaflex", ingredient=Ingredient.TIZANIDINE)
    [caution] = medicines.regimen_cautions(tizanidine, first_regimen(date(2026, 3, 12), 40.0))
    assert caution.title == "Tizanidine 40 mg a day: above the usual maximum"
    assert medicines.medicines(person.id) == [baclofen]  # nothing was saved


def test_confirming_a_guessed_ingredient(medicines: MedicineService, person: Person) -> None:
    assert person.id is not None
    guessed = Medicine(
        person_id=person.id,
        name="Baclophen",
        ingredient=Ingredient.BACLOFEN,
        ingredient_confirmed=False,
    )
    stored = medicines.add_medicine(guessed).value
    confirmed = medicines.set_ingredient(stored, Ingredient.BACLOFEN).value
    assert (confirmed.ingredient, confirmed.ingredient_confirmed) == (Ingredient.BACLOFEN, True)


RISKY = b"""date,stiffness,baclofen_mg
2026-03-01,5,60
2026-03-02,5,120
2026-03-03,6,0
"""


def test_the_import_reports_each_caution_with_its_date(
    transfer: TransferService, people: PeopleService
) -> None:
    report = transfer.import_csv(RISKY, "Alex")
    assert [(c.kind, c.day) for c in report.cautions] == [
        (CautionKind.ABOVE_USUAL_MAXIMUM, date(2026, 3, 2)),
        (CautionKind.STOP_OR_FAST_CUT, date(2026, 3, 3)),
    ]
    assert report.cautions[1].line.startswith("Caution, 3 Mar 2026: Stopping baclofen. ")
    assert report.regimens == 3  # nothing blocked


def test_a_rehearsed_import_reports_the_same_and_writes_nothing(
    transfer: TransferService, people: PeopleService
) -> None:
    rehearsal = transfer.import_csv(RISKY, "Alex", rehearse=True)
    assert people.people() == []
    real = transfer.import_csv(RISKY, "Alex")
    assert (rehearsal.entries, rehearsal.regimens, rehearsal.cautions) == (
        real.entries,
        real.regimens,
        real.cautions,
    )
    assert [m.name for m in rehearsal.new_medicines] == ["Baclofen"]


def test_an_imported_brand_or_misspelling_is_recognised(
    transfer: TransferService, medicines: MedicineService, people: PeopleService
) -> None:
    data = b"date,stiffness,lyflex_mg,baclophen_mg\n2026-03-01,5,50,40\n"
    report = transfer.import_csv(data, "Alex")
    kinds = {m.name: (m.ingredient, m.form, m.ingredient_confirmed) for m in report.new_medicines}
    assert kinds == {
        "Lyflex": (Ingredient.BACLOFEN, Form.ORAL_LIQUID, True),
        "Baclophen": (Ingredient.BACLOFEN, Form.TABLET, False),
    }
    [caution] = report.cautions  # 50 + 40 mg of one ingredient
    assert caution.title == "Baclofen 90 mg a day: above the usual maximum"


def test_a_restored_export_reports_its_cautions(
    transfer: TransferService, database: Database, tmp_path: Path
) -> None:
    transfer.import_csv(RISKY, "Alex")
    [_, exported] = transfer.export(tmp_path / "out")
    fresh = Database.open(tmp_path / "other" / "diary.sqlite3")
    try:
        restored = TransferService(fresh, fixed_clock).restore_json(exported.read_bytes())
    finally:
        fresh.close()
    assert restored.names == ["Alex"]
    assert [c.kind for c in restored.cautions] == [
        CautionKind.ABOVE_USUAL_MAXIMUM,
        CautionKind.STOP_OR_FAST_CUT,
    ]


def test_a_version_1_export_is_restored_by_ingredient(database: Database, tmp_path: Path) -> None:
    medicine = {"id": 7, "person_id": 1, "name": "Lyflex", "route": "oral", "unit": "mg"}
    event = {"id": 3, "person_id": 1, "kind": "botulinum_toxin", "start_date": "2026-02-01"}
    export = {
        "format": "spasticity-tracker",
        "version": 1,
        "people": [
            {
                "person": {"id": 1, "name": "Alex", "condition": "other"},
                "carers": [],
                "medicines": [medicine],
                "events": [event],
            }
        ],
    }
    service = TransferService(database, fixed_clock)
    service.restore_json(json.dumps(export).encode())
    medicines = MedicineService(database, fixed_clock)
    person = PeopleService(database, fixed_clock).people()[0]
    assert person.id is not None
    [restored] = medicines.medicines(person.id)
    assert (restored.ingredient, restored.form) == (Ingredient.BACLOFEN, Form.ORAL_LIQUID)
    [injection] = medicines.injections(person.id)
    assert (injection.day, injection.product) == (date(2026, 2, 1), ToxinProduct.OTHER)


@pytest.fixture
def pump(medicines: MedicineService, person: Person) -> Medicine:
    """A baclofen pump for Alex at 300 mcg/day since 1 January 2026."""
    assert person.id is not None
    return medicines.add_medicine(
        baclofen_pump(person.id),
        Regimen(medicine_id=MedicineId(0), start_date=date(2026, 1, 1), rate_per_day=300.0),
    ).value


@pytest.mark.parametrize(
    ("days_ahead", "level", "urgent_help"),
    [
        (8, Level.NOTICE, False),
        (7, Level.WARNING, False),
        (3, Level.URGENT, True),
        (1, Level.CRITICAL, True),
    ],
    ids=["8-days", "7-days", "3-days", "1-day"],
)
def test_today_shows_the_pump_refill_more_urgently_as_it_nears(
    medicines: MedicineService, pump: Medicine, days_ahead: int, level: Level, urgent_help: bool
) -> None:
    assert pump.id is not None
    due = TODAY + timedelta(days=days_ahead)
    medicines.record_refill(PumpRefill(medicine_id=pump.id, refill_date=TODAY, next_due=due))
    assert pump.person_id is not None
    [caution] = medicines.cautions_today(pump.person_id)
    assert caution.level is level
    assert (
        "get urgent medical help: call the pump team or emergency services" in caution.text
    ) is (urgent_help)


def test_a_pump_stop_is_critical_and_an_unusual_rate_is_questioned(
    medicines: MedicineService, pump: Medicine
) -> None:
    assert pump.id is not None
    odd = medicines.record_regimen_change(
        Regimen(medicine_id=pump.id, start_date=date(2026, 3, 1), rate_per_day=2900.0)
    )
    assert [c.kind for c in odd.cautions] == [CautionKind.UNUSUAL_PUMP_RATE]
    stop = medicines.record_regimen_change(Regimen(medicine_id=pump.id, start_date=TODAY))
    [caution] = stop.cautions
    assert (caution.kind, caution.level) == (CautionKind.STOP_OR_FAST_CUT, Level.CRITICAL)


def test_stopping_tablets_while_the_pump_runs_is_worded_as_a_switch(
    medicines: MedicineService, baclofen: Medicine, pump: Medicine
) -> None:
    [caution] = medicines.record_regimen_change(daily(baclofen, date(2026, 3, 1), 0.0)).cautions
    assert caution.kind is CautionKind.PLANNED_SWITCH
    assert caution.title == "Oral baclofen stopped while the pump runs"


def test_today_reminds_twelve_weeks_after_a_toxin_injection(
    medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    day = TODAY - timedelta(days=84)
    medicines.record_injection(
        ToxinInjection(person_id=person.id, day=day, product=ToxinProduct.ONABOTULINUMTOXIN_A)
    )
    [caution] = medicines.cautions_today(person.id)
    assert caution.kind is CautionKind.TOXIN_REPEAT
    assert caution.level is Level.INFORMATION


def test_the_kidney_note_is_for_oral_baclofen_only(
    medicines: MedicineService, people: PeopleService, person: Person, pump: Medicine
) -> None:
    marked = people.update_person(replace(person, kidney_impairment=True)).value
    assert medicines.person_notes(marked) == []  # a pump only
    assert marked.id is not None
    medicines.add_medicine(
        Medicine(person_id=marked.id, name="Baclofen", ingredient=Ingredient.BACLOFEN),
        first_regimen(date(2026, 3, 1), 15.0),
    )
    assert [c.kind for c in medicines.person_notes(marked)] == [CautionKind.KIDNEY]
