"""The offline provider with an image classifier (yolo11n-cls layout, output [1, classes]) and
with detectors told apart from classifiers by their metadata or their output's shape."""

from __future__ import annotations

import pytest
from PIL import Image
from providerkit import make_image

from fakes.onnx_models import build_classifier, build_detector
from glancelabel.core.model import Kind
from glancelabel.core.providers import ClassSpec, ProviderError, SuggestRequest, get_provider
from glancelabel.core.providers.yolo_onnx import (
    YoloOnnxClassifier,
    YoloOnnxDetector,
    open_model,
)


def half_bright(path, size, *, bright_half: str, orientation: int = 1):
    """An image (stored frame) with one half white and the other black."""
    w, h = size
    img = Image.new("RGB", size, (0, 0, 0))
    box = {"top": (0, 0, w, h // 2), "bottom": (0, h // 2, w, h),
           "left": (0, 0, w // 2, h), "right": (w // 2, 0, w, h)}[bright_half]
    img.paste((255, 255, 255), box)
    kwargs = {}
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif
    img.save(path, "PNG", **kwargs)
    return path


def test_classifier_ranks_every_class_with_names_from_metadata(tmp_path):
    model = build_classifier(tmp_path / "cls.onnx", ["cat", "dog", "bird"],
                             probs=[0.1, 0.7, 0.2])
    engine = open_model(model)
    assert isinstance(engine, YoloOnnxClassifier) and engine.task == "classify"
    assert engine.input_size == (224, 224)
    ranked = engine.classify(Image.new("RGB", (500, 300)))
    assert [(c.name, round(c.score, 2)) for c in ranked] == [("dog", 0.7), ("bird", 0.2),
                                                             ("cat", 0.1)]


def test_task_comes_from_the_output_shape_without_metadata(tmp_path):
    model = build_classifier(tmp_path / "cls.onnx", ["a", "b"], probs=[0.4, 0.6],
                             task_metadata=False)
    assert isinstance(open_model(model), YoloOnnxClassifier)
    detector = build_detector(tmp_path / "det.onnx", ["a"], [(10, 10, 4, 4, [0.9])])
    assert isinstance(open_model(detector), YoloOnnxDetector)


def test_classifier_sees_the_centre_crop_of_the_image(tmp_path):
    model = open_model(build_classifier(tmp_path / "halves.onnx", ["top", "bottom"]))
    top = Image.new("RGB", (300, 600), (0, 0, 0))
    top.paste((255, 255, 255), (0, 0, 300, 300))
    assert model.classify(top)[0].name == "top"
    bottom = top.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    assert model.classify(bottom)[0].name == "bottom"


@pytest.mark.parametrize("orientation, stored_bright", [(1, "top"), (3, "bottom"), (6, "left"),
                                                        (8, "right")])
def test_local_provider_tags_the_image_as_displayed(tmp_path, orientation, stored_bright):
    # stored frames whose displayed (EXIF-rotated) picture has its bright half on top
    size = (400, 300) if orientation in (1, 3) else (300, 400)
    path = half_bright(tmp_path / "img.png", size, bright_half=stored_bright,
                       orientation=orientation)
    model = build_classifier(tmp_path / "halves.onnx", ["Sky above", "ground above"])
    provider = get_provider("local", model_path=model)
    result = provider.suggest(SuggestRequest(path, classes=(ClassSpec("sky above"),)))
    (tag,) = result.suggestions
    assert tag.kind is Kind.TAG and tag.box is None
    assert (tag.raw_label, tag.label) == ("Sky above", "sky above")  # mapped by name
    assert 0.5 < tag.confidence < 1 and "halves.onnx" in tag.rationale
    assert result.cost_usd == 0.0 and result.model == "onnx:halves.onnx"
    assert result.displayed_size == (400, 300)


def test_an_unknown_class_stays_unmapped(tmp_path):
    model = build_classifier(tmp_path / "c.onnx", ["zebra", "okapi"], probs=[0.9, 0.1])
    path = make_image(tmp_path / "a.jpg")
    result = get_provider("local", model_path=model).suggest(
        SuggestRequest(path, classes=(ClassSpec("horse"),)))
    assert [(s.raw_label, s.label) for s in result.suggestions] == [("zebra", None)]
    preview = get_provider("local", model_path=model).preview(SuggestRequest(path))
    assert preview.user_text.startswith("Image classifier c.onnx")


def test_a_classifier_with_a_wrong_output_shape_says_so(tmp_path):
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    from fakes.onnx_models import save_model

    value = numpy_helper.from_array(np.zeros((2, 3), dtype=np.float32))
    path = save_model([helper.make_node("Constant", [], ["output0"], value=value)],
                 [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 32, 32])],
                 [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [2, 3])],
                 tmp_path / "bad.onnx", {"task": "classify"})
    with pytest.raises(ProviderError, match=r"shape \[2, 3\], not the layout \[1, classes\]"):
        open_model(path).classify(Image.new("RGB", (64, 64)))
