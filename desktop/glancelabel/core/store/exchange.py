"""Bulk reads and writes for exports and imports (datasets of 100,000 images and millions of boxes).

Reads return plain tuples (no Row objects) in one query each. Imports insert in one transaction and
log one event with what they did (images marked done, the id range of the rows they added).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import orjson


class ExchangeMixin:
    def _tuples(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            cur = self._conn.execute(sql, params)
            cur.row_factory = None
            return cur.fetchall()

    # -- reads for export ---------------------------------------------------------------------
    def export_image_rows(self) -> list[tuple]:
        """(id, relpath, width, height, orientation, file_state, review_state, excluded),
        in display order. Width and height are the oriented ones."""
        return self._tuples(
            "SELECT id, relpath, width, height, orientation, file_state, review_state, excluded"
            " FROM images ORDER BY sort_key, id"
        )

    def export_box_rows(self) -> list[tuple]:
        """(image_id, id, label_id, x, y, w, h) of every box annotation, by image then id."""
        return self._tuples(
            "SELECT image_id, id, label_id, x, y, w, h FROM annotations"
            " WHERE kind = 'box' AND x IS NOT NULL ORDER BY image_id, id"
        )

    def export_tag_rows(self) -> list[tuple]:
        """(image_id, id, label_id, text) of every image-level tag, by image then id."""
        return self._tuples(
            "SELECT image_id, id, label_id, text FROM annotations"
            " WHERE kind = 'tag' ORDER BY image_id, id"
        )

    def export_suggestion_rows(self, states: Iterable[str] | None = None) -> list[tuple]:
        """(image_id, id, kind, raw_label, label_id, x, y, w, h, text, confidence, state,
        provider, model, run_id, rationale), by image then id."""
        sql = (
            "SELECT s.image_id, s.id, s.kind, s.raw_label, s.label_id, s.x, s.y, s.w, s.h, s.text,"
            " s.confidence, s.state, r.provider, r.model, s.run_id, s.rationale"
            " FROM suggestions s LEFT JOIN runs r ON r.id = s.run_id"
        )
        params: list = []
        if states is not None:
            states = list(states)
            sql += f" WHERE s.state IN ({','.join('?' * len(states))})"
            params = states
        return self._tuples(sql + " ORDER BY s.image_id, s.id", params)

    def annotation_keys(self) -> list[tuple]:
        """(image_id, label_id, kind, x, y, w, h) of every annotation, to skip duplicates on import."""
        return self._tuples("SELECT image_id, label_id, kind, x, y, w, h FROM annotations")

    # -- writes for import ----------------------------------------------------------------------
    def import_annotations(
        self,
        rows: Sequence[tuple],
        done_ids: Iterable[int],
        meta: dict | None = None,
    ) -> tuple[int, list[int]]:
        """Insert annotations (image_id, label_id, kind, x, y, w, h, text) with source 'import'
        and mark `done_ids` done, in one transaction logged as one event.

        Returns (rows added, ids of images that changed to done)."""
        now = time.time()
        with self.tx() as c:
            before = c.execute("SELECT coalesce(max(id), 0) FROM annotations").fetchone()[0]
            c.executemany(
                "INSERT INTO annotations (image_id, label_id, kind, x, y, w, h, text, source,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,'import',?,?)",
                ((*r, now, now) for r in rows),
            )
            after = c.execute("SELECT coalesce(max(id), 0) FROM annotations").fetchone()[0]
            changed = self._mark_done_bulk(c, done_ids, now)
            self._log_import(c, "import.annotations", changed, {
                **(meta or {}), "annotations": [before + 1, after] if after > before else [],
            })
        return after - before, changed

    def import_suggestions(
        self, run_id: int, rows: Sequence[tuple], meta: dict | None = None
    ) -> int:
        """Insert suggestions (image_id, kind, raw_label, label_id, x, y, w, h, text, confidence,
        rationale) of one run, pending, in one transaction."""
        with self.tx() as c:
            before = c.execute("SELECT coalesce(max(id), 0) FROM suggestions").fetchone()[0]
            c.executemany(
                "INSERT INTO suggestions (run_id, image_id, kind, raw_label, label_id, x, y, w, h,"
                " text, confidence, rationale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                ((run_id, *r) for r in rows),
            )
            after = c.execute("SELECT coalesce(max(id), 0) FROM suggestions").fetchone()[0]
            self._log_import(c, "import.suggestions", [], {
                **(meta or {}), "run_id": run_id,
                "suggestions": [before + 1, after] if after > before else [],
            })
        return after - before

    def _mark_done_bulk(self, c, ids: Iterable[int], now: float) -> list[int]:
        ids = sorted(set(ids))
        changed: list[int] = []
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks = ",".join("?" * len(chunk))
            changed += [r[0] for r in c.execute(
                f"SELECT id FROM images WHERE review_state != 'done' AND id IN ({marks})", chunk
            )]
        c.executemany(
            "UPDATE images SET review_state = 'done', reviewed_at = ? WHERE id = ?",
            ((now, i) for i in changed),
        )
        return changed

    def _log_import(self, c, verb: str, done_ids: list[int], meta: dict) -> None:
        changes = [["images", i, {"review_state": "new"}, {"review_state": "done"}]
                   for i in done_ids]
        c.execute(
            "INSERT INTO events (at, verb, image_id, changes) VALUES (?, ?, NULL, ?)",
            (time.time(), verb, orjson.dumps({"meta": meta, "changes": changes}).decode()),
        )

    # -- bulk rows for benchmarks and tests (no files needed) --------------------------------
    def insert_image_rows(self, rows: Iterable[tuple]) -> None:
        """(relpath, width, height, orientation, review_state) as readable images."""
        now = time.time()
        with self.tx() as c:
            start = c.execute("SELECT coalesce(max(sort_key), -1) + 1 FROM images").fetchone()[0]
            c.executemany(
                "INSERT INTO images (relpath, sort_key, size, mtime_ns, width, height, orientation,"
                " format, file_state, review_state, added_at)"
                " VALUES (?, ?, 0, 0, ?, ?, ?, 'JPEG', 'ok', ?, ?)",
                ((rel, start + i, w, h, o, state, now)
                 for i, (rel, w, h, o, state) in enumerate(rows)),
            )

    def insert_box_rows(self, rows: Iterable[tuple]) -> None:
        """(image_id, label_id, x, y, w, h) as manual box annotations."""
        now = time.time()
        with self.tx() as c:
            c.executemany(
                "INSERT INTO annotations (image_id, label_id, kind, x, y, w, h, source, created_at,"
                " updated_at) VALUES (?, ?, 'box', ?, ?, ?, ?, 'manual', ?, ?)",
                ((*r, now, now) for r in rows),
            )
