"""The clinic summary as HTML for QTextDocument: page 1 the overview, then the details.

Every string that came from a person (names, notes, questions, medicine names...) is escaped.
QTextDocument reads a subset of HTML and CSS: plain tables, page breaks and font sizes. Dates,
doses, regimens and who entered are worded by the formatting module, as on every page.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from spasticity_tracker import APP_NAME
from spasticity_tracker.domain.entities import CarerId, ToxinInjection
from spasticity_tracker.domain.scales import PENN_SHORT
from spasticity_tracker.domain.windows import (
    AFTER_FIRST_DAY,
    AFTER_LAST_DAY,
    AFTER_TEXT,
    BEFORE_TEXT,
    ENOUGH_TEXT,
    REFERENCE_LINES,
)
from spasticity_tracker.presentation.formatting import (
    day_text,
    doses_text,
    enterer_name,
    period_text,
    regimen_text,
    short_moment_text,
    total_text,
)
from spasticity_tracker.reports.figures import (
    ChangeComparison,
    DosePeriod,
    Mean,
    SideEffectRow,
    SummaryFigures,
)

BODY_PT = 10  # never smaller on paper
STYLE = f"""
body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: {BODY_PT}pt; color: #000; }}
h1 {{ font-size: 15pt; margin: 0; }}
h2 {{ font-size: 12pt; margin-top: 6px; margin-bottom: 2px; }}
td, th {{ font-size: {BODY_PT}pt; }}
th {{ background-color: #e6eef4; text-align: left; }}
.small {{ font-size: {BODY_PT}pt; color: #333; }}
.big {{ font-size: 13pt; font-weight: bold; }}
"""
PAGE_ONE_ROWS = 4  # longer tables continue on page 2, so that page 1 stands on its own
PAGE_ONE_EFFECTS = 3
QUESTIONS_ON_PAGE_ONE = 300  # characters; all of them are on page 2
TABLE = '<table border="1" cellspacing="0" cellpadding="2" width="100%">'


def _when(moment: datetime | date) -> str:
    """A note's time: '2 Jun 2026 14:05' for an entry, '2 Jun 2026' for a dated event."""
    if isinstance(moment, datetime):
        return short_moment_text(moment)
    return day_text(moment)


def _who(figures: SummaryFigures, carer_id: CarerId | None) -> str:
    """Who entered a note or a share of the entries: the person, a carer or a former carer."""
    return enterer_name(figures.person, figures.carers, carer_id)


def _mean(mean: Mean, digits: int = 1) -> str:
    if mean.value is None:
        return f"not enough entries ({mean.days_text})"
    return f"{mean.value:.{digits}f} ({mean.days_text})"


def _signed(value: float) -> str:
    return f"{value:+.1f}"


def _rows(cells: list[list[str]], header: list[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
    return f"{TABLE}<tr>{head}</tr>{body}</table>"


def _comparison_cells(c: ChangeComparison) -> list[str]:
    if c.status:
        difference = percent = escape(c.status)
    else:
        assert c.difference is not None
        difference = _signed(c.difference)
        percent = f"{c.percent:+.0f}%" if c.percent is not None else "-"
    old, new = total_text(c.medicine, c.old_total), total_text(c.medicine, c.new_total)
    return [
        day_text(c.day),
        escape(f"{c.medicine.name}: {old} to {new}"),
        _mean(c.before),
        _mean(c.after),
        difference,
        percent,
    ]


def _injection_text(injection: ToxinInjection) -> str:
    units = "" if injection.total_units is None else f", {injection.total_units:g} units"
    return f"{day_text(injection.day)} ({injection.product.label}{units})"


def _dose_period_table(periods: list[DosePeriod]) -> str:
    if not periods:
        return "<p>No days in the period.</p>"
    return _rows(
        [
            [
                period_text(d.first, d.last),
                escape(doses_text(d.doses)),
                d.stiffness.days_text,
                "not enough entries" if d.stiffness.value is None else f"{d.stiffness.value:.1f}",
            ]
            for d in periods
        ],
        ["Dates", "Daily dose", "Days with scores", "Mean stiffness"],
    )


def _side_effect_table(rows: list[SideEffectRow]) -> str:
    if not rows:
        return "<p>None reported.</p>"
    return _rows(
        [
            [
                escape(r.label),
                f"{r.days} day{'s' if r.days != 1 else ''}",
                f"{r.percent_of_logged_days:.0f}% of logged days",
                escape(r.worst.label),
            ]
            for r in rows
        ],
        ["Side effect", "Days reported", "Share", "Worst"],
    )


def summary_html(figures: SummaryFigures, chart_uri: str | None, chart_width: int) -> str:
    """The whole summary; chart_uri names the chart image, chart_width is in layout pixels."""
    f = figures
    p = f.person
    period = f"{period_text(f.first, f.last)} ({f.days} days)"
    parts = [f"<html><head><style>{STYLE}</style></head><body>"]

    # -- page 1: the overview --------------------------------------------------------------
    born = f", born {day_text(p.date_of_birth)}" if p.date_of_birth else ""
    parts.append(
        f"<h1>Spasticity summary: {escape(p.name)}</h1>"
        f"<p>{escape(p.condition.label)}{born}. Period {period}. Produced {day_text(f.produced)} "
        f"with {APP_NAME}. Patient-reported diary; no dose advice is given.</p>"
    )
    who = (
        ", ".join(f"{escape(_who(f, s.entered_by))} {s.percent:.0f}%" for s in f.shares)
        or "no entries"
    )
    change = f.stiffness_change
    since = (
        f"{_signed(change)} since the previous {f.days} days ({_mean(f.previous)})"
        if change is not None
        else f"previous {f.days} days: {_mean(f.previous)}"
    )
    median = f", median {f.stiffness_median:g}" if f.stiffness_median is not None else ""
    spasm_text = (
        "; ".join(
            f"{escape(PENN_SHORT[level].lower())} {days}"
            for level, days in enumerate(f.spasm_days)
            if days
        )
        or "not recorded"
    )
    parts.append(
        TABLE + f"<tr><td>Days with entries</td><td class='big'>{f.days_with_entries} of {f.days}"
        f" days</td></tr>"
        f"<tr><td>Mean stiffness (0-10)</td><td class='big'>{_mean(f.stiffness)}{median}</td></tr>"
        f"<tr><td>Change in stiffness</td><td>{since}</td></tr>"
        f"<tr><td>Spasms (days at each level)</td><td>{spasm_text}</td></tr>"
        f"<tr><td>Mean pain (0-10)</td><td>{_mean(f.pain)}</td></tr>"
        f"<tr><td>Mean sleep disruption (0-10)</td><td>{_mean(f.sleep)}</td></tr>"
        f"<tr><td>Entered by</td><td>{who}</td></tr>"
        "</table>"
    )
    questions = f.questions.strip()
    if questions:
        short = (
            questions
            if len(questions) <= QUESTIONS_ON_PAGE_ONE
            else (questions[:QUESTIONS_ON_PAGE_ONE].rsplit(" ", 1)[0] + " ... (all on page 2)")
        )
        parts.append(
            "<p><b>Questions for the appointment:</b> "
            + escape(short).replace("\n", "<br>")
            + "</p>"
        )
    if chart_uri:
        parts.append(
            f'<p><img src="{escape(chart_uri)}" width="{chart_width}"><br>'
            f'<span class="small">Dots: daily stiffness; line: 7-day mean ({ENOUGH_TEXT}); '
            "steps: daily dose; dashed lines: dose changes.</span></p>"
        )
    recent = f.dose_periods[-PAGE_ONE_ROWS:]
    more = " (the latest; all on page 2)" if len(recent) < len(f.dose_periods) else ""
    parts.append(f"<h2>Dose periods{more}</h2>")
    parts.append(_dose_period_table(recent))
    last_change = f.comparisons[-1] if f.comparisons else None
    if last_change is not None:
        cells = _comparison_cells(last_change)
        parts.append(
            f"<p>Around the last dose change ({cells[0]}, {cells[1]}): {BEFORE_TEXT} "
            f"{cells[2]}, {AFTER_TEXT} {cells[3]}; difference {cells[4]} ({cells[5]}).</p>"
        )
    a = f.adherence
    counts = a.counts
    parts.append(
        f"<p><b>Doses.</b> Scheduled doses: {counts.taken} taken, {counts.late} late, "
        f"{counts.missed} missed, "
        f"{counts.not_recorded} not recorded; {counts.extra} extra. Whole days missed: "
        f"{a.whole_days_missed}. Longest run of missed doses: {a.longest_missed_run}.</p>"
    )
    # Every caution of the period, dated; the full texts are with the details.
    if f.cautions:
        items = "".join(f"<li>{escape(c.dated_title)}</li>" for c in f.cautions)
        parts.append(f"<h2>Cautions (details on page 2)</h2><ul>{items}</ul>")
    else:
        parts.append("<p><b>Cautions: none.</b></p>")
    if f.injections:
        shots = "; ".join(escape(_injection_text(i)) for i in f.injections)
        parts.append(f"<p><b>Botulinum toxin injections:</b> {shots}.</p>")
    more = " (the most frequent; all on page 2)" if len(f.side_effects) > PAGE_ONE_EFFECTS else ""
    parts.append(f"<h2>Side effects{more}</h2>")
    parts.append(_side_effect_table(f.side_effects[:PAGE_ONE_EFFECTS]))

    # -- later pages: the details ----------------------------------------------------------
    parts.append('<h2 style="page-break-before: always">Questions for the appointment</h2>')
    parts.append("<p>" + (escape(questions).replace("\n", "<br>") or "None written.") + "</p>")
    parts.append("<h2>Dose periods</h2>")
    parts.append(_dose_period_table(f.dose_periods))
    parts.append("<h2>Side effects</h2>")
    parts.append(_side_effect_table(f.side_effects))
    if f.cautions:
        items = "".join(
            f"<li><b>{escape(c.dated_title)}</b>: {escape(c.text)}</li>" for c in f.cautions
        )
        parts.append(f"<h2>Cautions in the period</h2><ul>{items}</ul>")
    parts.append("<h2>Botulinum toxin injections</h2>")
    parts.append(
        _rows(
            [
                [
                    day_text(i.day),
                    escape(i.product.label),
                    "not recorded" if i.total_units is None else f"{i.total_units:g}",
                    escape(i.muscles),
                    escape(i.given_by),
                ]
                for i in f.injections
            ],
            ["Date", "Product", "Total units", "Muscles", "Given by"],
        )
        if f.injections
        else "<p>None in the period.</p>"
    )
    parts.append("<h2>Around each dose change</h2>")
    lines = "; ".join(f"a fall of {percent}% is {meaning}" for percent, meaning in REFERENCE_LINES)
    parts.append(
        f"<p>Mean stiffness in {BEFORE_TEXT} each change against days {AFTER_FIRST_DAY} to "
        f"{AFTER_LAST_DAY} counting the change day as day 1 (days 1 to {AFTER_FIRST_DAY - 1} "
        f"are a transition). For reference: {lines}.</p>"
    )
    if f.comparisons:
        parts.append(
            _rows(
                [_comparison_cells(c) for c in f.comparisons],
                ["Date", "Change", "Before", AFTER_TEXT.capitalize(), "Difference", "% change"],
            )
        )
    else:
        parts.append("<p>No dose changes in the period.</p>")
    parts.append("<h2>Regimen</h2>")
    parts.append(
        _rows(
            [[escape(m.name), escape(regimen_text(m, r))] for m, r in f.regimen_now],
            ["Medicine", f"In force on {day_text(f.last)}"],
        )
    )
    if f.changes:
        parts.append(
            _rows(
                [
                    [
                        day_text(c.day),
                        escape(c.medicine.name),
                        escape(total_text(c.medicine, c.old_total)),
                        escape(total_text(c.medicine, c.new_total)),
                    ]
                    for c in f.changes
                ],
                ["Date", "Medicine", "From", "To"],
            )
        )
    parts.append("<h2>Events and triggers</h2>")
    if f.events:
        parts.append(
            _rows(
                [
                    [
                        period_text(e.start_date, e.end_date)
                        if e.end_date
                        else day_text(e.start_date),
                        escape(e.kind.label),
                        escape(e.note),
                    ]
                    for e in f.events
                ],
                ["Dates", "Event", "Note"],
            )
        )
    else:
        parts.append("<p>None recorded.</p>")
    parts.append("<h2>Appointments</h2>")
    parts.append(
        _rows(
            [[day_text(x.day), escape(x.clinician), escape(x.notes)] for x in f.appointments],
            ["Date", "Clinician", "Notes"],
        )
        if f.appointments
        else "<p>None in the period.</p>"
    )
    parts.append("<h2>Notes</h2>")
    parts.append(
        _rows(
            [
                [_when(n.when), escape(_who(f, n.entered_by)), escape(n.text).replace("\n", "<br>")]
                for n in f.notes
            ],
            ["When", "Entered by", "Note"],
        )
        if f.notes
        else "<p>No notes in the period.</p>"
    )
    parts.append("</body></html>")
    return "".join(parts)
