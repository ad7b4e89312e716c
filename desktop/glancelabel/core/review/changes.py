"""Qt-free edit records: every change to the project is a set of row changes.

A `RowChange` holds a row's full contents before and after (None for "absent").
Applying a `ChangeSet` and then its `inverted()` restores the project exactly;
that is how undo and redo work, for manual edits and AI decisions alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


class Ref(int):
    """In a change's `after`, the id the store assigns to change number `int(self)` of the same
    set (an insert). `Store.apply` replaces it with the real id before writing."""


@dataclass(frozen=True, slots=True)
class RowChange:
    table: str
    id: int | None  # None for an insert whose id the store assigns
    before: dict | None
    after: dict | None

    def inverted(self) -> RowChange:
        return RowChange(self.table, self.id, self.after, self.before)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    verb: str  # e.g. "annotation.add", "suggestion.accept"
    changes: tuple[RowChange, ...]
    image_id: int | None = None
    meta: dict = field(default_factory=dict)

    def inverted(self) -> ChangeSet:
        return ChangeSet(
            "undo:" + self.verb if not self.verb.startswith("undo:") else self.verb[5:],
            tuple(c.inverted() for c in reversed(self.changes)),
            self.image_id,
            self.meta,
        )

    def with_changes(self, changes: tuple[RowChange, ...]) -> ChangeSet:
        return replace(self, changes=changes)

    @property
    def empty(self) -> bool:
        return not self.changes

    def ids(self, table: str) -> list[int]:
        return [c.id for c in self.changes if c.table == table and c.id is not None]

    def touched_images(self) -> set[int]:
        """Images whose display may change because of this set."""
        out: set[int] = set()
        if self.image_id is not None:
            out.add(self.image_id)
        for c in self.changes:
            for row in (c.before, c.after):
                if row is None:
                    continue
                if c.table == "images" and c.id is not None:
                    out.add(c.id)
                elif "image_id" in row and row["image_id"] is not None:
                    out.add(row["image_id"])
        return out
