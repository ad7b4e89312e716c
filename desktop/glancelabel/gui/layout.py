"""The main window's frame: its docks, the View menu's list of panels and "Reset layout", the
layout saved in the settings, and the status bar.

Every dock is listed in the View menu as a checkable entry (its `toggleViewAction`), including
docks made later (Batch progress, Spot-check): the list is rebuilt each time the menu opens.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from ..core.app import settings as settings_mod
from ..core.model import FileState, ImageRecord

if TYPE_CHECKING:
    from ..core.review.queue import ReviewQueue
    from .canvas import CanvasView
    from .image_list import ImageListPanel

    _Window = QMainWindow  # the mixin is only ever part of MainWindow
else:
    _Window = object

log = logging.getLogger(__name__)

# the panels every window has, in the View menu's order, and where Reset layout puts them
# (Annotations below the image list: the right column is busy with Classes and Suggestions)
MAIN_DOCKS = (
    ("images", "Images", Qt.DockWidgetArea.LeftDockWidgetArea),
    ("labels", "Classes", Qt.DockWidgetArea.RightDockWidgetArea),
    ("review", "Suggestions", Qt.DockWidgetArea.RightDockWidgetArea),
    ("annotations", "Annotations", Qt.DockWidgetArea.LeftDockWidgetArea),
)
# docks made later that Reset layout puts in an area of their own (the rest: below the list)
LATER_DOCK_AREAS = {"dock_batch": Qt.DockWidgetArea.BottomDockWidgetArea}
NO_ZOOM = "–"  # the zoom shown when there are no pixels to zoom (missing, unreadable)


class LayoutMixin(_Window):
    """Docks, the status bar and the saved layout of `MainWindow`; what it reads of the window:"""

    settings: settings_mod.Settings
    queue: ReviewQueue
    canvas: CanvasView
    image_panel: ImageListPanel
    current_id: int | None
    current_record: ImageRecord | None
    actions_by_id: dict[str, Any]

    # -- docks ------------------------------------------------------------------------------
    def add_main_docks(self, widgets: dict) -> None:
        """The main panels (`widgets`: dock name -> panel) in their default places."""
        for name, title, area in MAIN_DOCKS:
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widgets[name])
            self.addDockWidget(area, dock)

    def main_dock(self, name: str) -> QDockWidget:
        """One of the MAIN_DOCKS (made by `add_main_docks`)."""
        dock = self.findChild(QDockWidget, f"dock_{name}")
        assert dock is not None, name
        return dock

    def docks(self) -> list[QDockWidget]:
        """Every dock of the window: the main ones first, then the others (by title)."""
        found = [self.findChild(QDockWidget, f"dock_{name}") for name, _t, _a in MAIN_DOCKS]
        main = [d for d in found if d is not None]
        others = sorted((d for d in self.findChildren(QDockWidget) if d not in main),
                        key=lambda d: d.windowTitle())
        return main + others

    def init_layout(self, view_menu, toolbar) -> None:
        """Remember the default arrangement (for Reset layout), then restore the saved one; the
        View menu lists the panels each time it opens."""
        self.toolbar = toolbar
        images = self.main_dock("images")
        self.resizeDocks([images, self.main_dock("labels")],
                         [260, 330], Qt.Orientation.Horizontal)
        self.resizeDocks([images, self.main_dock("annotations")],
                         [480, 200], Qt.Orientation.Vertical)
        self._default_state = self.saveState()
        self.view_menu = view_menu
        self._panel_actions: list = []
        self._panels_separator = view_menu.insertSeparator(self.actions_by_id["reset_layout"])
        view_menu.aboutToShow.connect(self.list_panels)
        self._restore_layout()
        self.list_panels()

    def list_panels(self) -> None:
        """Put every panel (and the toolbar) in the View menu, checked when it is shown."""
        menu = self.view_menu
        for act in self._panel_actions:
            menu.removeAction(act)
        self._panel_actions = [d.toggleViewAction() for d in self.docks()]
        self._panel_actions.append(self.toolbar.toggleViewAction())
        menu.insertActions(self._panels_separator, self._panel_actions)
        # (before the separator that precedes Reset layout; the zoom entries stay on top)

    def reset_layout(self) -> None:
        """View > Reset layout: the main panels back in their default places and shown; other
        panels that are open go back below the image list. The saved layout is replaced."""
        from .controllers.spotcheck import place_dock

        others = [d for d in self.docks()[len(MAIN_DOCKS):] if d.isVisible()]
        for dock in self.docks():
            dock.setFloating(False)
        self.restoreState(self._default_state)
        for name, _title, _area in MAIN_DOCKS:
            dock = self.main_dock(name)
            if not dock.toggleViewAction().isChecked():
                dock.show()
        self.toolbar.show()
        for dock in others:
            area = LATER_DOCK_AREAS.get(dock.objectName())
            if area is not None:
                self.addDockWidget(area, dock)
            else:
                place_dock(self, dock)
            dock.show()
        self.save_layout()
        self.say("Layout reset: every main panel is back in its place.")

    # -- the saved layout -------------------------------------------------------------------
    def _restore_layout(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def save_layout(self) -> None:
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        self.settings.confidence_threshold = self.queue.threshold
        try:
            settings_mod.save(self.settings)
        except OSError:
            log.warning("settings could not be saved", exc_info=True)

    # -- status bar -------------------------------------------------------------------------
    def init_status_bar(self) -> None:
        self.status_index = QLabel()
        self.status_index.setObjectName("statusIndex")
        self.status_excluded = QLabel()
        self.status_excluded.setObjectName("statusExcluded")
        self.status_size = QLabel()
        self.status_zoom = QLabel()
        self.status_zoom.setObjectName("statusZoom")
        self.status_problem = QLabel()
        self.status_problem.setObjectName("statusProblem")
        self.status_problem.setStyleSheet("color: #b03a2e;")
        self.status_work = QLabel()
        bar = self.statusBar()
        for w in (self.status_excluded, self.status_index, self.status_size, self.status_zoom):
            bar.addPermanentWidget(w)
        bar.addWidget(self.status_work)
        bar.addWidget(self.status_problem, 1)

    def update_status(self, problem: str | None = None) -> None:
        model = self.image_panel.model
        row = None if self.current_id is None else model.row_of(self.current_id)
        total = model.rowCount()
        self.status_index.setText(f"{row + 1} / {total}" if row is not None else f"– / {total}")
        rec = self.current_record
        self.status_size.setText(f"{rec.width} × {rec.height}" if rec and rec.width else "")
        broken = rec is None or rec.file_state in (FileState.UNREADABLE, FileState.MISSING)
        pixels = self.canvas.decoded_width > 0 and not broken and problem is None
        self.status_zoom.setText(f"{self.canvas.zoom():.0%}" if pixels else NO_ZOOM)
        self.status_excluded.setText("excluded" if rec is not None and rec.excluded else "")
        self.status_excluded.setToolTip("Left out of exports and spot-checks (E includes it again)"
                                        if rec is not None and rec.excluded else "")
        if problem is None and rec is not None and rec.file_state in (FileState.UNREADABLE, FileState.MISSING):
            problem = rec.problem or ("missing from the folder" if rec.file_state == FileState.MISSING else "")
        self.status_problem.setText(problem or "")

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, 4000)

    # -- zoom -------------------------------------------------------------------------------
    def fit(self) -> None:
        self.canvas.fit_action()

    def zoom(self, factor: float) -> None:
        self.canvas.zoom_by(factor)
