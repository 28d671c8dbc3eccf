"""PySide6's question about each import (does its source mention PySide6?) gets the answer
PySide's own check gives, without the module's source being kept in linecache."""

from __future__ import annotations

import importlib
import linecache
import os
import subprocess
import sys
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import spasticity_tracker.ui  # noqa: F401  (as every page is imported: the check replaced)
from spasticity_tracker.render import pyside_feature


@pytest.fixture
def feature() -> Any:
    return sys.modules["shibokensupport.feature"]


@pytest.fixture
def modules_folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    try:
        yield tmp_path
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("st_feature_uses_qt", "st_feature_plain"):
            sys.modules.pop(name, None)


def test_pysides_check_is_replaced_once(feature: Any) -> None:
    """A later PySide6 without this check makes this fail: the module is then to be
    reconsidered (or removed), not kept doing nothing."""
    check = feature._mod_uses_pyside
    assert isinstance(check, pyside_feature._BytesCheck)
    assert pyside_feature.read_sources_without_keeping() is True
    assert feature._mod_uses_pyside is check  # replaced once, not wrapped again


def test_a_module_imported_later_is_asked_about_and_its_source_not_kept(
    feature: Any, modules_folder: Path
) -> None:
    (modules_folder / "st_feature_uses_qt.py").write_text(
        "from PySide6.QtCore import QObject\nVALUE = 1\n", encoding="utf-8"
    )
    (modules_folder / "st_feature_plain.py").write_text("VALUE = 2\n", encoding="utf-8")
    importlib.invalidate_caches()
    # As an import statement does (importlib.import_module passes by PySide's hook).
    uses_qt = __import__("st_feature_uses_qt")
    plain = __import__("st_feature_plain")

    decided = feature.pyside_feature_dict
    assert decided["st_feature_uses_qt"] == 0  # uses PySide: no feature switched on
    assert decided["st_feature_plain"] == -1  # ignored by feature switching
    assert uses_qt.__file__ not in linecache.cache
    assert plain.__file__ not in linecache.cache


def test_a_module_without_a_source_file_gets_pysides_own_answer(
    feature: Any, modules_folder: Path
) -> None:
    """A module imported from a zip (as a frozen build's are, from an archive) has no file to
    read: PySide's check answers, and finds PySide6 named in it."""
    archive = modules_folder / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("st_feature_zipped.py", "import PySide6\n")
    sys.path.insert(0, str(archive))
    try:
        __import__("st_feature_zipped")
    finally:
        sys.path.remove(str(archive))
        sys.modules.pop("st_feature_zipped", None)
    assert feature.pyside_feature_dict["st_feature_zipped"] == 0
    linecache.clearcache()  # what PySide's own check read


def test_odd_modules_get_pysides_own_answer(feature: Any, tmp_path: Path) -> None:
    """Something put in sys.modules that is not a module, and a module named by a file name
    that cannot be opened: PySide's check answers, and nothing is raised."""
    source = tmp_path / "names_qt.py"
    source.write_text("import PySide6\n", encoding="utf-8")

    class NotAModule:
        __name__ = "st_not_a_module"
        __file__ = str(source)

    odd_name = types.ModuleType("st_odd_name")
    odd_name.__file__ = str(tmp_path / "nul\0byte.py")
    check = feature._mod_uses_pyside
    for odd in (NotAModule(), odd_name):
        assert check(odd) == check.pyside_check(odd)
    linecache.clearcache()


@pytest.mark.parametrize(
    ("first", "then", "folder"),
    [
        # A command that takes the data folder's lock, then runs the import or the example data.
        (
            "spasticity_tracker.lock",
            "spasticity_tracker.services.transfer, spasticity_tracker.services.demo",
            "services",
        ),
        # The summary command: the chart without a window, with pyqtgraph.
        ("spasticity_tracker.render.summary_pdf", "pyqtgraph.exporters", "pyqtgraph"),
        # The window's pages.
        ("spasticity_tracker.ui.style", "spasticity_tracker.ui.pages.trends_page", "ui"),
    ],
)
def test_each_way_in_keeps_no_source_of_what_is_imported_after_it(
    first: str, then: str, folder: str
) -> None:
    """In a new process, as each command or the window starts: Qt comes in with `first`, and
    nothing imported after it keeps its source in linecache."""
    script = (
        "import linecache, os, sys\n"
        "from pathlib import Path\n"
        f"import {first}\n"
        f"import {then}\n"
        "print(sorted(name for name in linecache.cache if os.path.isfile(name)"
        f" and {folder!r} in Path(name).parts))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "name",
    [
        "spasticity_tracker.ui.style",  # imports PySide6
        "spasticity_tracker.render.chart",  # imports pyqtgraph and PySide6
        "spasticity_tracker.domain.entities",  # no Qt
        "pyqtgraph.graphicsItems.PlotItem.PlotItem",  # another package's, with Qt
        "sqlalchemy.orm.session",
        "json",  # the standard library's
        "sys",  # built in: no source
        "_sqlite3",  # an extension module: no source
    ],
)
def test_the_answer_is_pysides_own(feature: Any, name: str) -> None:
    module = importlib.import_module(name)
    check = feature._mod_uses_pyside
    assert isinstance(check, pyside_feature._BytesCheck)
    assert check(module) == check.pyside_check(module)
    linecache.clearcache()  # what PySide's own check read


def test_without_pysides_check_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", object())
    assert pyside_feature.read_sources_without_keeping() is False
