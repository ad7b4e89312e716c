"""The Label Studio export read by Label Studio's own code (label-studio-sdk), offline.

The SDK's `Converter` (the code Label Studio's server runs for its COCO and YOLO exports) turns our
tasks into COCO and YOLO, and its `LabelInterface` validates every annotation and prediction against
the labelling config we write beside the tasks. Values are compared with what the test put in the
project: image, class and box (to 1e-6 px; the EXIF-rotated image in its displayed frame), and the
predictions with their scores and model version. The converter is given a local-files resolver that
refuses every file, so it reads no image and reaches no server: image sizes come from our
`original_width`/`original_height` only.

Two things the SDK does that are not ours to fix: its converters read predictions never (only
annotations; the test moves predictions into annotations to read their boxes), and its YOLO and VOC
writers name label files by the image's base name, so `a.jpg` and `sub/a.jpg` collide (the test
converts one task at a time for YOLO).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import orjson
import pytest
from formatkit import NONASCII, Project
from label_studio_sdk.converter import Converter
from label_studio_sdk.label_interface import LabelInterface
from label_studio_sdk.label_interface.objects import PredictionValue
from label_studio_sdk.types.prediction_request import PredictionRequest

from glancelabel.core.formats import ExportPlan, ImportPlan, export, import_dataset
from glancelabel.core.formats.labelstudio import label_config
from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion

PX = 1e-6  # tolerance in pixels
# The sample's displayed sizes (rot6.jpg is stored 60x40 with EXIF orientation 6).
SIZES = {"a.jpg": (64, 48), "sub/a.jpg": (40, 30), NONASCII: (50, 50), "rot6.jpg": (40, 60),
         "bg.png": (32, 32), "new.jpg": (20, 20), "same.jpg": (30, 30), "same.png": (30, 20)}
# What the test puts in as suggestions: relpath -> [(run, kind, class, box or None, confidence)]
RUNS = {1: ("openai", "gpt-x"), 2: ("anthropic", "claude-y")}
SUGGESTED = {
    "new.jpg": [(1, Kind.BOX, "cat", Box(2, 4, 10, 5), 0.9), (1, Kind.TAG, "dog", None, 0.5),
                (2, Kind.BOX, "dog", Box(0, 0, 20, 20), 0.25)],
    "rot6.jpg": [(1, Kind.BOX, "dog", Box(1.5, 40.25, 30, 19.75), 0.8)],  # displayed frame
}


def _refuse(_relpath: str) -> None:
    """A local-files resolver that gives no file: the converter reads no image, downloads none."""
    return None


def _converter(config: Path) -> Converter:
    return Converter(config=str(config), project_dir=None, download_resources=False,
                     local_files_resolver=_refuse)


def _relpath(url: str) -> str:
    assert url.startswith("/data/local-files/?d="), url
    return unquote(url.split("?d=", 1)[1])


def _with_suggestions(p: Project) -> None:
    runs = {n: p.store.create_run(*RUNS[n]) for n in RUNS}
    for rel, items in SUGGESTED.items():
        for n in RUNS:
            mine = [NewSuggestion(kind, name, p.label(name), box, confidence=conf)
                    for run, kind, name, box, conf in items if run == n]
            if mine:
                p.store.add_suggestions(runs[n], p.id(rel), mine)


@pytest.fixture
def exported(sample, tmp_path, monkeypatch):
    """The sample's Label Studio export (all images, pending suggestions as predictions, a tag on
    bg.png)."""
    for var in ("LABEL_STUDIO_URL", "LABEL_STUDIO_HOST", "LOCAL_FILES_DOCUMENT_ROOT"):
        monkeypatch.delenv(var, raising=False)
    _with_suggestions(sample)
    sample.tag("bg.png", "dog")
    out = tmp_path / "tasks.json"
    export(sample.store, ExportPlan(format="labelstudio", out=out, all_images=True,
                                    include_suggestions=True), sample.folder)
    return out, tmp_path / "tasks.label_config.xml"


def _coco_by_image(result: Path) -> tuple[dict, dict]:
    """COCO written by the converter -> ({relpath: (w, h)}, {relpath: sorted (class, x, y, w, h)})."""
    coco = json.loads(result.read_text())
    names = {c["id"]: c["name"] for c in coco["categories"]}
    rel_of = {im["id"]: _relpath(im["file_name"]) for im in coco["images"]}
    sizes = {rel_of[im["id"]]: (im["width"], im["height"]) for im in coco["images"]
             if im["width"] is not None}
    boxes: dict[str, list] = {}
    for a in coco["annotations"]:
        boxes.setdefault(rel_of[a["image_id"]], []).append((names[a["category_id"]], *a["bbox"]))
    return sizes, {k: sorted(v) for k, v in boxes.items()}


def _assert_boxes_equal(got: dict, want: dict) -> None:
    assert sorted(got) == sorted(want)
    for rel, boxes in want.items():
        assert [b[0] for b in got[rel]] == [b[0] for b in boxes], rel
        for g, w in zip(got[rel], boxes, strict=True):
            assert g[1:] == pytest.approx(w[1:], abs=PX), (rel, g, w)


def test_label_studio_converter_reads_the_boxes_classes_and_sizes_as_coco(sample, exported,
                                                                          tmp_path):
    tasks, config = exported
    _converter(config).convert(str(tasks), str(tmp_path / "coco"), "COCO", is_dir=False)
    sizes, boxes = _coco_by_image(tmp_path / "coco" / "result.json")
    truth = sample.truth()
    truth.pop("excluded.jpg")  # excluded images are left out of every export
    _assert_boxes_equal(boxes, truth)
    # the converter takes an image's size from our original_width/height: the displayed frame
    assert sizes == {rel: SIZES[rel] for rel in truth}
    assert sizes["rot6.jpg"] == (40, 60)


def test_label_studio_converter_writes_yolo_lines_equal_to_the_boxes(sample, exported, tmp_path):
    tasks, config = exported
    classes = None
    got: dict[str, list] = {}
    for task in orjson.loads(tasks.read_bytes()):  # one task at a time: YOLO names by base name
        rel = task["meta"]["relpath"]
        one = tmp_path / "one.json"
        one.write_bytes(orjson.dumps(task))
        out = tmp_path / "yolo" / str(task["id"])
        _converter(config).convert(str(one), str(out), "YOLO", is_dir=False)
        classes = (out / "classes.txt").read_text().split("\n")[:-1]
        (label_file,) = (out / "labels").glob("*.txt")
        w, h = SIZES[rel]
        for line in label_file.read_text().splitlines():
            c, cx, cy, bw, bh = line.split()
            bw_px, bh_px = float(bw) * w, float(bh) * h
            got.setdefault(rel, []).append((classes[int(c)], float(cx) * w - bw_px / 2,
                                            float(cy) * h - bh_px / 2, bw_px, bh_px))
    assert classes == ["cat", "dog", "empty class"]
    truth = sample.truth()
    truth.pop("excluded.jpg")
    _assert_boxes_equal({k: sorted(v) for k, v in got.items()}, truth)


def test_label_studio_accepts_every_annotation_and_prediction(sample, exported):
    tasks, config = exported
    li = LabelInterface(config.read_text())
    li.validate()  # raises on a config Label Studio would refuse
    assert li.get_control("label").labels == ["cat", "dog", "empty class"]
    checked = 0
    for task in orjson.loads(tasks.read_bytes()):
        assert li.get_object("image").value_name in task["data"]
        for part in task["annotations"] + task["predictions"]:
            errors = li.validate_prediction(part, return_errors=True)
            assert errors == [], (task["meta"]["relpath"], errors)
            checked += len(part["result"])
    assert checked == 8 + 1 + 4  # 8 boxes, 1 tag (bg.png), 4 suggestions


def test_label_studio_reads_the_predictions_with_scores_and_model_version(sample, exported,
                                                                          tmp_path):
    tasks, config = exported
    by_rel = {t["meta"]["relpath"]: t for t in orjson.loads(tasks.read_bytes())}
    assert {rel for rel, t in by_rel.items() if t["predictions"]} == set(SUGGESTED)
    want_boxes: dict[str, list] = {}
    for rel, items in SUGGESTED.items():
        preds = {}
        for p in by_rel[rel]["predictions"]:
            req = PredictionRequest.model_validate({**p, "task": by_rel[rel]["id"]})
            assert req.model_version not in preds
            preds[req.model_version] = req
        for n, (provider, model) in RUNS.items():
            mine = [i for i in items if i[0] == n]
            if not mine:
                assert f"{provider}/{model}" not in preds
                continue
            req = preds.pop(f"{provider}/{model}")
            assert req.score == pytest.approx(sum(i[4] for i in mine) / len(mine))
            assert [(r["type"], r.get("score")) for r in req.result] == [
                ("rectanglelabels" if k == Kind.BOX else "choices", conf)
                for _, k, _, _, conf in mine]
            choices = [r["value"]["choices"] for r in req.result if r["type"] == "choices"]
            assert choices == [[name] for _, k, name, _, _ in mine if k == Kind.TAG]
            want_boxes.setdefault(rel, []).extend(
                (name, box.x, box.y, box.w, box.h) for _, k, name, box, _ in mine if k == Kind.BOX)
        assert not preds, preds
    # the converter reads annotations only: hand it the predictions as annotations
    as_annotations = [{**t, "annotations": t["predictions"]} for t in by_rel.values()
                      if t["predictions"]]
    moved = tmp_path / "predictions.json"
    moved.write_bytes(orjson.dumps(as_annotations))
    _converter(config).convert(str(moved), str(tmp_path / "coco"), "COCO", is_dir=False)
    sizes, boxes = _coco_by_image(tmp_path / "coco" / "result.json")
    _assert_boxes_equal(boxes, {k: sorted(v) for k, v in want_boxes.items()})
    assert sizes == {rel: SIZES[rel] for rel in SUGGESTED}


@pytest.mark.filterwarnings("ignore:The `dict` method is deprecated:DeprecationWarning")  # SDK's Region
def test_predictions_made_by_label_studio_code_import_as_suggestions(sample, tmp_path):
    """The other way: regions built by the SDK's own control tags (no original size, as an ML
    backend may send) are read in percent of the displayed image."""
    li = LabelInterface(label_config(["cat", "dog", "empty class"]))
    rect = li.get_control("label")
    tags = li.get_control("tags")
    pred = PredictionValue(model_version="detector-3", score=0.625, result=[
        rect.label(label=["cat"], x=25.0, y=10.0, width=50.0, height=12.5),
        tags.label(label=["dog"]),
    ])
    tasks = [{"data": {"image": "/data/local-files/?d=rot6.jpg"},
              "predictions": [pred.model_dump()]}]
    src = tmp_path / "from_sdk.json"
    src.write_bytes(orjson.dumps(tasks))
    summary = import_dataset(sample.store, ImportPlan("labelstudio", src, as_="suggestions"),
                             sample.folder)
    assert not summary.skipped and summary.suggestions == 2
    got = {(s.kind, s.raw_label, s.box, s.confidence)
           for s in sample.store.suggestions(sample.id("rot6.jpg"))}
    # rot6.jpg is displayed 40 wide, 60 high
    assert got == {(Kind.BOX, "cat", Box(10.0, 6.0, 20.0, 7.5), 0.625),
                   (Kind.TAG, "dog", None, 0.625)}
