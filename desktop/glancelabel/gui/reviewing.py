"""Review handlers of the main window (Enter/Y, N, Space, X, M, I, the confidence slider).
The decisions are core/review.py verbs; each is committed before the view moves on."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ..core.model import SuggestionState
from ..core.store.labels import LabelError
from .tasks import TaskRunner

log = logging.getLogger(__name__)

ADD_NEW = "➕ Add “{}” as a new class"


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
        self._bulk(self.queue.accept_shown, "Accepted")

    def reject_all(self) -> None:
        self._bulk(self.queue.reject_shown, "Rejected")

    def _bulk(self, verb, word: str) -> None:
        if self.current_id is None:
            return
        shown = len(self.queue.shown(self.current_id))
        left_unknown = self.queue.unknown_labels(self.current_id) if word == "Accepted" else []
        if self._verb(verb, self.current_id) is None:
            return
        order = self.image_panel.model.ids()
        target = self.queue.next_image_needing_review(order, self.current_id)
        note = f"{word} {shown} suggestion{'s' if shown != 1 else ''}; image done."
        if left_unknown:
            note += f" Unknown labels left pending: {', '.join(left_unknown)} (M maps them)."
        if target is not None and target != self.current_id:
            self.show_image(target)
            self._select_suggestion(self.queue.next_pending(target))
        elif target is None:
            self.go_relative(1)
            note += " No image needs review any more."
        self.say(note)

    def set_threshold(self, value: float) -> None:
        self.queue.threshold = max(0.0, min(1.0, value))
        self.refresh_boxes()
        self.image_panel.model.refresh_all()

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
                f"The model said “{raw_label}”. Map it to a class:", options, 0, False,
            )
            if not ok:
                return
        if choice == ADD_NEW.format(raw_label) or choice == ADD_NEW:
            try:
                self.commit(self.store.add_label(raw_label))
            except LabelError as exc:
                QMessageBox.warning(self, "Map label", str(exc))
                return
            label = self.store.label_by_name(raw_label)
        else:
            label = self.store.label_by_name(choice)
        if label is None:
            return
        self.commit(self.store.map_label(raw_label, label.id))
        self.labels_panel.reload()
        self.refresh_boxes()
        self.say(f"“{raw_label}” now means {label.name} for every pending suggestion.")

    # -- asking the AI ------------------------------------------------------------------------
    def ask_ai(self) -> None:
        if self.current_id is None:
            return
        try:
            from ..core.suggest import suggest_image
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
        self.status_work.setText(f"Asking the AI about {name}…")
        self.ai_runner.run(
            suggest_image, self.store, image_id, self.settings.provider,
            on_result=self._ai_answered, on_error=self._ai_failed,
        )

    def _ai_answered(self, outcome) -> None:
        if self.is_closed:
            return
        self.status_work.setText("")
        self.image_panel.model.refresh([outcome.image_id])
        if outcome.image_id == self.current_id:
            self.refresh_boxes()
            self._select_suggestion(self.queue.next_pending(self.current_id))
        self.say(outcome.message)
        if outcome.failed and outcome.image_id == self.current_id:
            QMessageBox.warning(self, "Ask the AI", outcome.message)

    def _ai_failed(self, exc, _tb) -> None:
        if self.is_closed:
            return
        self.status_work.setText("")
        QMessageBox.warning(self, "Ask the AI", f"The request failed: {exc}")

    def open_batch(self) -> None:
        try:
            from .dialogs.batch import BatchDialog
        except ImportError:
            QMessageBox.information(self, "Batch", "The batch dialog is not available in this build.")
            return
        dialog = BatchDialog(self.store, self.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.image_panel.model.reload()
