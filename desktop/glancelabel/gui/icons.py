"""Icons from resources/icons/*.svg (drawn in currentColor), tinted for the current palette.

`icon(name)` tints with the palette's text colour at the time of the call; after a theme change
`retint()` sets fresh icons on every action and button that got one through this module (the
actions of the one table are found by their object names).
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QObject, QSize
from PySide6.QtGui import QAction, QIcon, QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication

from ..core.app.resources import resource

log = logging.getLogger(__name__)

ICON_PROPERTY = "glancelabelIcon"  # dynamic property: the icon name of an action or button
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def text_color() -> str:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "#333333"
    return app.palette().color(QPalette.ColorRole.WindowText).name()


def icon(name: str, color: str | None = None) -> QIcon | None:
    """The icon `name` drawn in `color` (default: the palette's text colour right now)."""
    return _render(name, color or text_color())


@cache
def _render(name: str, color: str) -> QIcon | None:
    path = resource("icons", f"{name}.svg")
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        log.warning("icon %s is missing", path)
        return None
    data = QByteArray(svg.replace("currentColor", color).encode())
    pixmap = QPixmap()
    if not pixmap.loadFromData(data, "SVG"):
        log.warning("icon %s could not be rendered", path)
        return None
    return QIcon(pixmap)


def _name_of(obj: QObject) -> str | None:
    name = obj.property(ICON_PROPERTY)
    if name:
        return str(name)
    if isinstance(obj, QAction) and obj.objectName().startswith("action_"):
        from .actions import BY_ID

        spec = BY_ID.get(obj.objectName()[len("action_"):])
        return spec.icon if spec is not None else None
    return None


def retint(roots=None) -> int:
    """Re-draw the icons of every action and button under `roots` (default: all top-level
    widgets) in the current palette's text colour. Returns how many were changed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 0
    roots = list(roots) if roots is not None else app.topLevelWidgets()
    color = text_color()
    n = 0
    for root in roots:
        for obj in [root, *root.findChildren(QAction), *root.findChildren(QAbstractButton)]:
            name = _name_of(obj)
            if not name:
                continue
            ico = _render(name, color)
            if ico is not None:
                obj.setIcon(ico)
                n += 1
    return n


@cache
def app_icon() -> QIcon:
    """The application icon (resources/app/glancelabel.svg), in colour, at the usual sizes."""
    ico = QIcon()
    path = resource("app", "glancelabel.svg")
    try:
        data = QByteArray(path.read_bytes())
    except OSError:
        log.warning("app icon %s is missing", path)
        return ico
    for size in APP_ICON_SIZES:
        buffer = QBuffer()
        buffer.setData(data)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            ico.addPixmap(QPixmap.fromImage(image))
    return ico


def stylesheet() -> str:
    try:
        return resource("style", "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
