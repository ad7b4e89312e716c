"""A worker thread holding a write transaction open, for the tests of who waits for whom."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from glancelabel.core.store import Store, worker_connections


@contextmanager
def worker_writing(store: Store,
                   work: Callable[[sqlite3.Connection], object] | None = None
                   ) -> Iterator[threading.Event]:
    """A worker thread (on a connection of its own) holds a write transaction, after running
    `work(c)` in it, until the block ends or the event given to the block is set."""
    started, release = threading.Event(), threading.Event()

    def run() -> None:
        with worker_connections(), store.tx() as c:
            if work is not None:
                work(c)
            started.set()
            release.wait(20)

    t = threading.Thread(target=run)
    t.start()
    assert started.wait(10)
    try:
        yield release
    finally:
        release.set()
        t.join()
