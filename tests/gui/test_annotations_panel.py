"""The Annotations panel lists the current image's boxes (class, box, who made it), follows the
canvas selection both ways, and deletes or re-classes a box (undoable); E excludes an image.

Driven with keys and mouse clicks only; each step checks what the panel, canvas, list and status
bar show and what the project holds."""

from __future__ import annotations

from menu_driving import pick
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def show_panel(qtbot, window):
    """The Annotations panel, below the image list."""
    panel = window.annotations_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.table.viewport().height() > 60  # room for a few rows
    return panel


def click_row(qtbot, panel, row: int) -> None:
    table = panel.table
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def go_to(driver, relpath: str) -> int:
    """Walk with D until `relpath` is on the canvas."""
    target = driver.image_id(relpath)
    for _ in range(10):
        if driver.window.current_id == target:
            break
        driver.key(K.Key_D)
    driver.wait_image(target)
    driver.window.canvas.setFocus()
    return target


def classes(driver, *names):
    w = driver.window
    for name in names:
        w.commit(driver.store.add_label(name))
    return [driver.store.label_by_name(n).id for n in names]


def test_a_drawn_box_is_listed_and_selection_follows_both_ways(driver, folder, qtbot):
    w = driver.open(folder)
    cat, _dog = classes(driver, "cat", "dog")
    img1 = go_to(driver, "img1.jpg")
    panel = show_panel(qtbot, w)
    assert panel.rows() == []
    assert "No boxes" in panel.summary.text()

    driver.key(K.Key_1)  # the next box's class: cat
    driver.key(K.Key_W)
    driver.drag(100, 100, 220, 180)
    anns = driver.store.annotations(img1)
    assert len(anns) == 1 and anns[0].label_id == cat
    b = anns[0].box
    assert panel.rows() == [("cat", f"{b.x:.0f}, {b.y:.0f}, {b.w:.0f}, {b.h:.0f}", "manual")]
    assert panel.summary.text() == "1 box on this image"
    # the new box is selected on the canvas, and so in the panel
    assert w.canvas.selected_key == ("a", anns[0].id)
    assert panel.table.currentRow() == 0 and panel.table.selectedItems()

    driver.key(K.Key_Escape)  # canvas: nothing selected, and the panel follows
    assert w.canvas.selected_key is None
    assert not panel.table.selectedItems()

    click_row(qtbot, panel, 0)  # a click on the row selects the box on the canvas
    assert w.canvas.selected_key == ("a", anns[0].id)
    assert panel.class_box.isEnabled() and panel.class_box.currentText() == "cat"


def test_delete_and_change_class_from_the_panel_are_undoable(driver, folder, qtbot):
    w = driver.open(folder)
    cat, dog = classes(driver, "cat", "dog")
    img1 = go_to(driver, "img1.jpg")
    w.commit(driver.store.add_boxes(img1, [(cat, Box(10, 20, 30, 40)), (cat, Box(200, 100, 50, 60))]))
    panel = show_panel(qtbot, w)
    assert [r[:2] for r in panel.rows()] == [("cat", "10, 20, 30, 40"), ("cat", "200, 100, 50, 60")]
    first, second = (a.id for a in driver.store.annotations(img1))

    # the combo changes the class of the selected box
    click_row(qtbot, panel, 1)
    assert w.canvas.selected_key == ("a", second)
    qtbot.keyClick(panel.class_box, K.Key_Down)  # cat -> dog
    assert driver.store.annotation(second).label_id == dog
    assert panel.rows()[1][0] == "dog"
    assert w.canvas.selected_key == ("a", second)
    assert w.canvas.items_by_key[("a", second)].spec.text == "dog"  # the canvas label too

    # 1–9 with the panel focused change the class of the selected row's box
    click_row(qtbot, panel, 0)
    assert QApplication.focusWidget() is panel.table
    driver.key(K.Key_2)
    assert driver.store.annotation(first).label_id == dog
    assert panel.rows()[0][0] == "dog"

    # Delete in the panel removes the selected box
    click_row(qtbot, panel, 0)
    driver.key(K.Key_Delete)
    assert driver.store.annotation(first) is None
    assert [r[1] for r in panel.rows()] == ["200, 100, 50, 60"]
    assert ("a", first) not in w.canvas.keys()
    assert "Deleted 1 box" in w.statusBar().currentMessage()

    # all three are undoable, latest first
    w.canvas.setFocus()
    driver.key(K.Key_Z, CTRL)
    assert driver.store.annotation(first) is not None
    assert len(panel.rows()) == 2
    driver.key(K.Key_Z, CTRL)
    assert driver.store.annotation(first).label_id == cat
    driver.key(K.Key_Z, CTRL)
    assert driver.store.annotation(second).label_id == cat
    assert [r[0] for r in panel.rows()] == ["cat", "cat"]


def test_the_panel_says_which_ai_made_a_box_and_whether_it_was_edited(driver, folder, qtbot):
    w = driver.open(folder)
    cat, dog = classes(driver, "cat", "dog")
    img1 = go_to(driver, "img1.jpg")
    run = driver.store.create_run("anthropic", "claude-test")
    driver.store.add_suggestions(run, img1, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(50, 60, 70, 80), confidence=0.9),
        NewSuggestion(Kind.BOX, "cat", cat, Box(300, 200, 40, 40), confidence=0.8),
    ])
    w.refresh_boxes()
    panel = show_panel(qtbot, w)
    assert panel.rows() == []  # a pending suggestion is not an annotation yet
    driver.key(K.Key_Tab)
    driver.key(K.Key_Return)  # accepted as it came
    assert panel.rows() == [("cat", "50, 60, 70, 80", "accepted from the AI (anthropic/claude-test)")]
    assert driver.store.annotations(img1)[0].source == "suggestion"

    assert w.canvas.selected_key[0] == "s"  # Enter went on to the other suggestion
    driver.key(K.Key_2)  # dog: its class only, still pending
    assert len(panel.rows()) == 1
    driver.key(K.Key_Return)  # accepted as edited
    rows = panel.rows()
    assert ("dog", "300, 200, 40, 40", "edited, from the AI (anthropic/claude-test)") in rows
    assert {a.label_id for a in driver.store.annotations(img1)} == {cat, dog}


def test_e_excludes_the_image_and_ctrl_z_takes_it_back(driver, folder, qtbot):
    w = driver.open(folder)
    img2 = go_to(driver, "img2.png")
    row = w.image_panel.model.row_of(img2)
    index = w.image_panel.model.index(row)
    assert "(excluded)" not in index.data()
    assert w.status_excluded.text() == ""

    driver.key(K.Key_E)
    assert driver.store.image(img2).excluded
    assert "(excluded)" in index.data()  # the list row says so (and is greyed)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert w.status_excluded.text() == "excluded"
    assert "Excluded img2.png" in w.statusBar().currentMessage()
    assert w.current_id == img2  # it stays on the canvas

    # the list's filter shows the excluded images
    filter_box = w.image_panel.filter_box
    pick(qtbot, filter_box, "excluded")
    assert filter_box.currentText() == "Excluded"
    assert w.image_panel.model.ids() == [img2]
    assert w.status_index.text() == "1 / 1"
    pick(qtbot, filter_box, "all")
    assert filter_box.currentText() == "All images"
    assert len(w.image_panel.model.ids()) == 5

    w.canvas.setFocus()
    driver.key(K.Key_Z, CTRL)
    assert not driver.store.image(img2).excluded
    index = w.image_panel.model.index(w.image_panel.model.row_of(img2))
    assert "(excluded)" not in index.data()
    assert w.status_excluded.text() == ""
    driver.key(K.Key_E)
    driver.key(K.Key_E)  # E again includes it
    assert not driver.store.image(img2).excluded
    assert "Included img2.png again" in w.statusBar().currentMessage()


def test_an_imported_box_says_imported(driver, folder, qtbot, tmp_path):
    import json

    from glancelabel.core.formats import ImportPlan, import_dataset

    w = driver.open(folder)
    coco = tmp_path / "coco.json"
    coco.write_text(json.dumps({
        "images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480}],
        "categories": [{"id": 1, "name": "cat"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [11, 22, 33, 44]}],
    }))
    import_dataset(driver.store, ImportPlan("coco", coco), folder)  # (the import itself: setup)
    go_to(driver, "img1.jpg")
    panel = show_panel(qtbot, w)
    assert panel.rows() == [("cat", "11, 22, 33, 44", "imported")]


def test_a_refused_delete_is_said_and_keeps_the_box(driver, folder, qtbot, monkeypatch):
    """Delete in the panel when the project refuses it (a larger change still being saved
    changes that box, a full disk): the sentence in the status bar, the box still listed (it
    raised out of the button's slot, unsaid)."""
    from glancelabel.core.i18n import N_
    from glancelabel.core.store.annotations import AnnotationError

    w = driver.open(folder)
    (cat,) = classes(driver, "cat")
    img1 = go_to(driver, "img1.jpg")
    w.commit(driver.store.add_boxes(img1, [(cat, Box(10, 20, 30, 40))]))
    panel = show_panel(qtbot, w)

    def refused(*_args, **_kwargs):
        raise AnnotationError(N_("errors", "That annotation no longer exists."))

    monkeypatch.setattr(type(driver.store), "delete_annotations", refused)
    click_row(qtbot, panel, 0)
    driver.key(K.Key_Delete)
    assert w.statusBar().currentMessage() == "That annotation no longer exists."
    assert len(panel.rows()) == 1 and len(driver.store.annotations(img1)) == 1
