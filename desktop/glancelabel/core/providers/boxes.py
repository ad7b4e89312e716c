"""Box conventions: from what a model wrote to a `Box` in the displayed frame.

Pure functions. The image a provider sees is the displayed (EXIF-oriented) image scaled
to `sent_size`, so mapping back is a per-axis scale; no rotation is involved here.

Conventions (all corner boxes):
- `pixels`:   [x_min, y_min, x_max, y_max] in pixels of the sent image
- `norm1`:    same order, fractions 0-1 of the sent width/height
- `norm1000`: same order, 0-1000
- `yxyx1000`: [y_min, x_min, y_max, x_max], 0-1000 (Gemini, Qwen3-VL)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from glancelabel.core.model import Box

from .records import BoxConvention

Corners = tuple[float, float, float, float]

MIN_SIDE = 1.0  # displayed pixels; a box thinner than this is degenerate


def to_sent_pixels(values: Sequence[float], convention: BoxConvention | str,
                   sent_size: tuple[int, int]) -> Corners:
    """Model coordinates -> corner box (x1, y1, x2, y2) in sent-image pixels."""
    conv = BoxConvention(convention)
    a, b, c, d = (float(v) for v in values)
    sw, sh = sent_size
    if conv is BoxConvention.PIXELS:
        return a, b, c, d
    if conv is BoxConvention.NORM1:
        return a * sw, b * sh, c * sw, d * sh
    if conv is BoxConvention.NORM1000:
        return a * sw / 1000, b * sh / 1000, c * sw / 1000, d * sh / 1000
    # yxyx1000: [y_min, x_min, y_max, x_max]
    return b * sw / 1000, a * sh / 1000, d * sw / 1000, c * sh / 1000


def from_sent_pixels(corners: Corners, convention: BoxConvention | str,
                     sent_size: tuple[int, int]) -> list[float]:
    """Inverse of `to_sent_pixels`: what a model would write for a sent-pixel box."""
    conv = BoxConvention(convention)
    x1, y1, x2, y2 = corners
    sw, sh = sent_size
    if conv is BoxConvention.PIXELS:
        return [x1, y1, x2, y2]
    if conv is BoxConvention.NORM1:
        return [x1 / sw, y1 / sh, x2 / sw, y2 / sh]
    if conv is BoxConvention.NORM1000:
        return [x1 * 1000 / sw, y1 * 1000 / sh, x2 * 1000 / sw, y2 * 1000 / sh]
    return [y1 * 1000 / sh, x1 * 1000 / sw, y2 * 1000 / sh, x2 * 1000 / sw]


def scale_corners(corners: Corners, sent_size: tuple[int, int],
                  displayed_size: tuple[int, int]) -> Corners:
    """Sent-image pixels -> displayed-image pixels (per-axis scale)."""
    sx = displayed_size[0] / sent_size[0]
    sy = displayed_size[1] / sent_size[1]
    x1, y1, x2, y2 = corners
    return x1 * sx, y1 * sy, x2 * sx, y2 * sy


def clamp_corners(corners: Corners, size: tuple[int, int]) -> Corners:
    w, h = size
    x1, y1, x2, y2 = corners
    return (min(max(x1, 0.0), w), min(max(y1, 0.0), h),
            min(max(x2, 0.0), w), min(max(y2, 0.0), h))


def corners_to_box(corners: Corners) -> Box:
    x1, y1, x2, y2 = corners
    return Box(x1, y1, x2 - x1, y2 - y1)


def to_displayed_box(values: Sequence[float], convention: BoxConvention | str,
                     sent_size: tuple[int, int], displayed_size: tuple[int, int],
                     *, min_side: float = MIN_SIDE) -> tuple[Box | None, str | None]:
    """Model box -> (Box in the displayed frame, None) or (None, reason it was dropped).

    Corners written in the wrong order are put in order; the box is clamped to the image;
    a box that is outside the image or thinner than `min_side` pixels is dropped.
    """
    if len(values) != 4:
        return None, f"a box needs 4 numbers, got {len(values)}"
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return None, "box coordinates are not all numbers"
    if not all(math.isfinite(float(v)) for v in values):
        return None, "box has a non-finite coordinate"
    x1, y1, x2, y2 = scale_corners(to_sent_pixels(values, convention, sent_size),
                                   sent_size, displayed_size)
    x1, x2 = sorted((x1, x2))
    y1, y2 = sorted((y1, y2))
    w, h = displayed_size
    if x2 <= 0 or y2 <= 0 or x1 >= w or y1 >= h:
        return None, "box lies entirely outside the image"
    cx1, cy1, cx2, cy2 = clamp_corners((x1, y1, x2, y2), displayed_size)
    if cx2 - cx1 < min_side or cy2 - cy1 < min_side:
        return None, (f"box is degenerate ({cx2 - cx1:.2f} x {cy2 - cy1:.2f} px after "
                      f"clamping to the image)")
    return corners_to_box((cx1, cy1, cx2, cy2)), None
