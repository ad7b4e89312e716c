"""Editing handlers of the main window: draw, move, resize, nudge, delete, classes, copy/paste,
done, undo/redo, navigation. Each one calls a store verb (committed at once) and `commit`s the
returned ChangeSet before the view moves on."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog

from ..core.geometry import move_box
from ..core.model import Box, ReviewState
from ..core.review import cycle
from ..core.store.annotations import AnnotationError

log = logging.getLogger(__name__)


class EditingMixin:
    # -- helpers ----------------------------------------------------------------------------
    def _image_size(self) -> tuple[float, float]:
        w, h = self.canvas.image_size
        return float(w), float(h)

    def _verb(self, fn, *args, **kwargs):
        """Run a store verb; a refusal becomes one sentence for the user, not a crash."""
        try:
            cs = fn(*args, **kwargs)
        except AnnotationError as exc:
            log.info("edit refused: %s", exc)
            self.say(str(exc))
            return None
        self.commit(cs)
        return cs

    def _annotation_for_suggestion(self, sid: int):
        for ann in self.store.annotations(self.current_id):
            if ann.suggestion_id == sid:
                return ann
        return None

    # -- drawing and editing ----------------------------------------------------------------
    def start_drawing(self) -> None:
        if self.current_id is None or self.canvas.image_size[0] <= 0:
            self.say("Open an image first.")
            return
        self.canvas.select(None)
        self.canvas.start_drawing()
        self.canvas.setFocus()
        self.say("Drag to draw a box (Esc cancels).")

    def on_drawn(self, box: Box) -> None:
        if self.current_id is None:
            return
        cs = self._verb(self.store.add_box, self.current_id, self.current_label_id, box)
        if cs is not None:
            new_ids = cs.ids("annotations")
            if new_ids:
                self.canvas.select(("a", new_ids[0]))
            if self.current_label_id is None:
                self.say("Box drawn without a class: press 1–9 or L to give it one.")

    def on_edited(self, key, box: Box) -> None:
        kind, item_id = key
        if kind == "a":
            self._verb(self.store.update_annotation, item_id, box=box)
            self.canvas.select(key)
        elif kind == "s":
            self._accept_edited(item_id, box=box)

    def _accept_edited(self, sid: int, **changes) -> None:
        cs = self._verb(self.queue.accept, sid, **changes)
        if cs is None:
            self.refresh_boxes()  # put the suggestion back where it was
            return
        ann = self._annotation_for_suggestion(sid)
        if ann is not None:
            self.canvas.select(("a", ann.id))

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
            self._accept_edited(item_id, label_id=label_id)

    def pick_class(self) -> None:
        from .dialogs.class_picker import ClassPicker

        labels = self.store.labels()
        if not labels:
            self.say("There are no classes yet: add one in the Classes panel.")
            return
        picker = ClassPicker(labels, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen_id is not None:
            self.set_class(picker.chosen_id)
        self.canvas.setFocus()

    def cycle_box(self, step: int) -> None:
        self.canvas.select(cycle(self.canvas.keys(), self.canvas.selected_key, step))

    def deselect(self) -> None:
        if self.canvas.drawing:
            self.canvas.cancel_drawing()
        else:
            self.canvas.select(None)

    # -- copy and paste ---------------------------------------------------------------------
    def copy_boxes(self) -> None:
        key = self.canvas.selected_key
        if self.current_id is None:
            return
        anns = [a for a in self.store.annotations(self.current_id) if a.box is not None]
        if key is not None and key[0] == "a":
            anns = [a for a in anns if a.id == key[1]]
        elif key is not None and key[0] == "s":
            s = self.store.suggestion(key[1])
            self.clipboard = [(s.label_id, s.box)] if s and s.box else []
            self.say(f"Copied {len(self.clipboard)} box.")
            return
        self.clipboard = [(a.label_id, a.box) for a in anns]
        self._clipboard_from = self.current_id
        self.say(f"Copied {len(self.clipboard)} box{'es' if len(self.clipboard) != 1 else ''}.")

    def paste_boxes(self) -> None:
        if self.current_id is None or not self.clipboard:
            self.say("Nothing to paste: copy boxes with Ctrl+C first.")
            return
        offset = 10.0 if getattr(self, "_clipboard_from", None) == self.current_id else 0.0
        items = [(lab, Box(b.x + offset, b.y + offset, b.w, b.h)) for lab, b in self.clipboard]
        cs = self._verb(self.store.add_boxes, self.current_id, items)
        if cs is not None:
            n = len(cs.ids("annotations"))
            self.say(f"Pasted {n} box{'es' if n != 1 else ''}.")

    # -- image state and navigation ---------------------------------------------------------
    def mark_done_empty(self) -> None:
        if self.current_id is None:
            return
        self._verb(self.store.set_review_state, [self.current_id], ReviewState.DONE)
        n = len(self.store.annotations(self.current_id))
        self.say("Marked done, no objects." if n == 0 else f"Marked done ({n} annotations).")
        self.go_relative(1)

    def go_relative(self, step: int) -> None:
        ids = self.image_panel.model.ids()
        if not ids:
            return
        row = self.image_panel.model.row_of(self.current_id) if self.current_id is not None else None
        if row is None:
            target = ids[0]
        else:
            target = ids[min(max(row + step, 0), len(ids) - 1)]
        if target != self.current_id:
            self._last_step = step
            self.show_image(target)
        self.canvas.setFocus()

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
        self.say(f"{word} {cs.verb}.")
