"""GUI fixtures: a small image folder, the app opened on it, and keyboard/mouse helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from glancelabel.core.app import paths
from glancelabel.core.app import settings as settings_mod
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


def make_folder(root: Path) -> Path:
    """img1-img4: readable JPEG/PNG of different sizes (img3 is EXIF-rotated), broken.jpg: not an
    image."""
    folder = root / "photos"
    folder.mkdir()
    Image.new("RGB", (640, 480), (200, 60, 60)).save(folder / "img1.jpg")
    Image.new("RGB", (320, 240), (60, 200, 60)).save(folder / "img2.png")
    exif = Image.Exif()
    exif[0x0112] = 6  # stored 400x200, shown 200x400
    Image.new("RGB", (400, 200), (60, 60, 200)).save(folder / "img3.jpg", exif=exif)
    Image.new("RGB", (500, 500), (220, 220, 60)).save(folder / "img4.jpg")
    (folder / "broken.jpg").write_bytes(b"this is not a jpeg")
    return folder


@pytest.fixture
def folder(tmp_path) -> Path:
    return make_folder(tmp_path)


@pytest.fixture
def project_folder(folder) -> Path:
    """`folder` as a project: three classes; img1 with two pending suggestions (one of a class,
    one of a label that is not a class), img2 with a drawn box."""
    store = Store(paths.project_path(folder, None), folder)
    try:
        scan_folder(store, folder)
        store.add_labels(["cat", "dog", "bird"])
        labels = {lab.name: lab.id for lab in store.labels()}
        img1, img2 = (store.image_by_relpath(n).id for n in ("img1.jpg", "img2.png"))
        run = store.create_run("anthropic", "claude-x")
        store.add_suggestions(run, img1, [
            NewSuggestion(Kind.BOX, "cat", labels["cat"], Box(20, 20, 200, 150), None, 0.9, "ears"),
            NewSuggestion(Kind.BOX, "zebra", None, Box(300, 200, 120, 100), None, 0.6, "stripes"),
        ])
        store.add_box(img2, labels["dog"], Box(10, 10, 100, 80))
    finally:
        store.close()
    return folder


class Driver:
    """Opens the real app on a folder and drives it like a person with a keyboard and mouse."""

    def __init__(self, qtbot, qapp):
        from glancelabel.gui.app import App

        self.qtbot = qtbot
        self.qapp = qapp
        self.app = App(qapp, settings_mod.load())
        self.window = None

    def open(self, folder: Path):
        self.app.settings = settings_mod.load()
        assert self.app.open_folder(folder)
        w = self.app.window
        self.window = w
        self.qtbot.addWidget(w)
        self.qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
        self.qtbot.waitExposed(w)
        w.activateWindow()
        w.canvas.setFocus()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
        self.wait_image()
        return w

    def close(self) -> None:
        w = self.window
        w.close()
        self.window = None

    @property
    def store(self):
        return self.window.store

    def wait_image(self, image_id: int | None = None) -> None:
        w = self.window
        self.qtbot.waitUntil(
            lambda: w.current_id is not None
            and (image_id is None or w.current_id == image_id)
            and (w.canvas.decoded_width > 0 or bool(w.canvas.message())),
            timeout=10_000,
        )
        self.actual_pixels()

    def actual_pixels(self) -> None:
        """Zoom 100 % so that one screen pixel is one image pixel (exact mouse positions)."""
        canvas = self.window.canvas
        canvas.resetTransform()
        canvas._auto_fit = False
        canvas.centerOn(canvas.image_size[0] / 2, canvas.image_size[1] / 2)

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or self.window.canvas
        self.qtbot.keyClick(target, key, modifier)

    def keys(self, *keys) -> None:
        for k in keys:
            self.key(k)

    def point(self, x: float, y: float) -> QPoint:
        return self.window.canvas.mapFromScene(QPointF(x, y))

    def drag(self, x1, y1, x2, y2, button=Qt.MouseButton.LeftButton) -> None:
        vp = self.window.canvas.viewport()
        self.qtbot.mousePress(vp, button, pos=self.point(x1, y1))
        self.qtbot.mouseMove(vp, self.point((x1 + x2) / 2, (y1 + y2) / 2))
        self.qtbot.mouseMove(vp, self.point(x2, y2))
        self.qtbot.mouseRelease(vp, button, pos=self.point(x2, y2))

    def image_id(self, relpath: str) -> int:
        return self.store.image_by_relpath(relpath).id


@pytest.fixture
def driver(qtbot, qapp):
    d = Driver(qtbot, qapp)
    yield d
    if d.window is not None:
        d.window.close()
