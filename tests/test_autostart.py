"""Start at login: each platform's file written where its desktop looks, read back, removed."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spasticity_tracker.autostart import (
    IN_TRAY,
    Autostart,
    Platform,
    current_platform,
    launch_command,
)

# Spaces, quotes, a dollar, a percent and a backslash: the characters each format must escape.
AWKWARD = [
    "/opt/My Apps/python3",
    "-m",
    "spasticity_tracker",
    "--data-dir",
    "/home/jo/Jo's diary $HOME 100% back\\slash",
    IN_TRAY,
]
WINDOWS_AWKWARD = [
    r"C:\Program Files\Spasticity Tracker\spasticity-tracker.exe",
    "--data-dir",
    r"D:\Jo's diary 100%",
    IN_TRAY,
]


@pytest.mark.parametrize(
    ("platform", "env", "where"),
    [
        (Platform.LINUX, {}, ".config/autostart/org.spasticitytracker.SpasticityTracker.desktop"),
        (
            Platform.LINUX,
            {"XDG_CONFIG_HOME": "{home}/cfg"},
            "cfg/autostart/org.spasticitytracker.SpasticityTracker.desktop",
        ),
        (
            Platform.WINDOWS,
            {"APPDATA": "{home}/Roaming"},
            "Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Spasticity Tracker.cmd",
        ),
        (
            Platform.WINDOWS,
            {},
            "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Spasticity Tracker.cmd",
        ),
        (
            Platform.MACOS,
            {},
            "Library/LaunchAgents/org.spasticitytracker.SpasticityTracker.plist",
        ),
    ],
    ids=["xdg", "xdg-config-home", "windows-appdata", "windows-default", "macos"],
)
def test_the_file_is_where_the_desktop_reads_it_at_login(
    tmp_path: Path, platform: Platform, env: dict[str, str], where: str
) -> None:
    login = Autostart(platform, tmp_path, {k: v.format(home=tmp_path) for k, v in env.items()})
    assert not login.enabled
    command = WINDOWS_AWKWARD if platform is Platform.WINDOWS else AWKWARD
    assert login.enable(command) == tmp_path / where
    assert login.path.is_file()
    assert login.command() == command
    assert login.enabled
    assert [p.name for p in login.path.parent.iterdir()] == [login.path.name]  # no partial file
    login.disable()
    assert not login.path.exists()
    assert login.command() is None
    login.disable()  # switching off twice is no error


def test_the_desktop_entry_is_valid_and_starts_in_the_tray(tmp_path: Path) -> None:
    login = Autostart(Platform.LINUX, tmp_path, {})
    path = login.enable(AWKWARD)
    text = path.read_text(encoding="utf-8")
    assert "Type=Application\n" in text
    assert "X-GNOME-Autostart-enabled=true\n" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line == (
        'Exec="/opt/My Apps/python3" -m spasticity_tracker --data-dir '
        '"/home/jo/Jo\'s diary \\\\$HOME 100%% back\\\\\\\\slash" --in-tray'
    )
    validator = shutil.which("desktop-file-validate")
    if validator is not None:  # desktop-file-utils, installed by .ci/run
        result = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_windows_command_file_starts_the_app_without_waiting(tmp_path: Path) -> None:
    path = Autostart(Platform.WINDOWS, tmp_path, {}).enable(WINDOWS_AWKWARD)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[1] == (
        '@start "" "C:\\Program Files\\Spasticity Tracker\\spasticity-tracker.exe" '
        '"--data-dir" "D:\\Jo\'s diary 100%%" "--in-tray"'
    )


def test_a_windows_argument_with_a_quote_is_refused(tmp_path: Path) -> None:
    login = Autostart(Platform.WINDOWS, tmp_path, {})
    with pytest.raises(ValueError, match="quote"):
        login.enable(['C:\\a"b.exe'])
    assert not login.path.exists()


def test_the_launch_agent_runs_at_load(tmp_path: Path) -> None:
    path = Autostart(Platform.MACOS, tmp_path, {}).enable(AWKWARD)
    agent = plistlib.loads(path.read_bytes())
    assert agent == {
        "Label": "org.spasticitytracker.SpasticityTracker",
        "ProgramArguments": AWKWARD,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }


@pytest.mark.parametrize(
    ("platform", "content"),
    [
        (Platform.MACOS, b"not a property list"),
        (Platform.MACOS, plistlib.dumps({"Label": "x", "ProgramArguments": ["a"]})),
        (Platform.LINUX, b"[Desktop Entry]\nType=Application\n"),
        (Platform.WINDOWS, b"@echo off\r\n"),
    ],
    ids=["damaged-plist", "not-at-load", "no-exec", "no-start"],
)
def test_a_file_that_starts_nothing_reads_as_off(
    tmp_path: Path, platform: Platform, content: bytes
) -> None:
    login = Autostart(platform, tmp_path, {})
    login.path.parent.mkdir(parents=True)
    login.path.write_bytes(content)
    assert login.command() is None


def test_the_launch_command_starts_this_python_in_the_tray(tmp_path: Path) -> None:
    command = launch_command(tmp_path / "diary")
    assert command[0] in (sys.executable, str(Path(sys.executable).with_name("pythonw.exe")))
    assert command[1:] == [
        "-m",
        "spasticity_tracker",
        "--data-dir",
        str(tmp_path / "diary"),
        IN_TRAY,
    ]
    assert launch_command() == [*command[:3], IN_TRAY]


def test_a_frozen_app_starts_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert launch_command() == [sys.executable, IN_TRAY]


def test_the_current_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, expected in (("win32", "windows"), ("darwin", "macos"), ("linux", "linux")):
        monkeypatch.setattr(sys, "platform", name)
        assert current_platform() == expected
