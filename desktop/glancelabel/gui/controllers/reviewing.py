"""Reviewing suggestions (Enter/Y, N, Space, X, M, the confidence slider) and image tags (T,
Shift+1…9). The decisions are core/review and store verbs; each is committed before the view
moves on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from ...core.i18n import N_
from ...core.model import Kind, SuggestionState
from ...core.review.queue import ReviewQueue
from ...core.store.annotations import AnnotationError
from ...core.store.labels import LabelError
from ..canvas import CanvasView
from ..i18n import error_text, shown, translate
from ..image_list import ImageListPanel
from .changes import ChangeRecorder
from .image_work import ImageWork
from .ports import ImageView, Key, Say, back_to_canvas

ADD_NEW = N_("reviewing", "Add “{}” as a new class")


class ReviewingController(ImageWork):
    def __init__(self, store: Any, queue: ReviewQueue, canvas: CanvasView,
                 image_list: ImageListPanel, view: ImageView, changes: ChangeRecorder, say: Say,
                 parent: QWidget, *, review_key: Callable[[], Key | None],
                 reload_labels: Callable[[], None], go_relative: Callable[[int], None],
                 end_of_sample_note: Callable[[], str | None]) -> None:
        super().__init__(store, queue, canvas, image_list, view, changes, say)
        self.parent = parent
        self.review_key = review_key  # the row selected in the Suggestions panel
        self.reload_labels = reload_labels
        self.go_relative = go_relative
        self.end_of_sample_note = end_of_sample_note  # the spot-check's word at its end

    def current_suggestion_id(self) -> int | None:
        """The selected suggestion (canvas, then panel), else the first shown pending one."""
        key = self.canvas.selected_key
        if key is not None and key[0] == "s":
            return key[1]
        key = self.review_key()
        if key is not None and key[0] == "s":
            s = self.store.suggestion(key[1])
            if s is not None and s.state == SuggestionState.PENDING:
                return key[1]
        if self.view.current_id is not None:
            return self.queue.next_pending(self.view.current_id)
        return None

    # -- one suggestion ---------------------------------------------------------------------
    def accept_current(self) -> None:
        sid = self.current_suggestion_id()
        if sid is None:
            self.say(translate("reviewing", "No pending suggestion here: D goes to the next image, Space "
                               "finishes this one."))
            return
        if self.changes.verb(self.queue.accept, sid) is not None:
            self._after_decision(sid)

    def reject_current(self) -> None:
        sid = self.current_suggestion_id()
        if sid is None:
            self.say(translate("reviewing", "No pending suggestion selected."))
            return
        if self.changes.verb(self.queue.reject, sid) is not None:
            self._after_decision(sid)

    def _after_decision(self, sid: int) -> None:
        image_id = self.view.current_id
        following = None if image_id is None else self.queue.next_pending(image_id, sid)
        self.view.select_suggestion(following)
        if following is None:
            self.say(translate("reviewing", "All shown suggestions on this image are decided: Space or D "
                               "to go on."))

    # -- all shown --------------------------------------------------------------------------
    def accept_all(self) -> None:
        self._bulk(self.queue.accept_shown)

    def reject_all(self) -> None:
        self._bulk(self.queue.reject_shown)

    def _bulk(self, verb: Callable[[int], Any]) -> None:
        """Space / X: decide what is shown, say exactly what was decided, and go to the next image
        needing review only when this one is done (nothing shown left pending)."""
        image_id = self.view.current_id
        if image_id is None:
            return
        try:
            outcome = verb(image_id)
        except AnnotationError as exc:
            self.say(error_text(exc))
            return
        note = shown(outcome.message())
        if not outcome.done:
            self.changes.commit(outcome.cs)
            if outcome.decided:
                self.changes.edited_on = image_id  # D finishes it once nothing is left pending
            self.view.select_suggestion(self.queue.next_pending(image_id))
            self.say(note)
            return
        # The store holds the decision already: the next image is shown before the change set is
        # recorded, so the refresh that follows it is of the image on screen, once (not of the
        # image left, then of the next).
        order = self.image_list.model.ids()
        target = self.queue.next_image_needing_review(order, image_id)
        if target is not None and target != image_id:
            self.view.show_image(target)
            self.changes.commit(outcome.cs)
            self.view.select_suggestion(self.queue.next_pending(target))
        elif target is None:
            self.go_relative(1)
            self.changes.commit(outcome.cs)  # (the spot-check's note below reads it)
            end = self.end_of_sample_note() or translate("reviewing", "No image needs review any more.")
            note = translate("reviewing", "{done} {next}").format(done=note, next=end)
        else:
            self.changes.commit(outcome.cs)
        self.say(note)

    def set_threshold(self, value: float) -> None:
        self.queue.threshold = max(0.0, min(1.0, value))
        self.view.refresh_boxes()
        self.image_list.model.set_threshold(self.queue.threshold)

    # -- unknown labels -----------------------------------------------------------------------
    def map_label(self, raw_label: str | None = None, choice: str | None = None) -> None:
        """M: map an unknown suggested label to a class, or add it as a new class. With
        `raw_label` and `choice` (a class name or ADD_NEW) it runs without asking."""
        if self.view.current_id is None:
            return
        if raw_label is None:
            raw_label = self._unknown_label()
            if raw_label is None:
                self.say(translate("reviewing", "No unknown labels on this image."))
                return
        if choice is None:
            choice = self._ask_class_for(raw_label)
            if choice is None:
                return
        if choice in (ADD_NEW.format(raw_label), self._add_new(raw_label), ADD_NEW):
            try:  # one change set: one Ctrl+Z takes back the class and the mapping
                self.changes.commit(self.store.add_label_and_map(raw_label))
            except LabelError as exc:
                QMessageBox.warning(self.parent, translate("reviewing", "Map label"), error_text(exc))
                return
            label = self.store.label_by_name(raw_label)
        else:
            label = self.store.label_by_name(choice)
            if label is not None:
                self.changes.commit(self.store.map_label(raw_label, label.id))
        if label is None:
            return
        self.reload_labels()
        self.view.refresh_boxes()
        self.say(translate("reviewing", "“{raw}” now means {name}, here and in every later answer."
                           ).format(raw=raw_label, name=label.name))

    @staticmethod
    def _add_new(raw_label: str) -> str:
        return translate("reviewing", ADD_NEW).format(raw_label)

    def _unknown_label(self) -> str | None:
        """The selected suggestion's unknown label, else the image's first one."""
        sid = self.current_suggestion_id()
        s = self.store.suggestion(sid) if sid is not None else None
        if s is not None and s.label_id is None:
            return s.raw_label
        image_id = self.view.current_id
        unknown = [] if image_id is None else self.queue.unknown_labels(image_id)
        return unknown[0] if unknown else None

    def _ask_class_for(self, raw_label: str) -> str | None:
        options = [self._add_new(raw_label)] + [lab.name for lab in self.store.labels()]
        choice, ok = QInputDialog.getItem(
            self.parent, translate("reviewing", "Map an unknown label"),
            translate("reviewing", "The model said “{raw}”. Map it to a class, for this and every "
                      "later answer and import (the Classes panel lists the mappings):").format(
                          raw=raw_label), options, 0, False,
        )
        back_to_canvas(self.parent, self.canvas)
        return choice if ok else None

    # -- image-level tags ---------------------------------------------------------------------
    def tag_ids(self, label_id: int) -> list[int]:
        """Annotation ids of the current image's tags of one class."""
        if self.view.current_id is None:
            return []
        return [a.id for a in self.store.annotations(self.view.current_id)
                if a.kind is Kind.TAG and a.label_id == label_id]

    def add_tag(self, label_id: int) -> None:
        image_id = self.view.current_id
        if image_id is None:
            return
        label = self.store.label(label_id)
        if label is None:
            return
        if self.tag_ids(label_id):
            self.say(translate("reviewing", "This image is already tagged {name}.").format(name=label.name))
            return
        if self.changes.verb(self.store.add_tag, image_id, label_id, mark_done=False) is not None:
            self.say(translate("reviewing", "Tagged {name}.").format(name=label.name))

    def remove_tags(self, ann_ids: Iterable[int]) -> None:
        ann_ids = list(ann_ids)
        if ann_ids and self.changes.verb(self.store.delete_annotations, ann_ids) is not None:
            self.say(translate("reviewing", "Tag removed."))
        self.canvas.setFocus()

    def toggle_tag(self, n: int) -> None:
        """Shift+1…9: tag the image with class n, or remove that tag."""
        if self.view.current_id is None:
            return
        label = self.store.label_by_hotkey(n)
        if label is None:
            self.say(translate("reviewing", "There is no class {n} yet: add classes in the Classes "
                               "panel.").format(n=n))
            return
        existing = self.tag_ids(label.id)
        if existing:
            self.remove_tags(existing)
        else:
            self.add_tag(label.id)

    def pick_tag(self) -> None:
        """T: tag the image with any class, picked from a searchable list."""
        from ..dialogs.class_picker import ClassPicker

        if self.view.current_id is None:
            self.say(translate("reviewing", "Open an image first."))
            return
        labels = self.store.labels()
        if not labels:
            self.say(translate("reviewing", "There are no classes yet: add one in the Classes panel."))
            return
        picker = ClassPicker(labels, self.parent, title=translate("reviewing", "Tag this image"))
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen_id is not None:
            self.add_tag(picker.chosen_id)
        back_to_canvas(self.parent, self.canvas)
