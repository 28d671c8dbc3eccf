"""PySide6's question about each import (does its source mention PySide6?) gets the answer
PySide's own check gives, without the module's source being kept in linecache."""

from __future__ import annotations

import importlib
import linecache
import sys
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


def test_the_window_and_the_chart_replace_pysides_check(feature: Any) -> None:
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
