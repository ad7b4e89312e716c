"""Asking the AI about the image on screen (I) and the prompt dialog. Asks run two at a time in
the background; the list shows a spinner on each image being asked about."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ...core.app import settings as settings_mod
from ...core.review.queue import ReviewQueue
from ..i18n import error_text, shown, translate
from ..image_list import ImageListPanel
from ..tasks import TaskRunner
from .local_offer import (
    USE_LOCAL,
    key_sentence,
    offer_sentence,
    switch_to_local,
    usable_local_engine,
)
from .ports import ImageView, Say, back_to_canvas

log = logging.getLogger(__name__)


class AskController:
    def __init__(self, store: Any, settings: settings_mod.Settings, queue: ReviewQueue,
                 image_list: ImageListPanel, view: ImageView, say: Say, status_work: QLabel,
                 parent: QWidget, canvas: QWidget) -> None:
        self.store = store
        self.settings = settings
        self.queue = queue
        self.image_list = image_list
        self.view = view
        self.say = say
        self.status_work = status_work
        self.parent = parent
        self.canvas = canvas
        self.runner: TaskRunner | None = None  # made on the first ask
        self.note = ""  # said before the next answer (the switch to the local engine)

    def ask_ai(self) -> None:
        image_id = self.view.current_id
        if image_id is None:
            return
        from ...core.suggest.ask import suggest_image

        if self.runner is None:
            self.runner = TaskRunner(2, self.parent)
        rec = self.view.current_record
        name = rec.relpath if rec else str(image_id)
        model = self.image_list.model
        if image_id in model.busy:
            self.say(translate("asking", "Already asking the AI about {image}.").format(image=name))
            return
        self.status_work.setText(translate("asking", "Asking the AI about {image}…").format(image=name))
        model.set_busy(image_id, True)
        self.runner.run(
            suggest_image, self.store, image_id, self.settings.provider,
            on_result=self._answered,
            on_error=lambda exc, tb, i=image_id: self._failed(exc, tb, i),
        )

    def _work_text(self) -> None:
        n = len(self.image_list.model.busy)
        self.status_work.setText(translate("asking", "Asking the AI about {n} images…").format(n=n)
                                 if n > 1 else "")

    def _answered(self, outcome: Any) -> None:
        if self.view.is_closed:
            return
        self.image_list.model.set_busy(outcome.image_id, False)
        self._work_text()
        if outcome.image_id == self.view.current_id:
            self.view.refresh_boxes()
            self.view.select_suggestion(self.queue.next_pending(outcome.image_id))
        note, self.note = self.note, ""
        message = (error_text(outcome.error) if outcome.error is not None else
                   shown(outcome.text) if outcome.text is not None else outcome.message)
        self.say(note + message)
        if outcome.failed and outcome.image_id == self.view.current_id:
            if self._no_key(outcome):
                self._offer_local(outcome.image_id)
            else:
                QMessageBox.warning(self.parent, translate("asking", "Ask the AI"), message)

    def _no_key(self, outcome: Any) -> bool:
        """The ask failed because the chosen provider has no API key (nothing was sent)."""
        from ...core.app.secrets import missing_key_message

        provider = self.settings.provider.provider
        return (outcome.error_kind == "auth"
                and outcome.message == missing_key_message(provider))

    def _offer_local(self, image_id: int) -> None:
        """Which key is missing, where it goes, and the offline local engine in one click (or
        Enter): chosen, it is saved as the provider and asked about the image at once. With no
        engine that can run here (no local model, RapidOCR not installed) only the key is said."""
        provider = self.settings.provider.provider
        engine = usable_local_engine(self.store)
        if engine is None:
            self.say(key_sentence(provider))
            QMessageBox.warning(self.parent, translate("asking", "Ask the AI"), key_sentence(provider))
            back_to_canvas(self.parent, self.canvas)
            return
        sentence = translate("asking", "{missing} {offer}").format(missing=key_sentence(provider),
                                                                   offer=offer_sentence(engine))
        self.say(sentence)
        box = QMessageBox(QMessageBox.Icon.Information, translate("asking", "Ask the AI"), sentence,
                          parent=self.parent)
        use = box.addButton(translate("local_offer", USE_LOCAL), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(use)
        box.exec()
        back_to_canvas(self.parent, self.canvas)
        if box.clickedButton() is not use or image_id != self.view.current_id:
            return
        self.settings.provider = switch_to_local(self.settings.provider, engine)
        settings_mod.save(self.settings)
        self.note = translate("asking", "Switched to the offline local engine, {engine} (Settings → "
                              "AI provider switches back). ").format(engine=engine.title)
        self.ask_ai()

    def _failed(self, exc: BaseException, _tb: str, image_id: int | None = None) -> None:
        if self.view.is_closed:
            return
        if image_id is not None:
            self.image_list.model.set_busy(image_id, False)
        self._work_text()
        QMessageBox.warning(self.parent, translate("asking", "Ask the AI"), translate(
            "asking", "The request failed: {reason}").format(reason=error_text(exc)))

    def open_prompt(self) -> None:
        """Review → Prompt…: the project instructions, the classes as sent and a preview."""
        from ..dialogs.prompt import PromptDialog

        PromptDialog(self.store, self.settings, self.view.current_record, self.parent).exec()
        back_to_canvas(self.parent, self.canvas)

    def close(self) -> None:
        """The window closes: stop the asks (their answers are stored already)."""
        if self.runner is not None:
            self.runner.cancel_all()

    def wait(self, ms: int) -> None:
        if self.runner is not None:
            self.runner.wait(ms)
