"""Editing handlers of the main window: draw, move, resize, nudge, delete, classes, copy/paste,
done, undo/redo, navigation. Each one calls a store verb (committed at once) and `commit`s the
returned ChangeSet before the view moves on.

Done is the person's explicit decision: Space, X, 0, or D/→ from an image on which they decided or
edited something (`_edited_on`) with nothing left pending. Drawing or editing alone never marks an
image done, and moving on from an untouched image leaves it as it was."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QInputDialog

from ..core.geometry import move_box
from ..core.model import Box, ReviewState
from ..core.review.queue import cycle, plural
from ..core.store.annotations import AnnotationError
from ..core.store.labels import LabelError

log = logging.getLogger(__name__)


class EditingMixin:
    # -- helpers ----------------------------------------------------------------------------
    def _image_size(self) -> tuple[float, float]:
        w, h = self.canvas.image_size
        return float(w), float(h)

    def _verb(self, fn, *args, **kwargs):
        """Run a store verb; a refusal becomes one sentence for the user, not a crash. A change
        to the current image counts as the person having worked on it (see `_done_on_leaving`)."""
        try:
            cs = fn(*args, **kwargs)
        except AnnotationError as exc:
            log.info("edit refused: %s", exc)
            self.say(str(exc))
            return None
        self.commit(cs)
        if not cs.empty and self.current_id in cs.touched_images():
            self._edited_on = self.current_id
        return cs

    def back_to_canvas(self) -> None:
        """After a dialog: the window active again and the keys on the canvas."""
        self.activateWindow()
        self.canvas.setFocus()

    def _class_name(self, label_id: int | None) -> str:
        lab = None if label_id is None else self.store.label(label_id)
        return lab.name if lab is not None else "no class"

    # -- drawing and editing ----------------------------------------------------------------
    def start_drawing(self) -> None:
        if self.current_id is None or self.canvas.image_size[0] <= 0:
            self.say("Open an image first.")
            return
        self.canvas.select(None)
        self.canvas.start_drawing()
        self.canvas.setFocus()
        self.say("Drag to draw a box (Esc cancels).")

    def on_drawn(self, box: Box | None) -> None:
        if box is None:
            self.say("No box drawn: drag to draw one (W).")
            return
        if self.current_id is None:
            return
        label_id = self._class_for_new_box()
        if label_id is None:
            self.say("No box drawn: a box needs a class.")
            return
        cs = self._verb(self.store.add_box, self.current_id, label_id, box, mark_done=False)
        if cs is not None:
            new_ids = cs.ids("annotations")
            if new_ids:
                self.canvas.select(("a", new_ids[0]))
            self.say(f"Drew a {self._class_name(label_id)} box: 1–9 or L changes its class.")

    def _class_for_new_box(self) -> int | None:
        """The current class (chosen with 1-9 with nothing selected, or a click in the Classes
        panel); the first class when none is chosen yet (the panel then highlights it); when the
        project has no class, the one the person names now (None: they cancelled, nothing is
        stored)."""
        labels = self.store.labels()
        if labels:
            ids = [lab.id for lab in labels]
            if self.current_label_id not in ids:
                self.current_label_id = ids[0]
                self.labels_panel.select(ids[0])
            return self.current_label_id
        name, ok = QInputDialog.getText(
            self, "Class of the new box",
            "This project has no classes yet. Name the class of this box (Esc cancels the box):",
        )
        self.back_to_canvas()
        name = " ".join(name.split()) if ok else ""
        if not name:
            return None
        try:
            self.commit(self.store.add_label(name))
        except LabelError as exc:
            self.say(str(exc))
            return None
        label = self.store.label_by_name(name)
        if label is not None:
            self.current_label_id = label.id
            self.labels_panel.select(label.id)
        return None if label is None else label.id

    def on_edited(self, key, box: Box) -> None:
        kind, item_id = key
        if kind == "a":
            self._verb(self.store.update_annotation, item_id, box=box)
            self.canvas.select(key)
        elif kind == "s":
            self._edit_suggestion(item_id, box=box)

    def _edit_suggestion(self, sid: int, **changes) -> None:
        """A new class or box for a pending suggestion: it stays pending and selected until
        Enter/Y accepts it (as edited)."""
        cs = self._verb(self.store.edit_suggestion, sid, **changes)
        if cs is None:
            self.refresh_boxes()  # put the suggestion back where it was
            return
        self.canvas.select(("s", sid))
        self.review_panel.select_key(("s", sid))
        what = (f"is now {self._class_name(changes['label_id'])}" if "label_id" in changes
                else "has a new box")
        self.say(f"The suggestion {what}; Enter or Y accepts it as edited.")

    def arrow(self, delta: tuple[int, int]) -> None:
        dx, dy = delta
        key = self.canvas.selected_key
        if key is None:
            if dx:
                self.go_relative(1 if dx > 0 else -1)
            return
        box = self.canvas.box_of(key)
        if box is None:
            return
        moved = move_box(box, dx, dy, *self._image_size())
        if moved != box:
            self.on_edited(key, moved)

    def delete_selected(self) -> None:
        key = self.canvas.selected_key
        if key is None:
            self.say("Select a box first (click it or press Tab).")
            return
        kind, item_id = key
        keys = self.canvas.keys()
        following = cycle(keys, key, 1)
        if kind == "a":
            self._verb(self.store.delete_annotations, [item_id])
            self.canvas.select(following if following != key else None)
        else:
            self.reject_current()

    def set_class_by_hotkey(self, n: int) -> None:
        label = self.store.label_by_hotkey(n)
        if label is None:
            self.say(f"There is no class {n} yet: add classes in the Classes panel.")
            return
        self.set_class(label.id)

    def set_class(self, label_id: int) -> None:
        key = self.canvas.selected_key
        if key is None:
            self.current_label_id = label_id
            self.labels_panel.select(label_id)
            self.say(f"Next box: {self.store.label(label_id).name}")
            return
        kind, item_id = key
        if kind == "a":
            self._verb(self.store.update_annotation, item_id, label_id=label_id)
            self.canvas.select(key)
        else:
            self._edit_suggestion(item_id, label_id=label_id)

    def pick_class(self) -> None:
        from .dialogs.class_picker import ClassPicker

        labels = self.store.labels()
        if not labels:
            self.say("There are no classes yet: add one in the Classes panel.")
            return
        picker = ClassPicker(labels, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen_id is not None:
            self.set_class(picker.chosen_id)
        self.back_to_canvas()

    def cycle_box(self, step: int) -> None:
        self.canvas.select(cycle(self.canvas.keys(), self.canvas.selected_key, step))

    def deselect(self) -> None:
        if self.canvas.drawing:
            self.canvas.cancel_drawing()
            self.say("No box drawn.")
        else:
            self.canvas.select(None)

    # -- copy and paste ---------------------------------------------------------------------
    def copy_boxes(self) -> None:
        key = self.canvas.selected_key
        if self.current_id is None:
            return
        if key is not None and key[0] == "s":
            s = self.store.suggestion(key[1])
            self.clipboard = [(s.label_id, s.box)] if s and s.box else []
        else:
            anns = [a for a in self.store.annotations(self.current_id) if a.box is not None
                    and (key is None or a.id == key[1])]
            self.clipboard = [(a.label_id, a.box) for a in anns]
        self._clipboard_from = self.current_id
        self.say(f"Copied {plural(len(self.clipboard), 'box', 'boxes')}.")

    def paste_boxes(self) -> None:
        if self.current_id is None or not self.clipboard:
            self.say("Nothing to paste: copy boxes with Ctrl+C first.")
            return
        offset = 10.0 if getattr(self, "_clipboard_from", None) == self.current_id else 0.0
        items = [(lab, Box(b.x + offset, b.y + offset, b.w, b.h)) for lab, b in self.clipboard]
        cs = self._verb(self.store.add_boxes, self.current_id, items, mark_done=False)
        if cs is not None:
            self.say(f"Pasted {plural(len(cs.ids('annotations')), 'box', 'boxes')}.")

    # -- image state and navigation ---------------------------------------------------------
    def mark_done_empty(self) -> None:
        if self.current_id is None:
            return
        name = self.current_record.relpath if self.current_record else "The image"
        self._verb(self.store.set_review_state, [self.current_id], ReviewState.DONE)
        n = len(self.store.annotations(self.current_id))
        self.go_relative(1)
        self.say(f"Marked {name} done, no objects." if n == 0
                 else f"Marked {name} done ({plural(n, 'annotation')}).")

    def _done_on_leaving(self) -> str | None:
        """D/→: the image just left becomes done when the person decided or edited something on
        it and nothing is left pending. Returns what to say about it (None: nothing)."""
        image_id, edited = self.current_id, getattr(self, "_edited_on", None)
        self._edited_on = None
        rec = self.store.image(image_id) if image_id is not None else None
        if rec is None or rec.review_state == ReviewState.DONE:
            return None
        pending = len(self.queue.shown(image_id))
        if pending:
            return (f"{rec.relpath} is not done: {plural(pending, 'suggestion')} still pending "
                    "(Enter accepts, N rejects, Space accepts all).")
        if edited != image_id:
            return None
        self._verb(self.store.set_review_state, [image_id], ReviewState.DONE)
        self._edited_on = None
        return f"Marked {rec.relpath} done."

    def go_relative(self, step: int) -> None:
        ids = self.image_panel.model.ids()
        if not ids:
            return
        if self.canvas.drawing:
            self.canvas.cancel_drawing()
            self.statusBar().clearMessage()  # "Drag to draw a box" no longer holds
        note = self._done_on_leaving() if step > 0 else None
        row = self.image_panel.model.row_of(self.current_id) if self.current_id is not None else None
        if row is None:
            target = ids[0]
        else:
            target = ids[min(max(row + step, 0), len(ids) - 1)]
        if target != self.current_id:
            self._last_step = step
            self.show_image(target)
        self.canvas.setFocus()
        if note:
            self.say(note)

    # -- undo -------------------------------------------------------------------------------
    def undo(self) -> None:
        self._undo_redo(self.undo_stack.undo, "Undid", "undo")

    def redo(self) -> None:
        self._undo_redo(self.undo_stack.redo, "Redid", "redo")

    def _undo_redo(self, step, word: str, verb: str) -> None:
        cs = step()
        if cs is None:
            self.say(f"Nothing to {verb}.")
            return
        target = cs.image_id
        self.after_change(cs)
        if target is not None and target != self.current_id and self.store.image(target):
            self.show_image(target)
        # after an undo the image may hold nothing the person decided: D must not finish it
        self._edited_on = target if verb == "redo" else None
        self.say(f"{word}: {self.undo_stack.describe(cs)}.")
