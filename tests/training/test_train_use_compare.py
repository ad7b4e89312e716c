"""A really trained model, used and compared (`-m train`, the real training environment): train a
detector and a classifier from the YAML (no download) on synthetic shapes, then the local provider
suggests with them by name, in the displayed frame of an EXIF-rotated image, mapped to the project's
classes, and the held-out comparison scores them beside a large-model run."""

from __future__ import annotations

import random

import pytest
from PIL import Image
from trainkit import CLASSES, shapes_image, shapes_project

from glancelabel.core.model import Kind
from glancelabel.core.providers import ClassSpec, SuggestRequest, get_provider
from glancelabel.core.providers.yolo_onnx import YoloOnnxClassifier, YoloOnnxDetector, open_model
from glancelabel.core.quality.heldout import build_comparisons
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.store.training import val_image_ids
from glancelabel.core.suggest.local_model import resolve_local_model
from glancelabel.core.training.job import TrainRequest, run_training

pytestmark = pytest.mark.train
SETTINGS = {"epochs": 2, "imgsz": 64, "device": "cpu", "batch": 8}


@pytest.fixture
def trained(tmp_path, train_env):
    folder = tmp_path / "shapes"
    store, truth = shapes_project(folder, 24, gif=False)
    det = run_training(store, folder, TrainRequest("detect", weights="yolo11n.yaml", **SETTINGS))
    cls = run_training(store, folder, TrainRequest("classify", weights="yolo11n-cls.yaml",
                                                   **SETTINGS))
    assert det.status == "done" and cls.status == "done", (det.message, cls.message)
    img, _ = shapes_image(random.Random(7), 96, 2)
    upright = img.crop((0, 16, 96, 80))  # 96 x 64, not square
    upright.save(tmp_path / "upright.png")
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise: stored turned the other way
    upright.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "stored.png", exif=exif)
    yield store, folder, det, cls, tmp_path
    store.close()


def test_trained_models_suggest_and_are_compared(trained):
    """One training of each task serves both checks (a training takes seconds of CPU)."""
    check_suggestions(trained)
    check_comparison(trained)


def check_suggestions(trained):
    store, _folder, det, cls, tmp = trained
    detector_path = resolve_local_model(store, det.model_name)
    engine = open_model(detector_path)
    assert isinstance(engine, YoloOnnxDetector) and engine.names == list(CLASSES)
    assert engine.input_size == (64, 64)
    classes = (ClassSpec("Square"), ClassSpec("circle"))
    provider = get_provider("local", model_path=detector_path, conf_threshold=0.0005)
    on_upright = provider.suggest(SuggestRequest(tmp / "upright.png", classes=classes))
    on_stored = provider.suggest(SuggestRequest(tmp / "stored.png", classes=classes))
    assert on_upright.suggestions, "the trained detector returned no box at all"
    assert on_stored.displayed_size == on_upright.displayed_size == (96, 64)
    # the same picture as displayed: the same boxes, whatever the stored frame
    assert [s.raw_label for s in on_stored.boxes] == [s.raw_label for s in on_upright.boxes]
    assert [v for s in on_stored.boxes for v in s.box.as_list()] == pytest.approx(
        [v for s in on_upright.boxes for v in s.box.as_list()], abs=1e-3)
    for s in on_stored.boxes:
        assert 0 <= s.box.x and s.box.x + s.box.w <= 96 and 0 <= s.box.y
        assert s.box.y + s.box.h <= 64 and s.label in ("Square", "circle")

    classifier_path = resolve_local_model(store, cls.model_name)
    assert isinstance(open_model(classifier_path), YoloOnnxClassifier)
    tags = get_provider("local", model_path=classifier_path).suggest(
        SuggestRequest(tmp / "stored.png", classes=classes)).suggestions
    assert len(tags) == 1 and tags[0].kind is Kind.TAG and tags[0].label in ("Square", "circle")


def check_comparison(trained):
    store, folder, det, cls, _tmp = trained
    held = val_image_ids(store)
    label = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("anthropic", "claude-sonnet-5-5", kind="batch")
    store.add_run_usage(run, 10_000, 1_000, 0.05)
    store.ensure_jobs(run, held)
    store.set_jobs_state([store.job_for(run, i).id for i in held], "done")
    for image_id in held:  # a large model that boxes every annotation exactly, and tags it
        for a in store.annotations(image_id):
            kind = Kind.BOX if a.box is not None else Kind.TAG
            name = next(n for n, i in label.items() if i == a.label_id)
            store.add_suggestions(run, image_id, [NewSuggestion(kind, name, a.label_id, a.box,
                                                                None, 0.9)])
    comparisons = {c.task: c for c in build_comparisons(store, folder)}
    detect, classify = comparisons["detect"], comparisons["classify"]
    assert detect.images == classify.images == len(held)
    assert [m.name for m in detect.models] == [f"local model {det.model_name}",
                                              "anthropic/claude-sonnet-5-5 (run 3)"]
    assert [m.name for m in classify.models] == [f"local model {cls.model_name}",
                                                "anthropic/claude-sonnet-5-5 (run 3)"]
    small, large = detect.models
    assert large.mean_ap.value == 1.0 and large.cost_per_1000 == pytest.approx(
        0.05 / len(held) * 1000)
    assert small.images_per_second > 0 and small.cost_per_1000 == 0.0
    assert small.mean_ap.value is not None and small.mean_ap.value < 1.0
    assert detect.answer.startswith("Use ")
