"""F1 / ?: how to review, then the keys grouped by task, built from the one action table.

A filter box above the keys narrows the rows as you type (every word must appear in the task, the
action or its keys).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..actions import group_titles, help_rows
from ..i18n import translate


def review_intro() -> str:
    """How to review, in the interface's language."""
    return translate(
        "HelpOverlay",
        "<b>How to review</b>"
        "<ol style='margin-left: 12px'>"
        "<li><b>Ask</b>: I asks the AI about this image; Ctrl+B asks about many (Batch).</li>"
        "<li><b>Decide</b>: Enter or Y accepts the selected suggestion, N rejects it, Tab goes to the "
        "next one; M maps a label the project does not know to a class.</li>"
        "<li><b>Space</b> accepts what is left on the image, marks it done and shows the next image "
        "that needs review (X rejects what is left instead; 0 means no objects).</li>"
        "<li><b>Spot-check</b> (Review menu): review a random sample to learn how good the AI was; "
        "on a pass, accept the rest.</li>"
        "<li><b>Export</b> (Ctrl+E): COCO, YOLO and more, from the images marked done.</li>"
        "</ol>"
        "<p>1–9 or L on a selected suggestion changes its class only; dragging, resizing or nudging it "
        "changes its box only; it stays pending until Enter/Y accepts it as edited.</p>"
        "<p>An image is done only when you say so: Space, X or 0, or D/→ after you decided or edited "
        "something on it with nothing left pending.</p>",
    )


class HelpOverlay(QDialog):
    def __init__(self, overrides: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("HelpOverlay", "How to review, and the keys"))
        self.resize(600, 720)
        intro = QLabel(review_intro())
        intro.setObjectName("helpIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("helpFilter")
        self.filter_edit.setPlaceholderText(
            translate("HelpOverlay", "Filter the keys (e.g. “space”, “class”, “zoom”)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("helpTable")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([translate("HelpOverlay", "Action"),
                                   translate("HelpOverlay", "Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab from the filter: arrows, Page Down scroll it
        bold = QFont()
        bold.setBold(True)
        groups: dict[str, QTreeWidgetItem] = {}
        titles = group_titles()
        for group, text, keys in help_rows(overrides):
            parent_item = groups.get(group)
            if parent_item is None:
                parent_item = QTreeWidgetItem(self.tree, [titles.get(group, group)])
                parent_item.setFont(0, bold)
                parent_item.setFirstColumnSpanned(True)
                parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[group] = parent_item
            child = QTreeWidgetItem(parent_item, [text, keys])
            child.setData(0, Qt.ItemDataRole.UserRole, group)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.empty = QLabel(translate("HelpOverlay", "No key matches the filter."))
        self.empty.setObjectName("helpEmpty")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        self.filter_edit.setFocus()

    def _groups(self):
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        any_shown = False
        for group in self._groups():
            shown = 0
            for i in range(group.childCount()):
                child = group.child(i)
                haystack = f"{group.text(0)} {child.text(0)} {child.text(1)}".lower()
                hide = not all(w in haystack for w in words)
                child.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)
            any_shown = any_shown or shown > 0
        self.empty.setVisible(not any_shown)

    def texts(self) -> list[tuple[str, str, str]]:
        """(task, action, keys) of the rows shown (the filter applied)."""
        out = []
        for group in self._groups():
            if group.isHidden():
                continue
            for i in range(group.childCount()):
                child = group.child(i)
                if not child.isHidden():
                    out.append((group.text(0), child.text(0), child.text(1)))
        return out

    def groups(self) -> list[str]:
        """The task headings shown, in order."""
        return [g.text(0) for g in self._groups() if not g.isHidden()]
