"""The settings dialog's shortcut page: every action of the table with its keys.

A change that conflicts with another action is refused with a message; an accepted one is saved in
`settings.shortcuts` at once (only where it differs from the action's default keys), and "Restore
default shortcuts" clears them all. `changed` fires after each saved change, so the window can
apply the new keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.app import settings as settings_mod
from ..actions import ACTIONS, BY_ID, SEP, conflict, effective_keys, normalise
from ..i18n import translate


class ShortcutsPage(QWidget):
    changed = Signal()

    def __init__(self, settings: settings_mod.Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.table = QTableWidget(len(ACTIONS), 2)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([translate("shortcuts_page", "Action"),
                                              translate("shortcuts_page", "Shortcut")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # by keys: the table is one Tab stop (arrows pick the row, Enter edits its key); the key
        # editors take every key, Tab included, so Tab must not walk into them one by one
        self.table.setTabKeyNavigation(False)
        self.table.activated.connect(self._edit_row)
        self.editors: dict[str, QKeySequenceEdit] = {}
        keys = effective_keys(settings.shortcuts)
        for row, spec in enumerate(ACTIONS):
            item = QTableWidgetItem(spec.shown)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            edit = QKeySequenceEdit(QKeySequence(", ".join(keys[spec.id][:1])))
            edit.setMaximumSequenceLength(1)
            edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            edit.editingFinished.connect(lambda a=spec.id, e=edit: self._edited(a, e))
            self.table.setCellWidget(row, 1, edit)
            self.editors[spec.id] = edit
        reset = QPushButton(translate("shortcuts_page", "Restore default shortcuts"))
        reset.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        hint = QLabel(translate("shortcuts_page", "Click a shortcut (or press Enter on its row) and press the new "
                                          "key. Keys used by another action are refused."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addWidget(reset)

    def _edit_row(self, index) -> None:
        """Enter on a row: its key editor takes the next key pressed."""
        edit = self.table.cellWidget(index.row(), 1)
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self, action_id: str, edit: QKeySequenceEdit) -> None:
        text = edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        came_by_keys = edit.hasFocus()
        self.set_shortcut(action_id, text)
        if came_by_keys:  # the keys go back to the table, on the same row
            self.table.setCurrentCell(ACTIONS.index(BY_ID[action_id]), 0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_shortcut(self, action_id: str, text: str) -> bool:
        """Give an action one shortcut (text '' removes it). Refuses conflicts with a message."""
        text = normalise(text)
        current = effective_keys(self.settings.shortcuts)[action_id]
        if current[:1] == ((text,) if text else ()):
            return True
        problem = conflict(self.settings.shortcuts, action_id, (text,)) if text else None
        if problem:
            QMessageBox.warning(self, translate("shortcuts_page", "Shortcut not changed"), problem)
            self.editors[action_id].setKeySequence(QKeySequence(current[0] if current else ""))
            return False
        # the first key is replaced; other default keys of the action are kept unless they clash
        rest = tuple(k for k in current[1:] if k != text)
        keys = ((text,) if text else ()) + rest
        defaults = tuple(normalise(k) for k in BY_ID[action_id].keys)
        if keys == defaults:
            self.settings.shortcuts.pop(action_id, None)
        else:
            self.settings.shortcuts[action_id] = SEP.join(keys)
        self.editors[action_id].setKeySequence(QKeySequence(text))
        settings_mod.save(self.settings)
        self.changed.emit()
        return True

    def reset(self) -> None:
        self.settings.shortcuts.clear()
        settings_mod.save(self.settings)
        keys = effective_keys({})
        for action_id, edit in self.editors.items():
            edit.setKeySequence(QKeySequence(keys[action_id][0] if keys[action_id] else ""))
        self.changed.emit()
