"""Matching two runs' suggestions on one image, on hand-made cases (pure: no project)."""

from __future__ import annotations

import pytest

from glancelabel.core.consensus.match import (
    Candidate,
    fuse_boxes,
    fuse_confidence,
    match_image,
)
from glancelabel.core.model import Box, Kind


def box(i: int, cls: str, x: float, y: float, w: float, h: float, conf: float | None = 0.9):
    return Candidate(i, Kind.BOX, cls, Box(x, y, w, h), conf)


def tag(i: int, cls: str, conf: float | None = None):
    return Candidate(i, Kind.TAG, cls, None, conf)


def test_same_class_overlapping_boxes_agree_and_fuse_by_confidence():
    # IoU of (0,0,10,10) and (2,0,10,10) = 80 / 120 = 0.667
    a = [box(1, "car", 0, 0, 10, 10, 0.75)]
    b = [box(2, "car", 2, 0, 10, 10, 0.25)]
    m = match_image(a, b)
    assert [(p.a.id, p.b.id) for p in m.pairs] == [(1, 2)] and m.disputed == []
    assert m.pairs[0].iou == pytest.approx(80 / 120)
    # corners weighted 3:1 -> x1 = 0.75*0 + 0.25*2 = 0.5, x2 = 0.75*10 + 0.25*12 = 10.5
    assert m.pairs[0].box == Box(0.5, 0.0, 10.0, 10.0)
    assert m.pairs[0].confidence == pytest.approx(0.5)


def test_below_the_threshold_both_are_disputed_unless_the_threshold_is_lowered():
    # IoU of (0,0,10,10) and (5,0,10,10) = 50 / 150 = 0.333
    a = [box(1, "car", 0, 0, 10, 10)]
    b = [box(2, "car", 5, 0, 10, 10)]
    m = match_image(a, b)
    assert m.pairs == [] and [c.id for c in m.disputed] == [1, 2]
    assert [(p.a.id, p.b.id) for p in match_image(a, b, threshold=0.3).pairs] == [(1, 2)]
    # exactly at the threshold agrees
    assert len(match_image(a, b, threshold=50 / 150).pairs) == 1


def test_another_class_never_agrees_however_close_the_boxes():
    m = match_image([box(1, "car", 0, 0, 10, 10)], [box(2, "truck", 0, 0, 10, 10)])
    assert m.pairs == [] and [c.id for c in m.disputed] == [1, 2]


def test_each_box_pairs_once_highest_overlap_first():
    # a1 overlaps b1 (IoU 0.82) and b2 (0.54); a2 overlaps only b1 (IoU 0.67): greedy by IoU
    # gives a1-b1, and b2 stays for nobody else -> a2 and b2 disputed
    a = [box(1, "car", 0, 0, 10, 10), box(2, "car", 3, 0, 10, 10)]
    b = [box(3, "car", 1, 0, 10, 10), box(4, "car", -3, 0, 10, 10)]
    # (a2-b2: IoU 0.25, below the threshold)
    m = match_image(a, b)
    assert [(p.a.id, p.b.id) for p in m.pairs] == [(1, 3)]
    assert m.pairs[0].iou == pytest.approx(9 / 11)
    assert [c.id for c in m.disputed] == [2, 4]
    # two objects side by side, each model sees both: two agreed pairs, nothing disputed
    a = [box(1, "car", 0, 0, 10, 10), box(2, "car", 50, 0, 10, 10)]
    b = [box(3, "car", 51, 0, 10, 10), box(4, "car", 1, 1, 10, 10)]
    m = match_image(a, b)
    assert {(p.a.id, p.b.id) for p in m.pairs} == {(1, 4), (2, 3)} and m.disputed == []


def test_image_tags_agree_when_both_give_the_same_class():
    a = [tag(1, "indoor"), tag(2, "night")]
    b = [tag(3, "night"), tag(4, "blurry")]
    m = match_image(a, b)
    assert [(p.a.id, p.b.id, p.box) for p in m.pairs] == [(2, 3, None)]
    assert [c.id for c in m.disputed] == [1, 4]


def test_a_box_and_a_tag_of_one_class_do_not_agree():
    m = match_image([box(1, "car", 0, 0, 10, 10)], [tag(2, "car")])
    assert m.pairs == [] and len(m.disputed) == 2


def test_fusing_without_confidences_takes_the_plain_mean():
    assert fuse_boxes(Box(0, 0, 10, 10), None, Box(2, 2, 10, 10), 0.8) == Box(1, 1, 10, 10)
    assert fuse_confidence(None, 0.8) == 0.8
    assert fuse_confidence(None, None) is None
    assert fuse_confidence(0.9, 0.7) == pytest.approx(0.8)


def test_a_threshold_outside_0_1_is_refused():
    with pytest.raises(ValueError, match="IoU threshold"):
        match_image([], [], threshold=0)
    with pytest.raises(ValueError, match="IoU threshold"):
        match_image([], [], threshold=1.5)
