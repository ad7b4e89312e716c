"""The New spot-check dialog edits its SpotCheckPlan through gui/binding.py: it opens showing the
plan it is given, and each control a person changes by keyboard or mouse (the run list, the share
or margin and their radio buttons, stratify, which consensus suggestions, the seed, the target)
changes that field of the plan, with the estimate following; Create stores that plan."""

from __future__ import annotations

import dataclasses

import pytest
from menu_driving import pick
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from glancelabel.core.consensus.build import build_consensus
from glancelabel.core.model import Box, Kind
from glancelabel.core.spotcheck.sample import SpotCheckPlan
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui.dialogs.spotcheck import SpotCheckCreateDialog

LEFT = Qt.MouseButton.LeftButton


def cat_project(path, images: int) -> tuple[Store, list[int], int]:
    """A project of `images` images of 200 × 200 and the class cat: the store, the image ids in
    order and cat's id."""
    s = Store(path)
    s.add_labels(["cat"])
    s.add_images([(f"im{i:02d}.jpg", 1, 1) for i in range(images)])
    ids = [r.id for r in s.all_images()]
    s.set_headers([(i, 200, 200, 1, "JPEG", "ok", None) for i in ids])
    s.set_sort_keys(ids)
    return s, ids, s.label_by_name("cat").id


def shown(qtbot, dialog):
    """The dialog open on screen, closed at the end of the test."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def store(tmp_path):
    """40 images; runs a and b both suggest a cat on each (the same box on the first 30: agreed,
    apart on the last 10: disputed), and their consensus is built."""
    s, ids, cat = cat_project(tmp_path / "p.sqlite", 40)
    a, b = s.create_run("anthropic", "claude-test"), s.create_run("openai", "gpt-test")
    for n, i in enumerate(ids):
        s.add_suggestions(a, i, [NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 50, 50), 0.9)])
        other = Box(10, 10, 50, 50) if n < 30 else Box(120, 120, 50, 50)
        s.add_suggestions(b, i, [NewSuggestion(Kind.BOX, "cat", cat, other, 0.8)])
    build_consensus(s, a, b)
    s.runs_ab = (a, b)
    yield s
    s.close()


def open_dialog(qtbot, store, plan=None) -> SpotCheckCreateDialog:
    return shown(qtbot, SpotCheckCreateDialog(store, plan=plan))


def type_into(qtbot, spin, text: str) -> None:
    """Select what the spin box holds (Ctrl+A) and type `text`, as a person does."""
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)


def test_the_dialog_shows_the_plan_it_is_given(qtbot, store):
    a, _b = store.runs_ab
    plan = SpotCheckPlan(run_id=a, margin=0.05, stratify=True, seed=9, target=0.9,
                         only="disputed")
    dialog = open_dialog(qtbot, store, plan)
    assert dialog.scope.currentData() == a
    assert dialog.by_margin.isChecked() and not dialog.by_fraction.isChecked()
    assert dialog.margin.value() == 5.0 and dialog.margin.isEnabled()
    assert not dialog.fraction.isEnabled()
    assert dialog.stratify.isChecked() and dialog.seed.value() == 9
    assert dialog.target.value() == 90.0 and dialog.only.currentData() == "disputed"
    assert dialog.plan == plan
    assert dialog.estimate.text().startswith("10 of 10 images with suggestions")
    # every field the form shows is bound; the minimum per class keeps the plan's value
    assert set(dialog.binding.values()) == {
        f.name for f in dataclasses.fields(SpotCheckPlan)} - {"min_per_class"}


def test_each_control_changed_by_hand_changes_its_field_and_create_stores_it(qtbot, store):
    a, _b = store.runs_ab
    dialog = open_dialog(qtbot, store)
    latest = store.runs()[-1].id  # the consensus run is the newest
    assert dialog.plan.run_id == latest and dialog.plan.fraction == 0.2
    assert dialog.plan.margin is None and dialog.plan.only is None

    pick(qtbot, dialog.scope, a)  # the run list, by mouse and arrow keys
    assert dialog.plan.run_id == a
    assert dialog.estimate.text().startswith("8 of 40 images with suggestions")
    type_into(qtbot, dialog.fraction, "50")  # the share, typed
    assert dialog.plan.fraction == pytest.approx(0.5)
    assert dialog.estimate.text().startswith("20 of 40 images")

    qtbot.mouseClick(dialog.by_margin, LEFT, pos=dialog.by_margin.rect().center())
    assert dialog.plan.fraction is None and dialog.plan.margin == pytest.approx(0.03)
    assert dialog.margin.isEnabled() and not dialog.fraction.isEnabled()
    type_into(qtbot, dialog.margin, "10")
    assert dialog.plan.margin == pytest.approx(0.1)
    dialog.margin.setFocus()
    qtbot.keyClick(dialog.margin, Qt.Key.Key_Up)  # one step up: 11 %
    assert dialog.plan.margin == pytest.approx(0.11)

    qtbot.mouseClick(dialog.stratify, LEFT, pos=dialog.stratify.rect().center())
    assert dialog.plan.stratify is True
    pick(qtbot, dialog.only, "agreed")
    assert dialog.plan.only == "agreed"
    assert dialog.estimate.text() == "No image here has suggestions to check yet."  # run a's
    pick(qtbot, dialog.scope, "all")  # All suggestions: the agreed ones are the consensus run's
    assert dialog.plan.run_id is None
    assert "of 30 images with suggestions" in dialog.estimate.text()
    type_into(qtbot, dialog.seed, "77")
    assert dialog.plan.seed == 77
    type_into(qtbot, dialog.target, "90")
    assert dialog.plan.target == pytest.approx(0.9)

    assert dialog.plan == SpotCheckPlan(run_id=None, fraction=None, margin=pytest.approx(0.11),
                                        stratify=True, seed=77, target=pytest.approx(0.9),
                                        only="agreed")
    create = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(create, LEFT)
    assert dialog.result() == dialog.DialogCode.Accepted
    row = store.audit_row(dialog.audit_id)
    assert (row["method"], row["seed"], row["run_id"]) == ("margin", 77, None)
    assert row["params"]["stratify"] is True and row["params"]["only"] == "agreed"
    assert row["params"]["population"] == 30
