"""Batch runs from the window: the Batch dialog, the progress panel in its dock, submitting to a
provider's Batch API, and carrying results into the view (suggestions arriving from a run refresh
the list and the shown image)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox

from ...core.app import settings as settings_mod
from ...core.review.queue import ReviewQueue
from ..canvas import CanvasView
from ..i18n import error_text, shown, translate
from ..image_list import ImageListPanel
from ..tasks import TaskRunner
from .ports import Commit, ImageView, Say
from .spotcheck import SpotCheckMode

if TYPE_CHECKING:
    from ...core.providers.base import Provider
    from ..dialogs.batch import BatchProgressPanel

log = logging.getLogger(__name__)


class BatchController:
    def __init__(self, main: QMainWindow, store: Any, settings: settings_mod.Settings,
                 runner: TaskRunner, queue: ReviewQueue, canvas: CanvasView,
                 image_list: ImageListPanel, view: ImageView, say: Say, status_work: QLabel,
                 spot_check: SpotCheckMode, commit: Commit) -> None:
        self.main = main  # holds the progress dock, parents the dialog
        self.store = store
        self.settings = settings
        self.runner = runner
        self.queue = queue
        self.canvas = canvas
        self.image_list = image_list
        self.view = view
        self.say = say
        self.status_work = status_work
        self.spot_check = spot_check
        self.commit = commit  # a consensus built after a run with a second model: one undo step
        self.provider: Provider | None = None  # for batch runs (tests inject one)
        self._panel: BatchProgressPanel | None = None

    def open_dialog(self) -> None:
        from ...core.suggest.runner import BatchPlan
        from ..dialogs.batch import BatchDialog

        if self._panel is not None and self._panel.running:
            self.show_panel()
            self.say(translate("batch_controller", "A batch run is going: pause or cancel it in the Batch "
                               "panel first."))
            return
        plan = BatchPlan.from_settings(self.settings.provider)
        current = self.view.current_id
        selection = (current,) if current is not None else ()
        dialog = BatchDialog(self.store, plan, selection=selection, parent=self.main)
        dialog.startRequested.connect(self.start)
        dialog.submitRequested.connect(self.submit)
        dialog.exec()

    def panel(self) -> BatchProgressPanel:
        """The progress panel, in its dock (made on first use)."""
        if self._panel is None:
            from ..dialogs.batch import BatchProgressPanel

            panel = BatchProgressPanel(self.store, self.main, provider=self.provider)
            panel.setObjectName("batchPanel")
            panel.resultsArrived.connect(self._results)
            panel.runFinished.connect(self._finished)
            panel.batchesCollected.connect(self._collected)
            panel.consensusBuilt.connect(self._consensus_built)
            self._dock(panel)
            self._panel = panel
        return self._panel

    def _dock(self, panel: BatchProgressPanel) -> None:
        main = self.main
        dock = QDockWidget(translate("batch_controller", "Batch runs"), main)
        dock.setObjectName("dock_batch")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        dock.setWidget(panel)
        # below the canvas only: the side docks (the image list) keep their full height
        main.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        main.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        dock.dockLocationChanged.connect(lambda area: panel.set_wide(area not in (
            Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)))
        main.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        panel.set_wide(True)
        # a third of the window's height: the image stays in view
        main.resizeDocks([dock], [max(1, main.height() // 3)], Qt.Orientation.Vertical)

    def show_panel(self) -> None:
        self.panel()
        dock = self.main.findChild(QDockWidget, "dock_batch")
        if dock is not None:
            dock.show()
            dock.raise_()

    def start(self, plan: Any) -> None:
        panel = self.panel()
        self.show_panel()
        if panel.running:
            self.say(translate("batch_controller", "A batch run is already going."))
            return
        panel.start(plan)

    def submit(self, plan: Any) -> None:
        from ...core.suggest import batch_api

        self.show_panel()
        self.status_work.setText(translate("batch_controller", "Submitting to the provider's Batch API…"))
        self.runner.run(batch_api.submit, self.store, plan, provider=self.provider,
                        on_result=self._submitted, on_error=self._submit_failed)

    def _submitted(self, result: tuple[int, list[str], int]) -> None:
        if self.view.is_closed:
            return
        run_id, batch_ids, cached = result
        self.status_work.setText("")
        self.panel().load_batch_rows()
        self.image_list.model.refresh_all()
        n = len(batch_ids)
        jobs = (translate("batch_controller", "{n} batch job") if n == 1 else
                translate("batch_controller", "{n} batch jobs")).format(n=n)
        from_cache = ""
        if cached:
            from_cache = (translate("batch_controller", ", {n} answer from the cache") if cached == 1 else
                          translate("batch_controller", ", {n} answers from the cache")).format(n=cached)
        self.say(translate("batch_controller", "Run {run}: {jobs} submitted{cache}. Refresh the status in "
                           "the Batch runs panel.").format(run=run_id, jobs=jobs, cache=from_cache))

    def _submit_failed(self, exc: BaseException, _tb: str) -> None:
        if self.view.is_closed:
            return
        self.status_work.setText("")
        QMessageBox.warning(self.main, "Batch API", translate(
            "batch_controller", "The batch could not be submitted: {reason}").format(reason=error_text(exc)))

    def _results(self, image_ids: list[int]) -> None:
        """Suggestions for these images were stored: their rows show the new counts, and the
        shown image its suggestions."""
        if self.view.is_closed:
            return
        self.image_list.model.refresh(dict.fromkeys(image_ids))
        current = self.view.current_id
        if current is not None and current in image_ids:
            self.view.refresh_boxes()
            if self.canvas.selected_key is None:
                self.view.select_suggestion(self.queue.next_pending(current))

    def _finished(self, summary: Any) -> None:
        if self.view.is_closed:
            return
        self.image_list.model.refresh_all()
        if self.spot_check.active:
            self.spot_check.on_change(None)
        from ...core.suggest.ask import hidden_text

        states = {"finished": translate("batch_controller", "finished"),
                  "cancelled": translate("batch_controller", "cancelled"),
                  "capped": translate("batch_controller", "stopped at the spending cap")}
        self.say((translate("batch_controller", "Batch run {run} {state}: {n} image answered, {failed} "
                            "failed{hidden}.") if summary.succeeded == 1 else
                  translate("batch_controller", "Batch run {run} {state}: {n} images answered, {failed} "
                            "failed{hidden}.")).format(
            run=summary.run_id, state=states.get(summary.state, summary.state), n=summary.succeeded,
            failed=summary.failed, hidden=shown(hidden_text(summary.duplicates))))

    def _consensus_built(self, changes: Any) -> None:
        """The consensus of a run with a second model (applied by the worker): one step on the
        undo stack, the view refreshed where it touched."""
        if not self.view.is_closed:
            self.commit(changes)

    def _collected(self, reports: list[Any]) -> None:
        if self.view.is_closed or not reports:
            return
        self.image_list.model.refresh_all()
        if self.view.current_id is not None:
            self.view.refresh_boxes()
        stored, resent = sum(r.stored for r in reports), sum(r.resent for r in reports)
        again = ""
        if resent:
            again = (translate("batch_controller", "; {n} expired request was sent again") if resent == 1
                     else translate("batch_controller", "; {n} expired requests were sent again")
                     ).format(n=resent)
        self.say((translate("batch_controller", "Batch API results collected: {n} answer stored{again}.")
                  if stored == 1 else
                  translate("batch_controller", "Batch API results collected: {n} answers stored{again}.")
                  ).format(n=stored, again=again))

    def close(self) -> None:
        """The window closes: stop a run that is going (what it stored stays)."""
        panel = self._panel
        if panel is not None:
            if not panel.stop(15):
                log.warning("the batch workers did not stop within 15 s of closing")
