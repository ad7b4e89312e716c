"""The window's writes never wait for a worker's transaction: queued change sets, shown at once.

SQLite lets one connection write at a time. A worker holds that lock for as long as its write
transaction lasts (an import publishing 200,000 boxes: about 0.25 s; accept-the-rest, a batch
storing answers, a team pull, a Batch API collection, a consensus build: as long as theirs). A
key the person presses in that time must not wait for it.

Chosen design: a write queue for the window's connection, with an overlay of the queued changes
that its reads see. (The alternative, cutting every worker transaction into short slices that
stay invisible until a final flip, would need a "not published yet" mark that every query of
the app filters on, and still leaves the window waiting for one slice; the queue needs no
change to any worker or any query, and the window waits for none.)

- `Store.queue_writes(on_landed)` (the window calls it) turns the queue on for the store's own
  connection, the one the GUI thread uses. A change set applied there (`Store.apply`: every
  decision, edit, undo and redo) is written at once when the write lock is free (tried without
  waiting). When another connection holds it, or sets queued before still wait, the set is
  queued instead (`PendingWrites.queue`):
  - its new rows get negative ids (-1, -2, …) until they are written;
  - it is laid over the connection's reads (`Overlay`): TEMP tables `pending_<table>` hold the
    rows it adds, changes or removes, and a TEMP view named like the table shows the table's
    rows minus those plus them (SQLite looks TEMP names up first), so every read of the window
    (canvas, lists, counts, the next verb's "still pending?") sees the decision at once, with
    no query changed;
  - a writer thread with a connection of its own writes the queued sets in order, each in one
    transaction with its `events` row (`Store.apply` there), first checking that every row the
    set changes is still as the decision saw it (each RowChange's `before`). A set that a worker
    overtook (accept-the-rest accepted the same suggestion meanwhile) is not written: it is
    reported through `on_landed` with a sentence, and the overlay drops it;
  - the negative ids are mapped to the ids the rows got, for the session (`real_id`): an undo of
    a queued decision that was written since finds its rows;
  - when the last queued set is written the views go and reads are plain again.
- Undo and redo apply the inverse (or the set again) through the same path, so they queue
  behind what still waits: order holds.
- `Store.close` waits until everything queued is written (the window's close, an app quit).
  Until then the queued sets are also kept in a file beside the project (journal.py), so a
  crash or a SIGKILL loses none: the next open writes them, once. `pending_count` lets the
  window show that something waits to be saved.
- A full or read-only disk refusing a set never drops it: it stays queued and shown, the window
  hears the problem once (`failing`), and it is tried again every RETRY_SECONDS; at close a set
  still refused is given up but stays in the journal for the next open.
- Another thread of the app that opens a connection of its own (an export, a report) first waits
  for the queue (`settle`), so it reads what the window shows.
- The views: a LEFT JOIN while queued sets only update a table's rows (SQLite folds it into each
  query, indexes still serve), a UNION ALL once a set adds or removes rows (see `_view`).
- A project setting the window sets (`Store.set_meta` on its connection: the spot-check it is
  in, the prompt's instructions) is queued the same way, in order with the decisions, when it
  cannot be written at once (queued_settings.py); `get_meta` reads it back meanwhile. The
  window's other writes that are not change sets (a spot-check drawn or extended, a consensus
  built, examples kept, an image found missing) run at once only when they need no wait
  (`Store.write_now`) and otherwise on a background task, their control saying so until they
  land (gui/saving.py `write_soon`); the task waits for the lock as long as it is held, beyond
  SQLite's busy timeout, until the window closes (`Store.write_when_free`). tests/gui/test_gui_thread_writes.py walks every control
  with the lock held elsewhere and finds no write transaction begun on the GUI thread.
- A change set that touches a table not in OVERLAID or holds more than MAX_QUEUED_CHANGES
  (deleting a class with more than 1,000 boxes, undoing a large accept-the-rest or an import)
  is queued too, in order, but not laid over the reads (unless made inside a decision that is
  queued already: `Store.decision`): the window shows it once it is written ("Saving…" meanwhile,
  `pending_unshown`). A decision made meanwhile on rows it changes was made on rows as they no
  longer will be (a box the undo takes away, moved): it is refused before it is shown
  (`BehindLargerChange`, "Not done: a larger change made just before it … try again once the
  window shows it"), so nothing shown as done is lost and the undo history stays; a decision
  on other rows is queued behind it as usual. (Chosen over queuing it behind, unshown, until
  both are written: it would still be made on the old rows, found overtaken and lost; and over
  holding the verb until the set is written: that is the GUI thread waiting for the lock.)
- What still waits: any other `Store.tx()` on the window's connection (the project's opening:
  migrations, replay, the folder setting; Retry failed and glance review's decisions no longer
  do: the run's thread requeues, `Store.decision` queues), and closing
  the window waits for what is queued. The last image shown (`set_meta_soon`) never waits
  either (written at once when the lock is free, else kept and written with the next
  transaction or at close) but is not in the journal: a crash while a worker writes may lose
  it (journaling it would be a file sync per image shown; see `Store.set_meta_soon`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import GlanceLabelError, StorageError, storage_error
from ..i18n import N_
from ..review.changes import ChangeSet, Ref, RowChange
from . import queued_settings
from .annotations import AnnotationError
from .base import StoreBase
from .journal import Journal
from .labels import LabelError
from .queued_ids import IdMap

log = logging.getLogger(__name__)

# Tables a queued set may touch: their reads take no `rowid` (audit_images' do) and every row
# has an `id`.
OVERLAID = frozenset({"images", "labels", "annotations", "suggestions", "label_mappings"})

# A set of more row changes is queued unshown (shown once written): laying it over the reads row
# by row takes the GUI thread about 37 ms per 1,000 row changes (tests/bench/bench_queue_lay.py:
# 1,000 -> 37 ms, 2,000 -> 79 ms, 5,000 -> 190 ms), and the window's budget is 50 ms.
MAX_QUEUED_CHANGES = 1_000

# Seconds between tries of a set the disk refused (full, read-only): it stays queued meanwhile.
RETRY_SECONDS = 2.0

# on_landed(written set or None, the set as queued, the problem when it was not written)
Landed = Callable[[ChangeSet | None, ChangeSet, GlanceLabelError | None], None]


class Overtaken(GlanceLabelError):
    """A queued set found its rows changed by another writer: it was not written."""


class BehindLargerChange(AnnotationError, LabelError):
    """A decision refused before it is shown: a larger change of the window queued unshown before
    it changes the same rows (an edit of boxes or classes, caught wherever those refusals are)."""

    def __init__(self) -> None:
        super().__init__(N_(
            "errors", "Not done: a larger change made just before it (shown only once saved) "
                      "changes the same boxes or images and is still being saved; try again "
                      "once the window shows it."))


class Overlay:
    """Queued row changes laid over one connection's reads (TEMP tables and same-named views).
    Every method runs with that connection's lock held."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.columns: dict[str, list[tuple[str, str | None]]] = {}  # table -> (name, default)
        self.touched: dict[str, set[str]] = {}  # table -> columns queued updates change
        self.whole: set[str] = set()  # tables with queued rows added or removed

    def lay(self, cs: ChangeSet) -> None:
        for ch in cs.changes:
            self._table(ch.table)
            old, new = self._row(ch)
            if ch.table == "suggestions":
                self._pending_counts(old, new)

    def _pending_counts(self, old: dict | None, new: dict | None) -> None:
        """What the project's triggers do when a suggestion is written: a suggestion that stops
        or starts being pending changes its image's `pending` count."""
        moves = [(row["image_id"], step) for row, step in ((old, -1), (new, 1))
                 if row is not None and row.get("state") == "pending"]
        for image_id, step in moves:
            self._table("images")
            count = self.conn.execute("SELECT pending FROM images WHERE id = ?",
                                      (image_id,)).fetchone()
            if count is not None:
                self._row(RowChange("images", image_id, {"pending": count[0]},
                                    {"pending": count[0] + step}))

    def clear(self) -> None:
        for table in self.columns:
            self.conn.execute(f"DROP VIEW IF EXISTS temp.{table}")
            self.conn.execute(f"DROP TABLE IF EXISTS temp.pending_{table}")
        self.columns, self.touched, self.whole = {}, {}, set()

    def _table(self, table: str) -> None:
        if table in self.columns:
            return
        cols = [(r[1], r[4]) for r in self.conn.execute(f"PRAGMA main.table_info({table})")]
        c = self.conn
        c.execute(f"DROP TABLE IF EXISTS temp.pending_{table}")
        c.execute(f"CREATE TEMP TABLE pending_{table} AS SELECT * FROM main.{table} WHERE 0")
        c.execute(f"ALTER TABLE temp.pending_{table} ADD COLUMN pending_gone INTEGER DEFAULT 0")
        c.execute(f"CREATE INDEX temp.pending_{table}_id ON pending_{table} (id)")
        self.columns[table] = cols
        self.touched[table] = set()
        self._view(table)

    def _view(self, table: str) -> None:
        """The TEMP view named like `table`. While queued sets only update its rows, a LEFT JOIN
        that takes the columns they change from `pending_<table>` and the others from the table
        itself: SQLite folds it into each query, so an ORDER BY or a count over 100,000 images
        still uses the table's indexes. Once a set adds or removes rows: the table's rows minus
        those plus them (a UNION ALL, which SQLite runs as a subquery)."""
        names = [name for name, _ in self.columns[table]]
        self.conn.execute(f"DROP VIEW IF EXISTS temp.{table}")
        if table in self.whole:
            self.conn.execute(
                f"CREATE TEMP VIEW {table} AS SELECT * FROM main.{table} WHERE id NOT IN "
                f"(SELECT id FROM temp.pending_{table}) UNION ALL SELECT {', '.join(names)} "
                f"FROM temp.pending_{table} WHERE pending_gone = 0")
            return
        touched = self.touched[table]
        picks = ", ".join(
            f"CASE WHEN p.id IS NULL THEN m.{n} ELSE p.{n} END AS {n}" if n in touched
            else f"m.{n} AS {n}" for n in names)
        self.conn.execute(
            f"CREATE TEMP VIEW {table} AS SELECT {picks} FROM main.{table} AS m "
            f"LEFT JOIN temp.pending_{table} AS p ON p.id = m.id")

    def _shape(self, ch: RowChange, row: dict[str, Any] | None) -> None:
        """The view follows what `ch` laid: a row added or removed, or columns changed."""
        table = ch.table
        if table in self.whole:
            return
        if ch.before is None or row is None:
            self.whole.add(table)
        elif ch.after is not None and not set(ch.after) <= self.touched[table]:
            self.touched[table] |= set(ch.after)
        else:
            return
        self._view(table)

    def _row(self, ch: RowChange) -> tuple[dict | None, dict | None]:
        """Lay one row change; the row as the connection read it before and after."""
        table, cols = ch.table, self.columns[ch.table]
        found = None if ch.before is None else self.conn.execute(
            f"SELECT * FROM {table} WHERE id = ?", (ch.id,)).fetchone()
        old = None if found is None else dict(found)
        if ch.after is None:
            row: dict[str, Any] | None = None
        elif ch.before is None:
            row = dict(ch.after)
        else:
            row = None if old is None else old | ch.after
        self.conn.execute(f"DELETE FROM temp.pending_{table} WHERE id = ?", (ch.id,))
        if row is None:
            self.conn.execute(f"INSERT INTO temp.pending_{table} (id, pending_gone) VALUES (?, 1)",
                              (ch.id,))
            self._shape(ch, None)
            return old, None
        row["id"] = ch.id
        names = [name for name, _ in cols]
        values = [row[n] for n in names if n in row]
        marks = ", ".join("?" if n in row else (default or "NULL") for n, default in cols)
        self.conn.execute(
            f"INSERT INTO temp.pending_{table} ({', '.join(names)}) VALUES ({marks})", values)
        self._shape(ch, row)
        return old, row


# the window queues of this process by project file, so that another Store opened on the same
# file (an export or a report reads through one of its own) first waits for them (`settle_for`)
_queues: dict[str, PendingWrites] = {}
_queues_lock = threading.Lock()


def settle_for(path: Path) -> None:
    """Wait until the queued decisions of a window of this process on `path` are written (see
    `PendingWrites.settle`); never on the main thread (the window's own: it must not wait)."""
    if threading.current_thread() is threading.main_thread():
        return
    with _queues_lock:
        writes = _queues.get(str(path.resolve()))
    if writes is not None:
        writes.settle()


class PendingWrites:
    """The queue of one store's window writes and the thread that writes them (see above)."""

    def __init__(self, store: StoreBase, lock: threading.RLock, conn: sqlite3.Connection,
                 on_landed: Landed,
                 own_connection: Callable[[], AbstractContextManager[None]],
                 journal: Journal | None = None) -> None:
        self._store = store
        self._journal = journal  # the queued sets kept beside the project until written
        self._given_up: list[ChangeSet] = []  # refused by the disk at close: kept there too
        self._own_connection = own_connection  # worker_connections: the writer's own
        self._lock = lock  # the window connection's lock: held while the overlay changes
        self._overlay = Overlay(conn)
        self._on_landed = on_landed
        self._sets: deque[ChangeSet] = deque()  # queued, oldest first (with negative ids)
        self._unshown: set[str] = set()  # queued_as marks of sets not laid over the reads
        self._cond = threading.Condition()
        self.ids = IdMap()
        self._next = -1
        self._thread: threading.Thread | None = None
        self._closing = False
        self._telling = False  # a set is out of the queue and on_landed not told yet
        self.failing: GlanceLabelError | None = None  # why the oldest set cannot be written now
        self.on_queued: Callable[[ChangeSet], None] | None = None  # told on the queuing thread
        self._key = str(store.path.resolve())
        with _queues_lock:
            _queues[self._key] = self

    # -- the window's side ---------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        return not self._sets

    @property
    def pending_count(self) -> int:
        return len(self._sets)

    @property
    def unshown_count(self) -> int:
        return len(self._unshown)

    def setting(self, key: str) -> str | None:
        """The value the newest queued settings write gives `key` (queued_settings.py), if any."""
        with self._cond:
            queued = list(self._sets)
        for cs in reversed(queued):
            values = queued_settings.values_of(cs)
            if values is not None and key in values:
                return values[key]
        return None

    @staticmethod
    def can_queue(cs: ChangeSet) -> bool:
        return (len(cs.changes) <= MAX_QUEUED_CHANGES
                and all(ch.table in OVERLAID for ch in cs.changes))

    def queue(self, cs: ChangeSet, shown: bool = True) -> ChangeSet:
        """Queue `cs` (the caller holds the window connection's lock) and show it at once (not
        `shown`: a set too large or of tables not overlaid, shown once written); return it as
        it will be recorded for undo (new rows with negative ids). A set to show that changes a
        row an unshown set still waiting changes is refused (`BehindLargerChange`): it was made
        on the row as the window shows it, which is no longer what it will be."""
        translated = self.translated(cs, keep_new=True)
        if shown and self._unshown and _rows(translated) & self._unshown_rows():
            raise BehindLargerChange()
        numbered = self._numbered(translated)
        mark = f"{os.getpid()}.{time.time_ns()}"
        numbered = replace(numbered, meta={**numbered.meta, "queued_as": mark})  # in events
        if shown:
            self._overlay.lay(numbered)
        else:
            self._unshown.add(mark)
        with self._cond:
            self._sets.append(numbered)
            self._cond.notify_all()
        if self._journal is not None:
            self._journal.add(numbered)
        with self._cond:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="window-writes",
                                                daemon=True)
                self._thread.start()
        if self.on_queued is not None:
            self.on_queued(numbered)
        return numbered

    def _unshown_rows(self) -> set[tuple[str, int | None]]:
        with self._cond:
            waiting = [cs for cs in self._sets if cs.meta.get("queued_as") in self._unshown]
        return set().union(*(_rows(cs) for cs in waiting))

    def wait_idle(self) -> None:
        """Until every queued set is written (or found overtaken) and the window told so."""
        with self._cond:
            while self._sets or self._telling:
                self._cond.wait()

    def settle(self) -> None:
        """Called when another thread of the app (an export, a report, any task) first opens a
        connection of its own: it waits until the window's queued decisions are written, so
        it reads what the window shows (not when the disk refuses them: the window says so)."""
        if threading.current_thread() is self._thread:
            return  # the writer itself
        with self._cond:
            while (self._sets or self._telling) and self.failing is None:
                self._cond.wait()

    def close(self) -> None:
        """Write what is queued, then stop the writer thread."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()
        if self._journal is not None:
            self._journal.close()  # what the disk refused stays in it for the next open
        with _queues_lock:
            if _queues.get(self._key) is self:
                del _queues[self._key]

    def _keep(self) -> None:
        if self._journal is not None:
            self._journal.keep([*self._given_up, *self._sets])

    # -- ids (queued_ids.py) ------------------------------------------------------------------
    def real_id(self, row_id: int) -> int:
        return self.ids.real_id(row_id)

    def translated(self, cs: ChangeSet, keep_new: bool = False) -> ChangeSet:
        return self.ids.translated(cs, keep_new)

    def remember(self, given: ChangeSet, applied: ChangeSet) -> None:
        self.ids.remember(given, applied)

    def _numbered(self, cs: ChangeSet) -> ChangeSet:
        """New rows get negative ids, and Refs to them become those ids."""
        done: list[RowChange] = []
        for ch in cs.changes:
            after = ch.after
            if after and any(isinstance(v, Ref) for v in after.values()):
                after = {k: done[v].id if isinstance(v, Ref) else v for k, v in after.items()}
            row_id = ch.id
            if ch.before is None and ch.after is not None and row_id is None:
                row_id, self._next = self._next, self._next - 1
            done.append(RowChange(ch.table, row_id, ch.before, after))
        return cs.with_changes(tuple(done))

    # -- the writer thread ----------------------------------------------------------------------
    def _run(self) -> None:
        with self._own_connection():
            while True:
                with self._cond:
                    while not self._sets and not self._closing:
                        self._cond.wait()
                    if not self._sets:
                        self._thread = None
                        return
                    cs = self._sets[0]
                applied, problem, kept = self._land(cs)
                if kept:  # the disk is full or read-only: told once, tried again
                    told, self.failing = self.failing, problem
                    if told is None:
                        self._tell(None, cs, problem)
                    with self._cond:
                        self._cond.notify_all()  # tasks waiting in settle() go on
                        self._cond.wait_for(lambda: self._closing, timeout=RETRY_SECONDS)
                    continue
                if problem is not None and self._closing:
                    log.error("a decision was lost at close: %s", problem.sentence)
                self.failing = None
                self._tell(applied, cs, problem)
                with self._cond:
                    self._telling = False
                    self._cond.notify_all()

    def _tell(self, applied: ChangeSet | None, cs: ChangeSet,
              problem: GlanceLabelError | None) -> None:
        try:
            self._on_landed(applied, cs, problem)
        except Exception:  # noqa: BLE001 - the window may be gone; the write is not
            log.exception("the window could not be told that a write landed")

    def _land(self, cs: ChangeSet) -> tuple[ChangeSet | None, GlanceLabelError | None, bool]:
        """Write the oldest queued set on this thread's connection (waiting for the lock like
        any writer), then take it out of the queue and the overlay. On a full or read-only
        disk it stays queued and shown (True: kept), unless the store is closing."""
        store = self._store
        applied: ChangeSet | None = None
        problem: GlanceLabelError | None = None
        locked = kept = False
        known = dict(self.ids.known)  # apply maps ids before its commit: restored if it fails
        try:
            while True:
                try:
                    with store.tx() as c:
                        settings = queued_settings.values_of(cs)
                        if settings is not None:  # a project setting: no rows to check
                            queued_settings.write(c, settings)
                            applied = cs
                        else:
                            problem = overtaken(c, self.translated(cs))
                            if problem is None:
                                applied = store.apply(cs)
                        self._lock.acquire()  # the window reads the overlay or the file, never
                        locked = True  # both: it changes with the commit
                    break
                except sqlite3.OperationalError as exc:
                    if locked or "locked" not in str(exc).lower():
                        raise
                    log.info("a queued window write still waits for the lock")
        except Exception as exc:  # noqa: BLE001 - told to the window as a sentence
            self.ids.known = known
            stored = storage_error(exc)
            kept = stored is not None and not self._closing
            problem = stored or Overtaken(
                N_("errors", "A decision could not be saved: {error}"), error=str(exc))
            log.exception("a queued window write failed")
            applied = None
            if not locked and not kept:
                self._lock.acquire()
                locked = True
        finally:
            if locked:
                try:
                    if not kept:
                        self._finish(given_up=isinstance(problem, StorageError))
                finally:
                    self._lock.release()
        return applied, problem, kept

    def _finish(self, given_up: bool = False) -> None:
        """The oldest set is written or given up: out of the queue (`given_up` at close by the
        disk: still in the journal); the overlay rebuilt from the sets still queued (or gone,
        when none is)."""
        with self._cond:
            cs = self._sets.popleft()
            self._unshown.discard(cs.meta.get("queued_as", ""))
            self._telling = True
            rest = [queued for queued in self._sets
                    if queued.meta.get("queued_as") not in self._unshown]
        if given_up:
            self._given_up.append(cs)
        self._keep()
        try:
            self._overlay.clear()
            for queued in rest:
                self._overlay.lay(self.translated(queued, keep_new=True))
        except sqlite3.Error:  # the window's connection closed under it: nothing left to show
            log.exception("the overlay of queued window writes could not be rebuilt")
        finally:
            with self._cond:
                self._cond.notify_all()


def _rows(cs: ChangeSet) -> set[tuple[str, int | None]]:
    return {(ch.table, ch.id) for ch in cs.changes}


def overtaken(c: sqlite3.Connection, cs: ChangeSet) -> Overtaken | None:
    """A problem when another writer changed a row `cs` changes, to something else than
    `cs` writes (times of day aside: `*_at` columns): the decision was made on what is no
    longer there. A row already as `cs` leaves it (the import marked the image done too)
    is no conflict."""
    for ch in cs.changes:
        if ch.before is None:
            continue
        row = None if ch.id is None or ch.id < 0 else c.execute(
            f"SELECT * FROM {ch.table} WHERE id = ?", (ch.id,)).fetchone()
        if row is None and ch.after is None:
            continue  # already gone
        after = ch.after or {}
        if row is None or any(
                k in row.keys() and not k.endswith("_at") and row[k] != v
                and (k not in after or row[k] != after[k])
                for k, v in ch.before.items()):
            return Overtaken(N_("errors", "A decision made while a background task was "
                                "writing was not saved: that task changed the same "
                                "suggestions or images first; the window now shows what "
                                "it wrote."))
    return None
