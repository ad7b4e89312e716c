"""Pure geometry: clamping, IoU, hit-testing and mapping between image frames.

Frames: the *stored* frame is the pixel grid of the file as encoded; the *displayed* frame is after
its EXIF orientation (1-8) is applied. All boxes in the project are in the displayed frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Box

MIN_SIDE = 1.0  # boxes thinner than one pixel are degenerate


def clamp_box(box: Box, width: float, height: float) -> Box:
    """Clip a box to [0, width] x [0, height]; may return a zero-size box."""
    x1 = min(max(box.x, 0.0), width)
    y1 = min(max(box.y, 0.0), height)
    x2 = min(max(box.x + box.w, 0.0), width)
    y2 = min(max(box.y + box.h, 0.0), height)
    return Box(x1, y1, max(x2 - x1, 0.0), max(y2 - y1, 0.0))


def normalized(box: Box) -> Box:
    """The same box with non-negative width and height (dragging up/left gives negative ones)."""
    x, w = (box.x + box.w, -box.w) if box.w < 0 else (box.x, box.w)
    y, h = (box.y + box.h, -box.h) if box.h < 0 else (box.y, box.h)
    return Box(x, y, w, h)


def is_degenerate(box: Box, min_side: float = MIN_SIDE) -> bool:
    return not (box.w >= min_side and box.h >= min_side)


def iou(a: Box, b: Box) -> float:
    ix = max(0.0, min(a.x2, b.x2) - max(a.x, b.x))
    iy = max(0.0, min(a.y2, b.y2) - max(a.y, b.y))
    inter = ix * iy
    union = a.area + b.area - inter
    return inter / union if union > 0 else 0.0


def move_box(box: Box, dx: float, dy: float, width: float, height: float) -> Box:
    """Translate a box, keeping its size and keeping it inside the image."""
    x = min(max(box.x + dx, 0.0), max(width - box.w, 0.0))
    y = min(max(box.y + dy, 0.0), max(height - box.h, 0.0))
    return Box(x, y, box.w, box.h)


# -- hit-testing ----------------------------------------------------------------------------
HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")


@dataclass(frozen=True, slots=True)
class Hit:
    index: int  # position in the list of boxes tested
    handle: str | None  # one of HANDLES, or None for the body


def handle_points(box: Box) -> dict[str, tuple[float, float]]:
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    return {
        "tl": (box.x, box.y), "t": (cx, box.y), "tr": (box.x2, box.y), "r": (box.x2, cy),
        "br": (box.x2, box.y2), "b": (cx, box.y2), "bl": (box.x, box.y2), "l": (box.x, cy),
    }


def hit_test(boxes: list[Box], x: float, y: float, tolerance: float) -> Hit | None:
    """The topmost (last) box whose handle or body is under (x, y); handles win over bodies.

    Among overlapping bodies the smallest box wins, so a small box inside a big one stays reachable.
    """
    for i in range(len(boxes) - 1, -1, -1):
        for name, (hx, hy) in handle_points(boxes[i]).items():
            if abs(hx - x) <= tolerance and abs(hy - y) <= tolerance:
                return Hit(i, name)
    inside = [
        i for i, b in enumerate(boxes) if b.x <= x <= b.x2 and b.y <= y <= b.y2
    ]
    if not inside:
        return None
    return Hit(min(inside, key=lambda i: (boxes[i].area, -i)), None)


def resize_box(box: Box, handle: str, x: float, y: float, width: float, height: float) -> Box:
    """Move one handle of a box to (x, y), clamped to the image; never flips below 1 px."""
    x = min(max(x, 0.0), width)
    y = min(max(y, 0.0), height)
    x1, y1, x2, y2 = box.x, box.y, box.x2, box.y2
    if "l" in handle:
        x1 = min(x, x2 - MIN_SIDE)
    if "r" in handle:
        x2 = max(x, x1 + MIN_SIDE)
    if handle.startswith("t"):
        y1 = min(y, y2 - MIN_SIDE)
    if handle.startswith("b"):
        y2 = max(y, y1 + MIN_SIDE)
    return clamp_box(Box(x1, y1, x2 - x1, y2 - y1), width, height)


# -- EXIF orientation -----------------------------------------------------------------------
def oriented_size(width: int, height: int, orientation: int) -> tuple[int, int]:
    """Size as displayed for a stored size and an EXIF orientation (5-8 swap the sides)."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def stored_point_to_displayed(
    x: float, y: float, width: int, height: int, orientation: int
) -> tuple[float, float]:
    """Map a point of the stored pixel grid (width x height) to the displayed frame."""
    w, h = width, height
    match orientation:
        case 2:
            return w - x, y
        case 3:
            return w - x, h - y
        case 4:
            return x, h - y
        case 5:
            return y, x
        case 6:
            return h - y, x
        case 7:
            return h - y, w - x
        case 8:
            return y, w - x
        case _:
            return x, y


def stored_box_to_displayed(box: Box, width: int, height: int, orientation: int) -> Box:
    """Map a box from the stored frame to the displayed frame."""
    ax, ay = stored_point_to_displayed(box.x, box.y, width, height, orientation)
    bx, by = stored_point_to_displayed(box.x2, box.y2, width, height, orientation)
    return Box(min(ax, bx), min(ay, by), abs(bx - ax), abs(by - ay))


def scale_box(box: Box, sx: float, sy: float) -> Box:
    return Box(box.x * sx, box.y * sy, box.w * sx, box.h * sy)
