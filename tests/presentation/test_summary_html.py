"""The clinic summary's words: doses, regimens, who entered and dates, every user string escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time
from html import escape

import pytest

from spasticity_tracker.domain.entities import (
    Appointment,
    CarerId,
    DoseRecord,
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
from spasticity_tracker.domain.scales import (
    Condition,
    DoseStatus,
    EventKind,
    Form,
    Severity,
    ToxinProduct,
)
from spasticity_tracker.presentation.summary_html import (
    DETAILS,
    PAGE_ONE,
    compared_text,
    days_text,
    marked,
    summary_html,
)
from spasticity_tracker.reports.figures import SummaryInput, compute
from tests import builders
from tests.builders import JAN1, JO, SAM, TABLET, at, entry, fortnight, mar, medicine, oral

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
            ["Baclofen 15 mg/day", "Baclofen 15 mg/day<br>Tizanidine 4 mg/day"],
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
    # The dose over its dates, then the mean stiffness with the days behind it.
    assert f"<td>{first}<br>1 Mar to 7 Mar 2026</td><td><b>5.0</b> (7 of 7)</td>" in html
    assert f"<td>{second}<br>8 Mar to 14 Mar 2026</td><td><b>5.0</b> (7 of 7)</td>" in html


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
        assert f"<b>Around the last dose change</b> (8 Mar 2026, {compared})" in html


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
    # page 1 and later; the rate in force, and on page 1 and later the schedule by medicine.
    assert html.count("mcg/day") == 13
    assert " mg" not in html
    assert "mg/" not in html


# Who entered, and when.


@pytest.mark.parametrize(
    ("entries", "who"),
    [
        ([], "nobody"),
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

    assert f"</b>, entered by {who} &middot; produced" in html


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
        "<thead><tr><th>When</th><th>Entered by</th><th>Note</th></tr></thead><tbody>"
        + row("1 Mar 2026 20:00", "Alex", "Slept badly")
        + row("2 Mar 2026", "Sam", "Fall: On the stairs")
        + row("3 Mar 2026 20:00", "Jo", "Stiff after<br>a long walk")
        + row("4 Mar 2026 20:00", "a former carer", "Tired")
        + "</tbody></table>"
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
        (PERIOD, "<p>Period 1 Mar 2026 to 14 Mar 2026 (14 days): <b>entries on 14 of 14 days"),
        (PERIOD, "produced 15 Mar 2026 with"),
        (PERIOD, "<p>Born 2 Jun 1970</p>"),  # no condition given: none is written
        (
            replace(PERIOD, person=replace(ALEX, condition=Condition.STROKE)),
            "<p>Born 2 Jun 1970 &middot; Stroke</p>",
        ),
        (
            replace(PERIOD, person=replace(ALEX, hospital_number="943 476 5919")),
            "<p>Born 2 Jun 1970 &middot; Hospital or NHS number: 943 476 5919</p>",
        ),
        (
            replace(PERIOD, person=replace(ALEX, date_of_birth=None)),
            "</h1><p>Period 1 Mar 2026 to 14 Mar 2026",
        ),
        (replace(PERIOD, events=EVENTS), row("2 Mar 2026 to 6 Mar 2026", "Infection or UTI", "")),
        (replace(PERIOD, events=EVENTS), row("4 Mar 2026", "Fall", "")),
        (
            replace(
                PERIOD,
                appointments=[Appointment(person_id=PersonId(1), day=mar(10), clinician="Dr Shah")],
            ),
            row("10 Mar 2026", "Dr Shah", "", "", ""),
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
        "period",
        "production",
        "birth",
        "condition",
        "hospital number",
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
            10,  # 2 periods twice, the change, its comparison twice, the regimen, the
            # schedule by medicine twice
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


# Numbers: the difference is that of the means shown; a percentage never rounds onto a line.


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (5.0, 4.0, ("5.0", "4.0", "-1.0")),
        (4.54, 4.46, ("4.54", "4.46", "-0.08")),  # never "4.5 ... 4.5; difference -0.1"
        (6.06, 6.21, ("6.06", "6.21", "+0.15")),  # never "6.1 ... 6.2; difference +0.2"
        (4.5, 4.5, ("4.5", "4.5", "+0.0")),
        (5.25, 4.125, ("5.2", "4.1", "-1.1")),  # halves round alike, to the even digit
    ],
    ids=["whole", "hidden-by-rounding", "rounded-apart", "same", "halves"],
)
def test_the_difference_is_that_of_the_means_shown(
    before: float, after: float, shown: tuple[str, str, str]
) -> None:
    first, second, difference = compared_text(before, after)
    assert (first, second, difference) == shown
    assert float(second) - float(first) == pytest.approx(float(difference))


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (-33.333, "-33% **"),
        (-30.0, "-30% **"),
        (-29.96, "-29.96% *"),  # never "-30%" without the 30% line's mark
        (-20.0, "-20% *"),
        (-19.6, "-19.6%"),  # never "-20%" without the 20% line's mark
        (-12.4, "-12%"),
        (7.0, "+7%"),
    ],
)
def test_a_change_in_percent_is_marked_at_the_lines_it_reaches(change: float, text: str) -> None:
    assert marked(change) == text


def test_an_overlapping_change_names_what_overlaps_it() -> None:
    data = replace(
        PERIOD,
        medicines=(TABLET, TIZANIDINE),
        regimens=[
            oral(JAN1, 5, 5, 5),
            oral(mar(8), 10, 10, 10),
            oral(JAN1, 2, medicine=TIZANIDINE),
            oral(mar(10), 4, medicine=TIZANIDINE),
        ],
        injections=[BOTOX],
    )
    html = html_of(data)

    assert (
        "<td>8 Mar 2026</td><td>Baclofen: 15 mg/day to 30 mg/day</td><td>-</td><td>-</td><td>"
        "not compared: overlaps a botulinum toxin injection on 9 Mar 2026; the Tizanidine "
        "change on 10 Mar 2026</td>"
    ) in html


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ([mar(2)], "2 Mar 2026"),
        ([mar(2), mar(4), mar(6)], "2, 4 and 6 Mar 2026"),
        ([date(2026, 2, 27), mar(1)], "27 Feb and 1 Mar 2026"),
        (
            [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 2)],
            "30 and 31 Dec 2025, 2 Jan 2026",
        ),
    ],
    ids=["one", "one-month", "two-months", "two-years"],
)
def test_the_days_of_a_caution_are_written_short(days: list[date], text: str) -> None:
    assert days_text(days) == text


def test_a_caution_raised_on_several_days_is_listed_once_with_its_days() -> None:
    whole_days = [
        DoseRecord(
            medicine_id=TIZANIDINE.id,  # type: ignore[arg-type]  # builders' medicines have ids
            day=mar(day),
            status=DoseStatus.MISSED,
            amount=2.0,
            scheduled_time=time(8),
        )
        for day in (2, 4, 6)
    ]
    data = replace(
        PERIOD,
        medicines=(TIZANIDINE,),
        regimens=[oral(JAN1, 2, hours=(8,), medicine=TIZANIDINE)],
        doses=[
            *whole_days,
            *[
                replace(
                    whole_days[0], day=mar(day), status=DoseStatus.TAKEN, taken_at=at(mar(day), 8)
                )
                for day in (3, 5, 7)
            ],
        ],
    )
    html = html_of(data)

    assert "<li>2, 4 and 6 Mar 2026: No Tizanidine taken for a whole day</li>" in html


def test_with_less_room_page_one_holds_the_latest_periods_and_the_severe_side_effects() -> None:
    reports = [
        SideEffectReport(person_id=PersonId(1), day=mar(day), effect=effect, severity=severity)
        for day, effect, severity in (
            (1, "drowsiness", Severity.MILD),
            (2, "drowsiness", Severity.MILD),
            (3, "dizziness", Severity.SEVERE),
        )
    ]
    data = replace(
        PERIOD,
        medicines=(TABLET,),
        regimens=[oral(JAN1, 5), oral(mar(4), 10), oral(mar(8), 15)],
        side_effects=reports,
        person=replace(ALEX, questions="Is the dose right?"),
    )
    figures = compute(data)
    roomy = summary_html(figures, None, 600)
    tight = summary_html(figures, None, 600, PAGE_ONE[-1])
    page_one = tight.split(DETAILS)[0]

    assert "Dose periods (the latest; all in the details):" in page_one
    assert "1 Mar to 3 Mar 2026" not in page_one  # the oldest of three periods
    assert "8 Mar to 14 Mar 2026" in page_one
    assert "Dizziness" in page_one  # severe: always on page 1
    assert "Drowsiness" not in page_one
    assert "Questions for the appointment:</b> in the details" in page_one
    assert "1 Mar to 3 Mar 2026" in roomy.split(DETAILS)[0]
    assert tight.split(DETAILS)[1] == roomy.split(DETAILS)[1]  # the details are whole
