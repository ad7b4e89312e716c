"""Drawing and editing boxes: draw, move, resize, nudge, delete, classes, copy/paste. Each handler
calls a store verb through `ChangeRecorder.verb` (committed at once, pushed for undo) before the
view moves on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from ...core.geometry import move_box
from ...core.model import Box
from ...core.review.queue import cycle
from ...core.store.labels import LabelError
from ..canvas import CanvasView
from ..i18n import error_text, translate
from .changes import ChangeRecorder
from .ports import ImageView, Key, Say, back_to_canvas


class EditingController:
    def __init__(self, store: Any, canvas: CanvasView, view: ImageView, changes: ChangeRecorder,
                 say: Say, parent: QWidget, *, select_label: Callable[[int], None],
                 select_in_list: Callable[[Key | None], None],
                 go_relative: Callable[[int], None], reject_current: Callable[[], None]) -> None:
        self.store = store
        self.canvas = canvas
        self.view = view
        self.changes = changes
        self.say = say
        self.parent = parent
        self.select_label = select_label  # highlight a class in the Classes panel
        self.select_in_list = select_in_list  # select a suggestion in the Suggestions panel
        self.go_relative = go_relative
        self.reject_current = reject_current
        self.current_label_id: int | None = None  # the class of the next box
        self.clipboard: list[tuple[int | None, Box]] = []
        self.clipboard_from: int | None = None

    def _image_size(self) -> tuple[float, float]:
        w, h = self.canvas.image_size
        return float(w), float(h)

    def _class_name(self, label_id: int | None) -> str:
        lab = None if label_id is None else self.store.label(label_id)
        return lab.name if lab is not None else translate("editing", "no class")

    # -- drawing and editing ----------------------------------------------------------------
    def start_drawing(self) -> None:
        if self.view.current_id is None or self.canvas.image_size[0] <= 0:
            self.say(translate("editing", "Open an image first."))
            return
        self.canvas.select(None)
        self.canvas.start_drawing()
        self.canvas.setFocus()
        self.say(translate("editing", "Drag to draw a box (Esc cancels)."))

    def on_drawn(self, box: Box | None) -> None:
        if box is None:
            self.say(translate("editing", "No box drawn: drag to draw one (W)."))
            return
        image_id = self.view.current_id
        if image_id is None:
            return
        label_id = self._class_for_new_box()
        if label_id is None:
            self.say(translate("editing", "No box drawn: a box needs a class."))
            return
        cs = self.changes.verb(self.store.add_box, image_id, label_id, box, mark_done=False)
        if cs is not None:
            new_ids = cs.ids("annotations")
            if new_ids:
                self.canvas.select(("a", new_ids[0]))
            self.say(translate("editing", "Drew a {name} box: 1–9 or L changes its class.").format(
                name=self._class_name(label_id)))

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
                self.select_label(ids[0])
            return self.current_label_id
        name, ok = QInputDialog.getText(
            self.parent, translate("editing", "Class of the new box"),
            translate("editing", "This project has no classes yet. Name the class of this box (Esc "
                      "cancels the box):"),
        )
        back_to_canvas(self.parent, self.canvas)
        name = " ".join(name.split()) if ok else ""
        if not name:
            return None
        try:
            self.changes.commit(self.store.add_label(name))
        except LabelError as exc:
            self.say(error_text(exc))
            return None
        label = self.store.label_by_name(name)
        if label is not None:
            self.current_label_id = label.id
            self.select_label(label.id)
        return None if label is None else label.id

    def on_edited(self, key: Key, box: Box) -> None:
        kind, item_id = key
        if kind == "a":
            self.changes.verb(self.store.update_annotation, item_id, box=box)
            self.canvas.select(key)
        elif kind == "s":
            self._edit_suggestion(item_id, box=box)

    def _edit_suggestion(self, sid: int, **changes: Any) -> None:
        """A new class or box for a pending suggestion: it stays pending and selected until
        Enter/Y accepts it (as edited)."""
        cs = self.changes.verb(self.store.edit_suggestion, sid, **changes)
        if cs is None:
            self.view.refresh_boxes()  # put the suggestion back where it was
            return
        self.canvas.select(("s", sid))
        self.select_in_list(("s", sid))
        if "label_id" in changes:
            self.say(translate("editing", "The suggestion is now {name}; Enter or Y accepts it as "
                               "edited.").format(name=self._class_name(changes["label_id"])))
        else:
            self.say(translate("editing", "The suggestion has a new box; Enter or Y accepts it as "
                               "edited."))

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
            self.say(translate("editing", "Select a box first (click it or press Tab)."))
            return
        kind, item_id = key
        following = cycle(self.canvas.keys(), key, 1)
        if kind == "a":
            self.changes.verb(self.store.delete_annotations, [item_id])
            self.canvas.select(following if following != key else None)
        else:
            self.reject_current()

    # -- classes ----------------------------------------------------------------------------
    def set_class_by_hotkey(self, n: int) -> None:
        label = self.store.label_by_hotkey(n)
        if label is None:
            self.say(translate("editing", "There is no class {n} yet: add classes in the Classes panel.").format(n=n))
            return
        self.set_class(label.id)

    def set_class(self, label_id: int) -> None:
        key = self.canvas.selected_key
        if key is None:
            self.current_label_id = label_id
            self.select_label(label_id)
            self.say(translate("editing", "Next box: {name}").format(name=self.store.label(label_id).name))
            return
        kind, item_id = key
        if kind == "a":
            self.changes.verb(self.store.update_annotation, item_id, label_id=label_id)
            self.canvas.select(key)
        else:
            self._edit_suggestion(item_id, label_id=label_id)

    def pick_class(self) -> None:
        from ..dialogs.class_picker import ClassPicker

        labels = self.store.labels()
        if not labels:
            self.say(translate("editing", "There are no classes yet: add one in the Classes panel."))
            return
        picker = ClassPicker(labels, self.parent)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen_id is not None:
            self.set_class(picker.chosen_id)
        back_to_canvas(self.parent, self.canvas)

    def label_chosen(self, label_id: int | None) -> None:
        """A click in the Classes panel: the class of the next box."""
        self.current_label_id = label_id

    # -- selection --------------------------------------------------------------------------
    def cycle_box(self, step: int) -> None:
        self.canvas.select(cycle(self.canvas.keys(), self.canvas.selected_key, step))

    def deselect(self) -> None:
        if self.canvas.drawing:
            self.canvas.cancel_drawing()
            self.say(translate("editing", "No box drawn."))
        else:
            self.canvas.select(None)

    # -- copy and paste ---------------------------------------------------------------------
    def copy_boxes(self) -> None:
        key = self.canvas.selected_key
        image_id = self.view.current_id
        if image_id is None:
            return
        if key is not None and key[0] == "s":
            s = self.store.suggestion(key[1])
            self.clipboard = [(s.label_id, s.box)] if s and s.box else []
        else:
            anns = [a for a in self.store.annotations(image_id) if a.box is not None
                    and (key is None or a.id == key[1])]
            self.clipboard = [(a.label_id, a.box) for a in anns]
        self.clipboard_from = image_id
        n = len(self.clipboard)
        self.say((translate("editing", "Copied {n} box.") if n == 1 else
                  translate("editing", "Copied {n} boxes.")).format(n=n))

    def paste_boxes(self) -> None:
        image_id = self.view.current_id
        if image_id is None or not self.clipboard:
            self.say(translate("editing", "Nothing to paste: copy boxes with Ctrl+C first."))
            return
        offset = 10.0 if self.clipboard_from == image_id else 0.0
        items = [(lab, Box(b.x + offset, b.y + offset, b.w, b.h)) for lab, b in self.clipboard]
        cs = self.changes.verb(self.store.add_boxes, image_id, items, mark_done=False)
        if cs is not None:
            n = len(cs.ids("annotations"))
            self.say((translate("editing", "Pasted {n} box.") if n == 1 else
                      translate("editing", "Pasted {n} boxes.")).format(n=n))
