"""The small interfaces the window's controllers are given instead of the window.

Each controller takes the store, the queue, the canvas … it uses as constructor parameters, plus
these: `Say` (one sentence in the status bar), `Commit` (record an applied ChangeSet for undo and
refresh what it touched) and `ImageView` (what a controller may ask of the image on screen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from ...core.model import ImageRecord
from ...core.review.changes import ChangeSet

Say = Callable[[str], None]
Commit = Callable[["ChangeSet | None"], None]
Key = tuple[str, int]  # ("a", annotation id) or ("s", suggestion id): a box on the canvas


class ImageView(Protocol):
    """The image on screen: the main window implements it."""

    current_id: int | None
    current_record: ImageRecord | None
    is_closed: bool

    def show_image(self, image_id: int, keep_view: bool = False) -> None: ...

    def refresh_boxes(self) -> None: ...

    def update_status(self, problem: str | None = None) -> None: ...

    def select_suggestion(self, sid: int | None) -> None: ...

    def after_change(self, cs: ChangeSet | None) -> None: ...


def back_to_canvas(window: QWidget, canvas: QWidget) -> None:
    """After a dialog: the window active again and the keys on the canvas."""
    window.activateWindow()
    canvas.setFocus()
