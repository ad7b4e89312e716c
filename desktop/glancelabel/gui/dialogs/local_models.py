"""The project's local models (trained from its reviewed labels) in the settings' provider page.

`add_local_model_list(page, choices)` puts a list of them above the page's ONNX path field
(`page.local_path`): choosing one fills in its path, so the local provider suggests with it; the
entry of the path shown is selected. The list names each model with its task and classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QComboBox, QHBoxLayout, QLabel, QWidget

from ...core.suggest.local_model import LocalModelChoice
from ..i18n import translate

NONE_CHOSEN = "(a model file of your own, below)"


def add_local_model_list(page: Any, choices: Sequence[LocalModelChoice]) -> QComboBox | None:
    """The list, added to the page's local model group; None when the project has no model."""
    if not choices:
        return None
    box = QComboBox()
    box.setObjectName("localModelList")
    box.addItem(NONE_CHOSEN, "")
    for c in choices:
        box.addItem(c.title, c.path)
    label = QLabel(translate("local_models", "&Trained in this project:"))
    label.setBuddy(box)
    row = QHBoxLayout()
    row.addWidget(label)
    row.addWidget(box, 1)
    group_layout = page.local_path.parentWidget().layout()
    if isinstance(group_layout, QBoxLayout):
        group_layout.insertLayout(1, row)

    def chosen(index: int) -> None:
        path = box.itemData(index)
        if path and page.local_path.text() != path:
            page.local_path.setText(path)

    def shown(text: str) -> None:
        index = box.findData(text.strip())
        box.blockSignals(True)
        box.setCurrentIndex(max(0, index))
        box.blockSignals(False)

    shown(page.local_path.text())
    box.currentIndexChanged.connect(chosen)
    page.local_path.textChanged.connect(shown)
    # usable when the path field is: with the provider Local (another provider ignores it)
    box.setEnabled(page.local_path.isEnabled())
    follower = _FollowEnabled(box, page.local_path)
    page.local_path.installEventFilter(follower)
    return box


class _FollowEnabled(QObject):
    """Keeps `follower` enabled exactly when the watched widget is."""

    def __init__(self, follower: QWidget, watched: QWidget) -> None:
        super().__init__(follower)
        self.follower = follower
        self.watched = watched

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.watched and event.type() == QEvent.Type.EnabledChange:
            self.follower.setEnabled(self.watched.isEnabled())
        return False
