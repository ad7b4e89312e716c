"""Examples in the prompt: 'Use this image as an example' on the image on screen, and the
Examples dialog (how many per class, which images, Pick for me)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.app import settings as settings_mod
from ...core.store.examples import add_examples, example_images, forbidden_image_ids
from ...core.store.training import val_image_ids
from ..i18n import error_text, translate
from ..saving import write_soon
from .ports import ImageView, Say, back_to_canvas


def refusal(store: Any, image_id: int, relpath: str) -> str | None:
    """Why this image cannot be an example, in one sentence (None: it can)."""
    rec = store.image(image_id)
    if rec is None or rec.review_state != "done":
        return translate("examples", "{image} is not reviewed yet; finish it (Space, X or 0) before "
                         "using it as an example.").format(image=relpath)
    if rec.excluded:
        return translate("examples", "{image} is excluded from the dataset; include it (E) to use it "
                         "as an example.").format(image=relpath)
    if image_id in forbidden_image_ids(store):
        if image_id in set(val_image_ids(store)):
            return translate("examples", "{image} is held out for validation, so it cannot be an "
                             "example (the figures would see it).").format(image=relpath)
        return translate("examples", "{image} is in a spot-check sample, so it cannot be an example "
                         "(the figures would see it).").format(image=relpath)
    return None


class ExamplesController:
    def __init__(self, store: Any, settings: settings_mod.Settings, view: ImageView, say: Say,
                 parent: QWidget, canvas: QWidget, tasks=None) -> None:
        self.store = store
        self.tasks = tasks  # gui.tasks.TaskRunner: the examples are kept off the GUI thread
        self.settings = settings
        self.view = view
        self.say = say
        self.parent = parent
        self.canvas = canvas

    def use_current(self) -> None:
        """Make the image on screen an example of every class it has an annotation of."""
        rec = self.view.current_record
        if rec is None:
            self.say(translate("examples", "Open an image to use it as an example."))
            return
        problem = refusal(self.store, rec.id, rec.relpath)
        if problem:
            self.say(problem)
            return
        ex = example_images(self.store, [rec.id])[rec.id]
        names = sorted({n for n, _ in ex.boxes} | set(ex.tags))
        if not names:
            self.say(translate("examples", "{image} has no labelled boxes or tags to show as an "
                               "example.").format(image=rec.relpath))
            return
        labels = {lab.name: lab.id for lab in self.store.labels()}
        pairs = [(labels[n], rec.id) for n in names]
        write_soon(self.store, self.tasks, add_examples, pairs,
                   on_result=lambda added: self._kept(rec.relpath, names, added),
                   on_error=lambda exc, _tb="": self.say(error_text(exc)),
                   waiting=lambda: self.say(translate(
                       "examples", "Keeping {image} as an example…").format(image=rec.relpath)))

    def _kept(self, relpath: str, names: list[str], added: int) -> None:
        which = translate("examples", " and ").join(names)
        if not added:
            self.say(translate("examples", "{image} is already an example of {classes}.").format(
                image=relpath, classes=which))
            return
        n = self.settings.provider.examples_per_class
        sent = (translate("examples", "up to {n} example a class goes with each question") if n == 1
                else translate("examples", "up to {n} examples a class go with each question") if n
                else translate("examples", "no examples are sent yet: choose how many in Review → "
                               "Examples in the prompt")).format(n=n)
        self.say(translate("examples", "{image} is now an example of {classes}; {sent}.").format(
            image=relpath, classes=which, sent=sent))

    def open_dialog(self) -> None:
        from ..dialogs.examples import ExamplesDialog

        ExamplesDialog(self.store, self.settings, self.parent, tasks=self.tasks).exec()
        settings_mod.save(self.settings)
        back_to_canvas(self.parent, self.canvas)
