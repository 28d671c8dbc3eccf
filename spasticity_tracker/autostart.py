"""Start at login: the app starts in the tray when the user logs in, off until switched on.

One file per platform, in the place its desktop reads at login:

- Linux and other XDG desktops: a desktop entry in ``$XDG_CONFIG_HOME/autostart`` (the XDG
  Autostart specification; GNOME, KDE, Xfce and others honour it).
- Windows: a command file in the user's Startup folder
  (``%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup``), run at every login.
- macOS: a LaunchAgent property list in ``~/Library/LaunchAgents`` with ``RunAtLoad``.

Switching off deletes the file; nothing else is touched. Each file can be read back, so the
switch in the app shows what is really there, and the tests write and read every kind.
"""

from __future__ import annotations

import os
import plistlib
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from spasticity_tracker import APP_NAME

APP_ID = "org.spasticitytracker.SpasticityTracker"
IN_TRAY = "--in-tray"  # the option the login start passes: no window, only the tray


class Platform(StrEnum):
    LINUX = "linux"
    WINDOWS = "windows"
    MACOS = "macos"


def current_platform() -> Platform:
    if sys.platform == "win32":
        return Platform.WINDOWS
    if sys.platform == "darwin":
        return Platform.MACOS
    return Platform.LINUX


def launch_command(data_dir: Path | None = None) -> list[str]:
    """How to start this copy of the app in the tray (in the data folder chosen, if any)."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        python = Path(sys.executable)
        quiet = python.with_name("pythonw.exe")  # no console window at login on Windows
        command = [str(quiet if quiet.exists() else python), "-m", "spasticity_tracker"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return [*command, IN_TRAY]


# -- Linux: a desktop entry (the Desktop Entry Specification's quoting) ---------------------

_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def _exec_quote(argument: str) -> str:
    argument = argument.replace("%", "%%")
    if argument and not _RESERVED.search(argument):
        return argument
    escaped = re.sub(r'(["`$\\])', r"\\\1", argument)
    return f'"{escaped}"'


def _string_escape(value: str) -> str:
    """A desktop entry's string escaping, applied over the Exec quoting: a backslash doubled."""
    return value.replace("\\", "\\\\")


def _string_unescape(value: str) -> str:
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), value)


def _exec_split(value: str) -> list[str]:
    """The arguments of an Exec value: spaces part them; in double quotes a backslash escapes
    the next character."""
    arguments: list[str] = []
    current: list[str] | None = None
    quoted = escaped = False
    for char in value:
        if escaped:
            current = [*(current or []), char]
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
            current = current or []
        elif char == " " and not quoted:
            if current is not None:
                arguments.append("".join(current))
            current = None
        else:
            current = [*(current or []), char]
    if current is not None:
        arguments.append("".join(current))
    return arguments


def _desktop_entry(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Reminders of doses and the daily log, from the tray\n"
        f"Exec={_string_escape(' '.join(_exec_quote(part) for part in command))}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _desktop_command(text: str) -> list[str] | None:
    for line in text.splitlines():
        if line.startswith("Exec="):
            value = _string_unescape(line[len("Exec=") :])
            return [part.replace("%%", "%") for part in _exec_split(value)]
    return None


# -- Windows: a command file in the Startup folder --------------------------------------------


def _cmd_file(command: Sequence[str]) -> str:
    for part in command:
        if '"' in part:
            raise ValueError(f"A quote cannot start at login on Windows: {part}")
    quoted = " ".join(f'"{part.replace("%", "%%")}"' for part in command)
    return f'@rem Starts {APP_NAME} in the tray at login.\r\n@start "" {quoted}\r\n'


def _cmd_command(text: str) -> list[str] | None:
    for line in text.splitlines():
        if line.startswith('@start "" '):
            parts = re.findall(r'"([^"]*)"', line[len('@start "" ') :])
            return [part.replace("%%", "%") for part in parts]
    return None


# -- macOS: a LaunchAgent ---------------------------------------------------------------------


def _launch_agent(command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


def _agent_command(data: bytes) -> list[str] | None:
    try:
        agent = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError):
        return None
    arguments = agent.get("ProgramArguments") if isinstance(agent, dict) else None
    if not isinstance(arguments, list) or not agent.get("RunAtLoad"):
        return None
    return [str(part) for part in arguments]


@dataclass(frozen=True)
class Autostart:
    """The login start of one user on one platform."""

    platform: Platform = field(default_factory=current_platform)
    home: Path = field(default_factory=Path.home)
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    @property
    def path(self) -> Path:
        """The file that starts the app at login."""
        if self.platform is Platform.WINDOWS:
            appdata = self.env.get("APPDATA") or str(self.home / "AppData" / "Roaming")
            startup = Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs"
            return startup / "Startup" / f"{APP_NAME}.cmd"
        if self.platform is Platform.MACOS:
            return self.home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        config = self.env.get("XDG_CONFIG_HOME") or str(self.home / ".config")
        return Path(config) / "autostart" / f"{APP_ID}.desktop"

    def enable(self, command: Sequence[str]) -> Path:
        """Start the app with this command at every login; the file written."""
        if self.platform is Platform.WINDOWS:
            data = _cmd_file(command).encode("utf-8")
        elif self.platform is Platform.MACOS:
            data = _launch_agent(command)
        else:
            data = _desktop_entry(command).encode("utf-8")
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)  # whole or not at all: a login never reads half a file
        return path

    def disable(self) -> None:
        """No start at login any more (nothing to do when it was off)."""
        self.path.unlink(missing_ok=True)

    def command(self) -> list[str] | None:
        """The command the login start runs, read back from its file; None when off."""
        try:
            data = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        if self.platform is Platform.MACOS:
            return _agent_command(data)
        text = data.decode("utf-8", errors="replace")
        if self.platform is Platform.WINDOWS:
            return _cmd_command(text)
        return _desktop_command(text)

    @property
    def enabled(self) -> bool:
        return self.command() is not None
