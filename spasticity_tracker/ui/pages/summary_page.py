"""The Summary page: choose the period, write questions, preview, print or save the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QHideEvent, QImage, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from spasticity_tracker.domain.entities import NOTE_MAX, PersonId
from spasticity_tracker.domain.errors import TrackerError, os_reason
from spasticity_tracker.domain.validation import EARLIEST_DATE
from spasticity_tracker.presentation.periods import SUMMARY_PRESETS, Span, preset_range
from spasticity_tracker.presentation.summary_view import overview_text
from spasticity_tracker.render.summary_pdf import (
    chart_image,
    default_page_size,
    make_summary_pdf,
    paint_summary,
)
from spasticity_tracker.reports.figures import SummaryFigures
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.summary import SummaryService
from spasticity_tracker.services.trends import TrendsService
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.dialogs.files import choose_new_file
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    buddy_label,
    choice_box,
    enforce_targets,
    plain_label,
    to_qdate,
)
from spasticity_tracker.ui.widgets.page import LazyPage
from spasticity_tracker.ui.widgets.screen_fit import fit_to_screen

PAPER = (("A4", QPageSize.PageSizeId.A4), ("Letter", QPageSize.PageSizeId.Letter))
RELOAD_ON = (
    DataChange.ENTRIES
    | DataChange.REGIMENS
    | DataChange.APPOINTMENTS
    | DataChange.PEOPLE
    | DataChange.DOSES
)


class SummaryPage(LazyPage):
    """The clinic summary for the chosen period, on screen in brief and on paper in full."""

    reload_on = RELOAD_ON

    def __init__(
        self,
        summaries: SummaryService,
        trends: TrendsService,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__("Clinic summary", state, user_actions, parent)
        self._summaries = summaries
        self._trends = trends
        self._questions_of: PersonId | None = None  # whose questions are in the box
        self._loaded = ""  # the questions as last saved
        layout = self.body

        period = QHBoxLayout()
        self.period = choice_box(
            "Period of the summary", ((p.label, None) for p in SUMMARY_PRESETS)
        )
        period_label = buddy_label("Peri&od", self.period)
        self.first = DateEdit(name="First day of the summary")
        self.last = DateEdit(name="Last day of the summary")
        self.paper = choice_box("Paper size", PAPER)
        self.paper.setCurrentIndex([p for _, p in PAPER].index(default_page_size()))
        paper_label = buddy_label("Paper si&ze", self.paper)
        to = plain_label("to", wrap=False)
        for widget in (period_label, self.period, self.first, to, self.last):
            period.addWidget(widget)
        period.addStretch(1)
        layout.addLayout(period)
        # The paper on a row of its own: with the period it is wider than a small laptop's
        # screen at the largest text.
        paper = QHBoxLayout()
        paper.addWidget(paper_label)
        paper.addWidget(self.paper)
        paper.addStretch(1)
        layout.addLayout(paper)

        self.overview = plain_label()
        self.overview.setAccessibleName("The summary in brief")
        layout.addWidget(self.overview)

        questions_label = plain_label(
            "&Questions for the appointment (printed on page 1)", wrap=False
        )
        self.questions = QPlainTextEdit()
        self.questions.setAccessibleName("Questions for the appointment")
        self.questions.setPlaceholderText(
            "Anything you want to ask or tell the neurologist, e.g. whether the drowsiness "
            "could be from the higher dose."
        )
        self.questions.setTabChangesFocus(True)  # Tab moves on, as everywhere else
        questions_label.setBuddy(self.questions)
        layout.addWidget(questions_label)
        self.questions.setMaximumHeight(220)
        layout.addWidget(self.questions)

        buttons = QHBoxLayout()
        self.save_questions_button = QPushButton("&Keep these questions")
        self.preview_button = QPushButton("Previe&w…")
        self.preview_button.setAccessibleName("Preview the printed summary")
        self.print_button = QPushButton("Pr&int…")
        self.pdf_button = QPushButton("Save as P&DF…")
        self.pdf_button.setProperty("role", "primary")
        for button in (
            self.save_questions_button,
            self.preview_button,
            self.print_button,
            self.pdf_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        enforce_targets(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.first.dateChanged.connect(self._on_dates_changed)
        self.last.dateChanged.connect(self._on_dates_changed)
        self.save_questions_button.clicked.connect(self.keep_questions)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_summary)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self._state.person_changed.connect(lambda _person: self.load_person())

    # -- period and overview ---------------------------------------------------------------

    def load_person(self) -> None:
        """Show the current person's questions (keeping what was typed for the one before)."""
        # Keep what was typed for the person shown until now, before showing the next one's.
        if self._questions_of is not None and self.questions.toPlainText() != self._loaded:
            before, text = self._questions_of, self.questions.toPlainText()[:NOTE_MAX]
            self._actions.attempt(
                lambda: self._summaries.save_questions(before, text), self.message
            )
        person = self._state.person
        self._loaded = person.questions if person else ""
        self._questions_of = None if person is None else person.id
        self.questions.setPlainText(self._loaded)
        self.reload_when_shown()

    def questions_saved_elsewhere(self, text: str) -> None:
        """The questions were saved from the check-in: shown here too, unless being edited."""
        if self.questions.toPlainText() == self._loaded:
            self._loaded = text
            self.questions.setPlainText(text)

    def reload(self) -> None:
        super().reload()
        self._apply_period()

    def _on_period_changed(self) -> None:
        self._apply_period()

    def _on_dates_changed(self) -> None:
        if SUMMARY_PRESETS[self.period.currentIndex()].is_chosen:
            self._update_overview()

    def _apply_period(self) -> None:
        person_id = self._state.person_id
        preset = SUMMARY_PRESETS[self.period.currentIndex()]
        self.first.setEnabled(preset.is_chosen)
        self.last.setEnabled(preset.is_chosen)
        if person_id is None:
            return
        if preset.span is Span.APPOINTMENT:
            shown: tuple[date, date] | None = self._summaries.default_period(person_id)
        else:
            shown = preset_range(preset, self._summaries.today(), earliest=EARLIEST_DATE)
        if shown is not None:
            for edit, value in zip((self.first, self.last), shown, strict=True):
                edit.blockSignals(True)
                edit.setDate(to_qdate(value))
                edit.blockSignals(False)
        self._update_overview()

    def chosen_period(self) -> tuple[date, date]:
        return self.first.value(), self.last.value()

    def figures(self) -> SummaryFigures | None:
        """The figures for the chosen period, or None (and a message) when there are none."""
        person_id = self._state.person_id
        if person_id is None:
            return None
        first, last = self.chosen_period()
        try:
            figures = self._summaries.figures(person_id, first, last)
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return None
        return figures

    def _update_overview(self) -> None:
        figures = self.figures()
        if figures is None:
            self.overview.setText("")
            return
        self.message.hide()
        self.overview.setText(overview_text(figures))

    # -- questions -------------------------------------------------------------------------

    def keep_questions(self) -> bool:
        """Save the questions with the person (also done before printing and on leaving)."""
        person = self._state.person
        text = self.questions.toPlainText()[:NOTE_MAX]
        if person is None or person.id is None or text == person.questions:
            return True
        person_id = person.id
        saved = self._actions.attempt(
            lambda: self._summaries.save_questions(person_id, text), self.message
        )
        if saved is None:
            return False
        self._state.update_person(saved.value)
        self._loaded = text
        self.message.show_message("Questions kept; they print on page 1.")
        return True

    def hideEvent(self, event: QHideEvent) -> None:
        self.keep_questions()  # nothing typed is lost by leaving the page
        super().hideEvent(event)

    # -- output ----------------------------------------------------------------------------

    def _page_size(self) -> QPageSize.PageSizeId:
        return PAPER[self.paper.currentIndex()][1]

    def _ready(self) -> SummaryFigures | None:
        if not self.keep_questions():
            return None
        figures = self.figures()
        if figures is not None and figures.days_with_entries == 0:
            self.message.show_message(
                "There are no diary entries in this period: choose another period.", error=True
            )
            return None
        return figures

    def save_pdf(self, path: Path) -> int | None:
        """Write the summary PDF; returns the number of pages, or None when it could not."""
        figures = self._ready()
        if figures is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.message.show_message("Making the summary…")
        QGuiApplication.processEvents()
        try:
            pages = make_summary_pdf(self._trends, figures, path, self._page_size())
        except TrackerError as error:
            # A folder, a missing folder or a full disk: said plainly; nothing was left behind.
            self.message.show_message(str(error), error=True)
            return None
        except OSError as error:
            self.message.show_message(
                f"The PDF could not be written: {os_reason(error)}", error=True
            )
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.message.show_message(f"Summary saved: {path} ({pages} pages).")
        return pages

    def _on_pdf_clicked(self) -> None:
        person = self._state.person
        if person is None:
            return
        first, last = self.chosen_period()
        suggested = f"spasticity-summary-{person.name}-{first}-to-{last}.pdf".replace(" ", "-")
        self.file_dialog = choose_new_file(
            self,
            "Save the summary as a PDF",
            suggested,
            "PDF documents (*.pdf)",
            ".pdf",
            self.save_pdf,
        )

    def _printer(self) -> QPrinter:
        from spasticity_tracker.render.summary_pdf import new_printer

        return new_printer(self._page_size())

    def _chart(self, figures: SummaryFigures) -> QImage:
        # Made before any print dialog opens: not while a print engine is painting.
        assert figures.person.id is not None
        return chart_image(self._trends, figures.person.id, figures.first, figures.last)

    def preview(self) -> None:
        figures = self._ready()
        if figures is None:
            return
        chart = self._chart(figures)
        # The dialog does not own the printer: keep it alive for as long as the dialog.
        self._preview_printer = self._printer()
        self.preview_dialog = dialog = QPrintPreviewDialog(self._preview_printer, self)
        dialog.setWindowTitle("Preview of the clinic summary")
        dialog.paintRequested.connect(lambda printer: paint_summary(printer, figures, chart))
        fit_to_screen(dialog, QSize(1000, 900))
        self.open_dialog = dialog
        dialog.open()

    def print_summary(self) -> None:
        figures = self._ready()
        if figures is None:
            return
        chart = self._chart(figures)
        self._print_printer = printer = self._printer()
        dialog = QPrintDialog(printer, self)

        def chosen() -> None:
            paint_summary(printer, figures, chart)
            self.message.show_message("Summary sent to the printer.")

        dialog.accepted.connect(chosen)
        self.open_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open() itself wants a receiver
