"""Box conventions: round trips, clamping, degenerate boxes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glancelabel.core.model import Box
from glancelabel.core.providers.base import BoxConvention
from glancelabel.core.providers.boxes import (
    from_sent_pixels,
    to_displayed_box,
    to_sent_pixels,
)

CONVENTIONS = list(BoxConvention)


def test_each_convention_reads_the_same_box():
    sent, shown = (800, 400), (1600, 800)
    written = {
        "pixels": [80, 40, 240, 200],
        "norm1": [0.1, 0.1, 0.3, 0.5],
        "norm1000": [100, 100, 300, 500],
        "yxyx1000": [100, 100, 500, 300],
    }
    for conv, values in written.items():
        box, why = to_displayed_box(values, conv, sent, shown)
        assert why is None
        assert box == pytest.approx(Box(160, 80, 320, 320)), conv


@given(
    conv=st.sampled_from(CONVENTIONS),
    sw=st.integers(1, 4000), sh=st.integers(1, 4000),
    fx=st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)),
)
def test_round_trip_through_every_convention(conv, sw, sh, fx):
    corners = (fx[0] * sw, fx[1] * sh, fx[2] * sw, fx[3] * sh)
    back = to_sent_pixels(from_sent_pixels(corners, conv, (sw, sh)), conv, (sw, sh))
    assert back == pytest.approx(corners, abs=1e-6)


@given(
    conv=st.sampled_from(CONVENTIONS),
    values=st.lists(st.floats(-5000, 5000), min_size=4, max_size=4),
    sent=st.tuples(st.integers(1, 2000), st.integers(1, 2000)),
    shown=st.tuples(st.integers(1, 8000), st.integers(1, 8000)),
)
def test_kept_boxes_are_always_inside_and_not_degenerate(conv, values, sent, shown):
    box, why = to_displayed_box(values, conv, sent, shown)
    assert (box is None) != (why is None)
    if box is not None:
        assert 0 <= box.x and 0 <= box.y
        assert box.x + box.w <= shown[0] + 1e-9 and box.y + box.h <= shown[1] + 1e-9
        assert box.w >= 1 and box.h >= 1


def test_out_of_bounds_and_negative_boxes_are_clamped():
    box, _ = to_displayed_box([-50, -20, 120, 90], "pixels", (100, 80), (100, 80))
    assert box == Box(0, 0, 100, 80)


def test_inverted_corners_are_put_in_order():
    box, _ = to_displayed_box([60, 50, 10, 20], "pixels", (100, 100), (100, 100))
    assert box == Box(10, 20, 50, 30)


@pytest.mark.parametrize(("values", "reason"), [
    ([120, 10, 150, 50], "outside"),
    ([-30, -30, -1, -1], "outside"),
    ([10, 10, 10.5, 50], "degenerate"),
    ([10, 10, 50, 10], "degenerate"),
    ([1, 2, 3], "4 numbers"),
    ([1, 2, "x", 4], "not all numbers"),
    ([1, 2, math.nan, 4], "non-finite"),
    ([True, 2, 3, 4], "not all numbers"),
])
def test_bad_boxes_are_dropped_with_a_reason(values, reason):
    box, why = to_displayed_box(values, "pixels", (100, 100), (100, 100))
    assert box is None and reason in why
