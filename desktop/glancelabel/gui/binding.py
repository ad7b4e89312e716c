"""Widgets bound to the fields of a Qt-free plan (ExportPlan, BatchPlan, …).

    binding = Binding(changed=self._edited)
    binding.bind(self.seed, "seed")                                   # QSpinBox <-> plan.seed
    binding.bind(self.limit, "limit", read=lambda v: v or None, write=lambda v: v or 0)
    binding.show(plan)              # every bound widget shows the plan (no `changed` calls)
    plan = binding.apply(plan)      # the widgets' values into the plan

A widget's edit calls `changed`. Supported: QCheckBox and QRadioButton (checked or not),
QComboBox (its item data, else its text), QSpinBox / QDoubleSpinBox, QLineEdit and QButtonGroup
(the checked button's "value" property, else its id). `read` turns the widget's value into the field's, `write` the field's into the widget's.
`watch(widget)` makes a widget that holds no field of its own (a choice that decides how other
fields read, such as "by share" or "by margin") call `changed` too.
`apply` uses the plan's `with_(**values)` when it has one, `dataclasses.replace` for a frozen
dataclass, else sets attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, is_dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QRadioButton,
    QSpinBox,
)

Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class _Access:
    get: Callable[[], Any]
    set: Callable[[Any], None]
    signal: SignalInstance


def _combo_set(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    if index < 0:
        index = box.findText(str(value))
    box.setCurrentIndex(max(0, index))


def _group_value(button: QAbstractButton, group: QButtonGroup) -> Any:
    value = button.property("value")
    return group.id(button) if value is None else value


def _group_get(group: QButtonGroup) -> Any:
    button = group.checkedButton()
    return None if button is None else _group_value(button, group)


def _group_set(group: QButtonGroup, value: Any) -> None:
    for button in group.buttons():
        if _group_value(button, group) == value:
            button.setChecked(True)


def _access(widget: QObject) -> _Access:
    if isinstance(widget, QCheckBox | QRadioButton):
        return _Access(widget.isChecked, lambda v: widget.setChecked(bool(v)), widget.toggled)
    if isinstance(widget, QComboBox):
        return _Access(
            lambda: widget.currentText() if widget.currentData() is None else widget.currentData(),
            lambda v: _combo_set(widget, v), widget.currentIndexChanged)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return _Access(widget.value, widget.setValue, widget.valueChanged)
    if isinstance(widget, QLineEdit):
        return _Access(widget.text, lambda v: widget.setText(str(v)), widget.textChanged)
    if isinstance(widget, QButtonGroup):
        return _Access(lambda: _group_get(widget), lambda v: _group_set(widget, v),
                       widget.idToggled)
    raise TypeError(f"cannot bind a {type(widget).__name__}")


@dataclass(frozen=True)
class _Field:
    widget: QObject
    name: str
    access: _Access
    read: Convert
    write: Convert


class Binding:
    def __init__(self, changed: Callable[[], None]) -> None:
        self.changed = changed
        self._fields: list[_Field] = []

    def bind(self, widget: QObject, name: str, *, read: Convert = _same,
             write: Convert = _same) -> None:
        """Bind `widget` to the plan's field `name`; its edits call `changed`."""
        access = _access(widget)
        self._fields.append(_Field(widget, name, access, read, write))
        access.signal.connect(lambda *_args: self.changed())

    def watch(self, widget: QObject) -> None:
        """A widget without a field of its own whose edits call `changed` too."""
        _access(widget).signal.connect(lambda *_args: self.changed())

    def values(self) -> dict[str, Any]:
        """Field name -> value, read from the widgets."""
        return {f.name: f.read(f.access.get()) for f in self._fields}

    def show(self, plan: Any) -> None:
        """Every bound widget shows the plan's value (without calling `changed`)."""
        for f in self._fields:
            blocked = f.widget.blockSignals(True)
            try:
                f.access.set(f.write(getattr(plan, f.name)))
            finally:
                f.widget.blockSignals(blocked)

    def apply(self, plan: Any, **more: Any) -> Any:
        """The plan with the widgets' values (and `more`): a new plan when it has `with_` or is
        a frozen dataclass, else the same plan, changed."""
        values = {**self.values(), **more}
        if hasattr(plan, "with_"):
            return plan.with_(**values)
        if (is_dataclass(plan) and not isinstance(plan, type)
                and plan.__dataclass_params__.frozen):  # type: ignore[attr-defined]
            return replace(plan, **values)
        for name, value in values.items():
            setattr(plan, name, value)
        return plan
