"""The labels (classes) panel: add, rename, recolour, reorder, delete, describe, import; and
below the classes, the project's label mappings (a label the model says → a class) made with M,
each changeable and removable.

Every change is a store verb; the panel emits `changed(ChangeSet)` so the window can push it onto
the undo stack and refresh what it touched.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.formats.classlist import ClassListError, read_class_names
from ..core.model import Label
from ..core.store.labels import LabelError
from .i18n import error_text, translate

if TYPE_CHECKING:
    from ..core.store import Store

log = logging.getLogger(__name__)


def swatch(color: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(color))
    return QIcon(pm)


def label_text(label: Label) -> str:
    key = f"{label.hotkey}  " if label.hotkey else "    "
    return f"{key}{label.name}"


class DeleteLabelDialog(QDialog):
    """States what happens to the class's annotations and offers to move them to another class."""

    def __init__(self, store: Store, label: Label, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("labels_panel", "Delete class “{name}”").format(name=label.name))
        usage = store.label_usage(label.id)
        n, s = usage["annotations"], usage["suggestions"]
        others = [lab for lab in store.labels() if lab.id != label.id]
        layout = QVBoxLayout(self)
        annotations = (translate("labels_panel", "{n} annotation") if n == 1 else
                       translate("labels_panel", "{n} annotations")).format(n=n)
        suggestions = (translate("labels_panel", "{n} suggestion") if s == 1 else
                       translate("labels_panel", "{n} suggestions")).format(n=s)
        summary = QLabel(translate("labels_panel", "“{name}” has {annotations} and {suggestions} mapped "
                                   "to it.").format(name=label.name, annotations=annotations,
                                                    suggestions=suggestions))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.delete_radio = QRadioButton(
            (translate("labels_panel", "Delete the class and its {annotations} (its suggestions become "
                       "unknown labels again)") if s else
             translate("labels_panel", "Delete the class and its {annotations}")).format(
                 annotations=annotations))
        self.move_radio = QRadioButton(translate("labels_panel", "Move its annotations and suggestions to:"))
        self.target = QComboBox()
        for lab in others:
            self.target.addItem(swatch(lab.color), lab.name, lab.id)
        group = QButtonGroup(self)
        group.addButton(self.delete_radio)
        group.addButton(self.move_radio)
        layout.addWidget(self.delete_radio)
        row = QHBoxLayout()
        row.addWidget(self.move_radio)
        row.addWidget(self.target, 1)
        layout.addLayout(row)
        if not others:
            self.move_radio.setEnabled(False)
            self.target.setEnabled(False)
        (self.move_radio if others and n else self.delete_radio).setChecked(True)
        note = QLabel(translate("labels_panel", "You can undo this with Ctrl+Z."))
        note.setObjectName("hint")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("labels_panel", "Delete class"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reassign_to(self) -> int | None:
        return self.target.currentData() if self.move_radio.isChecked() else None


class LabelsPanel(QWidget):
    changed = Signal(object)  # ChangeSet applied by the panel
    chosen = Signal(object)  # label id picked as the class for the next box (or None)

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.list = QListWidget()
        self.list.setObjectName("labelList")
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemDoubleClicked.connect(lambda _i: self.rename())
        # a new project has no class: an empty white list said nothing of how to make one
        self.empty_hint = QLabel(translate("labels_panel", "No classes yet: + adds one, Import reads "
                                           "them from classes.txt or data.yaml, or ask the AI (I) and M "
                                           "makes a label it gives a class."))
        self.empty_hint.setObjectName("labelsEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.description = QPlainTextEdit()
        self.description.setObjectName("labelDescription")
        self.description.setTabChangesFocus(True)  # Tab goes on to the next control
        self.description.setPlaceholderText(translate("labels_panel", "Description for the AI (what this class covers)"))
        self.description.setMaximumHeight(70)
        # what is typed is kept when the keys or the class move on (it was lost without a word)
        self._described: int | None = None  # the class whose description the field shows
        self._typed = False  # typed into since it was shown or saved
        self.description.textChanged.connect(self._description_typed)
        self.description.installEventFilter(self)
        self.save_description = QPushButton(translate("labels_panel", "Save description"))
        self.save_description.clicked.connect(lambda _checked=False: self.commit_description())
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("+", translate("labels_panel", "Add a class"), self.add),
            (translate("labels_panel", "Rename"), translate("labels_panel", "Rename the class"), self.rename),
            (translate("labels_panel", "Colour"), translate("labels_panel", "Change the class colour"), self.recolour),
            ("↑", translate("labels_panel", "Move up (hotkeys 1–9 follow the order)"), lambda: self.move_selected(-1)),
            ("↓", translate("labels_panel", "Move down"), lambda: self.move_selected(1)),
            (translate("labels_panel", "Delete"), translate("labels_panel", "Delete the class…"), self.delete),
            (translate("labels_panel", "Import"), translate("labels_panel", "Import classes from classes.txt or data.yaml"), self.import_dialog),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves the focus
            # clicked(bool) must not reach the slot: add/rename/… take an optional first argument
            b.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(b)
        self.mappings = QListWidget()
        self.mappings.setObjectName("mappingList")
        self.mappings.setMaximumHeight(90)
        self.mappings.setToolTip(translate("labels_panel", "Labels the AI or an import uses, mapped to a class with M; "
                                 "applied to every later answer and import"))
        self.mappings.currentRowChanged.connect(self._mapping_buttons)
        self.change_mapping_button = QPushButton(translate("labels_panel", "Change…"))
        self.change_mapping_button.setToolTip(translate("labels_panel", "Map the label to another class"))
        self.change_mapping_button.clicked.connect(lambda _checked=False: self.change_mapping())
        self.remove_mapping_button = QPushButton(translate("labels_panel", "Remove"))
        self.remove_mapping_button.setToolTip(translate("labels_panel", "Forget the mapping (later answers keep the label "
                                              "unknown)"))
        self.remove_mapping_button.clicked.connect(lambda _checked=False: self.remove_mapping())
        mapping_buttons = QHBoxLayout()
        mapping_buttons.addWidget(self.change_mapping_button)
        mapping_buttons.addWidget(self.remove_mapping_button)
        mapping_buttons.addStretch(1)
        self.mappings_title = QLabel(translate("labels_panel", "Label mappings"))
        # shown once M has made a mapping (the panel stays short until then)
        self.mapping_box = QWidget()
        box = QVBoxLayout(self.mapping_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.mappings_title)
        box.addWidget(self.mappings)
        box.addLayout(mapping_buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.description)
        layout.addWidget(self.save_description)
        layout.addWidget(self.mapping_box)
        self.reload()

    # -- reading --------------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        # polished first: setCurrentItem lays the rows out, and rows laid out before the style
        # sheet's padding came stayed 16 px apart while each row is 22 px high (overlapping)
        self.list.ensurePolished()
        keep = keep if keep is not None else self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for lab in self.store.labels():
            item = QListWidgetItem(swatch(lab.color), label_text(lab))
            item.setData(Qt.ItemDataRole.UserRole, lab.id)
            item.setToolTip(lab.description or translate("labels_panel", "No description yet."))
            self.list.addItem(item)
            if lab.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty_hint.setVisible(self.list.count() == 0)
        self._show_description()
        self.reload_mappings()

    def reload_mappings(self) -> None:
        keep = self.current_mapping()
        self.mappings.blockSignals(True)
        self.mappings.clear()
        for m in self.store.label_mappings():
            item = QListWidgetItem(f"“{m.raw_label}” → {m.label_name}")
            item.setData(Qt.ItemDataRole.UserRole, m)
            self.mappings.addItem(item)
            if keep is not None and m.id == keep.id:
                self.mappings.setCurrentItem(item)
        self.mappings.blockSignals(False)
        n = self.mappings.count()
        self.mappings_title.setText(translate("labels_panel", "Label mappings ({n}): the model's label → "
                                              "class").format(n=n))
        self.mapping_box.setHidden(n == 0)
        self._mapping_buttons()

    def current_mapping(self):
        item = self.mappings.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _mapping_buttons(self, *_args) -> None:
        chosen = self.current_mapping() is not None
        self.change_mapping_button.setEnabled(chosen)
        self.remove_mapping_button.setEnabled(chosen)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, label_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == label_id:
                self.list.setCurrentRow(row)
                return

    def _current_changed(self, *_args) -> None:
        self._show_description()
        self.chosen.emit(self.current_id())

    def _show_description(self) -> None:
        self._keep_typed()
        label_id = self.current_id()
        lab = None if label_id is None else self.store.label(label_id)
        self.description.blockSignals(True)
        self.description.setPlainText("" if lab is None else lab.description)
        self.description.blockSignals(False)
        self.description.setEnabled(lab is not None)
        self._described, self._typed = (None if lab is None else lab.id), False

    def _description_typed(self) -> None:
        self._typed = True

    def eventFilter(self, watched, event) -> bool:
        if watched is self.description and event.type() == QEvent.Type.FocusOut:
            self._keep_typed()
        return super().eventFilter(watched, event)

    def _keep_typed(self) -> None:
        """Save what was typed into the description field of the class it belongs to (when the
        field loses the keys, or before it shows another class or is shown anew)."""
        label_id, typed, self._typed = self._described, self._typed, False
        lab = None if label_id is None or not typed else self.store.label(label_id)
        text = self.description.toPlainText().strip()
        if lab is not None and text != lab.description:
            self._run(self.store.update_label, lab.id, description=text)

    # -- verbs ----------------------------------------------------------------------------
    def _run(self, fn, *args, **kwargs):
        try:
            cs = fn(*args, **kwargs)
        except LabelError as exc:
            QMessageBox.warning(self, translate("labels_panel", "Classes"), error_text(exc))
            return None
        self.changed.emit(cs)
        return cs

    def add(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, translate("labels_panel", "Add a class"),
                                            translate("labels_panel", "Class name:"))
            if not ok:
                return
        cs = self._run(self.store.add_label, name)
        if cs is not None:
            new = self.store.label_by_name(name)
            self.reload(keep=new.id if new else None)

    def rename(self, name: str | None = None) -> None:
        label_id = self.current_id()
        if label_id is None:
            return
        if name is None:
            lab = self.store.label(label_id)
            name, ok = QInputDialog.getText(self, translate("labels_panel", "Rename class"),
                                            translate("labels_panel", "New name:"),
                                            text=lab.name if lab else "")
            if not ok:
                return
        if self._run(self.store.update_label, label_id, name=name) is not None:
            self.reload()

    def recolour(self, color: str | None = None) -> None:
        label_id = self.current_id()
        if label_id is None:
            return
        if color is None:
            lab = self.store.label(label_id)
            chosen = QColorDialog.getColor(QColor(lab.color if lab else "#000000"), self,
                                           translate("labels_panel", "Class colour"))
            if not chosen.isValid():
                return
            color = chosen.name()
        if self._run(self.store.update_label, label_id, color=color) is not None:
            self.reload()

    def move_selected(self, step: int) -> None:
        label_id = self.current_id()
        if label_id is None:
            return
        lab = self.store.label(label_id)
        if lab is None:
            return
        position = lab.position + step
        if self._run(self.store.move_label, label_id, position) is not None:
            self.reload()

    def delete(self, reassign_to: int | None | EllipsisType = ...) -> None:
        label_id = self.current_id()
        if label_id is None:
            return
        if reassign_to is ...:
            lab = self.store.label(label_id)
            if lab is None:
                return
            dialog = DeleteLabelDialog(self.store, lab, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reassign_to = dialog.reassign_to()
        if self._run(self.store.delete_label, label_id, reassign_to) is not None:
            self.reload()

    def change_mapping(self, class_name: str | None = None) -> None:
        """Map the selected label to another class (asks which)."""
        m = self.current_mapping()
        if m is None:
            return
        if class_name is None:
            names = [lab.name for lab in self.store.labels()]
            class_name, ok = QInputDialog.getItem(
                self, translate("labels_panel", "Change a label mapping"),
                translate("labels_panel", "“{raw}” means the class:").format(raw=m.raw_label), names,
                max(0, names.index(m.label_name)) if m.label_name in names else 0, False)
            if not ok:
                return
        label = self.store.label_by_name(class_name)
        if label is None or label.id == m.label_id:
            return
        if self._run(self.store.map_label, m.raw_label, label.id) is not None:
            self.reload_mappings()

    def remove_mapping(self) -> None:
        m = self.current_mapping()
        if m is None:
            return
        if self._run(self.store.remove_label_mapping, m.id) is not None:
            self.reload_mappings()

    def commit_description(self) -> None:
        label_id = self.current_id()
        if label_id is None:
            return
        self._typed = False
        self._run(self.store.update_label, label_id, description=self.description.toPlainText().strip())
        self.reload()

    def import_dialog(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, translate("labels_panel", "Import classes"), "",
                translate("labels_panel", "Class lists (classes.txt *.txt data.yaml *.yaml *.yml)")
            )
            if not name:
                return
            path = Path(name)
        try:
            names = read_class_names(path)
        except ClassListError as exc:
            log.info("class list refused\n", exc_info=True)
            QMessageBox.warning(self, translate("labels_panel", "Import classes"), error_text(exc))
            return
        added, present = self.store.add_labels(names)
        self.reload()
        self.changed.emit(None)
        QMessageBox.information(
            self, translate("labels_panel", "Import classes"),
            ((translate("labels_panel", "Added {n} class; {present} already existed.") if present else
              translate("labels_panel", "Added {n} class.")) if len(added) == 1 else
             (translate("labels_panel", "Added {n} classes; {present} already existed.") if present else
              translate("labels_panel", "Added {n} classes."))).format(n=len(added), present=len(present)),
        )
