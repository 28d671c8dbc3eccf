"""The import's preview tells what the import decided: a time the clocks pass twice."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from spasticity_tracker.domain.diary_csv import read_diary_csv
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.dialogs.import_dialog import preview_lines
from tests.conftest import fixed_clock


@pytest.fixture
def new_york() -> Iterator[None]:
    """The process's local time zone is America/New_York for the test (TZ and tzset)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_preview_says_which_of_two_times_was_taken(database: Database, new_york: None) -> None:
    data = b"date,time,stiffness\n2025-11-02,01:30,5\n"
    report = TransferService(database, fixed_clock).import_csv(data, "Alex", rehearse=True)
    lines = preview_lines(read_diary_csv(data), report)
    assert (
        "Row 2: 2025-11-02 01:30 happens twice here (the clocks go back an hour); the first "
        "was taken." in lines
    )
