"""Which diary the app opens (--database, the environment, File > Connect), and how it starts
again on the one chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from spasticity_tracker import cli
from spasticity_tracker.app import chosen_address, open_shared_diary, restart_arguments
from spasticity_tracker.storage.server import DATABASE_ENV
from spasticity_tracker.ui.main_window import SHARED_DIARY_KEY

MENU = "postgresql://carer_one@menu.example/diary"
ENV = "postgresql://carer_one@env.example/diary"
OPTION = "postgresql://carer_one@option.example/diary"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_option_wins_over_the_environment_which_wins_over_the_menu(
    settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse = cli.build_parser().parse_args
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert chosen_address(parse([]), settings) is None
    settings.setValue(SHARED_DIARY_KEY, MENU)
    assert chosen_address(parse([]), settings) == MENU
    monkeypatch.setenv(DATABASE_ENV, ENV)
    assert chosen_address(parse([]), settings) == ENV
    assert chosen_address(parse(["--database", OPTION]), settings) == OPTION
    # The diary file chosen in the menu ("") is the file, unless the environment says more.
    settings.setValue(SHARED_DIARY_KEY, "")
    monkeypatch.setenv(DATABASE_ENV, " ")
    assert chosen_address(parse([]), settings) is None


def test_starting_again_drops_the_diary_named_and_the_tray() -> None:
    argv = ["--database", OPTION, "--verbose", "--database=" + ENV, "--in-tray", "--data-dir", "x"]
    assert restart_arguments(argv) == ["--verbose", "--data-dir", "x"]


def test_a_shared_diary_that_cannot_be_opened_is_told_and_nothing_opens(tmp_path: Path) -> None:
    told: list[str] = []
    opened = open_shared_diary(
        f"postgresql://nobody@/diary?host={tmp_path}", never_asked, told.append
    )
    assert opened is None
    [text] = told
    assert text.startswith(f"The shared diary postgresql://nobody@/diary?host={tmp_path} cannot")


def never_asked(why: str) -> str | None:
    raise AssertionError(f"no password should be asked: {why}")
