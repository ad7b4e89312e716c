"""The Consensus of two runs dialog edits its ConsensusPlan through gui/binding.py: it opens on
the two newest runs (or the plan it is given), the run lists and the IoU changed by mouse and
keyboard change the plan, and Build builds the consensus that plan describes."""

from __future__ import annotations

import pytest
from menu_driving import pick
from PySide6.QtCore import Qt
from test_spotcheck_plan_binding import cat_project, shown

from glancelabel.core.consensus.build import ConsensusPlan
from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui.dialogs.consensus import ConsensusDialog


@pytest.fixture
def store(tmp_path):
    """Three runs on one image: a and b see the cat with boxes at IoU 2/3, c exactly as a."""
    s, [image], cat = cat_project(tmp_path / "p.sqlite", 1)
    runs = []
    for provider, box in (("anthropic", Box(10, 10, 100, 100)), ("openai", Box(30, 10, 100, 100)),
                          ("local", Box(10, 10, 100, 100))):
        run = s.create_run(provider, "m")
        s.add_suggestions(run, image, [NewSuggestion(Kind.BOX, "cat", cat, box, 0.9)])
        runs.append(run)
    s.test_runs = runs
    yield s
    s.close()


def open_dialog(qtbot, store, plan=None) -> ConsensusDialog:
    return shown(qtbot, ConsensusDialog(store, plan=plan))


def test_the_dialog_opens_on_the_newest_runs_or_the_plan_it_is_given(qtbot, store):
    a, b, c = store.test_runs
    dialog = open_dialog(qtbot, store)
    assert dialog.plan == ConsensusPlan(b, c, 0.5)
    assert (dialog.run_a.currentData(), dialog.run_b.currentData()) == (b, c)
    given = open_dialog(qtbot, store, ConsensusPlan(c, a, 0.75))
    assert (given.run_a.currentData(), given.run_b.currentData(), given.iou.value()) == (c, a, 0.75)
    assert given.plan == ConsensusPlan(c, a, 0.75)


def test_runs_and_iou_changed_by_hand_make_the_plan_that_build_builds(qtbot, store):
    a, b, c = store.test_runs
    dialog = open_dialog(qtbot, store)
    pick(qtbot, dialog.run_a, a)
    assert dialog.plan == ConsensusPlan(a, c, 0.5)
    pick(qtbot, dialog.run_b, b)
    assert dialog.plan == ConsensusPlan(a, b, 0.5)
    dialog.iou.setFocus()
    qtbot.keyClick(dialog.iou, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.iou, "0.6")
    assert dialog.plan.iou == pytest.approx(0.6)
    qtbot.keyClick(dialog.iou, Qt.Key.Key_Down)  # one step of 0.05 down: 0.55
    assert dialog.plan == ConsensusPlan(a, b, pytest.approx(0.55))
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    built = dialog.built
    assert built.runs == (a, b) and built.threshold == pytest.approx(0.55)
    assert (built.agreed, built.disputed) == (1, 0)  # IoU of their boxes: 80 / 120 ≈ 0.67
