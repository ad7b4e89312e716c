"""Annotations: the truth. Boxes and image-level tags, manual or from accepted suggestions."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from types import EllipsisType

from ..errors import GlanceLabelError
from ..geometry import clamp_box, is_degenerate, normalized
from ..i18n import N_
from ..model import Annotation, Box, Kind, ReviewState
from ..review.changes import ChangeSet, RowChange
from .base import StoreBase


class AnnotationError(GlanceLabelError, ValueError):
    pass


def _annotation(r: sqlite3.Row) -> Annotation:
    box = None if r["x"] is None else Box(r["x"], r["y"], r["w"], r["h"])
    return Annotation(
        r["id"], r["image_id"], r["label_id"], Kind(r["kind"]), box, r["text"], r["source"],
        r["suggestion_id"],
    )


def annotation_row(
    image_id: int,
    label_id: int | None,
    box: Box | None,
    *,
    kind: Kind = Kind.BOX,
    text: str | None = None,
    source: str = "manual",
    suggestion_id: int | None = None,
) -> dict:
    now = time.time()
    return {
        "image_id": image_id,
        "label_id": label_id,
        "kind": str(kind),
        "x": None if box is None else box.x,
        "y": None if box is None else box.y,
        "w": None if box is None else box.w,
        "h": None if box is None else box.h,
        "text": text,
        "source": source,
        "suggestion_id": suggestion_id,
        "created_at": now,
        "updated_at": now,
    }


class AnnotationsMixin(StoreBase):
    def annotations(self, image_id: int) -> list[Annotation]:
        return [
            _annotation(r)
            for r in self.q("SELECT * FROM annotations WHERE image_id = ? ORDER BY id", (image_id,))
        ]

    def annotation(self, ann_id: int) -> Annotation | None:
        r = self.q1("SELECT * FROM annotations WHERE id = ?", (ann_id,))
        return None if r is None else _annotation(r)

    def annotation_counts(self) -> dict[str | None, int]:
        """Boxes and tags per class name (None for annotations without a class)."""
        rows = self.q(
            "SELECT l.name, count(*) FROM annotations a LEFT JOIN labels l ON l.id = a.label_id"
            " GROUP BY a.label_id ORDER BY l.position"
        )
        return {r[0]: r[1] for r in rows}

    def _fit(self, image_id: int, box: Box) -> Box:
        img = self.image(image_id)
        if img is None:
            raise AnnotationError(N_("errors", "That image is not in the project."))
        box = normalized(box)
        if img.width and img.height:
            box = clamp_box(box, img.width, img.height)
        if is_degenerate(box):
            raise AnnotationError(N_("errors", "A box needs at least one pixel of width and height."))
        return box

    def _mark_done(self, image_id: int, mark_done: bool = True) -> list[RowChange]:
        return self.review_state_changes([image_id], ReviewState.DONE) if mark_done else []

    def unclassed_box_images(self) -> set[int]:
        """Images holding a box without a class: exports leave them out rather than write them
        as background images (a hidden object would become a wrong negative)."""
        return {r[0] for r in self.q(
            "SELECT DISTINCT image_id FROM annotations WHERE kind = 'box' AND label_id IS NULL")}

    # The verbs that add annotations take `mark_done`: scripts and imports that build a reviewed
    # dataset keep the default (the image is done); the window passes False, because there done
    # is the person's explicit decision (Space, X, 0, or D after deciding or editing with nothing
    # left pending).
    def add_box(self, image_id: int, label_id: int | None, box: Box, *,
                mark_done: bool = True) -> ChangeSet:
        """Add a box drawn by hand (with `mark_done`, the image becomes done too)."""
        row = annotation_row(image_id, label_id, self._fit(image_id, box))
        changes = [RowChange("annotations", None, None, row), *self._mark_done(image_id, mark_done)]
        return self.apply(ChangeSet("annotation.add", tuple(changes), image_id))

    def add_boxes(self, image_id: int, items: Sequence[tuple[int | None, Box]],
                  verb: str = "annotation.paste", *, mark_done: bool = True) -> ChangeSet:
        changes: list[RowChange] = []
        for label_id, box in items:
            try:
                fitted = self._fit(image_id, box)
            except AnnotationError:
                continue  # a pasted box that falls outside a smaller image
            changes.append(RowChange("annotations", None, None, annotation_row(image_id, label_id, fitted)))
        if changes:
            changes.extend(self._mark_done(image_id, mark_done))
        return self.apply(ChangeSet(verb, tuple(changes), image_id))

    def add_tag(self, image_id: int, label_id: int, *, mark_done: bool = True) -> ChangeSet:
        exists = self.scalar(
            "SELECT id FROM annotations WHERE image_id = ? AND kind = 'tag' AND label_id = ?",
            (image_id, label_id),
        )
        if exists is not None:
            return ChangeSet("annotation.tag", ())
        row = annotation_row(image_id, label_id, None, kind=Kind.TAG)
        changes = [RowChange("annotations", None, None, row), *self._mark_done(image_id, mark_done)]
        return self.apply(ChangeSet("annotation.tag", tuple(changes), image_id))

    def box_and_class_change(
        self, current: dict, box: Box | None, label_id: int | None | EllipsisType
    ) -> tuple[dict, dict]:
        """(before, after) of the fields a new box (fitted to the image) and a new class change
        in a box row (an annotation or a suggestion); both empty when nothing changes."""
        after: dict = {}
        if box is not None:
            fitted = self._fit(current["image_id"], box)
            after.update(x=fitted.x, y=fitted.y, w=fitted.w, h=fitted.h)
        if label_id is not ...:
            after["label_id"] = label_id
        after = {k: v for k, v in after.items() if current[k] != v}
        return {k: current[k] for k in after}, after

    def update_annotation(
        self, ann_id: int, *, box: Box | None = None, label_id: int | None | EllipsisType = ...,
        mark_done: bool = False,
    ) -> ChangeSet:
        """A new box or class for an annotation. Changing what is there does not finish the
        image (no caller builds a dataset this way), unless `mark_done`."""
        current = self.row("annotations", ann_id)
        if current is None:
            raise AnnotationError(N_("errors", "That annotation no longer exists."))
        before, after = self.box_and_class_change(current, box, label_id)
        if not after:
            return ChangeSet("annotation.update", ())
        before["updated_at"], after["updated_at"] = current["updated_at"], time.time()
        image_id = current["image_id"]
        changes = [RowChange("annotations", ann_id, before, after),
                   *self._mark_done(image_id, mark_done)]
        return self.apply(ChangeSet("annotation.update", tuple(changes), image_id))

    def delete_annotations(self, ids: Sequence[int]) -> ChangeSet:
        changes: list[RowChange] = []
        image_ids = set()
        for ann_id in ids:
            current = self.row("annotations", ann_id)
            if current is None:
                continue
            image_ids.add(current["image_id"])
            changes.append(RowChange("annotations", ann_id, current, None))
            # an accepted suggestion whose annotation is deleted counts as rejected after all
            sid = current["suggestion_id"]
            if sid is not None:
                s = self.row("suggestions", sid)
                if s is not None and s["annotation_id"] == ann_id:
                    changes.append(
                        RowChange(
                            "suggestions", sid,
                            {"state": s["state"], "annotation_id": ann_id},
                            {"state": "rejected", "annotation_id": None},
                        )
                    )
        image_id = next(iter(image_ids)) if len(image_ids) == 1 else None
        return self.apply(ChangeSet("annotation.delete", tuple(changes), image_id))
