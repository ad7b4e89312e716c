"""The Annotations panel: the boxes of the current image (class, box, who made it).

Selecting a row selects the box on the canvas and the other way round. Delete removes the selected
box; the class combo (or 1–9 / L, which act on the selection) changes its class. Every change is a
store verb whose ChangeSet the window commits, so Ctrl+Z undoes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import GlanceLabelError
from ..core.i18n import N_
from ..core.model import Annotation, SuggestionState
from ..core.store.annotations import AnnotationError
from .canvas import CanvasView
from .i18n import error_text, translate
from .labels_panel import swatch

if TYPE_CHECKING:
    from ..core.store import Store
    from .controllers.ports import Commit, ImageView, Say

NO_CLASS = N_("annotations_panel", "(no class)")
NO_CLASS_COLOR = "#c8c8c8"


class Swatches(dict):
    """Class colour -> its swatch icon, made once (a new icon for every row of every refresh
    was a third of a key press's refresh)."""

    def __missing__(self, color: str) -> QIcon:
        icon = self[color] = swatch(color)
        return icon


class MadeBy:
    """Who made a box, in the words the panel shows; each run is read once per refresh."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.runs: dict[int, Any] = {}

    def __call__(self, ann: Annotation) -> str:
        if ann.source == "import":
            return translate("annotations_panel", "imported")
        if ann.source != "suggestion" or ann.suggestion_id is None:
            return translate("annotations_panel", "manual")
        s = self.store.suggestion(ann.suggestion_id)
        run = None
        if s is not None and s.run_id is not None:
            if s.run_id not in self.runs:
                self.runs[s.run_id] = self.store.run(s.run_id)
            run = self.runs[s.run_id]
        return _made_by_ai(s, run)


def _made_by_ai(s: Any, run: Any) -> str:
    ai = (translate("annotations_panel", "the AI ({model})").format(model=f"{run.provider}/{run.model}")
          if run is not None else translate("annotations_panel", "the AI"))
    if s is not None and s.state == SuggestionState.EDITED:
        return translate("annotations_panel", "edited, from {ai}").format(ai=ai)
    return translate("annotations_panel", "accepted from {ai}").format(ai=ai)


def box_text(ann: Annotation) -> str:
    b = ann.box
    if b is None:  # a tag
        return ""
    return f"{b.x:.0f}, {b.y:.0f}, {b.w:.0f}, {b.h:.0f}"


class AnnotationsPanel(QWidget):
    def __init__(self, store: Any, canvas: CanvasView, view: ImageView, say: Say,
                 commit: Commit) -> None:
        super().__init__()
        self.store = store
        self.canvas = canvas
        self.view = view  # the image on screen (its current_id)
        self.say = say
        self.commit = commit
        self.summary = QLabel()
        self.summary.setObjectName("annotationsSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("annotationTable")
        self.table.setHorizontalHeaderLabels([translate("annotations_panel", "Class"),
                                              translate("annotations_panel", "Box (x, y, w, h)"),
                                              translate("annotations_panel", "Made by")])
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not the next cell
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # "Made by" takes the width left and shortens its text with "…" (whole in the tool tip);
        # never narrower than its title, else a scroll bar (a stretched last section stays at the
        # default 100 px: it ran past the edge of a narrow panel, cut with no "…")
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.sectionSizeFromContents(2).width())
        self.table.currentCellChanged.connect(self._picked)
        self.delete_action = QAction(translate("annotations_panel", "Delete box"), self.table)
        self.delete_action.setShortcuts([QKeySequence(Qt.Key.Key_Delete),
                                         QKeySequence(Qt.Key.Key_Backspace)])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(lambda _checked=False: self.delete_current())
        self.table.addAction(self.delete_action)
        self.class_box = QComboBox()
        self.class_box.setObjectName("annotationClass")
        self.class_box.setToolTip(translate("annotations_panel", "The class of the selected box (1–9 or L too)"))
        self.class_box.activated.connect(self._class_chosen)
        self.delete_button = QPushButton(translate("annotations_panel", "Delete"))
        self.delete_button.setObjectName("annotationDelete")
        self.delete_button.setToolTip(translate("annotations_panel", "Delete the selected box (Delete)"))
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_current())
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("annotations_panel", "Class")))
        row.addWidget(self.class_box, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._syncing = False
        self._ids: list[int] = []
        self._label_of: dict[int, int | None] = {}
        self._rows: list[tuple[int, str, str, str, str]] = []  # (id, colour, class, box, made by)
        self._classes: list[tuple[int, str, str]] = []  # the class combo's (id, colour, name)
        self.swatches = Swatches()
        self._enable()

    # -- contents ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the current image's boxes. Only what differs from the rows on show is written to
        the table (a key press re-reads an image whose boxes mostly stayed the same)."""
        store = self.store
        anns = [] if self.view.current_id is None else [a for a in store.annotations(self.view.current_id)
                                                 if a.box is not None]
        labels = {lab.id: lab for lab in store.labels()}
        who = MadeBy(store)
        rows = []
        for ann in anns:
            lab = labels.get(ann.label_id)
            rows.append((ann.id, lab.color if lab else NO_CLASS_COLOR,
                         lab.name if lab else translate("annotations_panel", NO_CLASS),
                         box_text(ann), who(ann)))
        classes = [(lab.id, lab.color, lab.name) for lab in labels.values()]
        self._syncing = True
        try:
            self._show_rows(rows)
            self._ids = [a.id for a in anns]
            self._label_of = {a.id: a.label_id for a in anns}
            if classes != self._classes:
                self._classes = classes
                self.class_box.clear()
                for label_id, color, name in classes:
                    self.class_box.addItem(self.swatches[color], name, label_id)
        finally:
            self._syncing = False
        self.summary.setText(self._summary(len(anns)))
        self.select_key(self.canvas.selected_key)

    def _show_rows(self, rows: list[tuple[int, str, str, str, str]]) -> None:
        """Write the rows that changed. The columns sized to their contents are held at their
        width meanwhile and sized once at the end: sized as each cell is set, a table of n rows
        costs n x n (about 15 ms for 20 boxes)."""
        if rows == self._rows:
            return
        header = self.table.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if r < len(self._rows) and self._rows[r] == row:
                continue
            ann_id, color, name, box, made = row
            cells = [self._cell(r, c) for c in range(3)]
            cells[0].setIcon(self.swatches[color])
            cells[0].setText(name)
            cells[0].setData(Qt.ItemDataRole.UserRole, ("a", ann_id))
            cells[1].setText(box)
            cells[2].setText(made)
            cells[2].setToolTip(made)
        self._rows = rows
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        return item

    def _summary(self, n: int) -> str:
        """How many boxes the image holds. In glance review, where the grid hides the image and W
        is off, the panel shows the selected tile's image: it names it, and offers no W."""
        if self.view.current_id is None:
            return ""
        glance = getattr(self.view, "glance", None)
        if glance is not None and glance.active:
            rec = self.store.image(self.view.current_id)
            image = rec.relpath if rec else "?"
            if not n:
                return translate("annotations_panel", "No boxes yet on {image}, the selected tile's "
                                 "image.").format(image=image)
            return (translate("annotations_panel", "{n} box on {image}, the selected tile's image")
                    if n == 1 else
                    translate("annotations_panel", "{n} boxes on {image}, the selected tile's image")
                    ).format(n=n, image=image)
        if not n:
            return translate("annotations_panel", "No boxes on this image yet (W draws one).")
        return (translate("annotations_panel", "{n} box on this image") if n == 1 else
                translate("annotations_panel", "{n} boxes on this image")).format(n=n)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row."""
        def text(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]

    # -- selection --------------------------------------------------------------------------
    def current_id(self) -> int | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) and self.table.selectedItems() else None

    def select_key(self, key) -> None:
        """The canvas selected `key`: select its row (none for a suggestion or nothing)."""
        self._syncing = True
        try:
            row = self._ids.index(key[1]) if key is not None and key[0] == "a" and key[1] in self._ids else -1
            if row >= 0:
                self.table.setCurrentCell(row, 0)
                self.table.selectRow(row)
            else:
                self.table.clearSelection()
                self.table.setCurrentCell(-1, -1)
        finally:
            self._syncing = False
        self._enable()

    def _picked(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        if self._syncing or not 0 <= row < len(self._ids):
            return
        self.canvas.select(("a", self._ids[row]))
        self._enable()

    def _enable(self) -> None:
        ann_id = self.current_id()
        self.delete_button.setEnabled(ann_id is not None)
        self.class_box.setEnabled(ann_id is not None and self.class_box.count() > 0)
        self._syncing = True  # (the combo shows the selected box's class, blank without one)
        self.class_box.setCurrentIndex(-1 if ann_id is None else
                                       self.class_box.findData(self._label_of.get(ann_id)))
        self._syncing = False

    # -- changes ----------------------------------------------------------------------------
    def delete_current(self) -> None:
        ann_id = self.current_id()
        if ann_id is None:
            self.say(translate("annotations_panel", "Select a box in the list first."))
            return
        try:
            cs = self.store.delete_annotations([ann_id])
        except GlanceLabelError as exc:  # refused (a larger change still saving it), a full disk
            self.say(error_text(exc))
            return
        self.commit(cs)
        self.say(translate("annotations_panel", "Deleted 1 box (Ctrl+Z brings it back)."))

    def _class_chosen(self, index: int) -> None:
        ann_id = self.current_id()
        label_id = self.class_box.itemData(index)
        if self._syncing or ann_id is None or label_id is None:
            return
        if label_id == self._label_of.get(ann_id):
            return
        try:
            cs = self.store.update_annotation(ann_id, label_id=label_id)
        except AnnotationError as exc:
            self.say(error_text(exc))
            return
        self.commit(cs)
        self.canvas.select(("a", ann_id))
        self.select_key(("a", ann_id))
