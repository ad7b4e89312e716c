"""Render the app icon (resources/app/glancelabel.svg) to the PNG sizes desktops want.

Run: uv run python packaging/make_icons.py   (writes packaging/icons/glancelabel-<size>.png and .ico)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ROOT / "resources/app/glancelabel.svg"))
    out = ROOT / "packaging/icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        img.save(str(out / f"glancelabel-{size}.png"))
    Image.open(out / "glancelabel-256.png").save(
        out / "glancelabel.ico", sizes=[(s, s) for s in SIZES if s <= 256]
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
