"""gui/binding.py: widgets bound to a plan's fields, driven by input events."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from glancelabel.gui.binding import Binding


@dataclass(frozen=True)
class Plan:
    name: str = "a"
    count: int = 3
    on: bool = False
    kind: str = "coco"
    side: str = "left"
    limit: int | None = None

    def with_(self, **changes):
        return replace(self, **changes)


class Mutable:
    def __init__(self) -> None:
        self.name, self.count = "m", 1


def make(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    name, count, on, kind = QLineEdit(), QSpinBox(), QCheckBox("on"), QComboBox()
    count.setRange(0, 100)
    kind.addItem("COCO", "coco")
    kind.addItem("YOLO", "yolo")
    left, right = QRadioButton("left"), QRadioButton("right")
    left.setProperty("value", "left")
    right.setProperty("value", "right")
    side = QButtonGroup(host)
    side.addButton(left)
    side.addButton(right)
    layout = QVBoxLayout(host)
    for w in (name, count, on, kind, left, right):
        layout.addWidget(w)
    host.show()
    calls = []
    binding = Binding(changed=lambda: calls.append(1))
    for widget, field in ((name, "name"), (count, "count"), (on, "on"), (kind, "kind"),
                          (side, "side")):
        binding.bind(widget, field)
    return binding, calls, (name, count, on, kind, left, right), host


def test_show_fills_every_widget_without_calling_changed(qtbot):
    binding, calls, (name, count, on, kind, left, right), _host = make(qtbot)
    binding.show(Plan(name="x", count=7, on=True, kind="yolo", side="right"))
    assert (name.text(), count.value(), on.isChecked(), kind.currentText()) == ("x", 7, True, "YOLO")
    assert right.isChecked() and not left.isChecked()
    assert calls == []


def test_edits_by_hand_call_changed_and_apply_makes_the_plan(qtbot):
    binding, calls, (name, count, on, kind, left, right), _host = make(qtbot)
    binding.show(Plan())
    name.setFocus()
    qtbot.keyClicks(name, "bc")
    qtbot.keyClick(on, Qt.Key.Key_Space)
    qtbot.keyClick(right, Qt.Key.Key_Space)
    count.setFocus()
    qtbot.keyClick(count, Qt.Key.Key_Up)
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert len(calls) >= 6
    plan = binding.apply(Plan(), limit=5)
    assert plan == Plan(name="abc", count=4, on=True, kind="yolo", side="right", limit=5)


def test_read_write_convert_and_a_mutable_plan_is_changed_in_place(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    name, count = QLineEdit(host), QSpinBox(host)
    binding = Binding(changed=lambda: None)
    binding.bind(name, "name", read=str.strip, write=lambda v: f" {v} ")
    binding.bind(count, "count", read=lambda v: v or None, write=lambda v: v or 0)
    plan = Mutable()
    binding.show(plan)
    assert name.text() == " m " and count.value() == 1
    count.setValue(0)
    assert binding.apply(plan) is plan and (plan.name, plan.count) == ("m", None)


@dataclass(frozen=True)
class Frozen:
    """A frozen plan without `with_` (as core.spotcheck.sample.SpotCheckPlan)."""

    count: int = 1


def test_a_frozen_dataclass_is_replaced_and_a_watched_widget_calls_changed(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    count, by_hand = QSpinBox(host), QCheckBox("by hand", host)
    layout = QVBoxLayout(host)
    layout.addWidget(count)
    layout.addWidget(by_hand)
    host.show()
    calls = []
    binding = Binding(changed=lambda: calls.append(1))
    binding.bind(count, "count", read=lambda v: -v if by_hand.isChecked() else v)
    binding.watch(by_hand)  # no field of its own: it decides how `count` reads
    plan = Frozen()
    binding.show(plan)
    qtbot.keyClick(by_hand, Qt.Key.Key_Space)
    assert calls == [1]
    assert set(binding.values()) == {"count"}
    new = binding.apply(plan)
    assert new == Frozen(count=-1) and plan == Frozen(count=1)
