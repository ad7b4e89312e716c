"""Mouse interactions on the canvas as small Qt-free states: draw, move, resize.

A drag starts from a hit (core.geometry.hit_test) or from the draw tool, and every mouse position
maps to a box through the pure functions of core.geometry, clamped to the image.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.geometry import clamp_box, hit_test, move_box, normalized, resize_box
from ...core.model import Box

HANDLE_PX = 6.0  # half-size of a handle on screen, in device-independent pixels


@dataclass
class Drag:
    kind: str  # "draw" | "move" | "resize"
    start: tuple[float, float]
    key: tuple | None = None  # the box's key for move/resize
    box: Box | None = None  # the box when the drag started
    handle: str | None = None
    moved: bool = False

    def box_at(self, x: float, y: float, width: float, height: float) -> Box:
        sx, sy = self.start
        if self.kind == "draw":
            return clamp_box(normalized(Box(sx, sy, x - sx, y - sy)), width, height)
        assert self.box is not None  # a move or resize starts on a box
        if self.kind == "move":
            return move_box(self.box, x - sx, y - sy, width, height)
        assert self.handle is not None  # a resize starts on a handle
        return resize_box(self.box, self.handle, x, y, width, height)


def start_drag(keys: list, boxes: list[Box], x: float, y: float, scale: float) -> Drag | None:
    """The drag that a left press at image point (x, y) starts, or None (empty space).
    `scale` is screen pixels per image pixel, so handles keep their size on screen."""
    hit = hit_test(boxes, x, y, HANDLE_PX / max(scale, 1e-6))
    if hit is None:
        return None
    kind = "move" if hit.handle is None else "resize"
    return Drag(kind, (x, y), keys[hit.index], boxes[hit.index], hit.handle)
