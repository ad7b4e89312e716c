"""Project settings (the `meta` table: the spot-check the window is in, the prompt's
instructions, ...) the window sets while its change sets wait (pending.py).

Such a write is queued as a change set with no row changes and its values in `meta["settings"]`,
so it keeps its place among the window's decisions, is kept in the journal with them, is written
by the writer thread (and by a replay after a crash) in that order, and is read back at once
(`Store.get_meta` asks the queue first). It is not logged in `events` and is not undoable.
"""

from __future__ import annotations

import sqlite3

from ..review.changes import ChangeSet

VERB = "meta.set"


def settings_set(values: dict[str, str]) -> ChangeSet:
    return ChangeSet(VERB, (), None, {"settings": dict(values)})


def values_of(cs: ChangeSet) -> dict[str, str] | None:
    """The settings `cs` writes, when it is a settings write; else None."""
    if cs.verb != VERB or cs.changes:
        return None
    values = cs.meta.get("settings")
    return dict(values) if isinstance(values, dict) else None


def write(c: sqlite3.Connection, values: dict[str, str]) -> None:
    c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))
