"""The spreadsheet import, the exports and the JSON restore, as one service for the pages.

Each lives in its own module (csv_import, export, json_restore); this class joins them.
"""

from __future__ import annotations

from spasticity_tracker.services.csv_import import CsvImport, ImportReport
from spasticity_tracker.services.export import DiaryExport
from spasticity_tracker.services.json_restore import JsonRestore, RestoreReport

__all__ = ["ImportReport", "RestoreReport", "TransferService"]


class TransferService(CsvImport, DiaryExport, JsonRestore):
    """Spreadsheet import, the exports and the JSON restore."""
