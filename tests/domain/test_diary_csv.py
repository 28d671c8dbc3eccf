"""The spreadsheet diary format: every cell checked, every problem listed, and written back."""

from __future__ import annotations

import csv
import io
from datetime import date, time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from spasticity_tracker.domain.diary_csv import (
    KNOWN,
    MOST_PROBLEMS_SHOWN,
    CsvDiary,
    CsvImportError,
    CsvRow,
    DoseColumn,
    column_prefix,
    medicine_name,
    read_diary_csv,
    write_diary_csv,
)
from spasticity_tracker.domain.entities import NAME_MAX, NOTE_MAX
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.scales import DoseUnit, EventKind, Severity

SCORE_COLUMNS = ("stiffness", "spasm_frequency", "spasm_severity", "pain", "sleep_disruption")


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",") -> bytes:
    """The rows as a CSV file, quoted where needed, UTF-8."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def one_row(cells: dict[str, str]) -> bytes:
    """A file with a header naming the cells' columns and one row holding them."""
    return csv_bytes([list(cells), list(cells.values())])


def problems_of(data: bytes, *, day_first: bool = False) -> list[str]:
    with pytest.raises(CsvImportError) as error:
        read_diary_csv(data, day_first=day_first)
    return error.value.problems


def the_row(data: bytes, *, day_first: bool = False) -> CsvRow:
    [row] = read_diary_csv(data, day_first=day_first).rows
    return row


def with_context(column: str, cell: str) -> dict[str, str]:
    """A row that is valid apart from the cell under test: a date, a stiffness, spasms."""
    cells = {"date": "2026-01-01", "stiffness": "5"}
    if column == "spasm_severity":
        cells["spasm_frequency"] = "2"
    cells[column] = cell
    return cells


def parsed(row: CsvRow, column: str) -> object:
    """What the reader made of one column of a row."""
    if column == "date":
        return row.day
    if column == "time":
        return row.at
    if column in SCORE_COLUMNS:
        return row.scores[column]
    if column == "side_effects":
        return row.side_effects
    if column == "notes":
        return row.notes
    if column == "entered_by":
        return row.entered_by
    return row.doses.get(column)


# --- valid cells -------------------------------------------------------------------------------

VALID_CELLS = [
    ("date", "2026-01-01", date(2026, 1, 1), "date-iso"),
    ("date", "2024-02-29", date(2024, 2, 29), "date-leap-day"),
    ("date", "1900-01-01", date(1900, 1, 1), "date-1900"),
    ("date", " 2026-01-01 ", date(2026, 1, 1), "date-spaces-trimmed"),
    ("time", "", None, "time-blank"),
    ("time", "00:00", time(0, 0), "time-midnight"),
    ("time", "08:30", time(8, 30), "time-morning"),
    ("time", "23:59", time(23, 59), "time-last-minute"),
    ("stiffness", "0", 0, "stiffness-0"),
    ("stiffness", "10", 10, "stiffness-10"),
    ("stiffness", " 7 ", 7, "stiffness-spaces-trimmed"),
    ("stiffness", "", None, "stiffness-blank"),
    ("spasm_frequency", "0", 0, "frequency-0"),
    ("spasm_frequency", "4", 4, "frequency-4"),
    ("spasm_frequency", "", None, "frequency-blank"),
    ("spasm_severity", "1", 1, "severity-1-with-frequency"),
    ("spasm_severity", "3", 3, "severity-3-with-frequency"),
    ("pain", "0", 0, "pain-0"),
    ("pain", "10", 10, "pain-10"),
    ("sleep_disruption", "0", 0, "sleep-0"),
    ("sleep_disruption", "10", 10, "sleep-10"),
    ("side_effects", "", (), "effects-blank"),
    ("side_effects", "drowsiness", (("drowsiness", Severity.MILD),), "effect-key-mild-by-default"),
    (
        "side_effects",
        "Drowsiness:severe",
        (("drowsiness", Severity.SEVERE),),
        "effect-key-any-case",
    ),
    (
        "side_effects",
        "Trouble sleeping : Moderate",
        (("insomnia", Severity.MODERATE),),
        "effect-label-spaces-and-case",
    ),
    (
        "side_effects",
        "nausea:mild;dizziness:MODERATE;weakness:severe",
        (
            ("nausea", Severity.MILD),
            ("dizziness", Severity.MODERATE),
            ("weakness", Severity.SEVERE),
        ),
        "effects-three-severities",
    ),
    (
        "side_effects",
        "Pins and needles:moderate",
        (("Pins and needles", Severity.MODERATE),),
        "effect-own-words-kept",
    ),
    ("side_effects", ";headache;;", (("headache", Severity.MILD),), "effects-empty-parts-skipped"),
    ("notes", "Cold day", "Cold day", "notes-plain"),
    ("notes", "", "", "notes-blank"),
    ("entered_by", "Jo", "Jo", "entered-by-carer"),
    ("entered_by", "", "", "entered-by-blank"),
    ("baclofen_mg", "0", 0.0, "mg-0-stopped"),
    ("baclofen_mg", "1000", 1000.0, "mg-at-limit"),
    ("baclofen_mg", "12.5", 12.5, "mg-decimal-point"),
    ("baclofen_mg", "0.25", 0.25, "mg-below-1"),
    ("baclofen_mg", "007", 7.0, "mg-leading-zeros"),
    ("baclofen_mg", "", None, "mg-blank-not-recorded"),
    ("baclofen_pump_mcg", "0", 0.0, "mcg-0-stopped"),
    ("baclofen_pump_mcg", "3000", 3000.0, "mcg-at-limit"),
    ("baclofen_pump_mcg", "137.5", 137.5, "mcg-decimal"),
]


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [pytest.param(*case[:3], id=case[3]) for case in VALID_CELLS],
)
def test_a_valid_cell_is_read(column: str, cell: str, expected: object) -> None:
    row = the_row(one_row(with_context(column, cell)))
    assert parsed(row, column) == expected
    assert row.line == 2


DAY_FIRST_VALID = [
    ("15/03/2026", date(2026, 3, 15), "day-month-year"),
    ("1/2/2026", date(2026, 2, 1), "single-digits"),
    ("29/02/2024", date(2024, 2, 29), "leap-day"),
    ("2026-03-01", date(2026, 3, 1), "iso-still-accepted"),
]


@pytest.mark.parametrize(
    ("cell", "expected"), [pytest.param(*case[:2], id=case[2]) for case in DAY_FIRST_VALID]
)
def test_day_first_dates_are_read_when_asked_for(cell: str, expected: date) -> None:
    row = the_row(one_row({"date": cell, "stiffness": "5"}), day_first=True)
    assert row.day == expected


# --- invalid cells -----------------------------------------------------------------------------

WHOLE_0_10 = "must be a whole number from 0 to 10"
NOT_A_DATE = "is not a date from 1900 on written as YYYY-MM-DD"
NOT_A_TIME = "is not a time written as HH:MM"
BAD_SEVERITY = "has a severity that is not mild, moderate or severe"
MG_RANGE = "must be a number from 0 to 1000"
MCG_RANGE = "must be a number from 0 to 3000"
PLAIN_DIGITS = "written with the digits 0-9 and a dot for decimals only (such as 12.5)"
MG_PLAIN = f"{MG_RANGE}, {PLAIN_DIGITS}"
MCG_PLAIN = f"{MCG_RANGE}, {PLAIN_DIGITS}"
WHOLE_0_10_PLAIN = f"{WHOLE_0_10}, written with the digits 0-9 only"

INVALID_CELLS = [
    ("stiffness", "-1", WHOLE_0_10, "stiffness-below-0"),
    ("stiffness", "11", WHOLE_0_10, "stiffness-above-10"),
    ("stiffness", "5.5", WHOLE_0_10, "stiffness-not-whole"),
    ("stiffness", "abc", WHOLE_0_10, "stiffness-text"),
    ("stiffness", "5/10", WHOLE_0_10, "stiffness-fraction"),
    ("spasm_frequency", "-1", "must be a whole number from 0 to 4", "frequency-below-0"),
    ("spasm_frequency", "5", "must be a whole number from 0 to 4", "frequency-above-4"),
    ("spasm_frequency", "often", "must be a whole number from 0 to 4", "frequency-text"),
    ("spasm_severity", "0", "must be a whole number from 1 to 3", "severity-below-1"),
    ("spasm_severity", "4", "must be a whole number from 1 to 3", "severity-above-3"),
    ("pain", "-1", WHOLE_0_10, "pain-below-0"),
    ("pain", "11", WHOLE_0_10, "pain-above-10"),
    ("sleep_disruption", "11", WHOLE_0_10, "sleep-above-10"),
    ("sleep_disruption", "2.0", WHOLE_0_10, "sleep-not-whole"),
    ("date", "2026-02-30", NOT_A_DATE, "date-no-such-day"),
    ("date", "2026-13-01", NOT_A_DATE, "date-no-such-month"),
    ("date", "15/03/2026", NOT_A_DATE, "date-day-first-not-asked-for"),
    ("date", "yesterday", NOT_A_DATE, "date-words"),
    ("date", "", NOT_A_DATE, "date-blank"),
    ("time", "24:00", NOT_A_TIME, "time-hour-24"),
    ("time", "12:60", NOT_A_TIME, "time-minute-60"),
    ("time", "8:30", NOT_A_TIME, "time-single-digit-hour"),
    ("time", "noon", NOT_A_TIME, "time-words"),
    ("time", "08:00+01:00", NOT_A_TIME, "time-with-zone"),
    ("side_effects", "drowsiness:extreme", BAD_SEVERITY, "effect-severity-unknown"),
    ("side_effects", "nausea:2", BAD_SEVERITY, "effect-severity-number"),
    ("side_effects", ":mild", "has no side effect name before the ':'", "effect-no-name"),
    ("baclofen_mg", "-1", MG_RANGE, "mg-negative"),
    ("baclofen_mg", "1000.5", MG_RANGE, "mg-above-limit"),
    ("baclofen_mg", "ten", MG_RANGE, "mg-text"),
    ("baclofen_mg", "nan", MG_RANGE, "mg-nan"),
    ("baclofen_mg", "inf", MG_RANGE, "mg-infinite"),
    ("baclofen_mg", "12 mg", MG_RANGE, "mg-with-unit"),
    ("baclofen_pump_mcg", "3000.1", MCG_RANGE, "mcg-above-limit"),
    ("baclofen_pump_mcg", "-0.5", MCG_RANGE, "mcg-negative"),
    # Read as another number by a lenient reader: refused, saying what is allowed.
    ("baclofen_pump_mcg", "1,000", MCG_PLAIN, "mcg-thousands-separator"),
    ("baclofen_mg", "12,5", MG_PLAIN, "mg-decimal-comma"),
    ("baclofen_mg", "1_5", MG_PLAIN, "mg-underscore"),
    ("baclofen_mg", "1e-400", MG_PLAIN, "mg-exponent-underflow"),
    ("baclofen_mg", "1e2", MG_PLAIN, "mg-exponent"),
    ("baclofen_mg", "+5", MG_PLAIN, "mg-plus-sign"),
    ("baclofen_mg", "-0", MG_PLAIN, "mg-minus-zero"),
    ("baclofen_mg", "\uff11\uff15", MG_PLAIN, "mg-full-width-digits"),
    ("baclofen_mg", "\u0661\u0665", MG_PLAIN, "mg-arabic-indic-digits"),
    ("baclofen_mg", "1 000", MG_RANGE, "mg-space-inside"),
    ("baclofen_mg", ".5", MG_PLAIN, "mg-no-digit-before-the-dot"),
    ("baclofen_mg", "5.", MG_PLAIN, "mg-no-digit-after-the-dot"),
    ("stiffness", "+5", WHOLE_0_10_PLAIN, "stiffness-plus-sign"),
    ("stiffness", "-0", WHOLE_0_10_PLAIN, "stiffness-minus-zero"),
    ("stiffness", "\u0665", WHOLE_0_10_PLAIN, "stiffness-arabic-indic-digit"),
    ("pain", "\uff11\uff10", WHOLE_0_10_PLAIN, "pain-full-width-digits"),
    ("pain", "1_0", WHOLE_0_10_PLAIN, "pain-underscore"),
    ("date", "2026-W01-1", NOT_A_DATE, "date-iso-week"),
    ("date", "20260101", NOT_A_DATE, "date-iso-basic"),
    ("date", "2026-01-01T08:00", NOT_A_DATE, "date-with-time"),
    ("time", "08:30:00", NOT_A_TIME, "time-with-seconds"),
    ("time", "0830", NOT_A_TIME, "time-iso-basic"),
    ("time", "08", NOT_A_TIME, "time-hour-only"),
    ("time", "T08:30", NOT_A_TIME, "time-iso-t"),
    ("time", "08:30Z", NOT_A_TIME, "time-utc"),
    ("time", "\u0660\u0668:\u0663\u0660", NOT_A_TIME, "time-arabic-indic-digits"),
]


@pytest.mark.parametrize(
    ("column", "cell", "rule"),
    [pytest.param(*case[:3], id=case[3]) for case in INVALID_CELLS],
)
def test_an_invalid_cell_is_one_problem_naming_row_column_value_and_rule(
    column: str, cell: str, rule: str
) -> None:
    assert problems_of(one_row(with_context(column, cell))) == [
        f"Row 2, column '{column}': {cell!r} {rule}."
    ]


DAY_FIRST_INVALID = [
    ("31/02/2026", "no-such-day"),
    ("15/13/2026", "no-such-month"),
    ("15/03/26", "two-digit-year"),
    ("15-03-2026", "dashes"),
    ("15/03", "no-year"),
    ("1/2/2026/4", "four-parts"),
    ("\u0661\u0665/03/2026", "arabic-indic-digits"),
    ("\uff11/2/2026", "full-width-digit"),
    ("1/ 2/2026", "space-inside"),
    ("+1/2/2026", "plus-sign"),
    ("2026-W01-1", "iso-week"),
    ("1/2/+2026", "plus-year"),
]


@pytest.mark.parametrize("cell", [pytest.param(c, id=i) for c, i in DAY_FIRST_INVALID])
def test_day_first_dates_that_do_not_exist_are_problems(cell: str) -> None:
    assert problems_of(one_row({"date": cell, "stiffness": "5"}), day_first=True) == [
        f"Row 2, column 'date': {cell!r} is not a date from 1900 on written as "
        "YYYY-MM-DD or DD/MM/YYYY."
    ]


@pytest.mark.parametrize("frequency", [pytest.param("", id="blank"), pytest.param("0", id="0")])
def test_a_spasm_severity_needs_a_spasm_frequency_above_0(frequency: str) -> None:
    cells = {"date": "2026-01-01", "stiffness": "5", "spasm_frequency": frequency}
    cells["spasm_severity"] = "2"
    assert problems_of(one_row(cells)) == [
        "Row 2, column 'spasm_severity': '2' can only be given when spasm_frequency is above 0."
    ]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        pytest.param("pain", "3", id="pain"),
        pytest.param("spasm_frequency", "1", id="spasms"),
        pytest.param("sleep_disruption", "2", id="sleep"),
        pytest.param("notes", "A bad night", id="notes"),
    ],
)
def test_other_symptoms_or_notes_need_a_stiffness_score(column: str, cell: str) -> None:
    assert problems_of(one_row({"date": "2026-01-01", column: cell})) == [
        "Row 2: a stiffness score (0-10) is needed when other symptoms or notes are given."
    ]


def test_a_bad_stiffness_is_not_reported_twice_as_missing() -> None:
    cells = {"date": "2026-01-01", "stiffness": "high", "pain": "3"}
    assert problems_of(one_row(cells)) == [f"Row 2, column 'stiffness': 'high' {WHOLE_0_10}."]


def test_a_row_with_only_a_date_or_only_doses_needs_no_stiffness() -> None:
    data = csv_bytes(
        [["date", "baclofen_mg", "side_effects"], ["2026-01-01", "", ""], ["2026-01-02", "15", ""]]
    )
    rows = read_diary_csv(data).rows
    assert [row.has_symptoms for row in rows] == [False, False]
    assert rows[1].doses == {"baclofen_mg": 15.0}


# --- every problem at once ---------------------------------------------------------------------


def test_two_bad_rows_give_two_lines_with_their_row_numbers() -> None:
    data = csv_bytes(
        [
            ["date", "stiffness"],
            ["2026-01-01", "5"],
            ["2026-01-02", "11"],
            ["2026-01-03", "4"],
            ["2026-01-04", "-1"],
        ]
    )
    with pytest.raises(CsvImportError) as error:
        read_diary_csv(data)
    assert error.value.problems == [
        f"Row 3, column 'stiffness': '11' {WHOLE_0_10}.",
        f"Row 5, column 'stiffness': '-1' {WHOLE_0_10}.",
    ]
    assert str(error.value).splitlines() == [
        "Nothing was imported: the file has 2 problems.",
        f"Row 3, column 'stiffness': '11' {WHOLE_0_10}.",
        f"Row 5, column 'stiffness': '-1' {WHOLE_0_10}.",
    ]


def test_every_problem_of_every_row_and_column_is_listed_in_file_order() -> None:
    header = ["date", "time", "stiffness", "spasm_frequency", "spasm_severity", "pain"]
    header += ["side_effects", "baclofen_mg"]
    data = csv_bytes(
        [
            header,
            ["2026-02-30", "25:00", "5", "", "", "", "", ""],
            ["2026-01-02", "", "12", "7", "", "", "nausea:awful", "2000"],
            ["2026-01-03", "08:00", "4", "0", "2", "", "", ""],
            ["2026-01-04", "", "", "", "", "3", "", "20"],
            ["2026-01-05", "", "3", "", "", "", "", "", "extra cell"],
        ]
    )
    assert problems_of(data) == [
        f"Row 2, column 'date': '2026-02-30' {NOT_A_DATE}.",
        f"Row 2, column 'time': '25:00' {NOT_A_TIME}.",
        f"Row 3, column 'stiffness': '12' {WHOLE_0_10}.",
        "Row 3, column 'spasm_frequency': '7' must be a whole number from 0 to 4.",
        f"Row 3, column 'side_effects': 'nausea:awful' {BAD_SEVERITY}.",
        f"Row 3, column 'baclofen_mg': '2000' {MG_RANGE}.",
        "Row 4, column 'spasm_severity': '2' can only be given when spasm_frequency is above 0.",
        "Row 5: a stiffness score (0-10) is needed when other symptoms or notes are given.",
        "Row 6: 9 cells but the header names 8 columns.",
    ]


def test_the_message_shows_the_first_problems_and_counts_the_rest() -> None:
    bad_rows = 250
    rows = [["date", "stiffness"]] + [["2026-01-01", "99"]] * bad_rows
    with pytest.raises(CsvImportError) as error:
        read_diary_csv(csv_bytes(rows))
    assert len(error.value.problems) == bad_rows
    lines = str(error.value).splitlines()
    assert lines[0] == f"Nothing was imported: the file has {bad_rows} problems."
    assert lines[1] == f"Row 2, column 'stiffness': '99' {WHOLE_0_10}."
    assert lines[MOST_PROBLEMS_SHOWN] == (
        f"Row {MOST_PROBLEMS_SHOWN + 1}, column 'stiffness': '99' {WHOLE_0_10}."
    )
    assert lines[-1] == f"... and {bad_rows - MOST_PROBLEMS_SHOWN} more problems"
    assert len(lines) == 1 + MOST_PROBLEMS_SHOWN + 1


def test_one_problem_is_counted_in_the_singular() -> None:
    with pytest.raises(CsvImportError) as error:
        read_diary_csv(b"date,stiffness\n2026-01-01,11\n")
    assert str(error.value).startswith("Nothing was imported: the file has 1 problem.\n")
    assert isinstance(error.value, TrackerError)


# --- header ------------------------------------------------------------------------------------

HEADER_PROBLEMS = [
    ("stiffness,notes\n5,x\n", ["The header has no 'date' column (it is required)."], "no-date"),
    (
        "date,Stiffness,stiffness \n2026-01-01,5,6\n",
        ["The column 'stiffness' appears more than once."],
        "duplicate-any-case",
    ),
    (
        "date,date,baclofen_mg,Baclofen_MG\n2026-01-01,2026-01-01,5,5\n",
        [
            "The column 'baclofen_mg' appears more than once.",
            "The column 'date' appears more than once.",
        ],
        "two-duplicates",
    ),
    (
        "pain,pain\n3,3\n",
        [
            "The header has no 'date' column (it is required).",
            "The column 'pain' appears more than once.",
        ],
        "no-date-and-duplicate",
    ),
    ("", ["The file is empty: the first row must name the columns."], "empty-file"),
    ("\n\n", ["The file is empty: the first row must name the columns."], "blank-lines-only"),
    (" , ,\n2026-01-01,5\n", ["The file is empty: the first row must name the columns."], "blank"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(*case[:2], id=case[2]) for case in HEADER_PROBLEMS]
)
def test_header_problems_are_listed(text: str, expected: list[str]) -> None:
    assert problems_of(text.encode()) == expected


def test_unknown_columns_are_reported_and_ignored() -> None:
    data = b"Date,Mood,stiffness,weather,baclofen_mgs,,notes\n2026-01-01,happy,5,sun,3,x,ok\n"
    diary = read_diary_csv(data)
    assert diary.unknown_columns == ["mood", "weather", "baclofen_mgs"]
    assert diary.dose_columns == []
    [row] = diary.rows
    assert (row.scores["stiffness"], row.notes) == (5, "ok")


def test_dose_columns_name_their_medicine_and_unit() -> None:
    data = b"date,Baclofen_mg,baclofen_pump_MCG,Tizanidine_mg\n2026-01-01,15,100,4\n"
    diary = read_diary_csv(data)
    assert diary.dose_columns == [
        DoseColumn("baclofen_mg", "Baclofen", DoseUnit.MG),
        DoseColumn("baclofen_pump_mcg", "Baclofen pump", DoseUnit.MCG_PER_DAY),
        DoseColumn("tizanidine_mg", "Tizanidine", DoseUnit.MG),
    ]
    assert diary.rows[0].doses == {
        "baclofen_mg": 15.0,
        "baclofen_pump_mcg": 100.0,
        "tizanidine_mg": 4.0,
    }


def test_column_names_are_case_insensitive_and_in_any_order() -> None:
    data = (
        b"NOTES,Baclofen_MG,Entered_By,Sleep_Disruption,PAIN,Spasm_Severity,Spasm_Frequency,"
        b"Side_Effects,Stiffness,Time,DATE\n"
        b"Stiff morning,20,Jo,4,3,2,1,Nausea:Severe,6,07:15,2026-02-03\n"
    )
    row = the_row(data)
    assert row == CsvRow(
        line=2,
        day=date(2026, 2, 3),
        at=time(7, 15),
        scores={
            "stiffness": 6,
            "spasm_frequency": 1,
            "spasm_severity": 2,
            "pain": 3,
            "sleep_disruption": 4,
        },
        side_effects=(("nausea", Severity.SEVERE),),
        notes="Stiff morning",
        entered_by="Jo",
        doses={"baclofen_mg": 20.0},
    )


# --- encodings, delimiters, quoting ------------------------------------------------------------

ENCODED = [
    (b"date,stiffness,notes\r\n2026-01-01,5,caf\xc3\xa9\r\n", "utf-8-crlf"),
    (b"\xef\xbb\xbfdate,stiffness,notes\r\n2026-01-01,5,caf\xc3\xa9\r\n", "utf-8-bom"),
    (b"date;stiffness;notes\n2026-01-01;5;caf\xc3\xa9\n", "semicolons"),
    (b"\xef\xbb\xbfDATE;Stiffness;Notes\r\n2026-01-01;5;caf\xc3\xa9\r\n", "bom-and-semicolons"),
    (b"date,stiffness,notes\r2026-01-01,5,caf\xc3\xa9\r", "old-mac-line-ends"),
]


@pytest.mark.parametrize("data", [pytest.param(d, id=i) for d, i in ENCODED])
def test_utf8_with_or_without_bom_and_either_delimiter_is_read(data: bytes) -> None:
    row = the_row(data)
    assert (row.day, row.scores["stiffness"], row.notes) == (date(2026, 1, 1), 5, "café")


def test_semicolon_files_keep_quoted_semicolons() -> None:
    data = 'date;stiffness;side_effects;baclofen_mg\n2026-01-01;5;"nausea;headache:severe";12.5\n'
    row = the_row(data.encode())
    assert row.doses == {"baclofen_mg": 12.5}
    assert row.side_effects == (("nausea", Severity.MILD), ("headache", Severity.SEVERE))


def test_a_decimal_comma_is_refused_in_semicolon_files_too() -> None:
    # "1,000" would be a thousand or one: only a dot marks decimals, whatever the delimiter.
    data = b"date;stiffness;baclofen_pump_mcg\n2026-01-01;5;1,000\n"
    assert problems_of(data) == [f"Row 2, column 'baclofen_pump_mcg': '1,000' {MCG_PLAIN}."]


AWKWARD_NOTES = [
    ("Cold, windy day", "comma"),
    ('She said "much better"', "quotes"),
    ("Slept badly\nwoke at 3", "newline"),
    ("Line one\r\nline two", "crlf-inside"),
    ('a, "b";\nc "" d', "everything"),
    ("=1+1", "formula-like"),
]


@pytest.mark.parametrize("note", [pytest.param(n, id=i) for n, i in AWKWARD_NOTES])
@pytest.mark.parametrize("delimiter", [",", ";"], ids=["comma", "semicolon"])
def test_quoted_commas_quotes_and_newlines_in_notes_are_kept(note: str, delimiter: str) -> None:
    rows = [["date", "stiffness", "notes"], ["2026-01-01", "5", note]]
    data = csv_bytes(rows, delimiter=delimiter)
    assert the_row(data).notes == note


def test_rows_after_a_note_with_newlines_keep_their_spreadsheet_row_numbers() -> None:
    data = csv_bytes(
        [
            ["date", "stiffness", "notes"],
            ["2026-01-01", "5", "two\nlines"],
            ["2026-01-02", "11", ""],
        ]
    )
    assert problems_of(data) == [f"Row 3, column 'stiffness': '11' {WHOLE_0_10}."]


def test_blank_lines_are_skipped_and_rows_keep_their_numbers() -> None:
    data = b"date,stiffness\n\n2026-01-01,5\n,\n  ,  \n \t \n2026-01-02,6\n\n"
    diary = read_diary_csv(data)
    assert [(row.line, row.day) for row in diary.rows] == [
        (3, date(2026, 1, 1)),
        (7, date(2026, 1, 2)),
    ]
    assert problems_of(b"date,stiffness\n\n,\n2026-01-03,11\n") == [
        f"Row 4, column 'stiffness': '11' {WHOLE_0_10}."
    ]


def test_short_rows_leave_the_missing_cells_blank() -> None:
    row = the_row(b"date,stiffness,pain,notes\n2026-01-01,5\n")
    assert (row.scores["pain"], row.notes) == (None, "")


NOT_UTF8 = [
    (b"date,stiffness,notes\n2026-01-01,5,caf\xe9\n", "latin-1"),
    (b"date,stiffness,notes\n2026-01-01,5,\x93quoted\x94\n", "windows-1252"),
    ("date,stiffness\n2026-01-01,5\n".encode("utf-16"), "utf-16-with-bom"),
    (b"\xff\xfe\x00\x01\x80\x81\x82", "random-bytes"),
    (b"date,stiffness\n2026-01-01,5\n\xc3", "truncated-utf8-sequence"),
]


@pytest.mark.parametrize("data", [pytest.param(d, id=i) for d, i in NOT_UTF8])
def test_bytes_that_are_not_utf8_are_a_csv_import_error(data: bytes) -> None:
    [problem] = problems_of(data)
    assert problem.startswith("The file is not UTF-8 text (byte ")
    assert "save it as CSV UTF-8" in problem


def test_binary_data_is_refused() -> None:
    assert problems_of(b"date,stiffness\n2026-01-01,5\x00\n") == [
        "The file holds binary data, not CSV text."
    ]


def test_an_unclosed_quote_is_a_problem_and_does_not_swallow_the_rows_after_it() -> None:
    data = b'date,stiffness,notes\n2026-01-01,5,"never closed\n2026-01-02,6,ok\n2026-01-03,7,ok\n'
    with pytest.raises(CsvImportError):
        read_diary_csv(data)


# --- names and writing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "name"),
    [
        pytest.param("baclofen", "Baclofen", id="one-word"),
        pytest.param("baclofen_pump", "Baclofen pump", id="two-words"),
        pytest.param("tizanidine_4", "Tizanidine 4", id="with-number"),
    ],
)
def test_medicine_names_and_column_prefixes_are_inverse(prefix: str, name: str) -> None:
    assert medicine_name(prefix) == name
    assert column_prefix(name) == prefix


def test_written_header_is_the_known_columns_then_the_dose_columns() -> None:
    columns = [
        DoseColumn("baclofen_mg", "Baclofen", DoseUnit.MG),
        DoseColumn("baclofen_pump_mcg", "Baclofen pump", DoseUnit.MCG_PER_DAY),
    ]
    text = write_diary_csv(columns, [])
    assert (
        text == ",".join([*KNOWN, "baclofen_mg", "baclofen_pump_mcg"]) + "\r\n"
    )  # RFC 4180 line ends


def written_and_read(note: str) -> CsvDiary:
    columns = [DoseColumn("baclofen_mg", "Baclofen", DoseUnit.MG)]
    cells = ["2026-01-01", "08:00", "5", "1", "2", "3", "4", "nausea:moderate", "fall;stress"]
    cells += [note, "Jo", "15"]
    return read_diary_csv(write_diary_csv(columns, [cells]).encode())


@pytest.mark.parametrize("note", [pytest.param(n, id=i) for n, i in AWKWARD_NOTES])
def test_what_is_written_reads_back_the_same(note: str) -> None:
    diary = written_and_read(note)
    assert diary.rows == [
        CsvRow(
            line=2,
            day=date(2026, 1, 1),
            at=time(8, 0),
            scores={
                "stiffness": 5,
                "spasm_frequency": 1,
                "spasm_severity": 2,
                "pain": 3,
                "sleep_disruption": 4,
            },
            side_effects=(("nausea", Severity.MODERATE),),
            notes=note,
            entered_by="Jo",
            doses={"baclofen_mg": 15.0},
            events=(EventKind.FALL, EventKind.STRESS),
        )
    ]


@pytest.mark.parametrize(
    ("cell", "events"),
    [
        ("fall", (EventKind.FALL,)),
        ("Fall; UTI ;splints", (EventKind.FALL, EventKind.INFECTION, EventKind.CLOTHING)),
        ("Infection or UTI;infection", (EventKind.INFECTION,)),
        (
            "tight clothing or splints;Skin or pressure sore",
            (EventKind.CLOTHING, EventKind.PRESSURE_SORE),
        ),
        ("", ()),
    ],
    ids=["one", "several-by-plain-words", "the-same-twice", "by-label", "none"],
)
def test_an_events_cell_names_events_by_value_label_or_a_plain_word(
    cell: str, events: tuple[EventKind, ...]
) -> None:
    assert the_row(csv_bytes([["date", "events"], ["2026-01-01", cell]])).events == events


def test_an_unknown_event_is_a_problem_that_names_the_ones_kept() -> None:
    assert problems_of(csv_bytes([["date", "events"], ["2026-01-01", "fall;flu"]])) == [
        "Row 2, column 'events': 'flu' is not one of the events the diary keeps (infection, "
        "bladder_bowel, pressure_sore, temperature, relapse, fall, physio, pump_refill, "
        "posture, clothing_splints, stress, other)."
    ]


def test_a_note_with_a_lone_carriage_return_is_written_so_that_it_reads_back() -> None:
    # A note keeps a lone CR when it was imported from a quoted cell holding one.
    assert [row.notes for row in written_and_read("before\rafter").rows] == ["before\rafter"]


# --- cells a spreadsheet would run as formulas (OWASP CSV injection) ---------------------------

RUNNABLE = [
    ('=HYPERLINK("http://example.com","click")', "equals"),
    ("+1+1", "plus"),
    ("-2+3", "minus"),
    ("@SUM(A1:A2)", "at"),
    ("\tindented", "tab"),
    ("\rcarriage return", "cr"),
    ("'=already quoted", "quote-then-equals"),
    ("''-twice", "two-quotes-then-minus"),
]


def written_cells(cell: str) -> list[str]:
    """The data row as written, with the cell in side_effects, events, notes and entered_by."""
    row = ["2026-01-01", "08:00", "5", "", "", "", "", cell, cell, cell, cell]
    text = write_diary_csv([], [row])
    [_, written] = list(csv.reader(io.StringIO(text, newline="")))
    return written


@pytest.mark.parametrize("cell", [pytest.param(c, id=i) for c, i in RUNNABLE])
def test_a_cell_a_spreadsheet_would_run_is_written_behind_a_quote(cell: str) -> None:
    assert written_cells(cell)[7:] == ["'" + cell] * 4


@pytest.mark.parametrize(
    "cell", ["plain", "'quoted plain", "a=b", "", "café", " =after a space", "'", "2026-01-01"]
)
def test_other_cells_are_written_as_they_are(cell: str) -> None:
    assert written_cells(cell)[7:] == [cell] * 4


@pytest.mark.parametrize("cell", [pytest.param(c, id=i) for c, i in RUNNABLE])
def test_the_quote_written_before_a_runnable_cell_is_removed_on_reading(cell: str) -> None:
    written = written_cells(cell)
    written[7] = written[8] = ""  # side effects and events: their own tests
    [row] = read_diary_csv(csv_bytes([list(KNOWN), written])).rows
    assert (row.notes, row.entered_by) == (cell, cell)


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        pytest.param("'=1+1", "=1+1", id="one-quote-removed"),
        pytest.param("''=1+1", "'=1+1", id="only-one-quote-removed"),
        pytest.param("'plain", "'plain", id="quote-before-plain-text-kept"),
        pytest.param("=1+1", "=1+1", id="unquoted-formula-read-as-text"),
    ],
)
def test_a_file_s_quoted_cells_lose_one_quote(cell: str, read: str) -> None:
    row = the_row(one_row({"date": "2026-01-01", "stiffness": "5", "notes": cell}))
    assert row.notes == read


NOTE_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))


@given(
    note=st.one_of(
        NOTE_TEXT,
        st.builds(lambda start, rest: start + rest, st.sampled_from("=+-@\t\r'"), NOTE_TEXT),
    )
)
def test_any_note_reads_back_as_written_and_is_never_run(note: str) -> None:
    """Notes starting with =, +, -, @, tab, CR or quotes come back as they were."""
    # The reader trims the spaces around a cell; a quoted tab or CR at the start is kept.
    kept = note if note[:1] in ("\t", "\r") else note.strip()
    kept = kept.rstrip()
    assume(kept == note)
    row = ["2026-01-01", "08:00", "5", "", "", "", "", "", "", note, ""]
    text = write_diary_csv([], [row])
    [_, written] = list(csv.reader(io.StringIO(text, newline="")))
    assert not written[9].startswith(("=", "+", "-", "@", "\t", "\r"))
    [read] = read_diary_csv(text.encode()).rows
    assert read.notes == note


# --- limits and what a problem quotes ------------------------------------------------------


def test_a_day_first_date_is_a_problem_unless_day_first_is_asked_for() -> None:
    data = one_row({"date": "15/03/2026", "stiffness": "5"})
    assert problems_of(data) == [
        "Row 2, column 'date': '15/03/2026' is not a date from 1900 on written as YYYY-MM-DD."
    ]
    assert the_row(data, day_first=True).day == date(2026, 3, 15)


@pytest.mark.parametrize(
    ("column", "limit"),
    [("notes", NOTE_MAX), ("entered_by", NAME_MAX), ("side_effects", NAME_MAX)],
)
def test_a_text_at_its_limit_is_read_and_one_character_more_is_a_problem_quoting_its_start(
    column: str, limit: int
) -> None:
    at_limit = "a" * limit
    the_row(one_row({"date": "2026-01-01", "stiffness": "5", column: at_limit}))
    over = "b" * (limit + 1)
    assert problems_of(one_row({"date": "2026-01-01", "stiffness": "5", column: over})) == [
        f"Row 2, column '{column}': {'b' * 20 + '...'!r} is longer than {limit} characters."
    ]


def test_a_long_bad_cell_is_quoted_cut_to_60_characters() -> None:
    cell = "7" + "x" * 99
    assert problems_of(one_row({"date": "2026-01-01", "stiffness": cell})) == [
        f"Row 2, column 'stiffness': {cell[:57] + '...'!r} must be a whole number from 0 to 10."
    ]
    exactly = "7" + "x" * 59  # 60 characters: quoted whole
    assert problems_of(one_row({"date": "2026-01-01", "stiffness": exactly})) == [
        f"Row 2, column 'stiffness': {exactly!r} must be a whole number from 0 to 10."
    ]


def test_a_dose_at_the_limit_with_a_decimal_comma_is_told_the_form_allowed() -> None:
    assert problems_of(one_row({"date": "2026-01-01", "baclofen_mg": "1000,0"})) == [
        "Row 2, column 'baclofen_mg': '1000,0' must be a number from 0 to 1000, written with "
        "the digits 0-9 and a dot for decimals only (such as 12.5)."
    ]


def test_every_row_with_the_wrong_number_of_cells_is_listed() -> None:
    # A short row is fine (a spreadsheet leaves out blank cells at the end); a long one is not.
    data = b"date,stiffness\n2026-01-01,5,9\n2026-01-02\n2026-01-03,4,1,2\n"
    assert problems_of(data) == [
        "Row 2: 3 cells but the header names 2 columns.",
        "Row 4: 4 cells but the header names 2 columns.",
    ]


def test_a_file_without_the_optional_columns_reads_them_as_not_recorded() -> None:
    row = the_row(one_row({"date": "2026-01-01", "stiffness": "5"}))
    assert row.entered_by == ""
    assert row.notes == ""
    assert row.at is None
    assert row.side_effects == ()
    assert row.scores["spasm_severity"] is None


def test_a_medicine_column_name_at_the_limit_is_read_and_one_more_is_a_problem() -> None:
    at_limit = "b" * NAME_MAX
    read_diary_csv(one_row({"date": "2026-01-01", f"{at_limit}_mg": "10"}))
    over = "b" * (NAME_MAX + 1)
    assert problems_of(one_row({"date": "2026-01-01", f"{over}_mg": "10"})) == [
        f"The column '{over}_mg' names a medicine longer than {NAME_MAX} characters."
    ]
