"""The image list: a model over image ids (rows built lazily a page at a time) and its panel.

Filters are the store's (`store.image_ids(filter, search)`); a row shows the file name, its state
(done, unreadable, missing, excluded: greyed) and the number of boxes and pending suggestions. Unreadable and missing
files say why in their tooltip. Pending counts follow the confidence slider (`set_threshold`): a
suggestion below it is counted as hidden, not pending. An image being asked about (I) shows a
turning spinner glyph until its answer is stored (`set_busy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import N_
from ..core.model import FileState, ImageRecord, ReviewState, SuggestionState
from ..core.review.queue import is_shown
from ..core.store.consensus import disputed_pending
from .i18n import problem_text, translate

if TYPE_CHECKING:
    from ..core.store import Store

FILTER_CHOICES: list[tuple[str, str]] = [
    ("all", N_("image_list", "All images")),
    ("unlabelled", N_("image_list", "Unlabelled")),
    ("labelled", N_("image_list", "Labelled")),
    ("needs_review", N_("image_list", "Needs review")),
    ("new", N_("image_list", "Not done")),
    ("done", N_("image_list", "Done")),
    ("unreadable", N_("image_list", "Unreadable")),
    ("missing", N_("image_list", "Missing")),
    ("excluded", N_("image_list", "Excluded")),
]

PAGE = 200
ImageIdRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
SPINNER = "◐◓◑◒"  # the busy glyph's frames (an image the AI is being asked about)


class ImageListModel(QAbstractListModel):
    """Rows are image ids in list order; records are read from the store a page at a time."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = "all"
        self.search = ""
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        # id -> (record, boxes, pending shown, pending hidden below the threshold, pending
        # disputed by two models)
        self._rows: dict[int, tuple[ImageRecord, int, int, int, int]] = {}
        self.threshold = 0.0
        self.busy: set[int] = set()
        self._frame = 0
        self._spin_timer = QTimer(self)
        self._spin_timer.setInterval(150)
        self._spin_timer.timeout.connect(self._spin)

    # -- contents -------------------------------------------------------------------------
    def reload(self, filter: str | None = None, search: str | None = None) -> None:
        if filter is not None:
            self.filter = filter
        if search is not None:
            self.search = search
        ids = self.store.image_ids(self.filter, self.search)
        if ids == self._ids:  # the same rows (an import into listed images): no model reset,
            self.refresh_all()  # which would lay out the whole list again; rows read anew
            return
        self.set_ids(ids)

    def set_ids(self, ids: list[int]) -> None:
        """Show these ids (read by a background task for the current filter and search)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = {image_id: row for row, image_id in enumerate(self._ids)}
        self._rows.clear()
        self.endResetModel()

    def append_ids(self, ids: list[int]) -> None:
        """Add rows at the end (a new project's images as the scan stores them)."""
        ids = [i for i in ids if i not in self._row_of]
        if not ids:
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)
        self._row_of.update((image_id, first + k) for k, image_id in enumerate(ids))
        self.endInsertRows()

    def ids(self) -> list[int]:
        return self._ids

    def row_of(self, image_id: int) -> int | None:
        return self._row_of.get(image_id)

    def image_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def refresh(self, image_ids) -> None:
        """Rows of these images changed in the store: drop their cached rows and repaint them.
        (An image that no longer matches the filter stays until the next reload, so the row under
        the user's cursor never jumps away.)"""
        for image_id in image_ids:
            self._rows.pop(image_id, None)
            row = self._row_of.get(image_id)
            if row is not None:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx)

    def refresh_all(self) -> None:
        self._rows.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    def set_threshold(self, threshold: float) -> None:
        """The confidence slider moved: pending counts leave out what it hides."""
        if threshold != self.threshold:
            self.threshold = threshold
            self.refresh_all()

    def set_busy(self, image_id: int, busy: bool) -> None:
        """Show (or stop showing) the spinner on an image while the AI is asked about it."""
        if busy:
            self.busy.add(image_id)
            if not self._spin_timer.isActive():
                self._spin_timer.start()
        else:
            self.busy.discard(image_id)
            if not self.busy:
                self._spin_timer.stop()
        self.refresh([image_id])

    def busy_glyph(self) -> str:
        return SPINNER[self._frame % len(SPINNER)]

    def _spin(self) -> None:
        self._frame += 1
        for image_id in self.busy:
            row = self._row_of.get(image_id)
            if row is not None:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DisplayRole])

    def _shown_pending(self, image_ids: list[int]) -> dict[int, int]:
        """Pending suggestions at or above the threshold (read only for images that have
        pending ones, and only when the slider is above 0)."""
        out = {}
        for image_id in image_ids:
            pending = self.store.suggestions(image_id, states=[SuggestionState.PENDING])
            out[image_id] = sum(1 for s in pending if is_shown(s, self.threshold))
        return out

    def _fetch(self, row: int) -> tuple[ImageRecord, int, int, int, int] | None:
        image_id = self._ids[row]
        hit = self._rows.get(image_id)
        if hit is not None:
            return hit
        start = row - row % PAGE
        page = [i for i in self._ids[start : start + PAGE] if i not in self._rows]
        records = self.store.images(page)
        boxes = self.store.annotation_counts_for(page)
        pending = self.store.pending_counts(page)
        shown = self._shown_pending([i for i in page if pending.get(i)]) if self.threshold > 0 else pending
        disputed = disputed_pending(self.store, [i for i in page if pending.get(i)])
        if len(self._rows) > 20 * PAGE:
            self._rows.clear()
        for i in page:
            rec = records.get(i)
            if rec is not None:
                n = shown.get(i, 0)
                self._rows[i] = (rec, boxes.get(i, 0), n, pending.get(i, 0) - n,
                                 disputed.get(i, 0))
        return self._rows.get(image_id)

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == ImageIdRole:
            return self._ids[index.row()]
        entry = self._fetch(index.row())
        if entry is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        rec, boxes, pending, hidden, disputed = entry
        busy = rec.id in self.busy
        if role == Qt.ItemDataRole.DisplayRole:
            text = display_text(rec, boxes, pending, disputed)
            return f"{self.busy_glyph()} {text.lstrip()}" if busy else text
        if role == RecordRole:
            return rec
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = tooltip(rec, boxes, pending, hidden, disputed)
            return tip + "\n" + translate("image_list", "Asking the AI about it…") if busy else tip
        if role == Qt.ItemDataRole.ForegroundRole:
            if rec.file_state in (FileState.UNREADABLE, FileState.MISSING):
                return QBrush(QColor("#b03a2e"))
            if rec.excluded:
                return QBrush(QColor("#888888"))
            return None
        if role == Qt.ItemDataRole.FontRole and rec.file_state == FileState.MISSING:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def display_text(rec: ImageRecord, boxes: int, pending: int, disputed: int = 0) -> str:
    mark = "✓ " if rec.review_state == ReviewState.DONE else "   "
    parts = [mark + rec.relpath]
    if rec.file_state == FileState.UNREADABLE:
        parts.append(translate("image_list", "(unreadable)"))
    elif rec.file_state == FileState.MISSING:
        parts.append(translate("image_list", "(missing)"))
    if rec.excluded:
        parts.append(translate("image_list", "(excluded)"))
    if boxes:
        parts.append(f"▢{boxes}")
    if pending:
        parts.append(f"◌{pending}")
    if disputed:
        parts.append(f"≠{disputed}")
    return "  ".join(parts)


def tooltip(rec: ImageRecord, boxes: int, pending: int, hidden: int = 0,
            disputed: int = 0) -> str:
    lines = [rec.relpath]
    if rec.width and rec.height:
        lines.append(f"{rec.width} × {rec.height}")
    if rec.file_state == FileState.UNREADABLE:
        problem = (problem_text(rec.problem) if rec.problem
                   else translate("image_list", "the file could not be decoded."))
        lines.append(translate("image_list", "Unreadable: {problem}").format(problem=problem))
    elif rec.file_state == FileState.MISSING:
        lines.append(translate("image_list", "Missing: the file is no longer in the folder; its labels are kept."))
    counts = (translate("image_list", "%n annotation", "", boxes) if boxes == 1
              else translate("image_list", "%n annotations", "", boxes))
    counts += translate("image_list", ", ") + (
        translate("image_list", "%n pending suggestion", "", pending) if pending == 1
        else translate("image_list", "%n pending suggestions", "", pending))
    if hidden:
        counts += translate("image_list", " (and %n hidden below the confidence slider)", "", hidden)
    lines.append(counts)
    if disputed:
        lines.append(translate("image_list", "%n pending suggestion disputed by two models (reviewed first)", "",
                               disputed) if disputed == 1 else
                     translate("image_list", "%n pending suggestions disputed by two models (reviewed first)", "",
                               disputed))
    lines.append(translate("image_list", "done") if rec.review_state == ReviewState.DONE
                 else translate("image_list", "not done yet"))
    if rec.excluded:
        lines.append(translate("image_list", "Excluded: left out of exports and spot-checks (E takes it back)."))
    return "\n".join(lines)


class ImageTable(QTableView):
    """The list's view: Home / End go to the first / last image (a table's own Home / End move
    between columns, and this one has a single column)."""

    def moveCursor(self, action, modifiers):
        model = self.model()
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            if model is None or model.rowCount() == 0:
                return QModelIndex()
            first = action == QAbstractItemView.CursorAction.MoveHome
            return model.index(0 if first else model.rowCount() - 1, 0)
        return super().moveCursor(action, modifiers)


class ImageListPanel(QWidget):
    """Filter, search and the list. Emits `activated(image_id)` when the user picks a row."""

    activated = Signal(int)

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.model = ImageListModel(store, self)
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("imageFilter")
        for key, text in FILTER_CHOICES:
            text = translate("image_list", text)
            self.filter_box.addItem(text, key)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("imageSearch")
        self.search_edit.setPlaceholderText(translate("image_list", "Search by name"))
        self.search_edit.setClearButtonEnabled(True)
        # a one-column table rather than a QListView: its layout does not visit every row, so a
        # list of 100,000 images appears in milliseconds (QListView: over a second)
        self.view = ImageTable()
        self.view.setObjectName("imageList")
        self.view.setModel(self.model)
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # (Tab and F6 reach it)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_box)
        top.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._apply_filter)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self._current: int | None = None
        self._syncing = False
        self.view.selectionModel().currentChanged.connect(self._picked)

    def set_filter(self, key: str) -> None:
        self.filter_box.setCurrentIndex(self.filter_box.findData(key))

    def _apply_filter(self) -> None:
        self.model.reload(self.filter_box.currentData(), self.search_edit.text().strip())
        if self._current is not None:
            self.show_current(self._current)

    def _picked(self, index, _previous=None) -> None:
        if self._syncing or not index.isValid():
            return
        image_id = self.model.image_id(index.row())
        if image_id is not None:
            self.activated.emit(image_id)

    def show_current(self, image_id: int | None) -> None:
        """Select the row of the image shown on the canvas (without emitting `activated`)."""
        self._current = image_id
        row = None if image_id is None else self.model.row_of(image_id)
        if row is None:
            self.view.clearSelection()
            return
        idx = self.model.index(row)
        self._syncing = True
        try:
            self.view.setCurrentIndex(idx)
        finally:
            self._syncing = False
        self.view.scrollTo(idx)
