"""The Import dialog edits its ImportPlan through gui/binding.py: it opens showing the plan it is
given, and each widget a person changes (the format list, the typed path, the radio buttons, the
check box) changes that field of the plan, with the problems and buttons following."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from menu_driving import pick
from PySide6.QtCore import Qt

from glancelabel.core.formats import ImportPlan
from glancelabel.core.store import Store
from glancelabel.gui.dialogs.import_dialog import ImportDialog

LEFT = Qt.MouseButton.LeftButton


def open_dialog(qtbot, tmp_path, plan=None) -> ImportDialog:
    store = Store(":memory:")
    dialog = ImportDialog(store, tmp_path, plan=plan)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_shows_the_plan_it_is_given(qtbot, tmp_path):
    source = tmp_path / "labels"
    source.mkdir()
    dialog = open_dialog(qtbot, tmp_path, ImportPlan("voc", source, "suggestions", False))
    assert dialog.format.currentData() == "voc"
    assert dialog.path.text() == str(source)
    assert dialog.as_suggestions.isChecked() and not dialog.as_annotations.isChecked()
    assert dialog.no_new_classes.isChecked()
    assert dialog.plan == ImportPlan("voc", source, "suggestions", False)
    assert dialog.import_button.isEnabled() and dialog.browse_folder.isEnabled()
    # every field of the plan is bound to a widget: no hand-written wiring is left to drift
    assert set(dialog.binding.values()) == {f.name for f in dataclasses.fields(ImportPlan)}


def test_each_edit_changes_its_field_of_the_plan(qtbot, tmp_path):
    coco = tmp_path / "labels.json"
    coco.write_text("{}")
    dialog = open_dialog(qtbot, tmp_path)
    assert dialog.plan == ImportPlan("coco", Path(""), "annotations", True)
    assert dialog.problem.text() == "Choose the dataset file or folder to import."
    assert not dialog.import_button.isEnabled()
    assert not dialog.browse_folder.isEnabled()  # COCO is one file

    qtbot.keyClicks(dialog.path, f"  {coco} ")
    assert dialog.plan.source == coco
    assert dialog.problem.text() == "" and dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.as_suggestions, LEFT, pos=dialog.as_suggestions.rect().center())
    assert dialog.plan.as_ == "suggestions"
    qtbot.mouseClick(dialog.no_new_classes, LEFT, pos=dialog.no_new_classes.rect().center())
    assert dialog.plan.new_classes is False
    qtbot.mouseClick(dialog.as_annotations, LEFT, pos=dialog.as_annotations.rect().center())
    assert dialog.plan.as_ == "annotations"

    pick(qtbot, dialog.format, "yolo")
    assert dialog.plan.format == "yolo" and dialog.browse_folder.isEnabled()

    dialog.path.selectAll()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Delete)
    assert dialog.plan.source == Path("")
    assert not dialog.import_button.isEnabled()
    assert dialog.plan == ImportPlan("yolo", Path(""), "annotations", False)
