"""The window's queued decisions (pending.py) kept in a file beside the project until written.

A decision queued behind a worker's write transaction is shown at once but is in the project
file only once the writer thread writes it. So that a crash or a kill in that time loses none of
them, the queued sets are also kept, one JSON line each, in `<project>.queued-<pid>-<random>`
(a line added for each set queued, the file rewritten when one is written and removed when the
queue empties). Each line is synced to the disk (`os.fsync`, and the folder's entry when the file is
made) before the window shows the set as made, so it survives a power cut as well as a crash or
a kill. While the process lives it holds `<that file>.lock` (for every thread of the process:
the window's adds and the writer thread's rewrites).

The next open of the project (`replay`, from `Store()`) writes the sets of a file whose lock is
free (its process is gone), in order, each in one transaction, with the queue's own checks: a set
whose `queued_as` mark is already in `events` was written before the crash (skipped), a set
whose rows another writer changed since is not written (logged), as the writer thread does.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

import orjson
from filelock import FileLock, Timeout

from ..errors import GlanceLabelError
from ..review.changes import ChangeSet, RowChange
from . import queued_settings
from .base import StoreBase
from .queued_ids import IdMap

log = logging.getLogger(__name__)

# the writer's check that a set's rows are still as the decision saw them (pending.py)
Overtaken = Callable[[sqlite3.Connection, ChangeSet], GlanceLabelError | None]


def _encoded(cs: ChangeSet) -> bytes:
    return orjson.dumps({"verb": cs.verb, "image_id": cs.image_id, "meta": cs.meta,
                         "changes": [[c.table, c.id, c.before, c.after] for c in cs.changes]})


def _decoded(line: bytes) -> ChangeSet:
    d = orjson.loads(line)
    changes = tuple(RowChange(t, i, b, a) for t, i, b, a in d["changes"])
    return ChangeSet(d["verb"], changes, d["image_id"], d["meta"])


def sync_folder(folder: Path) -> None:
    """Sync a folder's entries (a file made, replaced or removed in it) to the disk; where a
    folder cannot be opened for that (Windows), the file's own sync is all there is."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Journal:
    """This process's file of queued sets."""

    def __init__(self, project: Path, sync: bool = True) -> None:
        # the pid and a random part: a later process given the pid of one whose file was kept
        # (its replay failed) must not write over that file
        self.path = project.with_name(
            f"{project.name}.queued-{os.getpid()}-{secrets.token_hex(4)}")
        # held across threads: the window's thread adds lines, the writer thread rewrites them
        self._lock = FileLock(f"{self.path}.lock", timeout=0, thread_local=False)
        self.sync = sync  # False only to measure what the syncs cost (tests/bench)

    def keep(self, sets: Sequence[ChangeSet]) -> None:
        """The file holds `sets` (none: it is removed). A failure is logged, never raised: the
        queue goes on without it."""
        try:
            if not sets:
                if self.path.exists():
                    self.path.unlink()
                    self._synced_folder()
                return
            if not self._lock.is_locked:
                self._lock.acquire()
            part = self.path.with_name(self.path.name + ".part")
            with part.open("wb") as f:
                f.write(b"".join(_encoded(cs) + b"\n" for cs in sets))
                self._synced(f)
            os.replace(part, self.path)
            self._synced_folder()
        except (OSError, Timeout):
            log.warning("the queued decisions could not be kept in %s", self.path, exc_info=True)

    def add(self, cs: ChangeSet) -> None:
        """One more set at the end (the window's thread: no rewrite of those before)."""
        try:
            if not self._lock.is_locked:
                self._lock.acquire()
            made = not self.path.exists()
            with self.path.open("ab") as f:
                f.write(_encoded(cs) + b"\n")
                self._synced(f)
            if made:
                self._synced_folder()
        except (OSError, Timeout):
            log.warning("a queued decision could not be kept in %s", self.path, exc_info=True)

    def _synced(self, f: BinaryIO) -> None:
        f.flush()
        if self.sync:
            os.fsync(f.fileno())

    def _synced_folder(self) -> None:
        if self.sync:
            sync_folder(self.path.parent)

    def close(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
            Path(self._lock.lock_file).unlink(missing_ok=True)


def replay(store: StoreBase, project: Path, overtaken: Overtaken) -> int:
    """Write the sets left by processes that ended before writing them; how many were."""
    written = 0
    for path in sorted(project.parent.glob(f"{project.name}.queued-*")):
        if path.suffix in (".lock", ".part"):
            continue
        lock = FileLock(f"{path}.lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            continue  # its process still runs and writes them itself
        try:
            sets = [_decoded(line) for line in path.read_bytes().splitlines() if line.strip()]
            written += _write(store, sets, overtaken)
            path.unlink()
        finally:
            lock.release()
            Path(lock.lock_file).unlink(missing_ok=True)
    return written


def _write(store: StoreBase, sets: list[ChangeSet], overtaken: Overtaken) -> int:
    ids, written = IdMap(), 0
    for cs in sets:
        with store.tx() as c:
            settings = queued_settings.values_of(cs)
            if settings is not None:  # a project setting (written again at worst: same value)
                queued_settings.write(c, settings)
                written += 1
                continue
            mark = cs.meta.get("queued_as")
            if mark is not None and c.execute(
                    "SELECT 1 FROM events WHERE verb = ? AND "
                    "json_extract(changes, '$.meta.queued_as') = ? LIMIT 1",
                    (cs.verb, mark)).fetchone() is not None:
                continue  # written before the process ended
            problem = overtaken(c, ids.translated(cs))
            if problem is not None:
                log.warning("a queued decision left by a stopped process was not written: %s",
                            problem.sentence)
                continue
            ids.remember(cs, store.apply(ids.translated(cs)))
            written += 1
    return written
