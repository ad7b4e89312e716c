"""Pure geometry, property-tested."""

from hypothesis import given
from hypothesis import strategies as st

from glancelabel.core.geometry import (
    clamp_box,
    hit_test,
    iou,
    move_box,
    oriented_size,
    resize_box,
    stored_box_to_displayed,
    stored_point_to_displayed,
)
from glancelabel.core.model import Box

coord = st.floats(-500, 1500, allow_nan=False)
side = st.floats(0, 800, allow_nan=False)
dims = st.integers(1, 1000)


@given(coord, coord, side, side, dims, dims)
def test_clamp_stays_inside(x, y, w, h, W, H):
    b = clamp_box(Box(x, y, w, h), W, H)
    assert 0 <= b.x <= W and 0 <= b.y <= H
    assert b.w >= 0 and b.h >= 0
    assert b.x + b.w <= W + 1e-9 and b.y + b.h <= H + 1e-9


@given(coord, coord, side, side)
def test_iou_bounds_and_self(x, y, w, h):
    a = Box(x, y, w, h)
    assert 0 <= iou(a, Box(x + 3, y + 1, w, h)) <= 1
    if w > 1e-3 and h > 1e-3:
        assert abs(iou(a, a) - 1) < 1e-9


def test_iou_known_value():
    assert iou(Box(0, 0, 10, 10), Box(5, 0, 10, 10)) == 50 / 150


@given(st.integers(1, 8), dims, dims)
def test_orientation_maps_corners_into_displayed_frame(o, W, H):
    dw, dh = oriented_size(W, H, o)
    corners = [(0, 0), (W, 0), (0, H), (W, H)]
    mapped = {stored_point_to_displayed(x, y, W, H, o) for x, y in corners}
    assert mapped == {(0, 0), (dw, 0), (0, dh), (dw, dh)}
    full = stored_box_to_displayed(Box(0, 0, W, H), W, H, o)
    assert full == Box(0, 0, dw, dh)


def test_orientation_6_rotates_clockwise():
    # stored 4x2 image, a pixel at the top-left lands at the top-right after rotating 90 cw
    assert stored_point_to_displayed(0, 0, 4, 2, 6) == (2, 0)
    assert stored_point_to_displayed(0, 0, 4, 2, 8) == (0, 4)


@given(coord, coord, st.floats(1, 100), st.floats(1, 100), coord, coord)
def test_move_keeps_size_and_inside(x, y, w, h, dx, dy):
    b = move_box(clamp_box(Box(x, y, w, h), 1000, 1000), dx, dy, 1000, 1000)
    assert 0 <= b.x and b.x + b.w <= 1000 + 1e-9


def test_resize_never_flips():
    b = resize_box(Box(10, 10, 20, 20), "tl", 50, 50, 100, 100)
    assert b.w >= 1 and b.h >= 1 and b.x2 == 30


def test_hit_test_handles_and_smallest_body():
    boxes = [Box(0, 0, 100, 100), Box(40, 40, 10, 10)]
    assert hit_test(boxes, 45, 45, 2).index == 1
    assert hit_test(boxes, 20, 20, 2).index == 0
    h = hit_test(boxes, 100, 100, 3)
    assert (h.index, h.handle) == (0, "br")
    assert hit_test(boxes, 200, 200, 2) is None
