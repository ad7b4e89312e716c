"""`Store.write_when_free`: a background task's write waits for the write lock as long as
another connection holds it (beyond SQLite's busy timeout), and stops waiting when cancelled."""

from __future__ import annotations

import sqlite3
import threading
import time

from glancelabel.core.store import Store, worker_connections


def _task(store: Store, cancel: threading.Event, out: list) -> threading.Thread:
    def run() -> None:
        with worker_connections():
            try:
                out.append(store.write_when_free(
                    lambda s, value: s.set_meta("k", value) or value, "v", cancel=cancel))
            except sqlite3.OperationalError as exc:
                out.append(exc)

    t = threading.Thread(target=run)
    t.start()
    return t


def test_it_waits_beyond_the_busy_timeout_then_writes_or_stops_when_cancelled(tmp_path):
    store = Store(tmp_path / "p.sqlite", tmp_path, timeout=0.1)
    holder = sqlite3.connect(store.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        cancel, out = threading.Event(), []
        t = _task(store, cancel, out)
        time.sleep(0.6)  # six busy timeouts
        assert out == []  # still waiting
        holder.execute("ROLLBACK")
        t.join(10)
        assert out == ["v"] and store.get_meta("k") == "v"

        holder.execute("BEGIN IMMEDIATE")
        out.clear()
        t = _task(store, cancel, out)
        time.sleep(0.3)
        assert out == []
        cancel.set()  # the window closes
        t.join(10)
        assert len(out) == 1 and "locked" in str(out[0])
        holder.execute("ROLLBACK")
    finally:
        holder.close()
        store.close()
