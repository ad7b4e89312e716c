"""Labels (classes): names, colours, order (hotkeys 1-9 follow it) and prompt descriptions."""

from __future__ import annotations

import sqlite3

from ..errors import GlanceLabelError
from ..i18n import N_
from ..model import Label
from ..review.changes import ChangeSet, RowChange
from .base import StoreBase

PALETTE = (
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
    "#fabed4", "#469990", "#dcbeff", "#9a6324", "#fffac8", "#800000", "#aaffc3", "#808000",
    "#ffd8b1", "#000075", "#a9a9a9",
)


class LabelError(GlanceLabelError, ValueError):
    """A label operation the user asked for cannot be done (message says why)."""


def _label(r: sqlite3.Row) -> Label:
    return Label(r["id"], r["name"], r["color"], r["position"], r["description"])


def clean_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise LabelError(N_("errors", "A class name cannot be empty."))
    if len(cleaned) > 200:
        raise LabelError(N_("errors", "A class name can have at most {count} characters."), count=200)
    return cleaned


class LabelsMixin(StoreBase):
    def labels(self) -> list[Label]:
        return [_label(r) for r in self.q("SELECT * FROM labels ORDER BY position, id")]

    def label(self, label_id: int) -> Label | None:
        r = self.q1("SELECT * FROM labels WHERE id = ?", (label_id,))
        return None if r is None else _label(r)

    def label_by_name(self, name: str) -> Label | None:
        r = self.q1("SELECT * FROM labels WHERE name = ? COLLATE NOCASE", (" ".join(name.split()),))
        return None if r is None else _label(r)

    def label_by_hotkey(self, key: int) -> Label | None:
        r = self.q1("SELECT * FROM labels ORDER BY position, id LIMIT 1 OFFSET ?", (key - 1,))
        return None if r is None else _label(r)

    def add_label(self, name: str, color: str | None = None, description: str = "") -> ChangeSet:
        return self.apply(ChangeSet("label.add", (self.new_label_change(name, color, description),)))

    def new_label_change(self, name: str, color: str | None = None,
                         description: str = "") -> RowChange:
        """The insert of a new class at the end of the list (not applied)."""
        name = clean_name(name)
        if self.label_by_name(name) is not None:
            raise LabelError(N_("errors", "A class named {name!r} already exists."), name=name)
        count = self.scalar("SELECT count(*) FROM labels")
        row = {
            "name": name,
            "color": color or PALETTE[count % len(PALETTE)],
            "position": count,
            "description": description,
        }
        return RowChange("labels", None, None, row)

    def add_labels(self, names: list[str]) -> tuple[list[str], list[str]]:
        """Add the names not present yet; returns (added, already present)."""
        added, present = [], []
        for name in names:
            try:
                name = clean_name(name)
            except LabelError:
                continue
            if self.label_by_name(name) is not None or name in added:
                present.append(name)
            else:
                self.add_label(name)
                added.append(name)
        return added, present

    def update_label(
        self,
        label_id: int,
        *,
        name: str | None = None,
        color: str | None = None,
        description: str | None = None,
    ) -> ChangeSet:
        current = self.row("labels", label_id)
        if current is None:
            raise LabelError(N_("errors", "That class no longer exists."))
        after: dict = {}
        if name is not None:
            name = clean_name(name)
            other = self.label_by_name(name)
            if other is not None and other.id != label_id:
                raise LabelError(N_("errors", "A class named {name!r} already exists."), name=name)
            after["name"] = name
        if color is not None:
            after["color"] = color
        if description is not None:
            after["description"] = description
        after = {k: v for k, v in after.items() if current[k] != v}
        before = {k: current[k] for k in after}
        changes = (RowChange("labels", label_id, before, after),) if after else ()
        return self.apply(ChangeSet("label.update", changes))

    def move_label(self, label_id: int, new_position: int) -> ChangeSet:
        order = [lab.id for lab in self.labels()]
        if label_id not in order:
            raise LabelError(N_("errors", "That class no longer exists."))
        order.remove(label_id)
        new_position = max(0, min(new_position, len(order)))
        order.insert(new_position, label_id)
        return self.apply(ChangeSet("label.move", tuple(self._position_changes(order))))

    def _position_changes(self, order: list[int]) -> list[RowChange]:
        current = {r["id"]: r["position"] for r in self.q("SELECT id, position FROM labels")}
        return [
            RowChange("labels", lid, {"position": current[lid]}, {"position": pos})
            for pos, lid in enumerate(order)
            if current[lid] != pos
        ]

    def label_usage(self, label_id: int) -> dict[str, int]:
        return {
            "annotations": self.scalar(
                "SELECT count(*) FROM annotations WHERE label_id = ?", (label_id,)
            ),
            "suggestions": self.scalar(
                "SELECT count(*) FROM suggestions WHERE label_id = ?", (label_id,)
            ),
        }

    def delete_label(self, label_id: int, reassign_to: int | None = None) -> ChangeSet:
        """Delete a class. Its annotations move to `reassign_to`, or are deleted when it is None;
        suggestions mapped to it move too, or become unknown labels again. Undoable."""
        current = self.row("labels", label_id)
        if current is None:
            raise LabelError(N_("errors", "That class no longer exists."))
        if reassign_to == label_id or (
            reassign_to is not None and self.label(reassign_to) is None
        ):
            raise LabelError(N_("errors", "Choose another existing class to move the annotations to."))
        changes = self._move_or_drop("annotations", label_id, reassign_to)
        for sid, orig in self.q(
            "SELECT id, orig_label_id FROM suggestions WHERE label_id = ?", (label_id,)
        ):
            before, after = {"label_id": label_id}, {"label_id": reassign_to}
            if orig == label_id:  # the model's own class goes the same way
                before["orig_label_id"], after["orig_label_id"] = label_id, reassign_to
            changes.append(RowChange("suggestions", sid, before, after))
        changes += self._move_or_drop("label_mappings", label_id, reassign_to)
        changes.append(RowChange("labels", label_id, current, None))
        order = [lab.id for lab in self.labels() if lab.id != label_id]
        changes.extend(self._position_changes(order))
        return self.apply(
            ChangeSet("label.delete", tuple(changes), meta={"reassign_to": reassign_to})
        )

    def _move_or_drop(self, table: str, label_id: int, reassign_to: int | None) -> list[RowChange]:
        """The rows of `table` with this class: moved to `reassign_to`, or deleted when None."""
        changes: list[RowChange] = []
        for r in self.q(f"SELECT * FROM {table} WHERE label_id = ?", (label_id,)):
            row = dict(r)
            row_id = row.pop("id")
            if reassign_to is None:
                changes.append(RowChange(table, row_id, row, None))
            else:
                changes.append(
                    RowChange(table, row_id, {"label_id": label_id}, {"label_id": reassign_to})
                )
        return changes
