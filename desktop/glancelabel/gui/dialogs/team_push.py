"""The Team server dialog (File → Team server (Label Studio)…): push the folder to a Label Studio
project, pull the team's reviews back.

It holds no logic: Push and Pull emit what the person chose, the team controller runs
`core.team.push.push` / `core.team.pull.pull` off the GUI thread and calls `progress` and
`show_outcome` here. Cancel stops a push between two batches or a pull between two images (what was
sent or pulled is recorded, so the next push or pull goes on from there).
"""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import N_
from ..i18n import translate

ONLY = (("new", N_("team_push", "Images not reviewed yet")),
        ("done", N_("team_push", "Reviewed images (with their annotations)")),
        ("all", N_("team_push", "All images")))


class TeamDialog(QDialog):
    pushRequested = Signal(str, str, str)  # Label Studio project, only, document root
    pullRequested = Signal(str)
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("team_push", "Team server (Label Studio)"))
        self.project_edit = QLineEdit()
        self.project_edit.setPlaceholderText(translate("team_push", "a project name (made on push) or its id"))
        self.only_combo = QComboBox()
        for key, text in ONLY:
            self.only_combo.addItem(translate("team_push", text), key)
        self.root_edit = QLineEdit(os.environ.get("LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT", "/"))
        self.push_button = QPushButton(translate("team_push", "&Push"))
        self.pull_button = QPushButton(translate("team_push", "P&ull"))
        self.cancel_button = QPushButton(translate("team_push", "&Cancel"))
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(translate("team_push", "Close"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.message = QLabel(translate("team_push", "Push sends each image as a task, its pending suggestions as "
                             "predictions; Pull brings the team's completed annotations back as "
                             "reviews. The server URL and token are set in Settings → Team server."))
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("team_push", "Label Studio &project:"), self.project_edit)
        form.addRow(translate("team_push", "&Images to push:"), self.only_combo)
        form.addRow(translate("team_push", "Server's &document root:"), self.root_edit)
        buttons = QHBoxLayout()
        for b in (self.push_button, self.pull_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message)
        layout.addStretch(1)  # a taller dialog grows here, not as a gap above the message
        layout.addLayout(buttons)
        self.push_button.clicked.connect(self._push)
        self.pull_button.clicked.connect(self._pull)
        self.cancel_button.clicked.connect(self._cancel)
        self.working = ""  # "push" or "pull" while one runs
        self.close_button.clicked.connect(self.close)
        self.resize(560, self.sizeHint().height())

    def _ref(self) -> str | None:
        ref = self.project_edit.text().strip()
        if not ref:
            self.message.setText(translate("team_push", "Name the Label Studio project first."))
            self.project_edit.setFocus()
            return None
        return ref

    def _push(self) -> None:
        ref = self._ref()
        if ref:
            self.pushRequested.emit(ref, self.only_combo.currentData(),
                                    self.root_edit.text().strip() or "/")

    def _pull(self) -> None:
        ref = self._ref()
        if ref:
            self.pullRequested.emit(ref)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.message.setText(translate("team_push", "Cancelling: the push stops after the batch it is "
                                       "sending.") if self.working == "push" else
                             translate("team_push", "Cancelling: the pull stops after the image it is on."))
        self.cancelRequested.emit()

    def started(self, what: str) -> None:
        self.working = what
        for b in (self.push_button, self.pull_button):
            b.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)
        self.message.setText(translate("team_push", "Pushing…") if what == "push" else
                             translate("team_push", "Pulling…") if what == "pull" else
                             f"{what.capitalize()}ing…")

    def progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{done:,} of {total:,} images")

    def show_outcome(self, ok: bool, sentence: str) -> None:
        for b in (self.push_button, self.pull_button):
            b.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress_bar.setVisible(False)
        self.message.setStyleSheet("" if ok else "color: #b03a2e;")
        self.message.setText(sentence)
