"""A Qt-free undo stack over applied change sets.

Its texts are human sentences ("Undo: mark img_03.jpg done"): `describe` turns a change set into
the phrase after "Undo: " (core/review/describe.py with the store; a `Text` or a string, given
here as a string: the window passes one that translates it); without one, a plain fallback."""

from __future__ import annotations

from collections.abc import Callable

from .changes import ChangeSet


class UndoStack:
    def __init__(
        self,
        apply: Callable[[ChangeSet], ChangeSet],
        limit: int = 1000,
        describe: Callable[[ChangeSet], object] | None = None,
    ) -> None:
        self._apply = apply
        self._describe = describe or (lambda _cs: "the last change")
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

    def describe(self, cs: ChangeSet) -> str:
        """What `cs` did, e.g. "accept 'car' on img_03.jpg"."""
        return str(self._describe(cs))

    def last_done(self) -> ChangeSet | None:
        """The change set Undo would take back (None when there is none)."""
        return self._done[-1] if self._done else None

    def last_undone(self) -> ChangeSet | None:
        """The change set Redo would apply again (None when there is none)."""
        return self._undone[-1] if self._undone else None

    def undo_text(self) -> str:
        """The Edit menu's text: "Undo: mark img_03.jpg done" (plain "Undo" when empty)."""
        return f"Undo: {self.describe(self._done[-1])}" if self._done else "Undo"

    def redo_text(self) -> str:
        return f"Redo: {self.describe(self._undone[-1])}" if self._undone else "Redo"

    def undo(self) -> ChangeSet | None:
        if not self._done:
            return None
        cs = self._done[-1]
        self._apply(cs.inverted())  # refused (raises): the step stays where it was
        self._undone.append(self._done.pop())
        return cs

    def redo(self) -> ChangeSet | None:
        if not self._undone:
            return None
        cs = self._undone[-1]
        self._apply(cs)
        self._done.append(self._undone.pop())
        return cs

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
