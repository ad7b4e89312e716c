"""Light and dark themes that follow the system.

Qt 6.5+ reports the system colour scheme (`QStyleHints.colorScheme()`) and signals changes
(`colorSchemeChanged`). Where the platform style already follows the scheme (Windows 11, macOS,
recent GNOME/KDE), its palette is kept; where it does not (a light palette under a dark scheme, or
no report at all), a dark palette is set explicitly. After every change the stylesheet is applied
again (it uses `palette(...)` colours, so it reads well in both) and the icons, drawn in
`currentColor`, are re-tinted with the new text colour.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from . import icons

log = logging.getLogger(__name__)

LIGHT, DARK = "light", "dark"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    colors = {
        roles.Window: "#2b2d30", roles.WindowText: "#e6e6e6", roles.Base: "#1f2023",
        roles.AlternateBase: "#2b2d30", roles.ToolTipBase: "#3c3f41", roles.ToolTipText: "#e6e6e6",
        roles.PlaceholderText: "#8c8c8c", roles.Text: "#e6e6e6", roles.Button: "#35373b",
        roles.ButtonText: "#e6e6e6", roles.BrightText: "#ff6b6b", roles.Light: "#4a4d52",
        roles.Midlight: "#404347", roles.Mid: "#55585d", roles.Dark: "#1b1c1e",
        roles.Shadow: "#000000", roles.Highlight: "#3d6fb4", roles.HighlightedText: "#ffffff",
        roles.Link: "#7fb2ff", roles.LinkVisited: "#c39bff",
    }
    for role, color in colors.items():
        p.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7a7a7a"))
    return p


class Theme(QObject):
    """Keeps the application's palette, stylesheet and icons in step with the system scheme."""

    changed = Signal(str)  # 'light' | 'dark', after the palette and icons changed

    def __init__(self, qapp: QApplication) -> None:
        super().__init__(qapp)
        self.qapp = qapp
        self.scheme = LIGHT
        self._style_palette = QPalette(qapp.palette())  # what the platform style gives
        self._own_palette = False  # a palette we set, rather than the platform's
        qapp.styleHints().colorSchemeChanged.connect(self.on_scheme_changed)

    def apply(self) -> str:
        """Follow the system now (at start-up)."""
        return self.on_scheme_changed(self.qapp.styleHints().colorScheme())

    def on_scheme_changed(self, scheme) -> str:
        """The slot of `colorSchemeChanged`; tests call it with Qt.ColorScheme.Dark / Light (or
        'dark' / 'light') to simulate a change."""
        if isinstance(scheme, str):
            wanted = scheme
        elif scheme == Qt.ColorScheme.Dark:
            wanted = DARK
        elif scheme == Qt.ColorScheme.Light:
            wanted = LIGHT
        else:
            wanted = DARK if is_dark(self._style_palette) else LIGHT
        if not self._own_palette:
            self._style_palette = QPalette(self.qapp.palette())
        if wanted == DARK:
            if is_dark(self._style_palette):
                self._set_palette(self._style_palette, own=False)
            else:
                self._set_palette(dark_palette(), own=True)
        else:
            if is_dark(self._style_palette):  # a light scheme the platform style does not follow
                self._set_palette(self.qapp.style().standardPalette(), own=True)
            else:
                self._set_palette(self._style_palette, own=False)
        self.scheme = wanted
        self.qapp.setStyleSheet(icons.stylesheet())
        n = icons.retint()
        log.info("theme: %s (%d icons re-tinted)", wanted, n)
        self.changed.emit(wanted)
        return wanted

    def _set_palette(self, palette: QPalette, *, own: bool) -> None:
        if own:
            self.qapp.setPalette(palette)
        elif self._own_palette:
            self.qapp.setPalette(QPalette())  # back to the platform's own (resolve mask empty)
        self._own_palette = own
