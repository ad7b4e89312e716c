"""Tolerant parsing: every shape a model or server may send, validated field by field."""

from __future__ import annotations

import pytest

from glancelabel.core.model import Box, Kind
from glancelabel.core.providers.base import ClassSpec, parse_response
from glancelabel.core.providers.parsing import extract_json

CLASSES = (ClassSpec("car", "any road vehicle with four wheels"), ClassSpec("traffic_light"))
GOOD = {"objects": [{"label": "car", "box": [10, 20, 110, 70], "text": None,
                     "confidence": 0.8, "rationale": "A red car."}],
        "tags": [{"label": "Traffic Light", "confidence": None, "rationale": ""}]}


def parse(answer, conv="pixels", sent=(200, 100), shown=(400, 200)):
    return parse_response(answer, classes=CLASSES, convention=conv, sent_size=sent,
                          displayed_size=shown)


def test_structured_answer():
    p = parse(GOOD)
    car, tag = p.suggestions
    assert (car.kind, car.raw_label, car.label, car.confidence) == (Kind.BOX, "car", "car", 0.8)
    assert car.box == Box(20, 40, 200, 100)  # sent 200x100 -> displayed 400x200
    assert (tag.kind, tag.label, tag.box) == (Kind.TAG, "traffic_light", None)
    assert p.dropped == () and p.refusal is None


@pytest.mark.parametrize("text", [
    "```json\n" + __import__("json").dumps(GOOD) + "\n```",
    "Here is what I see:\n```\n" + __import__("json").dumps(GOOD) + "\n```\nDone.",
    "Sure! " + __import__("json").dumps(GOOD) + " Hope this helps.",
])
def test_fenced_and_prose_json(text):
    p = parse(text)
    assert [s.raw_label for s in p.suggestions] == ["car", "Traffic Light"]


def test_unknown_label_is_kept_as_unknown():
    p = parse({"objects": [{"label": "Bicycle", "box": [0, 0, 50, 50]}], "tags": ["sunny"]})
    bike, tag = p.suggestions
    assert bike.raw_label == "Bicycle" and bike.label is None
    assert tag.raw_label == "sunny" and tag.label is None


def test_missing_fields_and_variants():
    answer = [{"class": "car", "bbox": {"x": 10, "y": 10, "width": 20, "height": 30}},
              {"name": "traffic light", "bbox_2d": [[1, 2, 11, 12]]}]
    p = parse(answer, shown=(200, 100))
    assert [s.label for s in p.suggestions] == ["car", "traffic_light"]
    assert p.suggestions[0].box == Box(10, 10, 20, 30)
    assert p.suggestions[0].confidence is None and p.suggestions[0].rationale == ""


def test_wrong_shape_is_reported():
    p = parse({"answer": "there are two cars"})
    assert p.suggestions == () and "neither" in p.dropped[0].reason
    p = parse({"objects": "two cars", "tags": 5})
    assert p.suggestions == () and len(p.dropped) == 2


def test_each_bad_item_is_dropped_with_a_reason():
    p = parse({"objects": [
        {"label": "car", "box": [10, 10, 50, 50], "confidence": 7},
        {"box": [10, 10, 50, 50]},
        {"label": "car"},
        {"label": "car", "box": [500, 500, 600, 600]},
        {"label": "car", "box": [10, 10, 10.2, 50]},
        {"label": "car", "box": [1, 2, 3]},
        "car",
    ], "tags": [{"label": "car"}, {"label": "CAR"}, 3]})
    assert len([s for s in p.suggestions if s.kind is Kind.BOX]) == 1
    reasons = " | ".join(d.reason for d in p.dropped)
    for part in ("confidence", "no label", "no box", "outside", "degenerate", "4 numbers",
                 "not a JSON object", "duplicate tag", "neither a string"):
        assert part in reasons
    assert p.suggestions[0].confidence is None


def test_refusal_text_without_json():
    p = parse("I'm sorry, but I can't help with identifying people in this image.")
    assert p.suggestions == ()
    assert p.refusal.startswith("I'm sorry")
    assert "no JSON" in p.dropped[0].reason


def test_yxyx_dict_box_is_put_in_convention_order():
    p = parse({"objects": [{"label": "car", "box": {"ymin": 100, "xmin": 200, "ymax": 500,
                                                    "xmax": 600}}]}, conv="yxyx1000",
              sent=(1000, 1000), shown=(1000, 1000))
    assert p.suggestions[0].box == Box(200, 100, 400, 400)


def test_extract_json_prefers_the_answer_over_stray_braces():
    text = 'Classes {car} noted. Result: {"objects": [], "tags": ["x"]}'
    assert extract_json(text) == {"objects": [], "tags": ["x"]}
    assert extract_json("") is None and extract_json("no json here") is None
