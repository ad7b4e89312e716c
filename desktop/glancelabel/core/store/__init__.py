"""The SQLite project store. All SQL of the app lives in this package.

One `Store` owns one connection guarded by a lock, so any thread may call it and
writes are serialised (one writer). Every user decision goes through `apply`,
which commits the change set and appends it to `events` before returning.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import sqlite_utils

from ..changes import ChangeSet, Ref, RowChange
from .annotations import AnnotationsMixin
from .audits import AuditsMixin
from .exchange import ExchangeMixin
from .images import ImagesMixin
from .jobs import JobsMixin
from .labels import LabelsMixin
from .listing import ListingMixin
from .maintenance import MaintenanceMixin
from .runs import RunsMixin
from .scanning import ScanningMixin
from .schema import LATEST, MIGRATIONS
from .suggestions import SuggestionsMixin

__all__ = ["Store", "ProjectError", "NewerProjectError", "LATEST"]

TABLES = frozenset(
    {"images", "labels", "annotations", "suggestions", "runs", "jobs", "responses", "batches",
     "audits", "audit_images"}
)


class ProjectError(Exception):
    """A problem with the project file the user must hear about in one sentence."""


class NewerProjectError(ProjectError):
    pass


class Store(
    ScanningMixin, ExchangeMixin, ImagesMixin, LabelsMixin, AnnotationsMixin, SuggestionsMixin,
    RunsMixin, ListingMixin, JobsMixin, AuditsMixin, MaintenanceMixin,
):
    def __init__(self, path: Path | str, folder: Path | str | None = None, *, timeout: float = 10.0):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._in_tx = 0
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            conn = sqlite3.connect(
                str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{self.path} is not a GlanceLabel project file ({exc}).") from exc
        if version > LATEST:
            conn.close()
            raise NewerProjectError(
                f"{self.path} was written by a newer GlanceLabel (schema {version}, this version "
                f"knows up to {LATEST}); update GlanceLabel to open it. The file was not changed."
            )
        self._conn = conn
        self.db = sqlite_utils.Database(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < LATEST:
            if existed and version > 0:
                self._backup(version)
            self._migrate(version)
        if folder is not None:
            self.set_meta("folder", str(Path(folder).resolve()))

    # -- basics ---------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        value = self.get_meta("folder")
        return Path(value) if value else None

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (nested calls join the outer one)."""
        with self._lock:
            if self._in_tx:
                self._in_tx += 1
                try:
                    yield self._conn
                finally:
                    self._in_tx -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._in_tx = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._in_tx = 0

    def q(self, sql: str, params: tuple | list | dict = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def q1(self, sql: str, params: tuple | list | dict = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        row = self.q1(sql, params)
        return None if row is None else row[0]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.q1("SELECT value FROM meta WHERE key = ?", (key,))
        return default if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.tx() as c:
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

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
                for statement in script.split(";"):
                    if statement.strip():
                        c.execute(statement)
                c.execute(f"PRAGMA user_version = {number}")

    # -- change sets ----------------------------------------------------------------------
    def apply(self, cs: ChangeSet) -> ChangeSet:
        """Apply a change set atomically, log it in `events`, return it with assigned ids."""
        if cs.empty:
            return cs
        with self.tx() as c:
            done: list[RowChange] = []
            for ch in cs.changes:
                if ch.after and any(isinstance(v, Ref) for v in ch.after.values()):
                    after = {k: done[v].id if isinstance(v, Ref) else v for k, v in ch.after.items()}
                    ch = RowChange(ch.table, ch.id, ch.before, after)
                done.append(self._apply_change(c, ch))
            done = tuple(done)
            applied = cs.with_changes(done)
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
        return applied

    def _apply_change(self, c: sqlite3.Connection, ch: RowChange) -> RowChange:
        if ch.table not in TABLES:
            raise ValueError(f"unknown table {ch.table!r}")
        if ch.after is None:
            c.execute(f"DELETE FROM {ch.table} WHERE id = ?", (ch.id,))
            return ch
        if ch.before is None:
            row = dict(ch.after)
            if ch.id is not None:
                row["id"] = ch.id
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            cur = c.execute(f"INSERT INTO {ch.table} ({cols}) VALUES ({marks})", tuple(row.values()))
            return RowChange(ch.table, cur.lastrowid, None, ch.after)
        if ch.after:
            sets = ", ".join(f"{k} = ?" for k in ch.after)
            c.execute(
                f"UPDATE {ch.table} SET {sets} WHERE id = ?", (*ch.after.values(), ch.id)
            )
        return ch

    def row(self, table: str, row_id: int) -> dict | None:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        r = self.q1(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        if r is None:
            return None
        d = dict(r)
        d.pop("id", None)
        return d

    def events(self, limit: int = 100) -> list[dict]:
        rows = self.q("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) | {"changes": orjson.loads(r["changes"])} for r in rows]

