"""The spreadsheet diary format (CSV): read with every problem listed, and written back.

One row per entry (several a day allowed, each with a time). Column names are case-insensitive
and in any order; unknown columns are reported and ignored. A blank cell means not recorded.
`<medicine>_mg` is that medicine's total daily oral dose, `<medicine>_mcg` a pump rate in
mcg/day; a value that differs from the previous row's is a dose change on that date.

Numbers, dates and times are read strictly (ASCII digits, a dot for decimals, `YYYY-MM-DD`,
`HH:MM`): a lenient reader takes "1,000" for 1 and "1_5" for 15. A cell a spreadsheet would run
as a formula is written behind a quote (OWASP), which the reader removes again.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, time

from spasticity_tracker.domain.entities import NAME_MAX, NOTE_MAX
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.scales import SIDE_EFFECTS, DoseUnit, EventKind, Severity
from spasticity_tracker.domain.validation import EARLIEST_DATE

KNOWN = (
    "date",
    "time",
    "stiffness",
    "spasm_frequency",
    "spasm_severity",
    "pain",
    "sleep_disruption",
    "side_effects",
    "events",
    "notes",
    "entered_by",
)
SCORES = {
    "stiffness": (0, 10),
    "spasm_frequency": (0, 4),
    "spasm_severity": (1, 3),
    "pain": (0, 10),
    "sleep_disruption": (0, 10),
}
DOSE_COLUMN = re.compile(r"^(?P<name>[a-z0-9][a-z0-9_:+. -]*?)_(?P<unit>mg|mcg)$")
UNITS = {"mg": DoseUnit.MG, "mcg": DoseUnit.MCG_PER_DAY}
EFFECT_KEYS = {key: key for key, _ in SIDE_EFFECTS} | {
    label.casefold(): key for key, label in SIDE_EFFECTS
}
# An event by its name in the file, its label, or a word a person would write for it.
EVENT_KEYS = (
    {kind.value: kind for kind in EventKind}
    | {kind.label.casefold(): kind for kind in EventKind}
    | {
        "uti": EventKind.INFECTION,
        "bladder": EventKind.BLADDER_BOWEL,
        "bowel": EventKind.BLADDER_BOWEL,
        "skin": EventKind.PRESSURE_SORE,
        "pressure sore": EventKind.PRESSURE_SORE,
        "temperature": EventKind.TEMPERATURE,
        "tight clothing": EventKind.CLOTHING,
        "splints": EventKind.CLOTHING,
    }
)
MOST_PROBLEMS_SHOWN = 200
LONGEST_SHOWN = 60  # characters of a cell quoted in a problem

# ASCII only: in a str pattern \d would match Arabic-Indic and full-width digits too.
WHOLE = re.compile(r"[0-9]{1,20}")  # int() of thousands of digits raises
DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DAY_FIRST = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})")
# A cell starting with one of these is run by a spreadsheet (OWASP, "CSV injection").
RUNNABLE_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


class CsvImportError(TrackerError):
    """The file cannot be imported; the message lists every problem, one a line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MOST_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        tail = [f"... and {more} more problems"] if more else []
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"Nothing was imported: the file has {count}.\n" + "\n".join(shown + tail))


@dataclass(frozen=True)
class DoseColumn:
    """A `<medicine>_mg` or `<medicine>_mcg` column."""

    column: str
    medicine: str  # as a person would write it: "Baclofen", "Baclofen pump"
    unit: DoseUnit


@dataclass(frozen=True)
class CsvRow:
    """One row of the diary, checked."""

    line: int  # the row's number in the file, the header being row 1
    day: date
    at: time | None
    scores: dict[str, int | None]
    side_effects: tuple[tuple[str, Severity], ...]
    notes: str
    entered_by: str  # "" for the person themself (or the import's default)
    doses: dict[str, float]  # column -> amount, only where the cell is filled
    events: tuple[EventKind, ...] = ()  # on the row's day

    @functools.cached_property  # asked twice a row while placing a file's rows
    def has_symptoms(self) -> bool:
        return any(value is not None for value in self.scores.values()) or bool(self.notes)


@dataclass(frozen=True)
class CsvDiary:
    rows: list[CsvRow]
    dose_columns: list[DoseColumn]
    unknown_columns: list[str]


def medicine_name(prefix: str) -> str:
    """`baclofen_pump` -> "Baclofen pump"."""
    words = prefix.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def column_prefix(name: str) -> str:
    """`Baclofen (intrathecal pump)` -> `baclofen_intrathecal_pump`: letters, digits and _."""
    return "_".join(re.findall(r"[a-z0-9]+", name.casefold())) or "medicine"


def guard_cell(cell: str) -> str:
    """The cell behind a quote when a spreadsheet would run it as a formula (OWASP).

    A cell that already starts with quotes before such a character gets one more, so that
    reading always removes exactly the quote written here and every text round-trips.
    """
    return GUARD + cell if _runnable(cell) else cell


def unguard_cell(cell: str) -> str:
    """The cell as it was before guard_cell: one quote removed where guard_cell added it."""
    return cell[1:] if cell.startswith(GUARD) and _runnable(cell[1:]) else cell


def _runnable(cell: str) -> bool:
    return cell.lstrip(GUARD).startswith(RUNNABLE_START)


def _read_cell(raw: str) -> str:
    """A cell without the spaces around it, and without the quote guard_cell wrote.

    The quote is removed before trimming the start, so a guarded leading tab is kept.
    """
    if not raw:  # most cells of a diary: a score or a dose not given
        return raw
    return unguard_cell(raw.lstrip()).rstrip()


def _listed(cell: str) -> list[str]:
    """The items of a cell that lists them apart with ';', each trimmed, blanks left out."""
    return [item for part in cell.split(";") if (item := part.strip())] if cell else []


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig")  # UTF-8, with or without a byte-order mark


def _delimiter(text: str) -> str:
    header = text.splitlines()[0] if text else ""
    return ";" if header.count(";") > header.count(",") else ","


def _day(text: str, day_first: bool) -> date:
    """`YYYY-MM-DD`, or with day_first also `DD/MM/YYYY`; raises ValueError otherwise."""
    if match := ISO_DAY.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if day_first and (match := DAY_FIRST.fullmatch(text)):
        return date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError(text)


def _clock(text: str) -> time:
    """`HH:MM`; raises ValueError otherwise."""
    if not (match := CLOCK.fullmatch(text)):
        raise ValueError(text)
    return time(int(match[1]), int(match[2]))


def _lenient_number(text: str, *, whole: bool = False) -> float | None:
    """What a lenient reader would make of a cell (int(), or float() with a decimal comma).

    Used only to word a problem: a cell such a reader takes for a number is refused with the
    exact form allowed, since "1,000" or "+5" look like numbers to the person too.
    """
    try:
        return int(text) if whole else float(text.replace(",", "."))
    except ValueError:
        return None


def read_diary_csv(data: bytes, *, day_first: bool = False) -> CsvDiary:
    """Parse a whole file; raises CsvImportError listing every problem found."""
    try:
        text = _text(data)
    except UnicodeDecodeError as error:
        raise CsvImportError(
            [
                f"The file is not UTF-8 text (byte {error.start} cannot be read); save it as "
                "CSV UTF-8 from the spreadsheet."
            ]
        ) from None
    if "\x00" in text:
        raise CsvImportError(["The file holds binary data, not CSV text."])
    # strict: a quote left open is a problem to report, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        table = list(reader)
    except csv.Error as error:
        raise CsvImportError([f"The file is not valid CSV: {error}"]) from None
    if not table or not any(cell.strip() for cell in table[0]):
        raise CsvImportError(["The file is empty: the first row must name the columns."])
    header = [cell.strip().casefold() for cell in table[0]]
    problems: list[str] = []
    if "date" not in header:
        problems.append("The header has no 'date' column (it is required).")
    # Counted once: a header of 200,000 columns is checked in linear time.
    duplicates = sorted(name for name, n in Counter(header).items() if name and n > 1)
    problems += [f"The column '{name}' appears more than once." for name in duplicates]
    dose_columns = []
    unknown = []
    for name in header:
        match = DOSE_COLUMN.match(name)
        if name in KNOWN or not name:
            continue
        if match and len(medicine_name(match["name"])) > NAME_MAX:
            problems.append(
                f"The column '{name}' names a medicine longer than {NAME_MAX} characters."
            )
        elif match:
            dose_columns.append(
                DoseColumn(name, medicine_name(match["name"]), UNITS[match["unit"]])
            )
        else:
            unknown.append(name)
    if problems:
        raise CsvImportError(problems)
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) > len(header):
            problems.append(
                f"Row {number}: {len(cells)} cells but the header names {len(header)} columns."
            )
            continue
        # A cell without a quote has no guard to remove: strip() reads it as _read_cell
        # would, without a call for each of a diary's tens of thousands of cells.
        read = [_read_cell(cell) if GUARD in cell else cell.strip() for cell in cells]
        values = dict(zip(header, read, strict=False))
        row = _row(number, values, dose_columns, day_first, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise CsvImportError(problems)
    return CsvDiary(rows, dose_columns, unknown)


def _row(
    number: int,
    values: dict[str, str],
    dose_columns: list[DoseColumn],
    day_first: bool,
    problems: list[str],
) -> CsvRow | None:
    before = len(problems)

    def problem(column: str, value: str, rule: str) -> None:
        shown = value if len(value) <= LONGEST_SHOWN else value[: LONGEST_SHOWN - 3] + "..."
        problems.append(f"Row {number}, column '{column}': {shown!r} {rule}.")

    day = None
    raw_day = values.get("date", "")
    try:
        day = _day(raw_day, day_first)
        if day < EARLIEST_DATE:
            raise ValueError(raw_day)
    except ValueError:
        day = None
        allowed = "YYYY-MM-DD or DD/MM/YYYY" if day_first else "YYYY-MM-DD"
        problem("date", raw_day, f"is not a date from 1900 on written as {allowed}")
    at = None
    if raw_time := values.get("time", ""):
        try:
            at = _clock(raw_time)
        except ValueError:
            problem("time", raw_time, "is not a time written as HH:MM")
    scores: dict[str, int | None] = {}
    for column, (low, high) in SCORES.items():
        raw = values.get(column, "")
        scores[column] = None
        if not raw:
            continue
        value = int(raw) if WHOLE.fullmatch(raw) else None
        if value is not None and low <= value <= high:
            scores[column] = value
            continue
        rule = f"must be a whole number from {low} to {high}"
        lenient = _lenient_number(raw, whole=True)
        if value is None and lenient is not None and low <= lenient <= high:
            rule += ", written with the digits 0-9 only"
        problem(column, raw, rule)
    notes = values.get("notes", "")
    if len(notes) > NOTE_MAX:
        problem("notes", notes[:20] + "...", f"is longer than {NOTE_MAX} characters")
    by = values.get("entered_by", "")
    if len(by) > NAME_MAX:
        problem("entered_by", by[:20] + "...", f"is longer than {NAME_MAX} characters")
    if (
        scores["stiffness"] is None
        and (notes or any(scores[c] is not None for c in SCORES if c != "stiffness"))
        and "stiffness" not in [p.split("'")[1] for p in problems[before:] if "'" in p]
    ):
        problems.append(
            f"Row {number}: a stiffness score (0-10) is needed when other symptoms or notes "
            "are given."
        )
    if scores["spasm_severity"] is not None and not scores["spasm_frequency"]:
        problem(
            "spasm_severity",
            values.get("spasm_severity", ""),
            "can only be given when spasm_frequency is above 0",
        )
    effects = []
    for item in _listed(values.get("side_effects", "")):
        name, _, level = item.partition(":")
        name, level = name.strip(), level.strip().casefold()
        severity = Severity.MILD
        if level:
            try:
                severity = Severity[level.upper()]
            except KeyError:
                problem("side_effects", item, "has a severity that is not mild, moderate or severe")
                continue
        if not name:
            problem("side_effects", item, "has no side effect name before the ':'")
            continue
        if len(name) > NAME_MAX:
            problem("side_effects", name[:20] + "...", f"is longer than {NAME_MAX} characters")
            continue
        effects.append((EFFECT_KEYS.get(name.casefold(), name), severity))
    events: list[EventKind] = []
    for item in _listed(values.get("events", "")):
        kind = EVENT_KEYS.get(item.casefold())
        if kind is None:
            names = ", ".join(k.value for k in EventKind)
            problem("events", item, f"is not one of the events the diary keeps ({names})")
        elif kind not in events:
            events.append(kind)
    doses = {}
    for dose_column in dose_columns:
        raw = values.get(dose_column.column, "")
        if not raw:
            continue
        amount = float(raw) if DECIMAL.fullmatch(raw) else math.nan
        limit = dose_column.unit.max_amount
        if math.isfinite(amount) and 0 <= amount <= limit:
            doses[dose_column.column] = amount
            continue
        rule = f"must be a number from 0 to {limit:g}"
        lenient = _lenient_number(raw)
        if math.isnan(amount) and lenient is not None and 0 <= lenient <= limit:
            rule += ", written with the digits 0-9 and a dot for decimals only (such as 12.5)"
        problem(dose_column.column, raw, rule)
    if len(problems) > before or day is None:
        return None
    return CsvRow(
        line=number,
        day=day,
        at=at,
        scores=scores,
        side_effects=tuple(effects),
        notes=notes,
        entered_by=values.get("entered_by", ""),
        doses=doses,
        events=tuple(events),
    )


def write_diary_csv(header_doses: list[DoseColumn], rows: list[list[str]]) -> str:
    """The CSV text for rows already in KNOWN-then-dose-columns order, formulas guarded."""
    out = io.StringIO(newline="")
    # The csv module's own line ending (CRLF): with it, a lone "\r" in a note is quoted.
    writer = csv.writer(out)
    writer.writerow([*KNOWN, *(column.column for column in header_doses)])
    writer.writerows([guard_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
