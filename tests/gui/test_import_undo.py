"""An import as annotations from the window is one undo step: Ctrl+Z removes its boxes, gives the
images their review state back and removes the classes it added; Ctrl+Shift+Z brings back the same
rows. Imports too large to hold for undo are kept and say plainly that Ctrl+Z cannot take them back.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from glancelabel.core.formats import importer
from glancelabel.core.model import ReviewState
from glancelabel.gui.dialogs.import_dialog import ImportDialog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def snapshot(store) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in store.q(f"SELECT * FROM {t} ORDER BY id")]
            for t in ("annotations", "images", "labels")}


def import_coco(driver, w, tmp_path, monkeypatch):
    """Import img1 (cat, dog) and img2 (cat) through the window's Import action."""
    coco = {
        "images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480},
                   {"id": 2, "file_name": "img2.png", "width": 320, "height": 240}],
        "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 100, 50]},
                        {"id": 2, "image_id": 1, "category_id": 2, "bbox": [200, 100, 30, 30]},
                        {"id": 3, "image_id": 2, "category_id": 1, "bbox": [5, 6, 70, 80]}],
    }
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(coco))
    dialogs = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: dialogs.append(self) or 0)
    w.actions_by_id["import"].trigger()
    dlg = dialogs[0]
    dlg.path.setText(str(path))
    with driver.qtbot.waitSignal(dlg.imported, timeout=30_000) as sig:
        driver.qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    return dlg, sig.args[0]


def test_ctrl_z_takes_an_import_back_and_ctrl_shift_z_brings_it_again(driver, folder, tmp_path,
                                                                      monkeypatch):
    w = driver.open(folder)
    w.commit(w.store.add_label("cat"))  # a step before the import, which must stay
    img1, img2 = driver.image_id("img1.jpg"), driver.image_id("img2.png")
    before = snapshot(w.store)
    _dlg, summary = import_coco(driver, w, tmp_path, monkeypatch)
    assert summary.annotations == 3 and summary.new_classes == ["dog"]
    assert len(w.store.annotations(img1)) == 2 and len(w.store.annotations(img2)) == 1
    assert {w.store.image(i).review_state for i in (img1, img2)} == {ReviewState.DONE}
    assert w.actions_by_id["undo"].text() == "Undo: import 3 annotations"
    imported = snapshot(w.store)

    # an edit made after the import is undone first
    w.show_image(img1)
    driver.wait_image(img1)
    driver.key(K.Key_W)
    driver.drag(300, 300, 400, 380)
    assert len(w.store.annotations(img1)) == 3
    driver.key(K.Key_Z, CTRL)
    assert snapshot(w.store) == imported

    driver.key(K.Key_Z, CTRL)  # the import, as one step
    assert snapshot(w.store) == before
    assert [lab.name for lab in w.store.labels()] == ["cat"]
    assert w.store.image(img1).review_state == ReviewState.NEW
    assert all(k[0] != "a" for k in w.canvas.keys())
    assert w.actions_by_id["undo"].text() == "Undo: add class cat"

    driver.key(K.Key_Z, CTRL | SHIFT)
    assert snapshot(w.store) == imported  # the same rows, ids included
    assert sum(1 for k in w.canvas.keys() if k[0] == "a") == 2
    verbs = [e["verb"] for e in w.store.events(3)]
    assert verbs[:2] == ["import.annotations", "undo:import.annotations"]


def test_import_too_large_for_undo_is_kept_and_says_so(driver, folder, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "UNDO_ROWS", 2)
    w = driver.open(folder)
    w.commit(w.store.add_label("bird"))
    dlg, summary = import_coco(driver, w, tmp_path, monkeypatch)
    assert summary.annotations == 3 and summary.changes is None
    assert "This import cannot be undone with Ctrl+Z" in dlg.summary_text.toPlainText()
    assert not w.undo_stack.can_undo()  # earlier steps may depend on what the import changed
    driver.key(K.Key_Z, CTRL)
    assert len(w.store.annotations(driver.image_id("img1.jpg"))) == 2
    assert {lab.name for lab in w.store.labels()} == {"bird", "cat", "dog"}
