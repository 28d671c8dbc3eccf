"""A long session must not abort: the Qt bindings keep Python's reference counts right."""

from __future__ import annotations

import gc
import sys

from pytestqt.qtbot import QtBot

from spasticity_tracker.ui.main_window import MainWindow

CLICKS = 200
SLACK = 20  # references that caches may take or give back meanwhile


def test_choosing_values_keeps_the_reference_counts_of_none_and_true(
    window: MainWindow, qtbot: QtBot
) -> None:
    # With PySide6 6.12.0 on CPython 3.11 every call of a void Qt method drops a reference to
    # None and every signal emit one to True; after a few thousand clicks the app aborts with
    # "Fatal Python error: none_dealloc". (From CPython 3.12 on both are immortal.)
    pain = window.today.form.pain
    gc.collect()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for click in range(CLICKS):
        pain.buttons[click % len(pain.buttons)].click()
    gc.collect()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    assert lost_none < SLACK, f"{lost_none} references to None lost in {CLICKS} clicks"
    assert lost_true < SLACK, f"{lost_true} references to True lost in {CLICKS} clicks"
