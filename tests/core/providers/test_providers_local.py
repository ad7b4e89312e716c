"""The offline provider: a YOLO-layout ONNX detector built here, and RapidOCR."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from providerkit import assert_box, make_image

from glancelabel.core.model import Box, Kind
from glancelabel.core.providers import ClassSpec, ProviderError, SuggestRequest, get_provider
from glancelabel.core.providers.yolo_onnx import (
    Letterbox,
    YoloOnnxDetector,
    nms,
    parse_names,
)

NAMES = {0: "person", 1: "car", 2: "dog"}
# candidates in model-input pixels (640 x 640): cx, cy, w, h, then scores per class
CANDIDATES = [
    (320, 320, 100, 200, [0.90, 0.05, 0.0]),  # person, kept
    (325, 322, 100, 200, [0.80, 0.00, 0.0]),  # same person, suppressed by NMS
    (320, 320, 100, 200, [0.00, 0.70, 0.0]),  # a car in the same place: other class, kept
    (500, 300, 50, 50, [0.00, 0.00, 0.1]),    # a dog below the threshold
    (100, 320, 40, 40, [0.00, 0.60, 0.0]),    # a car on the left, kept
]


def build_model(path, *, names=NAMES, with_metadata=True, input_size=640, candidates=32):
    """An ONNX graph that ignores its input and outputs the candidates above (padded with
    empty candidates: real exports have thousands, more than 4 + classes)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nc = len(names)
    out = np.zeros((1, 4 + nc, max(candidates, len(CANDIDATES))), dtype=np.float32)
    for i, (cx, cy, w, h, scores) in enumerate(CANDIDATES):
        out[0, :4, i] = (cx, cy, w, h)
        out[0, 4:, i] = scores[:nc]
    node = helper.make_node("Constant", [], ["output0"], value=numpy_helper.from_array(out))
    graph = helper.make_graph(
        [node], "fake_yolo",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT,
                                       [1, 3, input_size, input_size])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, list(out.shape))])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    if with_metadata:
        onnx.helper.set_model_props(model, {"names": str(names), "stride": "32"})
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


@pytest.fixture
def yolo_model(tmp_path):
    return build_model(tmp_path / "tiny_yolo.onnx")


def test_letterbox_math():
    lb = Letterbox.fit((1280, 640), (640, 640))
    assert (lb.scaled, lb.left, lb.top) == ((640, 320), 0, 160)
    assert lb.to_source(270, 220) == (540, 120)
    lb = Letterbox.fit((640, 1280), (640, 640))
    assert (lb.scaled, lb.left, lb.top) == ((320, 640), 160, 0)
    lb = Letterbox.fit((1000, 999), (640, 640))
    assert (lb.scaled, lb.top) == ((640, 639), 0)
    padded = np.asarray(Letterbox.fit((100, 50), (64, 64)).apply(
        Image.new("RGB", (100, 50), (255, 0, 0))))
    assert tuple(padded[0, 0]) == (114, 114, 114) and tuple(padded[32, 32]) == (255, 0, 0)


def test_parse_names():
    assert parse_names("{0: 'person', 1: 'car'}") == ["person", "car"]
    assert parse_names({1: "b", 0: "a"}) == ["a", "b"]
    assert parse_names('["x", "y"]') == ["x", "y"]
    assert parse_names("") is None and parse_names("not names") is None


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], dtype=np.float32)
    assert nms(boxes, np.array([0.5, 0.9, 0.3]), 0.45) == [1, 2]


def test_detector_maps_letterboxed_boxes_back(yolo_model):
    det = YoloOnnxDetector(yolo_model)
    assert det.names == ["person", "car", "dog"] and det.input_size == (640, 640)
    found = det.detect(Image.new("RGB", (1280, 640)))
    assert [(d.name, round(d.score, 2)) for d in found] == [("person", 0.9), ("car", 0.7),
                                                            ("car", 0.6)]
    # person: input corners (270, 220, 370, 420) -> source (x / 0.5, (y - 160) / 0.5)
    assert found[0].corners == pytest.approx((540, 120, 740, 520))
    assert found[2].corners == pytest.approx((160, 280, 240, 360))
    portrait = det.detect(Image.new("RGB", (640, 1280)))  # pad left 160, scale 0.5
    assert portrait[0].corners == pytest.approx((220, 440, 420, 840))


def test_local_provider_with_detector_on_a_rotated_image(yolo_model, tmp_path):
    # stored 640 x 1280, EXIF 6 -> displayed 1280 x 640 (the detector sees it upright)
    path = make_image(tmp_path / "r.jpg", (640, 1280), orientation=6)
    provider = get_provider("local", model_path=yolo_model)
    result = provider.suggest(SuggestRequest(path, classes=(ClassSpec("Car"),)))
    person, car, car2 = result.suggestions
    assert_box(person.box, Box(540, 120, 200, 400), 1e-3)
    assert (person.raw_label, person.label, person.kind) == ("person", None, Kind.BOX)
    assert (car.raw_label, car.label) == ("car", "Car")
    assert car.confidence == pytest.approx(0.7) and "tiny_yolo.onnx" in car.rationale
    assert result.displayed_size == (1280, 640) and result.cost_usd == 0.0
    assert result.model == "onnx:tiny_yolo.onnx" and result.provider == "local"
    preview = provider.preview(SuggestRequest(path))
    assert preview.media_type == "image/jpeg" and "network" in preview.user_text


def test_names_file_and_missing_names(tmp_path):
    model = build_model(tmp_path / "m.onnx", with_metadata=False)
    assert [d.name for d in YoloOnnxDetector(model).detect(Image.new("RGB", (640, 640)))] == [
        "class_0", "class_1", "class_1"]
    (tmp_path / "names.txt").write_text("human\nvehicle\nanimal\n")
    det = YoloOnnxDetector(model, names_path=tmp_path / "names.txt")
    assert det.detect(Image.new("RGB", (640, 640)))[0].name == "human"
    (tmp_path / "data.yaml").write_text("names:\n  0: a\n  1: b\n  2: c\n")
    assert YoloOnnxDetector(model, names_path=tmp_path / "data.yaml").names == ["a", "b", "c"]


def test_bad_model_paths_are_clear_errors(tmp_path):
    with pytest.raises(ProviderError, match="does not exist"):
        YoloOnnxDetector(tmp_path / "none.onnx")
    (tmp_path / "junk.onnx").write_bytes(b"junk")
    with pytest.raises(ProviderError, match="could not be loaded"):
        YoloOnnxDetector(tmp_path / "junk.onnx")


def test_ocr_engine_unavailable_says_why(monkeypatch, tmp_path):
    from glancelabel.core.providers import local

    monkeypatch.setattr(local, "_ocr_engine", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    path = make_image(tmp_path / "a.jpg")
    with pytest.raises(ProviderError, match="RapidOCR.*unavailable") as info:
        get_provider("local").suggest(SuggestRequest(path))
    assert info.value.kind == "unavailable"


@pytest.mark.skipif(importlib.util.find_spec("rapidocr_onnxruntime") is None,
                    reason="rapidocr-onnxruntime is not installed (Python >= 3.13?)")
def test_ocr_reads_rendered_text(tmp_path):
    img = Image.new("RGB", (900, 300), "white")
    font = ImageFont.load_default(size=72)
    ImageDraw.Draw(img).text((60, 100), "INVOICE 2024", fill="black", font=font)
    img.save(tmp_path / "text.png")
    result = get_provider("local").suggest(
        SuggestRequest(tmp_path / "text.png", classes=(ClassSpec("Text"),)))
    assert result.model == "rapidocr"
    (s,) = [s for s in result.suggestions if "INVOICE" in (s.text or "")]
    assert (s.raw_label, s.label, s.kind) == ("text", "Text", Kind.BOX)
    assert "2024" in s.text
    assert 30 <= s.box.x <= 90 and 80 <= s.box.y <= 130
    assert 400 <= s.box.w <= 700 and 40 <= s.box.h <= 130
    assert 0 < s.confidence <= 1
