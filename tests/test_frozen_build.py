"""The frozen app (PyInstaller, one folder) builds and passes its own smoke test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_frozen_build_passes_its_smoke_test(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    assert uv is not None, "uv builds the frozen app (it installs PyInstaller)"
    build = subprocess.run(
        [
            uv,
            "run",
            "--group",
            "packaging",
            "pyinstaller",
            "--noconfirm",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "packaging" / "spasticity-tracker.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    program = (
        tmp_path
        / "dist"
        / "spasticity-tracker"
        / ("spasticity-tracker.exe" if sys.platform == "win32" else "spasticity-tracker")
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    smoke = subprocess.run(
        [str(program), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=environment,
    )
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    assert "smoke test passed" in smoke.stdout
    bundled = tmp_path / "dist" / "spasticity-tracker" / "_internal"
    assert (bundled / "README.md").is_file()  # Help > User guide
    assert (bundled / "spasticity_tracker" / "storage" / "migrations" / "env.py").is_file()
