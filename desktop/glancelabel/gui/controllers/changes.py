"""Committing store verbs, and undo / redo.

Every edit is a store verb (committed at once) whose ChangeSet is pushed onto the undo stack here;
the view then re-reads what the set touched. `edited_on` remembers the image the person changed
something on: D/→ marks that image done when they leave it (see navigation.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ...core.errors import user_error
from ...core.review.changes import ChangeSet
from ...core.review.describe import describe
from ...core.review.undo import UndoStack
from ...core.store.annotations import AnnotationError
from ...core.store.pending import BehindLargerChange
from ..i18n import error_text, shown, translate
from .ports import ImageView, Say

log = logging.getLogger(__name__)


class ChangeRecorder:
    def __init__(self, store: Any, view: ImageView, say: Say) -> None:
        self.store = store
        self.view = view
        self.say = say
        # the undo stack's phrases in the interface's language (Edit menu, status bar)
        self.undo_stack = UndoStack(store.apply, describe=lambda cs: shown(describe(cs, store)))
        self.edited_on: int | None = None

    def commit(self, cs: ChangeSet | None) -> None:
        """Record an applied change set for undo and refresh what it touched."""
        if cs is not None and not cs.empty:
            self.undo_stack.push(cs)
        self.view.after_change(cs)

    def verb(self, fn: Callable[..., ChangeSet], *args: Any, **kwargs: Any) -> ChangeSet | None:
        """Run a store verb; a refusal becomes one sentence for the user, not a crash. A change
        to the current image counts as the person having worked on it (see `done_on_leaving`)."""
        try:
            cs = fn(*args, **kwargs)
        except Exception as exc:
            problem = user_error(exc)  # a refusal, or a full or read-only disk
            if problem is None:
                raise
            log.info("edit refused: %s", problem, exc_info=not isinstance(exc, AnnotationError))
            if isinstance(problem, BehindLargerChange):
                self.view.refresh_boxes()  # a box dragged or nudged goes back where it is
            self.say(error_text(problem))
            return None
        self.commit(cs)
        if not cs.empty and self.view.current_id in cs.touched_images():
            self.edited_on = self.view.current_id
        return cs

    # -- undo -------------------------------------------------------------------------------
    def undo(self) -> None:
        self._undo_redo(self.undo_stack.undo, "undo")

    def redo(self) -> None:
        self._undo_redo(self.undo_stack.redo, "redo")

    def nothing_to(self, verb: str) -> str:
        return (translate("changes", "Nothing to undo.") if verb == "undo"
                else translate("changes", "Nothing to redo."))

    def _undo_redo(self, step: Callable[[], ChangeSet | None], verb: str) -> None:
        try:
            cs = step()
        except BehindLargerChange as exc:  # the step stays on the stack: Ctrl+Z again later
            self.say(error_text(exc))
            return
        if cs is None:
            self.say(self.nothing_to(verb))
            return
        target = cs.image_id
        self.view.after_change(cs)
        if target is not None and target != self.view.current_id and self.store.image(target):
            self.view.show_image(target)
        # after an undo the image may hold nothing the person decided: D must not finish it
        self.edited_on = target if verb == "redo" else None
        change = self.undo_stack.describe(cs)
        self.say(translate("changes", "Undid: {change}.").format(change=change) if verb == "undo"
                 else translate("changes", "Redid: {change}.").format(change=change))
