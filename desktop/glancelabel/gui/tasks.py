"""Run plain-Python core jobs off the GUI thread and carry their progress and results back.

`TaskRunner.run(fn, ...)` calls `fn(*args, progress=..., cancel=...)` (only the keywords `fn`
accepts) in a `QThreadPool`; its progress callback, result and exception arrive on the GUI thread
through queued signals. No widget is touched off the GUI thread. A task talks to a project store on
a connection of its own (`core.store.worker_connections`), so the GUI thread never waits for it;
`start_worker_thread` gives a plain thread the same. `Latest` hands a stream of reports from
worker threads to the GUI thread keeping only the newest one not yet shown.
"""

from __future__ import annotations

import inspect
import logging
import threading
import traceback
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from ..core.heap import background_work
from ..core.store import worker_connections

log = logging.getLogger(__name__)


class _Signals(QObject):
    started = Signal()  # the task left the queue and runs now
    progress = Signal(object)
    result = Signal(object)
    error = Signal(object, str)  # exception, formatted traceback
    finished = Signal()


class Task(QRunnable):
    def __init__(self, fn: Callable, args: tuple, kwargs: dict, label: str = "",
                 long: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side keeps it until `finished`
        self.label = label  # what it does, for people: "reading image sizes"
        self.long = long  # a job of seconds: collections meanwhile stay short (core/heap.py)
        self.started = False
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.cancel_event = threading.Event()
        self.signals = _Signals()
        self.latest: Latest | None = None  # progress of which only the newest counts

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def run(self) -> None:
        self.started = True
        self._emit("started")
        kwargs = dict(self.kwargs)
        params = _parameters(self.fn)
        if "progress" in params:
            kwargs["progress"] = self._progress
        if "cancel" in params:
            kwargs["cancel"] = self.cancel_event
        try:
            # the GUI thread's store connection is never held here; during a long job garbage
            # collections skip the objects that existed before it (core/heap.py)
            with worker_connections(), background_work() if self.long else nullcontext():
                result = self.fn(*self.args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            tb = traceback.format_exc()
            log.error("background task %s failed\n%s", getattr(self.fn, "__name__", self.fn), tb)
            self._emit("error", exc, tb)
        else:
            self._emit("result", result)
        finally:
            self._emit("finished")

    def _emit(self, name: str, *values: Any) -> None:
        """Emit one of the job's signals; when their object is gone (the dialog that listened
        was closed and deleted first) nobody listens, and that is no error."""
        try:
            getattr(self.signals, name).emit(*values)
        except RuntimeError as exc:
            if "deleted" not in str(exc):  # only "Signal source has been deleted" is expected
                raise
            log.debug("%s of a background task not delivered: its listener is gone", name)

    def _progress(self, *values) -> None:
        value = values[0] if len(values) == 1 else values
        if self.latest is not None:
            self.latest.put(value)
        else:
            self._emit("progress", value)


def start_worker_thread(work: Callable[[], None], name: str) -> threading.Thread:
    """Start a daemon thread that runs `work` on store connections of its own (for the threads
    a panel keeps itself, outside a TaskRunner): like a task, it never holds the connection the
    GUI thread reads on, and collections meanwhile are short (core/heap.py)."""

    def run() -> None:
        with worker_connections(), background_work():
            work()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


_NOTHING = object()


class Latest(QObject):
    """`put(value)` from any thread; `show(value)` runs on the GUI thread with the newest value
    put since the last call. A value put while an earlier one still waits replaces it instead
    of queuing another call: a GUI thread that fell behind (a batch run reports progress at
    each answer, 50 a second, from 16 threads that also want the GIL) shows the newest report
    once, not each one in turn within one event-loop turn. The order with a thread's other
    queued signals holds: a value it put before a later signal is shown before that signal's
    slot runs."""

    _ready = Signal()

    def __init__(self, show: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._lock = threading.Lock()
        self._value: Any = _NOTHING
        self._ready.connect(self._take, Qt.ConnectionType.QueuedConnection)

    def put(self, value: Any) -> None:
        with self._lock:
            waiting = self._value is not _NOTHING
            self._value = self._join(self._value, value) if waiting else self._first(value)
        if not waiting:
            self._ready.emit()

    def _first(self, value: Any) -> Any:
        return value

    def _join(self, _waiting: Any, value: Any) -> Any:
        return value

    def _take(self) -> None:
        with self._lock:
            value, self._value = self._value, _NOTHING
        if value is not _NOTHING:
            self._show(value)


class Gathered(Latest):
    """Like `Latest`, but `show(values)` gets every value put since the last call, in the order
    they were put: a batch run's answers (50 a second from 16 threads) refresh the list and the
    shown image once an event-loop turn, for all images answered meanwhile, not once per image."""

    def _first(self, value: Any) -> Any:
        return [value]

    def _join(self, waiting: Any, value: Any) -> Any:
        waiting.append(value)
        return waiting


def _parameters(fn: Callable) -> set[str]:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return set()
    if any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values()):
        return {"progress", "cancel"}
    return set(sig.parameters)


class TaskRunner(QObject):
    """Owns a thread pool and keeps running tasks alive until they finish."""

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: dict[Task, None] = {}  # queued or running, in the order given

    def run(
        self,
        fn: Callable,
        *args,
        on_result: Callable | None = None,
        on_error: Callable | None = None,
        on_progress: Callable | None = None,
        on_finished: Callable | None = None,
        priority: int = 0,
        label: str = "",
        long: bool = False,
        on_latest_progress: Callable | None = None,
        **kwargs,
    ) -> Task:
        """Queue fn; `label` names it in `waiting_for` (what a later task waits for); `long`: a
        job of seconds (a scan, an import), during which collections skip the objects that
        existed before it (core/heap.py). `on_latest_progress` instead of `on_progress`: for
        progress of which only the newest value counts (a count, a status line), given through
        `Latest`, so a GUI thread that fell behind shows it once."""
        task = Task(fn, args, kwargs, label, long)
        if on_result:
            task.signals.result.connect(on_result)
        if on_error:
            task.signals.error.connect(on_error)
        if on_progress:
            task.signals.progress.connect(on_progress)
        if on_latest_progress:
            task.latest = Latest(on_latest_progress)
        if on_finished:
            task.signals.finished.connect(on_finished)
        task.signals.finished.connect(lambda t=task: self._running.pop(t, None))
        self._running[task] = None
        self.pool.start(task, priority)
        return task

    def waiting_for(self, task: Task) -> list[str]:
        """The labels of the tasks given before `task` that still take the runner's threads
        while `task` waits for one ([] once it runs)."""
        if task.started or task not in self._running:
            return []
        ahead = []
        for other in self._running:
            if other is task:
                break
            if other.label:
                ahead.append(other.label)
        return ahead

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Cancel nothing; wait until the pool is idle (used on close and in tests)."""
        return self.pool.waitForDone(msecs)
