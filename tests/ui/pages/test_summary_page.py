"""The clinic summary on paper: the PDF's text, escaping, the footer, the page and the command."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker import cli
from spasticity_tracker.domain.entities import (
    Medicine,
    Person,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.scales import Severity
from spasticity_tracker.render.summary_pdf import make_summary_pdf
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.summary import SummaryService
from spasticity_tracker.services.trends import TrendsService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.main_window import MainWindow
from tests.conftest import fixed_clock

FIRST, LAST = date(2026, 2, 1), date(2026, 3, 15)
NOTE = "Felt <b>bold</b> today & <script>alert(1)</script>"


def pdf_text(path: Path) -> str:
    """The PDF's text laid out as on the page (poppler's pdftotext, installed by .ci/run)."""
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext is needed: apt-get install poppler-utils"
    return subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def diary_data(
    diary: DiaryService, medicines: MedicineService, person: Person, baclofen: Medicine
) -> None:
    """Six weeks of entries (one with markup in its note), a dose change and side effects."""
    assert person.id is not None
    assert baclofen.id is not None
    day = FIRST
    while day <= LAST:
        if day.day % 6:  # a gap every sixth day
            diary.log_entry(
                SymptomEntry(
                    person_id=person.id,
                    recorded_at=datetime.combine(day, time(9)).astimezone(),
                    stiffness=6 if day < date(2026, 2, 20) else 4,
                    note=NOTE if day == date(2026, 3, 1) else "",
                )
            )
        day += timedelta(days=1)
    medicines.record_regimen_change(
        Regimen(
            medicine_id=baclofen.id,
            start_date=date(2026, 2, 20),
            doses=(ScheduledDose(time_of_day=time(8), amount=45.0),),
        )
    )
    for offset in (0, 3, 5):
        diary.report_side_effect(
            SideEffectReport(
                person_id=person.id,
                day=date(2026, 3, 1) + timedelta(days=offset),
                effect="drowsiness",
                severity=Severity.MODERATE,
            )
        )


def test_the_pdf_shows_the_figures_and_escapes_user_text(
    qtbot: QtBot, database: Database, person: Person, diary_data: None, tmp_path: Path
) -> None:
    assert person.id is not None
    PeopleService(database, fixed_clock).update_person(
        replace(person, questions="Is <i>this</i> the dose?")
    )
    figures = SummaryService(database, fixed_clock).figures(person.id, FIRST, LAST)
    target = tmp_path / "summary.pdf"
    pages = make_summary_pdf(TrendsService(database, fixed_clock), figures, target)
    assert pages >= 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = pdf_text(target)
    lines = text.splitlines()
    assert f"entries on {figures.days_with_entries} of 43 days" in text
    # The dose-period rows: dose and mean on one line, the dates under the dose.
    assert any("Baclofen 30 mg/day" in row and "6.0" in row for row in lines)
    assert any("Baclofen 45 mg/day" in row and "4.0" in row for row in lines)
    assert "1 Feb to 19 Feb 2026" in text
    assert "20 Feb to 15 Mar 2026" in text
    # The side-effect rows: name and days on one line.
    assert any("Drowsiness" in line and "3 days" in line for line in lines)
    # User text printed literally, never as markup.
    assert "Felt <b>bold</b> today & <script>alert(1)</script>" in text
    assert "Is <i>this</i> the dose?" in text
    assert f"Page 1 of {pages}" in text
    assert f"Page {pages} of {pages}" in text
    flowing = " ".join(text.split())
    assert "a fall of 20% or more: the line NICE NG144 uses to continue THC:CBD spray" in flowing
    assert "a fall of 30% or more: the usual responder line in trials" in flowing


def test_the_summary_page_saves_the_pdf_and_keeps_the_questions(
    window: MainWindow, qtbot: QtBot, diary_data: None, people: PeopleService, tmp_path: Path
) -> None:
    window.show_page(4)
    page = window.summary
    assert page.overview.text().startswith("")
    page.period.setCurrentIndex(4)  # chosen dates
    page.first.setDate(page.first.date().fromString("2026-02-01", "yyyy-MM-dd"))
    page.last.setDate(page.last.date().fromString("2026-03-15", "yyyy-MM-dd"))
    assert "of 43 days with entries" in page.overview.text()
    page.questions.setPlainText("Should the evening dose move earlier?")
    target = tmp_path / "from-the-page.pdf"
    pages = page.save_pdf(target)
    assert pages is not None
    assert pages >= 2
    assert "Should the evening dose move earlier?" in pdf_text(target)
    [person] = people.people()
    assert person.questions == "Should the evening dose move earlier?"


def test_the_summary_command_writes_the_pdf(
    database: Database, diary_data: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = database.path.parent
    target = tmp_path / "cli.pdf"
    code = cli.main(
        [
            "--data-dir",
            str(folder),
            "summary",
            "--person",
            "Alex",
            "--from",
            "2026-02-01",
            "--to",
            "2026-03-15",
            "--paper",
            "letter",
            "--output",
            str(target),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "pages" in capsys.readouterr().out
    assert "43 days" in pdf_text(target)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--person", "Nobody"], "no person called 'Nobody'"),
        (
            ["--person", "Alex", "--from", "2026-03-10", "--to", "2026-03-01"],
            "Period must be a first date on or before the last date",
        ),
        (
            ["--person", "Alex", "--from", "2020-01-01", "--to", "2020-01-31"],
            "no diary entries from 2020-01-01 to 2020-01-31",
        ),
    ],
    ids=["unknown-person", "reversed-dates", "empty-period"],
)
def test_the_summary_command_refuses_clearly(
    database: Database,
    diary_data: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    target = tmp_path / "never.pdf"
    code = cli.main(
        ["--data-dir", str(database.path.parent), "summary", *arguments, "--output", str(target)]
    )
    assert code == 1
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_a_date_that_is_not_a_date_is_refused_by_the_parser(
    database: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(
            [
                "--data-dir",
                str(database.path.parent),
                "summary",
                "--person",
                "Alex",
                "--from",
                "2026-13-01",
                "--output",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert exit_info.value.code == 2
    assert "is not a date written as YYYY-MM-DD" in capsys.readouterr().err


def test_the_preview_shows_the_pages(window: MainWindow, qtbot: QtBot, diary_data: None) -> None:
    window.show_page(4)
    page = window.summary
    page.preview()
    dialog = page.open_dialog
    assert isinstance(dialog, QPrintPreviewDialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() >= 1)
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()


def page_one(path: Path) -> str:
    """The text of page 1 of a PDF."""
    return pdf_text(path).split("\f")[0]


def test_page_one_lists_every_caution_of_the_period_with_its_date(
    database: Database,
    medicines: MedicineService,
    person: Person,
    baclofen: Medicine,
    diary_data: None,
    tmp_path: Path,
) -> None:
    assert person.id is not None
    assert baclofen.id is not None
    for start, total in ((date(2026, 3, 2), 90.0), (date(2026, 3, 5), 0.0)):
        doses = (ScheduledDose(time_of_day=time(8), amount=total),) if total else ()
        medicines.record_regimen_change(
            Regimen(medicine_id=baclofen.id, start_date=start, doses=doses)
        )
    figures = SummaryService(database, fixed_clock).figures(person.id, FIRST, LAST)
    target = tmp_path / "summary.pdf"
    make_summary_pdf(TrendsService(database, fixed_clock), figures, target)
    first = " ".join(page_one(target).split())
    assert "Cautions in the period (in full in the details):" in first
    assert "2 Mar 2026: Baclofen 90 mg a day: above the usual maximum" in first
    assert "5 Mar 2026: Stopping baclofen" in first


def test_page_one_says_when_there_are_no_cautions(
    database: Database, person: Person, diary_data: None, tmp_path: Path
) -> None:
    assert person.id is not None
    figures = SummaryService(database, fixed_clock).figures(person.id, FIRST, LAST)
    target = tmp_path / "summary.pdf"
    make_summary_pdf(TrendsService(database, fixed_clock), figures, target)
    assert "Cautions in the period: none." in page_one(target)


@pytest.mark.parametrize(("paper", "index"), [("a4", 0), ("letter", 1)], ids=["A4", "Letter"])
def test_the_command_line_writes_the_same_summary_as_the_page(
    window: MainWindow,
    qtbot: QtBot,
    database: Database,
    diary_data: None,
    tmp_path: Path,
    paper: str,
    index: int,
) -> None:
    window.show_page(4)
    page = window.summary
    page.period.setCurrentIndex(4)  # chosen dates
    page.first.setDate(page.first.date().fromString("2026-02-01", "yyyy-MM-dd"))
    page.last.setDate(page.last.date().fromString("2026-03-14", "yyyy-MM-dd"))
    page.paper.setCurrentIndex(index)
    from_the_page = tmp_path / "page.pdf"
    assert page.save_pdf(from_the_page) is not None
    from_the_command = tmp_path / "command.pdf"
    arguments = ["--data-dir", str(database.path.parent), "summary", "--person", "Alex"]
    arguments += ["--from", "2026-02-01", "--to", "2026-03-14", "--paper", paper]
    assert cli.main([*arguments, "--output", str(from_the_command)]) == 0

    # The command runs on the computer's clock, the page on the tests' one: the day each was
    # produced is the only difference allowed (the period ends before either "today").
    def produced_any_day(text: str) -> str:
        return re.sub(r"produced\s+\d+\s+\w+\s+\d{4}", "produced ...", text)

    command, app = pdf_text(from_the_command), pdf_text(from_the_page)
    assert produced_any_day(command) == produced_any_day(app)
