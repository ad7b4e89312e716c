"""Walking an image folder with `os.scandir`: every supported file, safely.

Hidden files and folders (the project's own `.glancelabel` among them) are skipped, a folder
reached twice (a symlink loop, or a link to a folder already walked) is walked once, symlinked
folders are walked after all real ones so the real path wins, and a file name that is not valid
UTF-8 becomes a problem rather than a crash. A folder that cannot be listed is recorded in
`blocked`: the scan must not take its files for gone.

Two walks share these rules:
- `stat_walk` stats every image file (size and mtime, to spot changes on a rescan), in no order;
- `ordered_walk` stats nothing and yields the files in natural order (see `natural`), folder by
  folder, so a new project's list can be shown while the walk goes on.
"""

from __future__ import annotations

import heapq
import logging
import os
import threading
from collections.abc import Callable, Iterator
from operator import itemgetter
from stat import S_ISDIR, S_ISREG
from typing import Any

from . import imaging
from .natural import file_keys, folder_key

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
_EXTS = frozenset(imaging.SUPPORTED_EXTENSIONS)
_REPORT_EVERY = 4096


class Walker:
    """One walk of `root`; after it: `problems` (relpath -> sentence), `blocked` (relpaths of
    folders that could not be listed, "" for the root), `bad_names`, `cancelled`, `found`."""

    def __init__(self, root: str, *, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> None:
        self.root = root
        self.progress = progress
        self.cancel = cancel
        self.problems: dict[str, str] = {}
        self.blocked: list[str] = []
        self.bad_names = 0
        self.found = 0  # image files found so far
        self.cancelled = False
        self.linked_files = 0  # files found under symlinked folders (listed after the rest)
        st = os.stat(root)  # FileNotFoundError / NotADirectoryError reach the caller
        self._visited = {(st.st_dev, st.st_ino)}
        self._linked: list[tuple[str, str]] = []  # (path, relpath prefix) of symlinked folders
        self._next_report = _REPORT_EVERY

    # -- the two walks ------------------------------------------------------------------------
    def stat_walk(self) -> set[tuple[str, int, int]] | None:
        """{(relpath, size, mtime_ns)} of every image file; None when cancelled."""
        found: set[tuple[str, int, int]] = set()
        stack: list[tuple[str, str]] = [(self.root, "")]
        while stack or self._linked:
            if self.stopped():
                return None
            path, prefix = stack.pop() if stack else self._linked.pop(0)
            listing = self._list(path, prefix, stat=True)
            if listing is None:
                continue
            files, subdirs = listing
            found.update(files)
            self._count(len(files))
            # depth first in natural order, as `ordered_walk` goes: a folder reached by two paths
            # is kept under the same one by both walks
            subdirs.sort(key=lambda item: folder_key(item[0]), reverse=True)
            stack.extend((sub, prefix + name + "/") for name, sub in subdirs)
        return found

    def ordered_walk(self) -> Iterator[tuple[str, list[str]]]:
        """(prefix, names) runs of image files in natural order, depth first. Files under
        symlinked folders come last, each such folder in order (`linked_files` counts them);
        `cancelled` is set if the walk stopped early."""
        roots = [(self.root, "")]
        while roots:
            path, prefix = roots.pop(0)
            top = self._sorted_listing(path, prefix)
            stack = [(prefix, iter(top))] if top else []
            while stack:
                if self.stopped():
                    return
                prefix, entries = stack[-1]
                run: list[str] = []
                for _key, name, sub in entries:
                    if sub is None:
                        run.append(name)
                        continue
                    if run:  # the files before this folder
                        yield prefix, run
                        self._count(len(run), linked=path != self.root)
                        run = []
                    listing = self._sorted_listing(sub, prefix + name + "/")
                    if listing:
                        stack.append((prefix + name + "/", iter(listing)))
                        break
                else:
                    stack.pop()
                if run:
                    yield prefix, run
                    self._count(len(run), linked=path != self.root)
            roots.extend(self._linked)
            self._linked.clear()

    # -- one folder ---------------------------------------------------------------------------
    def _sorted_listing(self, path: str, prefix: str) -> list[tuple[str, str, str | None]] | None:
        """The folder's image files and sub-folders as (key, name, sub-folder path or None),
        in natural order."""
        listing = self._list(path, prefix, stat=False)
        if listing is None:
            return None
        files, subdirs = listing
        entries: list[tuple[str, str, str | None]] = [
            (key, name, None) for key, name in zip(file_keys(files), files, strict=True)]
        entries += [(folder_key(name), name, sub) for name, sub in subdirs]
        if len(entries) <= _SORT_RUN:
            entries.sort()
            return entries
        # One sort of 100,000 names holds the GIL for 0.1-0.25 s and so stalls the GUI thread:
        # sort runs of them, then merge the runs in steps the GIL is handed over between (the
        # same order: the keys hold the names, so no two entries compare equal).
        runs = [sorted(entries[i:i + _SORT_RUN]) for i in range(0, len(entries), _SORT_RUN)]
        return list(heapq.merge(*runs))

    def _list(self, path: str, prefix: str, *, stat: bool
              ) -> tuple[list[Any], list[tuple[str, str]]] | None:
        """(files, subdirs) of one folder: files are names, or (relpath, size, mtime_ns) with
        `stat`; subdirs are (name, path), symlinked ones set aside for later. None when the folder
        cannot be listed or was walked already."""
        if prefix and not self._first_visit(path, prefix):
            return None
        exts = _EXTS
        files: list = []
        subdirs: list[tuple[str, str]] = []
        links: list[tuple[str, str]] = []
        try:
            with os.scandir(path) as it:
                for entry in it:
                    name = entry.name
                    if name[0] == ".":
                        continue  # hidden files and folders, the project's .glancelabel included
                    dot = name.rfind(".")
                    try:
                        if dot > 0 and name[dot:].lower() in exts:
                            if stat:
                                est = entry.stat()  # follows links; gives type, size and mtime
                                if S_ISREG(est.st_mode):
                                    files.append((prefix + name, est.st_size, est.st_mtime_ns))
                                    continue
                                if not S_ISDIR(est.st_mode):
                                    continue
                            elif entry.is_file():  # the listing's file type: no stat
                                files.append(name)
                                continue
                            elif not entry.is_dir():
                                continue
                        elif not entry.is_dir():
                            continue
                        (links if entry.is_symlink() else subdirs).append((name, entry.path))
                    except OSError:
                        continue  # vanished while we looked, or a dangling link
        except OSError as exc:
            self._folder_problem(prefix, exc)
            return None
        links.sort(key=lambda item: folder_key(item[0]))  # the same order in both walks
        self._linked.extend((sub, prefix + name + "/") for name, sub in links)
        return self._good_names(prefix, files, stat), subdirs

    def _good_names(self, prefix: str, files: list, stat: bool) -> list:
        """Drop (and report) files whose relpath is not valid UTF-8: SQLite cannot store it.
        `files` holds names, or (relpath, size, mtime_ns) with `stat`."""
        text = "".join(map(itemgetter(0), files)) if stat else "".join(files)
        if text.isascii() and prefix.isascii():
            return files
        good = []
        for f in files:
            relpath = f[0] if stat else prefix + f
            if _encodable(relpath):
                good.append(f)
            else:
                self.bad_names += 1
                self.problems[_printable(relpath)] = (
                    "file name is not valid UTF-8; rename the file to include it")
        return good

    def _first_visit(self, path: str, prefix: str) -> bool:
        try:
            st = os.stat(path)
        except OSError as exc:
            self._folder_problem(prefix, exc)
            return False
        key = (st.st_dev, st.st_ino)
        if key in self._visited:
            log.info("skipping %s: a link to a folder already scanned", prefix)
            return False
        self._visited.add(key)
        return True

    def _folder_problem(self, prefix: str, exc: OSError) -> None:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        log.info("cannot list folder %r: %s", prefix or ".", exc)
        self.problems[_printable(prefix) or "./"] = f"folder cannot be read: {reason}"
        self.blocked.append(prefix)

    def stopped(self) -> bool:
        """Has the cancel event been set? (Then `cancelled` is true too.)"""
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
        return self.cancelled

    def _count(self, n: int, linked: bool = False) -> None:
        self.found += n
        if linked:
            self.linked_files += n
        if self.progress is not None and self.found >= self._next_report:
            self.progress(self.found, 0)
            self._next_report = self.found + _REPORT_EVERY


_SORT_RUN = 4096  # entries sorted in one go (a few ms with the GIL held)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


__all__ = ["Walker"]
