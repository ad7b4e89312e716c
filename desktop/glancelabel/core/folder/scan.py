"""Folder scanning: fast, incremental, in natural order, safe with any file the folder holds.

`scan_folder` walks the folder (`walk.Walker`), records new files, marks vanished ones missing
(never deleting them: their annotations stay), queues changed ones (size or mtime) for a new header
read, keeps the natural display order, then reads the pending headers. It runs in any thread:
progress is a plain callback, cancel a `threading.Event`.

A new project is listed as the walk goes: folder by folder in natural order, without a stat per
file, a few thousand rows per transaction, each batch handed to `listed(ids)` so a window can show
the first images at once. Size and mtime of those files are taken when their header is read.

Progress calls: during the walk `progress(files_found, 0)` (0: total not known yet), then while
reading headers `progress(done, total)`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import imaging
from .imaging import FileMissing, ImageProblem
from .natural import natural_key, natural_sorted
from .problems import READER_FAILED, cannot_read
from .walk import Walker

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Listed = Callable[[list[int]], None]

SORT_VERSION = "natural-2"  # stored in meta; a different value re-sorts the whole project
_CHUNK = 256  # header reads per task
_PROCESS_CHUNK = 1024  # header reads per task sent to a worker process
_PROCESS_MIN = 30_000  # header reads worth starting worker processes for
_WRITE_BATCH = 500  # header rows per store transaction
_FIRST_ROWS = 256  # a new project's first batch of rows: small, so the list shows at once
_LIST_BATCH = 4096  # later batches
_LIST_WAIT = 0.25  # seconds: a batch waits no longer than this for more files


# -- reports ------------------------------------------------------------------------------------
@dataclass
class ScanReport:
    images: int  # image files found in the folder, readable or not
    added: int  # new files, and files that came back after being missing
    removed: int  # files gone since the last scan (now marked missing)
    changed: int  # files whose size or modification time changed
    unreadable: int  # image files found that cannot be read (see problems)
    missing: int  # images of the project whose file is missing
    problems: dict[str, str] = field(default_factory=dict)  # relpath -> one sentence
    seconds: float = 0.0
    cancelled: bool = False

    def as_dict(self) -> dict:
        return {
            "images": self.images, "added": self.added, "removed": self.removed,
            "changed": self.changed, "unreadable": self.unreadable, "missing": self.missing,
            "problems": self.problems, "seconds": round(self.seconds, 3),
            "cancelled": self.cancelled,
        }


class HeaderCounts(NamedTuple):
    read: int  # headers read successfully
    unreadable: int
    vanished: int  # files gone before their header was read (marked missing)
    cancelled: bool


class _Changes(NamedTuple):
    found: int  # image files in the folder (valid names)
    added: int
    came_back: int
    changed: int
    removed: int


# -- scan ---------------------------------------------------------------------------------------
def scan_folder(
    store: Store,
    folder: Path,
    *,
    read_headers: bool = True,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    listed: Listed | None = None,
) -> ScanReport:
    """Scan or rescan `folder` into `store`; see the module docstring. Never raises for a bad file.

    `listed(ids)` is called with each batch of a new project's images as they are stored, in
    display order, from the thread that writes them (not the caller's). Raises FileNotFoundError / NotADirectoryError when the folder
    itself is not there.
    """
    started = time.perf_counter()
    root = os.fspath(folder)
    walker = Walker(root, progress=progress, cancel=cancel)
    if store.image_count() == 0:
        changes = _list_new_project(store, walker, listed)
    else:
        changes = _rescan(store, walker)
    if changes is None:
        return ScanReport(0, 0, 0, 0, 0, store.file_state_count("missing"),
                          seconds=time.perf_counter() - started, cancelled=True)
    log.info("walk of %s: %d files, %d new, %d changed, %d back, %d gone (%.2f s)",
             root, changes.found, changes.added, changes.changed, changes.came_back,
             changes.removed, time.perf_counter() - started)
    vanished = 0
    cancelled = False
    if read_headers:
        counts = _read_all_headers(store, folder, progress=progress, cancel=cancel)
        vanished, cancelled = counts.vanished, counts.cancelled
    problems = dict(walker.problems)
    problems.update(store.unreadable_problems())
    return ScanReport(
        images=changes.found - vanished + walker.bad_names,
        added=changes.added + changes.came_back,
        removed=changes.removed,
        changed=changes.changed,
        unreadable=store.file_state_count("unreadable") + walker.bad_names,
        missing=store.file_state_count("missing"),
        problems=problems,
        seconds=time.perf_counter() - started,
        cancelled=cancelled,
    )


def _list_new_project(store: Store, walker: Walker, listed: Listed | None) -> _Changes | None:
    """A project without images: store the files in natural order as the walk finds them.

    Batches are written on a second thread while the walk goes on: SQLite runs each batch's
    insert in one statement without holding the GIL, so the two overlap."""
    batch: list[str] = []
    position = 0
    limit = _FIRST_ROWS
    last = time.monotonic()
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="listing")
    pending: list[Future] = []
    failed = threading.Event()

    def write(relpaths: list[str], first_position: int) -> None:
        if walker.stopped() or failed.is_set():
            return  # cancelled, or an earlier batch failed: no gap in the positions
        try:
            ids = store.append_listed(relpaths, first_position)
        except BaseException:
            failed.set()
            raise
        if listed is not None:
            listed(ids)

    def flush(rows: list[str]) -> None:
        nonlocal position, limit, last
        pending.append(writer.submit(write, rows, position))
        while pending and pending[0].done():
            pending.pop(0).result()  # a failed write stops the walk here
        position += len(rows)
        limit = _LIST_BATCH
        last = time.monotonic()

    try:
        for prefix, names in walker.ordered_walk():
            batch.extend(prefix + name for name in names) if prefix else batch.extend(names)
            if len(batch) >= limit and not walker.stopped():
                start = 0
                while len(batch) - start >= limit:
                    end = start + limit  # (flush raises the limit after the first batch)
                    flush(batch[start:end])
                    start = end
                batch = batch[start:]
            if batch and time.monotonic() - last > _LIST_WAIT and not walker.stopped():
                flush(batch)  # a slow disk: show what there is
                batch = []
            if walker.stopped() or failed.is_set():
                break
        if batch and not walker.stopped():
            flush(batch)
    finally:
        writer.shutdown(wait=True)
    for fut in pending:
        fut.result()
    if walker.cancelled:
        return None  # what was stored stays; the next scan goes on as a rescan
    if walker.linked_files or store.image_count() != position:
        resort(store)  # symlinked folders came last, or another writer added rows meanwhile
    else:
        store.set_meta("scan.sort", SORT_VERSION)
    return _Changes(walker.found, position, 0, 0, 0)


def _rescan(store: Store, walker: Walker) -> _Changes | None:
    found = walker.stat_walk()
    if found is None:
        return None
    if store.same_files(found):  # the common case: nothing changed
        if store.get_meta("scan.sort") != SORT_VERSION:
            resort(store)
        return _Changes(len(found), 0, 0, 0, 0)
    index = store.image_index()
    new: list[tuple[str, int, int]] = []
    again: list[tuple[int, int, int]] = []  # back after being missing, changed, or never statted
    came_back = changed = 0
    for relpath, size, mtime in found:
        known = index.get(relpath)
        if known is None:
            new.append((relpath, size, mtime))
        elif known[3] == "missing":
            again.append((known[0], size, mtime))
            came_back += 1
        elif known[1] != size or known[2] != mtime:
            again.append((known[0], size, mtime))
            if known[2] != 0 or known[3] != "unknown":  # not just a first stat of a listed file
                changed += 1
    blocked = tuple(walker.blocked)
    paths = {relpath for relpath, _s, _m in found}
    gone = [
        known[0]
        for relpath, known in index.items()
        if known[3] != "missing" and relpath not in paths
        and not (blocked and _under(relpath, blocked))
    ]
    with store.tx():
        if new:
            store.add_images_at((r, s, m, 0) for r, s, m in new)
        if again:
            store.mark_changed(again)
        if gone:
            store.mark_missing(gone)
    if new or store.get_meta("scan.sort") != SORT_VERSION:
        resort(store)
    return _Changes(len(found), len(new), came_back, changed, len(gone))


def _under(relpath: str, prefixes: tuple[str, ...]) -> bool:
    return "" in prefixes or relpath.startswith(prefixes)


def resort(store: Store) -> int:
    """Write the natural order into sort_key where it differs; returns how many rows moved."""
    rows = natural_sorted(store.sort_index(), itemgetter(1))
    moved = [(row[0], pos) for pos, row in enumerate(rows) if row[2] != pos]
    if moved:
        store.update_sort_keys(moved)
    store.set_meta("scan.sort", SORT_VERSION)
    return len(moved)


# -- headers ------------------------------------------------------------------------------------
def _header_row(path: str, image_id: int, relpath: str, needs_stat: bool = False
                ) -> tuple[str, Any]:
    """(kind, row): kind 'ok' | 'unreadable' | 'missing'; row for store.set_headers_and_stats
    (the id when missing). For a file listed without a stat (`needs_stat`) the row carries its
    size and mtime, taken as it was opened; else None, None."""
    try:
        fields = imaging.header_fields(path, with_stat=True) if needs_stat else \
            imaging.header_fields(path)
    except FileMissing:
        return "missing", image_id
    except ImageProblem as exc:
        return "unreadable", (image_id, None, None, 1, None, "unreadable", str(exc),
                              *_stat_of(path, needs_stat))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the scan
        log.exception("unexpected failure reading %s", relpath)
        return "unreadable", (image_id, None, None, 1, None, "unreadable",
                              READER_FAILED.format(reason=exc.__class__.__name__),
                              *_stat_of(path, needs_stat))
    w, h, orientation, fmt, frames, _mode = fields[:6]
    stat = (fields[6] or (None, None)) if needs_stat else (None, None)
    return "ok", (image_id, w, h, orientation, fmt, "ok", imaging.frames_note(fmt, frames), *stat)


def _stat_of(path: str, needed: bool) -> tuple[int | None, int | None]:
    if needed:
        try:
            st = os.stat(path)
        except OSError:
            pass
        else:
            return st.st_size, st.st_mtime_ns
    return None, None


def _read_chunk(root: str, items: list[tuple[int, str, bool]]) -> list:
    base = root.rstrip("/\\") + "/"  # forward slashes work on Windows too
    return [_header_row(base + relpath, image_id, relpath, needs_stat)
            for image_id, relpath, needs_stat in items]


def default_workers() -> int:
    """Header-read threads when no processes are used. Parsing holds the GIL, so extra threads
    only overlap disk waits, and on an idle 2-core machine they lose to the switching: 100,000
    warm JPEGs took 2.7 s on one thread, 4.9 s on two and 6.0 s on three."""
    return 1


def default_processes(total: int) -> int:
    """Worker processes for `total` header reads: none for small folders (starting one costs
    about 0.4 s) or one core; else one per core, at most 4. GLANCELABEL_HEADER_PROCESSES sets the
    number for any size (0: none)."""
    forced = os.environ.get("GLANCELABEL_HEADER_PROCESSES", "").strip()
    if forced.isdigit():
        return int(forced)
    cores = os.cpu_count() or 1
    if cores < 2 or total < _PROCESS_MIN:
        return 0
    return min(cores, 4)


def read_headers(
    store: Store,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    processes: int | None = None,
) -> HeaderCounts:
    """Read the header of every image in file_state 'unknown', in display order.

    Each becomes ok (oriented size, orientation, format; a note for multi-frame files),
    unreadable (with the reason) or, if its file is gone, missing. Writes are batched. Big
    folders are read by worker processes (`default_processes`), which parse without holding this
    process's GIL, so a window stays responsive; if they cannot start or die, the rest is read
    here. Else `workers` threads (default 1).
    """
    todo = store.ids_needing_header()
    total = len(todo)
    if not total:
        return HeaderCounts(0, 0, 0, False)
    root = os.fspath(folder)
    processes = default_processes(total) if processes is None else processes
    workers = workers or default_workers()
    done = ok = bad = 0
    rows: list = []
    gone: list[int] = []

    def flush() -> None:
        nonlocal rows, gone
        if rows or gone:
            with store.tx():
                if rows:
                    store.set_headers_and_stats(rows)
                if gone:
                    store.mark_missing(gone)
            rows, gone = [], []

    def take(results: Iterable) -> None:
        nonlocal done, ok, bad
        for kind, row in results:
            done += 1
            if kind == "missing":
                gone.append(row)
                continue
            rows.append(row)
            if kind == "ok":
                ok += 1
            else:
                bad += 1
        if len(rows) >= _WRITE_BATCH:
            flush()
        if progress is not None:
            progress(done, total)

    def stopped() -> bool:
        return cancel is not None and cancel.is_set()

    size = _PROCESS_CHUNK if processes else _CHUNK
    chunks = [todo[i : i + size] for i in range(0, total, size)]
    try:
        if processes and len(chunks) > 1:
            log.info("reading %d headers in %d worker processes", total, processes)
            chunks = _in_pool(lambda: _process_pool(processes), processes, root, chunks, take, stopped)
        elif workers > 1 and len(chunks) > 1:
            pool = partial(ThreadPoolExecutor, max_workers=workers, thread_name_prefix="header")
            chunks = _in_pool(pool, workers, root, chunks, take, stopped)
        for chunk in chunks:  # all of them, or what a pool left
            if stopped():
                break
            take(_read_chunk(root, chunk))
    finally:
        flush()
    return HeaderCounts(ok, bad, done - ok - bad, stopped() and done < total)


def _process_pool(processes: int) -> Executor:
    """Spawned worker processes that run at a lower priority than the app (`workers`)."""
    from concurrent.futures import ProcessPoolExecutor

    from .workers import BackgroundContext

    return ProcessPoolExecutor(processes, mp_context=BackgroundContext())




def _in_pool(make_pool: Callable[[], Executor], width: int, root: str, chunks: list,
             take: Callable[[list], None], stopped: Callable[[], bool]) -> list:
    """Read chunks in the pool `make_pool()` returns, a few in flight (the first rows, in display
    order, land first and memory stays flat). Returns the chunks it did not read: none, unless
    the pool could not start or broke (a worker process died), or `stopped()`: then it returns
    at once, leaving the workers to finish their chunk unheard."""
    try:
        pool = make_pool()
    except (OSError, NotImplementedError, ImportError):  # e.g. no semaphores, no /dev/shm
        log.warning("worker processes cannot start; reading headers here", exc_info=True)
        return chunks
    pending: dict[Future, list] = {}
    queue = list(reversed(chunks))
    try:
        while queue or pending:
            try:
                while queue and len(pending) < width * 2:
                    pending[pool.submit(_read_chunk, root, queue[-1])] = queue[-1]
                    queue.pop()  # (only once submitted: a refused chunk stays to be read here)
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                results = [(fut, fut.result()) for fut in finished]  # _read_chunk never raises
            except (OSError, RuntimeError, BrokenExecutor):
                log.warning("header reads in a worker pool failed; reading the rest here",
                            exc_info=True)
                break
            for fut, rows in results:
                del pending[fut]
                take(rows)
            if stopped():
                break
    finally:
        pool.shutdown(wait=not stopped(), cancel_futures=True)
    return list(pending.values()) + list(reversed(queue))


_read_all_headers = read_headers  # scan_folder's keyword `read_headers` hides the function


# -- content hash -------------------------------------------------------------------------------
def ensure_content_hash(store: Store, folder: Path, image_id: int) -> str:
    """The image's content hash, computed and stored on first use (the cache key of AI answers).

    A stored hash is trusted while the file's size and mtime are unchanged. Raises FileMissing or
    ImageProblem when the file is gone or cannot be read, KeyError for an unknown id.
    """
    rec = store.image(image_id)
    if rec is None:
        raise KeyError(f"no image with id {image_id}")
    path = os.path.join(os.fspath(folder), rec.relpath)
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise FileMissing() from exc
    except OSError as exc:
        raise cannot_read(exc) from exc
    same = st.st_size == rec.size and st.st_mtime_ns == rec.mtime_ns
    if rec.content_hash and same:
        return rec.content_hash
    digest = imaging.file_digest(path)
    with store.tx():
        if not same:  # changed since the scan: its header must be read again too
            store.mark_changed([(image_id, st.st_size, st.st_mtime_ns)])
        store.set_content_hash(image_id, digest)
    return digest


__all__ = [
    "ScanReport", "HeaderCounts", "natural_key", "natural_sorted", "scan_folder", "read_headers", "resort",
    "ensure_content_hash", "SORT_VERSION",
]
