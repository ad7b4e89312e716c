"""The start screen by keyboard alone: Tab to a button, Enter presses it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from glancelabel.gui.start_screen import StartScreen


def _shown(qtbot, recent=()):
    screen = StartScreen(list(recent))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return screen


def test_enter_on_the_focused_button_opens_what_it_says(qtbot):
    screen = _shown(qtbot)
    asked = []
    screen.open_requested.connect(asked.append)
    assert QApplication.focusWidget().text().strip() == "Open a folder…"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().text().strip() == "Open the sample folder"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert asked == ["sample"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert asked == ["sample", None]


def test_enter_in_the_recent_list_opens_that_folder(qtbot, tmp_path):
    screen = _shown(qtbot, [str(tmp_path)])
    asked = []
    screen.open_requested.connect(asked.append)
    screen.recent.setFocus()
    qtbot.keyClick(screen.recent, Qt.Key.Key_Return)
    assert [str(p) for p in asked] == [str(tmp_path)]


def test_with_no_recent_folders_no_empty_list_shows(qtbot, tmp_path):
    screen = _shown(qtbot)
    texts = [w.text() for w in screen.findChildren(QLabel) if w.isVisible()]
    assert "No recent folders yet." in texts
    assert not screen.recent.isVisible()  # (it was an empty white box filling the screen)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # back round to the first button
    assert QApplication.focusWidget().text().strip() == "Open a folder…"
    with_one = _shown(qtbot, [str(tmp_path)])
    assert with_one.recent.isVisible() and with_one.recent.count() == 1


def test_recent_folder_rows_do_not_overlap(qtbot, qapp, tmp_path):
    from test_classes_rows import row_steps

    from glancelabel.gui import icons

    qapp.setStyleSheet(icons.stylesheet())  # what make_qapp's theme does
    try:
        folders = []
        for name in ("a", "b", "c"):
            (tmp_path / name).mkdir()
            folders.append(str(tmp_path / name))
        screen = _shown(qtbot, folders)
        steps = row_steps(screen.recent)
        assert len(steps) == 2 and all(step == height for step, height in steps), steps
    finally:
        qapp.setStyleSheet("")
