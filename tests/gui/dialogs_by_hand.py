"""Answering the modal dialogs the window opens, as a person would: wait for the dialog, then type
into it and click its buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit


def when_modal(qtbot, act, seen: list | None = None) -> None:
    """Run `act(dialog)` on the next modal dialog, as soon as it is open (the key or click that
    opens it blocks in the dialog's own event loop meanwhile). `seen` collects the dialogs."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, poll)
            return
        if seen is not None:
            seen.append(dialog)
        # what the window manager does for a new dialog (offscreen, nothing does): it becomes the
        # active window, so its keys reach it rather than the main window's shortcuts
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        act(dialog)

    QTimer.singleShot(0, poll)


def click_button(qtbot, dialog, which=QDialogButtonBox.StandardButton.Ok) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


def type_and_ok(qtbot, text: str):
    """An act for `when_modal`: type `text` into the dialog's focused field, then click OK."""

    def act(dialog) -> None:
        field = dialog.findChild(QLineEdit)
        if field is not None:  # the field a click would put the cursor in
            qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
            field.selectAll()
        qtbot.keyClicks(field or QApplication.focusWidget() or dialog, text)
        click_button(qtbot, dialog)

    return act


def press_escape(qtbot):
    def act(dialog) -> None:
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    return act


def to_canvas(driver):
    """After a dialog: the person clicks back into the window (offscreen, the platform does not
    hand the focus back by itself)."""
    w = driver.window
    w.activateWindow()
    w.canvas.setFocus()
    driver.qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
