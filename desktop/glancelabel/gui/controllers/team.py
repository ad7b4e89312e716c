"""The team server from the window (File → Team server (Label Studio)…).

Opens the Team dialog and runs a push or a pull (`core.team`) on a thread of its own with the URL
and token from the keyring or the environment; progress and the result sentence reach the dialog
and the status bar on the GUI thread. A pull's reviews (each image written as it was pulled)
become one step on the window's undo stack: Ctrl+Z takes the whole pull back, a cancelled one's
images too, and those a pull stopped by an error had written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ..i18n import error_text, shown, translate
from ..tasks import Task, TaskRunner
from .ports import Say

if TYPE_CHECKING:
    from ...core.review.changes import ChangeSet
    from ...core.store import Store
    from ..dialogs.team_push import TeamDialog


def push_job(store: Store, folder: Path, ref: str, only: str, root: str,
             progress: Callable[[int, int], None], cancel: threading.Event) -> Any:
    from ...core.team.push import push
    from ...core.team.server import connect

    server, _ident = connect()
    return push(store, folder, server, ref, only=only, document_root=root,
                progress=lambda done, total: progress(done, total), cancel=cancel)


def pull_job(store: Store, ref: str, progress: Callable[[int, int], None],
             cancel: threading.Event) -> Any:
    from ...core.team.pull import pull
    from ...core.team.server import connect

    server, _ident = connect()
    return pull(store, server, ref, progress=lambda done, total: progress(done, total),
                cancel=cancel)


def applied(exc: BaseException) -> Any:
    """What a pull stopped by an error had applied (`PullStopped.result`), else None."""
    from ...core.team.pull import PullStopped

    return exc.result if isinstance(exc, PullStopped) else None


class TeamController:
    def __init__(self, main: QWidget, store: Store, folder: Path, say: Say,
                 commit: Callable[[ChangeSet | None], None]) -> None:
        self.main = main
        self.store = store
        self.folder = Path(folder)
        self.say = say
        self.commit = commit  # records a pull's change set for undo and refreshes the window
        self.runner = TaskRunner(1, main)
        self.dialog: TeamDialog | None = None
        self.task: Task | None = None
        self.closed = False

    def open_dialog(self) -> None:
        from ..dialogs.team_push import TeamDialog

        if self.dialog is None:
            self.dialog = TeamDialog(self.main)
            self.dialog.pushRequested.connect(self.push)
            self.dialog.pullRequested.connect(self.pull)
            self.dialog.cancelRequested.connect(self.cancel)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def push(self, ref: str, only: str, root: str) -> None:
        self._start("push", push_job, self.store, self.folder, ref, only, root)

    def pull(self, ref: str) -> None:
        self._start("pull", pull_job, self.store, ref)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def close(self) -> None:
        """The window closes: stop a push or pull at its next step and wait for it (what was
        sent or pulled so far is recorded)."""
        self.closed = True  # an outcome arriving after this finds the window gone
        self.cancel()
        self.runner.cancel_all()
        self.runner.wait(60_000)

    def _start(self, what: str, fn: Callable[..., Any], *args: Any) -> None:
        if self.task is not None or self.dialog is None:
            return
        dialog = self.dialog
        dialog.started(what)
        self.task = self.runner.run(
            fn, *args, on_progress=lambda v: dialog.progress(*v),
            on_result=lambda r: self._done(what, True, shown(r.summary()), r),
            on_error=lambda exc, _tb: self._done(what, False, error_text(exc), applied(exc)),
            label=(translate("team", "pushing to the team server") if what == "push" else
                   translate("team", "pulling from the team server")), long=True)

    def _done(self, what: str, ok: bool, text: str, result: Any = None) -> None:
        self.task = None
        if self.closed:
            return
        if self.dialog is not None:
            self.dialog.show_outcome(ok, text)
        if what == "pull":
            # a pull stopped by an error may have written images before: they are one undo
            # step too, and everything is re-read
            self.commit(result.change_set() if result is not None else None)
        self.say(text)
