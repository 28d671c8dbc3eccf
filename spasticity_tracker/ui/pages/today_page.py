"""The Today page: log a day in seconds, with large targets and keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import DoseRecord, PersonId
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.scales import (
    SIDE_EFFECT_LABELS,
)
from spasticity_tracker.presentation.today_view import (
    cycle_text,
    day_changed_text,
    describe_entry,
    saved_text,
    title,
)
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.diary import DayLog, DayOverview
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.dialogs.extra_dose_dialog import ExtraDoseDialog
from spasticity_tracker.ui.widgets.day_panels import (
    DosesPanel,
    EventsPanel,
    SideEffectsPanel,
)
from spasticity_tracker.ui.widgets.entry_form import EntryForm
from spasticity_tracker.ui.widgets.fields import (
    plain_label,
)
from spasticity_tracker.ui.widgets.message_bar import CautionList
from spasticity_tracker.ui.widgets.page import Page

RELOAD_ON = (
    DataChange.ENTRIES
    | DataChange.DOSES
    | DataChange.SIDE_EFFECTS
    | DataChange.REGIMENS
    | DataChange.MEDICINES
    | DataChange.PEOPLE
    | DataChange.CARERS
    | DataChange.REFILLS
    | DataChange.APPOINTMENTS
    | DataChange.EVENTS
)

# The most of the page's height the cautions take: beyond it they fold to one line each, and
# then scroll, so that the stiffness row and Save stay in view on a small screen.
CAUTION_SHARE = 1 / 3
FOCUS_LINES = 1.5  # lines of text shown around a field scrolled into view: its label too


class TodayPage(Page):
    """Stiffness, spasms, pain, sleep, today's doses, side effects, events and a note."""

    check_in_requested = Signal()
    appointments_requested = Signal()

    def __init__(
        self,
        services: Services,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__("Today", state, user_actions, parent)
        self._services = services
        self._overview: DayOverview | None = None
        self._day: date | None = None

        self._saved_text: str | None = None  # what the last save said, until an entry is begun
        # Doses over an hour late and not recorded, while reminders are on (set by the window).
        self.late_notice: Callable[[PersonId], Caution | None] | None = None
        self._clearing = False

        outer = self.body
        # Missed-dose and pump-refill cautions stay until the situation changes.
        self.cautions = CautionList(foldable=True)
        self._caution_area = QScrollArea()
        self._caution_area.setWidgetResizable(True)
        self._caution_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self._caution_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._caution_area.setWidget(self.cautions)
        self._caution_area.hide()
        outer.addWidget(self._caution_area)

        # The next appointment, one line, and the check-in from two weeks before it: offered,
        # never in the way (the keyboard starts on the stiffness row all the same).
        self.cycle_bar = QFrame()
        self.cycle_bar.setProperty("role", "banner")
        cycle_row = QHBoxLayout(self.cycle_bar)
        cycle_row.setContentsMargins(10, 4, 6, 4)
        self.cycle_text = plain_label()
        self.cycle_text.setAccessibleName("Next appointment")
        self.check_in_button = QPushButton("Chec&k in…")
        self.check_in_button.setAccessibleName("Check in before the appointment")
        self.appointments_button = QPushButton("Appointments…")
        cycle_row.addWidget(self.cycle_text, 1)
        cycle_row.addWidget(self.check_in_button)
        cycle_row.addWidget(self.appointments_button)
        self.cycle_bar.hide()
        outer.addWidget(self.cycle_bar)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        # Two columns when they fit, one under the other with large text or a narrow window.
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self._left = QWidget()
        self._right = QWidget()
        left = QVBoxLayout(self._left)
        right = QVBoxLayout(self._right)
        left.setContentsMargins(0, 0, 0, 0)
        right.setContentsMargins(0, 0, 0, 0)
        self._columns.addWidget(self._left, 3)
        self._columns.addWidget(self._right, 2)
        scroll.setWidget(content)
        self._scroll = scroll
        outer.addWidget(scroll, 1)

        self.form = EntryForm(show_when=True)
        symptoms_box = QGroupBox("How are you today?")
        QVBoxLayout(symptoms_box).addWidget(self.form)
        left.addWidget(symptoms_box)
        left.addStretch(1)

        self.doses = DosesPanel(services.diary.now)
        doses_box = QGroupBox("Today's doses")
        QVBoxLayout(doses_box).addWidget(self.doses)
        right.addWidget(doses_box)

        self.side_effects = SideEffectsPanel()
        effects_box = QGroupBox("Side effects today")
        QVBoxLayout(effects_box).addWidget(self.side_effects)
        right.addWidget(effects_box)

        self.events = EventsPanel()
        events_box = QGroupBox("Events and triggers today")
        QVBoxLayout(events_box).addWidget(self.events)
        right.addWidget(events_box)

        logged_box = QGroupBox("Already logged today")
        self.logged = plain_label("Nothing yet.")
        self.logged.setAccessibleName("Entries already logged today")
        QVBoxLayout(logged_box).addWidget(self.logged)
        right.addWidget(logged_box)
        right.addStretch(1)

        bar = QHBoxLayout()
        self.entering_as = plain_label(role="hint", wrap=False)
        self.save_button = QPushButton("Save (Enter)")
        self.save_button.setAccessibleName("Save today's entry")
        self.save_button.setDefault(True)
        self.save_button.setProperty("role", "primary")
        self.save_button.setMinimumWidth(220)
        bar.addWidget(self.entering_as, 1)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.save)
        for panel in (self.form, self.doses, self.side_effects, self.events):
            panel.changed.connect(self._on_entry_changed)
        self.cautions.folding_changed.connect(self._fit_cautions)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)
        self.doses.extra_dose_requested.connect(self._on_doses_extra_dose_requested)
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.appointments_button.clicked.connect(self.appointments_requested)
        self._state.person_changed.connect(self._on_state_person_changed)
        self._state.entered_by_changed.connect(self._on_state_entered_by_changed)
        self._state.data_changed.connect(self._on_state_data_changed)

    # -- loading ---------------------------------------------------------------------------

    def current_day(self) -> date:
        return self._services.diary.today()

    def reload(self) -> None:
        person_id = self._state.person_id
        self._day = self.current_day()
        self.title.setText(title(self._day))
        if person_id is None:
            return
        self.refresh_cautions()
        cycle = self._services.appointments.cycle(person_id)
        line = cycle_text(cycle)
        self.cycle_text.setText(line or "")
        self.cycle_bar.setVisible(line is not None)
        self.check_in_button.setVisible(cycle.check_in_open and cycle.check_in is None)
        overview = self._services.diary.day_overview(person_id, self._day)
        self._overview = overview
        self.doses.set_overview(overview)
        # The dose rows are made now, after the rest: put them back in reading order for Tab.
        chain = [
            self.doses.extra,
            *(button for row in self.doses.rows for button in row.buttons),
            self.side_effects.checks[0],
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.side_effects.set_reported(overview.side_effects, SIDE_EFFECT_LABELS)
        lines = [
            describe_entry(entry, self._state.enterer_name(entry.entered_by))
            for entry in reversed(overview.entries)
        ]
        self.logged.setText("\n".join(lines) if lines else "Nothing yet.")

    def refresh_cautions(self) -> None:
        """The cautions as they stand now: a dose may have become late since the last look."""
        person_id = self._state.person_id
        if person_id is None:
            return
        cautions = self._services.medicines.cautions_today(person_id)
        late = None if self.late_notice is None else self.late_notice(person_id)
        if late is not None:
            cautions = sorted([late, *cautions], key=lambda caution: -caution.level)
        self.cautions.set_cautions(cautions)

    def _on_state_person_changed(self, _person: object) -> None:
        self.clear_form()
        self.message.hide()
        self.reload()

    def _on_state_entered_by_changed(self, _carer: object) -> None:
        self.entering_as.setText(f"Entering as: {self._state.enterer_name(self._state.entered_by)}")

    def _on_state_data_changed(self, change: DataChange) -> None:
        if change & RELOAD_ON:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._day is not None and self._day != self.current_day():  # the date rolled over
            self.clear_form()
            self.reload()
        else:
            self.form.follow_clock(self._services.diary.now())
        self.doses.refresh_all_taken()

    def focus_first(self) -> None:
        """Put the keyboard on the stiffness row, the one thing every entry needs."""
        row = self.form.stiffness
        chosen = row.value()
        row.buttons[0 if chosen is None else chosen].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- layout ----------------------------------------------------------------------------

    def _fit_cautions(self) -> None:
        """Fold the cautions when they would take more than their share of the page."""
        shown = bool(self.cautions.cautions)
        self._caution_area.setVisible(shown)
        if not shown:
            return
        width = max(self.body.contentsRect().width(), 1)
        most = int(self.height() * CAUTION_SHARE)
        self.cautions.set_folded(self.cautions.height_for(width, unfolded=True) > most)
        self._caution_area.setFixedHeight(min(self.cautions.height_for(width), most))

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # A field reached by keyboard (Tab, a mnemonic) is scrolled into view, whole: with
        # ensureWidgetVisible a text field would show only its cursor, its frame cut off.
        if new is None:
            return
        for area in (self._scroll, self._caution_area):
            content = area.widget()
            if content is not None and content.isAncestorOf(new):
                place = QRect(new.mapTo(content, QPoint(0, 0)), new.size())
                centre = place.center()
                margin = int(self.fontMetrics().lineSpacing() * FOCUS_LINES)
                area.ensureVisible(
                    centre.x(),
                    centre.y(),
                    place.width() // 2 + margin,
                    place.height() // 2 + margin,
                )

    def _fit_columns(self) -> None:
        needed = self._left.minimumSizeHint().width() + self._right.minimumSizeHint().width() + 40
        side_by_side = self._scroll.viewport().width() >= needed
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()
        self._fit_cautions()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()
            self._fit_cautions()

    # -- keyboard --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            event.accept()
        elif not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and (
            self.form.choose_stiffness_key(event.text())
        ):
            event.accept()
        else:
            super().keyPressEvent(event)

    # -- saving ----------------------------------------------------------------------------

    def clear_form(self) -> None:
        self._clearing = True
        try:
            self.form.clear(self._services.diary.now())
            self.side_effects.clear()
            self.events.clear()
        finally:
            self._clearing = False
        self._saved_text = None

    def _on_entry_changed(self) -> None:
        """A new entry is begun: what the last save said no longer applies."""
        if self._clearing:
            return
        self._saved_text = None
        if self.message.isVisible() and not self.message.is_error:
            self.message.hide()

    def save(self) -> bool:
        """Save everything on the page in one go; returns whether anything was saved."""
        person_id = self._state.person_id
        if person_id is None or self._day is None:
            return False
        if self._day != self.current_day():
            # The page was opened on an earlier day: its doses belong to that day. Show the
            # new day rather than write the old day's doses with today's entry.
            old = self._day
            self.reload()
            self.message.show_message(day_changed_text(old), error=True)
            return False
        by = self._state.entered_by
        now = self._services.diary.now()
        symptoms = self.form.symptoms()
        try:
            entry = None
            if not symptoms.is_blank:
                if symptoms.stiffness is None:
                    self.message.show_message(
                        "Choose a stiffness score from 0 to 10 to save the entry "
                        "(keys 0-9, and T for 10).",
                        error=True,
                    )
                    self.form.stiffness.buttons[0].setFocus()
                    return False
                entry = self.form.to_entry(person_id, by, lambda: now)
            log = DayLog(
                entry=entry,
                doses=tuple(self.doses.records(by, now)),
                side_effects=tuple(self.side_effects.reports(person_id, self._day, by)),
                events=tuple(self.events.events(person_id, self._day, by)),
            )
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return False
        if log.is_empty:
            if self._saved_text is not None:
                # Enter pressed again after a save (slow or shaking hands): it is saved.
                self.message.show_message(self._saved_text)
                return False
            self.message.show_message(
                "Nothing to save yet: choose a stiffness score, or record a dose.", error=True
            )
            return False
        # Read before saving: the save reloads the doses, which forgets that the button was used.
        so_far = self.doses.all_taken_text()
        saved = self._actions.attempt(lambda: self._services.diary.log_day(log), self.message)
        if saved is None:
            return False
        self.clear_form()
        self._saved_text = saved_text(saved.value, now)
        if so_far is not None:
            self._saved_text += " " + so_far
        self.message.show_message(self._saved_text)
        self.focus_first()  # ready for the next entry, its first row in view
        return True

    # -- extra dose ------------------------------------------------------------------------

    def _on_doses_extra_dose_requested(self) -> None:
        if self._overview is None or self._day is None:
            return
        medicines = [m for m in self._overview.medicines if not m.route.is_continuous]
        now = self._services.diary.now().astimezone().time()
        diary = self._services.diary

        def submit(record: DoseRecord) -> None:
            name = next(m.name for m in medicines if m.id == record.medicine_id)
            self._actions.perform(
                lambda: diary.record_dose(record),
                undo=f"record the extra dose of {name}",
                service=diary,
            )
            self.message.show_message(f"Extra dose of {name} {record.amount:g} saved.")

        self._open(ExtraDoseDialog(medicines, self._day, now, self._state.entered_by, submit, self))
