"""Folder scanning: fast, incremental, in natural order, safe with any file the folder holds.

`scan_folder` walks the folder with `os.scandir`, records new files, marks vanished ones missing
(never deleting them: their annotations stay), queues changed ones (size or mtime) for a new header
read, writes the natural display order, then reads the pending headers in parallel. It runs in any
thread: progress is a plain callback, cancel a `threading.Event`.

Progress calls: during the walk `progress(files_found, 0)` (0: total not known yet), then while
reading headers `progress(done, total)`.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import NamedTuple

from . import imaging
from .imaging import FileMissing, ImageProblem

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

SORT_VERSION = "natural-1"  # stored in meta; a different value re-sorts the whole project
_EXTS = frozenset(imaging.SUPPORTED_EXTENSIONS)
_DIGITS = re.compile(r"0*([0-9]+)")
_CHUNK = 256  # header reads per task
_WRITE_BATCH = 500  # header rows per store transaction


# -- natural order ------------------------------------------------------------------------------
def _number(m: re.Match) -> str:
    digits = m[1]
    return "\x01" + chr(0x30 + len(digits)) + digits  # a shorter number sorts first


def natural_key(relpath: str, _sub=_DIGITS.sub, _number=_number) -> str:
    """Sort key: case-folded, digit runs compared as numbers ("img2" < "img10"), folder by folder.

    Encoded as one string so sorting compares in C: each digit run (leading zeros dropped)
    becomes a low marker, its length and its digits, so numbers compare by value and before any
    letter at the same place. The extension is compared after the name ("a.jpg" < "a2.jpg"), the
    folder separator sorts before other characters so a folder's files stay together, and ties
    ("img01" / "img1") fall back to the exact relpath: the order is total and repeatable.
    """
    folded = relpath.casefold()
    dot = folded.rfind(".")
    if dot > folded.rfind("/"):
        return _sub(_number, folded[:dot].replace("/", "\x02")) + "\x00" + folded[dot:] + "\x00" + relpath
    return _sub(_number, folded.replace("/", "\x02")) + "\x00\x00" + relpath


def natural_sorted(items: list, relpath=lambda item: item) -> list:
    """`sorted(items, key=natural_key(relpath(item)))`, faster for many files in few folders:
    each folder's part of the key is computed once."""
    folders: dict[str, str] = {}
    sub, number = _DIGITS.sub, _number

    def key(item) -> str:
        rel = relpath(item)
        cut = rel.rfind("/") + 1
        head = folders.get(rel[:cut])
        if head is None:
            head = folders[rel[:cut]] = sub(number, rel[:cut].casefold().replace("/", "\x02"))
        name = rel[cut:].casefold()
        dot = name.rfind(".")
        if dot >= 0:
            return head + sub(number, name[:dot]) + "\x00" + name[dot:] + "\x00" + rel
        return head + sub(number, name) + "\x00\x00" + rel

    return sorted(items, key=key)


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


# -- the walk -----------------------------------------------------------------------------------
@dataclass
class _Walk:
    found: dict[str, tuple[int, int]]  # relpath -> (size, mtime_ns)
    problems: dict[str, str]
    blocked: list[str]  # relpaths of folders that could not be listed ("" = the folder itself)
    bad_names: int


def _walk(root: str, progress: Progress | None, cancel: threading.Event | None) -> _Walk | None:
    """All supported files under root, hidden entries skipped; None when cancelled."""
    found: dict[str, tuple[int, int]] = {}
    problems: dict[str, str] = {}
    blocked: list[str] = []
    bad_names = 0
    exts = _EXTS
    st = os.stat(root)
    visited = {(st.st_dev, st.st_ino)}
    stack: list[tuple[str, str]] = [(root, "")]  # (path, relpath prefix with trailing "/")
    linked: list[tuple[str, str]] = []  # symlinked folders: walked after the real ones
    next_report = 4096
    while stack or linked:
        if cancel is not None and cancel.is_set():
            return None
        if not stack:
            stack.append(linked.pop(0))
        path, prefix = stack.pop()
        if prefix:
            try:
                st = os.stat(path)
            except OSError as exc:
                _folder_problem(problems, blocked, prefix, exc)
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited:
                log.info("skipping %s: a link to a folder already scanned", prefix)
                continue
            visited.add(key)
        try:
            with os.scandir(path) as it:
                subdirs = []
                for entry in it:
                    name = entry.name
                    if name[0] == ".":
                        continue  # hidden files and folders, the project's .glancelabel included
                    dot = name.rfind(".")
                    try:
                        if dot > 0 and name[dot:].lower() in exts:
                            est = entry.stat()  # follows links; one call gives type, size, mtime
                            if not S_ISREG(est.st_mode):
                                if S_ISDIR(est.st_mode):  # a folder named like an image
                                    item = (entry.path, prefix + name + "/")
                                    (linked if entry.is_symlink() else subdirs).append(item)
                                continue
                        else:
                            if entry.is_dir():
                                item = (entry.path, prefix + name + "/")
                                (linked if entry.is_symlink() else subdirs).append(item)
                            continue
                    except OSError:
                        continue  # vanished while we looked, or a dangling link
                    relpath = prefix + name
                    if not relpath.isascii() and not _encodable(relpath):
                        bad_names += 1
                        problems[_printable(relpath)] = (
                            "file name is not valid UTF-8; rename the file to include it"
                        )
                        continue
                    found[relpath] = (est.st_size, est.st_mtime_ns)
                    if progress is not None and len(found) >= next_report:
                        progress(len(found), 0)
                        next_report += 4096
                # depth first, in listing order
                stack.extend(reversed(subdirs))
        except OSError as exc:
            _folder_problem(problems, blocked, prefix, exc)
    return _Walk(found, problems, blocked, bad_names)


def _folder_problem(problems: dict[str, str], blocked: list[str], prefix: str, exc: OSError) -> None:
    reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    log.info("cannot list folder %r: %s", prefix or ".", exc)
    problems[_printable(prefix) or "./"] = f"folder cannot be read: {reason}"
    blocked.append(prefix)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# -- scan ---------------------------------------------------------------------------------------
def scan_folder(
    store,
    folder: Path,
    *,
    read_headers: bool = True,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ScanReport:
    """Scan or rescan `folder` into `store`; see the module docstring. Never raises for a bad file.

    Raises FileNotFoundError / NotADirectoryError when the folder itself is not there.
    """
    started = time.perf_counter()
    root = os.fspath(folder)
    walk = _walk(root, progress, cancel)
    if walk is None:
        return ScanReport(0, 0, 0, 0, 0, store.file_state_count("missing"),
                          seconds=time.perf_counter() - started, cancelled=True)
    found = walk.found
    index = store.image_index()
    first = not index
    new: list[tuple[str, int, int]] = []
    again: list[tuple[int, int, int]] = []  # back after being missing, or changed
    came_back = changed = 0
    for relpath, (size, mtime) in found.items():
        known = index.get(relpath)
        if known is None:
            new.append((relpath, size, mtime))
        elif known[3] == "missing":
            again.append((known[0], size, mtime))
            came_back += 1
        elif known[1] != size or known[2] != mtime:
            again.append((known[0], size, mtime))
            changed += 1
    blocked = tuple(walk.blocked)
    gone = [
        known[0]
        for relpath, known in index.items()
        if known[3] != "missing" and relpath not in found
        and not (blocked and _under(relpath, blocked))
    ]
    with store.tx():
        if new:
            if first:  # an empty project: insert in natural order, no second pass
                new = natural_sorted(new, itemgetter(0))
            store.add_images_at((r, s, m, pos if first else 0) for pos, (r, s, m) in enumerate(new))
        if again:
            store.mark_changed(again)
        if gone:
            store.mark_missing(gone)
    if first:
        if new:
            store.set_meta("scan.sort", SORT_VERSION)
    elif new or store.get_meta("scan.sort") != SORT_VERSION:
        resort(store)
    log.info("walk of %s: %d files, %d new, %d changed, %d back, %d gone (%.2f s)",
             root, len(found), len(new), changed, came_back, len(gone),
             time.perf_counter() - started)
    vanished = 0
    cancelled = False
    if read_headers:
        counts = _read_all_headers(store, folder, progress=progress, cancel=cancel)
        vanished, cancelled = counts.vanished, counts.cancelled
    problems = dict(walk.problems)
    problems.update(store.unreadable_problems())
    return ScanReport(
        images=len(found) - vanished + walk.bad_names,
        added=len(new) + came_back,
        removed=len(gone),
        changed=changed,
        unreadable=store.file_state_count("unreadable") + walk.bad_names,
        missing=store.file_state_count("missing"),
        problems=problems,
        seconds=time.perf_counter() - started,
        cancelled=cancelled,
    )


def _under(relpath: str, prefixes: tuple[str, ...]) -> bool:
    return "" in prefixes or relpath.startswith(prefixes)


def resort(store) -> int:
    """Write the natural order into sort_key where it differs; returns how many rows moved."""
    rows = natural_sorted(store.sort_index(), itemgetter(1))
    moved = [(row[0], pos) for pos, row in enumerate(rows) if row[2] != pos]
    if moved:
        store.update_sort_keys(moved)
    store.set_meta("scan.sort", SORT_VERSION)
    return len(moved)


# -- headers ------------------------------------------------------------------------------------
def _header_row(path: str, image_id: int, relpath: str):
    """(kind, row): kind 'ok' | 'unreadable' | 'missing'; row for store.set_headers."""
    try:
        w, h, orientation, fmt, frames, _mode = imaging.header_fields(path)
    except FileMissing:
        return "missing", image_id
    except ImageProblem as exc:
        return "unreadable", (image_id, None, None, 1, None, "unreadable", str(exc))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the scan
        log.exception("unexpected failure reading %s", relpath)
        return "unreadable", (image_id, None, None, 1, None, "unreadable",
                              f"cannot be read ({exc.__class__.__name__})")
    return "ok", (image_id, w, h, orientation, fmt, "ok", imaging.frames_note(fmt, frames))


def _read_chunk(root: str, items: list[tuple[int, str]]) -> list:
    base = root.rstrip("/\\") + "/"  # forward slashes work on Windows too
    return [_header_row(base + relpath, image_id, relpath) for image_id, relpath in items]


def default_workers() -> int:
    """Header-read threads. Parsing holds the GIL, so extra threads only overlap disk waits, and
    on an idle 2-core machine they lose to the switching: 100,000 warm JPEGs took 2.7 s on one
    thread, 4.9 s on two and 6.0 s on three (a pool of two processes: 2.0 s, but it cannot run
    inside a frozen build without more machinery). Earlier figures taken on a loaded machine had
    favoured two threads. One thread also leaves the GUI thread the most room for the GIL."""
    return 1


def read_headers(
    store,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> HeaderCounts:
    """Read the header of every image in file_state 'unknown', in display order, in parallel.

    Each becomes ok (oriented size, orientation, format; a note for multi-frame files),
    unreadable (with the reason) or, if its file is gone, missing. Writes are batched.
    """
    todo = store.ids_needing_header()
    total = len(todo)
    if not total:
        return HeaderCounts(0, 0, 0, False)
    root = os.fspath(folder)
    workers = workers or default_workers()
    done = ok = bad = 0
    rows: list = []
    gone: list[int] = []

    def flush() -> None:
        nonlocal rows, gone
        if rows or gone:
            with store.tx():
                if rows:
                    store.set_headers(rows)
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

    cancelled = False
    chunks = [todo[i : i + _CHUNK] for i in range(0, total, _CHUNK)]
    if workers <= 1 or len(chunks) == 1:
        for chunk in chunks:
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            take(_read_chunk(root, chunk))
            if len(rows) >= _WRITE_BATCH:
                flush()
            if progress is not None:
                progress(done, total)
        flush()
        return HeaderCounts(ok, bad, done - ok - bad, cancelled)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="header")
    pending: set[Future] = set()
    queue = iter(chunks)
    try:
        # keep a few chunks in flight: the first rows (display order) land first, memory stays flat
        for chunk in queue:
            pending.add(pool.submit(_read_chunk, root, chunk))
            if len(pending) >= workers * 2:
                break
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                take(fut.result())
            if len(rows) >= _WRITE_BATCH:
                flush()
            if progress is not None:
                progress(done, total)
            if cancel is not None and cancel.is_set():
                cancelled = True
            elif not cancelled:
                for chunk in queue:
                    pending.add(pool.submit(_read_chunk, root, chunk))
                    if len(pending) >= workers * 2:
                        break
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        flush()
    return HeaderCounts(ok, bad, done - ok - bad, cancelled)


_read_all_headers = read_headers  # scan_folder's keyword `read_headers` hides the function


# -- content hash -------------------------------------------------------------------------------
def ensure_content_hash(store, folder: Path, image_id: int) -> str:
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
        raise ImageProblem(f"the file cannot be read ({exc.strerror or exc})") from exc
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
