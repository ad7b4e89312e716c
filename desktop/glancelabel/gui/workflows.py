"""Main-window handlers for the larger workflows, each opened from the one action table: import,
export, batch runs (dialog + progress dock), spot-check mode, the quality report, About.

The dialogs are standalone (gui/dialogs/); this mixin only opens them and carries their results
into the window: suggestions arriving from a batch run refresh the list and the shown image, an
import re-reads everything (an import as annotations lands on the undo stack as one step), "accept
the rest" lands on the undo stack.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QMessageBox

from ..core.review.queue import plural
from .spotcheck import SpotCheckMode

log = logging.getLogger(__name__)


class WorkflowsMixin:
    batch_provider = None  # a provider object for batch runs (tests inject a fake)

    def init_workflows(self) -> None:
        """Called at the end of MainWindow.__init__."""
        self.spot_check = SpotCheckMode(self)
        self._batch_panel = None
        self.list_ready.connect(self._list_ready_for_spot_check)
        self.spot_check._update_actions()

    # -- import / export --------------------------------------------------------------------
    def open_import(self) -> None:
        from .dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.store, self.folder, self, tasks=self.runner)
        dialog.imported.connect(self._imported)
        dialog.exec()

    def _imported(self, summary) -> None:
        if self.is_closed:
            return
        if summary.changes is not None:
            self.undo_stack.push(summary.changes)  # written already; Ctrl+Z takes it back
        elif summary.as_ == "annotations":
            # too large to record (the summary says so): older steps may depend on what it changed
            self.undo_stack.clear()
        model = self.image_panel.model
        if self.spot_check.active:
            model.refresh_all()
        else:
            model.reload()
            if self.current_id is not None:
                self.image_panel.show_current(self.current_id)
        if self.current_id is None and model.ids():
            self.show_image(model.ids()[0])
        self.after_change(None)
        what = (plural(summary.annotations, "annotation") if summary.as_ == "annotations"
                else plural(summary.suggestions, "suggestion"))
        self.say(f"Imported {what} on {plural(summary.images, 'image')}"
                 + (f"; {len(summary.skipped)} skipped." if summary.skipped else "."))

    def open_export(self) -> None:
        try:
            from .dialogs.export import ExportDialog
        except ImportError:
            log.warning("the export dialog is not available", exc_info=True)
            QMessageBox.information(self, "Export", "The export dialog is not available in this "
                                    "build; `glancelabel export FOLDER --format ...` exports.")
            return
        ExportDialog(self.store, self.folder, self).exec()

    # -- batch runs -------------------------------------------------------------------------
    def open_batch_dialog(self) -> None:
        from ..core.suggest.runner import BatchPlan
        from .dialogs.batch import BatchDialog

        panel = self._batch_panel
        if panel is not None and panel.running:
            self.show_batch_panel()
            self.say("A batch run is going: pause or cancel it in the Batch panel first.")
            return
        plan = BatchPlan.from_settings(self.settings.provider)
        selection = (self.current_id,) if self.current_id is not None else ()
        dialog = BatchDialog(self.store, plan, selection=selection, parent=self)
        dialog.startRequested.connect(self.start_batch)
        dialog.submitRequested.connect(self.submit_batch)
        dialog.exec()

    def batch_panel(self):
        """The progress panel, in its dock (made on first use)."""
        if self._batch_panel is None:
            from .dialogs.batch import BatchProgressPanel

            panel = BatchProgressPanel(self.store, self, provider=self.batch_provider)
            panel.setObjectName("batchPanel")
            panel.resultArrived.connect(self._batch_result)
            panel.runFinished.connect(self._batch_finished)
            panel.batchesCollected.connect(self._batches_collected)
            dock = QDockWidget("Batch runs", self)
            dock.setObjectName("dock_batch")
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                             | QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
            dock.setWidget(panel)
            # below the canvas only: the side docks (the image list) keep their full height
            self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
            self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self._batch_panel = panel
        return self._batch_panel

    def show_batch_panel(self) -> None:
        self.batch_panel()
        dock = self.findChild(QDockWidget, "dock_batch")
        dock.show()
        dock.raise_()

    def start_batch(self, plan) -> None:
        panel = self.batch_panel()
        self.show_batch_panel()
        if panel.running:
            self.say("A batch run is already going.")
            return
        panel.start(plan)

    def submit_batch(self, plan) -> None:
        from ..core.suggest import batch_api

        self.show_batch_panel()
        self.status_work.setText("Submitting to the provider's Batch API…")
        self.runner.run(batch_api.submit, self.store, plan, provider=self.batch_provider,
                        on_result=self._batch_submitted, on_error=self._batch_submit_failed)

    def _batch_submitted(self, result) -> None:
        if self.is_closed:
            return
        run_id, batch_ids, cached = result
        self.status_work.setText("")
        self.batch_panel()._load_batch_rows()
        self.image_panel.model.refresh_all()
        self.say(f"Run {run_id}: {plural(len(batch_ids), 'batch job')} submitted"
                 + (f", {plural(cached, 'answer')} from the cache" if cached else "")
                 + ". Refresh the status in the Batch runs panel.")

    def _batch_submit_failed(self, exc, _tb) -> None:
        if self.is_closed:
            return
        self.status_work.setText("")
        QMessageBox.warning(self, "Batch API", f"The batch could not be submitted: "
                            f"{getattr(exc, 'message', None) or exc}")

    def _batch_result(self, image_id: int, _suggestion_ids) -> None:
        """Suggestions for one image were stored: show them if it is on screen."""
        if self.is_closed:
            return
        self.image_panel.model.refresh([image_id])
        if image_id == self.current_id:
            self.refresh_boxes()
            if self.canvas.selected_key is None:
                self._select_suggestion(self.queue.next_pending(image_id))

    def _batch_finished(self, summary) -> None:
        if self.is_closed:
            return
        self.image_panel.model.refresh_all()
        if self.spot_check.active:
            self.spot_check.on_change(None)
        from ..core.suggest.ask import hidden_note

        self.say(f"Batch run {summary.run_id} {summary.state}: "
                 f"{plural(summary.succeeded, 'image')} answered, {summary.failed} failed"
                 f"{hidden_note(summary.duplicates)}.")

    def _batches_collected(self, reports) -> None:
        if self.is_closed or not reports:
            return
        self.image_panel.model.refresh_all()
        if self.current_id is not None:
            self.refresh_boxes()
        stored, resent = sum(r.stored for r in reports), sum(r.resent for r in reports)
        self.say(f"Batch API results collected: {stored} answer{'' if stored == 1 else 's'} stored"
                 + (f"; {resent} expired request{' was' if resent == 1 else 's were'} sent again"
                    if resent else "") + ".")

    # -- spot-check and report --------------------------------------------------------------
    def start_spot_check(self) -> None:
        from .dialogs.spotcheck import SpotCheckCreateDialog

        dialog = SpotCheckCreateDialog(self.store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.audit_id is not None:
            self.spot_check.start(dialog.audit_id)

    def leave_spot_check(self) -> None:
        if not self.spot_check.active:
            self.say("No spot-check is active.")
            return
        self.spot_check.leave()

    def extend_spot_check(self) -> None:
        """K: draw more images into a spot-check sample that left the verdict open."""
        if not self.spot_check.active:
            self.say("K extends a spot-check's sample: start one first (Review → Start "
                     "spot-check…).")
            return
        self.spot_check.extend()

    def _list_ready_for_spot_check(self) -> None:
        if self.spot_check.active:
            self.spot_check._narrow_list()  # a rescan listed the whole folder again
        else:
            self.spot_check.resume()

    def open_report(self) -> None:
        from .dialogs.report import ReportDialog

        try:
            dialog = ReportDialog.from_store(self.store, self)
        except Exception as exc:  # noqa: BLE001 - one sentence here, the traceback in the log
            log.exception("quality report failed")
            QMessageBox.warning(self, "Quality report", f"The report could not be made: {exc}")
            return
        dialog.exec()

    def show_about(self) -> None:
        from .dialogs.about import AboutDialog

        AboutDialog(self, project=self.store.path).exec()

    # -- closing ----------------------------------------------------------------------------
    def close_workflows(self) -> None:
        panel = self._batch_panel
        if panel is not None:
            panel.cancel()
            if not panel.wait(15):
                log.warning("the batch run did not stop within 15 s of closing")

