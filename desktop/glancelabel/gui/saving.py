"""The window's side of the store's write queue (core/store/pending.py).

A decision made while a worker writes (an import's publish, accept-the-rest, a batch storing
answers…) is shown at once and written when the worker's transaction ends. `WindowWrites`
turns the queue on for the window's store, carries the writer thread's reports to the GUI
thread (a queued signal), re-reads what a written set touched (its new rows have their ids
now), and shows "Saving n decisions…" in the status bar while any wait (closing the window
writes them first; a crash or kill leaves them in a file the next open writes, and says so).
When the disk refuses them (full, read-only) they stay shown and queued: the status bar says
why, "Not saved: n decisions" stays beside it, and closing asks first. A decision a worker
overtook is not written; the window says so, re-reads everything and clears the undo history
(its steps were made on rows that changed since).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar

from ..core.errors import GlanceLabelError, StorageError
from ..core.review.changes import ChangeSet
from .controllers.changes import ChangeRecorder
from .controllers.ports import ImageView, Say
from .i18n import error_text, translate

log = logging.getLogger(__name__)


class WindowWrites(QObject):
    landed = Signal(object, object, object)  # written set | None, queued set, problem | None
    queued = Signal(object)  # the set as queued (direct on the GUI thread, queued from another)

    def __init__(self, store: Any, changes: ChangeRecorder, view: ImageView, say: Say,
                 bar: QStatusBar) -> None:
        super().__init__()
        self.store = store
        self.changes = changes
        self.view = view
        self.say = say
        self.label = QLabel()  # "Saving 2 decisions…" while any wait
        self.label.setObjectName("statusSaving")
        bar.addPermanentWidget(self.label)
        self.landed.connect(self._landed)  # emitted on the writer thread: queued to this one
        self.queued.connect(lambda _cs: self._show_count())
        store.queue_writes(self.landed.emit, on_queued=self.queued.emit)
        n = getattr(store, "recovered", 0)  # written when the project opened (journal.py)
        if n:
            say(translate("WindowWrites", "Saved %n decision that was still waiting to be "
                          "written when GlanceLabel stopped.", "", n) if n == 1 else
                translate("WindowWrites", "Saved %n decisions that were still waiting to be "
                          "written when GlanceLabel stopped.", "", n))

    def _landed(self, applied: ChangeSet | None, queued: ChangeSet,
                problem: GlanceLabelError | None) -> None:
        if self.view.is_closed:
            return
        self._show_count()
        if isinstance(problem, StorageError):  # kept: shown, queued and tried again
            n = self.store.pending_count
            self.say(error_text(problem) + ". " + (
                translate("WindowWrites", "%n decision is not saved yet: it stays as made and "
                          "is saved as soon as the project file can be written.", "", n)
                if n == 1 else
                translate("WindowWrites", "%n decisions are not saved yet: they stay as made "
                          "and are saved as soon as the project file can be written.", "", n)))
            return
        if problem is None:
            if applied is not None and applied.changes:  # not a project setting alone
                self.view.after_change(applied)  # the new rows' ids as written
            return
        self.changes.undo_stack.clear()
        self.view.after_change(None)  # everything read again
        self.say(error_text(problem) + " " + translate(
            "WindowWrites", "The undo history was cleared."))

    def may_close(self) -> bool:
        """False when decisions cannot be saved (full or read-only disk) and the person keeps
        the window open to free space; closing then loses them."""
        problem, n = self.store.unsaved_problem, self.store.pending_count
        if problem is None or n == 0:
            return True
        text = error_text(problem) + ".\n\n" + (
            translate("WindowWrites", "%n decision is not saved. Close the window and lose "
                      "it?", "", n) if n == 1 else
            translate("WindowWrites", "%n decisions are not saved. Close the window and lose "
                      "them?", "", n))
        answer = QMessageBox.question(
            self.label.window(), translate("WindowWrites", "Decisions not saved"), text,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def _show_count(self) -> None:
        n = self.store.pending_count
        if n == 0:
            self.label.clear()
            self.label.setToolTip("")
            return
        problem = self.store.unsaved_problem
        if problem is not None:
            self.label.setText(translate("WindowWrites", "Not saved: %n decision", "", n) if n == 1
                               else translate("WindowWrites", "Not saved: %n decisions", "", n))
            self.label.setToolTip(error_text(problem))
            return
        self.label.setText(translate("WindowWrites", "Saving %n decision…", "", n) if n == 1
                           else translate("WindowWrites", "Saving %n decisions…", "", n))
        self.label.setToolTip(translate(
            "WindowWrites", "Shown already; written to the project file as soon as the "
            "background task ends its write.") if not self.store.pending_unshown else translate(
            "WindowWrites", "Written to the project file as soon as the background task ends "
            "its write; a change too large to show before is shown then."))


def write_soon(store: Any, tasks: Any, fn: Callable[..., Any], *args: Any,
               on_result: Callable[[Any], None], on_error: Callable[..., None],
               waiting: Callable[[], None]) -> None:
    """Run the write `fn(store, *args)` (a spot-check drawn, a consensus built, examples kept:
    writes that are not change sets the queue could lay over the reads) without the GUI thread
    waiting for the write lock: at once, in one transaction, when nothing else writes (then
    `on_result` before this returns); else `waiting()` (the control shows "Saving…", is off)
    and on `tasks` (gui.tasks.TaskRunner), where it waits for the lock as long as another
    connection holds it (`Store.write_when_free`: beyond SQLite's busy timeout too, until the
    window closes), in one transaction, its result or error arriving later. Without `tasks` it runs here as before. A database error (a full or
    read-only disk) goes to `on_error` on either path, as a task's would."""
    try:
        with store.write_now() if tasks is not None else nullcontext(True) as now:
            result = fn(store, *args) if now else None
    except (GlanceLabelError, sqlite3.Error) as exc:  # the caller says it as a sentence
        if isinstance(exc, sqlite3.Error):
            log.warning("a window write failed", exc_info=True)
        on_error(exc)
        return
    if now:
        on_result(result)
        return
    waiting()
    tasks.run(_when_free, store, fn, *args, on_result=on_result, on_error=on_error)


def _when_free(store: Any, fn: Callable[..., Any], *args: Any, cancel: Any = None) -> Any:
    """On the task: `fn` in one transaction begun once the lock is free, however long a worker
    holds it (not only SQLite's busy timeout); `cancel` (the window closing) stops the wait."""
    return store.write_when_free(fn, *args, cancel=cancel)
