"""The main window: person and enterer, the pages, menus, undo and the text size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker import APP_NAME, __version__
from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import CarerId, Medicine, Person, PersonId, Regimen
from spasticity_tracker.domain.errors import TrackerError, os_reason
from spasticity_tracker.paths import resources_dir, user_guide
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui import style
from spasticity_tracker.ui.actions import Actions, UndoGroup
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.dialogs.backups_dialog import BackupsDialog
from spasticity_tracker.ui.dialogs.carer_dialog import CarerDialog
from spasticity_tracker.ui.dialogs.connect_dialog import ConnectDialog
from spasticity_tracker.ui.dialogs.files import choose_folder
from spasticity_tracker.ui.dialogs.import_dialog import ImportDialog
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.dialogs.messages import ask, tell
from spasticity_tracker.ui.dialogs.person_dialog import PersonDialog
from spasticity_tracker.ui.dialogs.share_dialog import ShareDialog
from spasticity_tracker.ui.pages.today_page import TodayPage
from spasticity_tracker.ui.pages.welcome_page import WelcomePage
from spasticity_tracker.ui.shared_diary import ServerNotices
from spasticity_tracker.ui.widgets.fields import buddy_label, enforce_targets
from spasticity_tracker.ui.widgets.message_bar import MessageBar
from spasticity_tracker.ui.widgets.page import Page
from spasticity_tracker.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from spasticity_tracker.autostart import Autostart
    from spasticity_tracker.ui.pages.history_page import HistoryPage
    from spasticity_tracker.ui.pages.medicines_page import MedicinesPage
    from spasticity_tracker.ui.pages.summary_page import SummaryPage
    from spasticity_tracker.ui.pages.trends_page import TrendsPage
    from spasticity_tracker.ui.reminders import ReminderCenter

P = TypeVar("P", bound=Page)  # a page, of a kind made on first use

ADD_CARER = "add-carer"
EXAMPLE_NAME = "Alex (example)"
LAST_PERSON_KEY = "ui/last_person_id"


PREFERRED_SIZE = QSize(1240, 860)  # the first start's size, where the screen allows it
SIZE_KEY = "ui/window_size"
MAXIMIZED_KEY = "ui/window_maximized"
# The shared diary chosen in File > Connect to a shared diary ("" for the diary file).
SHARED_DIARY_KEY = "diary/shared_address"


def _holder() -> QWidget:
    """An empty tab that a page made later fills."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder


def _focus_first_in(holder: QWidget) -> None:
    """Focus the first control of a tab whose page was made as it opened.

    Qt moves the focus off a page that is left to the first control of the page it opens;
    a page not made yet has none, so Qt focused the empty tab itself, one more Tab press
    away from its controls. This finds the control Qt would have: the first in the focus
    chain that Tab reaches.
    """
    widget = holder.nextInFocusChain()
    while widget is not None and widget is not holder:
        if (
            holder.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and widget.isVisibleTo(holder)
            and widget.isEnabled()
        ):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()


class MainWindow(QMainWindow):
    """The app's one window; pages talk to services, never to storage."""

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None):
        style.use_english()  # before any date field is made
        # The window is built without the app's style sheet, which is set once when the
        # window is whole (_apply_text_scale): under a style sheet, Qt styles a widget again
        # each time it is put into another, and pages are built from the inside out. That
        # took three times as long as building first and styling once.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet("")
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self.state = AppState(self)
        # Each page undoes only what it did (see ui/actions.py): a stack of its own per page.
        self.undo_group = UndoGroup(self)
        self.user_actions = Actions(self.state, self.undo_group.new_stack(), self)
        self.open_dialog: QDialog | None = None  # the dialog opened last, for its answerer
        self.message_box: QMessageBox | None = None
        self.reminders: ReminderCenter | None = None  # attached by the composition root
        self._autostart: Autostart | None = None
        self._quitting = False
        # Set when the user chose another diary to open: the app then starts again on it.
        self.restart_requested = False
        self.notices: ServerNotices | None = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "spasticity-tracker.svg")))
        self.fit_screen()

        self.welcome = WelcomePage()
        today_actions = Actions(self.state, self.undo_group.new_stack(), self)
        self.today = TodayPage(services, self.state, today_actions)
        self.undo_group.attach(self.today, today_actions, self.today.message)
        # The other pages (and pyqtgraph with Trends) are made when first opened: start-up
        # stays quick, and a day's logging never pays for them. Made at start, History and
        # Medicines took about 70 ms of it, their building and the styling of their widgets.
        self._history: HistoryPage | None = None
        self._medicines: MedicinesPage | None = None
        self._trends: TrendsPage | None = None
        self._summary: SummaryPage | None = None
        self.history_tab = _holder()
        self.medicines_tab = _holder()
        self.trends_tab = _holder()
        self.summary_tab = _holder()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Pages")
        self.tabs.setDocumentMode(True)
        for page, title in (
            (self.today, "&Today"),
            (self.history_tab, "Histor&y"),
            (self.medicines_tab, "&Medicines"),
            (self.trends_tab, "T&rends"),
            (self.summary_tab, "S&ummary"),
        ):
            self.tabs.addTab(page, title)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(8, 8, 8, 8)
        main_layout.addLayout(self._build_header())
        main_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(main)
        # A lasting notice above every page: the diary open read-only, a folder open to others.
        # Dismissible (it takes room on a small screen); a read-only diary stays in the title.
        self.notice = MessageBar()
        self.notice.setAccessibleName("Notice")
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.notice)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        enforce_targets(self)
        self._connect_signals()
        self.text_scale_index = style.clamp_scale_index(
            settings.value(style.SETTINGS_KEY, style.DEFAULT_SCALE_INDEX)
        )
        self.theme = style.theme_from_setting(settings.value(style.THEME_KEY))
        self.theme_actions[self.theme.key].setChecked(True)
        self._apply_text_scale()
        self._follow_the_server()
        self.refresh_people()
        self.show_page(0)

    # -- building --------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.person_combo = QComboBox()
        self.person_combo.setAccessibleName("Person whose diary is shown")
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        person_label = buddy_label("&Person:", self.person_combo)
        self.enterer_combo = QComboBox()
        self.enterer_combo.setAccessibleName("Entering as")
        self.enterer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        enterer_label = buddy_label("E&ntering as:", self.enterer_combo)
        self.smaller_button = QPushButton("A\N{MINUS SIGN}")
        self.smaller_button.setAccessibleName("Smaller text")
        self.smaller_button.setToolTip("Smaller text (Ctrl+minus)")
        self.larger_button = QPushButton("A+")
        self.larger_button.setAccessibleName("Larger text")
        self.larger_button.setToolTip("Larger text (Ctrl+plus)")
        for widget in (person_label, self.person_combo, enterer_label, self.enterer_combo):
            header.addWidget(widget)
        header.addStretch(1)
        header.addWidget(self.smaller_button)
        header.addWidget(self.larger_button)
        return header

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.add_person_action = file_menu.addAction("&Add a person…")
        self.edit_person_action = file_menu.addAction("&Edit this person…")
        self.add_medicine_action = file_menu.addAction("Add a &medicine…")
        file_menu.addSeparator()
        self.import_action = file_menu.addAction("&Import a spreadsheet diary…")
        self.export_action = file_menu.addAction("E&xport the diary…")
        self.backups_action = file_menu.addAction("&Backups…")
        self.appointments_action = file_menu.addAction("Appoin&tments…")
        self.open_folder_action = file_menu.addAction("Open the &data folder")
        self.open_folder_action.triggered.connect(self.open_data_folder)
        self.connect_action = file_menu.addAction("Connect to a &shared diary…")
        self.share_action = file_menu.addAction("Share this diary with a &login…")
        file_menu.addSeparator()
        self.remove_examples_action = file_menu.addAction("&Remove example data…")
        file_menu.addSeparator()
        self.show_reminders_action = file_menu.addAction("S&how due reminders")
        self.show_reminders_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.reminder_settings_action = file_menu.addAction("Reminders and start at lo&gin…")
        for action in (self.show_reminders_action, self.reminder_settings_action):
            action.setVisible(False)  # until reminders are attached
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_app)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu("&View")
        self.larger_action = view_menu.addAction("&Larger text")
        self.larger_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.smaller_action = view_menu.addAction("&Smaller text")
        self.smaller_action.setShortcut(QKeySequence("Ctrl+-"))
        self.normal_action = view_menu.addAction("&Normal text size")
        self.normal_action.setShortcut(QKeySequence("Ctrl+0"))
        theme_menu = view_menu.addMenu("&Theme")
        themes = QActionGroup(self)  # exclusive: one theme at a time
        self.theme_actions: dict[str, QAction] = {}
        for theme in style.THEMES:
            action = theme_menu.addAction(theme.name)
            action.setCheckable(True)
            action.setActionGroup(themes)
            action.triggered.connect(lambda _=False, t=theme: self.choose_theme(t))
            self.theme_actions[theme.key] = action
        view_menu.addSeparator()
        for index in range(self.tabs.count()):
            title = self.tabs.tabText(index).replace("&", "")
            action = QAction(f"Go to {title}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        guide = help_menu.addAction("&User guide")
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_user_guide)
        about = help_menu.addAction("&About")
        about.triggered.connect(self._on_about_triggered)

    @property
    def history(self) -> HistoryPage:
        """The History page, made on first use."""
        if self._history is None:
            from spasticity_tracker.ui.pages.history_page import HistoryPage

            self._history = self._undoing_page(self.history_tab, HistoryPage)
        return self._history

    @property
    def medicines(self) -> MedicinesPage:
        """The Medicines page, made on first use."""
        if self._medicines is None:
            from spasticity_tracker.ui.pages.medicines_page import MedicinesPage

            self._medicines = self._undoing_page(self.medicines_tab, MedicinesPage)
            self._medicines.add_requested.connect(self.add_medicine)
        return self._medicines

    def _undoing_page(self, holder: QWidget, kind: Callable[[Services, AppState, Actions], P]) -> P:
        """A page that undoes what it does, made in its tab, with an undo stack of its own
        that is the active one while the tab is shown (the page scrolls its own contents)."""
        actions = Actions(self.state, self.undo_group.new_stack(), self)
        page = kind(self._services, self.state, actions)
        self.undo_group.attach(holder, actions, page.message)
        self._adopt(holder, page, scroll=False)
        return page

    @property
    def trends(self) -> TrendsPage:
        """The Trends page, made on first use."""
        if self._trends is None:
            from spasticity_tracker.ui.pages.trends_page import TrendsPage

            self._trends = TrendsPage(self._services.trends, self.state, self.user_actions)
            self._adopt(self.trends_tab, self._trends)
        return self._trends

    @property
    def summary(self) -> SummaryPage:
        """The Summary page, made on first use."""
        if self._summary is None:
            from spasticity_tracker.ui.pages.summary_page import SummaryPage

            self._summary = SummaryPage(
                self._services.summary, self._services.trends, self.state, self.user_actions
            )
            self._summary.load_person()
            self._adopt(self.summary_tab, self._summary)
        return self._summary

    @staticmethod
    def _adopt(holder: QWidget, page: QWidget, *, scroll: bool = True) -> None:
        """Put a page made later in its tab. With scroll, in a scroll area: on a short screen
        with large text the page scrolls, and the window never grows past the screen (a page
        that scrolls its own contents, as History and Medicines do, goes in as it is)."""
        layout = holder.layout()
        assert layout is not None
        shown: QWidget = page
        if scroll:
            shown = QScrollArea()
            shown.setWidgetResizable(True)
            shown.setFrameShape(QScrollArea.Shape.NoFrame)
            shown.setWidget(page)
        layout.addWidget(shown)
        # Shown now, not at the next turn of the event loop: the page loads as its tab opens.
        shown.show()
        enforce_targets(page)

    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.history_tab:
            self.history.show()
        elif widget is self.medicines_tab:
            self.medicines.show()
        elif widget is self.trends_tab:
            self.trends.show()
        elif widget is self.summary_tab:
            self.summary.show()
        if widget is not None and widget.hasFocus():
            _focus_first_in(widget)

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.person_combo.activated.connect(self._on_person_combo_activated)
        self.enterer_combo.activated.connect(self._on_enterer_combo_activated)
        self.smaller_button.clicked.connect(self.smaller_text)
        self.larger_button.clicked.connect(self.larger_text)
        self.smaller_action.triggered.connect(self.smaller_text)
        self.larger_action.triggered.connect(self.larger_text)
        self.normal_action.triggered.connect(self.normal_text)
        self.add_person_action.triggered.connect(self.add_person)
        self.edit_person_action.triggered.connect(self.edit_person)
        self.add_medicine_action.triggered.connect(self.add_medicine)
        self.remove_examples_action.triggered.connect(self.remove_example_data)
        self.import_action.triggered.connect(self.import_diary)
        self.export_action.triggered.connect(self.export_diary)
        self.backups_action.triggered.connect(self.show_backups)
        self.connect_action.triggered.connect(self.connect_to_diary)
        self.share_action.triggered.connect(self.share_diary)
        self.appointments_action.triggered.connect(self.show_appointments)
        self.today.appointments_requested.connect(self.show_appointments)
        self.today.check_in_requested.connect(self.check_in)
        self.welcome.setup_requested.connect(self.set_up_diary)
        self.welcome.example_requested.connect(self.explore_example)
        self.undo_group.follow(self.tabs)

    # -- people and enterers ---------------------------------------------------------------

    def refresh_people(self, select: PersonId | None = None) -> None:
        """Reload the people; show the welcome when there is nobody."""
        people = self._services.people.people()
        self.remove_examples_action.setEnabled(any(p.is_example for p in people))
        self.edit_person_action.setEnabled(bool(people))
        self.add_medicine_action.setEnabled(bool(people))
        self.appointments_action.setEnabled(bool(people))
        if not people:
            self.person_combo.clear()
            self.stack.setCurrentWidget(self.welcome)
            self.state.set_person(None, [])
            self.welcome.setup.setFocus()
            return
        self.stack.setCurrentIndex(1)
        wanted = select if select is not None else self._remembered_person()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        for person in people:
            label = person.name + (" [example]" if person.is_example else "")
            self.person_combo.addItem(label, person.id)
        index = max(0, self.person_combo.findData(wanted))
        self.person_combo.setCurrentIndex(index)
        self.person_combo.blockSignals(False)
        self._select_person(people[index])

    def _remembered_person(self) -> PersonId | None:
        value = self._settings.value(LAST_PERSON_KEY)
        try:
            return PersonId(int(str(value)))
        except (TypeError, ValueError):
            return None

    def _select_person(self, person: Person) -> None:
        assert person.id is not None
        # Undo is about what was just done to the person on screen: never reach another's.
        self.undo_group.clear()
        self._settings.setValue(LAST_PERSON_KEY, person.id)
        carers = self._services.people.carers(person.id)
        # On a shared diary, what this login enters is entered by it, by default: its carer
        # of that name, made the first time it opens a diary it may change.
        sharing = self._services.sharing
        login = sharing.login
        mine = next((carer.id for carer in carers if login and carer.name == login), None)
        may_change = login is None or sharing.may_change(person.id)  # one question to the server
        if login is not None and mine is None and may_change:
            added = self._services.people.add_carer(person.id, login).value
            carers = [*carers, added]
            mine = added.id
        self.state.set_person(person, carers)
        self._fill_enterers(mine)
        self.state.set_entered_by(mine)
        if login is not None:
            self._say_if_read_only(person, read_only=not may_change)

    def _fill_enterers(self, chosen: CarerId | None) -> None:
        person = self.state.person
        self.enterer_combo.clear()
        if person is None:
            return
        self.enterer_combo.addItem(f"{person.name} (themself)", None)
        for carer in self.state.carers:
            self.enterer_combo.addItem(f"{carer.name} (carer)", carer.id)
        self.enterer_combo.addItem("Add a carer…", ADD_CARER)
        self.enterer_combo.setCurrentIndex(max(0, self.enterer_combo.findData(chosen)))

    def _on_person_combo_activated(self, index: int) -> None:
        person_id = self.person_combo.itemData(index)
        if person_id is None or person_id == self.state.person_id:
            return
        self._select_person(self._services.people.person(person_id))

    def _on_enterer_combo_activated(self, index: int) -> None:
        data = self.enterer_combo.itemData(index)
        if data == ADD_CARER:
            self.add_carer()
            return
        self.state.set_entered_by(data)

    def _open(self, dialog: QDialog) -> QDialog:
        """Open a dialog (non-blocking); kept as open_dialog for whoever answers it."""
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def add_carer(self) -> QDialog | None:
        person = self.state.person
        if person is None or person.id is None:
            return None
        person_id = person.id
        before = self.state.entered_by

        def submit(name: str) -> None:
            carer = self.user_actions.perform(
                lambda: self._services.people.add_carer(person_id, name)
            )
            self.state.set_carers(self._services.people.carers(person_id))
            self._fill_enterers(carer.value.id)
            self.state.set_entered_by(carer.value.id)

        dialog = CarerDialog(person.name, submit, self)
        dialog.rejected.connect(lambda: self._fill_enterers(before))  # "Add a carer…" let go
        return self._open(dialog)

    def add_person(self) -> QDialog:
        def submit(person: Person) -> None:
            saved = self.user_actions.perform(lambda: self._services.people.add_person(person))
            self.refresh_people(select=saved.value.id)

        return self._open(PersonDialog(submit, parent=self))

    def edit_person(self) -> QDialog | None:
        person = self.state.person
        if person is None:
            return None

        def submit(edited: Person) -> None:
            saved = self.user_actions.perform(lambda: self._services.people.update_person(edited))
            self.refresh_people(select=saved.value.id)

        return self._open(PersonDialog(submit, person, parent=self))

    def add_medicine(self) -> QDialog | None:
        person_id = self.state.person_id
        if person_id is None:
            return None
        medicines = self._services.medicines

        def submit(value: tuple[Medicine, Regimen]) -> None:
            medicine, first = value
            saved = self.user_actions.perform(lambda: medicines.add_medicine(medicine, first))
            self.medicines.show_raised(f"{saved.value.name} added.", saved.cautions, undo=False)

        return self._open(
            MedicineDialog(
                person_id,
                self.state.entered_by,
                medicines.today(),
                medicines.regimen_cautions,
                submit,
                self,
            )
        )

    # -- data ------------------------------------------------------------------------------

    def import_diary(self) -> QDialog:
        person = self.state.person
        enterer = self.state.enterer_name(self.state.entered_by) if self.state.entered_by else ""
        dialog = ImportDialog(self._services.transfer, person.name if person else "", enterer, self)

        def imported() -> None:
            found = self._services.people.find_person(dialog.person.text())
            self.refresh_people(select=found.id if found else None)
            self.state.broadcast(dialog.change)

        dialog.accepted.connect(imported)
        return self._open(dialog)

    def export_diary(self) -> None:
        self.file_dialog = choose_folder(self, "Export the diary into a folder", self.export_to)

    def export_to(self, folder: Path) -> None:
        """Write the diary's CSV and JSON into a folder, and say where."""
        person = self.state.person
        try:
            written = self._services.transfer.export(folder, person.name if person else None)
        except TrackerError as error:
            # Says what failed and that any earlier export there is unchanged.
            self.message_box = tell(self, str(error), problem=True)
            return
        except OSError as error:
            self.message_box = tell(self, f"Nothing was exported: {os_reason(error)}", problem=True)
            return
        names = "\n".join(path.name for path in written)
        self.message_box = tell(self, f"Written to {folder} (readable only by you):\n{names}")

    def show_backups(self) -> QDialog:
        dialog = BackupsDialog(self._services.backups, self)

        def closed() -> None:
            if dialog.change:
                self.undo_group.clear()  # the records undo knew of may be gone
                self.refresh_people()
                self.state.broadcast(dialog.change)

        dialog.finished.connect(closed)
        return self._open(dialog)

    # -- the appointment cycle -------------------------------------------------------------

    def show_appointments(self) -> QDialog | None:
        """The person's appointments, to record, correct or remove."""
        from spasticity_tracker.ui.dialogs.appointments_dialog import AppointmentsDialog

        person_id = self.state.person_id
        if person_id is None:
            return None
        dialog = AppointmentsDialog(
            self._services.appointments,
            self.user_actions,
            person_id,
            lambda: self.state.entered_by,
            self.state.enterer_name,
            self,
        )
        return self._open(dialog)

    def check_in(self) -> QDialog | None:
        """The check-in before the next appointment: skippable, everything optional."""
        from spasticity_tracker.services.appointments import CheckInAnswers
        from spasticity_tracker.ui.dialogs.check_in_dialog import CheckInDialog

        person = self.state.person
        if person is None or person.id is None:
            return None
        person_id = person.id
        service = self._services.appointments

        def submit(value: tuple[CheckInAnswers, str]) -> None:
            answers, questions = value
            saved = service.check_in(person_id, answers, self.state.entered_by)
            if questions != person.questions:
                kept = self._services.summary.save_questions(person_id, questions).value
                if self.state.person_id == person_id:
                    self.state.update_person(kept)  # its new version too
                if self._summary is not None:
                    self._summary.questions_saved_elsewhere(questions)
            self.state.broadcast(saved.change | DataChange.PEOPLE)

        return self._open(CheckInDialog(service.cycle(person_id), person.questions, submit, self))

    # -- first run -------------------------------------------------------------------------

    def set_up_diary(self) -> None:
        """Create the first person, then their current medicines, one dialog after another."""
        self.add_person().accepted.connect(self._set_up_medicines)

    def _set_up_medicines(self) -> None:
        dialog = self.add_medicine()
        if dialog is None:
            return
        dialog.rejected.connect(lambda: self.show_page(0))
        dialog.accepted.connect(
            lambda: self._ask(
                "Medicines",
                "Medicine saved. Add another medicine?",
                self._set_up_medicines,
                on_no=lambda: self.show_page(0),
            )
        )

    def _ask(
        self,
        title: str,
        question: str,
        on_yes: Callable[[], None],
        *,
        yes: str = "Yes",
        on_no: Callable[[], None] | None = None,
    ) -> None:
        self.message_box = ask(self, title, question, on_yes, yes=yes, on_no=on_no)

    def explore_example(self) -> None:
        """Make a clearly marked example person with a year of diary."""
        names = {person.name for person in self._services.people.people()}
        name, number = EXAMPLE_NAME, 2
        while name in names:
            name, number = f"{EXAMPLE_NAME} {number}", number + 1
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            person = self._services.demo.create_demo_person(name, years=1.0).value
        except TrackerError as error:
            self.message_box = tell(self, str(error), problem=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.refresh_people(select=person.id)
        self.state.broadcast(DataChange.ALL)
        self.show_page(0)

    def remove_example_data(self) -> None:
        examples = [p for p in self._services.people.people() if p.is_example]
        if not examples:
            return
        names = ", ".join(p.name for p in examples)

        def remove() -> None:
            for person in examples:
                assert person.id is not None
                self._services.people.delete_person(person.id)
            self.undo_group.clear()  # nothing of theirs can be restored any more
            self.refresh_people()
            self.state.broadcast(DataChange.ALL)

        self._ask(
            "Remove example data",
            f"Remove the example data ({names}) and everything recorded for them? "
            "Your own diary is not touched.",
            remove,
            yes="Remove the example data",
        )

    # -- pages, text size, changes ---------------------------------------------------------

    def show_page(self, index: int) -> None:
        if self.stack.currentIndex() != 1:
            return
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        if page is self.today:
            self.today.focus_first()
        elif page is self.history_tab:
            self.history.table.setFocus()
        elif page is self.medicines_tab:
            self.medicines.setFocus()
        elif page is self.trends_tab:
            self.trends.chart.setFocus()
        else:
            page.setFocus()

    def _apply_text_scale(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        style.apply_look(app, self.text_scale_index, self.theme)
        enforce_targets(self)  # short buttons stay 44 px wide, others as wide as their text
        self._settings.setValue(style.SETTINGS_KEY, self.text_scale_index)
        last = len(style.TEXT_SCALES) - 1
        self.larger_action.setEnabled(self.text_scale_index < last)
        self.larger_button.setEnabled(self.text_scale_index < last)
        self.smaller_action.setEnabled(self.text_scale_index > 0)
        self.smaller_button.setEnabled(self.text_scale_index > 0)

    def larger_text(self) -> None:
        self.text_scale_index = style.clamp_scale_index(self.text_scale_index + 1)
        self._apply_text_scale()

    def smaller_text(self) -> None:
        self.text_scale_index = style.clamp_scale_index(self.text_scale_index - 1)
        self._apply_text_scale()

    def normal_text(self) -> None:
        self.text_scale_index = style.DEFAULT_SCALE_INDEX
        self._apply_text_scale()

    def choose_theme(self, theme: style.Theme) -> None:
        """Apply a theme to the whole app and remember it."""
        self.theme = theme
        self.theme_actions[theme.key].setChecked(True)
        self._settings.setValue(style.THEME_KEY, theme.key)
        self._apply_text_scale()

    def show_notice(self, text: str, *, read_only: bool = False) -> None:
        """Show a notice above every page until dismissed; a read-only diary says so in the
        window title as well, for as long as the app runs."""
        if text:
            self.notice.show_message(text, error=read_only)
        else:
            self.notice.hide()
        title = APP_NAME
        sharing = self._services.sharing
        if sharing.login is not None:
            title += f": shared diary {sharing.database_name}, as {sharing.login}"
        self.setWindowTitle(f"{title} (read-only)" if read_only else title)

    # -- the shared diary --------------------------------------------------------------------

    def _follow_the_server(self) -> None:
        """On a shared diary: no data folder of its own, sharing, and notices of others'
        changes that refresh what is shown."""
        on_a_server = self._services.sharing.login is not None
        for action in (self.backups_action, self.open_folder_action):
            action.setVisible(not on_a_server)
        self.share_action.setVisible(on_a_server)
        self.show_notice("")
        listener = self._services.sharing.listen()
        if listener is not None:
            self.notices = ServerNotices(listener, self.state, self)
            self.notices.people_changed.connect(self._on_others_changed)
            self.notices.shown_changed.connect(self._on_shown_changed_elsewhere)

    def _say_if_read_only(self, person: Person, *, read_only: bool) -> None:
        text = (
            f"{person.name}'s diary is shared with you ({self._services.sharing.login}) to "
            "read only: you can see it and make its summary, but not change it."
            if read_only
            else ""
        )
        self.show_notice(text, read_only=read_only)

    def _on_others_changed(self, change: DataChange) -> None:
        if change & DataChange.PEOPLE:
            self.refresh_people(select=self.state.person_id)

    def _on_shown_changed_elsewhere(self) -> None:
        # A carer added on another computer names the records they enter: know them first.
        person_id = self.state.person_id
        if person_id is not None:
            self.state.set_carers(self._services.people.carers(person_id))
            self._fill_enterers(self.state.entered_by)

    def connect_to_diary(self) -> QDialog:
        """Choose the diary file or a shared diary; remembered, and opened by starting again."""
        # The diary open now, else the one remembered.
        remembered = str(self._settings.value(SHARED_DIARY_KEY, "") or "") or None
        current = self._services.sharing.address or remembered

        def submit(address: str | None) -> None:
            self._settings.setValue(SHARED_DIARY_KEY, address or "")
            self._settings.sync()
            where = "the diary file on this computer" if address is None else "that shared diary"
            self.message_box = ask(
                self,
                "Open the diary now?",
                f"From now on the app opens {where}. Close this diary and open it now?",
                self.restart,
                yes="Open it now",
                no="At the next start",
            )

        return self._open(ConnectDialog(current, submit, self))

    def restart(self) -> None:
        """Quit, and start again on the diary now chosen (app.py does the starting)."""
        self.restart_requested = True
        self.quit_app()

    def share_diary(self) -> QDialog | None:
        person = self.state.person
        sharing = self._services.sharing
        if person is None or sharing.login is None:
            return None
        name = person.name

        def submit(value: tuple[str, bool]) -> None:
            login, read_only = value
            shared = sharing.share(name, login, read_only=read_only)
            assert person.id is not None
            self.state.set_carers(self._services.people.carers(person.id))
            self._fill_enterers(self.state.entered_by)
            how = "to read only" if read_only else "to read and change"
            text = f"Shared {name}'s diary with {shared.share.login}, {how}."
            self.show_notice(f"{text} {shared.warning}" if shared.warning else "")
            if not shared.warning:
                self.today.message.show_message(text)

        return self._open(
            ShareDialog(
                name,
                lambda: sharing.shares(name),
                lambda login: sharing.unshare(name, login),
                submit,
                self,
            )
        )

    @property
    def data_folder(self) -> Path:
        return self._services.backups.folder.parent

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))

    def show_user_guide(self) -> None:
        guide = user_guide()
        if guide is None:
            self.message_box = tell(
                self, "The user guide is missing from this copy of the app.", problem=True
            )
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"{APP_NAME}: user guide")
        layout = QVBoxLayout(dialog)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(False)
        browser.setSearchPaths([str(guide.parent)])
        browser.setMarkdown(guide.read_text(encoding="utf-8"))
        browser.setAccessibleName("User guide")
        layout.addWidget(browser)
        fit_to_screen(dialog, QSize(900, 800))
        self.guide_dialog = dialog
        dialog.open()

    def _on_about_triggered(self) -> None:
        self.message_box = tell(
            self,
            f"{APP_NAME} {__version__}\n\nA daily diary of spasticity, baclofen doses and "
            "side effects, with a clinic summary for the neurologist. It records and "
            f"summarises; it never advises a dose.\n\nYour data: {self.data_folder}\n\n"
            "License: GNU General Public License, version 3 or later.",
            title=f"About {APP_NAME}",
        )

    # -- reminders -------------------------------------------------------------------------

    def attach_reminders(self, center: ReminderCenter, autostart: Autostart) -> None:
        """Reminders from the tray while the app runs, and their settings in the File menu."""
        self.reminders = center
        self._autostart = autostart
        center.open_requested.connect(self.show_person_today)
        center.quit_requested.connect(self.quit_app)
        center.checked.connect(self._on_reminders_checked)
        self.today.late_notice = self._late_notice
        self.show_reminders_action.triggered.connect(center.show_window)
        self.reminder_settings_action.triggered.connect(self.reminder_settings)
        for action in (self.show_reminders_action, self.reminder_settings_action):
            action.setVisible(True)
        self._follow_reminders()

    @property
    def services(self) -> Services:
        return self._services

    def enterer_for(self, person_id: PersonId) -> CarerId | None:
        """Who a dose taken from a reminder is entered by: whoever is entering for the person
        shown; the person themself for anyone else."""
        return self.state.entered_by if person_id == self.state.person_id else None

    def _late_notice(self, person_id: PersonId) -> Caution | None:
        if self.reminders is None or not self.reminders.enabled:
            return None
        return self._services.reminders.not_recorded(person_id)

    def _on_reminders_checked(self, _found: object) -> None:
        self.today.refresh_cautions()

    def _follow_reminders(self) -> None:
        """The app outlives its window only while reminders run in a tray."""
        keeps = self.reminders is not None and self.reminders.keeps_running
        QApplication.setQuitOnLastWindowClosed(not keeps)
        self.show_reminders_action.setEnabled(self.reminders is not None and self.reminders.enabled)

    def reminder_settings(self) -> QDialog | None:
        from spasticity_tracker.autostart import launch_command
        from spasticity_tracker.ui.dialogs.reminder_settings_dialog import (
            ReminderSettings,
            ReminderSettingsDialog,
        )
        from spasticity_tracker.ui.reminders import DEFAULT_LOG_TIME, LOG_TIME_KEY, ON_KEY, log_time

        center, autostart = self.reminders, self._autostart
        if center is None or autostart is None:
            return None
        current = ReminderSettings(
            on=center.enabled, log_time=log_time(self._settings), at_login=autostart.enabled
        )

        def submit(chosen: ReminderSettings) -> None:
            try:
                if chosen.at_login:  # written afresh: this copy of the app, this data folder
                    autostart.enable(launch_command(self.data_folder))
                else:
                    autostart.disable()
            except (OSError, ValueError) as error:
                reason = os_reason(error) if isinstance(error, OSError) else str(error)
                raise TrackerError(f"Start at login could not be set: {reason}") from error
            self._settings.setValue(ON_KEY, chosen.on)
            at = chosen.log_time
            self._settings.setValue(LOG_TIME_KEY, "" if at is None else f"{at:%H:%M}")
            self._settings.sync()
            center.start()
            self._follow_reminders()
            self.today.refresh_cautions()

        return self._open(
            ReminderSettingsDialog(current, DEFAULT_LOG_TIME, center.has_tray, submit, self)
        )

    def show_person_today(self, person_id: PersonId | None) -> None:
        """Bring the window up (from the tray or a reminder), on a person's Today page."""
        if person_id is not None and person_id != self.state.person_id:
            index = self.person_combo.findData(person_id)
            if index >= 0:
                self.person_combo.setCurrentIndex(index)
                self._select_person(self._services.people.person(person_id))
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.show_page(0)

    def quit_app(self) -> None:
        """Quit: the window closes and the app ends, tray and reminders with it."""
        self._quitting = True
        self.close()
        if self.reminders is not None:
            self.reminders.stop()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _tell_close_to_tray(self) -> None:
        from spasticity_tracker.presentation.reminders_view import CLOSE_TO_TRAY
        from spasticity_tracker.ui.reminders import TOLD_TRAY_KEY

        if self._settings.value(TOLD_TRAY_KEY, False) in (True, "true"):
            return
        self._settings.setValue(TOLD_TRAY_KEY, True)
        self.message_box = tell(self, CLOSE_TO_TRAY, title="Still running in the tray")

    def fit_screen(self) -> None:
        """The size the person last left the window at (or a roomy default), within the screen.

        Clamped to the screen the window opens on: a size chosen on a large monitor must not
        put the buttons of a small laptop's window out of reach.
        """
        saved = self._settings.value(SIZE_KEY)
        preferred = saved if isinstance(saved, QSize) and saved.isValid() else PREFERRED_SIZE
        fit_to_screen(self, preferred)
        if self._settings.value(MAXIMIZED_KEY, False) in (True, "true"):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:
        maximized = self.isMaximized()
        self._settings.setValue(MAXIMIZED_KEY, maximized)
        if not maximized:  # a maximized window's size says nothing of the size chosen
            self._settings.setValue(SIZE_KEY, self.size())
        self._settings.sync()
        if self.reminders is not None and self.reminders.keeps_running and not self._quitting:
            event.ignore()  # closing leaves the reminders running in the tray
            self.hide()
            self._tell_close_to_tray()
            return
        if self.notices is not None:
            self.notices.close()
        super().closeEvent(event)
