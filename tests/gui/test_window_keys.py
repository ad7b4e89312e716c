"""Keys and status of the main window: Ctrl+F focuses the image search, the "n / N" counter follows
the filter and search, the zoom is not shown for an image without pixels, Home / End go to the
first / last image (canvas or list focused), and keyboard focus is visible on the start screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from glancelabel.core.app import settings as settings_mod

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def test_ctrl_f_search_and_the_counter_follow_the_list(driver, folder, qtbot):
    w = driver.open(folder)
    img1 = driver.image_id("img1.jpg")
    driver.key(K.Key_D)  # broken.jpg -> img1.jpg
    driver.wait_image(img1)
    assert w.status_index.text() == "2 / 5"

    driver.key(K.Key_F, CTRL)
    search = w.image_panel.search_edit
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "img1")
    qtbot.waitUntil(lambda: w.image_panel.model.rowCount() == 1)
    assert w.status_index.text() == "1 / 1"

    qtbot.keyClick(search, K.Key_A, CTRL)
    qtbot.keyClick(search, K.Key_Backspace)  # clear the search
    qtbot.waitUntil(lambda: w.image_panel.model.rowCount() == 5)
    assert w.status_index.text() == "2 / 5"

    qtbot.keyClicks(search, "img")
    qtbot.waitUntil(lambda: w.image_panel.model.rowCount() == 4)
    assert w.status_index.text() == "1 / 4"
    # Ctrl+F again selects what is typed, so new text replaces it
    w.canvas.setFocus()
    driver.key(K.Key_F, CTRL)
    assert QApplication.focusWidget() is search and search.selectedText() == "img"


def test_no_zoom_shown_for_an_unreadable_or_missing_image(driver, folder, qtbot):
    w = driver.open(folder)
    (folder / "img3.jpg").unlink()  # a file gone while the app is open
    img4 = driver.image_id("img4.jpg")
    driver.key(K.Key_End)
    driver.wait_image(img4)
    qtbot.waitUntil(lambda: w.status_zoom.text().endswith("%"))

    driver.key(K.Key_Home)  # broken.jpg: cannot be shown
    driver.wait_image(driver.image_id("broken.jpg"))
    qtbot.waitUntil(lambda: "cannot be shown" in w.canvas.message())
    assert w.status_zoom.text() == "–"
    assert w.status_size.text() == ""

    img3 = driver.image_id("img3.jpg")
    driver.keys(K.Key_D, K.Key_D, K.Key_D)
    driver.wait_image(img3)
    qtbot.waitUntil(lambda: "missing" in w.canvas.message())
    assert w.status_zoom.text() == "–"

    driver.key(K.Key_End)
    driver.wait_image(img4)
    qtbot.waitUntil(lambda: w.status_zoom.text().endswith("%"))


def test_home_and_end_go_to_the_first_and_last_image(driver, folder, qtbot):
    w = driver.open(folder)
    first, last = driver.image_id("broken.jpg"), driver.image_id("img4.jpg")
    assert QApplication.focusWidget() is w.canvas
    driver.key(K.Key_End)
    driver.wait_image(last)
    assert w.status_index.text() == "5 / 5"
    assert w.image_panel.view.currentIndex().row() == 4
    driver.key(K.Key_Home)
    driver.wait_image(first)
    assert w.status_index.text() == "1 / 5"

    # in the image list (clicked, so it has the keyboard): the same keys
    view = w.image_panel.view
    rect = view.visualRect(w.image_panel.model.index(2))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    driver.wait_image(driver.image_id("img2.png"))
    assert QApplication.focusWidget() is view
    driver.key(K.Key_End)
    driver.wait_image(last)
    assert view.currentIndex().row() == 4
    driver.key(K.Key_Home)
    driver.wait_image(first)
    assert view.currentIndex().row() == 0 and w.status_index.text() == "1 / 5"


def test_keyboard_focus_is_visible_on_the_start_screen(qtbot, qapp, folder):
    from glancelabel.gui import icons
    from glancelabel.gui.app import App

    settings = settings_mod.load()
    settings.recent_folders = [str(folder)]
    previous = qapp.styleSheet()
    qapp.setStyleSheet(icons.stylesheet())  # as the app runs: its own style sheet
    try:
        app = App(qapp, settings)
        app.show_start()
        screen = app.start_screen
        qtbot.addWidget(screen)
        qtbot.waitExposed(screen)
        screen.activateWindow()
        open_button, sample_button = screen.findChildren(QPushButton)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is open_button)
        open_focused = open_button.grab().toImage()
        sample_plain = sample_button.grab().toImage()

        qtbot.keyClick(open_button, K.Key_Tab)
        assert QApplication.focusWidget() is sample_button
        assert open_button.grab().toImage() != open_focused  # the focus mark left it
        assert sample_button.grab().toImage() != sample_plain  # and shows on the next one

        qtbot.keyClick(sample_button, K.Key_Tab)
        assert QApplication.focusWidget() is screen.recent
        assert screen.recent.currentRow() == 0
        opened = []
        screen.open_requested.connect(opened.append)
        screen.open_requested.disconnect(app.open)
        qtbot.keyClick(screen.recent, K.Key_Return)  # Enter opens the recent folder
        assert [str(p) for p in opened] == [str(folder)]
    finally:
        qapp.setStyleSheet(previous)
