"""The project's write lock held by another connection while the real window is driven, and every
write transaction the GUI thread begins meanwhile recorded (each one is a wait for the lock: the
window would stall for as long as a worker's transaction lasts).

`held_elsewhere(monkeypatch, path)` takes the lock with `BEGIN IMMEDIATE` on a sqlite3 connection
of its own and wraps `Store.tx`: an outermost transaction on the GUI thread's connection is
recorded (with the GUI code that made it) and is lent the lock for its length (the holder lets go
and takes the lock back after it), so the walk goes on instead of stalling. With `workers=True`
a transaction of any other thread is lent the lock too (a walk that starts imports and batch runs
goes on); with False they wait, as behind a real worker, until `release()`. A change set the
window queues, a setting it queues, a write begun only when it needs no wait (`write_now`) and
every read never reach `Store.tx` on the GUI thread unjoined, so they are not recorded.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glancelabel.core.store import Store


def on_disk(store, sql: str, params: tuple = ()) -> list[tuple]:
    """What another connection reads from the project file (not what the window shows)."""
    conn = sqlite3.connect(store.path)
    try:
        return [tuple(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


@dataclass
class Held:
    """The holder's connection and what the GUI thread did while it held the lock."""

    conn: sqlite3.Connection
    waits: list[str] = field(default_factory=list)  # "gui/file.py:function > ... > Store.method"
    lent: int = 0
    guard: threading.Lock = field(default_factory=threading.Lock)
    released: bool = False

    def lend(self) -> None:
        with self.guard:
            if self.lent == 0 and not self.released:
                self.conn.execute("ROLLBACK")
            self.lent += 1

    def take_back(self) -> None:
        with self.guard:
            self.lent -= 1
            if self.lent == 0 and not self.released:
                self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        """Let go for good (the worker's transaction ended)."""
        with self.guard:
            if not self.released and self.lent == 0:
                self.conn.execute("ROLLBACK")
            self.released = True

    @property
    def places(self) -> list[str]:
        """The distinct places the GUI thread waited from, in the order first seen."""
        return list(dict.fromkeys(self.waits))


def gui_place() -> str:
    """Where in the app the current write was made: its frames in gui/ (outermost first) and
    the first store method it called."""
    frames = traceback.extract_stack()[:-3]
    gui = [f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.name}" for f in frames
           if "/glancelabel/gui/" in f.filename.replace("\\", "/")]
    store = next((f.name for f in frames if "/glancelabel/core/" in f.filename.replace("\\", "/")),
                 "?")
    return " > ".join([*gui[-3:], store])


@contextmanager
def held_elsewhere(monkeypatch, path: Path, workers: bool = True) -> Iterator[Held]:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    held = Held(conn)
    real = Store.tx

    @contextmanager
    def tx(store):
        st = store._state
        if st.in_tx or st.queued:  # joins an outer transaction: no wait of its own
            with real(store) as c:
                yield c
            return
        gui = threading.current_thread() is threading.main_thread() and st is store._main
        if gui:
            held.waits.append(gui_place())
        elif not workers:  # waits for the holder like behind a worker's transaction
            with real(store) as c:
                yield c
            return
        held.lend()
        try:
            with real(store) as c:
                yield c
        finally:
            held.take_back()

    monkeypatch.setattr(Store, "tx", tx)
    try:
        yield held
    finally:
        held.release()
        monkeypatch.setattr(Store, "tx", real)
        conn.close()
