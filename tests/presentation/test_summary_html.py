"""The clinic summary's words: doses, regimens, who entered and dates, every user string escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from html import escape

import pytest

from spasticity_tracker.domain.entities import (
    Appointment,
    CarerId,
    Event,
    Medicine,
    Person,
    PersonId,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import EventKind, Form, Severity, ToxinProduct
from spasticity_tracker.presentation.summary_html import summary_html
from spasticity_tracker.reports.figures import SummaryInput, compute
from tests import builders
from tests.builders import JAN1, JO, SAM, TABLET, entry, fortnight, mar, medicine, oral

ALEX = Person(id=PersonId(1), name="Alex", date_of_birth=date(1970, 6, 2))
TIZANIDINE = medicine(2, "Tizanidine", Ingredient.TIZANIDINE)
PUMP = medicine(3, "Baclofen pump", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP)
MARKUP = '<b>Jo & "Sam"</b>'


def pump(start: date, rate: float) -> Regimen:
    """The pump (medicine 3 here) at a rate per day."""
    return builders.pump(start, rate, PUMP)


# Alex's fortnight, 1 to 14 March 2026, produced on the 15th, with every day scored.
PERIOD = fortnight(
    ALEX,
    carers=(JO, SAM),
    entries=[entry(mar(day)) for day in range(1, 15)],
    medicines=(TABLET, TIZANIDINE),
)


def html_of(data: SummaryInput) -> str:
    """The summary of a period as HTML, without a chart."""
    return summary_html(compute(data), None, 600)


def row(*cells: str) -> str:
    """A table row as the summary writes it."""
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


# Doses: the dose periods, the changes and the regimen in force.


@pytest.mark.parametrize(
    ("medicines", "regimens", "periods"),
    [
        (
            (TABLET,),
            [oral(JAN1, 5, 5, 5), oral(mar(8), 10, 10, 10)],
            ["Baclofen 15 mg/day", "Baclofen 30 mg/day"],
        ),
        ((TABLET,), [oral(mar(8), 10, 10, 10)], ["no medicine recorded", "Baclofen 30 mg/day"]),
        (
            (TABLET,),
            [oral(JAN1, 5, 5, 5), oral(mar(8))],
            ["Baclofen 15 mg/day", "no medicine recorded"],
        ),
        (
            (TABLET, TIZANIDINE),
            [oral(JAN1, 5, 5, 5), oral(mar(8), 2, 2, medicine=TIZANIDINE)],
            ["Baclofen 15 mg/day", "Baclofen 15 mg/day + Tizanidine 4 mg/day"],
        ),
        (
            (PUMP,),
            [pump(JAN1, 300), pump(mar(8), 350)],
            ["Baclofen pump 300 mcg/day", "Baclofen pump 350 mcg/day"],
        ),
    ],
    ids=["increase", "started", "stopped", "second medicine", "pump"],
)
def test_dose_periods_are_worded_with_each_medicine_s_daily_total(
    medicines: Sequence[Medicine], regimens: list[Regimen], periods: list[str]
) -> None:
    html = html_of(replace(PERIOD, medicines=medicines, regimens=regimens))

    first, second = periods
    assert row("1 Mar 2026 to 7 Mar 2026", first, "7 of 7 days", "5.0") in html
    assert row("8 Mar 2026 to 14 Mar 2026", second, "7 of 7 days", "5.0") in html


@pytest.mark.parametrize(
    ("medicines", "regimens", "change", "compared"),
    [
        (
            (TABLET,),
            [oral(JAN1, 5, 5, 5), oral(mar(8), 10, 10, 10)],
            ("Baclofen", "15 mg/day", "30 mg/day"),
            "Baclofen: 15 mg/day to 30 mg/day",
        ),
        ((TABLET,), [oral(mar(8), 10, 10, 10)], ("Baclofen", "none", "30 mg/day"), None),
        (
            (TABLET,),
            [oral(JAN1, 5, 5, 5), oral(mar(8))],
            ("Baclofen", "15 mg/day", "none"),
            "Baclofen: 15 mg/day to none",
        ),
        (
            (PUMP,),
            [pump(JAN1, 300), pump(mar(8), 350)],
            ("Baclofen pump", "300 mcg/day", "350 mcg/day"),
            "Baclofen pump: 300 mcg/day to 350 mcg/day",
        ),
    ],
    ids=["increase", "started", "stopped", "pump"],
)
def test_a_change_is_worded_from_one_daily_total_to_the_other(
    medicines: Sequence[Medicine],
    regimens: list[Regimen],
    change: tuple[str, str, str],
    compared: str | None,
) -> None:
    html = html_of(replace(PERIOD, medicines=medicines, regimens=regimens))

    assert row("8 Mar 2026", *change) in html
    if compared is None:  # a first regimen has nothing to be compared with
        assert "<p>No dose changes in the period.</p>" in html
    else:
        assert f"<td>8 Mar 2026</td><td>{compared}</td>" in html
        assert f"Around the last dose change (8 Mar 2026, {compared})" in html


@pytest.mark.parametrize(
    ("medicine", "regimens", "text"),
    [
        (
            TABLET,
            [oral(JAN1, 10, 10, 10)],
            "10 mg at 08:00, 10 mg at 14:00, 10 mg at 20:00 (30 mg/day)",
        ),
        (TABLET, [oral(JAN1, 10, 10, 10), oral(mar(5))], "not taken"),
        (TABLET, [oral(mar(15), 10)], "not taken"),
        (PUMP, [pump(JAN1, 300), pump(mar(8), 350)], "350 mcg/day (continuous)"),
    ],
    ids=["tablets", "stopped", "not started by the last day", "pump"],
)
def test_the_regimen_in_force_on_the_last_day_is_worded_in_full(
    medicine: Medicine, regimens: list[Regimen], text: str
) -> None:
    html = html_of(replace(PERIOD, medicines=(medicine,), regimens=regimens))

    assert "<th>In force on 14 Mar 2026</th>" in html
    assert row(medicine.name, text) in html


def test_a_pump_is_in_mcg_per_day_never_in_mg() -> None:
    html = html_of(
        replace(PERIOD, medicines=(PUMP,), regimens=[pump(JAN1, 300), pump(mar(8), 350)])
    )

    # 2 periods, on page 1 and later; the change, from and to; its comparison, from and to, on
    # page 1 and later; the rate in force.
    assert html.count("mcg/day") == 11
    assert " mg" not in html
    assert "mg/" not in html


# Who entered, and when.


@pytest.mark.parametrize(
    ("entries", "who"),
    [
        ([], "no entries"),
        ([entry(mar(1))], "Alex 100%"),
        (
            [
                entry(mar(1), by=JO.id),
                entry(mar(2)),
                entry(mar(3), by=JO.id),
                entry(mar(4), by=CarerId(9)),
            ],
            "Jo 50%, Alex 25%, a former carer 25%",
        ),
    ],
    ids=["nobody", "the person", "the person, a carer and a former carer"],
)
def test_the_overview_says_who_entered_the_entries(entries: list[SymptomEntry], who: str) -> None:
    html = html_of(replace(PERIOD, entries=entries))

    assert row("Entered by", who) in html


def test_each_note_says_when_and_who_entered_it() -> None:
    entries = [
        entry(mar(1), note="Slept badly"),
        entry(mar(3), by=JO.id, note="Stiff after\na long walk"),
        entry(mar(4), by=CarerId(9), note="Tired"),
    ]
    events = [
        Event(
            person_id=PersonId(1),
            kind=EventKind.FALL,
            start_date=mar(2),
            note="On the stairs",
            entered_by=SAM.id,
        )
    ]
    html = html_of(replace(PERIOD, entries=entries, events=events))

    assert (
        "<tr><th>When</th><th>Entered by</th><th>Note</th></tr>"
        + row("1 Mar 2026 20:00", "Alex", "Slept badly")
        + row("2 Mar 2026", "Sam", "Fall: On the stairs")
        + row("3 Mar 2026 20:00", "Jo", "Stiff after<br>a long walk")
        + row("4 Mar 2026 20:00", "a former carer", "Tired")
        + "</table>"
    ) in html


EVENTS = [
    Event(person_id=PersonId(1), kind=EventKind.INFECTION, start_date=mar(2), end_date=mar(6)),
    Event(person_id=PersonId(1), kind=EventKind.FALL, start_date=mar(4)),
]
BOTOX = ToxinInjection(
    person_id=PersonId(1), day=mar(9), product=ToxinProduct.ONABOTULINUMTOXIN_A, total_units=200.0
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (PERIOD, "Period 1 Mar 2026 to 14 Mar 2026 (14 days). Produced 15 Mar 2026 with"),
        (PERIOD, "Other, born 2 Jun 1970."),
        (replace(PERIOD, person=replace(ALEX, date_of_birth=None)), "<p>Other. Period 1 Mar"),
        (replace(PERIOD, events=EVENTS), row("2 Mar 2026 to 6 Mar 2026", "Infection or UTI", "")),
        (replace(PERIOD, events=EVENTS), row("4 Mar 2026", "Fall", "")),
        (
            replace(
                PERIOD,
                appointments=[Appointment(person_id=PersonId(1), day=mar(10), clinician="Dr Shah")],
            ),
            row("10 Mar 2026", "Dr Shah", ""),
        ),
        (
            replace(PERIOD, injections=[BOTOX]),
            "injections:</b> 9 Mar 2026 (onabotulinumtoxinA (Botox), 200 units).</p>",
        ),
        (
            replace(PERIOD, injections=[BOTOX]),
            row("9 Mar 2026", "onabotulinumtoxinA (Botox)", "200", "", ""),
        ),
    ],
    ids=[
        "period and production",
        "birth",
        "no birth date",
        "event over days",
        "event on a day",
        "appointment",
        "injection on page 1",
        "injection in the details",
    ],
)
def test_dates_are_day_month_year(data: SummaryInput, text: str) -> None:
    assert text in html_of(data)


# Escaping: whatever a person typed is shown as text, never read as markup.


MARKED = replace(TABLET, name=MARKUP)
AN_INJECTION = ToxinInjection(person_id=PersonId(1), day=mar(3), product=ToxinProduct.OTHER)


@pytest.mark.parametrize(
    ("data", "times"),
    [
        pytest.param(
            replace(PERIOD, person=replace(ALEX, name=MARKUP)),
            2,  # the title and the share of entries
            id="person's name",
        ),
        pytest.param(
            replace(
                PERIOD,
                carers=(replace(JO, name=MARKUP),),
                entries=[entry(mar(1), by=JO.id, note="Slept badly")],
            ),
            2,  # the share of entries and the note
            id="carer's name",
        ),
        pytest.param(replace(PERIOD, entries=[entry(mar(1), note=MARKUP)]), 1, id="note"),
        pytest.param(
            replace(PERIOD, person=replace(ALEX, questions=MARKUP)),
            2,  # on page 1 and with the details
            id="questions",
        ),
        pytest.param(
            replace(
                PERIOD,
                medicines=(MARKED,),
                regimens=[oral(JAN1, 5, medicine=MARKED), oral(mar(8), 10, medicine=MARKED)],
            ),
            8,  # 2 periods twice, the change, its comparison twice, the regimen
            id="medicine name",
        ),
        pytest.param(
            replace(
                PERIOD,
                events=[
                    Event(
                        person_id=PersonId(1), kind=EventKind.FALL, start_date=mar(2), note=MARKUP
                    )
                ],
            ),
            2,  # the event and the notes
            id="event note",
        ),
        pytest.param(
            replace(
                PERIOD,
                appointments=[Appointment(person_id=PersonId(1), day=mar(3), clinician=MARKUP)],
            ),
            1,
            id="clinician",
        ),
        pytest.param(
            replace(
                PERIOD, appointments=[Appointment(person_id=PersonId(1), day=mar(3), notes=MARKUP)]
            ),
            1,
            id="appointment notes",
        ),
        pytest.param(
            replace(PERIOD, injections=[replace(AN_INJECTION, muscles=MARKUP)]), 1, id="muscles"
        ),
        pytest.param(
            replace(PERIOD, injections=[replace(AN_INJECTION, given_by=MARKUP)]), 1, id="given by"
        ),
        pytest.param(
            replace(
                PERIOD,
                side_effects=[
                    SideEffectReport(
                        person_id=PersonId(1), day=mar(3), effect=MARKUP, severity=Severity.MILD
                    )
                ],
            ),
            2,  # on page 1 and with the details
            id="side effect",
        ),
    ],
)
def test_every_user_string_is_escaped(data: SummaryInput, times: int) -> None:
    html = html_of(data)

    assert "<b>Jo" not in html
    assert html.count(escape(MARKUP)) == times
