"""Spot-check review mode: the window walks only the sampled images while a spot-check is active.

The mode narrows the image list to the sample (in display order), so every navigation verb the
window already has — D/A, ←/→, 0, and Space/X's "go to the next image needing review" — walks only
the sample. A dock shows the `SpotCheckPanel` (n of N reviewed, acceptance with its interval, the
verdict, "Extend the sample", "Accept the rest") under a bar that says the mode is on and has a
button to leave it; the status bar keeps the progress and what the verdict allows (K extends a
sample that left it open: the new images join the list and the walk).
The active spot-check is remembered in the project, so reopening the folder resumes the mode.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.review.queue import ReviewQueue
from ..canvas import CanvasView
from ..i18n import shown, translate
from ..image_list import ImageListPanel
from ..tasks import TaskRunner
from .ports import Commit, ImageView, Say

if TYPE_CHECKING:
    from ..dialogs.spotcheck import SpotCheckPanel

log = logging.getLogger(__name__)

META_KEY = "spot_check_mode"  # project meta: the id of the spot-check being reviewed


class SpotCheckMode(QObject):
    """Owned by the main window. `start(audit_id)`, `leave()`, `on_change(cs)` after every
    decision (the window's `after_change` calls it), `active`, `panel`. `main` holds the dock;
    `actions` are the window's actions by id (Leave and Extend are enabled in the mode only)."""

    entered = Signal(int)
    left = Signal()

    def __init__(self, main: QMainWindow, store: Any, runner: TaskRunner, queue: ReviewQueue,
                 canvas: CanvasView, image_list: ImageListPanel, view: ImageView, say: Say,
                 commit: Commit, status_work: QLabel, actions: dict[str, QAction],
                 *, confirm: Callable[[QWidget, str], bool] | None = None) -> None:
        super().__init__(main)
        self.main = main
        self.store = store
        self.runner = runner
        self.queue = queue
        self.canvas = canvas
        self.image_list = image_list
        self.view = view
        self.say = say
        self.commit = commit
        self.status_work = status_work
        self.actions = actions
        self.confirm = confirm  # passed to SpotCheckPanel (tests answer its question)
        self.audit_id: int | None = None
        self.panel: SpotCheckPanel | None = None
        self.dock: QDockWidget | None = None
        self.banner: QLabel | None = None

    @property
    def active(self) -> bool:
        return self.audit_id is not None

    # -- entering and leaving ---------------------------------------------------------------
    def start(self, audit_id: int) -> bool:
        """Enter review mode for this spot-check; False (with one sentence shown) when it
        cannot be read."""
        from ..dialogs.spotcheck import SpotCheckPanel

        if self.active:
            self.leave(quiet=True)
        panel = SpotCheckPanel(self.store, audit_id, confirm=self.confirm, tasks=self.runner)
        if panel.status is None:
            message = panel.title.text() or translate("spotcheck_mode", "Spot-check {id} could not be "
                                                      "read.").format(id=audit_id)
            panel.deleteLater()
            self.say(message)
            return False
        self.audit_id = audit_id
        self.panel = panel
        panel.rest_accepted.connect(self.commit)
        panel.sample_extended.connect(self._extended)
        panel.extend_failed.connect(self.say)
        panel.status_changed.connect(self._status_changed)
        dock = self._ensure_dock()
        self.body.addWidget(panel, 1)
        dock.show()
        dock.raise_()
        self._give_room(dock)
        self.store.set_meta(META_KEY, str(audit_id))
        self._narrow_list()
        self._status_changed(panel.status)
        self.update_actions()
        target = panel.next_unreviewed(None)
        ids = panel.sample_ids()
        if target is None and ids:
            target = ids[0]
        if target is not None:
            self.view.show_image(target)
            self.view.select_suggestion(self.queue.next_pending(target))
        self.canvas.setFocus()
        n = len(ids)
        self.say((translate("spotcheck_mode", "Spot-check: {n} sampled image; D/A and Space/X walk "
                            "only the sample.") if n == 1 else
                  translate("spotcheck_mode", "Spot-check: {n} sampled images; D/A and Space/X walk "
                            "only the sample.")).format(n=n))
        self.entered.emit(audit_id)
        return True

    def leave(self, quiet: bool = False) -> None:
        """Back to the whole folder; the spot-check itself stays (its figures are kept)."""
        if not self.active:
            return
        self.audit_id = None
        if self.panel is not None:
            self.panel.setParent(None)
            self.panel.deleteLater()
            self.panel = None
        if self.dock is not None:
            self.dock.hide()
        try:
            self.store.set_meta(META_KEY, "")
        except Exception:  # noqa: BLE001 - the mode is left either way; the log has why
            log.warning("spot-check mode could not be cleared in the project", exc_info=True)
        panel = self.image_list
        panel.filter_box.setEnabled(True)
        panel.search_edit.setEnabled(True)
        panel.model.reload()
        if self.view.current_id is not None:
            panel.show_current(self.view.current_id)
        self.view.update_status()
        self.update_actions()
        if not quiet:
            self.say(translate("spotcheck_mode", "Left the spot-check: the whole folder is shown "
                               "again."))
        self.left.emit()

    def resume(self) -> bool:
        """Re-enter the mode the project was left in (called once the list is ready)."""
        value = self.store.get_meta(META_KEY)
        if not value or not value.isdigit() or self.active:
            return False
        if not self.start(int(value)):
            self.store.set_meta(META_KEY, "")
            return False
        return True

    # -- the Review menu's entries ----------------------------------------------------------
    def ask_and_start(self) -> None:
        """Review → Start spot-check…: the dialog draws the sample, then the mode starts."""
        from ..dialogs.spotcheck import SpotCheckCreateDialog

        dialog = SpotCheckCreateDialog(self.store, self.main, tasks=self.runner)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.audit_id is not None:
            self.start(dialog.audit_id)

    def leave_by_hand(self) -> None:
        if not self.active:
            self.say(translate("spotcheck_mode", "No spot-check is active."))
            return
        self.leave()

    def extend_by_hand(self) -> None:
        """K: draw more images into a spot-check sample that left the verdict open."""
        if not self.active:
            self.say(translate("spotcheck_mode", "K extends a spot-check's sample: start one first "
                               "(Review → Start spot-check…)."))
            return
        self.extend()

    def list_ready(self) -> None:
        """The folder scan listed the images: narrow them to the sample again, or resume the
        mode the project was left in."""
        if self.active:
            self._narrow_list()  # a rescan listed the whole folder again
        else:
            self.resume()

    # -- extending the sample -----------------------------------------------------------------
    def extend(self) -> None:
        """K or the panel's button: more images into a sample that left the verdict open."""
        panel = self.panel
        st = None if panel is None else panel.status
        if panel is None or st is None:
            return
        refusal = st.decision.extend_refusal_text()
        if refusal is not None:
            self.say(shown(refusal))
            return
        if panel.extend() is None and not panel.busy:  # refused (nothing left to draw, …)
            self.say(panel.message.text())

    def _extended(self, ext: Any) -> None:
        if self.panel is None:
            return
        self._narrow_list()
        target = self.panel.next_unreviewed(None)
        if target is not None:
            self.view.show_image(target)
            self.view.select_suggestion(self.queue.next_pending(target))
        self.canvas.setFocus()
        n, total = len(ext.added), len(self.panel.sample_ids())
        short = translate("spotcheck_mode", "; no more were left") if ext.short else ""
        self.say((translate("spotcheck_mode", "Added {n} image to the sample ({total} in all){short}: "
                            "review it like the others; D/A and Space/X walk the sample.") if n == 1 else
                  translate("spotcheck_mode", "Added {n} images to the sample ({total} in all){short}: "
                            "review them like the others; D/A and Space/X walk the sample.")
                  ).format(n=n, total=total, short=short))

    # -- following decisions ----------------------------------------------------------------
    def on_change(self, cs) -> None:
        if self.panel is not None:
            self.panel.on_change(cs)

    def end_of_sample_note(self) -> str | None:
        """What to say when Space/X finds no sampled image left to review (None outside the
        mode): what the verdict allows now, so the end of the sample is no dead end."""
        st = None if self.panel is None else self.panel.status
        if st is None or st.next_unreviewed() is not None:
            return None
        if st.summary.reviewed < st.summary.sample_size:  # the rest was accepted on a pass
            return translate("spotcheck_mode", "No sampled image is left to review; {verdict}.").format(
                verdict=shown(st.decision.short_text))
        return translate("spotcheck_mode", "Every sampled image is reviewed; {verdict}.").format(
            verdict=shown(st.decision.short_text))

    def reviewed_text(self) -> str:
        st = None if self.panel is None else self.panel.status
        if st is None:
            return ""
        s = st.summary
        return translate("spotcheck_mode", "{reviewed} of {n} reviewed, {verdict}").format(
            reviewed=s.reviewed, n=s.sample_size, verdict=shown(st.decision.short_text))

    # -- internals --------------------------------------------------------------------------
    def _give_room(self, dock: QDockWidget) -> None:
        """The list shows only the sample now: it keeps the height its rows need (four at
        least), and the spot-check below it takes the rest, so less of its figures scroll."""
        images = self.main.findChild(QDockWidget, "dock_images")
        if (images is None or images.isHidden() or dock.isFloating()
                or self.main.dockWidgetArea(images) != self.main.dockWidgetArea(dock)
                or self.main.tabifiedDockWidgets(dock)):
            return
        view = self.image_list.view
        rows = max(4, min(len(self.panel.sample_ids()) if self.panel else 0, 12))
        chrome = images.height() - view.viewport().height()  # title, filter row, frame
        wanted = chrome + rows * max(view.sizeHintForRow(0), view.fontMetrics().height() + 4)
        total = images.height() + dock.height()
        if wanted < images.height():
            self.main.resizeDocks([images, dock], [wanted, total - wanted],
                                  Qt.Orientation.Vertical)

    def _narrow_list(self) -> None:
        if self.panel is None:
            return
        panel = self.image_list
        panel.filter_box.setEnabled(False)
        panel.search_edit.setEnabled(False)
        panel.model.set_ids(self.panel.sample_ids())
        if self.view.current_id is not None:
            panel.show_current(self.view.current_id)
        self.view.update_status()

    def _status_changed(self, status) -> None:
        if self.banner is None or status is None:
            return
        self.banner.setText(translate("spotcheck_mode", "<b>Spot-check mode</b>: {progress}. D/A and "
                                      "Space/X walk only the sample.").format(progress=self.reviewed_text()))
        self.status_work.setText(translate("spotcheck_mode", "Spot-check: {progress}").format(
            progress=self.reviewed_text()))

    def update_actions(self) -> None:
        acts = self.actions
        for action_id in ("leave_spot_check", "extend_sample"):
            if action_id in acts:
                acts[action_id].setEnabled(self.active)
        if not self.active:
            self.status_work.setText("")

    def _ensure_dock(self) -> QDockWidget:
        if self.dock is not None:
            return self.dock
        body = QWidget()
        body.setObjectName("spotCheckBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.body = layout  # the panel goes below the bar
        bar = QFrame()
        bar.setObjectName("spotCheckBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 4, 6, 4)
        self.banner = QLabel()
        self.banner.setObjectName("spotCheckBanner")
        self.banner.setWordWrap(True)
        leave = QPushButton(translate("spotcheck_mode", "Leave spot-check"))
        leave.setObjectName("leaveSpotCheck")
        leave.clicked.connect(lambda: self.leave())
        row.addWidget(self.banner, 1)
        row.addWidget(leave, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(bar)
        dock = QDockWidget(translate("spotcheck_mode", "Spot-check"), self.main)
        dock.setObjectName("dock_spotcheck")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        # the panel scrolls rather than squeezing its table and sentences in a short dock
        scroll = _DownScroll()
        scroll.setObjectName("spotCheckScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        dock.setWidget(scroll)
        place_dock(self.main, dock)
        self.dock = dock
        return dock


class _DownScroll(QScrollArea):
    """Scrolls down only: as wide as its content needs (buttons are not cut at the side)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is not None:
            hint.setWidth(body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                          + 2 * self.frameWidth())
        return hint

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a longer button text widens the dock
        return super().eventFilter(watched, event)


def place_dock(window: QMainWindow, dock: QDockWidget) -> None:
    """Below the image list (the list is short in the modes these docks serve); tabbed with a
    dock already there."""
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    for name in ("dock_batch", "dock_spotcheck"):
        other = window.findChild(QDockWidget, name)
        if other is not None and other is not dock and not other.isHidden():
            window.tabifyDockWidget(other, dock)
            return
    images = window.findChild(QDockWidget, "dock_images")
    if images is not None:
        window.splitDockWidget(images, dock, Qt.Orientation.Vertical)
