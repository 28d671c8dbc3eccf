"""The clinic summary's figures, computed from a period's records (pure Python, no Qt, no SQL).

Rules from CLINICAL.md, defined in domain/windows.py: a mean is shown only when at least 4 of
every 7 days have scores, otherwise "not enough entries"; every figure states the days behind
it. Around each dose change (day 1) the 14 days before are compared with days 4 to 17; another
change or an injection inside the windows makes the comparison "overlapping" instead of a
number. Means are compared unrounded against the 20 % and 30 % reference lines. Nothing is
called good or bad. Doses from an imported spreadsheet are counted apart: assumed taken, never
observed. The figures are values (medicines, daily totals, who entered); presentation/ words
them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from statistics import fmean, median

from spasticity_tracker.domain.cautions import Caution, period_cautions
from spasticity_tracker.domain.cycle import Cycle
from spasticity_tracker.domain.entities import (
    Appointment,
    Carer,
    CarerId,
    Event,
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    SideEffectReport,
    ToxinInjection,
)
from spasticity_tracker.domain.regimens import (
    Adherence,
    DoseLedger,
    RecordedDose,
    regimen_on,
)
from spasticity_tracker.domain.scales import (
    PENN_FREQUENCY,
    SPASM_SEVERITY,
    EventKind,
    Severity,
    side_effect_label,
)
from spasticity_tracker.domain.series import (
    DailyMeans,
    LoggedEntry,
    daily_means,
    days_between,
    entry_day,
)
from spasticity_tracker.domain.time_of_day import PartOfDay, logs_several_a_day, profile
from spasticity_tracker.domain.windows import (
    AFTER_DAYS,
    after_window,
    before_window,
    enough,
    line_reached,
    percent_change,
)

ByMedicine = dict[MedicineId | None, list[Regimen]]
DailyDoses = tuple[tuple[Medicine, float], ...]  # each medicine in force, with its daily total
PAGE_ONE_EFFECTS = 4  # side effects on page 1 besides the severe ones, most frequent first


@dataclass(frozen=True)
class Mean:
    """A mean over some days, with the days behind it; value None means not enough entries."""

    value: float | None
    days_with_scores: int
    days: int

    @classmethod
    def of(cls, values: Sequence[float | None]) -> Mean:
        present = [v for v in values if v is not None]
        shown = fmean(present) if present and enough(len(present), len(values)) else None
        return cls(shown, len(present), len(values))

    @property
    def days_text(self) -> str:
        return f"{self.days_with_scores} of {self.days} days"


@dataclass(frozen=True)
class DosePeriod:
    """A stretch of the period with the same daily doses, and the stiffness during it."""

    first: date
    last: date
    doses: DailyDoses  # in medicine order; () when no medicine is taken
    stiffness: Mean


@dataclass(frozen=True)
class DoseChange:
    """A medicine's regimen starting on a day of the period, with the daily totals it changed."""

    day: date
    medicine: Medicine
    old_total: float | None  # None: no regimen before; 0: stopped
    new_total: float  # 0: stopped


@dataclass(frozen=True)
class Overlap:
    """Something inside a comparison's windows: another dose change, or an injection."""

    day: date
    medicine: Medicine | None  # None: a botulinum toxin injection


@dataclass(frozen=True)
class ChangeComparison:
    """Mean stiffness in the 14 days before a dose change against its days 4-17."""

    day: date
    medicine: Medicine
    old_total: float  # 0: stopped (a comparison always has a regimen before)
    new_total: float
    before: Mean
    after: Mean
    overlapping: bool
    overlaps: tuple[Overlap, ...] = ()  # what makes it overlapping, by day

    @property
    def line_reached(self) -> int | None:
        """The reference line (20 or 30 %) the fall reaches, the means compared unrounded."""
        before, after = self.before.value, self.after.value
        if self.overlapping or before is None or after is None:
            return None
        return line_reached(before, after)

    @property
    def difference(self) -> float | None:
        if self.overlapping or self.before.value is None or self.after.value is None:
            return None
        return self.after.value - self.before.value

    @property
    def percent(self) -> float | None:
        difference = self.difference
        if difference is None or not self.before.value:
            return None
        return 100 * difference / self.before.value

    @property
    def status(self) -> str:
        """What to print instead of a number, or "" when there is a number."""
        if self.overlapping:
            return "overlaps another change"
        if self.difference is None:
            return "not enough entries"
        return ""


@dataclass(frozen=True)
class SideEffectRow:
    label: str
    days: int
    percent_of_logged_days: float
    worst: Severity


@dataclass(frozen=True)
class AdherenceFigures:
    counts: Adherence
    whole_days_missed: int
    longest_missed_run: int


@dataclass(frozen=True)
class MedicineDoses:
    """What was recorded of one medicine's scheduled doses over some days.

    ``assumed`` counts the doses among ``counts.taken`` that are daily totals from an
    imported spreadsheet: assumed taken, never observed, so left out of the percentage.
    """

    medicine: Medicine
    counts: Adherence
    assumed: int = 0

    @property
    def continuous(self) -> bool:
        """A pump: a rate per day, no doses to record."""
        return self.medicine.route.is_continuous

    @property
    def observed(self) -> int:
        """Scheduled doses recorded as taken, late or missed (not those assumed taken)."""
        return self.counts.taken - self.assumed + self.counts.late + self.counts.missed

    @property
    def percent_taken(self) -> float | None:
        """Doses taken (on time or late) in % of those recorded; None when none were."""
        if not self.observed:
            return None
        return 100 * (self.observed - self.counts.missed) / self.observed


@dataclass(frozen=True)
class PeriodRow:
    """A dose period as page 1 shows it: stiffness, side effects and doses in one row."""

    period: DosePeriod
    change: float | None  # % change in mean stiffness from the row before, unrounded
    line_reached: int | None  # the reference line (20 or 30 %) that fall reaches
    logged_days: int  # days with an entry or a side effect
    side_effect_days: int  # days with any side effect
    doses: tuple[MedicineDoses, ...]  # each medicine in force

    @property
    def side_effect_percent(self) -> float | None:
        if not self.logged_days:
            return None
        return 100 * self.side_effect_days / self.logged_days


@dataclass(frozen=True)
class Share:
    """Who entered the period's entries: the person (None) or a carer."""

    entered_by: CarerId | None
    entries: int
    percent: float


@dataclass(frozen=True)
class Note:
    when: datetime | date
    entered_by: CarerId | None
    text: str


@dataclass(frozen=True)
class SummaryInput:
    """Everything the figures are computed from (records may reach beyond the period)."""

    person: Person
    carers: Sequence[Carer]
    first: date
    last: date
    produced: date
    entries: Sequence[LoggedEntry]  # from 14 days before the previous period to the last day
    medicines: Sequence[Medicine]
    regimens: Sequence[Regimen]  # all of them
    doses: Sequence[RecordedDose]  # the period's
    side_effects: Sequence[SideEffectReport]  # the period's
    events: Sequence[Event]  # those touching the period
    appointments: Sequence[Appointment]  # the period's
    refills: Sequence[PumpRefill] = ()
    # Those of the change windows: from 14 days before the first day to day 17 of the last.
    injections: Sequence[ToxinInjection] = ()
    # Where the person was in the appointment cycle on the last day (its last appointment,
    # goals and ratings, check-in and falls since): None when nothing was recorded of it.
    cycle: Cycle | None = None


@dataclass(frozen=True)
class SummaryFigures:
    person: Person
    carers: list[Carer]  # to name who entered the notes and shares
    first: date
    last: date
    produced: date
    days_with_entries: int
    stiffness: Mean
    stiffness_median: float | None
    previous: Mean
    dose_periods: list[DosePeriod]
    comparisons: list[ChangeComparison]
    spasm_days: list[int]  # days at each Penn level 0-4 (the day's highest)
    pain: Mean
    sleep: Mean
    side_effects: list[SideEffectRow]
    adherence: AdherenceFigures
    regimen_now: list[tuple[Medicine, Regimen | None]]  # in force on the last day
    changes: list[DoseChange]  # in the period
    events: list[Event]
    appointments: list[Appointment]
    injections: list[ToxinInjection]  # the period's botulinum toxin injections
    notes: list[Note]
    shares: list[Share]
    cautions: list[Caution]
    questions: str = ""
    period_rows: list[PeriodRow] = field(default_factory=list)  # page 1's dose-period table
    medicine_doses: list[MedicineDoses] = field(default_factory=list)  # the whole period's
    spasm_severity_days: list[int] = field(default_factory=lambda: [0, 0, 0])  # mild..severe
    event_counts: list[tuple[EventKind, int]] = field(default_factory=list)
    refills: list[PumpRefill] = field(default_factory=list)  # the period's pump refills
    cycle: Cycle | None = None  # on the last day
    # Stiffness by part of the day, when the person logs several times a day (else empty).
    time_of_day: list[PartOfDay] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def side_effects_on_page_one(self, others: int = PAGE_ONE_EFFECTS) -> list[SideEffectRow]:
        """Every side effect whose worst was severe, then the most frequent others (up to
        `others`), each group most frequent first."""
        severe = [r for r in self.side_effects if r.worst is Severity.SEVERE]
        rest = [r for r in self.side_effects if r.worst is not Severity.SEVERE]
        return severe + rest[:others]

    @property
    def stiffness_change(self) -> float | None:
        if self.stiffness.value is None or self.previous.value is None:
            return None
        return self.stiffness.value - self.previous.value


def compute(data: SummaryInput) -> SummaryFigures:
    """Every figure of the clinic summary for the period data.first to data.last."""
    first, last = data.first, data.last
    length = (last - first).days + 1
    daily = DailyMeans(data.entries)
    scores = daily.between(first, last)
    in_period = [e for e in data.entries if first <= entry_day(e) <= last]
    previous_first = first - timedelta(days=length)
    previous = daily.between(previous_first, first - timedelta(days=1))
    present = [v for v in scores if v is not None]
    own: ByMedicine = {
        m.id: [r for r in data.regimens if r.medicine_id == m.id] for m in data.medicines
    }
    dose_periods = _dose_periods(data, scores, own)
    ledger = DoseLedger(
        data.medicines, data.regimens, data.doses, data.first, data.last, data.produced
    )
    rows = _period_rows(data, ledger, dose_periods)
    return SummaryFigures(
        person=data.person,
        carers=list(data.carers),
        first=first,
        last=last,
        produced=data.produced,
        days_with_entries=len({entry_day(e) for e in in_period}),
        stiffness=Mean.of(scores),
        stiffness_median=median(present) if present and enough(len(present), length) else None,
        previous=Mean.of(previous),
        dose_periods=dose_periods,
        comparisons=_comparisons(data, own, daily),
        spasm_days=_spasm_days(in_period),
        pain=Mean.of(daily_means(in_period, first, last, lambda e: e.pain)),
        sleep=Mean.of(daily_means(in_period, first, last, lambda e: e.sleep_disruption)),
        side_effects=_side_effect_rows(data, scores),
        adherence=AdherenceFigures(
            ledger.adherence(), ledger.whole_days_missed, ledger.longest_missed_run
        ),
        regimen_now=[(m, regimen_on(own[m.id], last)) for m in data.medicines],
        changes=[
            DoseChange(r.start_date, m, _total(_before(own[m.id], r)), r.daily_total)
            for m in data.medicines
            for r in own[m.id]
            if first <= r.start_date <= last
        ],
        events=sorted(data.events, key=lambda e: e.start_date),
        appointments=sorted(data.appointments, key=lambda a: a.day),
        cycle=data.cycle,
        time_of_day=_time_of_day(in_period),
        injections=sorted(
            (i for i in data.injections if first <= i.day <= last), key=lambda i: i.day
        ),
        notes=_notes(data, in_period),
        shares=_shares(in_period),
        cautions=period_cautions(
            data.person,
            data.medicines,
            data.regimens,
            data.doses,
            data.refills,
            first,
            last,
            data.produced,
        ),
        questions=data.person.questions,
        period_rows=rows,
        medicine_doses=[_whole(ledger, medicine, rows) for medicine in _taken(dose_periods)],
        spasm_severity_days=_spasm_severity_days(in_period),
        event_counts=_event_counts(data.events),
        refills=sorted(
            (r for r in data.refills if first <= r.refill_date <= last),
            key=lambda r: r.refill_date,
        ),
    )


def _total(regimen: Regimen | None) -> float | None:
    """A regimen's daily total (0 when stopped), or None when there is none."""
    return None if regimen is None else regimen.daily_total


def _in_force(data: SummaryInput, own: ByMedicine, day: date) -> DailyDoses:
    """The medicines taken on a day, each with its daily total, in medicine order."""
    regimens = [(m, regimen_on(own[m.id], day)) for m in data.medicines]
    return tuple((m, r.daily_total) for m, r in regimens if r is not None and not r.is_stopped)


def _before(regimens: Sequence[Regimen], regimen: Regimen) -> Regimen | None:
    earlier = [r for r in regimens if r.start_date < regimen.start_date]
    return max(earlier, key=lambda r: r.start_date, default=None)


def _dose_periods(
    data: SummaryInput, scores: list[float | None], own: ByMedicine
) -> list[DosePeriod]:
    cuts = sorted(
        {data.first}
        | {r.start_date for r in data.regimens if data.first < r.start_date <= data.last}
    )
    periods: list[DosePeriod] = []
    for index, start in enumerate(cuts):
        end = cuts[index + 1] - timedelta(days=1) if index + 1 < len(cuts) else data.last
        doses = _in_force(data, own, start)
        window = scores[(start - data.first).days : (end - data.first).days + 1]
        if periods and periods[-1].doses == doses:  # a change that kept the same totals
            merged = scores[(periods[-1].first - data.first).days : (end - data.first).days + 1]
            periods[-1] = DosePeriod(periods[-1].first, end, doses, Mean.of(merged))
        else:
            periods.append(DosePeriod(start, end, doses, Mean.of(window)))
    return periods


def _comparisons(data: SummaryInput, own: ByMedicine, daily: DailyMeans) -> list[ChangeComparison]:
    # Any start or change of any medicine (another medicine's change on the same day too), or
    # a botulinum toxin injection, inside either window makes a comparison overlap.
    changes = sorted(
        {(r.start_date, m) for m in data.medicines for r in own[m.id]},
        key=lambda change: (change[0], data.medicines.index(change[1])),
    )
    injection_days = sorted({injection.day for injection in data.injections})
    comparisons = []
    for medicine in data.medicines:
        regimens = sorted(own[medicine.id], key=lambda r: r.start_date)
        for previous, regimen in pairwise(regimens):
            day = regimen.start_date
            if not data.first <= day <= data.last:
                continue
            before_first, before_last = before_window(day)
            after_first, after_last = after_window(day)
            before = daily.between(before_first, before_last)
            after = daily.between(after_first, min(after_last, data.produced))
            after += [None] * (AFTER_DAYS - len(after))  # days not yet come
            # The transition days between the windows count too: a change there confounds.
            overlaps = [
                Overlap(other, changed)
                for other, changed in changes
                if before_first <= other <= after_last and (other, changed) != (day, medicine)
            ]
            overlaps += [
                Overlap(other, None)
                for other in injection_days
                if before_first <= other <= after_last
            ]
            comparisons.append(
                ChangeComparison(
                    day=day,
                    medicine=medicine,
                    old_total=previous.daily_total,
                    new_total=regimen.daily_total,
                    before=Mean.of(before),
                    after=Mean.of(after),
                    overlapping=bool(overlaps),
                    overlaps=tuple(sorted(overlaps, key=lambda o: o.day)),
                )
            )
    return sorted(comparisons, key=lambda c: c.day)


def _taken(periods: Sequence[DosePeriod]) -> list[Medicine]:
    """The medicines in force on some day of the periods, in medicine order."""
    seen: list[Medicine] = []
    for period in periods:
        seen += [m for m, _ in period.doses if m not in seen]
    return seen


def _doses(ledger: DoseLedger, medicine: Medicine, first: date, last: date) -> MedicineDoses:
    """One medicine's scheduled doses from first to last, imported daily totals apart."""
    assert medicine.id is not None
    counts = ledger.adherence(medicine.id, first, last)
    return MedicineDoses(medicine, counts, ledger.assumed(medicine.id, first, last))


def _whole(ledger: DoseLedger, medicine: Medicine, rows: Sequence[PeriodRow]) -> MedicineDoses:
    """A medicine's doses over the whole period: its dose periods' added up (they cover every
    day it was taken), with the extra doses of any day."""
    assert medicine.id is not None
    own = [d for row in rows for d in row.doses if d.medicine == medicine]
    counts = Adherence(
        taken=sum(d.counts.taken for d in own),
        late=sum(d.counts.late for d in own),
        missed=sum(d.counts.missed for d in own),
        not_recorded=sum(d.counts.not_recorded for d in own),
        extra=ledger.adherence(medicine.id).extra,
    )
    return MedicineDoses(medicine, counts, sum(d.assumed for d in own))


def _period_rows(
    data: SummaryInput, ledger: DoseLedger, periods: Sequence[DosePeriod]
) -> list[PeriodRow]:
    entry_days = {entry_day(e) for e in data.entries}
    effect_days = {report.day for report in data.side_effects}
    rows = []
    previous: Mean | None = None
    for period in periods:
        days = set(days_between(period.first, period.last))
        now = period.stiffness.value
        before = previous.value if previous is not None else None
        rows.append(
            PeriodRow(
                period=period,
                change=None if now is None or before is None else percent_change(before, now),
                line_reached=None if now is None or before is None else line_reached(before, now),
                logged_days=len(days & (entry_days | effect_days)),
                side_effect_days=len(days & effect_days),
                doses=tuple(
                    _doses(ledger, medicine, period.first, period.last)
                    for medicine, _ in period.doses
                ),
            )
        )
        previous = period.stiffness
    return rows


def _spasm_severity_days(entries: Sequence[LoggedEntry]) -> list[int]:
    """Days at each spasm severity (mild, moderate, severe), the day's worst."""
    worst: dict[date, int] = {}
    for entry in entries:
        if entry.spasm_severity is not None:
            day = entry_day(entry)
            worst[day] = max(worst.get(day, 0), entry.spasm_severity)
    counts = Counter(worst.values())
    return [counts.get(level, 0) for level in range(1, len(SPASM_SEVERITY) + 1)]


def _event_counts(events: Sequence[Event]) -> list[tuple[EventKind, int]]:
    """How many events of each kind touch the period, in the order of the kinds."""
    counts = Counter(event.kind for event in events)
    return [(kind, counts[kind]) for kind in EventKind if counts[kind]]


def _spasm_days(entries: Sequence[LoggedEntry]) -> list[int]:
    highest: dict[date, int] = {}
    for entry in entries:
        if entry.spasm_frequency is not None:
            day = entry_day(entry)
            highest[day] = max(highest.get(day, 0), entry.spasm_frequency)
    counts = Counter(highest.values())
    return [counts.get(level, 0) for level in range(len(PENN_FREQUENCY))]


def _side_effect_rows(data: SummaryInput, scores: list[float | None]) -> list[SideEffectRow]:
    logged = len(
        {e.day for e in data.side_effects}
        | {
            day
            for day, s in zip(days_between(data.first, data.last), scores, strict=True)
            if s is not None
        }
    )
    days: dict[str, set[date]] = {}
    worst: dict[str, Severity] = {}
    for report in data.side_effects:
        days.setdefault(report.effect, set()).add(report.day)
        if report.effect not in worst or report.severity.value > worst[report.effect].value:
            worst[report.effect] = report.severity
    rows = [
        SideEffectRow(
            label=side_effect_label(effect),
            days=len(effect_days),
            percent_of_logged_days=100 * len(effect_days) / logged if logged else 0.0,
            worst=worst[effect],
        )
        for effect, effect_days in days.items()
    ]
    return sorted(rows, key=lambda row: (-row.days, row.label))


def _notes(data: SummaryInput, entries: Sequence[LoggedEntry]) -> list[Note]:
    notes = [
        Note(e.recorded_at.astimezone(), e.entered_by, e.note) for e in entries if e.note.strip()
    ]
    notes += [
        Note(e.start_date, e.entered_by, f"{e.kind.label}: {e.note}")
        for e in data.events
        if e.note.strip()
    ]
    return sorted(notes, key=_note_order)


def _note_order(note: Note) -> tuple[date, time]:
    """By day, then time of day (a dated event note first in its day)."""
    if isinstance(note.when, datetime):
        return note.when.date(), note.when.time()
    return note.when, time.min


def _shares(entries: Sequence[LoggedEntry]) -> list[Share]:
    counts = Counter(e.entered_by for e in entries)
    total = sum(counts.values())
    return [Share(by, n, 100 * n / total) for by, n in sorted(counts.items(), key=lambda i: -i[1])]


def _time_of_day(entries: Sequence[LoggedEntry]) -> list[PartOfDay]:
    scored = [(entry.recorded_at.astimezone(), entry.stiffness) for entry in entries]
    return profile(scored) if logs_several_a_day(scored) else []
