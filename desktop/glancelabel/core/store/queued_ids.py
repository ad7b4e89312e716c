"""Ids of rows the window queued (pending.py): new rows get negative ids until written; this
maps them to the ids the project file gave them, for the session and for a replay (journal.py)."""

from __future__ import annotations

from typing import Any

from ..review.changes import ChangeSet, Ref, RowChange


def _is_ref(key: str) -> bool:
    return key == "id" or key.endswith("_id")


class IdMap:
    """negative id -> the id its row got."""

    def __init__(self) -> None:
        self.known: dict[int, int] = {}

    def real_id(self, row_id: int) -> int:
        return self.known.get(row_id, row_id)

    def translated(self, cs: ChangeSet, keep_new: bool = False) -> ChangeSet:
        """`cs` with the negative ids of rows written since replaced by their ids; a row that is
        inserted by `cs` itself under a negative id not written yet gets a fresh id from the
        store (with `keep_new`: keeps its negative id), and references to it become Refs."""
        new = {} if keep_new else {
            ch.id: pos for pos, ch in enumerate(cs.changes)
            if ch.before is None and ch.id is not None and ch.id < 0 and ch.id not in self.known}

        def value(key: str, v: Any) -> Any:
            if not (_is_ref(key) and isinstance(v, int) and not isinstance(v, Ref) and v < 0):
                return v
            return Ref(new[v]) if v in new else self.known.get(v, v)

        def row(d: dict | None) -> dict | None:
            return None if d is None else {k: value(k, v) for k, v in d.items()}

        changes = tuple(
            RowChange(ch.table, None if ch.id in new else
                      (self.known.get(ch.id, ch.id) if ch.id is not None else None),
                      row(ch.before), row(ch.after))
            for ch in cs.changes)
        return cs.with_changes(changes)

    def remember(self, given: ChangeSet, applied: ChangeSet) -> None:
        """Map the negative ids of `given` to the ids `applied` (the same set, written, maybe
        after changes the store put before it: `unclassed_with`) gave."""
        extra = len(applied.changes) - len(given.changes)
        for ch, done in zip(given.changes, applied.changes[extra:], strict=True):
            if ch.id is not None and ch.id < 0 and done.id is not None and done.id >= 0:
                self.known[ch.id] = done.id
