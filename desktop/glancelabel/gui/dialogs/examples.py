"""Review → Examples in the prompt…: how many reviewed examples go with each question, which
images they are (picked by a person, or picked for them), and the example images as a preview
shows them (`ExampleStrip`, used by the prompt dialog too).

The dialog edits the picked examples in the project (table `prompt_examples`) and the number
per class in the settings (`ProviderSettings.examples_per_class`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import N_
from ...core.providers.examples import SentExample
from ...core.store.examples import add_examples, remove_example
from ...core.suggest.examples import MAX_PER_CLASS, choice_text, choose
from ..i18n import error_text, shown, translate
from ..saving import write_soon

if TYPE_CHECKING:
    from ...core.store import Store

HOW_SENT = N_("examples", "Each example is sent before the image in question: the reviewed image (at most 512 px) "
            "with its boxes drawn and named, and its answer listed as coordinates in that "
            "image's frame. Spot-check and held-out images are never examples.")


class ExampleStrip(QWidget):
    """The example images exactly as sent (boxes drawn), each with its size."""

    def __init__(self, examples: tuple[SentExample, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.labels: list[QLabel] = []
        for i, ex in enumerate(examples, 1):
            w, h = ex.sent_size
            layout.addWidget(QLabel(translate("examples", "Example {i}: {w} × {h} px, about {tokens} image "
                                              "tokens").format(i=i, w=w, h=h, tokens=f"{ex.estimated_tokens:,}")))
            picture = QLabel()
            pixmap = QPixmap()
            if pixmap.loadFromData(ex.data):
                picture.setPixmap(pixmap)
            self.labels.append(picture)
            layout.addWidget(picture)
        layout.addStretch(1)


def _item_text(name: str, image: str, *, picked: bool, sent: bool) -> str:
    """A row of the examples list: "cat: img1.jpg (picked for you, not sent)"."""
    if picked:
        template = (translate("examples", "{name}: {image} (picked)") if sent else
                    translate("examples", "{name}: {image} (picked, not sent)"))
    else:
        template = (translate("examples", "{name}: {image} (picked for you)") if sent else
                    translate("examples", "{name}: {image} (picked for you, not sent)"))
    return template.format(name=name, image=image)


class ExamplesDialog(QDialog):
    def __init__(self, store: Store, settings, parent: QWidget | None = None,
                 tasks=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("examples", "Examples in the prompt"))
        self.store = store
        self._tasks = tasks  # gui.tasks.TaskRunner: picks and removals are kept off the GUI thread
        self.settings = settings
        self.per_class = QSpinBox()
        self.per_class.setObjectName("examplesPerClass")
        self.per_class.setRange(0, MAX_PER_CLASS)
        self.per_class.setValue(settings.provider.examples_per_class)
        self.per_class.setSpecialValueText(translate("examples", "none"))
        self.per_class.valueChanged.connect(self.refresh)
        self.listing = QListWidget()
        self.listing.setObjectName("examplesList")
        self.summary = QLabel()
        self.summary.setObjectName("examplesSummary")
        self.summary.setWordWrap(True)
        self.pick_button = QPushButton(translate("examples", "&Pick for me"))
        self.pick_button.setToolTip(translate("examples", "Keep the accepted and corrected images chosen for you as "
                                    "picked examples"))
        self.pick_button.clicked.connect(self.pick_for_me)
        self.remove_button = QPushButton(translate("examples", "&Remove the picked example"))
        self.remove_button.clicked.connect(self.remove_selected)
        how = QLabel(translate("examples", HOW_SENT))
        how.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("examples", "Examples per &class:"), self.per_class)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(how)
        layout.addWidget(self.listing, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.pick_button)
        layout.addWidget(self.remove_button)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        n = self.per_class.value()
        self.settings.provider.examples_per_class = n
        self.listing.clear()
        choices = choose(self.store, n or MAX_PER_CLASS)
        relpaths = {r.id: r.relpath for r in self.store.images(
            [i for c in choices for i in c.image_ids]).values()}
        for c in choices:
            for rank, image_id in enumerate(c.image_ids, 1):
                item = QListWidgetItem(_item_text(c.name, str(relpaths.get(image_id, image_id)),
                                                  picked=image_id in c.picked, sent=bool(n) and rank <= n))
                item.setData(Qt.ItemDataRole.UserRole, (c.label_id, image_id, image_id in c.picked))
                self.listing.addItem(item)
        self.summary.setText(shown(choice_text(choose(self.store, n), n)) if n
                             else translate("examples", "No examples are sent (choose how many per "
                                            "class above)."))

    def pick_for_me(self) -> None:
        n = self.per_class.value() or MAX_PER_CLASS
        pairs = [(c.label_id, image_id) for c in choose(self.store, n)
                 for image_id in c.image_ids if image_id not in c.picked]
        self._write(add_examples, (pairs,), self._picked)

    def _picked(self, added: int) -> None:
        self.refresh()
        if not added:  # ("Kept 0 examples picked for you." said nothing useful)
            self.summary.setText(
                translate("examples", "Every image that can be an example is picked already.")
                if self.listing.count() else
                translate("examples", "No image can be an example yet: accept or correct some "
                                      "suggestions first (spot-check and held-out images never are)."))
            return
        kept = (translate("examples", "Kept {n} example picked for you.") if added == 1 else
                translate("examples", "Kept {n} examples picked for you.")).format(n=added)
        self.summary.setText(translate("examples", "{kept} {summary}").format(kept=kept,
                                                                              summary=self.summary.text()))

    def remove_selected(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            self.summary.setText(translate("examples", "Select a picked example to remove it."))
            return
        label_id, image_id, picked = item.data(Qt.ItemDataRole.UserRole)
        if not picked:
            self.summary.setText(translate("examples", "That example was picked for you; it is not kept, so there is "
                                 "nothing to remove."))
            return
        self._write(remove_example, (label_id, image_id), lambda _removed: self.refresh())

    def _write(self, fn: Callable[..., Any], args: tuple, then: Callable[[Any], None]) -> None:
        """Run the write `fn(store, *args)`, then `then(its result)`, never waiting on the GUI
        thread for a background write (gui/saving.py: "Saving…", the buttons off meanwhile)."""

        def saving() -> None:
            self._buttons(False)
            self.summary.setText(translate("examples", "Saving…"))

        def done(result: Any) -> None:
            self._buttons(True)
            then(result)

        def failed(exc: BaseException, _traceback: str = "") -> None:
            self._buttons(True)
            self.summary.setText(error_text(exc))

        write_soon(self.store, self._tasks, fn, *args, on_result=done, on_error=failed,
                   waiting=saving)

    def _buttons(self, enabled: bool) -> None:
        for button in (self.pick_button, self.remove_button):
            button.setEnabled(enabled)
