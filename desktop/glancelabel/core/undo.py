"""A Qt-free undo stack over applied change sets."""

from __future__ import annotations

from collections.abc import Callable

from .changes import ChangeSet


class UndoStack:
    def __init__(self, apply: Callable[[ChangeSet], ChangeSet], limit: int = 1000) -> None:
        self._apply = apply
        self._done: list[ChangeSet] = []
        self._undone: list[ChangeSet] = []
        self._limit = limit

    def push(self, applied: ChangeSet) -> None:
        """Record a change set that was already applied."""
        if applied.empty:
            return
        self._done.append(applied)
        del self._done[: -self._limit]
        self._undone.clear()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        return self._done[-1].verb if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].verb if self._undone else ""

    def undo(self) -> ChangeSet | None:
        if not self._done:
            return None
        cs = self._done.pop()
        self._apply(cs.inverted())
        self._undone.append(cs)
        return cs

    def redo(self) -> ChangeSet | None:
        if not self._undone:
            return None
        cs = self._undone.pop()
        self._apply(cs)
        self._done.append(cs)
        return cs

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
