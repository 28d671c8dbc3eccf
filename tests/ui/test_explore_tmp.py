from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtGui import QAccessible
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def desc(w):
    if w is None:
        return None
    i = QAccessible.queryAccessibleInterface(w)
    return f"{type(w).__name__}:{i.text(QAccessible.Text.Name) if i else '?'}:{w.objectName()}"


def test_explore(window, qtbot):
    print("style", QApplication.style().name())
    window.activateWindow()
    qtbot.wait(10)
    print("focus", desc(QApplication.focusWidget()))
    w = window.nextInFocusChain()
    seen = 0
    while w is not window and seen < 400:
        if w.isVisible() and w.isEnabled() and (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            print("  chain", desc(w))
        w = w.nextInFocusChain()
        seen += 1
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_6)
    print("after 6", window.today.form.stiffness.value(), desc(QApplication.focusWidget()))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    print("after alt+a", [r.value() for r in window.today.doses.rows], desc(QApplication.focusWidget()))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    print(window.today.message.text)
