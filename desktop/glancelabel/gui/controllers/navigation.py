"""Moving through the image list: D/A, ←/→ with nothing selected, Home/End, Ctrl+F, 0 (done, no
objects) and E (exclude / include).

Done is the person's explicit decision: Space, X, 0, or D/→ from an image on which they decided or
edited something (`ChangeRecorder.edited_on`) with nothing left pending. Drawing or editing alone
never marks an image done, and moving on from an untouched image leaves it as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.model import ReviewState
from ...core.review.queue import ReviewQueue
from ..canvas import CanvasView
from ..i18n import translate
from ..image_list import ImageListPanel
from .changes import ChangeRecorder
from .image_work import ImageWork
from .ports import ImageView, Say


class NavigationController(ImageWork):
    def __init__(self, store: Any, queue: ReviewQueue, canvas: CanvasView,
                 image_list: ImageListPanel, view: ImageView, changes: ChangeRecorder,
                 say: Say, clear_message: Callable[[], None]) -> None:
        super().__init__(store, queue, canvas, image_list, view, changes, say)
        self.clear_message = clear_message
        self.last_step = 1  # the direction of travel (the prefetch looks ahead in it)

    def go_relative(self, step: int) -> None:
        ids = self.image_list.model.ids()
        if not ids:
            return
        if self.canvas.drawing:
            self.canvas.cancel_drawing()
            self.clear_message()  # "Drag to draw a box" no longer holds
        note, finished = self.done_on_leaving() if step > 0 else (None, None)
        current = self.view.current_id
        row = self.image_list.model.row_of(current) if current is not None else None
        if row is None:
            target = ids[0]
        else:
            target = ids[min(max(row + step, 0), len(ids) - 1)]
        if target != self.view.current_id:
            self.last_step = step
            self.view.show_image(target)
        elif row is not None:  # at an end of the list: nothing to move to, so say so
            note = _at_end(note, self.store.image(target), step)
        if finished is not None:  # marked done once the next image shows: one refresh, of it
            self.changes.verb(self.store.set_review_state, [finished], ReviewState.DONE)
            self.changes.edited_on = None
        self.canvas.setFocus()
        if note:
            self.say(note)

    def go_to_end(self, end: int) -> None:
        """Home / End: the first / last image of the list."""
        ids = self.image_list.model.ids()
        if ids:
            target = ids[0] if end < 0 else ids[-1]
            if target != self.view.current_id:
                self.last_step = -1 if end < 0 else 1
                self.view.show_image(target)
        self.canvas.setFocus()

    def focus_search(self) -> None:
        """Ctrl+F: type into the image list's search field."""
        dock = self.image_list.parentWidget()
        if dock is not None and not dock.isVisible():
            dock.show()
        self.image_list.search_edit.setFocus()
        self.image_list.search_edit.selectAll()

    def done_on_leaving(self) -> tuple[str | None, int | None]:
        """D/→: the image just left becomes done when the person decided or edited something on
        it and nothing is left pending. Returns what to say about it (None: nothing) and the
        image to mark done (None: none), which `go_relative` marks once the next one shows."""
        image_id, edited = self.view.current_id, self.changes.edited_on
        self.changes.edited_on = None
        rec = self.store.image(image_id) if image_id is not None else None
        if image_id is None or rec is None or rec.review_state == ReviewState.DONE:
            return None, None
        pending = len(self.queue.shown(image_id))
        if pending:
            return (translate("navigation", "{image} is not done: {n} suggestion still pending (Enter "
                              "accepts, N rejects, Space accepts all).") if pending == 1 else
                    translate("navigation", "{image} is not done: {n} suggestions still pending (Enter "
                              "accepts, N rejects, Space accepts all).")).format(image=rec.relpath,
                                                                                n=pending), None
        if edited != image_id:
            return None, None
        return translate("navigation", "Marked {image} done.").format(image=rec.relpath), image_id

    def mark_done_empty(self) -> None:
        """0: this image is done (with what it holds), then the next one."""
        image_id = self.view.current_id
        if image_id is None:
            return
        rec = self.view.current_record
        name = rec.relpath if rec else translate("navigation", "The image")
        self.changes.verb(self.store.set_review_state, [image_id], ReviewState.DONE)
        n = len(self.store.annotations(image_id))
        self.go_relative(1)
        self.say((translate("navigation", "Marked {image} done, no objects.") if n == 0 else
                  translate("navigation", "Marked {image} done ({n} annotation).") if n == 1 else
                  translate("navigation", "Marked {image} done ({n} annotations).")
                  ).format(image=name, n=n))

    def toggle_excluded(self) -> None:
        """E: leave this image out of exports and spot-checks, or take it back in (undoable)."""
        image_id = self.view.current_id
        rec = self.store.image(image_id) if image_id is not None else None
        if rec is None:
            self.say(translate("navigation", "Open an image first."))
            return
        self.changes.commit(self.store.set_excluded([rec.id], not rec.excluded))
        self.say((translate("navigation", "Included {image} again.") if rec.excluded else
                  translate("navigation", "Excluded {image}: it is left out of exports and spot-checks "
                            "(E takes it back).")).format(image=rec.relpath))


def _at_end(note: str | None, rec: Any, step: int) -> str | None:
    """The sentence for D/→ on the last image (A/← on the first): what D did there, as on any other
    image, then that there is no image to move to."""
    if rec is None:
        return note
    if note is None:
        return (translate("navigation", "{image} is the last image in the list.") if step > 0 else
                translate("navigation", "{image} is the first image in the list.")
                ).format(image=rec.relpath)
    return (translate("navigation", "{note}; it is the last image in the list.") if step > 0 else
            translate("navigation", "{note}; it is the first image in the list.")
            ).format(note=note.rstrip(".。"))
