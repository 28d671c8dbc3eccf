"""No keyboard traps: mnemonics move without choosing, digits work on every 0-10 row, dialogs
open in their first field, dates are typed in the person's order, and dialogs fit the screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person, SymptomEntry
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.ui import style
from spasticity_tracker.ui.dialogs.carer_dialog import CarerDialog
from spasticity_tracker.ui.dialogs.dose_change_dialog import DoseChangeDialog
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.dialogs.extra_dose_dialog import ExtraDoseDialog
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.dialogs.person_dialog import PersonDialog
from spasticity_tracker.ui.dialogs.refill_dialog import RefillDialog
from spasticity_tracker.ui.dialogs.toxin_dialog import ToxinInjectionDialog
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.widgets.choice_row import ChoiceRow
from spasticity_tracker.ui.widgets.entry_form import EntryForm
from spasticity_tracker.ui.widgets.fields import DateEdit
from tests.builders import local
from tests.ui.helpers import (
    MakeWindow,
    User,
    accessible_name,
    activate,
    describe,
    dialog_button,
)

TODAY = date(2026, 3, 15)
ALT = Qt.KeyboardModifier.AltModifier
LARGEST = len(style.TEXT_SCALES) - 1
# A calendar popup asks the offscreen platform for what it cannot do (a real screen can).
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)


class Recorder:
    """A dialog's submit that keeps what it was handed (nothing is saved)."""

    def __init__(self) -> None:
        self.values: list[object] = []

    def __call__(self, value: object) -> None:
        self.values.append(value)


def an_entry(person: Person) -> SymptomEntry:
    """A saved entry of this morning: stiffness 5, spasms (3) of moderate severity."""
    assert person.id is not None
    return SymptomEntry(
        person_id=person.id,
        recorded_at=local(2026, 3, 15, 8, 0),
        stiffness=5,
        spasm_frequency=3,
        spasm_severity=2,
        id=1,  # type: ignore[arg-type]
    )


def current_regimen(medicines: MedicineService, baclofen: Medicine):  # type: ignore[no-untyped-def]
    assert baclofen.id is not None
    return medicines.regimens(baclofen.id)[-1]


Build = Callable[[MainWindow, Person, Medicine, Callable[[object], None]], FormDialog]


def _dose_change(
    window: MainWindow, person: Person, baclofen: Medicine, submit: Callable[[object], None]
) -> FormDialog:
    medicines = window._services.medicines
    return DoseChangeDialog(
        baclofen,
        current_regimen(medicines, baclofen),
        TODAY,
        lambda regimen: medicines.regimen_cautions(baclofen, regimen),
        None,
        submit,
        parent=window,
    )


def _medicine(
    window: MainWindow, person: Person, baclofen: Medicine, submit: Callable[[object], None]
) -> FormDialog:
    assert person.id is not None
    return MedicineDialog(
        person.id, None, TODAY, window._services.medicines.regimen_cautions, submit, window
    )


def _toxin(
    window: MainWindow, person: Person, baclofen: Medicine, submit: Callable[[object], None]
) -> FormDialog:
    assert person.id is not None
    return ToxinInjectionDialog(person.id, None, TODAY, submit, window)


# Each dialog as the app makes it, and the field the keyboard should start in.
DIALOGS: dict[str, tuple[Build, Callable[[QDialog], QWidget]]] = {
    "person": (
        lambda w, p, b, s: PersonDialog(s, None, parent=w),
        lambda d: d.name,  # type: ignore[attr-defined]
    ),
    "carer": (lambda w, p, b, s: CarerDialog(p.name, s, w), lambda d: d.name),  # type: ignore[attr-defined]
    "medicine": (_medicine, lambda d: d.name),  # type: ignore[attr-defined]
    "dose change": (_dose_change, lambda d: d.start),  # type: ignore[attr-defined]
    "entry": (
        lambda w, p, b, s: EntryDialog(an_entry(p), s, w),
        lambda d: d.form.stiffness.button_for(5),  # type: ignore[attr-defined]
    ),
    "extra dose": (
        lambda w, p, b, s: ExtraDoseDialog([b], TODAY, time(12), None, s, w),
        lambda d: d.medicine,  # type: ignore[attr-defined]
    ),
    "refill": (lambda w, p, b, s: RefillDialog(b, TODAY, None, s, w), lambda d: d.refilled),  # type: ignore[attr-defined]
    "toxin": (_toxin, lambda d: d.day),  # type: ignore[attr-defined]
}


def opened(
    qtbot: QtBot,
    window: MainWindow,
    person: Person,
    baclofen: Medicine,
    kind: str,
    submit: Callable[[object], None] | None = None,
) -> FormDialog:
    """A dialog opened as the app opens it (open(), not exec()), active for the keyboard."""
    build, _ = DIALOGS[kind]
    dialog = build(window, person, baclofen, submit or Recorder())
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    activate(dialog, qtbot)
    return dialog


@pytest.fixture
def english_in(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Set the default locale (what a new date field follows); put the old one back after."""
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


# -- 1. A mnemonic moves to its field and never chooses a value -----------------------------


def field_of(form: EntryForm, letter: str) -> QWidget:
    return {
        "S": form.stiffness,
        "O": form.spasm_frequency,
        "I": form.pain,
        "D": form.sleep,
        "C": form.note,
        "W": form.when,
    }[letter]


def nothing_chosen(form: EntryForm) -> list[str]:
    """Buttons of the form's rows that are chosen or being pressed (an animated click)."""
    rows = (form.stiffness, form.spasm_frequency, form.spasm_severity, form.pain, form.sleep)
    return [
        describe(button)
        for row in rows
        for button in row.buttons
        if button.isChecked() or button.isDown()
    ]


@pytest.mark.parametrize("letter", ["S", "O", "I", "D", "C", "W"])
def test_a_field_mnemonic_on_today_moves_to_its_field_and_chooses_nothing(
    window: MainWindow, qtbot: QtBot, letter: str
) -> None:
    form = window.today.form
    activate(window, qtbot)
    window.person_combo.setFocus()
    qtbot.wait(10)

    User(qtbot).key(Qt.Key(ord(letter)), ALT)

    field = field_of(form, letter)
    focused = User(qtbot).focused()
    assert focused is field or field.isAncestorOf(focused), f"focus on {describe(focused)}"
    assert nothing_chosen(form) == []
    assert form.symptoms().is_blank


@pytest.mark.parametrize("letter", ["O", "I", "D"])
def test_a_field_mnemonic_in_edit_entry_moves_to_its_field_and_chooses_nothing(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, letter: str
) -> None:
    dialog = opened(qtbot, window, person, baclofen, "entry")
    form: EntryForm = dialog.form  # type: ignore[attr-defined]
    before = form.symptoms()

    User(qtbot).key(Qt.Key(ord(letter)), ALT)

    field = field_of(form, letter)
    focused = User(qtbot).focused()
    assert field.isAncestorOf(focused), f"focus on {describe(focused)}"
    rows = (form.stiffness, form.spasm_frequency, form.spasm_severity, form.pain, form.sleep)
    assert [describe(b) for row in rows for b in row.buttons if b.isDown()] == []
    assert form.symptoms() == before


def test_an_action_mnemonic_still_acts(window: MainWindow, qtbot: QtBot) -> None:
    activate(window, qtbot)
    window.person_combo.setFocus()
    qtbot.wait(10)
    User(qtbot).key(Qt.Key.Key_A, ALT)  # All taken as scheduled
    assert [row.value() for row in window.today.doses.rows] != [None] * 3


def labels_with_buddies(top: QWidget) -> Iterator[QLabel]:
    for label in top.findChildren(QLabel):
        if label.buddy() is not None:
            yield label


@pytest.mark.parametrize("kind", list(DIALOGS))
def test_no_label_anywhere_has_a_choice_button_for_its_buddy(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, kind: str
) -> None:
    # A label's mnemonic clicks a button buddy: its buddy must be the field, never a value.
    build, _ = DIALOGS[kind]
    dialog = build(window, person, baclofen, Recorder())
    qtbot.addWidget(dialog)
    clicking = [
        f"{label.text()!r} -> {describe(label.buddy())}"
        for top in (window, dialog)
        for label in labels_with_buddies(top)
        if isinstance(label.buddy(), QAbstractButton)
    ]
    assert clicking == []


# -- 2. Digit keys wherever a 0-10 row is shown -----------------------------------------------


def test_digit_keys_choose_the_stiffness_in_edit_entry(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    dialog = opened(qtbot, window, person, baclofen, "entry")
    form: EntryForm = dialog.form  # type: ignore[attr-defined]
    user = User(qtbot)

    user.key(Qt.Key.Key_7)
    assert form.stiffness.value() == 7
    user.key(Qt.Key.Key_T)
    assert form.stiffness.value() == 10
    dialog_button(dialog, QDialogButtonBox.StandardButton.Cancel).setFocus()
    qtbot.wait(10)
    user.key(Qt.Key.Key_3)  # from the buttons below the form too
    assert form.stiffness.value() == 3
    assert dialog.isVisible()


@pytest.mark.parametrize("where", ["today", "entry"])
def test_a_digit_on_the_pain_or_sleep_row_chooses_in_that_row(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, where: str
) -> None:
    if where == "today":
        activate(window, qtbot)
        form = window.today.form
    else:
        form = opened(qtbot, window, person, baclofen, "entry").form  # type: ignore[attr-defined]
    stiffness = form.stiffness.value()
    user = User(qtbot)

    form.pain.buttons[0].setFocus()
    qtbot.wait(10)
    user.key(Qt.Key.Key_4)
    form.sleep.buttons[0].setFocus()
    qtbot.wait(10)
    user.key(Qt.Key.Key_T)

    assert (form.pain.value(), form.sleep.value()) == (4, 10)
    assert form.stiffness.value() == stiffness, "a digit on another 0-10 row is not stiffness"
    assert form.pain.button_for(4).toolTip().endswith("Key: 4")


def tab_cycle(qtbot: QtBot, first: QWidget, most: int = 60) -> list[QWidget]:
    """The widgets Tab visits from `first` until it comes back round to it."""
    user = User(qtbot)
    visited = [first]
    for _ in range(most):
        user.key(Qt.Key.Key_Tab)
        widget = user.focused()
        if widget is first:
            return visited
        visited.append(widget)
    raise AssertionError("Tab never came back round")


def test_edit_entry_has_no_invisible_tab_stops(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    dialog = opened(qtbot, window, person, baclofen, "entry")
    form: EntryForm = dialog.form  # type: ignore[attr-defined]

    stops = tab_cycle(qtbot, form.stiffness.button_for(5))

    unseen = [
        describe(w)
        for w in stops
        if isinstance(w, QAbstractScrollArea) or not w.isVisible() or not accessible_name(w)
    ]
    assert unseen == []
    save = dialog_button(dialog, QDialogButtonBox.StandardButton.Save)
    cancel = dialog_button(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert stops == [
        form.stiffness.button_for(5),
        form.spasm_frequency.button_for(3),
        form.spasm_severity.button_for(2),
        form.pain.buttons[0],
        form.sleep.buttons[0],
        form.note,
        form.when,
        save,
        cancel,
    ]


def test_enter_with_no_change_in_edit_entry_says_nothing_changed(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    submitted = Recorder()
    dialog = opened(qtbot, window, person, baclofen, "entry", submitted)
    user = User(qtbot)

    user.key(Qt.Key.Key_Return)

    assert submitted.values == [], "an unchanged entry is not saved again"
    assert dialog.message.isVisible()
    assert dialog.message.text.startswith("Nothing changed.")
    assert "Problem" not in dialog.message.text

    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_Return)
    [edited] = submitted.values
    assert isinstance(edited, SymptomEntry)
    assert edited == replace(an_entry(person), stiffness=6)
    assert dialog.result() == QDialog.DialogCode.Accepted


# -- 3. Dialogs open in their first field ---------------------------------------------------


@pytest.mark.parametrize("kind", list(DIALOGS))
def test_every_dialog_opens_with_focus_in_its_first_field(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, kind: str
) -> None:
    dialog = opened(qtbot, window, person, baclofen, kind)
    _, first = DIALOGS[kind]
    field = first(dialog)
    focused = User(qtbot).focused()
    assert focused is field or field.isAncestorOf(focused), f"focus on {describe(focused)}"


def test_set_up_my_diary_takes_the_name_as_typed(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    User(qtbot).click(window.welcome.setup)
    dialog = window.open_dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    activate(dialog, qtbot)

    User(qtbot).type_text("Sam Patel")

    assert dialog.name.text() == "Sam Patel"
    assert dialog.isVisible(), "the space did not press Save"


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_space_or_enter_at_once_never_saves_a_new_medicine(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, key: Qt.Key
) -> None:
    submitted = Recorder()
    dialog = opened(qtbot, window, person, baclofen, "medicine", submitted)
    User(qtbot).key(key)
    if key is Qt.Key.Key_Space:
        User(qtbot).key(Qt.Key.Key_Return)  # a space is no name either
    assert submitted.values == []
    assert dialog.isVisible()
    assert "Medicine name" in dialog.message.text


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_space_or_enter_at_once_never_records_a_dose_change(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, key: Qt.Key
) -> None:
    submitted = Recorder()
    dialog = opened(qtbot, window, person, baclofen, "dose change", submitted)
    User(qtbot).key(key)
    assert submitted.values == []
    assert dialog.isVisible()
    if key is Qt.Key.Key_Return:
        assert dialog.message.text.startswith("Nothing changed.")


def test_a_changed_dose_is_recorded_with_enter(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    submitted = Recorder()
    dialog = opened(qtbot, window, person, baclofen, "dose change", submitted)
    dialog.editor.rows[0].amount.setValue(15.0)  # type: ignore[attr-defined]
    User(qtbot).key(Qt.Key.Key_Return)
    assert len(submitted.values) == 1
    assert dialog.result() == QDialog.DialogCode.Accepted


# -- 4. Dates typed in the person's order, F4 and Alt+Down open the calendar -----------------


@pytest.mark.parametrize(
    ("locale", "typed", "expected", "shown"),
    [
        ("en_GB", "12/04/1978", date(1978, 4, 12), "12/04/1978"),
        ("en_GB", "1/4/1978", date(1978, 4, 1), "01/04/1978"),
        ("en_US", "12/4/1978", date(1978, 12, 4), "12/4/1978"),
    ],
)
def test_a_date_is_typed_in_the_locales_order(
    qtbot: QtBot,
    english_in: Callable[[str], None],
    locale: str,
    typed: str,
    expected: date,
    shown: str,
) -> None:
    english_in(locale)
    field = DateEdit(TODAY, "A date")
    qtbot.addWidget(field)
    field.show()
    activate(field, qtbot)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(10)

    User(qtbot).type_text(typed)

    assert (field.value(), field.text()) == (expected, shown)


def test_the_date_of_birth_is_typed_and_cleared(
    window: MainWindow,
    qtbot: QtBot,
    person: Person,
    baclofen: Medicine,
    english_in: Callable[[str], None],
) -> None:
    english_in("en_GB")
    dialog = opened(qtbot, window, person, baclofen, "person")
    person_dialog = dialog
    assert isinstance(person_dialog, PersonDialog)
    user = User(qtbot)
    user.type_text("Sam")
    user.key(Qt.Key.Key_Tab)
    assert user.focused() is person_dialog.birth
    assert person_dialog.birth.text() == "Not given"

    user.type_text("12/04/1978")

    assert person_dialog.birth.text() == "12/04/1978"
    assert person_dialog.value().date_of_birth == date(1978, 4, 12)
    user.key(Qt.Key.Key_Delete)  # back to "not given"
    assert person_dialog.birth.text() == "Not given"
    assert person_dialog.value().date_of_birth is None


@POPUP_WARNINGS
@pytest.mark.parametrize("open_key", ["F4", "Alt+Down"])
def test_f4_or_alt_down_opens_the_date_of_birth_calendar_near_1960(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, open_key: str
) -> None:
    dialog = opened(qtbot, window, person, baclofen, "person")
    assert isinstance(dialog, PersonDialog)
    dialog.birth.setFocus()
    qtbot.wait(10)
    user = User(qtbot)

    if open_key == "F4":
        user.key(Qt.Key.Key_F4)
    else:
        user.key(Qt.Key.Key_Down, ALT)

    calendar = dialog.birth.calendarWidget()
    assert calendar.isVisible()
    assert calendar.yearShown() == 1960
    user.key(Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert dialog.birth.text() == "Not given", "looking at the calendar chose nothing"


@POPUP_WARNINGS
def test_other_calendars_open_near_their_date(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    refill = opened(qtbot, window, person, baclofen, "refill")
    assert isinstance(refill, RefillDialog)
    user = User(qtbot)
    user.key(Qt.Key.Key_F4)
    calendar = refill.refilled.calendarWidget()
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 3)
    user.key(Qt.Key.Key_Right)
    user.key(Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert refill.refilled.value() == date(2026, 3, 16)
    refill.reject()

    entry = opened(qtbot, window, person, baclofen, "entry")
    when = entry.form.when  # type: ignore[attr-defined]
    when.setFocus()
    qtbot.wait(10)
    user.key(Qt.Key.Key_Down, ALT)
    assert when.calendarWidget().isVisible()
    assert when.calendarWidget().selectedDate() == QDate(2026, 3, 15)


# -- 5. Dialogs fit the screen, their buttons always in view ----------------------------------


@pytest.fixture
def largest_text(
    make_window: MakeWindow, settings: QSettings, qapp: QApplication
) -> Iterator[MainWindow]:
    """The window at the largest text size (as a person who chose it opens it), reset after."""
    settings.setValue(style.SETTINGS_KEY, LARGEST)
    window = make_window()
    style.apply_text_scale(qapp, LARGEST)
    yield window
    style.apply_text_scale(qapp, style.DEFAULT_SCALE_INDEX)


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("kind", list(DIALOGS))
def test_every_dialog_fits_a_720_pixel_screen_at_the_largest_text(
    largest_text: MainWindow,
    qtbot: QtBot,
    person: Person,
    baclofen: Medicine,
    kind: str,
) -> None:
    dialog = opened(qtbot, largest_text, person, baclofen, kind)
    free = dialog.screen().availableGeometry()
    assert (free.width(), free.height()) == (1280, 720)

    assert free.contains(dialog.frameGeometry()), f"{dialog.frameGeometry()} is off {free}"
    for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel):
        button = dialog_button(dialog, which)
        assert button.isVisible()
        assert dialog.rect().contains(rect_in(button, dialog)), f"{describe(button)} cut off"
        assert button.visibleRegion().boundingRect() == button.rect(), "buttons never scroll"
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None, "a form too tall for the screen scrolls"
    content = scroll.widget()
    assert content is not None
    assert content.height() >= content.minimumSizeHint().height(), "scrolled, not squeezed"


def test_a_field_reached_by_its_mnemonic_scrolls_into_view(
    largest_text: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    dialog = opened(qtbot, largest_text, person, baclofen, "entry")
    form: EntryForm = dialog.form  # type: ignore[attr-defined]
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    viewport = scroll.viewport()
    assert scroll.verticalScrollBar().maximum() > 0, "at 720 px the form is taller than the view"
    user = User(qtbot)

    for letter, field in (("C", form.note), ("S", form.stiffness.button_for(5))):
        user.key(Qt.Key(ord(letter)), ALT)
        focused = user.focused()
        assert focused is field or field.isAncestorOf(focused)
        assert viewport.rect().contains(rect_in(focused, viewport)), f"{describe(focused)} unseen"


def test_choice_rows_are_buddies_that_focus_their_tab_stop(qtbot: QtBot) -> None:
    row = ChoiceRow("Pain", [(n, str(n)) for n in range(3)])
    qtbot.addWidget(row)
    row.set_value(2)
    assert row.focusProxy() is row.button_for(2)
    row.set_value(None)
    assert row.focusProxy() is row.buttons[0]
