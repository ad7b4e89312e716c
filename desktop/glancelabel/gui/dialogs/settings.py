"""The settings dialog: a tab for the AI provider and a tab for the shortcuts.

The pages live in their own modules: `provider_page.ProviderPage` (provider, model, key in the
keyring, request options, "Test connection", whose plain-Python request is in `provider_check`) and
`shortcuts_page.ShortcutsPage` (every action's keys, conflicts refused). Both save as they change;
closing the dialog saves the provider page once more. They are re-exported here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout

from ...core.app import settings as settings_mod
from ..i18n import translate
from .language_page import LanguagePage
from .provider_check import check_connection
from .provider_page import ProviderPage
from .shortcuts_page import ShortcutsPage
from .team_page import TeamPage

__all__ = ["SettingsDialog", "ProviderPage", "ShortcutsPage", "check_connection"]


class SettingsDialog(QDialog):
    def __init__(self, settings: settings_mod.Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("settings", "Settings"))
        self.resize(620, 680)
        self.tabs = QTabWidget()
        self.provider = ProviderPage(settings)
        self.tabs.addTab(self.provider, translate("settings", "AI provider"))
        self.shortcuts = ShortcutsPage(settings)
        self.tabs.addTab(self.shortcuts, translate("settings", "Shortcuts"))
        self.tabs.addTab(TeamPage(), translate("settings", "Team server"))
        self.tabs.addTab(LanguagePage(settings), translate("SettingsDialog", "Language"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        self.provider.close_page()
        super().done(result)
