"""Images: the files of the folder and their review state."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence

from ..model import FileState, ImageRecord, ReviewState
from ..review.changes import ChangeSet, RowChange
from .base import StoreBase
from .chunks import in_chunks

# Filters of the image list: name -> SQL condition on `images`.
FILTERS: dict[str, str] = {
    "all": "1",
    "new": "review_state = 'new' AND excluded = 0 AND file_state != 'missing'",
    "done": "review_state = 'done'",
    "labelled": "EXISTS (SELECT 1 FROM annotations a WHERE a.image_id = images.id)",
    "unlabelled": "NOT EXISTS (SELECT 1 FROM annotations a WHERE a.image_id = images.id)"
    " AND file_state != 'missing'",
    "needs_review": "pending > 0",  # kept by triggers on suggestions (migration 4)
    "unreadable": "file_state != 'ok' AND file_state = 'unreadable'",  # != 'ok': partial index
    "missing": "file_state != 'ok' AND file_state = 'missing'",
    "excluded": "excluded = 1",
}


def _record(r: sqlite3.Row) -> ImageRecord:
    return ImageRecord(
        id=r["id"],
        relpath=r["relpath"],
        size=r["size"],
        mtime_ns=r["mtime_ns"],
        width=r["width"],
        height=r["height"],
        orientation=r["orientation"],
        file_state=FileState(r["file_state"]),
        problem=r["problem"],
        review_state=ReviewState(r["review_state"]),
        excluded=bool(r["excluded"]),
        content_hash=r["content_hash"],
    )


class ImagesMixin(StoreBase):
    # -- reading --------------------------------------------------------------------------
    def image(self, image_id: int) -> ImageRecord | None:
        r = self.q1("SELECT * FROM images WHERE id = ?", (image_id,))
        return None if r is None else _record(r)

    def image_by_relpath(self, relpath: str) -> ImageRecord | None:
        r = self.q1("SELECT * FROM images WHERE relpath = ?", (relpath,))
        return None if r is None else _record(r)

    def images(self, ids: Sequence[int]) -> dict[int, ImageRecord]:
        out: dict[int, ImageRecord] = {}
        for chunk, marks in in_chunks(ids):
            for r in self.q(f"SELECT * FROM images WHERE id IN ({marks})", chunk):
                out[r["id"]] = _record(r)
        return out

    def all_images(self) -> list[ImageRecord]:
        return [_record(r) for r in self.q("SELECT * FROM images ORDER BY sort_key, id")]

    def image_ids(self, filter: str = "all", search: str = "") -> list[int]:
        """Ids in display (natural) order, filtered by FILTERS name and a name substring."""
        cond = FILTERS.get(filter)
        if cond is None:
            raise ValueError(f"unknown filter {filter!r}; choose one of {', '.join(FILTERS)}")
        params: list = []
        if search:
            cond = f"({cond}) AND relpath LIKE ? ESCAPE '\\'"
            esc = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{esc}%")
        with self._lock:  # plain tuples: sqlite3.Row objects cost ~1 µs each, 90 ms per 100k
            cur = self._conn.execute(
                f"SELECT id FROM images WHERE {cond} ORDER BY sort_key, id", params)
            cur.row_factory = None
            return [r[0] for r in cur]

    def image_count(self) -> int:
        return self.scalar("SELECT count(*) FROM images")

    def image_index(self) -> dict[str, tuple[int, int, int, str]]:
        """relpath -> (id, size, mtime_ns, file_state), for incremental scans."""
        with self._lock:
            cur = self._conn.execute("SELECT relpath, id, size, mtime_ns, file_state FROM images")
            cur.row_factory = None
            return {r[0]: (r[1], r[2], r[3], r[4]) for r in cur}

    def ids_needing_header(self) -> list[tuple[int, str, bool]]:
        """(id, relpath, needs stat) of images whose header is to be read, in display order;
        `needs stat`: size and mtime were never taken (a new project lists files unstatted)."""
        with self._lock:
            cur = self._conn.execute(
                "SELECT id, relpath, mtime_ns = 0 FROM images"
                " WHERE file_state != 'ok' AND file_state = 'unknown' ORDER BY sort_key, id"
            )
            cur.row_factory = None
            return cur.fetchall()

    def state_counts(self) -> dict[str, int]:
        r = self.q1(
            """SELECT count(*) AS images,
                      sum(review_state = 'new' AND excluded = 0) AS new,
                      sum(review_state = 'done' AND excluded = 0) AS done,
                      sum(excluded = 1) AS excluded,
                      sum(file_state = 'unreadable') AS unreadable,
                      sum(file_state = 'missing') AS missing,
                      sum(file_state = 'unknown') AS unscanned
               FROM images"""
        )
        assert r is not None  # an aggregate has one row
        return {k: int(r[k] or 0) for k in r.keys()}

    # -- scan writes (not user decisions: no events) --------------------------------------
    def add_images(self, rows: Iterable[tuple[str, int, int]]) -> int:
        now = time.time()
        with self.tx() as c:
            cur = c.executemany(
                "INSERT INTO images (relpath, size, mtime_ns, added_at) VALUES (?, ?, ?, ?)",
                ((relpath, size, mtime, now) for relpath, size, mtime in rows),
            )
            return cur.rowcount

    def mark_changed(self, rows: Iterable[tuple[int, int, int]]) -> None:
        """Files whose size or mtime changed: (id, size, mtime_ns); header to be read again."""
        with self.tx() as c:
            c.executemany(
                "UPDATE images SET size = ?, mtime_ns = ?, file_state = 'unknown', problem = NULL,"
                " content_hash = NULL WHERE id = ?",
                ((size, mtime, image_id) for image_id, size, mtime in rows),
            )

    def mark_missing(self, ids: Iterable[int]) -> None:
        with self.tx() as c:
            c.executemany(
                "UPDATE images SET file_state = 'missing' WHERE id = ?", ((i,) for i in ids)
            )

    def set_headers(
        self, rows: Iterable[tuple[int, int | None, int | None, int, str | None, str, str | None]]
    ) -> None:
        """(id, width, height, orientation, format, file_state, problem); sizes are oriented."""
        with self.tx() as c:
            c.executemany(
                "UPDATE images SET width = ?, height = ?, orientation = ?, format = ?,"
                " file_state = ?, problem = ? WHERE id = ?",
                ((w, h, o, f, s, p, i) for i, w, h, o, f, s, p in rows),
            )

    def set_content_hash(self, image_id: int, digest: str) -> None:
        with self.tx() as c:
            c.execute("UPDATE images SET content_hash = ? WHERE id = ?", (digest, image_id))

    def set_sort_keys(self, ordered_ids: Sequence[int]) -> None:
        with self.tx() as c:
            c.executemany(
                "UPDATE images SET sort_key = ? WHERE id = ?",
                ((pos, image_id) for pos, image_id in enumerate(ordered_ids)),
            )

    # -- decisions (undoable) -------------------------------------------------------------
    def _image_field_changes(self, ids: Iterable[int], column: str, value: object) -> list[RowChange]:
        out = []
        ids = list(ids)
        rows = self.rows("images", ids)
        for image_id in ids:
            if image_id not in rows:
                continue
            current = rows[image_id][column]
            if current != value:
                out.append(RowChange("images", image_id, {column: current}, {column: value}))
        return out

    def review_state_changes(self, ids: Iterable[int], state: ReviewState) -> list[RowChange]:
        return self._image_field_changes(ids, "review_state", str(state))

    def set_review_state(self, ids: Sequence[int], state: ReviewState) -> ChangeSet:
        changes = self.review_state_changes(ids, state)
        image_id = ids[0] if len(ids) == 1 else None
        return self.apply(ChangeSet(f"image.{state}", tuple(changes), image_id))

    def set_excluded(self, ids: Sequence[int], excluded: bool) -> ChangeSet:
        changes = self._image_field_changes(ids, "excluded", int(excluded))
        image_id = ids[0] if len(ids) == 1 else None
        verb = "image.exclude" if excluded else "image.include"
        return self.apply(ChangeSet(verb, tuple(changes), image_id))
