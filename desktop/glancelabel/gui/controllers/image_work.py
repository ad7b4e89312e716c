"""What the controllers that work on the image on screen share (navigation, reviewing): the
store, the review queue, the canvas, the image list, the image view, the change recorder and the
status line, given once to their common base."""

from __future__ import annotations

from typing import Any

from ...core.review.queue import ReviewQueue
from ..canvas import CanvasView
from ..image_list import ImageListPanel
from .changes import ChangeRecorder
from .ports import ImageView, Say


class ImageWork:
    def __init__(self, store: Any, queue: ReviewQueue, canvas: CanvasView,
                 image_list: ImageListPanel, view: ImageView, changes: ChangeRecorder,
                 say: Say) -> None:
        self.store = store
        self.queue = queue
        self.canvas = canvas
        self.image_list = image_list
        self.view = view
        self.changes = changes
        self.say = say
