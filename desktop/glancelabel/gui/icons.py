"""Icons from resources/icons/*.svg (drawn in currentColor), tinted for the current palette."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from ..core.resources import resource

log = logging.getLogger(__name__)


@cache
def icon(name: str, color: str | None = None) -> QIcon | None:
    path = resource("icons", f"{name}.svg")
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        log.warning("icon %s is missing", path)
        return None
    if color is None:
        app = QApplication.instance()
        color = app.palette().color(QPalette.ColorRole.WindowText).name() if app else "#333333"
    data = QByteArray(svg.replace("currentColor", color).encode())
    pixmap = QPixmap()
    if not pixmap.loadFromData(data, "SVG"):
        log.warning("icon %s could not be rendered", path)
        return None
    return QIcon(pixmap)


def stylesheet() -> str:
    try:
        return resource("style", "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
