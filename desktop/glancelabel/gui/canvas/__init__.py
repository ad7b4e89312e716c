"""The image canvas: a QGraphicsView that paints the image and its boxes and reports edits."""

from .items import BoxSpec
from .view import CanvasView

__all__ = ["BoxSpec", "CanvasView"]
