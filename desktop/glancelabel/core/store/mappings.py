"""Label mappings: a label the model (or an imported dataset) uses that is not a class, mapped
to a class once (M) and applied to every later answer and import of the project.

A mapping is keyed by the label normalised as class names are matched (case and runs of spaces
ignored). Making, changing and removing one is a change set, so Ctrl+Z takes it back together
with the pending suggestions it re-classed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..i18n import N_
from ..review.changes import ChangeSet, Ref, RowChange
from .base import StoreBase
from .chunks import in_chunks
from .labels import LabelError

# suggestions a mapping re-classes: those still waiting for a decision (duplicates included,
# so a hidden copy keeps the class of the one it duplicates)
_OPEN = ("pending", "duplicate")


def label_key(name: str) -> str:
    """The form labels are compared in: case-folded, spaces collapsed."""
    return " ".join(str(name).split()).casefold()


def apply_table(items: Iterable, table: dict[str, int]) -> list:
    """The items (dataclasses with raw_label and label_id) with the mappings in `table`
    (normalised label -> class id) given to those that have no class."""
    return [
        replace(s, label_id=table[label_key(s.raw_label)])
        if s.label_id is None and label_key(s.raw_label) in table else s
        for s in items
    ]


@dataclass(frozen=True, slots=True)
class LabelMapping:
    id: int
    raw_label: str  # as the model first said it
    label_id: int
    label_name: str


class MappingsMixin(StoreBase):
    def label_mappings(self) -> list[LabelMapping]:
        rows = self.q(
            "SELECT m.id, m.raw_label, m.label_id, l.name FROM label_mappings m"
            " JOIN labels l ON l.id = m.label_id ORDER BY m.raw_key"
        )
        return [LabelMapping(r[0], r[1], r[2], r[3]) for r in rows]

    def mapping_table(self) -> dict[str, int]:
        """Normalised label -> class id, for every mapping."""
        return {r[0]: r[1] for r in self.q("SELECT raw_key, label_id FROM label_mappings")}

    def mapped_label(self, raw_label: str) -> int | None:
        return self.scalar(
            "SELECT label_id FROM label_mappings WHERE raw_key = ?", (label_key(raw_label),)
        )

    def map_label(self, raw_label: str, label_id: int) -> ChangeSet:
        """Map a suggested label to a class from now on, and re-class the pending suggestions
        that carry it (unknown ones, or ones an earlier mapping of it gave a class)."""
        if self.label(label_id) is None:
            raise LabelError(N_("errors", "That class no longer exists."))
        return self.apply(ChangeSet("suggestion.map", tuple(self._mapping_changes(raw_label, label_id)),
                                    meta={"raw_label": raw_label, "label_id": label_id}))

    def add_label_and_map(self, raw_label: str) -> ChangeSet:
        """Add `raw_label` as a new class and map the label to it: one change set, so one
        Ctrl+Z takes back the class, the mapping and the re-classed suggestions together."""
        new = self.new_label_change(raw_label)
        assert new.after is not None  # an insert
        changes = [new, *self._mapping_changes(raw_label, Ref(0))]
        return self.apply(ChangeSet("label.add_and_map", tuple(changes),
                                    meta={"raw_label": raw_label, "name": new.after["name"]}))

    def _mapping_changes(self, raw_label: str, label_id: int) -> list[RowChange]:
        key = label_key(raw_label)
        if not key:
            raise LabelError(N_("errors", "An empty label cannot be mapped."))
        current = self.q1("SELECT * FROM label_mappings WHERE raw_key = ?", (key,))
        changes: list[RowChange] = []
        old = None
        if current is None:
            changes.append(RowChange("label_mappings", None, None, {
                "raw_key": key, "raw_label": " ".join(raw_label.split()), "label_id": label_id,
                "created_at": time.time()}))
        elif current["label_id"] != label_id:
            old = current["label_id"]
            changes.append(RowChange("label_mappings", current["id"], {"label_id": old},
                                     {"label_id": label_id}))
        changes += self._reclass(key, old, label_id)
        return changes

    def remove_label_mapping(self, mapping_id: int) -> ChangeSet:
        """Forget a mapping: later answers keep the label unknown again, and the pending
        suggestions it gave a class become unknown again (a person's own choice stays)."""
        current = self.row("label_mappings", mapping_id)
        if current is None:
            raise LabelError(N_("errors", "That mapping no longer exists."))
        changes = [RowChange("label_mappings", mapping_id, current, None)]
        changes += self._reclass(current["raw_key"], current["label_id"], None)
        return self.apply(ChangeSet("mapping.remove", tuple(changes),
                                    meta={"raw_label": current["raw_label"]}))

    def unclassed_with(self, cs: ChangeSet) -> ChangeSet:
        """`cs` with the classes it deletes taken off the open suggestions a mapping gave them
        after `cs` was made (a batch run's later answers, when "Add as a new class" is undone):
        they become unknown again with the class, and the delete does not fail on them."""
        gone = [ch.id for ch in cs.changes
                if ch.table == "labels" and ch.after is None and ch.id is not None]
        if not gone:
            return cs
        covered = {ch.id for ch in cs.changes if ch.table == "suggestions"}
        marks = ",".join("?" * len(_OPEN))
        extra: list[RowChange] = []
        for chunk, qs in in_chunks(gone):
            for sid, label_id, orig in self.q(
                f"SELECT id, label_id, orig_label_id FROM suggestions WHERE state IN ({marks})"
                f" AND label_id IN ({qs}) AND orig_label_id IS label_id", (*_OPEN, *chunk),
            ):
                if sid not in covered:
                    extra.append(RowChange("suggestions", sid,
                                           {"label_id": label_id, "orig_label_id": orig},
                                           {"label_id": None, "orig_label_id": None}))
        return cs.with_changes((*extra, *cs.changes)) if extra else cs

    def _reclass(self, key: str, old: int | None, new: int | None) -> list[RowChange]:
        """Re-class the open suggestions with this label whose class is `old` (None: unknown)
        and was not chosen by a person (their original class is the same)."""
        marks = ",".join("?" * len(_OPEN))
        raws = [r[0] for r in self.q(
            f"SELECT DISTINCT raw_label FROM suggestions WHERE state IN ({marks})", _OPEN)
            if label_key(r[0]) == key]
        changes: list[RowChange] = []
        for chunk, qs in in_chunks(raws):
            for sid, label_id, orig in self.q(
                f"SELECT id, label_id, orig_label_id FROM suggestions WHERE state IN ({marks})"
                f" AND raw_label IN ({qs}) AND label_id IS ? AND orig_label_id IS ?",
                (*_OPEN, *chunk, old, old),
            ):
                changes.append(RowChange("suggestions", sid,
                                         {"label_id": label_id, "orig_label_id": orig},
                                         {"label_id": new, "orig_label_id": new}))
        return changes
