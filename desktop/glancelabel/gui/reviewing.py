"""Review handlers of the main window (Enter/Y, N, Space, X, M, I, the confidence slider, image
tags with T and Shift+1…9, the prompt dialog). The decisions are core/review.py and store verbs;
each is committed before the view moves on."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ..core.model import Kind, SuggestionState
from ..core.store.annotations import AnnotationError
from ..core.store.labels import LabelError
from .tasks import TaskRunner

log = logging.getLogger(__name__)

ADD_NEW = "Add “{}” as a new class"


class ReviewMixin:
    def current_suggestion_id(self) -> int | None:
        """The selected suggestion (canvas, then panel), else the first shown pending one."""
        key = self.canvas.selected_key
        if key is not None and key[0] == "s":
            return key[1]
        key = self.review_panel.current_key()
        if key is not None and key[0] == "s":
            s = self.store.suggestion(key[1])
            if s is not None and s.state == SuggestionState.PENDING:
                return key[1]
        if self.current_id is not None:
            return self.queue.next_pending(self.current_id)
        return None

    def _select_suggestion(self, sid: int | None) -> None:
        key = None if sid is None else ("s", sid)
        if key in self.canvas.keys():
            self.canvas.select(key)
        else:
            self.canvas.select(None)
            self.review_panel.select_key(key)

    def accept_current(self) -> None:
        sid = self.current_suggestion_id()
        if sid is None:
            self.say("No pending suggestion here: D goes to the next image, Space finishes this one.")
            return
        if self._verb(self.queue.accept, sid) is not None:
            self._after_decision(sid)

    def reject_current(self) -> None:
        sid = self.current_suggestion_id()
        if sid is None:
            self.say("No pending suggestion selected.")
            return
        if self._verb(self.queue.reject, sid) is not None:
            self._after_decision(sid)

    def _after_decision(self, sid: int) -> None:
        following = self.queue.next_pending(self.current_id, sid)
        self._select_suggestion(following)
        if following is None:
            self.say("All shown suggestions on this image are decided: Space or D to go on.")

    def accept_all(self) -> None:
        self._bulk(self.queue.accept_shown)

    def reject_all(self) -> None:
        self._bulk(self.queue.reject_shown)

    def _bulk(self, verb) -> None:
        """Space / X: decide what is shown, say exactly what was decided, and go to the next image
        needing review only when this one is done (nothing shown left pending)."""
        if self.current_id is None:
            return
        try:
            outcome = verb(self.current_id)
        except AnnotationError as exc:
            self.say(str(exc))
            return
        self.commit(outcome.cs)
        if outcome.decided and not outcome.done:
            self._edited_on = self.current_id  # D finishes it once nothing is left pending
        note = outcome.message()
        if not outcome.done:
            self._select_suggestion(self.queue.next_pending(self.current_id))
            self.say(note)
            return
        order = self.image_panel.model.ids()
        target = self.queue.next_image_needing_review(order, self.current_id)
        if target is not None and target != self.current_id:
            self.show_image(target)
            self._select_suggestion(self.queue.next_pending(target))
        elif target is None:
            self.go_relative(1)
            end = self.spot_check.end_of_sample_note() if hasattr(self, "spot_check") else None
            note += " " + (end or "No image needs review any more.")
        self.say(note)

    def set_threshold(self, value: float) -> None:
        self.queue.threshold = max(0.0, min(1.0, value))
        self.refresh_boxes()
        self.image_panel.model.set_threshold(self.queue.threshold)

    # -- unknown labels -----------------------------------------------------------------------
    def map_label(self, raw_label: str | None = None, choice: str | None = None) -> None:
        """M: map an unknown suggested label to a class, or add it as a new class. With
        `raw_label` and `choice` (a class name or ADD_NEW) it runs without asking."""
        if self.current_id is None:
            return
        if raw_label is None:
            sid = self.current_suggestion_id()
            s = self.store.suggestion(sid) if sid is not None else None
            if s is not None and s.label_id is None:
                raw_label = s.raw_label
            else:
                unknown = self.queue.unknown_labels(self.current_id)
                if not unknown:
                    self.say("No unknown labels on this image.")
                    return
                raw_label = unknown[0]
        if choice is None:
            options = [ADD_NEW.format(raw_label)] + [lab.name for lab in self.store.labels()]
            choice, ok = QInputDialog.getItem(
                self, "Map an unknown label",
                f"The model said “{raw_label}”. Map it to a class, for this and every later"
                " answer and import (the Classes panel lists the mappings):", options, 0, False,
            )
            self.back_to_canvas()
            if not ok:
                return
        if choice == ADD_NEW.format(raw_label) or choice == ADD_NEW:
            try:  # one change set: one Ctrl+Z takes back the class and the mapping
                self.commit(self.store.add_label_and_map(raw_label))
            except LabelError as exc:
                QMessageBox.warning(self, "Map label", str(exc))
                return
            label = self.store.label_by_name(raw_label)
        else:
            label = self.store.label_by_name(choice)
            if label is not None:
                self.commit(self.store.map_label(raw_label, label.id))
        if label is None:
            return
        self.labels_panel.reload()
        self.refresh_boxes()
        self.say(f"“{raw_label}” now means {label.name}, here and in every later answer.")

    # -- asking the AI ------------------------------------------------------------------------
    def ask_ai(self) -> None:
        if self.current_id is None:
            return
        try:
            from ..core.suggest.ask import suggest_image
        except ImportError:
            log.warning("core.suggest is not available", exc_info=True)
            QMessageBox.information(
                self, "Ask the AI",
                "Asking the AI is not available in this build: the suggestion engine is missing.",
            )
            return
        if not hasattr(self, "ai_runner"):
            self.ai_runner = TaskRunner(2, self)
        image_id = self.current_id
        name = self.current_record.relpath if self.current_record else str(image_id)
        if image_id in self.image_panel.model.busy:
            self.say(f"Already asking the AI about {name}.")
            return
        self.status_work.setText(f"Asking the AI about {name}…")
        self.image_panel.model.set_busy(image_id, True)
        self.ai_runner.run(
            suggest_image, self.store, image_id, self.settings.provider,
            on_result=self._ai_answered,
            on_error=lambda exc, tb, i=image_id: self._ai_failed(exc, tb, i),
        )

    def _ai_work_text(self) -> None:
        n = len(self.image_panel.model.busy)
        self.status_work.setText(f"Asking the AI about {n} images…" if n > 1 else "")

    def _ai_answered(self, outcome) -> None:
        if self.is_closed:
            return
        self.image_panel.model.set_busy(outcome.image_id, False)
        self._ai_work_text()
        if outcome.image_id == self.current_id:
            self.refresh_boxes()
            self._select_suggestion(self.queue.next_pending(self.current_id))
        self.say(outcome.message)
        if outcome.failed and outcome.image_id == self.current_id:
            QMessageBox.warning(self, "Ask the AI", outcome.message)

    def _ai_failed(self, exc, _tb, image_id: int | None = None) -> None:
        if self.is_closed:
            return
        if image_id is not None:
            self.image_panel.model.set_busy(image_id, False)
        self._ai_work_text()
        QMessageBox.warning(self, "Ask the AI", f"The request failed: {exc}")

    def open_prompt(self) -> None:
        """Review → Prompt…: the project instructions, the classes as sent and a preview."""
        from .dialogs.prompt import PromptDialog

        PromptDialog(self.store, self.settings, self.current_record, self).exec()
        self.back_to_canvas()

    # -- image-level tags ---------------------------------------------------------------------
    def tag_ids(self, label_id: int) -> list[int]:
        """Annotation ids of the current image's tags of one class."""
        if self.current_id is None:
            return []
        return [a.id for a in self.store.annotations(self.current_id)
                if a.kind is Kind.TAG and a.label_id == label_id]

    def add_tag(self, label_id: int) -> None:
        if self.current_id is None:
            return
        label = self.store.label(label_id)
        if label is None:
            return
        if self.tag_ids(label_id):
            self.say(f"This image is already tagged {label.name}.")
            return
        if self._verb(self.store.add_tag, self.current_id, label_id, mark_done=False) is not None:
            self.say(f"Tagged {label.name}.")

    def remove_tags(self, ann_ids) -> None:
        if ann_ids and self._verb(self.store.delete_annotations, list(ann_ids)) is not None:
            self.say("Tag removed.")
        self.canvas.setFocus()

    def toggle_tag(self, n: int) -> None:
        """Shift+1…9: tag the image with class n, or remove that tag."""
        if self.current_id is None:
            return
        label = self.store.label_by_hotkey(n)
        if label is None:
            self.say(f"There is no class {n} yet: add classes in the Classes panel.")
            return
        existing = self.tag_ids(label.id)
        if existing:
            self.remove_tags(existing)
        else:
            self.add_tag(label.id)

    def pick_tag(self) -> None:
        """T: tag the image with any class, picked from a searchable list."""
        from .dialogs.class_picker import ClassPicker

        if self.current_id is None:
            self.say("Open an image first.")
            return
        labels = self.store.labels()
        if not labels:
            self.say("There are no classes yet: add one in the Classes panel.")
            return
        picker = ClassPicker(labels, self, title="Tag this image")
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen_id is not None:
            self.add_tag(picker.chosen_id)
        self.back_to_canvas()
