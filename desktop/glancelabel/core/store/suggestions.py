"""Suggestions from a model (or an imported dataset) and the decisions people make on them."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import EllipsisType
from typing import Any

from ..geometry import iou
from ..i18n import N_
from ..model import Box, Kind, ReviewState, Suggestion, SuggestionState
from ..review.changes import ChangeSet, Ref, RowChange
from .annotations import AnnotationError, annotation_row
from .base import StoreBase, inserted_id, pairs
from .chunks import in_chunks
from .mappings import apply_table, label_key


@dataclass(frozen=True, slots=True)
class NewSuggestion:
    """A suggestion to store: what a provider or an import produced, boxes in the displayed frame."""

    kind: Kind
    raw_label: str
    label_id: int | None
    box: Box | None = None
    text: str | None = None
    confidence: float | None = None
    rationale: str = ""


def _suggestion(r: sqlite3.Row) -> Suggestion:
    box = None if r["x"] is None else Box(r["x"], r["y"], r["w"], r["h"])
    return Suggestion(
        id=r["id"], run_id=r["run_id"], image_id=r["image_id"], kind=Kind(r["kind"]),
        raw_label=r["raw_label"], label_id=r["label_id"], box=box, text=r["text"],
        confidence=r["confidence"], rationale=r["rationale"], state=SuggestionState(r["state"]),
        decided_by=r["decided_by"], annotation_id=r["annotation_id"],
    )


def _proposed(s: dict[str, Any]) -> tuple[int | None, Box | None]:
    """The class and box the model proposed (schema 6 keeps them in orig_label_id, ox..oh; a row
    without them has not been edited while pending)."""
    if s.get("ox") is not None or s.get("orig_label_id") is not None:
        box = None if s["ox"] is None else Box(s["ox"], s["oy"], s["ow"], s["oh"])
        return s["orig_label_id"], box
    return s["label_id"], None if s["x"] is None else Box(s["x"], s["y"], s["w"], s["h"])


class SuggestionsMixin(StoreBase):
    def suggestions(self, image_id: int, *, states: Iterable[str] | None = None) -> list[Suggestion]:
        """The image's suggestions in the given states (default: all but hidden duplicates)."""
        sql = "SELECT * FROM suggestions WHERE image_id = ?"
        params: list = [image_id]
        if states is None:
            sql += " AND state != 'duplicate'"
        else:
            states = list(states)
            sql += f" AND state IN ({','.join('?' * len(states))})"
            params += states
        return [_suggestion(r) for r in self.q(sql + " ORDER BY id", params)]

    def suggestion(self, sid: int) -> Suggestion | None:
        r = self.q1("SELECT * FROM suggestions WHERE id = ?", (sid,))
        return None if r is None else _suggestion(r)

    def add_suggestions(
        self, run_id: int | None, image_id: int, items: Sequence[NewSuggestion]
    ) -> list[int]:
        """Store a model's suggestions for one image (not a user decision: no event), with the
        project's label mappings applied and duplicates marked (see `insert_suggestions`)."""
        with self.tx() as c:
            return insert_suggestions(c, run_id, image_id, items)

    def duplicate_count(self, run_id: int) -> int:
        """Suggestions of a run hidden as duplicates (not those merged into an agreed one by a
        two-model consensus, which are hidden the same way)."""
        return self.scalar(
            "SELECT count(*) FROM suggestions WHERE run_id = ? AND state = 'duplicate'"
            " AND agreed_id IS NULL", (run_id,)
        )

    def duplicates_among(self, ids: Sequence[int]) -> int:
        """How many of these suggestions are hidden duplicates."""
        return sum(
            self.scalar(f"SELECT count(*) FROM suggestions WHERE state = 'duplicate'"
                        f" AND id IN ({marks})", chunk)
            for chunk, marks in in_chunks(ids)
        )

    def hide_duplicates(self, run_id: int) -> int:
        """Mark the run's pending suggestions that repeat what their image held before (see
        `insert_suggestions`) as duplicates, for runs written in bulk (imports). Returns how
        many; only images holding annotations or the same model's suggestions are read. The
        reads take no write lock (the window's decisions go on meanwhile); the marking is one
        short transaction that leaves alone a suggestion decided since."""
        with self._lock:
            c = self._conn
            images = [r[0] for r in c.execute(
                "SELECT DISTINCT s.image_id FROM suggestions s WHERE s.run_id = ? AND ("
                " EXISTS (SELECT 1 FROM annotations a WHERE a.image_id = s.image_id) OR"
                " EXISTS (SELECT 1 FROM suggestions o JOIN runs r ON r.id = o.run_id"
                "  JOIN runs me ON me.id = s.run_id WHERE o.image_id = s.image_id"
                "  AND o.run_id != s.run_id AND o.state = 'pending'"
                "  AND r.provider = me.provider AND r.model = me.model))", (run_id,))]
            ids: list[int] = []
            for image_id in images:
                rows = c.execute(
                    "SELECT id, kind, raw_label, label_id, x, y, w, h FROM suggestions"
                    " WHERE run_id = ? AND image_id = ? AND state = 'pending' ORDER BY id",
                    (run_id, image_id)).fetchall()
                items = [NewSuggestion(Kind(r[1]), r[2], r[3],
                                       None if r[4] is None else Box(r[4], r[5], r[6], r[7]))
                         for r in rows]
                flags = _duplicates(c, run_id, image_id, items, other_runs=True)
                ids += [r[0] for r, dup in zip(rows, flags, strict=True) if dup]
        hidden = 0
        with self.tx() as c:
            for chunk, marks in in_chunks(ids):
                hidden += c.execute(f"UPDATE suggestions SET state = 'duplicate' WHERE id IN"
                                    f" ({marks}) AND state = 'pending'", chunk).rowcount
        return hidden

    def suggestion_counts(self) -> dict[str, int]:
        rows = pairs(self.q("SELECT state, count(*) FROM suggestions GROUP BY state"))
        counts = {state: int(rows.get(state, 0)) for state in ("pending", "rejected", "edited")}
        counts["accepted"] = int(rows.get("accepted", 0)) + counts["edited"]
        return counts

    def pending_counts(self, image_ids: Sequence[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for chunk, marks in in_chunks(image_ids):
            out.update(pairs(
                self.q(
                    f"SELECT image_id, count(*) FROM suggestions WHERE state = 'pending'"
                    f" AND image_id IN ({marks}) GROUP BY image_id",
                    chunk,
                )
            ))
        return out

    # -- decisions ------------------------------------------------------------------------
    def _accept_changes(
        self,
        sid: int,
        decided_by: str,
        box: Box | None = None,
        label_id: int | None | EllipsisType = ...,
        audit_id: int | None = None,
        position: int = 0,
        row: dict | None = None,
    ) -> list[RowChange]:
        """The changes that accept one suggestion; `position` is where its annotation insert will
        stand in the change set (the suggestion refers to the new annotation's id through it)."""
        s = row if row is not None else self.row("suggestions", sid)
        if s is None or s["state"] != "pending":
            return []
        final_label = s["label_id"] if label_id is ... else label_id
        if final_label is None:
            raise AnnotationError(N_("errors", "The suggested label {label!r} is not a class yet: "
                                     "map it first (M)."), label=s["raw_label"])
        current = None if s["x"] is None else Box(s["x"], s["y"], s["w"], s["h"])
        final_box = current if box is None else self._fit(s["image_id"], box)
        edited = (final_label, final_box) != _proposed(s)
        ann = annotation_row(
            s["image_id"], final_label, final_box, kind=Kind(s["kind"]), text=s["text"],
            source="suggestion", suggestion_id=sid,
        )
        before = {"state": "pending", "decided_by": s["decided_by"], "decided_at": s["decided_at"],
                  "audit_id": s["audit_id"], "annotation_id": s["annotation_id"]}
        after = {"state": "edited" if edited else "accepted", "decided_by": decided_by,
                 "decided_at": time.time(), "audit_id": audit_id if audit_id else s["audit_id"],
                 "annotation_id": Ref(position)}
        return [
            RowChange("annotations", None, None, ann),
            RowChange("suggestions", sid, before, after),
        ]

    def accept_suggestions(
        self,
        ids: Sequence[int],
        *,
        decided_by: str = "person",
        box: Box | None = None,
        label_id: int | None | EllipsisType = ...,
        audit_id: int | None = None,
        mark_done: bool = False,
        verb: str = "suggestion.accept",
    ) -> ChangeSet:
        """Accept pending suggestions (with a changed box or class: recorded as edited)."""
        # all annotation inserts first, then all suggestion updates: runs of one statement each
        inserts: list[RowChange] = []
        updates: list[RowChange] = []
        image_ids: set[int] = set()
        # read the rows inside the write transaction: another process deciding the same
        # suggestions must not slip in between the "still pending?" check and the write
        with self.decision():
            rows = self.rows("suggestions", ids)
            for sid in ids:
                if sid not in rows:
                    continue
                ch = self._accept_changes(
                    sid, decided_by, box, label_id, audit_id, len(inserts), row=rows[sid]
                )
                if ch:
                    assert ch[0].after is not None  # an insert
                    image_ids.add(ch[0].after["image_id"])
                    inserts.append(ch[0])
                    updates.append(ch[1])
            changes = inserts + updates
            if mark_done:
                changes.extend(self.review_state_changes(sorted(image_ids), ReviewState.DONE))
            image_id = next(iter(image_ids)) if len(image_ids) == 1 else None
            return self.apply(ChangeSet(verb, tuple(changes), image_id))

    def reject_suggestions(
        self, ids: Sequence[int], *, decided_by: str = "person", mark_done: bool = False
    ) -> ChangeSet:
        changes: list[RowChange] = []
        image_ids: set[int] = set()
        now = time.time()
        with self.decision():  # read and write in one transaction (see accept_suggestions)
            rows = self.rows("suggestions", ids)
            for sid in ids:
                s = rows.get(sid)
                if s is None or s["state"] != "pending":
                    continue
                image_ids.add(s["image_id"])
                changes.append(
                    RowChange(
                        "suggestions", sid,
                        {"state": "pending", "decided_by": s["decided_by"],
                         "decided_at": s["decided_at"]},
                        {"state": "rejected", "decided_by": decided_by, "decided_at": now},
                    )
                )
            if mark_done:
                changes.extend(self.review_state_changes(sorted(image_ids), ReviewState.DONE))
            image_id = next(iter(image_ids)) if len(image_ids) == 1 else None
            return self.apply(ChangeSet("suggestion.reject", tuple(changes), image_id))

    def edit_suggestion(
        self, sid: int, *, label_id: int | None | EllipsisType = ..., box: Box | None = None
    ) -> ChangeSet:
        """Change a pending suggestion's class (1-9, L) or box (drag, resize, nudge) and nothing
        else: it stays pending until accepted. The model's proposal stays in orig_label_id and
        ox..oh (schema 6), so accepting compares the suggestion as it is then with what the model
        said and records it as "edited" when they differ. One undoable step ("suggestion.edit")."""
        s = self.row("suggestions", sid)
        if s is None or s["state"] != "pending":
            raise AnnotationError(N_("errors", "That suggestion is already decided."))
        before, after = self.box_and_class_change(s, box, label_id)
        if not after:
            return ChangeSet("suggestion.edit", ())
        change = RowChange("suggestions", sid, before, after)
        return self.apply(ChangeSet("suggestion.edit", (change,), s["image_id"]))


# -- storing new suggestions (every path: the I key, batches, Batch APIs, the store API) ------
DUPLICATE_IOU = 0.9


def _same_box(a: Box | None, b: Box | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return iou(a, b) >= DUPLICATE_IOU


def _class_key(label_id: int | None, raw_label: str) -> tuple:
    return ("id", label_id) if label_id is not None else ("raw", label_key(raw_label))


def _duplicates(c: sqlite3.Connection, run_id: int | None, image_id: int, items: Sequence[NewSuggestion],
                *, other_runs: bool = False) -> list[bool]:
    """Which items duplicate what the image holds: an annotation of the same class, or a
    pending suggestion of the same class from the same provider and model (boxes IoU >= 0.9);
    `other_runs`: only suggestions of other runs count (the items are stored already)."""
    held: list[tuple[tuple, str, Box | None]] = [
        (("id", r[0]), r[1], None if r[2] is None else Box(r[2], r[3], r[4], r[5]))
        for r in c.execute(
            "SELECT label_id, kind, x, y, w, h FROM annotations WHERE image_id = ?", (image_id,)
        )
    ]
    if run_id is not None:
        held += [
            (_class_key(r[0], r[1]), r[2], None if r[3] is None else Box(r[3], r[4], r[5], r[6]))
            for r in c.execute(
                "SELECT s.label_id, s.raw_label, s.kind, s.x, s.y, s.w, s.h FROM suggestions s"
                " JOIN runs r ON r.id = s.run_id JOIN runs me ON me.id = ?"
                " WHERE s.image_id = ? AND s.state = 'pending'"
                " AND r.provider = me.provider AND r.model = me.model"
                + (" AND s.run_id != me.id" if other_runs else ""),
                (run_id, image_id),
            )
        ]
    if not held:
        return [False] * len(items)
    return [
        any(key == _class_key(s.label_id, s.raw_label) and kind == str(s.kind)
            and _same_box(box, s.box) for key, kind, box in held)
        for s in items
    ]


def insert_suggestions(c: sqlite3.Connection, run_id: int | None, image_id: int,
                       items: Sequence[NewSuggestion]) -> list[int]:
    """Insert one image's new suggestions inside the caller's transaction: labels the project
    maps are given their class, and duplicates are stored as state 'duplicate' (hidden from
    review, kept for the run's quality figures). Returns the ids of all rows inserted."""
    if not items:
        return []
    table = {r[0]: r[1] for r in c.execute("SELECT raw_key, label_id FROM label_mappings")}
    if table:
        items = apply_table(items, table)
    dup = _duplicates(c, run_id, image_id, items)
    ids = []
    for s, is_dup in zip(items, dup, strict=True):
        b = s.box
        cur = c.execute(
            "INSERT INTO suggestions (run_id, image_id, kind, raw_label, label_id, x, y, w, h,"
            " text, confidence, rationale, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                run_id, image_id, str(s.kind), s.raw_label, s.label_id,
                None if b is None else b.x, None if b is None else b.y,
                None if b is None else b.w, None if b is None else b.h,
                s.text, s.confidence, s.rationale, "duplicate" if is_dup else "pending",
            ),
        )
        ids.append(inserted_id(cur))
    return ids
