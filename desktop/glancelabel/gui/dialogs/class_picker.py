"""L: a searchable class picker for any number of classes (type to filter, Enter to pick)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from ..i18n import translate
from ..labels_panel import label_text, swatch


class ClassPicker(QDialog):
    def __init__(self, labels, parent=None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("class_picker", "Pick a class"))
        self.resize(320, 400)
        self.labels = list(labels)
        self.search = QLineEdit()
        self.search.setObjectName("classSearch")
        self.search.setPlaceholderText(translate("class_picker", "Type to filter, Enter to pick"))
        self.list = QListWidget()
        self.list.setObjectName("classList")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_current)
        self.list.itemActivated.connect(lambda _i: self._pick_current())
        self.search.installEventFilter(self)
        self.chosen_id: int | None = None
        self._filter("")

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        self.list.clear()
        for lab in self.labels:
            if needle in lab.name.lower():
                item = QListWidgetItem(swatch(lab.color), label_text(lab))
                item.setData(Qt.ItemDataRole.UserRole, lab.id)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, obj, event) -> bool:
        # Up/Down in the search field move through the list
        if obj is self.search and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                step = -1 if event.key() == Qt.Key.Key_Up else 1
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(obj, event)

    def _pick_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
