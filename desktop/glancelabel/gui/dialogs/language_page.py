"""The settings dialog's language page: the interface language (the system's, English or
简体中文), saved at once and applied at the next start. The CLI always speaks English."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ...core.app import settings as settings_mod
from ..i18n import LANGUAGES, translate

log = logging.getLogger(__name__)


class LanguagePage(QWidget):
    def __init__(self, settings: settings_mod.Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.choice = QComboBox()
        self.choice.setObjectName("language")
        for value, name in LANGUAGES.items():
            self.choice.addItem(name or translate("LanguagePage", "As the system"), value)
        self.choice.setCurrentIndex(max(0, self.choice.findData(settings.language)))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.choice.currentIndexChanged.connect(self._chosen)
        form = QFormLayout()
        label = QLabel(translate("LanguagePage", "&Interface language:"))
        label.setBuddy(self.choice)
        form.addRow(label, self.choice)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def _chosen(self) -> None:
        self.settings.language = self.choice.currentData()
        try:
            settings_mod.save(self.settings)
        except OSError as exc:
            log.warning("settings could not be saved", exc_info=True)
            self.note.setText(translate("LanguagePage", "The choice could not be saved: {error}")
                              .format(error=exc))
            return
        self.note.setText(translate("LanguagePage",
                                    "Saved. The new language applies when GlanceLabel starts again."))
