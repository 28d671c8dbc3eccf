"""The user guide Help shows: written for patients and carers, bundled, naming every scale."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from spasticity_tracker import paths
from spasticity_tracker.domain import cautions, scales
from spasticity_tracker.domain.entities import Person
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.main_window import MainWindow
from tests.conftest import fixed_clock

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "resources" / "user-guide.md"


@pytest.fixture(scope="module")
def guide() -> str:
    """The text of the guide the app shows, with Markdown emphasis and line breaks removed."""
    path = paths.user_guide()
    assert path is not None
    return " ".join(path.read_text(encoding="utf-8").replace("**", "").split())


def test_help_shows_the_user_guide_not_the_developer_readme() -> None:
    assert paths.user_guide() == GUIDE.resolve()


def test_a_frozen_build_shows_the_guide_bundled_with_its_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "resources" / "user-guide.md"
    bundled.parent.mkdir()
    bundled.write_text("# Guide\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.user_guide() == bundled


def test_the_packaging_bundles_the_resources_folder_the_guide_is_in() -> None:
    spec = (ROOT / "packaging" / "spasticity-tracker.spec").read_text(encoding="utf-8")
    assert '(str(root / "resources"), "resources")' in spec
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources" = "spasticity_tracker/resources"' in pyproject


@pytest.mark.parametrize(
    "developer", ["uv run", "pytest", "PyInstaller", "pip install", "```", "git clone", "python -m"]
)
def test_the_guide_holds_no_developer_commands(guide: str, developer: str) -> None:
    assert developer.lower() not in guide.lower()


def test_the_guide_names_each_scale_in_the_apps_own_words(guide: str) -> None:
    wanted = [
        "Stiffness",
        *scales.STIFFNESS_ANCHORS,
        *scales.PENN_FREQUENCY,
        *scales.SPASM_SEVERITY,
        "Pain",
        "Sleep disruption",
        *(label for _, label in scales.SIDE_EFFECTS),
        *(kind.label for kind in scales.EventKind),
    ]
    missing = [words for words in wanted if words.lower() not in guide.lower()]
    assert missing == []


def test_the_guide_gives_the_stiffness_bands_and_the_scale_ranges(guide: str) -> None:
    for words in (
        "below 4 is mild",
        "4 to below 7 is moderate",
        "7 and above is severe",
        "0 to 10",
        "0 to 4",
        "1 to 3",
    ):
        assert words in guide


def test_the_guide_says_what_a_caution_means_and_what_to_do(guide: str) -> None:
    assert cautions.ASK in guide
    assert "never stop baclofen suddenly" in guide.lower()
    for word in ("Note", "Caution", "Urgent"):  # the words a caution starts with
        assert re.search(rf"\b{word}\b", guide)


@pytest.mark.parametrize(
    "topic",
    [
        "Set up my diary",
        "example data",
        "Alt+A",
        "Entering as",
        "Record a dose change",
        "Trends",
        "Summary",
        "PDF",
        "Print",
        "Backups",
        "Export",
        "Import",
        "Larger text",
        "Theme",
        "High contrast",
        "Dark",
        "stays on your computer",
        "Reminders",
        "Snooze",
        "start in the tray when you log in",
        "Appointments",
        "check-in",
        "Modified Ashworth",
        "Goals agreed",
    ],
)
def test_the_guide_covers_each_part_of_a_persons_use(guide: str, topic: str) -> None:
    assert topic.lower() in guide.lower()


def test_help_user_guide_opens_the_guide_in_the_app(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    services = Services.on(database, fixed_clock)
    services.people.add_person(Person(name="Alex"))
    window = MainWindow(services, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_user_guide()
    browser = window.guide_dialog.findChild(QTextBrowser)
    assert isinstance(browser, QTextBrowser)
    shown = browser.toPlainText()
    first_heading = GUIDE.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    assert shown.startswith(first_heading)
    assert "uv run" not in shown
    window.guide_dialog.reject()
