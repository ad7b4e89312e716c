"""The review panel: the current image's suggestions (label, confidence, rationale, provider and
model) in sync with the canvas, and the confidence slider that hides suggestions below it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.consensus.build import rationale_text
from ..core.i18n import N_
from ..core.model import Kind, SuggestionState
from ..core.review.queue import ReviewQueue
from .annotations_panel import Swatches
from .canvas import CanvasView
from .dialogs.consensus import ConsensusDialog
from .i18n import shown, translate
from .i18n import shown as in_language  # (a local name is 'shown' below)

if TYPE_CHECKING:
    from .controllers.ports import ImageView
    from .controllers.reviewing import ReviewingController

# two-model consensus: a badge before the suggestion's class, and the mark kept on the row
MARK_TEXT = {"agreed": N_("review_panel", "✓✓ agreed · "), "disputed": N_("review_panel", "≠ disputed · ")}
MARK_ROLE = Qt.ItemDataRole.UserRole + 1

STATE_TEXT = {
    SuggestionState.ACCEPTED: N_("review_panel", "accepted"),
    SuggestionState.EDITED: N_("review_panel", "accepted (edited)"),
    SuggestionState.REJECTED: N_("review_panel", "rejected"),
}


REVIEW_KEYS_IN_LIST = ("action_accept", "action_delete", "action_accept_all")


class ReviewPanel(QWidget):
    def __init__(self, store: Any, queue: ReviewQueue, canvas: CanvasView, view: ImageView,
                 reviewing: ReviewingController, ask_ai: Callable[[], None],
                 tasks=None) -> None:
        super().__init__()
        self.store = store
        self.tasks = tasks  # gui.tasks.TaskRunner: the consensus is built off the GUI thread
        self.queue = queue
        self.canvas = canvas
        self.view = view  # the image on screen (its current_id)
        self.reviewing = reviewing
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("confidenceSlider")
        self.slider.setRange(0, 100)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setValue(int(round(queue.threshold * 100)))
        self.slider_label = QLabel()
        self.slider.valueChanged.connect(self._threshold_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("suggestionList")
        self.list.setWordWrap(True)
        # rows wrap to the dock's width (no sideways scrolling): re-laid out as the dock resizes
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.currentItemChanged.connect(self._picked)
        self._syncing = False
        self._rows: list[tuple[Any, str, str, Any, bool]] = []  # as on show (see _show_rows)
        self.swatches = Swatches()
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("review_panel", "Hide below")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.slider_label)
        buttons = QHBoxLayout()
        for text, tip, handler in (
            (translate("review_panel", "Accept"), translate("review_panel", "Accept the selected suggestion (Enter / Y)"), reviewing.accept_current),
            (translate("review_panel", "Reject"), translate("review_panel", "Reject it (N / Delete)"), reviewing.reject_current),
            (translate("review_panel", "All ✓"), translate("review_panel", "Accept all shown, next image (Space)"), reviewing.accept_all),
            (translate("review_panel", "All ✗"), translate("review_panel", "Reject all shown, next image (X)"), reviewing.reject_all),
            (translate("review_panel", "Map…"), translate("review_panel", "Map an unknown label to a class (M)"), reviewing.map_label),
            (translate("review_panel", "Ask AI"), translate("review_panel", "Ask the AI about this image (I)"), ask_ai),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves the focus
            b.clicked.connect(lambda _c=False, h=handler: h())
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._threshold_text()
        self.list.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """The review keys the canvas takes work in the list too (F1: Enter / Y accepts the
        selected suggestion, Delete rejects it, Space accepts all shown); N, X, 1-9 and the rest
        are the window's anyway, and the arrows stay the list's own. (The canvas has its actions
        only once the window is built: they are taken when the list first gets the keys.)"""
        if watched is self.list and event.type() == QEvent.Type.FocusIn and not self.list.actions():
            for act in self.canvas.actions():
                if act.objectName() in REVIEW_KEYS_IN_LIST:
                    self.list.addAction(act)
        return super().eventFilter(watched, event)

    def _threshold_text(self) -> None:
        self.slider_label.setText(f"{self.slider.value()}%")

    def _threshold_changed(self, value: int) -> None:
        self._threshold_text()
        self.reviewing.set_threshold(value / 100.0)

    def reload(self) -> None:
        """Show the current image's suggestions. Rows that are as on show stay as they are (a key
        press re-reads an image whose suggestions mostly stayed the same)."""
        self._syncing = True
        if self.view.current_id is None:
            self._show_rows([])
            self.summary.setText("")
            self._syncing = False
            return
        labels = {lab.id: lab for lab in self.store.labels()}
        runs = {}
        items = self.store.suggestions(self.view.current_id)
        threshold = self.queue.threshold
        pending = [s for s in items if s.state == SuggestionState.PENDING]
        shown = self.queue.shown(self.view.current_id)  # in review order: disputed first
        hidden = len(pending) - len(shown)
        decided = [s for s in items if s.state != SuggestionState.PENDING]
        marks = self.queue.marks(self.view.current_id)
        rows = []
        for s in shown + decided:
            lab = labels.get(s.label_id)
            if s.run_id is not None and s.run_id not in runs:
                runs[s.run_id] = self.store.run(s.run_id)
            rows.append((("s", s.id), lab.color if lab else "#c8c8c8",
                         self._row_text(s, lab, runs.get(s.run_id), marks.get(s.id, "")),
                         marks.get(s.id), s.state != SuggestionState.PENDING))
        self._show_rows(rows)
        n_shown, n_decided = len(shown), len(decided)  # (lupdate reads no call among the arguments)
        parts = [translate("review_panel", "%n pending", "", n_shown)]
        if hidden:
            parts.append(translate("review_panel", "%n hidden below {threshold}", "", hidden)
                         .format(threshold=f"{threshold:.0%}"))
        if decided:
            parts.append(translate("review_panel", "%n decided", "", n_decided))
        self.summary.setText(translate("review_panel", ", ").join(parts) if items else translate(
            "review_panel", "No suggestions for this image (I asks the AI)."))
        self._syncing = False
        self.select_key(self.canvas.selected_key)

    @staticmethod
    def _row_text(s: Any, lab: Any, run: Any, mark: str) -> str:
        name = lab.name if lab else translate("review_panel", "{label}  (unknown label: M maps it)"
                                              ).format(label=s.raw_label)
        conf = "" if s.confidence is None else f"  {s.confidence:.0%}"
        state = translate("review_panel", STATE_TEXT[s.state]) if s.state in STATE_TEXT else ""
        kind = translate("review_panel", "image tag: ") if s.kind is Kind.TAG else ""
        head = ((translate("review_panel", MARK_TEXT[mark]) if mark in MARK_TEXT else "")
                + f"{kind}{name}{conf}"
                + (f"  — {state}" if state else ""))
        lines = [head]
        if s.text:
            lines.append(f"“{s.text}”")
        if s.rationale:
            lines.append(in_language(rationale_text(s.rationale)))
        if run is not None:
            lines.append(f"{run.provider} · {run.model}")
        return "\n".join(lines)

    def _show_rows(self, rows: list[tuple[Any, str, str, Any, bool]]) -> None:
        """(key, colour, text, consensus mark, decided) per row: the list is rebuilt only when
        its rows are not the ones on show."""
        if rows == self._rows:
            return
        self.list.clear()
        for key, color, text, mark, decided in rows:
            item = QListWidgetItem(self.swatches[color], text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setData(MARK_ROLE, mark)
            if decided:
                item.setForeground(QBrush(QColor("#888888")))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.list.addItem(item)
        self._rows = rows

    def keys(self) -> list:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]

    def select_key(self, key) -> None:
        self._syncing = True
        try:
            for r in range(self.list.count()):
                if self.list.item(r).data(Qt.ItemDataRole.UserRole) == key:
                    self.list.setCurrentRow(r)
                    return
            self.list.setCurrentRow(-1)
        finally:
            self._syncing = False

    def _picked(self, item, _previous=None) -> None:
        if self._syncing or item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        canvas = self.canvas
        if key in canvas.keys():
            canvas.select(key)
        else:  # an image-level tag: nothing on the canvas, the panel holds the selection
            canvas.select(None)
            self.select_key(key)
        if self.list.hasFocus() and QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            canvas.setFocus()  # picked with the mouse: the keys go on to the canvas (with the
            # keys, F6 and the arrows, they stay in the list: Enter / Y, Delete, Space work there)

    def open_consensus(self) -> None:
        """Review → Consensus of two runs…: build it, as one undoable step, and say what it is."""
        dialog = ConsensusDialog(self.store, self.reviewing.parent, tasks=self.tasks)
        dialog.built_now.connect(self._consensus_built)
        dialog.exec()

    def _consensus_built(self, built) -> None:
        if self.view.is_closed:
            return
        self.reviewing.changes.commit(built.changes)
        self.reviewing.image_list.model.refresh_all()  # the disputed marks too
        self.view.refresh_boxes()
        self.reviewing.say(shown(built.summary()))

    def current_key(self):
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)
