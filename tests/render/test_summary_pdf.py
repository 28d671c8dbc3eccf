"""The clinic summary on paper, read back as text: page 1 answers "did it help, and at what cost?".

Made-up diaries with answers worked out by hand: a person on baclofen raised twice over three
months, a pump-only person, a person on baclofen and tizanidine, and an imported spreadsheet.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from spasticity_tracker.domain.entities import (
    DoseRecord,
    Event,
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Condition, DoseStatus, EventKind, Form, Severity
from spasticity_tracker.render import summary_pdf as summary_pdf_module
from spasticity_tracker.render.print_chart import PrintChart, days_needed_from
from spasticity_tracker.render.summary_pdf import CHART_WIDTH, chart_image, make_summary_pdf
from spasticity_tracker.services import summary as summary_service
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.summary import SummaryService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.services.trends import TrendsService
from spasticity_tracker.storage.database import Database
from tests.builders import at, baclofen_pump
from tests.conftest import fixed_clock
from tests.render.pdf import Page, line_with, pdf_pages

FIRST, LAST = date(2025, 12, 15), date(2026, 3, 14)  # 90 days, up to the day before "today"
RAISED, RAISED_AGAIN = date(2026, 1, 15), date(2026, 2, 15)
HOURS = (8, 14, 20)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def three_times(amount: float) -> tuple[ScheduledDose, ...]:
    return tuple(ScheduledDose(time_of_day=time(hour), amount=amount) for hour in HOURS)


def summary_pdf(
    database: Database,
    person: Person,
    folder: Path,
    paper: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
    first: date = FIRST,
    last: date = LAST,
) -> list[Page]:
    """The summary of a period written as a PDF, page by page as text."""
    assert person.id is not None
    figures = SummaryService(database, fixed_clock).figures(person.id, first, last)
    target = folder / f"summary-{paper.name}.pdf"
    make_summary_pdf(TrendsService(database, fixed_clock), figures, target, paper)
    return pdf_pages(target)


@pytest.fixture
def raised(database: Database) -> Person:
    """Three months of baclofen raised from 30 to 45 to 60 mg/day: stiffness 8, 5, then 4;
    side effects on 2, 8 and 14 days of the three dose periods; kidney impairment."""
    people = PeopleService(database, fixed_clock)
    person = people.add_person(
        Person(
            name="Alex Morgan",
            date_of_birth=date(1970, 6, 2),
            hospital_number="943 476 5919",
            condition=Condition.MULTIPLE_SCLEROSIS,
            kidney_impairment=True,
        )
    ).value
    assert person.id is not None
    medicines = MedicineService(database, fixed_clock)
    tablet = medicines.add_medicine(
        Medicine(person_id=person.id, name="Baclofen", ingredient=Ingredient.BACLOFEN),
        Regimen(medicine_id=MedicineId(0), start_date=date(2025, 11, 1), doses=three_times(10)),
    ).value
    assert tablet.id is not None
    for start, amount in ((RAISED, 15.0), (RAISED_AGAIN, 20.0)):
        medicines.record_regimen_change(
            Regimen(medicine_id=tablet.id, start_date=start, doses=three_times(amount))
        )
    diary = DiaryService(database, fixed_clock)
    for day in days(FIRST - timedelta(days=30), LAST):
        stiffness = 8 if day < RAISED else 5 if day < RAISED_AGAIN else 4
        spasms = 2 if day.day % 3 == 0 else None
        diary.log_entry(
            SymptomEntry(
                person_id=person.id,
                recorded_at=at(day, 20),
                stiffness=stiffness,
                spasm_frequency=spasms,
                spasm_severity=3 if spasms and day.day == 3 else 1 if spasms else None,
                pain=3,
            )
        )
    drowsy = (
        days(date(2026, 1, 1), date(2026, 1, 2))  # 2 days before the first raise
        + days(date(2026, 2, 1), date(2026, 2, 8))  # 8 days at 45 mg/day
        + days(date(2026, 3, 1), date(2026, 3, 14))  # 14 days at 60 mg/day
    )
    reports = [(day, "drowsiness", Severity.MODERATE) for day in drowsy]
    # Mild effects more frequent than the severe dizziness, on days already counted: page 1
    # has room for the four most frequent.
    for effect, count in (
        ("weakness", 10),
        ("nausea", 9),
        ("headache", 8),
        ("fatigue", 7),
        ("insomnia", 6),
    ):
        reports += [(day, effect, Severity.MILD) for day in drowsy[-count:]]
    reports += [(day, "dizziness", Severity.SEVERE) for day in drowsy[-3:]]
    for day, effect, severity in reports:
        diary.report_side_effect(
            SideEffectReport(person_id=person.id, day=day, effect=effect, severity=severity)
        )
    # The last fortnight's doses: all taken but four missed, never two in a row.
    missed = {(date(2026, 3, 2), 8), (date(2026, 3, 5), 14), (date(2026, 3, 9), 20), (LAST, 8)}
    diary.record_doses(
        [
            DoseRecord(
                medicine_id=tablet.id,
                day=day,
                status=DoseStatus.MISSED if (day, hour) in missed else DoseStatus.TAKEN,
                amount=20.0,
                scheduled_time=time(hour),
                taken_at=None if (day, hour) in missed else at(day, hour),
            )
            for day in days(date(2026, 3, 1), LAST)
            for hour in HOURS
        ]
    )
    for kind, start, end in (
        (EventKind.FALL, date(2026, 1, 20), None),
        (EventKind.INFECTION, date(2026, 2, 5), date(2026, 2, 9)),
        (EventKind.FALL, date(2026, 3, 3), None),
    ):
        diary.add_event(Event(person_id=person.id, kind=kind, start_date=start, end_date=end))
    return person


def test_the_chart_of_a_period_reads_its_own_days_and_is_drawn_as_from_the_whole_diary(
    database: Database, raised: Person, qapp: QApplication
) -> None:
    """Only the entries from a week before the period are read; the days the series cover,
    and the picture, are as from every entry (one logged long before any medicine)."""
    assert raised.id is not None
    early = SymptomEntry(
        person_id=raised.id, recorded_at=at(FIRST - timedelta(days=100), 20), stiffness=6
    )
    DiaryService(database, fixed_clock).log_entry(early)
    trends = TrendsService(database, fixed_clock)
    whole = trends.trend_data(raised.id)
    assert whole.first == FIRST - timedelta(days=100)
    for first in (date(2026, 2, 1), FIRST - timedelta(days=130), LAST):
        since = days_needed_from(first)
        assert since == first - timedelta(days=9)  # 2 either side, and 7 for the mean
        part = trends.trend_data(raised.id, since)
        assert part.days == whole.days
        read_from = max(0, (since - whole.first).days)
        for name in ("stiffness", "pain", "sleep", "spasms"):
            assert getattr(part, name)[read_from:] == getattr(whole, name)[read_from:]
            assert all(value is None for value in getattr(part, name)[:read_from])
        assert part.rolling[read_from + 6 :] == whole.rolling[read_from + 6 :]
        chart = PrintChart(whole, first, LAST)
        try:
            expected = chart.image(CHART_WIDTH)
        finally:
            chart.close()
        assert chart_image(trends, raised.id, first, LAST) == expected, first


def test_the_figures_chart_and_pages_are_made_with_the_collector_held_off(
    database: Database, raised: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each makes thousands of objects that live to its end: a collection part-way would
    walk every object of the app. The collector runs again after, and on a failure too."""
    collecting: dict[str, bool] = {}

    def spied(module: object, name: str) -> None:
        real = getattr(module, name)

        def spy(*args: object, **kwargs: object) -> object:
            collecting[name] = gc.isenabled()
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)

    spied(summary_service, "compute")
    spied(summary_pdf_module, "PrintChart")
    spied(summary_pdf_module, "summary_document")
    assert gc.isenabled()
    assert len(summary_pdf(database, raised, tmp_path)) >= 2
    assert collecting == {"compute": False, "PrintChart": False, "summary_document": False}
    assert gc.isenabled()
    assert raised.id is not None
    with pytest.raises(ValidationError):
        SummaryService(database, fixed_clock).figures(raised.id, LAST, FIRST)
    assert gc.isenabled()


# -- page 1 --------------------------------------------------------------------------------


def test_page_one_reads_the_trade_off_across_each_dose_period(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    first = summary_pdf(database, raised, tmp_path)[0]

    assert "Dose period: daily dose and dates" in first
    # Dose and dates, mean stiffness (days with scores), change from the period before with
    # its mark, days with side effects (share of the days logged), doses taken.
    line_with(first, "Baclofen 30 mg/day", "8.0 (31 of 31)", "-", "2 (6%)", "not recorded")
    line_with(first, "Baclofen 45 mg/day", "5.0 (31 of 31)", "-38% **", "8 (26%)", "not")
    line_with(first, "Baclofen 60 mg/day", "4.0 (28 of 28)", "-20% *", "14 (50%)", "90%")
    assert (
        "Baclofen 30 mg/day 15 Dec 2025 to 14 Jan 2026 8.0 (31 of 31) - 2 (6%) not recorded"
        in first
    )
    assert "Baclofen 60 mg/day 15 Feb to 14 Mar 2026 4.0 (28 of 28) -20% * 14 (50%) 90%" in first
    text = first.text
    assert (
        "* a fall of 20% or more: the line NICE NG144 uses to continue THC:CBD spray after a "
        "4-week trial; ** a fall of 30% or more: the usual responder line in trials"
    ) in text


def test_page_one_compares_the_last_change_with_the_reference_lines(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    text = summary_pdf(database, raised, tmp_path)[0].text

    assert (
        "Around the last dose change (15 Feb 2026, Baclofen: 45 mg/day to 60 mg/day): the 14 "
        "days before 5.0 (14 of 14 days); days 4-17 after 4.0 (14 of 14 days); difference "
        "-1.0 (-20% *)."
    ) in text


def test_page_one_lists_the_cautions_of_the_period_with_their_dates(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    text = summary_pdf(database, raised, tmp_path)[0].text

    assert "Cautions in the period" in text
    assert "15 Jan 2026: Baclofen raised to 45 mg a day with kidney impairment" in text
    assert "15 Feb 2026: Baclofen raised to 60 mg a day with kidney impairment" in text
    assert "Kidney impairment" in text


def test_page_one_says_none_when_the_period_had_no_caution(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    PeopleService(database, fixed_clock).update_person(replace(raised, kidney_impairment=False))
    text = summary_pdf(database, raised, tmp_path)[0].text

    assert "Cautions in the period: none." in text


def test_page_one_has_the_schedule_with_its_times_and_the_doses_taken_per_medicine(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    text = summary_pdf(database, raised, tmp_path)[0].text

    assert "Schedule on 14 Mar 2026" in text
    assert "20 mg at 08:00, 20 mg at 14:00, 20 mg at 20:00 (60 mg/day)" in text
    # 42 doses in the last fortnight recorded, 4 of them missed: 38 of 42 is 90%.
    assert "90% taken (38 of 42 recorded), 4 missed" in text


def test_page_one_has_every_severe_side_effect_then_the_most_frequent(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    pages = summary_pdf(database, raised, tmp_path)
    first = pages[0]

    line_with(first, "Dizziness", "3 days", "3%", "Severe")  # the least frequent, yet severe
    line_with(first, "Drowsiness", "24 days", "27%", "Moderate")
    line_with(first, "Headache", "8 days", "9%", "Mild")  # the fourth most frequent
    assert "Fatigue" not in first
    assert "Trouble sleeping" not in first  # insomnia, in the words of the list
    assert "Side effects, severe first (all 7 in the details):" in first
    assert any("Trouble sleeping 6 days 7% Mild" in page for page in pages[1:])


def test_page_one_counts_events_and_names_the_scales(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    pages = summary_pdf(database, raised, tmp_path)
    text = pages[0].text

    assert "Events and triggers: Infection or UTI 1, Fall 2 (dates in the details)." in text
    assert "Mean stiffness (NRS 0-10)" in text
    assert "Mean pain (NRS 0-10): 3.0 (90 of 90 days)" in text
    # Spasms on every third day of the month (29 of the 90 days), severe on the 3rd.
    assert "Spasm frequency (Penn Spasm Frequency Scale 0-4)" in text
    assert "days at the day's highest: 2 less than once an hour 29." in text
    assert "Spasm severity, days at the day's worst: mild 26, severe 3." in text
    details = " ".join(page.text for page in pages[1:])
    assert "20 Jan 2026 Fall" in details
    assert "5 Feb 2026 to 9 Feb 2026 Infection or UTI" in details


def test_the_header_names_the_person_with_birth_number_and_condition(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    text = summary_pdf(database, raised, tmp_path)[0].text

    assert text.startswith(
        "Spasticity summary: Alex Morgan Born 2 Jun 1970 · Hospital or NHS number: 943 476 5919 "
        "· Multiple sclerosis Period 15 Dec 2025 to 14 Mar 2026 (90 days): entries on 90 of 90 "
        "days, entered by Alex Morgan 100% · produced 15 Mar 2026 with Spasticity Tracker; "
        "patient-reported, no dose advice is given."
    )


def test_the_header_leaves_out_what_is_not_known(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    unknown = replace(raised, date_of_birth=None, hospital_number="", condition=Condition.OTHER)
    PeopleService(database, fixed_clock).update_person(unknown)
    text = summary_pdf(database, raised, tmp_path)[0].text

    assert text.startswith(
        "Spasticity summary: Alex Morgan Period 15 Dec 2025 to 14 Mar 2026 (90 days)"
    )
    assert "Other" not in text
    assert "Born" not in text
    assert "Hospital" not in text


@pytest.mark.parametrize(
    "paper", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter], ids=["A4", "Letter"]
)
@pytest.mark.parametrize("titrated", [False, True], ids=["3-periods", "9-periods"])
def test_page_one_of_three_months_fits_one_page(
    database: Database,
    raised: Person,
    tmp_path: Path,
    paper: QPageSize.PageSizeId,
    titrated: bool,
) -> None:
    assert raised.id is not None
    PeopleService(database, fixed_clock).update_person(
        replace(raised, questions="Could the drowsiness be from the higher evening dose? " * 3)
    )
    if titrated:  # raised every 4 days at first: a caution and a dose period each time
        medicines = MedicineService(database, fixed_clock)
        [tablet] = medicines.medicines(raised.id)
        assert tablet.id is not None
        for step in range(1, 7):
            medicines.record_regimen_change(
                Regimen(
                    medicine_id=tablet.id,
                    start_date=FIRST + timedelta(days=4 * step),
                    doses=three_times(10 + step / 2),
                )
            )
    pages = summary_pdf(database, raised, tmp_path, paper)

    first = pages[0].text
    assert first.startswith("Spasticity summary: Alex Morgan")
    for part in ("Dose period:", "Cautions in the period", "Schedule on", "Side effect"):
        assert part in first
    assert "Events and triggers:" in first
    assert "Questions for the appointment:" in first
    assert pages[1].text.startswith("Details Questions for the appointment")
    line_with(pages[0], "Dizziness", "3 days", "Severe")  # the last row of page 1
    assert f"Page 1 of {len(pages)}" in first


# -- honest provenance -----------------------------------------------------------------------


SPREADSHEET = "date,time,stiffness,baclofen_mg\n" + "".join(
    f"{day.isoformat()},20:00,5,60\n" for day in days(date(2026, 2, 1), date(2026, 3, 14))
)


def test_doses_from_a_spreadsheet_are_said_to_be_assumed_and_have_no_invented_times(
    database: Database, tmp_path: Path
) -> None:
    TransferService(database, fixed_clock).import_csv(SPREADSHEET.encode(), "Robin")
    [person] = PeopleService(database, fixed_clock).people()
    first = summary_pdf(database, person, tmp_path, first=date(2026, 2, 1))[0]
    text = first.text

    assert "42 daily totals from an imported spreadsheet, assumed taken" in text
    assert "60 mg/day, a daily total from an imported spreadsheet (dose times not known)" in text
    assert "at 08:00" not in text
    assert "taken (" not in text  # no percentage of doses observed: none were
    assert "Baclofen 60 mg/day 1 Feb to 14 Mar 2026 5.0 (42 of 42) - 0 (0%) imported, assumed" in (
        text
    )


# -- a pump, and two medicines -----------------------------------------------------------------


def test_a_pump_only_person_has_rates_in_mcg_per_day_and_no_doses_to_record(
    database: Database, person: Person, tmp_path: Path
) -> None:
    assert person.id is not None
    medicines = MedicineService(database, fixed_clock)
    pump = medicines.add_medicine(
        baclofen_pump(person.id),
        Regimen(medicine_id=MedicineId(0), start_date=date(2025, 11, 1), rate_per_day=300.0),
    ).value
    assert pump.id is not None
    medicines.record_regimen_change(
        Regimen(medicine_id=pump.id, start_date=date(2026, 2, 1), rate_per_day=350.0)
    )
    medicines.record_refill(
        PumpRefill(medicine_id=pump.id, refill_date=date(2026, 1, 10), next_due=date(2026, 4, 10))
    )
    diary = DiaryService(database, fixed_clock)
    for day in days(FIRST - timedelta(days=30), LAST):
        diary.log_entry(
            SymptomEntry(
                person_id=person.id,
                recorded_at=at(day),
                stiffness=6 if day < date(2026, 2, 1) else 3,
            )
        )
    first = summary_pdf(database, person, tmp_path)[0]
    text = first.text

    assert "Baclofen pump 300 mcg/day 15 Dec 2025 to 31 Jan 2026 6.0 (48 of 48) - 0 (0%) pump" in (
        text
    )
    assert "Baclofen pump 350 mcg/day 1 Feb to 14 Mar 2026 3.0 (42 of 42) -50% ** 0 (0%) pump" in (
        text
    )
    assert "350 mcg/day (continuous)" in text
    assert "continuous infusion, no doses to record; refilled 10 Jan 2026" in text
    assert " mg/day" not in text
    assert " mg " not in text


def test_two_medicines_are_named_in_each_dose_period_with_their_own_doses(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    assert raised.id is not None
    medicines = MedicineService(database, fixed_clock)
    tizanidine = medicines.add_medicine(
        Medicine(person_id=raised.id, name="Tizanidine", ingredient=Ingredient.TIZANIDINE),
        Regimen(
            medicine_id=MedicineId(0),
            start_date=date(2026, 2, 15),
            doses=(ScheduledDose(time_of_day=time(21), amount=4.0),),
        ),
    ).value
    assert tizanidine.id is not None
    DiaryService(database, fixed_clock).record_doses(
        [
            DoseRecord(
                medicine_id=tizanidine.id,
                day=day,
                status=DoseStatus.TAKEN if day.day % 2 else DoseStatus.MISSED,
                amount=4.0,
                scheduled_time=time(21),
                taken_at=at(day, 21) if day.day % 2 else None,
            )
            for day in days(date(2026, 3, 1), LAST)
        ]
    )
    first = summary_pdf(database, raised, tmp_path)[0]
    text = first.text

    assert (
        "Baclofen 60 mg/day Tizanidine 4 mg/day 15 Feb to 14 Mar 2026 4.0 (28 of 28) -20% * "
        "14 (50%) Baclofen 90% Tizanidine 50%"
    ) in text
    assert "4 mg at 21:00 (4 mg/day)" in text
    assert "50% taken (7 of 14 recorded), 7 missed" in text


def test_a_medicine_form_other_than_tablets_is_named_as_entered(
    database: Database, person: Person, tmp_path: Path
) -> None:
    assert person.id is not None
    MedicineService(database, fixed_clock).add_medicine(
        Medicine(
            person_id=person.id,
            name="Lyflex",
            ingredient=Ingredient.BACLOFEN,
            form=Form.ORAL_LIQUID,
        ),
        Regimen(medicine_id=MedicineId(0), start_date=date(2025, 11, 1), doses=three_times(5)),
    )
    diary = DiaryService(database, fixed_clock)
    for day in days(FIRST, LAST):
        diary.log_entry(SymptomEntry(person_id=person.id, recorded_at=at(day), stiffness=5))
    first = summary_pdf(database, person, tmp_path)[0]

    assert "Lyflex 15 mg/day 15 Dec 2025 to 14 Mar 2026 5.0 (90 of 90) - 0 (0%) not recorded" in (
        first
    )


# -- pagination ------------------------------------------------------------------------------


def test_tables_repeat_their_header_on_each_page_and_no_row_is_split(
    database: Database, raised: Person, tmp_path: Path
) -> None:
    assert raised.id is not None
    diary = DiaryService(database, fixed_clock)
    # Notes of one to seven lines: over pages, some would fall across a page break.
    for number, day in enumerate(days(date(2026, 1, 1), date(2026, 2, 28))):
        words = " ".join(["stiff"] * (12 * (number % 7 + 1)))
        diary.log_entry(
            SymptomEntry(
                person_id=raised.id,
                recorded_at=at(day, 9),
                stiffness=5,
                note=f"Begin {number:02d} {words} end {number:02d}",
            )
        )
    pages = summary_pdf(database, raised, tmp_path)

    with_notes = [page for page in pages if "Begin " in page]
    assert len(with_notes) >= 3
    for page in with_notes:
        assert line_with(page, "When", "Entered by", "Note")  # the header, on each page
        text = page.text
        for number in range(59):
            begins, ends = f"Begin {number:02d} ", f" end {number:02d}"
            assert (begins in text) == (ends in text), f"note {number} is split:\n{page}"
