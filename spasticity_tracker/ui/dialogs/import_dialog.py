"""File > Import: choose a spreadsheet diary, see what it would add and raise, import it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.errors import TrackerError, os_reason
from spasticity_tracker.presentation.formatting import import_totals
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.dialogs.files import choose_file
from spasticity_tracker.ui.dialogs.messages import tell
from spasticity_tracker.ui.widgets.fields import enforce_targets, labelled_rows, plain_label
from spasticity_tracker.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:  # handed over by the window; imported where the import is made
    from spasticity_tracker.domain.diary_csv import CsvDiary
    from spasticity_tracker.services.transfer import ImportReport, TransferService


def preview_lines(diary: CsvDiary, report: ImportReport) -> list[str]:
    """What an import would add, its new medicines and the cautions it would raise."""
    first = min(row.day for row in diary.rows)
    last = max(row.day for row in diary.rows)
    lines = [
        f"{len(diary.rows)} rows from {first} to {last}.",
        "It would add "
        + import_totals(
            report.entries, report.side_effects, report.regimens, report.doses, report.events
        )
        + ".",
    ]
    lines += report.notes  # e.g. a time the clocks pass twice, and which was taken
    for column in diary.dose_columns:
        lines.append(f"Doses of {column.medicine} ({column.unit.value}): column {column.column}")
    for medicine in report.new_medicines:
        what = f"{medicine.form.label.lower()}, active ingredient {medicine.ingredient.word}"
        check = (
            ""
            if medicine.ingredient_confirmed
            else " (guessed from the name: check it on the Medicines page)"
        )
        lines.append(f"New medicine: {medicine.name} ({what}){check}.")
    if diary.unknown_columns:
        lines.append("Columns ignored (not known): " + ", ".join(diary.unknown_columns))
    if report.cautions:
        lines.append("")
        lines.append("Cautions (information only: nothing is blocked):")
        for caution in report.cautions:
            lines += [caution.line, ""]
    else:
        lines.append("")
    lines.append("Records already in the diary are left as they are.")
    return lines


class ImportDialog(QDialog):
    """Choose a CSV file, see what it would add (or every problem), then import it."""

    def __init__(
        self,
        transfer: TransferService,
        person_name: str,
        entered_by: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._transfer = transfer
        self._data: bytes | None = None
        self.change = DataChange.NONE
        self.setWindowTitle("Import a spreadsheet diary")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        form = QFormLayout()
        layout.addLayout(form)
        file_row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setAccessibleName("File to import")
        self.choose = QPushButton("C&hoose a file…")
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        holder = QWidget()
        holder.setLayout(file_row)
        self.person = QLineEdit(person_name)
        self.person.setAccessibleName("Import into the diary of")
        self.entered_by = QLineEdit(entered_by)
        self.entered_by.setAccessibleName("Rows without entered_by were entered by")
        self.day_first = QCheckBox("Dates may be written day first (31/12/2025)")
        labelled_rows(
            form,
            (
                ("&File", holder),
                ("&Person", self.person),
                ("Rows &entered by", self.entered_by),
            ),
        )
        form.addRow("", self.day_first)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("What the import would add, or its problems")
        self.preview.setPlaceholderText("Choose a CSV file to see what it holds.")
        layout.addWidget(plain_label("Preview"))
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)  # see widgets
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self._on_import_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choose.clicked.connect(self._on_choose_clicked)
        self.day_first.toggled.connect(self._update_preview)
        self.person.editingFinished.connect(self._update_preview)
        enforce_targets(self)
        self.resize(720, 560)

    def _on_choose_clicked(self) -> None:
        self.file_dialog = choose_file(
            self, "Choose a diary file", "CSV files (*.csv *.txt);;All files (*)", self.load
        )

    def load(self, path: Path) -> None:
        """Read a file and show what it would add."""
        try:
            self._data = path.read_bytes()
        except OSError as error:
            self._data = None
            self.message.show_message(f"Cannot read {path}: {os_reason(error)}", error=True)
            return
        self.file.setText(str(path))
        self._update_preview()

    def _update_preview(self) -> None:
        from spasticity_tracker.domain.diary_csv import read_diary_csv  # not needed at start

        self.import_button.setEnabled(False)
        if self._data is None:
            return
        try:
            diary = read_diary_csv(self._data, day_first=self.day_first.isChecked())
            # The import itself, rolled back: exactly what it would add and raise.
            report = self._transfer.import_csv(
                self._data,
                self.person.text(),
                entered_by=self.entered_by.text(),
                day_first=self.day_first.isChecked(),
                rehearse=True,
            )
        except TrackerError as error:
            self.preview.setPlainText(str(error))
            return
        if not diary.rows:
            self.preview.setPlainText("The file has a header but no rows.")
            return
        self.preview.setPlainText("\n".join(preview_lines(diary, report)))
        self.import_button.setEnabled(True)

    def _on_import_clicked(self) -> None:
        if self._data is None:
            return
        try:
            report = self._transfer.import_csv(
                self._data,
                self.person.text(),
                entered_by=self.entered_by.text(),
                day_first=self.day_first.isChecked(),
            )
        except TrackerError as error:
            self.preview.setPlainText(str(error))
            self.message.show_message("Nothing was imported.", error=True)
            return
        self.change = report.change
        cautions = "".join(f"\n\n{caution.line}" for caution in report.cautions)
        # Said by the window, as this dialog closes: never a blocking box.
        self.message_box = tell(
            self.parentWidget() or self,
            f"Imported for {report.person}: "
            + import_totals(
                report.entries, report.side_effects, report.regimens, report.doses, report.events
            )
            + "."
            + cautions,
        )
        self.accept()
