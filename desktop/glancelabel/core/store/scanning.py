"""SQL the folder scan needs beyond images.py: ordered inserts and sparse sort-key updates."""

from __future__ import annotations

import time
from collections.abc import Iterable


class ScanningMixin:
    def add_images_at(self, rows: Iterable[tuple[str, int, int, int]]) -> int:
        """Insert new images as (relpath, size, mtime_ns, sort_key); returns how many."""
        now = time.time()
        with self.tx() as c:
            cur = c.executemany(
                "INSERT INTO images (relpath, size, mtime_ns, sort_key, added_at)"
                " VALUES (?, ?, ?, ?, ?)",
                ((relpath, size, mtime, key, now) for relpath, size, mtime, key in rows),
            )
            return cur.rowcount

    def sort_index(self) -> list[tuple[int, str, int]]:
        """(id, relpath, sort_key) of every image, in no particular order."""
        with self._lock:
            cur = self._conn.execute("SELECT id, relpath, sort_key FROM images")
            cur.row_factory = None
            return cur.fetchall()

    def update_sort_keys(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Set sort_key for (id, sort_key) pairs: only the rows whose position changed."""
        with self.tx() as c:
            c.executemany(
                "UPDATE images SET sort_key = ? WHERE id = ?", ((key, i) for i, key in pairs)
            )

    def unreadable_problems(self) -> dict[str, str]:
        """relpath -> reason for every image the last scan could not read."""
        with self._lock:
            cur = self._conn.execute(
                "SELECT relpath, problem FROM images WHERE file_state = 'unreadable'"
                " ORDER BY sort_key, id"
            )
            cur.row_factory = None
            return {r[0]: r[1] or "unreadable" for r in cur}

    def file_state_count(self, state: str) -> int:
        return self.scalar("SELECT count(*) FROM images WHERE file_state = ?", (state,))
