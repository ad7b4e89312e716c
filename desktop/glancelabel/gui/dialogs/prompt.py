"""Review → Prompt…: the project's instructions for the AI, the class list as it is sent, and a
preview of exactly what the configured provider would send for the current image: the text (the
examples' answers included, each example image's place marked), the image at its sent size, and
the example images as sent (boxes drawn), when examples are sent (Review → Examples in the prompt).

The request is built the way `core.suggest` builds it (`build_context` + `request_for`), with
the instructions being edited in place of the stored ones; the provider's `preview` (no network
call) prepares the image off the GUI thread. Save writes the instructions to the project
(store meta `core.suggest.INSTRUCTIONS_META_KEY`).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.providers import ClassSpec, Preview, ProviderError
from ...core.providers.prompt import build_prompt, default_instructions
from ...core.providers.templates import TEMPLATES, instruction_template
from ...core.suggest.ask import INSTRUCTIONS_META_KEY, build_context
from ..i18n import error_text, translate, with_han_fonts
from ..tasks import TaskRunner
from .examples import ExampleStrip
from .provider_page import convention_text

if TYPE_CHECKING:
    from ...core.store import Store

log = logging.getLogger(__name__)


def class_section(classes: tuple[ClassSpec, ...]) -> str:
    """The class list exactly as the prompt states it."""
    shared = build_prompt(classes, "-", "pixels", (1, 1)).shared
    for part in shared.split("\n\n## "):
        if part.startswith("Classes") or part.startswith("## Classes"):
            return "## " + part.removeprefix("## ")
    return ""


def examples_caption(preview: Preview) -> str:
    """'With 2 example images (about 532 image tokens), before the image.' or 'No examples.'"""
    n = len(preview.examples)
    if not n:
        return translate("prompt", "No examples.")
    tokens = f"{sum(e.estimated_tokens for e in preview.examples):,}"
    return (translate("prompt", "With {n} example image (about {tokens} image tokens), before the image; "
                      "it has its boxes drawn and its answer listed.") if n == 1 else
            translate("prompt", "With {n} example images (about {tokens} image tokens), before the "
                      "image; each has its boxes drawn and its answer listed.")).format(n=n, tokens=tokens)


def make_preview(provider, request) -> Preview:
    """Background: the provider prepares the image and the text (no network call)."""
    return provider.preview(request)


class PromptDialog(QDialog):
    preview_ready = Signal()  # a preview (or its error) is shown
    _timer: QTimer  # made further down in __init__, used by a handler connected before

    def __init__(self, store: Store, settings, image=None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("prompt", "Prompt"))
        self.resize(1100, 720)
        self.store = store
        self.settings = settings
        self.image = image  # ImageRecord of the current image, or None
        self.preview: Preview | None = None
        self._generation = 0
        self._closed = False
        self.runner = TaskRunner(1, self)
        mono = with_han_fonts(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._timer = QTimer(self)  # the preview follows the instructions as they are typed
        self._timer.setSingleShot(True)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self.refresh_preview)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._instructions_side(store, mono))
        splitter.addWidget(self._preview_side(image, mono))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_and_close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh_preview()

    def _instructions_side(self, store: Store, mono: QFont) -> QWidget:
        """The project instructions (edited here) and the classes as sent."""
        self.instructions = QPlainTextEdit()
        self.instructions.setObjectName("instructions")
        self.instructions.setTabChangesFocus(True)  # Tab goes on to the next control
        self.instructions.setPlaceholderText(default_instructions())
        self.instructions.setPlainText(store.get_meta(INSTRUCTIONS_META_KEY, "") or "")
        self.instructions.textChanged.connect(lambda: self._timer.start())
        default_note = QLabel(translate("prompt", "What to label and what to ignore, for this project. Left empty, "
                              "the default shown in grey is sent."))
        default_note.setWordWrap(True)
        self.template = QComboBox()
        self.template.setObjectName("instructionsTemplate")
        for language, (name, _file) in TEMPLATES.items():
            self.template.addItem(name, language)
        use_template = QPushButton(translate("prompt", "&Use this template"))
        use_template.setToolTip(translate("prompt", "Replace the instructions above with the chosen "
                                          "template (the class names stay as they are)"))
        use_template.clicked.connect(self.use_template)
        template_row = QHBoxLayout()
        template_row.addWidget(QLabel(translate("prompt", "Template:")))
        template_row.addWidget(self.template)
        template_row.addWidget(use_template)
        template_row.addStretch(1)
        self.classes = QPlainTextEdit()
        self.classes.setObjectName("classesAsSent")
        self.classes.setReadOnly(True)
        self.classes.setFont(mono)
        labels = store.labels()
        self.class_specs = tuple(ClassSpec(lab.name, lab.description) for lab in labels)
        self.classes.setPlainText(class_section(self.class_specs))
        classes_note = QLabel(translate("prompt", "Descriptions are edited in the Classes panel "
                                        "(double-click a class).") if labels else translate(
            "prompt", "No classes yet: the model is asked to name what it sees, and its labels "
            "arrive as unknown classes to map or add."))
        classes_note.setWordWrap(True)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(translate("prompt", "<b>Project instructions</b>")))
        lv.addWidget(default_note)
        lv.addWidget(self.instructions, 2)
        lv.addLayout(template_row)
        lv.addWidget(QLabel(translate("prompt", "<b>Classes, as sent</b>")))
        lv.addWidget(self.classes, 2)
        lv.addWidget(classes_note)
        return left

    def _preview_side(self, image, mono: QFont) -> QWidget:
        """Exactly what is sent: the text and the image at its sent size."""
        self.caption = QLabel()
        self.caption.setObjectName("previewCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("previewText")
        self.text_view.setReadOnly(True)
        self.text_view.setFont(mono)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.image_label = QLabel()
        self.image_label.setObjectName("previewImage")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text_view, translate("prompt", "Text (system + user)"))
        self.tabs.addTab(scroll, translate("prompt", "Image (at its sent size)"))
        self.examples_scroll = QScrollArea()
        self.examples_scroll.setObjectName("previewExamples")
        self.examples_scroll.setWidgetResizable(True)
        self.tabs.addTab(self.examples_scroll, translate("prompt", "Examples (as sent)"))
        refresh = QPushButton(translate("prompt", "Refresh preview"))
        refresh.clicked.connect(self.refresh_preview)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        title = translate("prompt", "current image") if image is None else image.relpath
        rv.addWidget(QLabel(translate("prompt", "<b>Exactly what is sent for {image}</b>")
                            .format(image=title)))
        rv.addWidget(self.caption)
        rv.addWidget(self.tabs, 1)
        rv.addWidget(refresh, 0, Qt.AlignmentFlag.AlignLeft)
        return right

    def use_template(self) -> None:
        """The chosen template in the editor (saved with Save, like any edit)."""
        self.instructions.setPlainText(instruction_template(self.template.currentData()))

    def instructions_text(self) -> str:
        return self.instructions.toPlainText().strip()

    def save(self) -> None:
        self.store.set_meta(INSTRUCTIONS_META_KEY, self.instructions_text())

    def save_and_close(self) -> None:
        self.save()
        self.accept()

    def reject(self) -> None:
        """Esc or Cancel: changed instructions are not dropped without a word; the person saves
        them, drops them, or goes back to them."""
        stored = (self.store.get_meta(INSTRUCTIONS_META_KEY, "") or "").strip()
        if self.instructions_text() != stored:
            buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                       | QMessageBox.StandardButton.Cancel)
            answer = QMessageBox.question(
                self, translate("prompt", "Changed instructions"),
                translate("prompt", "The instructions were changed. Save them for this project?"),
                buttons, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save_and_close()
                return
        super().reject()

    def done(self, result: int) -> None:
        self._closed = True
        self._timer.stop()
        super().done(result)

    # -- the preview ----------------------------------------------------------------------
    def refresh_preview(self) -> None:
        self._generation += 1
        if self.image is None:
            self._show_problem(translate("prompt", "Open an image to see what would be sent for it."))
            return
        try:
            ctx = build_context(self.store, self.settings.provider)
            request = replace(ctx.request_for(self.image), instructions=self.instructions_text())
        except ProviderError as exc:
            log.info("prompt preview: %s", exc.message)
            self._show_problem(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - one sentence here, traceback in the log
            log.exception("prompt preview could not be built")
            self._show_problem(translate("prompt", "The preview could not be built: {reason}").format(
                reason=error_text(exc)))
            return
        self.caption.setStyleSheet("")
        self.caption.setText(translate("prompt", "Preparing the image…"))
        gen = self._generation
        self.runner.run(make_preview, ctx.provider, request,
                        on_result=lambda p, g=gen: self._show(g, p),
                        on_error=lambda e, _tb, g=gen: self._failed(g, e))

    def _gone(self, generation: int) -> bool:
        """A preview for an older text, or one that arrives after the dialog closed or was
        deleted, is dropped."""
        return (self._closed or generation != self._generation
                or not shiboken6.isValid(self.caption))

    def _failed(self, generation: int, exc) -> None:
        if self._gone(generation):
            return
        self._show_problem(translate("prompt", "The preview could not be built: {reason}").format(
            reason=error_text(exc)))

    def _show_problem(self, text: str) -> None:
        self.preview = None
        self.caption.setStyleSheet("color: #b03a2e;")
        self.caption.setText(text)
        self.text_view.setPlainText("")
        self.image_label.clear()
        self.image_label.resize(0, 0)
        self.preview_ready.emit()

    def _show(self, generation: int, preview: Preview) -> None:
        if self._gone(generation):
            return
        self.preview = preview
        w, h = preview.sent_size
        dw, dh = preview.displayed_size
        kind = preview.media_type.split("/")[-1].upper()
        tokens = (translate("prompt", "about {n} image tokens").format(n=f"{preview.estimated_image_tokens:,}")
                  if preview.estimated_image_tokens else
                  translate("prompt", "no image-token estimate for this model"))
        self.caption.setStyleSheet("")
        self.caption.setText(translate(
            "prompt", "Sent image: {w} × {h} px, {kind}, {kb} KB; {tokens}. Image as displayed: {dw} × {dh} "
            "px. {provider} · {model} · boxes: {convention}. {examples}").format(
                w=w, h=h, kind=kind, kb=f"{len(preview.image_bytes) / 1024:.0f}", tokens=tokens, dw=dw,
                dh=dh, provider=preview.provider, model=preview.model,
                convention=convention_text(preview.box_convention), examples=examples_caption(preview)))
        self.examples_scroll.setWidget(ExampleStrip(preview.examples))
        parts = []
        if preview.system:
            parts.append(f"━━ system ━━\n{preview.system}")
        parts.append(f"━━ user ━━\n{preview.user_text}")
        parts.append(f"━━ image ━━\n[{preview.media_type}, {w} × {h} px]")
        self.text_view.setPlainText("\n\n".join(parts))
        pixmap = QPixmap()
        if pixmap.loadFromData(preview.image_bytes):
            self.image_label.setPixmap(pixmap)  # one image pixel per (logical) screen pixel
            self.image_label.resize(pixmap.size())
        else:
            self.image_label.setText(translate("prompt", "The prepared image could not be shown."))
            self.image_label.adjustSize()
        self.preview_ready.emit()
