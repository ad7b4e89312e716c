"""The Classes panel driven by clicks: "+", Rename, Colour, ↑/↓, Delete and Import each open their
dialog, are answered by typing and clicking, and leave the right names, colours and order in the
project; below the classes, the label mappings made with M are listed and can be changed and
removed with their buttons, undoably.

Only the file picker of Import is replaced (the platform's file dialog is not part of the app)."""

from __future__ import annotations

from dialogs_by_hand import click_button, to_canvas, type_and_ok, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolButton,
)
from test_journey_new_user import project_rows

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def tool(panel, text: str) -> QToolButton:
    return next(b for b in panel.findChildren(QToolButton) if b.text() == text)


def push(panel, text: str) -> QPushButton:
    return next(b for b in panel.findChildren(QPushButton) if b.text() == text)


def click_row(qtbot, lst: QListWidget, text_end: str) -> None:
    item = next(lst.item(r) for r in range(lst.count()) if lst.item(r).text().endswith(text_end))
    qtbot.mouseClick(lst.viewport(), LEFT, pos=lst.visualItemRect(item).center())
    assert lst.currentItem() is item


def names(lst: QListWidget) -> list[str]:
    return [lst.item(r).text().split()[-1] for r in range(lst.count())]


def clicked_with_dialog(qtbot, button, act) -> list[str]:
    """Click `button`, answer the modal dialog it opens with `act`; returns the titles of the
    dialogs seen."""
    seen: list[str] = []
    when_modal(qtbot, lambda dialog: (seen.append(dialog.windowTitle()), act(dialog)))
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    return seen


def test_every_classes_button_works_with_a_click(driver, folder, tmp_path, monkeypatch):
    w = driver.open(folder)
    qtbot = driver.qtbot
    panel = w.labels_panel

    # "+" asks for the name; the class is that name (not "False")
    for name in ("cat", "dog"):
        seen = clicked_with_dialog(qtbot, tool(panel, "+"), type_and_ok(qtbot, name))
        assert seen == ["Add a class"]
    assert names(panel.list) == ["cat", "dog"]
    assert project_rows(folder, "SELECT name FROM labels ORDER BY position") == [("cat",), ("dog",)]

    # Rename the selected class
    click_row(qtbot, panel.list, "cat")

    def rename(dialog) -> None:
        field = dialog.findChild(QLineEdit)
        assert field.text() == "cat"
        field.selectAll()
        qtbot.keyClicks(field, "kitten")
        click_button(qtbot, dialog)

    seen = clicked_with_dialog(qtbot, tool(panel, "Rename"), rename)
    assert seen == ["Rename class"]
    assert names(panel.list) == ["kitten", "dog"]
    assert project_rows(folder, "SELECT name FROM labels ORDER BY position") == [("kitten",), ("dog",)]

    # Colour: the colour dialog's HTML field takes the new colour
    def colour(dialog) -> None:
        assert isinstance(dialog, QColorDialog)
        field = next(f for f in dialog.findChildren(QLineEdit) if f.text().startswith("#"))
        field.selectAll()
        qtbot.keyClicks(field, "#123456")
        qtbot.keyClick(field, K.Key_Tab)
        click_button(qtbot, dialog)

    seen = clicked_with_dialog(qtbot, tool(panel, "Colour"), colour)
    assert len(seen) == 1
    assert project_rows(folder, "SELECT color FROM labels WHERE name = 'kitten'") == [("#123456",)]

    # ↑ / ↓ reorder (hotkeys follow)
    click_row(qtbot, panel.list, "dog")
    qtbot.mouseClick(tool(panel, "↑"), LEFT)
    assert names(panel.list) == ["dog", "kitten"]
    assert panel.list.item(0).text().startswith("1")
    qtbot.mouseClick(tool(panel, "↓"), LEFT)
    assert names(panel.list) == ["kitten", "dog"]
    assert project_rows(folder, "SELECT name FROM labels ORDER BY position") == [("kitten",), ("dog",)]

    # Delete asks first, in its own dialog
    click_row(qtbot, panel.list, "kitten")
    titles: list[str] = []

    def confirm(dialog) -> None:
        titles.append(dialog.windowTitle())
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    clicked_with_dialog(qtbot, tool(panel, "Delete"), confirm)
    assert titles == ["Delete class “kitten”"]
    assert names(panel.list) == ["dog"]
    assert project_rows(folder, "SELECT name FROM labels") == [("dog",)]

    # Import: the file picker answers with a classes.txt; the result is told in a message box
    listing = tmp_path / "classes.txt"
    listing.write_text("bird\ndog\nfish\n")
    monkeypatch.setattr("glancelabel.gui.labels_panel.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(listing), ""))
    said: list[str] = []

    def ok(dialog) -> None:
        said.append(dialog.text())
        click_button(qtbot, dialog)

    clicked_with_dialog(qtbot, tool(panel, "Import"), ok)
    assert said == ["Added 2 classes; 1 already existed."]
    assert names(panel.list) == ["dog", "bird", "fish"]
    assert project_rows(folder, "SELECT name FROM labels ORDER BY position") == [
        ("dog",), ("bird",), ("fish",)]


def test_label_mappings_are_listed_changed_removed_and_undone(driver, folder):
    w = driver.open(folder)
    qtbot = driver.qtbot
    store = w.store
    panel = w.labels_panel
    for name in ("car", "dog"):
        w.commit(store.add_label(name))
    car, dog = store.label_by_name("car").id, store.label_by_name("dog").id
    run = store.create_run("fake", "m")
    image = w.current_id
    store.add_suggestions(run, image, [NewSuggestion(Kind.BOX, "cat", None, Box(5, 5, 40, 30),
                                                     confidence=0.9)])
    w.commit(None)  # (the window shows what was stored)
    assert panel.mappings.count() == 0 and not panel.mapping_box.isVisible()

    # M on the image maps the unknown label: it is listed below the classes
    def choose_car(dialog) -> None:
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Down)  # past "add as a new class"
        click_button(qtbot, dialog)

    when_modal(qtbot, choose_car)
    to_canvas(driver)
    driver.key(K.Key_M)
    lst = panel.mappings
    assert [lst.item(r).text() for r in range(lst.count())] == ["“cat” → car"]
    assert panel.mapping_box.isVisible()
    assert panel.mappings_title.text() == "Label mappings (1): the model's label → class"
    # Ctrl+Z right after M: the mapping is gone and the suggestion unknown again; redo
    to_canvas(driver)
    driver.key(K.Key_Z, CTRL)
    assert project_rows(folder, "SELECT * FROM label_mappings") == []
    assert project_rows(folder, "SELECT label_id FROM suggestions") == [(None,)]
    assert not panel.mapping_box.isVisible()
    driver.key(K.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert project_rows(folder, "SELECT raw_label, label_id FROM label_mappings") == [("cat", car)]
    assert [lst.item(r).text() for r in range(lst.count())] == ["“cat” → car"]
    assert not panel.change_mapping_button.isEnabled()

    # Change…: pick another class in the dialog
    click_row(qtbot, lst, "car")

    def pick_dog(dialog) -> None:
        target = QApplication.focusWidget()  # the class choice, on "car"
        qtbot.keyClick(target, K.Key_Down)
        click_button(qtbot, dialog)

    seen = clicked_with_dialog(qtbot, push(panel, "Change…"), pick_dog)
    assert seen == ["Change a label mapping"]
    assert [lst.item(r).text() for r in range(lst.count())] == ["“cat” → dog"]
    assert project_rows(folder, "SELECT raw_label, label_id FROM label_mappings") == [("cat", dog)]
    assert project_rows(folder, "SELECT label_id FROM suggestions") == [(dog,)]

    # Ctrl+Z takes the change back, in the project and in the list
    to_canvas(driver)
    driver.key(K.Key_Z, CTRL)
    assert project_rows(folder, "SELECT label_id FROM label_mappings") == [(car,)]
    assert project_rows(folder, "SELECT label_id FROM suggestions") == [(car,)]
    assert [lst.item(r).text() for r in range(lst.count())] == ["“cat” → car"]

    # Remove: the mapping is gone and its pending suggestion is unknown again
    click_row(qtbot, lst, "car")
    qtbot.mouseClick(push(panel, "Remove"), LEFT)
    assert lst.count() == 0 and not panel.mapping_box.isVisible()
    assert project_rows(folder, "SELECT * FROM label_mappings") == []
    assert project_rows(folder, "SELECT label_id FROM suggestions") == [(None,)]
    to_canvas(driver)
    driver.key(K.Key_Z, CTRL)
    assert project_rows(folder, "SELECT label_id FROM suggestions") == [(car,)]
    assert [lst.item(r).text() for r in range(lst.count())] == ["“cat” → car"]
