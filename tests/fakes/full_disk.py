"""A full disk under the window's write queue (core/store/pending.py), as SQLite reports it."""

from __future__ import annotations

import sqlite3
import threading

from glancelabel.core.store import Store


def full_disk_for_queued_writes(monkeypatch) -> threading.Event:
    """The writer thread of the window's queue fails each write with SQLite's "database or disk
    is full" while the returned event is set (it is set at first; clear it to give room)."""
    full = threading.Event()
    full.set()
    real = Store._write_changes

    def writing(self, c, changes):
        if threading.current_thread().name == "window-writes" and full.is_set():
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, c, changes)

    monkeypatch.setattr(Store, "_write_changes", writing)
    return full
