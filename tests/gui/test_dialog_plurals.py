"""Counts in the import dialog and the quality report read right for one ("1 record was skipped",
"1 box drawn by hand"): each dialog opened through its menu item, driven by keys and clicks."""

from __future__ import annotations

import json

from menu_driving import choose, when_modal
from PySide6.QtCore import Qt

from glancelabel.core.app.paths import project_path
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


def test_import_with_one_skipped_record_says_record_was(driver, folder, tmp_path, qtbot):
    coco = {
        "images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480},
                   {"id": 2, "file_name": "nope.jpg", "width": 10, "height": 10}],
        "categories": [{"id": 1, "name": "cat"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 100, 50]},
                        {"id": 2, "image_id": 2, "category_id": 1, "bbox": [1, 1, 2, 2]}],
    }
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(coco))
    w = driver.open(folder)
    seen = {}

    def use(dialog):
        qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.path, str(path))
        with qtbot.waitSignal(dialog.imported, timeout=30_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        seen["stage"] = dialog.stage.text()

    state = when_modal(use)
    choose(w, qtbot, "File", "Import")
    assert "dialog" in state
    assert seen["stage"] == "Imported; 1 record was skipped (below)."
    assert len(w.store.annotations(driver.image_id("img1.jpg"))) == 1


def test_report_summary_counts_one_of_each(driver, folder, qtbot):
    with Store(project_path(folder), folder) as s:
        scan_folder(s, folder)
        s.add_labels(["cat"])
        cat = s.labels()[0].id
        img1 = s.image_by_relpath("img1.jpg").id
        run = s.create_run("anthropic", "claude-x")
        ids = s.add_suggestions(run, img1, [
            NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 80, 80), None, 0.9)])
        s.reject_suggestions(ids, mark_done=True)
        s.add_box(img1, cat, Box(200, 200, 50, 50))  # the one the AI missed, drawn by hand
    w = driver.open(folder)
    seen = {}
    state = when_modal(lambda d: seen.update(summary=d.summary.text()))
    choose(w, qtbot, "Review", "Quality report")
    assert "dialog" in state
    assert seen["summary"].startswith(
        "1 image reviewed by a person, 1 final annotation, 1 box drawn by hand.")
