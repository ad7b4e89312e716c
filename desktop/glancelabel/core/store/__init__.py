"""The SQLite project store. All SQL of the app lives in this package.

One `Store` owns one connection guarded by a lock, so any thread may call it and
writes are serialised (one writer). Inside `worker_connections()` (every background task of the
GUI runs in one) a thread gets a connection of its own instead, so a worker's long transaction
never holds the lock the GUI thread's reads wait for (WAL: readers never wait for the writer),
and `set_meta_soon` remembers a setting without waiting for another connection's write.
Every user decision goes through `apply`, which commits the change set and appends it to
`events` before returning; on the window's connection, after `queue_writes`, a set that would
wait for another connection's write is queued and shown at once instead (`pending.py`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson

from ..errors import GlanceLabelError, storage_error
from ..i18n import N_
from ..review.changes import ChangeSet, Ref, RowChange
from . import queued_settings
from .annotations import AnnotationsMixin
from .audits import AuditsMixin
from .chunks import in_chunks
from .exchange import ExchangeMixin
from .images import ImagesMixin
from .jobs import JobsMixin
from .journal import Journal, replay
from .labels import LabelsMixin
from .listing import ListingMixin
from .maintenance import MaintenanceMixin
from .mappings import MappingsMixin
from .pending import Landed, PendingWrites, overtaken, settle_for
from .runs import RunsMixin
from .scanning import ScanningMixin
from .schema import LATEST, MIGRATIONS, statements
from .suggestions import SuggestionsMixin

__all__ = ["Store", "ProjectError", "NewerProjectError", "LATEST", "worker_connections"]

log = logging.getLogger(__name__)

TABLES = frozenset(
    {"images", "labels", "annotations", "suggestions", "runs", "jobs", "responses", "batches",
     "audits", "audit_images", "label_mappings"}
)


class _Conn:
    """One SQLite connection, the lock that guards it and its transaction depth."""

    __slots__ = ("conn", "lock", "in_tx", "queued")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.lock = threading.RLock()
        self.in_tx = 0
        self.queued = False  # in a decision whose change set is queued (pending.py)


# .conns while in worker_connections(): {id(store): (store, _Conn)} (the store is held, so its id
# is not reused by another store during the block)
_worker = threading.local()


@contextmanager
def worker_connections() -> Iterator[None]:
    """Within this block every project store the current thread uses answers on a connection
    of its own (opened on first use, closed at the end of the block)."""
    if getattr(_worker, "conns", None) is not None:
        yield
        return
    _worker.conns = {}
    try:
        yield
    finally:
        conns, _worker.conns = _worker.conns, None
        for _store, st in conns.values():
            st.conn.close()


class ProjectError(GlanceLabelError):
    """A problem with the project file the user must hear about in one sentence."""


class NewerProjectError(ProjectError):
    pass


class Store(
    ScanningMixin, ExchangeMixin, ImagesMixin, LabelsMixin, AnnotationsMixin, SuggestionsMixin,
    RunsMixin, ListingMixin, JobsMixin, AuditsMixin, MaintenanceMixin, MappingsMixin,
):
    def __init__(self, path: Path | str, folder: Path | str | None = None, *, timeout: float = 10.0):
        self.path = Path(path)
        self._timeout = timeout
        self._pending_meta: dict[str, str] = {}  # set_meta_soon values not written yet
        self._writes: PendingWrites | None = None  # the window's write queue (queue_writes)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            conn = self._connect()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            problem = storage_error(exc)  # a read-only or full disk is not a damaged file
            if problem is not None:
                raise problem from exc
            raise ProjectError(N_("errors", "{path} is not a GlanceLabel project file ({reason})."),
                               path=str(self.path), reason=str(exc)) from exc
        if version > LATEST:
            conn.close()
            raise NewerProjectError(N_(
                "errors", "{path} was written by a newer GlanceLabel (schema {version}, this "
                "version knows up to {latest}); update GlanceLabel to open it. The file was not "
                "changed."), path=str(self.path), version=version, latest=LATEST)
        self._main = _Conn(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < LATEST:
            if existed and version > 0:
                self._backup(version)
            self._migrate(version)
        # decisions a window queued and had not written when its process ended (journal.py)
        self.recovered = 0 if str(path) == ":memory:" else self._replay()
        if str(path) != ":memory:":
            settle_for(self.path)  # a window of this process has decisions queued: read them
        if folder is not None:
            self.set_meta("folder", str(Path(folder).resolve()))

    def _replay(self) -> int:
        try:
            written = replay(self, self.path, overtaken)
        except (sqlite3.Error, OSError, GlanceLabelError):  # kept for the next open
            log.exception("queued decisions left by a stopped process could not be written")
            return 0
        if written:
            log.info("wrote %d queued decisions left by a stopped process", written)
        return written

    # -- connections ----------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path), timeout=self._timeout, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
        return conn

    @property
    def _state(self) -> _Conn:
        """The connection of the calling thread: its own inside `worker_connections()`."""
        conns = getattr(_worker, "conns", None)
        if conns is None or str(self.path) == ":memory:":
            return self._main
        st = conns[id(self)][1] if id(self) in conns else None
        if st is None:
            if self._writes is not None:
                self._writes.settle()  # it reads what the window shows, its decisions written
            conn = self._connect()
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            st = _Conn(conn)
            conns[id(self)] = (self, st)
        return st

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._state.conn

    @property
    def _lock(self) -> threading.RLock:
        return self._state.lock

    # -- basics ---------------------------------------------------------------------------
    @cached_property
    def db(self) -> Any:
        """A sqlite-utils view of the same connection, for ad-hoc table work (imported lazily:
        it pulls in numpy, which would slow every command's start)."""
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

    @property
    def folder(self) -> Path | None:
        value = self.get_meta("folder")
        return Path(value) if value else None

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        main = self._main
        if self._writes is not None:
            self._writes.close()  # everything queued is written first
        with main.lock:
            try:
                if self._pending_meta:
                    main.conn.execute("BEGIN IMMEDIATE")
                    self._write_pending_meta(main.conn)
                    main.conn.execute("COMMIT")
                main.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            main.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (nested calls join the outer one). On the window's connection it
        first waits for the window's queued writes (pending.py)."""
        st = self._state
        waits = self._writes is not None and st is self._main and not st.in_tx and not st.queued
        if waits:
            self._lock_when_idle(st)
        try:
            with st.lock:
                if st.in_tx or st.queued:
                    st.in_tx += 1
                    try:
                        yield st.conn
                    finally:
                        st.in_tx -= 1
                    return
                st.conn.execute("BEGIN IMMEDIATE")
                with self._held(st):
                    yield st.conn
        finally:
            if waits:
                st.lock.release()

    def _lock_when_idle(self, st: _Conn) -> None:
        """Take `st.lock` once the window's queue is empty, checked under the lock: a set queued
        between the wait and the lock would leave this write meeting the overlay's TEMP views,
        and the queue's writer waiting for this lock while this waits for its write lock."""
        assert self._writes is not None
        while True:
            self._writes.wait_idle()
            st.lock.acquire()
            if self._writes.idle:
                return
            st.lock.release()

    @contextmanager
    def write_now(self) -> Iterator[bool]:
        """A write transaction on the calling thread's connection, begun only when it needs no
        wait: True inside when it was (the writes made inside join it, all or none are kept),
        False when another connection writes or the window's writes are queued (nothing was
        begun: the caller writes later, e.g. on a background task)."""
        st = self._state
        with st.lock:
            if st.in_tx:
                yield True
                return
            if st.queued or (self._writes is not None and st is self._main
                             and not self._writes.idle) or not self._try_begin(st):
                yield False
                return
            with self._held(st):
                yield True

    def write_when_free(self, fn: Callable[..., Any], *args: Any,
                        cancel: threading.Event | None = None) -> Any:
        """`fn(self, *args)` in one write transaction on the calling thread's connection, begun
        once the write lock is free: a worker holding it longer than SQLite's busy timeout (an
        import publishing, a long accept-the-rest) is waited for, however long, instead of
        failing with "database is locked"; until `cancel` is set (the window closes: the lock
        error is raised then). For background tasks (gui/saving.py `write_soon`)."""
        while True:
            begun = False
            try:
                with self.tx():
                    begun = True
                    return fn(self, *args)
            except sqlite3.OperationalError as exc:  # busy: the lock is still held elsewhere
                if begun or "locked" not in str(exc).lower() or (
                        cancel is not None and cancel.is_set()):
                    raise
                log.info("a write still waits for the lock another connection holds")

    def _try_begin(self, st: _Conn) -> bool:
        """BEGIN IMMEDIATE on `st` without waiting; False when another connection writes."""
        waits = st.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        st.conn.execute("PRAGMA busy_timeout = 0")
        try:
            st.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # busy: another connection is writing
            return False
        finally:
            st.conn.execute(f"PRAGMA busy_timeout = {int(waits)}")
        return True

    @contextmanager
    def _held(self, st: _Conn) -> Iterator[None]:
        """The body of a write transaction begun on `st`: commit, or roll back on an error."""
        with st.lock:
            st.in_tx = 1
            try:
                if self._pending_meta and st is self._main:
                    self._write_pending_meta(st.conn)
                yield
            except BaseException:
                if st.conn.in_transaction:  # SQLite itself rolls back after some errors (full)
                    st.conn.execute("ROLLBACK")
                raise
            else:
                st.conn.execute("COMMIT")
            finally:
                st.in_tx = 0

    def q(self, sql: str, params: tuple | list | dict = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def q1(self, sql: str, params: tuple | list | dict = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: tuple | list | dict = ()) -> Any:
        row = self.q1(sql, params)
        return None if row is None else row[0]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        if key in self._pending_meta:
            return self._pending_meta[key]
        if self._writes is not None and self._state is self._main:
            queued = self._writes.setting(key)  # set by the window, not written yet
            if queued is not None:
                return queued
        row = self.q1("SELECT value FROM meta WHERE key = ?", (key,))
        return default if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Write a project setting. On the window's connection (after `queue_writes`) it never
        waits: while another connection writes, or the window's change sets wait, it is queued
        behind them and read back at once (queued_settings.py)."""
        st, writes = self._state, self._writes
        if writes is not None and st is self._main and not st.in_tx:
            with st.lock:
                self._pending_meta.pop(key, None)  # an older set_meta_soon value
                if st.queued or not writes.idle or not self._try_begin(st):
                    writes.queue(queued_settings.settings_set({key: value}))
                    return
                with self._held(st):
                    queued_settings.write(st.conn, {key: value})
                return
        with self.tx() as c:
            queued_settings.write(c, {key: value})

    def set_meta_soon(self, key: str, value: str) -> None:
        """`set_meta` that never waits: while another connection writes, the value is kept (and
        read back by `get_meta`) and written with this store's next transaction or at close.
        A disk that refuses it (full, read-only) raises nothing: it stays kept the same way.
        (It is not queued with the window's decisions nor kept in their journal: the window
        sets it at every image shown, which would be a file sync per key press and a "decision"
        in the window's count of what waits; a crash loses at most where the window reopens.)"""
        st = self._state
        with st.lock:
            self._pending_meta[key] = value
            if st.in_tx:
                self._write_pending_meta(st.conn)
                return
            if self._try_begin(st):
                kept = dict(self._pending_meta)
                try:
                    with self._held(st):
                        pass  # _held writes the pending values
                except sqlite3.Error as exc:
                    if storage_error(exc) is None:
                        raise
                    self._pending_meta = kept | self._pending_meta
                    log.warning("a setting is kept until the project file can be written",
                                exc_info=True)

    # -- the window's write queue (pending.py) ---------------------------------------------
    def queue_writes(self, on_landed: Landed,
                     on_queued: Callable[[ChangeSet], None] | None = None) -> None:
        """From now on a change set applied on this store's own connection never waits for
        another connection's write: it is queued (`on_queued` hears of it, on the caller's
        thread), shown at once, and written in order by a thread of its own (`on_landed`
        hears of each, on that thread)."""
        if self._writes is None and str(self.path) != ":memory:":
            self._writes = PendingWrites(self, self._main.lock, self._main.conn, on_landed,
                                         worker_connections, Journal(self.path))
            self._writes.on_queued = on_queued

    @property
    def pending_count(self) -> int:
        """Change sets of the window that are shown but not written yet."""
        return 0 if self._writes is None else self._writes.pending_count

    @property
    def pending_unshown(self) -> int:
        """Of `pending_count`, the change sets too large to lay over the reads: the window shows
        them once they are written."""
        return 0 if self._writes is None else self._writes.unshown_count

    @property
    def unsaved_problem(self) -> GlanceLabelError | None:
        """Why the window's oldest queued change set cannot be written now (a full or read-only
        disk: it stays queued and is tried again), else None."""
        return None if self._writes is None else self._writes.failing

    @contextmanager
    def decision(self) -> Iterator[bool]:
        """A write transaction for reading rows and applying the change set made of them; True
        inside when the window's set will be queued (its reads see one snapshot meanwhile)."""
        st, writes = self._state, self._writes
        if writes is None or st is not self._main:
            with self.tx():
                yield False
            return
        with st.lock:
            if st.queued:  # inside a queued decision: what it applies is queued with it
                yield True
                return
            if st.in_tx:
                with self.tx():
                    yield False
                return
            if writes.idle and self._try_begin(st):
                with self._held(st):
                    yield False
                return
            st.conn.execute("BEGIN")  # a snapshot to read from; the overlay's writes are TEMP
            st.queued = True
            try:
                yield True
            finally:
                st.queued = False
                if st.conn.in_transaction:
                    st.conn.execute("COMMIT")

    def _write_pending_meta(self, c: sqlite3.Connection) -> None:
        c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                      list(self._pending_meta.items()))
        self._pending_meta.clear()

    def integrity_check(self) -> str:
        return self.scalar("PRAGMA integrity_check")

    # -- migrations -----------------------------------------------------------------------
    def _backup(self, version: int) -> Path:
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        dest = sqlite3.connect(str(target))
        try:
            self._conn.backup(dest)
        finally:
            dest.close()
        return target

    def _migrate(self, current: int, upto: int = LATEST) -> None:
        for number, _description, script in MIGRATIONS:
            if number <= current or number > upto:
                continue
            with self.tx() as c:
                for statement in statements(script):
                    c.execute(statement)
                c.execute(f"PRAGMA user_version = {number}")

    # -- change sets ----------------------------------------------------------------------
    def apply(self, cs: ChangeSet) -> ChangeSet:
        """Apply a change set atomically, log it in `events`, return it with assigned ids.

        New rows get their ids up front (max id + 1, as SQLite would), so runs of similar
        changes go to SQLite in one executemany: accepting 80,000 suggestions stays fast.
        """
        if cs.empty:
            return cs
        writes, given = self._writes, cs
        inside = self._state.queued  # made inside a decision that is queued already
        with self.decision() as queued:
            if queued and writes is not None:  # too large to lay over the reads: shown once written
                return writes.queue(cs, shown=inside or writes.can_queue(cs))
            c = self._conn
            if writes is not None:
                cs = writes.translated(cs)
            cs = self.unclassed_with(cs)
            next_id: dict[str, int] = {}
            done: list[RowChange] = []
            for ch in cs.changes:
                if ch.table not in TABLES:
                    raise ValueError(f"unknown table {ch.table!r}")
                if ch.after and any(isinstance(v, Ref) for v in ch.after.values()):
                    after = {k: done[v].id if isinstance(v, Ref) else v for k, v in ch.after.items()}
                    ch = RowChange(ch.table, ch.id, ch.before, after)
                if ch.before is None and ch.after is not None and ch.id is None:
                    if ch.table not in next_id:
                        next_id[ch.table] = (
                            c.execute(f"SELECT max(id) FROM {ch.table}").fetchone()[0] or 0
                        ) + 1
                    ch = RowChange(ch.table, next_id[ch.table], None, ch.after)
                    next_id[ch.table] += 1
                elif ch.before is None and ch.after is not None and ch.id is not None:
                    next_id[ch.table] = max(next_id.get(ch.table, 0), ch.id + 1)
                done.append(ch)
            self._write_changes(c, done)
            applied = cs.with_changes(tuple(done))
            c.execute(
                "INSERT INTO events (at, verb, image_id, changes) VALUES (?, ?, ?, ?)",
                (
                    time.time(),
                    applied.verb,
                    applied.image_id,
                    orjson.dumps(
                        {"meta": applied.meta,
                         "changes": [[x.table, x.id, x.before, x.after] for x in done]}
                    ).decode(),
                ),
            )
        if writes is not None:
            writes.remember(given, applied)
        return applied

    @staticmethod
    def _statement(ch: RowChange) -> tuple[str, tuple]:
        """The SQL and parameters of one row change (its id already known)."""
        if ch.after is None:
            return f"DELETE FROM {ch.table} WHERE id = ?", (ch.id,)
        if ch.before is None:
            cols = ", ".join(("id", *ch.after))
            marks = ", ".join("?" * (len(ch.after) + 1))
            return (f"INSERT INTO {ch.table} ({cols}) VALUES ({marks})",
                    (ch.id, *ch.after.values()))
        sets = ", ".join(f"{k} = ?" for k in ch.after)
        return f"UPDATE {ch.table} SET {sets} WHERE id = ?", (*ch.after.values(), ch.id)

    def _write_changes(self, c: sqlite3.Connection, changes: list[RowChange]) -> None:
        """Run the changes in order, batching consecutive ones that share one statement."""
        sql_run = ""  # no statement yet
        params: list[tuple] = []
        for ch in changes:
            if ch.before is not None and ch.after == {}:
                continue  # an update that changes nothing
            sql, p = self._statement(ch)
            if sql != sql_run:
                if params:
                    c.executemany(sql_run, params)
                sql_run, params = sql, []
            params.append(p)
        if params:
            c.executemany(sql_run, params)

    def row(self, table: str, row_id: int) -> dict | None:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        if self._writes is not None:  # a row queued by the window and written since
            row_id = self._writes.real_id(row_id)
        r = self.q1(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        if r is None:
            return None
        d = dict(r)
        d.pop("id", None)
        return d

    def rows(self, table: str, ids: Sequence[int]) -> dict[int, dict]:
        """Many rows at once: id -> row (without its id); absent ids are left out."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        out: dict[int, dict] = {}
        for chunk, marks in in_chunks(ids):
            for r in self.q(f"SELECT * FROM {table} WHERE id IN ({marks})", chunk):
                d = dict(r)
                out[d.pop("id")] = d
        return out

    def events(self, limit: int = 100) -> list[dict]:
        rows = self.q("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) | {"changes": orjson.loads(r["changes"])} for r in rows]

