"""The main window's frame, as two small objects the window holds:

- `WindowLayout`: its docks, the View menu's list of panels and "Reset layout", and the layout
  saved in the settings. Every dock is listed in the View menu as a checkable entry (its
  `toggleViewAction`), including docks made later (Batch progress, Spot-check): the list is
  rebuilt each time the menu opens.
- `StatusLine`: the status bar's labels (position in the list, size, zoom, excluded, the work
  going on, the image's problem) and its passing messages.

Each is given what it uses: the QMainWindow's own dock and state calls (never the window's
methods), the settings, the canvas, the image list and the image on screen (`ImageView`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStatusBar,
    QToolBar,
    QWidget,
)

from ..core.app import settings as settings_mod
from ..core.i18n import N_
from ..core.model import FileState
from .canvas import CanvasView
from .controllers.ports import ImageView, Say
from .controllers.spotcheck import place_dock
from .i18n import problem_text, translate
from .image_list import ImageListPanel

log = logging.getLogger(__name__)

# the panels every window has, in the View menu's order, and where Reset layout puts them
# (Annotations below the image list: the right column is busy with Classes and Suggestions)
MAIN_DOCKS = (
    ("images", N_("layout", "Images"), Qt.DockWidgetArea.LeftDockWidgetArea),
    ("labels", N_("layout", "Classes"), Qt.DockWidgetArea.RightDockWidgetArea),
    ("review", N_("layout", "Suggestions"), Qt.DockWidgetArea.RightDockWidgetArea),
    ("annotations", N_("layout", "Annotations"), Qt.DockWidgetArea.LeftDockWidgetArea),
)
# docks made later that Reset layout puts in an area of their own (the rest: below the list)
LATER_DOCK_AREAS = {"dock_batch": Qt.DockWidgetArea.BottomDockWidgetArea}
NO_ZOOM = "–"  # the zoom shown when there are no pixels to zoom (missing, unreadable)
MESSAGE_MS = 4000  # how long a passing status message stays


class WindowLayout:
    """The docks and the saved arrangement of `window`.

    `threshold` reads the confidence threshold, saved with the layout."""

    def __init__(self, window: QMainWindow, settings: settings_mod.Settings,
                 threshold: Callable[[], float], say: Say) -> None:
        self.window = window
        self.settings = settings
        self.threshold = threshold
        self.say = say
        self.toolbar: QToolBar | None = None
        self.view_menu: QMenu | None = None
        self.default_state = QByteArray()  # what Reset layout goes back to
        self.panel_actions: list[QAction] = []  # the View menu's panel entries, rebuilt on show
        self.panels_separator: QAction | None = None

    # -- docks ------------------------------------------------------------------------------
    def add_main_docks(self, widgets: dict[str, QWidget]) -> None:
        """The main panels (`widgets`: dock name -> panel) in their default places."""
        for name, title, area in MAIN_DOCKS:
            dock = QDockWidget(translate("layout", title), self.window)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widgets[name])
            self.window.addDockWidget(area, dock)

    def main_dock(self, name: str) -> QDockWidget:
        """One of the MAIN_DOCKS (made by `add_main_docks`)."""
        dock = self.window.findChild(QDockWidget, f"dock_{name}")
        assert dock is not None, name
        return dock

    def docks(self) -> list[QDockWidget]:
        """Every dock of the window: the main ones first, then the others (by title)."""
        found = [self.window.findChild(QDockWidget, f"dock_{name}") for name, _t, _a in MAIN_DOCKS]
        main = [d for d in found if d is not None]
        others = sorted((d for d in self.window.findChildren(QDockWidget) if d not in main),
                        key=lambda d: d.windowTitle())
        return main + others

    def finish(self, view_menu: QMenu, toolbar: QToolBar, reset_action: QAction) -> None:
        """Remember the default arrangement (for Reset layout), then restore the saved one; the
        View menu lists the panels (above `reset_action`) each time it opens."""
        self.toolbar = toolbar
        images = self.main_dock("images")
        self.window.resizeDocks([images, self.main_dock("labels")],
                                [260, 330], Qt.Orientation.Horizontal)
        self.window.resizeDocks([images, self.main_dock("annotations")],
                                [480, 200], Qt.Orientation.Vertical)
        self.default_state = self.window.saveState()
        self.view_menu = view_menu
        self.panels_separator = view_menu.insertSeparator(reset_action)
        view_menu.aboutToShow.connect(self.list_panels)
        self.restore()
        self.list_panels()

    def list_panels(self) -> None:
        """Put every panel (and the toolbar) in the View menu, checked when it is shown."""
        menu, toolbar, separator = self.view_menu, self.toolbar, self.panels_separator
        assert menu is not None and toolbar is not None and separator is not None, "finish() first"
        for act in self.panel_actions:
            menu.removeAction(act)
        self.panel_actions = [d.toggleViewAction() for d in self.docks()]
        self.panel_actions.append(toolbar.toggleViewAction())
        menu.insertActions(separator, self.panel_actions)
        # (before the separator that precedes Reset layout; the zoom entries stay on top)

    def reset_layout(self) -> None:
        """View > Reset layout: the main panels back in their default places and shown; other
        panels that are open go back below the image list. The saved layout is replaced."""
        others = [d for d in self.docks()[len(MAIN_DOCKS):] if d.isVisible()]
        for dock in self.docks():
            dock.setFloating(False)
        self.window.restoreState(self.default_state)
        for name, _title, _area in MAIN_DOCKS:
            dock = self.main_dock(name)
            if not dock.toggleViewAction().isChecked():
                dock.show()
        if self.toolbar is not None:
            self.toolbar.show()
        for dock in others:
            area = LATER_DOCK_AREAS.get(dock.objectName())
            if area is not None:
                self.window.addDockWidget(area, dock)
            else:
                place_dock(self.window, dock)
            dock.show()
        self.save()
        self.say(translate("layout", "Layout reset: every main panel is back in its place."))

    # -- moving the keyboard focus between the window's parts --------------------------------
    def focus_part(self, step: int) -> None:
        """F6 / Shift+F6: the keyboard focus to the next (previous) part of the window: the canvas,
        then each shown panel in the View menu's order. (On the canvas, Tab picks the next box,
        so without this a keyboard could not reach the panels.)"""
        canvas = self.window.findChild(CanvasView)
        parts: list[tuple[QWidget, str]] = [] if canvas is None else [(canvas, "")]
        parts += [(d, d.windowTitle()) for d in self.docks()
                  if d.isVisible() and _first_focusable(d) is not None]
        if not parts:
            return
        focus = QApplication.focusWidget()
        here = next((i for i, (w, _t) in enumerate(parts)
                     if focus is not None and (w is focus or w.isAncestorOf(focus))), -1)
        if here < 0 and step < 0:
            here = 0
        part, title = parts[(here + step) % len(parts)]
        target = part if part is canvas else _first_focusable(part)
        assert target is not None  # (docks without one are not in `parts`)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.say(translate("layout", "Keys now go to the image (F6 moves on).") if part is canvas
                 else translate("layout", "Keys now go to the {panel} panel (F6 moves on, "
                                "Shift+F6 back).").format(panel=title))

    # -- the saved layout -------------------------------------------------------------------
    def restore(self) -> None:
        if self.settings.window_geometry:
            self.window.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        if self.settings.window_state:
            self.window.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def save(self) -> None:
        """The window's geometry, its docks and the confidence threshold, into the settings."""
        self.settings.window_geometry = bytes(self.window.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.window.saveState().toBase64().data()).decode()
        self.settings.confidence_threshold = self.threshold()
        try:
            settings_mod.save(self.settings)
        except OSError:
            log.warning("settings could not be saved", exc_info=True)


def _first_focusable(part: QWidget) -> QWidget | None:
    """Where the keys go in `part`: its first list (its main content), else the first widget
    Tab stops at (shown and enabled); None when it has neither."""
    def usable(widget: QWidget) -> bool:
        return (part.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))

    chain, widget = [], part.window().nextInFocusChain()
    while widget is not None and widget is not part.window():
        if usable(widget):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    lists = [w for w in chain if isinstance(w, QAbstractItemView)]
    return (lists or chain or [None])[0]


class StatusLine:
    """The status bar's labels for the image on screen (`view`) and the work going on."""

    def __init__(self, bar: QStatusBar, canvas: CanvasView, image_list: ImageListPanel,
                 view: ImageView) -> None:
        self.bar = bar
        self.canvas = canvas
        self.image_list = image_list
        self.view = view
        self.index = QLabel()
        self.index.setObjectName("statusIndex")
        self.excluded = QLabel()
        self.excluded.setObjectName("statusExcluded")
        self.size = QLabel()
        self.zoom = QLabel()
        self.zoom.setObjectName("statusZoom")
        self.problem = QLabel()
        self.problem.setObjectName("statusProblem")
        self.problem.setStyleSheet("color: #b03a2e;")
        self.work = QLabel()  # what runs in the background ("Reading image sizes…")
        for w in (self.excluded, self.index, self.size, self.zoom):
            bar.addPermanentWidget(w)
        bar.addWidget(self.work)
        bar.addWidget(self.problem, 1)
        bar.messageChanged.connect(self._message_shown)

    def _message_shown(self, text: str) -> None:
        """While a passing message shows, the work and problem texts stay hidden under it. The
        status bar hides them itself, but lays itself out anew when a text of another height comes
        (a Chinese line is taller) and shows them again over the message; hidden here, they stay."""
        for w in (self.work, self.problem):
            w.setVisible(not text)

    def update(self, problem: str | None = None) -> None:
        """Position, size, zoom and state of the image on screen; `problem` overrides its own."""
        model = self.image_list.model
        current = self.view.current_id
        row = None if current is None else model.row_of(current)
        total = model.rowCount()
        self.index.setText(f"{row + 1} / {total}" if row is not None else f"– / {total}")
        rec = self.view.current_record
        self.size.setText(f"{rec.width} × {rec.height}" if rec and rec.width else "")
        broken = rec is None or rec.file_state in (FileState.UNREADABLE, FileState.MISSING)
        pixels = self.canvas.decoded_width > 0 and not broken and problem is None
        self.zoom.setText(f"{self.canvas.zoom():.0%}" if pixels else NO_ZOOM)
        excluded = rec is not None and rec.excluded
        self.excluded.setText(translate("StatusLine", "excluded") if excluded else "")
        self.excluded.setToolTip(translate("StatusLine", "Left out of exports and spot-checks (E includes it again)")
                                 if excluded else "")
        if problem is None and rec is not None and rec.file_state in (FileState.UNREADABLE, FileState.MISSING):
            problem = (problem_text(rec.problem) if rec.problem
                       else translate("StatusLine", "missing from the folder")
                       if rec.file_state == FileState.MISSING else "")
        self.problem.setText(problem or "")

    def say(self, text: str) -> None:
        """A passing message (a few seconds)."""
        self.bar.showMessage(text, MESSAGE_MS)
