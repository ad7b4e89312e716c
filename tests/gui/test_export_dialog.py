"""The Export dialog: edits an ExportPlan, runs the export off the GUI thread, shows the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from PIL import Image
from PySide6.QtCore import Qt

from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, ReviewState
from glancelabel.core.store import Store
from glancelabel.gui.dialogs.export import ExportDialog


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (64, 48), "red").save(folder / "a.jpg")
    Image.new("RGB", (32, 32), "blue").save(folder / "b.png")
    Image.new("RGB", (20, 20), "green").save(folder / "new.jpg")
    store = Store(folder / ".glancelabel" / "project.sqlite", folder)
    scan_folder(store, folder)
    store.add_label("cat")
    store.add_label("dog")
    cat = store.label_by_name("cat").id
    dog = store.label_by_name("dog").id
    store.add_box(store.image_by_relpath("a.jpg").id, cat, Box(1, 2, 10, 10))
    store.add_box(store.image_by_relpath("a.jpg").id, dog, Box(5, 5, 20, 20))
    store.set_review_state([store.image_by_relpath("b.png").id], ReviewState.DONE)
    yield store, folder
    store.close()


def open_dialog(qtbot, store, folder) -> ExportDialog:
    dialog = ExportDialog(store, folder)
    qtbot.addWidget(dialog)
    return dialog


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_defaults_follow_the_format(qtbot, project):
    store, folder = project
    dialog = open_dialog(qtbot, store, folder)
    assert dialog.plan.format == "coco"
    assert Path(dialog.out.text()) == folder.resolve().parent / "photos-coco.json"
    assert not dialog.split.isEnabled() and not dialog.link.isEnabled()
    choose(dialog.format, "yolo")
    assert dialog.plan.format == "yolo"
    assert Path(dialog.out.text()) == folder.resolve().parent / "photos-yolo"
    assert dialog.split.isEnabled() and dialog.link.isEnabled() and dialog.upright.isEnabled()
    choose(dialog.link, "none")
    assert dialog.plan.link == "none" and not dialog.upright.isEnabled()
    assert dialog.export_button.isEnabled()


def test_problems_block_the_export(qtbot, project):
    store, folder = project
    dialog = open_dialog(qtbot, store, folder)
    choose(dialog.format, "yolo")
    dialog.split.setText("a,b")
    assert "two or three numbers" in dialog.problem.text()
    assert not dialog.export_button.isEnabled()
    dialog.split.setText("0.5,0.5")
    assert dialog.problem.text() == "" and dialog.plan.split == (0.5, 0.5)
    dialog.out.setText(str(folder / "inside"))
    dialog.out.textEdited.emit(dialog.out.text())
    assert "scanned as new images" in dialog.problem.text()
    assert not dialog.export_button.isEnabled()
    dialog.out.setText(str(folder.parent / "elsewhere"))
    dialog.out.textEdited.emit(dialog.out.text())
    for i in range(dialog.classes.count()):
        dialog.classes.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert "at least one class" in dialog.problem.text()
    dialog.classes.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.plan.classes == ("dog",) and dialog.export_button.isEnabled()


def test_export_runs_in_the_background_and_shows_the_summary(qtbot, project, tmp_path):
    store, folder = project
    dialog = open_dialog(qtbot, store, folder)
    choose(dialog.format, "yolo")
    out = tmp_path / "yolo-out"
    dialog.out.setText(str(out))
    dialog.out.textEdited.emit(dialog.out.text())
    dialog.split.setText("1")
    choose(dialog.link, "copy")
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=10_000)
    assert summary.images == 2 and summary.boxes == 2
    assert yaml.safe_load((out / "data.yaml").read_text())["names"] == {0: "cat", 1: "dog"}
    assert (out / "labels/train/b.txt").read_text() == ""
    assert (out / "images/train/a.jpg").exists()
    text = dialog.summary_text.toPlainText()
    assert "Exported 2 images, 2 boxes" in text and "new.jpg" in text  # left out, said so
    # the GUI's store is still usable (the export read through its own connection)
    assert store.image_count() == 3


def test_export_failure_is_one_sentence(qtbot, project, tmp_path):
    store, folder = project
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep")
    dialog = open_dialog(qtbot, store, folder)
    choose(dialog.format, "voc")
    dialog.out.setText(str(busy))
    dialog.out.textEdited.emit(dialog.out.text())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error is not None, timeout=30_000)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=10_000)
    assert "not empty" in dialog.problem.text()
    assert (busy / "mine.txt").read_text() == "keep"


def test_coco_with_class_subset(qtbot, project, tmp_path):
    store, folder = project
    dialog = open_dialog(qtbot, store, folder)
    out = tmp_path / "c.json"
    dialog.out.setText(str(out))
    dialog.out.textEdited.emit(dialog.out.text())
    dialog.classes.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.all_images.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.start()
    data = json.loads(out.read_text())
    assert [c["name"] for c in data["categories"]] == ["dog"]
    assert len(data["annotations"]) == 1 and len(data["images"]) == 3
