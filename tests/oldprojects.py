"""Projects as an older version of the app left them: the migration scripts up to a version."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from glancelabel.core.store.schema import MIGRATIONS


def build_old_project(con: sqlite3.Connection, version: int,
                      after: Callable[[int], None] | None = None) -> None:
    """Run migrations 1..version on `con`, setting user_version as each one did;
    `after(number)` runs after each (to fill rows the way that version would)."""
    for number, _description, script in MIGRATIONS:
        if number > version:
            break
        con.executescript(script)
        con.execute(f"PRAGMA user_version = {number}")
        if after is not None:
            after(number)
