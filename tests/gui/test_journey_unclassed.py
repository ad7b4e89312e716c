"""Journey 4, a box never lacks a class, by keyboard and mouse only: on a project with no classes
a drawn box asks for its class (Esc drops the box), the named class is created and given to it;
File → Export… then writes no image with a box without a class as a background image, and says
how many images it left out for that reason."""

from __future__ import annotations

import json

from dialogs_by_hand import press_escape, type_and_ok, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from glancelabel.core.model import Box, ReviewState

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def titled(seen: list, act):
    def run(dialog):
        seen.append((dialog.windowTitle(), dialog.findChild(QLineEdit) is not None))
        act(dialog)

    return run


def back_to_canvas(d):
    w = d.window
    d.qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)


def menu_action(d, menu_title: str, action_text: str):
    """Open a menu of the menu bar with a click on its title and click one of its actions."""
    bar = d.window.menuBar()
    (menu,) = [a.menu() for a in bar.actions() if a.text().replace("&", "") == menu_title]
    d.qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(menu.menuAction()).center())
    d.qtbot.waitUntil(menu.isVisible)
    (action,) = [a for a in menu.actions() if a.text().replace("&", "") == action_text]
    d.qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())


def test_a_box_on_a_project_without_classes_asks_for_its_class_and_exports_stay_true(
        driver, folder, tmp_path):
    d = driver
    w = d.open(folder)
    store = d.store
    assert store.labels() == []
    # as an older version left it: img2 done with a box that has no class
    img2 = d.image_id("img2.png")
    store.add_box(img2, None, Box(10, 10, 50, 50))
    d.key(K.Key_D)
    img1 = d.image_id("img1.jpg")
    d.wait_image(img1)

    # a box drawn with no class in the project: asked for one; Esc drops the box
    seen = []
    when_modal(d.qtbot, titled(seen, press_escape(d.qtbot)))
    d.key(K.Key_W)
    d.drag(50, 50, 200, 150)
    assert seen == [("Class of the new box", True)]
    back_to_canvas(d)
    assert store.annotations(img1) == [] and store.labels() == []
    assert w.canvas.items_by_key == {}
    assert w.statusBar().currentMessage() == "No box drawn: a box needs a class."

    # again, and name the class: it is created and the box has it
    seen.clear()
    when_modal(d.qtbot, titled(seen, type_and_ok(d.qtbot, "cat")))
    d.key(K.Key_W)
    d.drag(50, 50, 200, 150)
    assert seen == [("Class of the new box", True)]
    back_to_canvas(d)
    cat = store.label_by_name("cat")
    assert cat is not None
    assert [(a.label_id, a.box.as_list()) for a in store.annotations(img1)] == [
        (cat.id, [50.0, 50.0, 150.0, 100.0])]
    (item,) = w.canvas.items_by_key.values()
    assert item.spec.text == "cat"
    panel = w.labels_panel.list
    assert [panel.item(r).text().split()[-1] for r in range(panel.count())] == ["cat"]
    assert w.statusBar().currentMessage().startswith("Drew a cat box")
    d.key(K.Key_D)  # worked on, nothing pending: done
    assert store.image(img1).review_state == ReviewState.DONE

    # File → Export…: COCO, then YOLO, to folders of our own
    out = tmp_path / "coco.json"
    results = []

    def export_twice(dialog):
        field = dialog.findChild(QLineEdit, "exportOut")
        export = dialog.findChild(QPushButton, "exportButton")
        fmt = dialog.findChild(QComboBox, "exportFormat")
        for key, target in (("coco", out), ("yolo", tmp_path / "yolo")):
            if fmt.currentData() != key:
                d.qtbot.mouseClick(fmt, LEFT)
                d.qtbot.keyClicks(fmt.view(), "YOLO detection")
                d.qtbot.keyClick(fmt.view(), K.Key_Return)
            assert fmt.currentData() == key
            d.qtbot.mouseClick(field, LEFT)
            field.selectAll()
            d.qtbot.keyClicks(field, str(target))
            d.qtbot.mouseClick(export, LEFT)
            d.qtbot.waitUntil(lambda: dialog.stage.text() == "Done.", timeout=20_000)
            results.append(dialog.summary_text.toPlainText())
        d.qtbot.mouseClick(dialog.close_button, LEFT)

    when_modal(d.qtbot, export_twice)
    menu_action(d, "File", "Export…")
    assert len(results) == 2

    for text in results:
        assert "1 image left out: boxes without a class (img2.png)" in text
        assert text.startswith("Exported 1 image, 1 box"), text
    coco = json.loads(out.read_text())
    assert [im["file_name"] for im in coco["images"]] == ["img1.jpg"]  # no img2 as background
    assert [a["bbox"] for a in coco["annotations"]] == [[50.0, 50.0, 150.0, 100.0]]
    yolo_labels = sorted(p.name for p in (tmp_path / "yolo").rglob("*.txt")
                         if p.parent.name != "yolo")
    assert yolo_labels == ["img1.txt"]
    assert not list((tmp_path / "yolo").rglob("img2.*"))
