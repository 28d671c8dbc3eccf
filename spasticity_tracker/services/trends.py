"""The data behind the Trends page: every series from the first record to today, computed once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from spasticity_tracker.domain.entities import (
    Event,
    Medicine,
    MedicineId,
    PersonId,
    Regimen,
    ToxinInjection,
)
from spasticity_tracker.domain.scales import Severity
from spasticity_tracker.domain.series import (
    DoseChangeMark,
    DoseStep,
    EventSpan,
    ReportedEffect,
    ScoredEntry,
    daily_means_of,
    days_between,
    dose_change_marks,
    dose_steps,
    event_spans,
    rolling_mean,
    side_effect_lanes,
)
from spasticity_tracker.domain.time_of_day import Scored
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.diary import local_day_bounds

EMPTY_DAYS = 30  # what an empty diary shows: the last month


@dataclass(frozen=True)
class TrendData:
    """Ready series for the chart, one value per day from first to last (None: no value)."""

    first: date
    last: date
    days: list[date]
    stiffness: list[float | None]
    rolling: list[float | None]
    pain: list[float | None]
    sleep: list[float | None]
    spasms: list[float | None]
    medicines: list[Medicine]
    steps: dict[MedicineId, list[DoseStep]]
    marks: list[DoseChangeMark]
    events: list[EventSpan]
    side_effects: dict[str, list[tuple[date, Severity]]]
    appointments: list[date]
    injections: list[ToxinInjection]  # botulinum toxin, up to today
    # Every entry's local moment and stiffness, oldest first: stiffness by time of day.
    scored: list[Scored] = field(default_factory=list)


class TrendsService(Service):
    """Series for the Trends page."""

    def trend_data(self, person_id: PersonId, since: date | None = None) -> TrendData:
        """All of a person's history as daily series, up to today.

        With `since`, only the entries from that day on are read, and the days before it
        have no scores; the series cover the same days. A printed period of 3 months needs
        only its own days and the week before them, not 10 years of entries.
        """
        last = self.today()
        start = None if since is None else local_day_bounds(since)[0]
        with self._db.unit_of_work() as uow:
            entries = uow.entries.scores_for(person_id, start)
            earliest = uow.entries.earliest(person_id) if since is not None else None
            medicines = uow.medicines.list_for(person_id)
            regimens = uow.regimens.list_for_person(person_id)
            events = uow.events.list_for(person_id)
            reports = uow.side_effects.marks_for(person_id)
            appointments = uow.appointments.days_for(person_id)
            injections = uow.injections.list_for(person_id, last=last)
        if since is None and entries:
            earliest = entries[-1].recorded_at  # entries come newest first
        starts = [] if earliest is None else [earliest.astimezone().date()]
        starts += [r.start_date for r in regimens[:1]]
        starts += [i.day for i in injections[:1]]
        first = min(starts, default=last - timedelta(days=EMPTY_DAYS - 1))
        return trend_data(
            min(first, last),
            last,
            entries=entries,
            medicines=medicines,
            regimens=regimens,
            events=events,
            reports=reports,
            appointments=[day for day in appointments if day <= last],
            injections=injections,
        )


def trend_data(
    first: date,
    last: date,
    *,
    entries: Sequence[ScoredEntry] = (),
    medicines: Sequence[Medicine] = (),
    regimens: Sequence[Regimen] = (),
    events: Sequence[Event] = (),
    reports: Sequence[ReportedEffect] = (),
    appointments: Sequence[date] = (),
    injections: Sequence[ToxinInjection] = (),
) -> TrendData:
    """Every series of the chart from first to last, computed once from the records."""
    # Each entry's local time, once: for its day, and for the stiffness by time of day.
    moments = [entry.recorded_at.astimezone() for entry in entries]
    stiffness, pain, sleep, spasms = daily_means_of(
        entries,
        first,
        last,
        (
            lambda e: e.stiffness,
            lambda e: e.pain,
            lambda e: e.sleep_disruption,
            lambda e: e.spasm_frequency,
        ),
        days=[moment.date() for moment in moments],
    )
    return TrendData(
        first=first,
        last=last,
        days=days_between(first, last),
        stiffness=stiffness,
        rolling=rolling_mean(stiffness),
        pain=pain,
        sleep=sleep,
        spasms=spasms,
        medicines=list(medicines),
        steps={m.id: dose_steps(m, regimens, first, last) for m in medicines if m.id},
        marks=dose_change_marks(medicines, regimens, first, last),
        events=event_spans(events, first, last),
        side_effects=side_effect_lanes(reports, first, last),
        appointments=list(appointments),
        injections=list(injections),
        scored=sorted(zip(moments, [entry.stiffness for entry in entries], strict=True)),
    )
