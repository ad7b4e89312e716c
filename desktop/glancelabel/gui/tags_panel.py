"""The tags strip above the canvas: the current image's image-level tags (classification) as
removable chips, and a button for T (add a tag with the class picker). Shift+1…9 toggles the tag
of class 1…9 (handlers in reviewing.py). Tags are annotations of kind 'tag'; accepted tag
suggestions appear here too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..core.model import Kind
from .i18n import translate

if TYPE_CHECKING:
    from .controllers.ports import ImageView
    from .controllers.reviewing import ReviewingController

NO_CLASS_COLOR = "#c8c8c8"


def chip_style(color: str) -> str:
    c = QColor(color)
    fill = f"rgba({c.red()}, {c.green()}, {c.blue()}, 70)"
    return (f"QToolButton {{ border: 1px solid {c.name()}; border-radius: 9px; background: {fill};"
            " padding: 1px 8px; }"
            f" QToolButton:hover {{ background: {c.name()}; }}")


class TagsPanel(QWidget):
    def __init__(self, store: Any, view: ImageView, reviewing: ReviewingController) -> None:
        super().__init__()
        self.setObjectName("tagsPanel")
        self.store = store
        self.view = view  # the image on screen (its current_id)
        self.reviewing = reviewing  # T and the chips' removal
        self.chips: dict[int, QToolButton] = {}  # label id -> chip
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 3, 6, 3)
        self._layout.setSpacing(4)
        self.title = QLabel(translate("tags_panel", "Tags:"))
        self.empty = QLabel(translate("tags_panel", "none"))
        self.empty.setObjectName("tagsEmpty")
        self.empty.setStyleSheet("color: #888888;")
        self.add_button = QToolButton()
        self.add_button.setObjectName("addTag")
        self.add_button.setText(translate("tags_panel", "+ Tag"))
        self.add_button.setToolTip(translate("tags_panel", "Tag this image with a class (T); Shift+1…9 toggles class 1…9"))
        self.add_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(lambda _c=False: reviewing.pick_tag())
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.empty)
        self._layout.addWidget(self.add_button)
        self._layout.addStretch(1)

    def tags(self) -> list[tuple[int, str]]:
        """(label id, class name) of the chips shown, in order."""
        return [(label_id, chip.property("className")) for label_id, chip in self.chips.items()]

    def reload(self) -> None:
        for chip in self.chips.values():
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips.clear()
        if self.view.current_id is None:
            self.empty.setVisible(True)
            return
        labels = {lab.id: lab for lab in self.store.labels()}
        by_label: dict[int, list[int]] = {}
        for ann in self.store.annotations(self.view.current_id):
            if ann.kind is Kind.TAG and ann.label_id is not None:
                by_label.setdefault(ann.label_id, []).append(ann.id)
        for label_id, ann_ids in by_label.items():
            lab = labels.get(label_id)
            name = lab.name if lab else translate("tags_panel", "no class")
            chip = QToolButton()
            chip.setObjectName(f"tag_{label_id}")
            chip.setProperty("className", name)
            chip.setText(f"{name}  ✕")
            chip.setToolTip(translate("tags_panel", "Remove the tag {name} (Shift+{key} toggles it)").format(
                name=name, key=lab.hotkey) if lab and lab.hotkey else
                translate("tags_panel", "Remove the tag {name}").format(name=name))
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setStyleSheet(chip_style(lab.color if lab else NO_CLASS_COLOR))
            chip.clicked.connect(lambda _c=False, ids=tuple(ann_ids): self.reviewing.remove_tags(ids))
            self._layout.insertWidget(self._layout.indexOf(self.add_button), chip)
            self.chips[label_id] = chip
        self.empty.setVisible(not by_label)


def with_tags_strip(strip: QWidget, canvas: QWidget) -> QWidget:
    """The central widget: the tags strip over the canvas."""
    box = QWidget()
    box.setObjectName("centralArea")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(strip)
    layout.addWidget(canvas, 1)
    return box
