"""Tile pictures for glance review, made in the background and kept in a small cache.

A worker decodes each image once for all of its tiles on a page: `open_oriented` (EXIF orientation
applied; JPEG draft decoding at the smallest scale that still gives every crop of that image its
tile size), then crops each box's region (with its margin) or takes the whole image for a tag, and
scales it to the tile. The QImages come back to the GUI thread by signal; the GUI thread only
paints them. The page after the one on screen is asked for at a lower priority (prefetch), so the
next page is usually ready when Space is pressed.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ...core.model import Box
from ...core.review.glance import decode_side
from ..i18n import error_text, translate
from ..image_loader import pil_to_qimage
from ..tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TileJob:
    """One tile to draw: suggestion `sid` of the image at `path` (oriented size width x height);
    `region` is the part to show, None for the whole image (a tag)."""

    sid: int
    path: Path
    width: int
    height: int
    region: Box | None


def render_tiles(jobs: list[TileJob], side: int) -> list[tuple[int, QImage]]:
    """Worker side: the tiles of one image, decoded once. Each comes out at most `side` px on
    its long side."""
    from PIL import Image

    from ...core.folder import imaging

    first = jobs[0]
    whole = Box(0, 0, first.width, first.height)
    need = max(decode_side(j.region or whole, first.width, first.height, side) for j in jobs)
    full_side = max(first.width, first.height)
    im = imaging.open_oriented(first.path, need if need < full_side else None)
    scale = im.width / first.width if first.width else 1.0
    out = []
    for job in jobs:
        r = job.region
        part = im if r is None else im.crop((round(r.x * scale), round(r.y * scale),
                                            round(r.x2 * scale), round(r.y2 * scale)))
        if max(part.size) > side:
            part = part.copy() if part is im else part
            part.thumbnail((side, side), Image.Resampling.BILINEAR, reducing_gap=2.0)
        out.append((job.sid, pil_to_qimage(part)))
    return out


class ThumbnailCache(QObject):
    """Tile pictures by suggestion id; `ready(sid)` when one arrives, `failed(sid, sentence)`.
    At most `capacity` are kept (1,500 tiles of 118 px: about 60 MB)."""

    ready = Signal(int)
    failed = Signal(int, str)

    def __init__(self, capacity: int = 1500, threads: int = 2, parent: QObject | None = None):
        super().__init__(parent)
        self.capacity = capacity
        self.runner = TaskRunner(threads, self)
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._pending: set[tuple[int, int]] = set()
        self.problems: dict[int, str] = {}  # sid -> why its picture cannot be shown

    def get(self, sid: int, side: int) -> QImage | None:
        hit = self._cache.get((sid, side))
        if hit is not None:
            self._cache.move_to_end((sid, side))
        return hit

    def request(self, jobs: list[TileJob], side: int, *, prefetch: bool = False) -> int:
        """Ask for the tiles not cached or on their way, grouped by image (one decode each).
        Returns how many were asked for."""
        by_image: dict[Path, list[TileJob]] = {}
        for job in jobs:
            key = (job.sid, side)
            if key in self._cache or key in self._pending or job.sid in self.problems:
                continue
            self._pending.add(key)
            by_image.setdefault(job.path, []).append(job)
        for group in by_image.values():
            self.runner.run(render_tiles, group, side, priority=0 if prefetch else 1,
                            on_result=lambda r, s=side: self._done(r, s),
                            on_error=lambda exc, _tb, g=group, s=side: self._error(g, s, exc))
        return sum(len(g) for g in by_image.values())

    def waiting(self, sids: list[int], side: int) -> int:
        """How many of these tiles are still being made."""
        return sum(1 for sid in sids if (sid, side) in self._pending)

    def _done(self, result: list[tuple[int, QImage]], side: int) -> None:
        for sid, image in result:
            self._pending.discard((sid, side))
            self._cache[(sid, side)] = image
            self._cache.move_to_end((sid, side))
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        for sid, _image in result:
            self.ready.emit(sid)

    def _error(self, group: list[TileJob], side: int, exc: BaseException) -> None:
        from ...core.folder.imaging import FileMissing

        if isinstance(exc, (FileMissing, FileNotFoundError)):
            sentence = translate("glance", "{image} is missing from the folder").format(
                image=group[0].path.name)
        else:
            sentence = translate("glance", "{image} cannot be shown: {reason}").format(
                image=group[0].path.name, reason=error_text(exc))
        for job in group:
            self._pending.discard((job.sid, side))
            self.problems[job.sid] = sentence
            self.failed.emit(job.sid, sentence)

    def close(self) -> None:
        self.runner.cancel_all()
        self.runner.wait(10_000)
