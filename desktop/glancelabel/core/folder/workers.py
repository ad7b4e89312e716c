"""Worker processes that run below the app.

On a machine with as many cores as the scan has worker processes (two here), the OS shares the
cores evenly between them and the window's GUI thread, which then waits for a core after an
event while 100,000 headers are read. A worker process started through
`BackgroundContext` runs at `BACKGROUND_NICE` above the app's niceness (Unix; elsewhere as it
is), so the GUI thread gets a core first. It is set the moment the process starts, so the
child's own start-up (its imports) runs at the lower priority too, but for its first
instants. Its own module is small: a spawned child imports it to rebuild the process object.
`run_below_app` does the same for any child process (the COCO and box-stream helpers that
`core.store.exchange.spawn_python` starts).
"""

from __future__ import annotations

import logging
import os
from multiprocessing.context import SpawnContext, SpawnProcess

log = logging.getLogger(__name__)

BACKGROUND_NICE = 10  # added to the app's niceness


def run_below_app(pid: int | None) -> None:
    """Let the child process `pid` run `BACKGROUND_NICE` steps below the app (Unix; elsewhere,
    or when it ended already or the OS refuses, it runs as it is)."""
    if pid is None or not hasattr(os, "setpriority"):
        return
    try:
        nice = min(19, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICE)
        os.setpriority(os.PRIO_PROCESS, pid, nice)
    except OSError:
        log.debug("could not lower the priority of worker process %s", pid)


class BackgroundProcess(SpawnProcess):
    def start(self) -> None:
        super().start()
        run_below_app(self.pid)


class BackgroundContext(SpawnContext):
    """A spawn context (`mp_context` of a ProcessPoolExecutor) whose processes run below the
    app."""

    Process = BackgroundProcess
