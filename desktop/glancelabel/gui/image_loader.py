"""Decode images for display in the background, with a small LRU cache and prefetch.

The worker calls `core.imaging.open_oriented(path, max_side)` (EXIF orientation applied, reduced
decode for JPEG) and converts the result to a `QImage` there, so the GUI thread only wraps it in a
pixmap. Results for images the user already left are cached, never shown on the wrong image.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from .i18n import translate
from .tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Decoded:
    image_id: int
    max_side: int | None  # what was asked: None for full resolution
    qimage: QImage
    full_width: int  # oriented size of the file
    full_height: int

    @property
    def reduced(self) -> bool:
        return self.qimage.width() < self.full_width


def pil_to_qimage(im) -> QImage:
    """A PIL image (RGB or RGBA, 8-bit) as a QImage owning its own pixels."""
    if im.mode not in ("RGB", "RGBA"):
        im = im.convert("RGBA" if "A" in im.getbands() else "RGB")
    fmt = QImage.Format.Format_RGBA8888 if im.mode == "RGBA" else QImage.Format.Format_RGB888
    data = im.tobytes()
    channels = 4 if im.mode == "RGBA" else 3
    return QImage(data, im.width, im.height, im.width * channels, fmt).copy()


def decode_for_display(path: Path, max_side: int | None, known: tuple[int, int] | None):
    """Worker side: returns (QImage at most max_side on its long side, full oriented width,
    full oriented height). The reduced decode may come out up to twice the size asked; it is
    scaled down here so the GUI thread only wraps it."""
    from PIL import Image

    from ..core.folder import imaging

    im = imaging.open_oriented(path, max_side)
    if known is None:
        header = imaging.read_header(path)
        known = (header.width, header.height)
    if max_side is not None and max(im.size) > max_side * 1.1:
        im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return pil_to_qimage(im), int(known[0]), int(known[1])


class ImageLoader(QObject):
    """Asks for images by id; emits `loaded(Decoded)` or `failed(image_id, max_side, message)`."""

    loaded = Signal(object)
    failed = Signal(int, object, str, bool)  # image_id, max_side, one sentence, file missing

    def __init__(self, capacity: int = 8, threads: int = 2, parent: QObject | None = None):
        super().__init__(parent)
        self.capacity = capacity
        self.runner = TaskRunner(threads, self)
        self._cache: OrderedDict[tuple[int, int | None], Decoded] = OrderedDict()
        self._pending: set[tuple[int, int | None]] = set()

    def cached(self, image_id: int, max_side: int | None) -> Decoded | None:
        key = (image_id, max_side)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        if max_side is not None:  # a full-resolution copy serves any display size
            full = self._cache.get((image_id, None))
            if full is not None:
                self._cache.move_to_end((image_id, None))
                return full
        return None

    def is_pending(self, image_id: int, max_side: int | None) -> bool:
        return (image_id, max_side) in self._pending

    def request(
        self, image_id: int, path: Path, max_side: int | None,
        known: tuple[int, int] | None = None, *, prefetch: bool = False,
    ) -> Decoded | None:
        """The cached image now, or None and a background decode whose result is emitted."""
        hit = self.cached(image_id, max_side)
        if hit is not None:
            return hit
        key = (image_id, max_side)
        if key in self._pending:
            return None
        self._pending.add(key)
        self.runner.run(
            decode_for_display, Path(path), max_side, known,
            on_result=lambda r, k=key: self._done(k, r),
            on_error=lambda exc, tb, k=key, p=Path(path): self._error(k, p, exc),
            priority=0 if prefetch else 1,
        )
        return None

    def forget(self, image_id: int) -> None:
        for key in [k for k in self._cache if k[0] == image_id]:
            del self._cache[key]

    def clear(self) -> None:
        self._cache.clear()

    def _done(self, key, result) -> None:
        self._pending.discard(key)
        qimage, fw, fh = result
        decoded = Decoded(key[0], key[1], qimage, fw, fh)
        self._cache[key] = decoded
        self._cache.move_to_end(key)
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        self.loaded.emit(decoded)

    def _error(self, key, path: Path, exc: BaseException) -> None:
        self._pending.discard(key)
        from ..core.folder.imaging import FileMissing

        missing = isinstance(exc, (FileMissing, FileNotFoundError)) or not path.exists()
        if missing:
            message = translate("image_loader", "The file {name} is no longer there (moved or deleted)."
                                ).format(name=path.name)
        else:
            message = str(exc) or exc.__class__.__name__  # (the window translates an image problem)
        self.failed.emit(key[0], key[1], message, missing)
