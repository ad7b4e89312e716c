"""Journey 1, a new user, by keyboard and mouse only: the start screen → open a folder → three
classes with "+" → a box drawn with W and the mouse → class 2 → D → undo → redo → quit → open it
again from the start screen's recent folders: everything is there. Each step checks what the window
shows and what the project file holds. Only the platform's folder picker is replaced."""

from __future__ import annotations

import sqlite3

from dialogs_by_hand import to_canvas, type_and_ok, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QPushButton,
    QToolButton,
)

from glancelabel.core.app import settings as settings_mod
from glancelabel.gui.app import App

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def project_rows(folder, sql):
    con = sqlite3.connect(folder / ".glancelabel" / "project.sqlite")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def button(parent, cls, text):
    (b,) = [b for b in parent.findChildren(cls) if b.text().strip() == text and b.isVisible()]
    return b


def wait_window(driver, app):
    """The window the start screen opened, listed and shown, with the keys on its canvas."""
    w = app.window
    driver.qtbot.waitUntil(lambda: app.window is not None, timeout=10_000)
    w = app.window
    driver.window = w
    driver.qtbot.addWidget(w)
    driver.qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
    driver.qtbot.waitExposed(w)
    to_canvas(driver)
    driver.wait_image()
    return w


def platform_folder_picker(monkeypatch, folder, asked: list) -> None:
    """The platform's folder picker is not part of the app (and Qt's own one, destroyed while its
    file system model still reads the disk in a thread, can crash a later test): it answers with
    `folder`, as a person choosing it would, and records the question."""

    def pick(parent, title, *args, **kwargs):
        asked.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick)


def start_screen(driver, qapp):
    """The app started without a folder: its start screen, shown."""
    app = App(qapp, settings_mod.load())
    driver.app = app
    app.show_start()
    driver.qtbot.addWidget(app.start_screen)
    driver.qtbot.waitExposed(app.start_screen)
    return app, app.start_screen


def test_new_user_opens_a_folder_adds_classes_draws_and_finds_it_all_again(
        driver, folder, qapp, monkeypatch):
    qtbot = driver.qtbot
    app, screen = start_screen(driver, qapp)
    assert screen.recent.count() == 0  # a new user: nothing recent

    # open a folder: the button, then the folder picker
    opened: list[str] = []
    platform_folder_picker(monkeypatch, folder, opened)
    qtbot.mouseClick(button(screen, QPushButton, "Open a folder…"), LEFT)
    w = wait_window(driver, app)
    assert w.folder == folder, w.folder
    assert opened == ["Open a folder of images"] and w.image_panel.model.rowCount() == 5
    assert (folder / ".glancelabel" / "project.sqlite").exists()

    # three classes with "+" in the Classes panel, each named in its dialog
    plus = button(w.labels_panel, QToolButton, "+")
    for name in ("cat", "dog", "bird"):
        asked: list[str] = []
        answer = type_and_ok(qtbot, name)
        when_modal(qtbot, lambda dialog, a=answer, seen=asked: (seen.append(dialog.windowTitle()),
                                                               a(dialog)))
        qtbot.mouseClick(plus, LEFT)
        assert asked == ["Add a class"]
    panel = w.labels_panel.list
    assert [panel.item(r).text().split()[-1] for r in range(panel.count())] == ["cat", "dog", "bird"]
    assert project_rows(folder, "SELECT name FROM labels ORDER BY position") == [
        ("cat",), ("dog",), ("bird",)]
    to_canvas(driver)

    # D to img1 (broken.jpg, untouched, is not marked done), then W and a drag
    driver.key(K.Key_D)
    img1 = driver.image_id("img1.jpg")
    driver.wait_image(img1)
    assert project_rows(folder, "SELECT review_state FROM images WHERE relpath = 'broken.jpg'") == [
        ("new",)]
    driver.key(K.Key_W)
    driver.drag(100, 80, 300, 230)
    ((key, item),) = w.canvas.items_by_key.items()
    assert key[0] == "a" and item.spec.text == "cat"  # no class chosen yet: the first one
    assert not item.spec.dashed
    assert "Drag to draw" not in w.statusBar().currentMessage()

    # class 2 for the selected box
    driver.key(K.Key_2)
    assert w.canvas.items_by_key[key].spec.text == "dog"
    box_sql = ("SELECT l.name, a.x, a.y, a.w, a.h FROM annotations a JOIN labels l"
               " ON l.id = a.label_id")
    assert project_rows(folder, box_sql) == [("dog", 100.0, 80.0, 200.0, 150.0)]
    state_sql = "SELECT review_state FROM images WHERE relpath = 'img1.jpg'"
    assert project_rows(folder, state_sql) == [("new",)]  # drawing alone: not done

    # D: the person worked on img1 and nothing is pending: done, and on to img2
    driver.key(K.Key_D)
    assert w.current_id == driver.image_id("img2.png")
    assert project_rows(folder, state_sql) == [("done",)]
    assert w.statusBar().currentMessage() == "Marked img1.jpg done."
    undo = w.actions_by_id["undo"]
    assert undo.text() == "Undo: mark img1.jpg done"

    # undo brings img1 back, not done; redo finishes it again
    driver.key(K.Key_Z, CTRL)
    assert w.current_id == img1
    assert project_rows(folder, state_sql) == [("new",)]
    assert w.statusBar().currentMessage() == "Undid: mark img1.jpg done."
    assert w.actions_by_id["redo"].text() == "Redo: mark img1.jpg done"
    assert undo.text() == "Undo: change a box to dog on img1.jpg"
    driver.key(K.Key_Z, CTRL | SHIFT)
    assert project_rows(folder, state_sql) == [("done",)]
    assert w.statusBar().currentMessage() == "Redid: mark img1.jpg done."
    assert project_rows(folder, box_sql) == [("dog", 100.0, 80.0, 200.0, 150.0)]

    # quit with Ctrl+Q; a new start screen lists the folder; open it from there
    driver.key(K.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not w.isVisible())
    driver.window = None
    app2, screen2 = start_screen(driver, qapp)
    assert screen2.recent.count() == 1
    item = screen2.recent.item(0)
    assert str(folder.resolve()) in item.text() or folder.name in item.text()
    rect = screen2.recent.visualItemRect(item)
    qtbot.mouseClick(screen2.recent.viewport(), LEFT, pos=rect.center())
    assert screen2.recent.currentItem() is item
    qtbot.keyClick(screen2.recent, K.Key_Return)
    w2 = wait_window(driver, app2)

    # all there: the classes, the box with its class, img1 done, in the window and the file
    panel = w2.labels_panel.list
    assert [panel.item(r).text().split()[-1] for r in range(panel.count())] == ["cat", "dog", "bird"]
    assert w2.current_id == img1  # the last image shown comes back
    driver.wait_image(img1)
    (item2,) = w2.canvas.items_by_key.values()
    assert item2.spec.text == "dog"
    assert [round(v) for v in item2.box.as_list()] == [100, 80, 200, 150]
    assert driver.store.image(img1).review_state == "done"
    assert project_rows(folder, box_sql) == [("dog", 100.0, 80.0, 200.0, 150.0)]
