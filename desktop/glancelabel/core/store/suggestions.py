"""Suggestions from a model (or an imported dataset) and the decisions people make on them."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..changes import ChangeSet, Ref, RowChange
from ..model import Box, Kind, ReviewState, Suggestion, SuggestionState
from .annotations import AnnotationError, annotation_row
from .chunks import in_chunks


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


def _suggestion(r) -> Suggestion:
    box = None if r["x"] is None else Box(r["x"], r["y"], r["w"], r["h"])
    return Suggestion(
        id=r["id"], run_id=r["run_id"], image_id=r["image_id"], kind=Kind(r["kind"]),
        raw_label=r["raw_label"], label_id=r["label_id"], box=box, text=r["text"],
        confidence=r["confidence"], rationale=r["rationale"], state=SuggestionState(r["state"]),
        decided_by=r["decided_by"], annotation_id=r["annotation_id"],
    )


class SuggestionsMixin:
    def suggestions(self, image_id: int, *, states: Iterable[str] | None = None) -> list[Suggestion]:
        sql = "SELECT * FROM suggestions WHERE image_id = ?"
        params: list = [image_id]
        if states is not None:
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
        """Store a model's suggestions for one image (not a user decision: no event)."""
        ids = []
        with self.tx() as c:
            for s in items:
                b = s.box
                cur = c.execute(
                    "INSERT INTO suggestions (run_id, image_id, kind, raw_label, label_id, x, y, w, h,"
                    " text, confidence, rationale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        run_id, image_id, str(s.kind), s.raw_label, s.label_id,
                        None if b is None else b.x, None if b is None else b.y,
                        None if b is None else b.w, None if b is None else b.h,
                        s.text, s.confidence, s.rationale,
                    ),
                )
                ids.append(cur.lastrowid)
        return ids

    def suggestion_counts(self) -> dict[str, int]:
        rows = dict(self.q("SELECT state, count(*) FROM suggestions GROUP BY state"))
        counts = {state: int(rows.get(state, 0)) for state in ("pending", "rejected", "edited")}
        counts["accepted"] = int(rows.get("accepted", 0)) + counts["edited"]
        return counts

    def pending_counts(self, image_ids: Sequence[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for chunk, marks in in_chunks(image_ids):
            out.update(
                self.q(
                    f"SELECT image_id, count(*) FROM suggestions WHERE state = 'pending'"
                    f" AND image_id IN ({marks}) GROUP BY image_id",
                    chunk,
                )
            )
        return out

    # -- decisions ------------------------------------------------------------------------
    def _accept_changes(
        self,
        sid: int,
        decided_by: str,
        box: Box | None = None,
        label_id: int | None | type(...) = ...,
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
            raise AnnotationError(
                f"The suggested label {s['raw_label']!r} is not a class yet: map it first (M)."
            )
        original = None if s["x"] is None else Box(s["x"], s["y"], s["w"], s["h"])
        final_box = original if box is None else self._fit(s["image_id"], box)
        edited = final_label != s["label_id"] or final_box != original
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
        label_id: int | None | type(...) = ...,
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
        with self.tx():
            rows = self.rows("suggestions", ids)
            for sid in ids:
                if sid not in rows:
                    continue
                ch = self._accept_changes(
                    sid, decided_by, box, label_id, audit_id, len(inserts), row=rows[sid]
                )
                if ch:
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
        with self.tx():  # read and write in one transaction (see accept_suggestions)
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

    def map_label(self, raw_label: str, label_id: int) -> ChangeSet:
        """Map every pending unknown suggestion with this raw label to a class."""
        rows = self.q(
            "SELECT id FROM suggestions WHERE raw_label = ? AND label_id IS NULL AND state = 'pending'",
            (raw_label,),
        )
        changes = tuple(
            RowChange("suggestions", r[0], {"label_id": None}, {"label_id": label_id}) for r in rows
        )
        return self.apply(ChangeSet("suggestion.map", changes, meta={"raw_label": raw_label}))
