"""The clinic summary as HTML for QTextDocument: page 1 the overview, then the details.

Page 1 answers "did it help, and at what cost?": each dose period's stiffness, side effects and
doses read across one row, the cautions of the period, the regimen with its dose times, the
doses taken per medicine, the side effects (every severe one), events and the chart. The later
pages hold every row.

Every string that came from a person (names, notes, questions, medicine names...) is escaped.
QTextDocument reads a subset of HTML and CSS: plain tables (a <thead> repeats on each page),
page breaks and font sizes. Dates, doses, regimens and who entered are worded by the formatting
module, as on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from spasticity_tracker import APP_NAME
from spasticity_tracker.domain.dates import MONTHS, weekday_text
from spasticity_tracker.domain.entities import CarerId, Medicine, Regimen, ToxinInjection
from spasticity_tracker.domain.regimens import is_imported
from spasticity_tracker.domain.scales import (
    GAS_LABELS,
    PENN_SHORT,
    PGIC_LABELS,
    PGIC_QUESTION,
    SPASM_SEVERITY,
    Condition,
)
from spasticity_tracker.domain.windows import (
    AFTER_FIRST_DAY,
    AFTER_LAST_DAY,
    AFTER_TEXT,
    BEFORE_TEXT,
    ENOUGH_TEXT,
    REFERENCE_LINES,
    line_of,
)
from spasticity_tracker.presentation.formatting import (
    counted,
    day_text,
    enterer_name,
    period_text,
    regimen_text,
    short_moment_text,
    total_text,
)
from spasticity_tracker.reports.figures import (
    ChangeComparison,
    MedicineDoses,
    Overlap,
    PeriodRow,
    SideEffectRow,
    SummaryFigures,
)

BODY_PT = 10  # never smaller on paper
STYLE = f"""
body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: {BODY_PT}pt; color: #000; }}
h1 {{ font-size: 15pt; margin: 0; }}
h2 {{ font-size: 12pt; margin-top: 6px; margin-bottom: 2px; }}
p {{ margin-top: 3px; margin-bottom: 3px; }}
td, th {{ font-size: {BODY_PT}pt; }}
th {{ background-color: #e6eef4; text-align: left; }}
.small {{ font-size: {BODY_PT}pt; color: #333; }}
.big {{ font-size: 12pt; font-weight: bold; }}
"""


@dataclass(frozen=True)
class PageOne:
    """How much of the long lists page 1 holds; all of each is with the details."""

    rows: int  # the latest dose periods
    side_effects: int  # the most frequent side effects besides the severe ones
    questions: int  # characters of the questions
    cycle: bool = True  # the appointment cycle's sentence (else only with the details)


# From the most to the least: the printer takes the first with which page 1 fits one page.
PAGE_ONE = (
    PageOne(6, 4, 300),
    PageOne(4, 3, 200),
    PageOne(3, 2, 120),
    PageOne(3, 2, 120, cycle=False),
    PageOne(2, 0, 0, cycle=False),
)
TABLE = '<table border="1" cellspacing="0" cellpadding="2" width="100%">'
MARKS = {20: "*", 30: "**"}  # a fall that reaches the 20 % or the 30 % reference line
NRS = "NRS 0-10"
PENN = "Penn Spasm Frequency Scale 0-4"
IMPORTED_DOSES = "daily totals from an imported spreadsheet, assumed taken"
DETAILS = "Details"


# -- numbers -------------------------------------------------------------------------------


def compared_text(before: float, after: float) -> tuple[str, str, str]:
    """Two means and their difference as printed: the difference is always that of the
    means shown, with a second (or third) decimal where one would hide it."""
    for digits in (1, 2, 3):
        shown_before = float(f"{before:.{digits}f}")
        shown_after = float(f"{after:.{digits}f}")
        difference = f"{after - before + 0.0:+.{digits}f}"
        if f"{shown_after - shown_before + 0.0:+.{digits}f}" == difference:
            break
    else:
        difference = f"{shown_after - shown_before + 0.0:+.{digits}f}"
    return f"{shown_before:.{digits}f}", f"{shown_after:.{digits}f}", difference


def percent_text(change: float) -> str:
    """A change in %, with a decimal where rounding would carry it to or from a reference line
    ("-19.6%", never "-20%" without the line's mark)."""
    line = line_of(change)
    for digits in (0, 1, 2):
        text = f"{change + 0.0:+.{digits}f}"
        if line_of(float(text)) == line:
            break
    return f"{text}%"


def marked(change: float) -> str:
    """'-33% **': a change in %, marked where the fall reaches a reference line."""
    line = line_of(change)
    return percent_text(change) + (f" {MARKS[line]}" if line is not None else "")


def _days(count: int) -> str:
    return counted(count, "day")


def dates_text(first: date, last: date) -> str:
    """A dose period's dates, short: '1 Jun to 16 Sep 2026', '20 Dec 2025 to 3 Jan 2026'."""
    start = day_text(first)
    if first.year == last.year:
        start = start.rsplit(" ", 1)[0]
    return f"{start} to {day_text(last)}"


# -- small pieces --------------------------------------------------------------------------


def _when(moment: datetime | date) -> str:
    """A note's time: '2 Jun 2026 14:05' for an entry, '2 Jun 2026' for a dated event."""
    if isinstance(moment, datetime):
        return short_moment_text(moment)
    return day_text(moment)


def _who(figures: SummaryFigures, carer_id: CarerId | None) -> str:
    """Who entered a note or a share of the entries: the person, a carer or a former carer."""
    return enterer_name(figures.person, figures.carers, carer_id)


def _mean(value: float | None, days_text: str) -> str:
    if days_text.startswith("0 of "):
        return "not recorded"
    if value is None:
        return f"not enough entries ({days_text})"
    return f"{value:.1f} ({days_text})"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] = ()) -> str:
    """A table whose header row repeats at the top of each page it runs onto; cells are HTML;
    widths in % of the page, for some or all of the columns."""
    sized = [f' width="{w}%"' for w in widths] + [""] * (len(header) - len(widths))
    head = "".join(f"<th{w}>{escape(h)}</th>" for h, w in zip(header, sized, strict=True))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"{TABLE}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _injection_text(injection: ToxinInjection) -> str:
    units = "" if injection.total_units is None else f", {injection.total_units:g} units"
    return f"{day_text(injection.day)} ({injection.product.label}{units})"


def _overlap_text(overlap: Overlap) -> str:
    if overlap.medicine is None:
        return f"a botulinum toxin injection on {day_text(overlap.day)}"
    return f"the {overlap.medicine.name} change on {day_text(overlap.day)}"


def _change_text(c: ChangeComparison) -> str:
    """'Baclofen: 30 mg/day to 45 mg/day'."""
    return f"{c.medicine.name}: {total_text(c.medicine, c.old_total)} to " + total_text(
        c.medicine, c.new_total
    )


def _comparison_cells(c: ChangeComparison) -> list[str]:
    """Date, change, before, after, difference and % change, as the details table has them."""
    cells = [day_text(c.day), escape(_change_text(c))]
    if c.overlapping:
        named = "; ".join(_overlap_text(o) for o in c.overlaps)
        return [*cells, "-", "-", escape(f"not compared: overlaps {named}"), "-"]
    if c.before.value is None or c.after.value is None:
        return [
            *cells,
            _mean(c.before.value, c.before.days_text),
            _mean(c.after.value, c.after.days_text),
            "not enough entries",
            "-",
        ]
    before, after, difference = compared_text(c.before.value, c.after.value)
    percent = "-" if c.percent is None else marked(c.percent)
    return [
        *cells,
        f"{before} ({c.before.days_text})",
        f"{after} ({c.after.days_text})",
        difference,
        percent,
    ]


def _last_change_sentence(c: ChangeComparison) -> str:
    date_, change, before, after, difference, percent = _comparison_cells(c)
    lead = f"<b>Around the last dose change</b> ({date_}, {change}): "
    if c.overlapping:
        return f"<p>{lead}{difference}.</p>"
    if c.difference is None:
        return (
            f"<p>{lead}{BEFORE_TEXT} {before}, {AFTER_TEXT} {after}: not enough entries to "
            "compare.</p>"
        )
    return (
        f"<p>{lead}{BEFORE_TEXT} {before}; {AFTER_TEXT} {after}; difference {difference} "
        f"({percent}).</p>"
    )


def _reference_text() -> str:
    """The reference lines, as CLINICAL.md words them, with their marks."""
    lines = "; ".join(
        f"{MARKS[percent]} a fall of {percent}% or more: {meaning}"
        for percent, meaning in REFERENCE_LINES
    )
    return f"{lines}; for reference, not a verdict."


# -- doses ---------------------------------------------------------------------------------


def _taken_text(doses: MedicineDoses) -> str:
    """A medicine's doses taken in a period: '95%', 'not recorded', 'pump', 'imported'."""
    if doses.continuous:
        return "pump"
    percent = doses.percent_taken
    if percent is not None:
        text = f"{percent:.0f}%"
        return text + (" (and imported)" if doses.assumed else "")
    return "imported, assumed" if doses.assumed else "not recorded"


def _period_cells(row: PeriodRow) -> list[str]:
    period = row.period
    doses = "<br>".join(
        escape(f"{medicine.name} {total_text(medicine, total)}") for medicine, total in period.doses
    )
    mean = period.stiffness
    stiffness = (
        "not enough entries" if mean.value is None else f"<b>{mean.value:.1f}</b>"
    ) + f" ({mean.days_text.removesuffix(' days')})"
    effects = (
        f"{row.side_effect_days} ({row.side_effect_percent:.0f}%)"
        if row.side_effect_percent is not None
        else str(row.side_effect_days)
    )
    if len(row.doses) == 1:
        taken = _taken_text(row.doses[0])
    else:
        taken = "<br>".join(escape(f"{d.medicine.name} {_taken_text(d)}") for d in row.doses)
    return [
        f"{doses or 'no medicine recorded'}<br>{dates_text(period.first, period.last)}",
        stiffness,
        "-" if row.change is None else marked(row.change),
        effects,
        taken or "-",
    ]


PERIOD_HEADER = (
    "Dose period: daily dose and dates",
    "Mean stiffness (days scored)",
    "Change",
    "Days with side effects",
    "Doses taken",
)
PERIOD_WIDTHS = (31, 20, 13, 17, 19)


def _period_table(rows: Sequence[PeriodRow]) -> str:
    if not rows:
        return "<p>No days in the period.</p>"
    return _table(PERIOD_HEADER, [_period_cells(row) for row in rows], PERIOD_WIDTHS)


def _period_key(*, full: bool = False) -> str:
    more = (
        " Days with side effects: days with any, and their share of the days with an entry or "
        "a side effect. Doses taken: on time or late, of the scheduled doses recorded (daily "
        "totals from an imported spreadsheet left out)."
        if full
        else ""
    )
    return (
        '<p class="small">Change: from the dose period before, means compared unrounded. '
        f"{_reference_text()}{more}</p>"
    )


def _schedule_text(medicine: Medicine, regimen: Regimen | None) -> str:
    """The regimen with its dose times; an imported daily total has none to show."""
    if regimen is not None and is_imported(regimen) and not regimen.is_stopped:
        return (
            f"{total_text(medicine, regimen.daily_total)}, a daily total from an imported "
            "spreadsheet (dose times not known)"
        )
    return regimen_text(medicine, regimen)


def _doses_text(doses: MedicineDoses, figures: SummaryFigures) -> str:
    """The whole period's doses of a medicine, in words."""
    if doses.continuous:
        refills = [
            day_text(r.refill_date) for r in figures.refills if r.medicine_id == doses.medicine.id
        ]
        text = "continuous infusion, no doses to record"
        return text + (f"; refilled {', '.join(refills)}" if refills else "")
    counts = doses.counts
    parts = []
    if doses.percent_taken is not None:
        taken = doses.observed - counts.missed
        parts.append(
            f"{doses.percent_taken:.0f}% taken ({taken} of {doses.observed} recorded"
            + (f", {counts.late} of them late" if counts.late else "")
            + f"), {counts.missed} missed"
        )
    if doses.assumed:
        parts.append(f"{doses.assumed} {IMPORTED_DOSES}")
    parts.append(f"{counts.not_recorded} not recorded")
    if counts.extra:
        parts.append(counted(counts.extra, "extra dose"))
    return "; ".join(parts)


def _regimen_on(figures: SummaryFigures, medicine: Medicine) -> Regimen | None:
    return next((r for m, r in figures.regimen_now if m == medicine), None)


def _medicines_table(figures: SummaryFigures) -> str:
    if not figures.medicine_doses:
        return "<p>No medicine recorded in the period.</p>"
    return _table(
        ("Medicine", f"Schedule on {day_text(figures.last)}", "Doses in the period"),
        [
            [
                escape(d.medicine.name),
                escape(_schedule_text(d.medicine, _regimen_on(figures, d.medicine))),
                escape(_doses_text(d, figures)),
            ]
            for d in figures.medicine_doses
        ],
    )


# -- side effects and events ---------------------------------------------------------------


def _side_effect_table(rows: Sequence[SideEffectRow], *, short: bool = False) -> str:
    """The side effects with their days, share of the days logged and worst severity; short
    headers where the table has half the page."""
    if not rows:
        return "<p><b>Side effects:</b> none reported.</p>"
    return _table(
        ("Side effect", "Days", "% of days logged", "Worst")
        if short
        else ("Side effect", "Days reported", "Share of the days logged", "Worst"),
        [
            [
                escape(r.label),
                _days(r.days),
                f"{r.percent_of_logged_days:.0f}%",
                escape(r.worst.label),
            ]
            for r in rows
        ],
    )


def _events_sentence(figures: SummaryFigures) -> str:
    counts = ", ".join(f"{kind.label} {count}" for kind, count in figures.event_counts)
    text = (
        f"<b>Events and triggers:</b> {escape(counts)}"
        if counts
        else ("<b>Events and triggers:</b> none recorded")
    )
    if figures.injections:
        shots = "; ".join(escape(_injection_text(i)) for i in figures.injections)
        text += f". <b>Botulinum toxin injections:</b> {shots}"
    more = " (dates in the details)" if counts else ""
    return f"<p>{text}{more}.</p>"


# -- the whole summary ---------------------------------------------------------------------


def _header(f: SummaryFigures) -> list[str]:
    p = f.person
    about = []
    if p.date_of_birth:
        about.append(f"Born {day_text(p.date_of_birth)}")
    if p.hospital_number.strip():
        about.append(f"Hospital or NHS number: {escape(p.hospital_number.strip())}")
    if p.condition is not Condition.OTHER:
        about.append(escape(p.condition.label))
    who = (
        ", ".join(f"{escape(_who(f, s.entered_by))} {s.percent:.0f}%" for s in f.shares) or "nobody"
    )
    period = (
        f"Period {period_text(f.first, f.last)} ({_days(f.days)}): <b>entries on "
        f"{f.days_with_entries} of {_days(f.days)}</b>, entered by {who} &middot; produced "
        f"{day_text(f.produced)} with {APP_NAME}; patient-reported, no dose advice is given."
    )
    parts = [f"<h1>Spasticity summary: {escape(p.name)}</h1>"]
    if about:
        parts.append("<p>" + " &middot; ".join(about) + "</p>")
    parts.append(f"<p>{period}</p>")
    return parts


def _headline(f: SummaryFigures) -> str:
    """The period's headline figures, each on a line of its own."""
    median = f", median {f.stiffness_median:g}" if f.stiffness_median is not None else ""
    if f.stiffness.value is not None and f.previous.value is not None:
        before, now, difference = compared_text(f.previous.value, f.stiffness.value)
        stiffness = (
            f"<b>{now}</b> ({f.stiffness.days_text}){median}; the {_days(f.days)} before: "
            f"{before} ({f.previous.days_text}); difference {difference}"
        )
    else:
        stiffness = (
            f"<b>{_mean(f.stiffness.value, f.stiffness.days_text)}</b>{median}; the "
            f"{_days(f.days)} before: {_mean(f.previous.value, f.previous.days_text)}"
        )
    spasms = (
        "; ".join(
            f"{level} {escape(PENN_SHORT[level].lower())} {days}"
            for level, days in enumerate(f.spasm_days)
            if days
        )
        or "not recorded"
    )
    severity = (
        ", ".join(
            f"{escape(label.lower())} {days}"
            for label, days in zip(SPASM_SEVERITY, f.spasm_severity_days, strict=True)
            if days
        )
        or "not recorded"
    )
    lines = [
        f"<b>Mean stiffness</b> ({NRS}): {stiffness}.",
        f"<b>Spasm frequency</b> ({PENN}), days at the day's highest: {spasms}. "
        f"<b>Spasm severity</b>, days at the day's worst: {severity}.",
        f"<b>Mean pain</b> ({NRS}): {_mean(f.pain.value, f.pain.days_text)}. "
        f"<b>Mean sleep disruption</b> ({NRS}): {_mean(f.sleep.value, f.sleep.days_text)}.",
    ]
    return "".join(f"<p>{line}</p>" for line in lines)


def _and(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def days_text(days: Sequence[date]) -> str:
    """Days written short: '2, 4 and 6 Mar 2026', '27 Feb and 1 Mar 2026'."""
    years: dict[int, dict[int, list[int]]] = {}
    for day in sorted(set(days)):
        years.setdefault(day.year, {}).setdefault(day.month, []).append(day.day)
    return ", ".join(
        _and([f"{_and([str(d) for d in ds])} {MONTHS[month - 1]}" for month, ds in months.items()])
        + f" {year}"
        for year, months in years.items()
    )


def _cautions(f: SummaryFigures) -> str:
    if not f.cautions:
        return "<p><b>Cautions in the period:</b> none.</p>"
    # The same caution raised on several days (a missed day each week) is listed once.
    days: dict[str, list[date]] = {}
    for caution in f.cautions:
        days.setdefault(caution.title, []).extend([caution.day] if caution.day else [])
    items = "".join(
        f"<li>{escape(f'{days_text(when)}: {title}' if when else title)}</li>"
        for title, when in days.items()
    )
    return (
        "<p><b>Cautions in the period</b> (in full in the details):</p>"
        f'<ul style="margin-top: 0px; margin-bottom: 0px">{items}</ul>'
    )


def _page_one(
    f: SummaryFigures, chart_uri: str | None, chart_width: int, room: PageOne
) -> list[str]:
    parts = _header(f)
    parts.append(_headline(f))
    if chart_uri:
        parts.append(
            f'<p><img src="{escape(chart_uri)}" width="{chart_width}"><br>'
            f'<span class="small">Dots: daily stiffness. Line: 7-day mean ({ENOUGH_TEXT}). '
            "Steps: daily dose.</span></p>"
        )
    recent = f.period_rows[-room.rows :]
    more = " (the latest; all in the details)" if len(recent) < len(f.period_rows) else ""
    if more:
        parts.append(f"<p><b>Dose periods{more}:</b></p>")
    parts.append(_period_table(recent))
    parts.append(_period_key())
    if f.comparisons:
        parts.append(_last_change_sentence(f.comparisons[-1]))
    parts.append(_cautions(f))
    parts.append(_medicines_table(f))
    # Side effects beside events and questions: two short columns rather than one long one.
    page_one_effects = f.side_effects_on_page_one(room.side_effects)
    more = (
        f", severe first (all {len(f.side_effects)} in the details)"
        if len(page_one_effects) < len(f.side_effects)
        else ""
    )
    left = (f"<p><b>Side effects{more}:</b></p>" if more else "") + _side_effect_table(
        page_one_effects, short=True
    )
    right = (_cycle_sentence(f) if room.cycle else "") + _events_sentence(f)
    questions = f.questions.strip()
    if questions:
        short = (
            questions
            if len(questions) <= room.questions
            else (questions[: room.questions].rsplit(" ", 1)[0] + " ... (all in the details)")
        )
        if not room.questions:
            short = "in the details"
        right += (
            "<p><b>Questions for the appointment:</b> "
            + escape(short).replace("\n", "<br>")
            + "</p>"
        )
    parts.append(
        '<table width="100%" border="0" cellspacing="0" cellpadding="0" '
        'style="margin-top: 6px"><tr>'
        f'<td width="57%" valign="top">{left}</td><td width="3%"></td>'
        f'<td width="40%" valign="top">{right}</td></tr></table>'
    )
    return parts


def _signed(rating: int) -> str:
    return f"+{rating}" if rating > 0 else ("0" if rating == 0 else f"\N{MINUS SIGN}{-rating}")


def _has_cycle(f: SummaryFigures) -> bool:
    cycle = f.cycle
    return cycle is not None and (
        cycle.last is not None or cycle.check_in is not None or bool(cycle.falls)
    )


def _cycle_sentence(f: SummaryFigures) -> str:
    """Page 1: the impression of change, the goals' ratings and falls, in one paragraph."""
    cycle = f.cycle
    if cycle is None or not _has_cycle(f):
        return ""
    since = "" if cycle.last is None else f" ({day_text(cycle.last.day)})"
    parts = []
    if cycle.check_in is not None:
        pgic = cycle.check_in.pgic
        parts.append(f"impression of change {pgic} of 7, {PGIC_LABELS[pgic].lower()}")
    goals = cycle.goals_to_rate
    if goals:
        ratings = [_signed(g.rating) for g in goals if g.rating is not None]
        rated = f" rated {' / '.join(ratings)}" if ratings else " not rated yet"
        parts.append(f"{counted(len(goals), 'goal')}{rated}")
    falls = sorted(fall.start_date for fall in cycle.falls)
    parts.append(f"{counted(len(falls), 'fall')}" + (f" ({days_text(falls)})" if falls else ""))
    return (
        f"<p><b>Since the last appointment{since}:</b> {escape(_and(parts))} "
        "(all in the details).</p>"
    )


def _cycle_details(f: SummaryFigures) -> list[str]:
    """The appointment cycle: the last appointment, its scores and goals, the check-in, falls."""
    cycle = f.cycle
    if cycle is None or not _has_cycle(f):
        return []
    parts = ["<h2>The appointment cycle</h2>"]
    last = cycle.last
    if last is not None:
        who = ", ".join(escape(x) for x in (last.clinician, last.service) if x)
        parts.append(
            f"<p><b>Last appointment:</b> {weekday_text(last.day)}"
            + (f", {who}" if who else "")
            + (
                f". <b>Next:</b> {weekday_text(cycle.next_day)}"
                if cycle.next_day is not None
                else ""
            )
            + ".</p>"
        )
        if last.notes:
            parts.append("<p><b>Decided:</b> " + escape(last.notes).replace("\n", "<br>") + "</p>")
        if last.ashworth:
            parts.append("<p><b>Modified Ashworth scores (from the clinic letter):</b></p>")
            parts.append(
                _table(
                    ("Muscle", "Side", "Score"),
                    [
                        [escape(a.muscle), a.side.label, escape(a.score.value)]
                        for a in last.ashworth
                    ],
                )
            )
        if last.goals:
            parts.append("<p><b>Goals agreed, and how they went (\N{MINUS SIGN}2 to +2):</b></p>")
            parts.append(
                _table(
                    ("Goal", "Expected outcome", "Rating", "Rated on"),
                    [
                        [
                            escape(g.text),
                            escape(g.expected),
                            "not rated"
                            if g.rating is None
                            else f"{_signed(g.rating)}: {GAS_LABELS[g.rating].lower()}",
                            "" if g.rated_on is None else day_text(g.rated_on),
                        ]
                        for g in last.goals
                    ],
                )
            )
    check_in = cycle.check_in
    parts.append(
        f"<p><b>{escape(PGIC_QUESTION)}</b> "
        + (
            "not answered."
            if check_in is None
            else f"{check_in.pgic}: {PGIC_LABELS[check_in.pgic].lower()} "
            f"({day_text(check_in.day)}, entered by {escape(_who(f, check_in.entered_by))})."
        )
        + "</p>"
    )
    falls = sorted(fall.start_date for fall in cycle.falls)
    parts.append(
        "<p><b>Falls since the last appointment:</b> "
        + (f"{len(falls)}: {days_text(falls)}." if falls else "none recorded.")
        + "</p>"
    )
    return parts


def _details_heading() -> list[str]:
    return [f'<h1 style="page-break-before: always">{DETAILS}</h1>']


def _details(f: SummaryFigures) -> list[str]:
    questions = f.questions.strip()
    parts = _details_heading()
    parts.append("<h2>Questions for the appointment</h2>")
    parts.append("<p>" + (escape(questions).replace("\n", "<br>") or "None written.") + "</p>")
    parts += _cycle_details(f)
    parts.append("<h2>Cautions in the period</h2>")
    if f.cautions:
        items = "".join(
            f"<li><b>{escape(c.dated_title)}</b>: {escape(c.text)}</li>" for c in f.cautions
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p>None.</p>")
    parts.append("<h2>Dose periods</h2>")
    parts.append(_period_table(f.period_rows))
    parts.append(_period_key(full=True))
    parts.append("<h2>Around each dose change</h2>")
    parts.append(
        f"<p>Mean stiffness in {BEFORE_TEXT} each change against days {AFTER_FIRST_DAY} to "
        f"{AFTER_LAST_DAY} counting the change day as day 1 (days 1 to {AFTER_FIRST_DAY - 1} "
        "are a transition); another change or a botulinum toxin injection inside the windows "
        "makes the comparison overlap, and it is not made. The marks are those of the dose "
        "periods.</p>"
    )
    if f.comparisons:
        parts.append(
            _table(
                ("Date", "Change", "Before", AFTER_TEXT.capitalize(), "Difference", "% change"),
                [_comparison_cells(c) for c in f.comparisons],
            )
        )
    else:
        parts.append("<p>No dose changes in the period.</p>")
    parts.append("<h2>Regimen</h2>")
    parts.append(
        _table(
            ("Medicine", f"In force on {day_text(f.last)}"),
            [[escape(m.name), escape(_schedule_text(m, r))] for m, r in f.regimen_now],
        )
    )
    parts.append("<h2>Doses</h2>")
    parts.append(_medicines_table(f))
    a = f.adherence
    if a.counts.scheduled:
        parts.append(
            f"<p>Whole days with every scheduled dose missed: {a.whole_days_missed}. Longest "
            f"run of missed doses: {a.longest_missed_run}.</p>"
        )
    if f.changes:
        parts.append("<h2>Dose changes</h2>")
        parts.append(
            _table(
                ("Date", "Medicine", "From", "To"),
                [
                    [
                        day_text(c.day),
                        escape(c.medicine.name),
                        escape(total_text(c.medicine, c.old_total)),
                        escape(total_text(c.medicine, c.new_total)),
                    ]
                    for c in f.changes
                ],
            )
        )
    if f.time_of_day:
        parts.append("<h2>Stiffness by time of day</h2>")
        parts.append(
            _table(
                ("Part of the day", "Hours", "Median", "Middle half", "Entries"),
                [
                    [
                        p.name,
                        f"{p.start:%H:%M} to {p.end:%H:%M}",
                        "" if p.median is None else f"{p.median:g}",
                        "" if p.low is None or p.high is None else f"{p.low:g} to {p.high:g}",
                        str(p.entries),
                    ]
                    for p in f.time_of_day
                ],
            )
        )
        parts.append(
            '<p class="small">Stiffness 0-10 of the entries made in each part of the day: the '
            "median, and the middle half of the scores (from the first to the third quartile)."
            "</p>"
        )
    parts.append("<h2>Side effects</h2>")
    parts.append(_side_effect_table(f.side_effects))
    parts.append("<h2>Events and triggers</h2>")
    if f.events:
        parts.append(
            _table(
                ("Dates", "Event", "Note"),
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
            )
        )
    else:
        parts.append("<p>None recorded.</p>")
    parts.append("<h2>Botulinum toxin injections</h2>")
    parts.append(
        _table(
            ("Date", "Product", "Total units", "Muscles", "Given by"),
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
        )
        if f.injections
        else "<p>None in the period.</p>"
    )
    if f.refills:
        parts.append("<h2>Pump refills</h2>")
        names = {m.id: m.name for m, _ in f.regimen_now}
        parts.append(
            _table(
                ("Date", "Pump", "Next due"),
                [
                    [
                        day_text(r.refill_date),
                        escape(names.get(r.medicine_id, "")),
                        day_text(r.next_due),
                    ]
                    for r in f.refills
                ],
            )
        )
    parts.append("<h2>Appointments</h2>")
    parts.append(
        _table(
            ("Date", "Clinician", "Service", "Decided", "Next"),
            [
                [
                    day_text(x.day),
                    escape(x.clinician),
                    escape(x.service),
                    escape(x.notes),
                    "" if x.next_day is None else day_text(x.next_day),
                ]
                for x in f.appointments
            ],
        )
        if f.appointments
        else "<p>None in the period.</p>"
    )
    parts.append("<h2>Notes</h2>")
    parts.append(
        _table(
            ("When", "Entered by", "Note"),
            [
                [_when(n.when), escape(_who(f, n.entered_by)), escape(n.text).replace("\n", "<br>")]
                for n in f.notes
            ],
        )
        if f.notes
        else "<p>No notes in the period.</p>"
    )
    return parts


def summary_html(
    figures: SummaryFigures,
    chart_uri: str | None,
    chart_width: int,
    room: PageOne = PAGE_ONE[0],
    details: bool = True,
) -> str:
    """The whole summary; chart_uri names the chart image, chart_width is in layout pixels;
    room says how much of the long lists page 1 holds. Without details, page 1 is followed
    by the details' heading alone (enough to see whether page 1 fits one page)."""
    parts = [f"<html><head><style>{STYLE}</style></head><body>"]
    parts += _page_one(figures, chart_uri, chart_width, room)
    parts += _details(figures) if details else _details_heading()
    parts.append("</body></html>")
    return "".join(parts)
