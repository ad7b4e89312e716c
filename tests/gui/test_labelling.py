"""Labelling with the keyboard and mouse on the real window, checked against the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from glancelabel.core.app import settings as settings_mod
from glancelabel.core.model import ReviewState

K = Qt.Key


def boxes(store, image_id):
    return [(a.label_id, tuple(round(v) for v in a.box.as_list())) for a in store.annotations(image_id)]


@pytest.fixture
def labelled(driver, folder):
    w = driver.open(folder)
    driver.store.add_labels(["cat", "dog", "bird"])
    w.labels_panel.reload()
    return driver


def test_open_folder_shows_list_first_image_and_status(driver, folder):
    w = driver.open(folder)
    assert w.image_panel.model.rowCount() == 5
    assert w.current_record.relpath == "broken.jpg"  # natural order: broken, img1, img2, ...
    assert w.status_index.text() == "1 / 5"
    # the unreadable file is shown as such, with its reason
    driver.qtbot.waitUntil(lambda: "cannot be shown" in w.canvas.message())
    assert w.status_problem.text()
    driver.key(K.Key_D)
    driver.wait_image(driver.image_id("img1.jpg"))
    assert w.status_index.text() == "2 / 5"
    assert w.status_size.text() == "640 × 480"
    assert w.canvas.message() == ""


def test_exif_rotated_image_is_shown_upright(labelled):
    w = labelled.window
    img3 = labelled.image_id("img3.jpg")
    w.show_image(img3)
    labelled.wait_image(img3)
    assert w.canvas.image_size == (200, 400)
    assert w.status_size.text() == "200 × 400"


def test_draw_relabel_undo_redo(labelled):
    d, w = labelled, labelled.window
    img1 = d.image_id("img1.jpg")
    w.show_image(img1)
    d.wait_image(img1)
    d.key(K.Key_W)
    assert w.canvas.drawing
    assert w.statusBar().currentMessage().startswith("Drag to draw a box")
    d.drag(100, 100, 300, 250)
    cat = d.store.label_by_name("cat").id
    # no class chosen yet: the box gets the first class, never none
    assert boxes(d.store, img1) == [(cat, (100, 100, 200, 150))]
    assert "Drag to draw" not in w.statusBar().currentMessage()
    assert d.store.image(img1).review_state == ReviewState.NEW  # drawing alone: not done
    d.key(K.Key_2)  # the new box is selected: give it class 2
    dog = d.store.label_by_name("dog").id
    assert boxes(d.store, img1) == [(dog, (100, 100, 200, 150))]
    assert w.actions_by_id["undo"].text() == "Undo: change a box to dog on img1.jpg"
    d.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert boxes(d.store, img1) == [(cat, (100, 100, 200, 150))]
    assert w.statusBar().currentMessage() == "Undid: change a box to dog on img1.jpg."
    assert w.actions_by_id["undo"].text() == "Undo: draw a cat box on img1.jpg"
    d.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert boxes(d.store, img1) == []
    assert w.actions_by_id["redo"].text() == "Redo: draw a cat box on img1.jpg"
    d.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    d.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert boxes(d.store, img1) == [(dog, (100, 100, 200, 150))]
    assert w.statusBar().currentMessage() == "Redid: change a box to dog on img1.jpg."
    # every step is in the events log
    verbs = [e["verb"] for e in d.store.events(10)]
    assert verbs[:4] == ["annotation.update", "annotation.add", "undo:annotation.add",
                         "undo:annotation.update"]


def test_hotkey_sets_class_for_next_box_and_drag_moves_and_handles_resize(labelled):
    d, w = labelled, labelled.window
    img4 = d.image_id("img4.jpg")
    w.show_image(img4)
    d.wait_image(img4)
    d.key(K.Key_3)  # nothing selected: the class for the next box
    d.key(K.Key_W)
    d.drag(50, 50, 150, 150)
    bird = d.store.label_by_name("bird").id
    assert boxes(d.store, img4) == [(bird, (50, 50, 100, 100))]
    d.drag(100, 100, 130, 120)  # drag the body: moves
    assert boxes(d.store, img4) == [(bird, (80, 70, 100, 100))]
    d.drag(180, 170, 220, 200)  # drag the bottom-right handle: resizes
    assert boxes(d.store, img4) == [(bird, (80, 70, 140, 130))]
    d.drag(200, 180, 900, 900)  # dragged past the image: stays inside
    (_, (x, y, bw, bh)), = boxes(d.store, img4)
    assert x + bw <= 500 and y + bh <= 500


def test_navigation_arrows_nudge_tab_and_delete(labelled):
    d, w = labelled, labelled.window
    ids = w.image_panel.model.ids()
    w.show_image(ids[1])
    d.wait_image(ids[1])
    d.key(K.Key_D)
    assert w.current_id == ids[2]
    d.key(K.Key_A)
    assert w.current_id == ids[1]
    d.key(K.Key_Right)  # nothing selected: next image
    assert w.current_id == ids[2]
    d.key(K.Key_Left)
    assert w.current_id == ids[1]
    d.wait_image(ids[1])
    cat = d.store.label_by_name("cat").id
    d.key(K.Key_1)
    for corners in ((10, 10, 60, 60), (100, 100, 200, 200)):
        d.key(K.Key_W)
        d.drag(*corners)
    d.key(K.Key_Escape)
    assert w.canvas.selected_key is None
    d.key(K.Key_Tab)
    first = w.canvas.selected_key
    d.key(K.Key_Tab)
    second = w.canvas.selected_key
    assert first != second and {first[0], second[0]} == {"a"}
    d.key(K.Key_Right)  # a box is selected: nudge 1 px, the image stays
    d.key(K.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # 10 px
    assert w.current_id == ids[1]
    assert (cat, (101, 110, 100, 100)) in boxes(d.store, ids[1])
    d.key(K.Key_Delete)
    assert boxes(d.store, ids[1]) == [(cat, (10, 10, 50, 50))]
    d.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(boxes(d.store, ids[1])) == 2


def test_copy_paste_onto_next_image_is_clamped(labelled):
    d, w = labelled, labelled.window
    img1, img2 = d.image_id("img1.jpg"), d.image_id("img2.png")  # 640x480 then 320x240
    w.show_image(img1)
    d.wait_image(img1)
    d.key(K.Key_1)
    d.key(K.Key_W)
    d.drag(250, 150, 350, 250)
    d.key(K.Key_C, Qt.KeyboardModifier.ControlModifier)
    d.key(K.Key_D)
    d.wait_image(img2)
    d.key(K.Key_V, Qt.KeyboardModifier.ControlModifier)
    cat = d.store.label_by_name("cat").id
    assert boxes(d.store, img2) == [(cat, (250, 150, 70, 90))]
    assert boxes(d.store, img1) == [(cat, (250, 150, 100, 100))]


def test_mark_done_with_zero_moves_on(labelled):
    d, w = labelled, labelled.window
    img4 = d.image_id("img4.jpg")
    w.show_image(img4)
    d.wait_image(img4)
    d.key(K.Key_0)
    assert d.store.image(img4).review_state == ReviewState.DONE
    assert d.store.annotations(img4) == []  # done with no objects: a background image
    d.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert d.store.image(img4).review_state == ReviewState.NEW


def test_close_and_reopen_finds_everything(labelled, folder):
    d, w = labelled, labelled.window
    img1, img3 = d.image_id("img1.jpg"), d.image_id("img3.jpg")
    w.show_image(img1)
    d.wait_image(img1)
    d.key(K.Key_2)
    d.key(K.Key_W)
    d.drag(20, 30, 120, 90)
    w.show_image(img3)
    d.wait_image(img3)
    w.findChild(QDockWidget, "dock_review").hide()
    w.resize(790, 590)
    d.close()
    saved = settings_mod.load()
    assert saved.window_geometry and saved.window_state
    assert str(folder.resolve()) == saved.recent_folders[0]
    w2 = d.open(folder)
    assert w2.current_id == img3  # the last image is restored
    assert (w2.width(), w2.height()) == (790, 590)  # window geometry
    assert not w2.findChild(QDockWidget, "dock_review").isVisible()  # dock layout
    assert w2.findChild(QDockWidget, "dock_labels").isVisible()
    dog = d.store.label_by_name("dog").id
    assert boxes(d.store, img1) == [(dog, (20, 30, 100, 60))]
    assert [lab.name for lab in d.store.labels()] == ["cat", "dog", "bird"]


def test_class_picker_with_L(labelled, monkeypatch):
    d, w = labelled, labelled.window
    img1 = d.image_id("img1.jpg")
    w.show_image(img1)
    d.wait_image(img1)
    d.key(K.Key_W)
    d.drag(10, 10, 50, 50)
    from glancelabel.gui.dialogs import class_picker

    def fake_exec(self):
        self.search.setText("bi")
        assert self.list.count() == 1
        self._pick_current()
        return self.result()

    monkeypatch.setattr(class_picker.ClassPicker, "exec", fake_exec)
    d.key(K.Key_L)
    bird = d.store.label_by_name("bird").id
    assert boxes(d.store, img1) == [(bird, (10, 10, 40, 40))]
