import orjson
import pytest
from formatkit import NONASCII, copy_images

from glancelabel.core.formats import ExportPlan, ImportPlan, export, import_dataset
from glancelabel.core.formats.labelstudio import image_refs
from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion


def ls_export(p, out, **kw):
    return export(p.store, ExportPlan(format="labelstudio", out=out, **kw), p.folder)


def test_labelstudio_tasks(sample, tmp_path):
    sample.tag("bg.png", "dog")
    run = sample.store.create_run("openai", "gpt-x")
    sample.store.add_suggestions(run, sample.id("new.jpg"), [
        NewSuggestion(Kind.BOX, "cat", sample.label("cat"), Box(2, 4, 10, 5), confidence=0.9),
        NewSuggestion(Kind.TAG, "dog", sample.label("dog"), confidence=0.5),
    ])
    out = tmp_path / "tasks.json"
    summary = ls_export(sample, out, all_images=True, include_suggestions=True)
    tasks = {t["meta"]["relpath"]: t for t in orjson.loads(out.read_bytes())}
    rot = tasks["rot6.jpg"]["annotations"][0]["result"][0]
    assert rot["original_width"] == 40 and rot["original_height"] == 60
    assert rot["value"]["x"] == pytest.approx(12.5) and rot["value"]["height"] == pytest.approx(
        25 / 60 * 100)
    assert rot["value"]["rectanglelabels"] == ["cat"]
    assert tasks[NONASCII]["data"]["image"] == (
        "/data/local-files/?d=sub/deeper/%C3%BC%20%C3%B1%20%E7%94%BB%E5%83%8F.jpg")
    assert tasks["bg.png"]["annotations"][0]["result"][0]["value"] == {"choices": ["dog"]}
    new = tasks["new.jpg"]
    assert new["annotations"] == []  # nobody reviewed it
    (pred,) = new["predictions"]
    assert pred["model_version"] == "openai/gpt-x" and pred["score"] == pytest.approx(0.7)
    assert [r["type"] for r in pred["result"]] == ["rectanglelabels", "choices"]
    assert summary.suggestions == 2 and summary.tags == 1
    config = (tmp_path / "tasks.label_config.xml").read_text()
    assert '<Label value="empty class"/>' in config


def test_labelstudio_round_trip_and_suggestions(sample, tmp_path):
    first = tmp_path / "first.json"
    ls_export(sample, first)
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("labelstudio", first), other.folder)
    assert not summary.skipped and summary.annotations == 8
    second = tmp_path / "second.json"
    ls_export(other, second)

    def boxes(path):
        return sorted(
            (t["meta"]["relpath"], r["value"]["rectanglelabels"][0],
             *(round(r["value"][k], 9) for k in ("x", "y", "width", "height")))
            for t in orjson.loads(path.read_bytes()) for a in t["annotations"] for r in a["result"])

    assert boxes(first) == boxes(second)
    # a vendor's labels to review: predictions come in as suggestions with their scores
    third = copy_images(sample, tmp_path / "third")
    tasks = orjson.loads(first.read_bytes())
    for t in tasks:
        t["predictions"] = [{"model_version": "v1", "score": 0.4, "result": t.pop("annotations")[0][
            "result"] if t.get("annotations") else []}]
        t.pop("meta")  # only the URL tells the image
    vendor = tmp_path / "vendor.json"
    vendor.write_bytes(orjson.dumps(tasks))
    summary = import_dataset(third.store, ImportPlan("labelstudio", vendor, as_="suggestions"),
                             third.folder)
    assert summary.suggestions == 8 and not summary.skipped
    assert {s.confidence for s in third.store.suggestions(third.id("a.jpg"))} == {0.4}


def test_labelstudio_import_problems(sample, tmp_path):
    tasks = [
        {"data": {"image": "/data/local-files/?d=../../etc/passwd"},
         "annotations": [{"result": [{"type": "rectanglelabels", "value": {
             "x": 1, "y": 1, "width": 5, "height": 5, "rectanglelabels": ["cat"]}}]}]},
        {"data": {"image": "/data/upload/3/8f3a2b1c-new.jpg"},
         "annotations": [{"result": [
             {"type": "polygonlabels", "value": {"points": [[1, 1]]}},
             {"type": "rectanglelabels", "value": {"x": 1, "y": 1, "width": 50, "height": 50,
                                                   "rotation": 30, "rectanglelabels": ["cat"]}},
             {"type": "rectanglelabels", "original_width": 20, "original_height": 20,
              "value": {"x": 10, "y": 10, "width": 50, "height": 50, "rectanglelabels": ["cat"]}},
         ]}]},
        {"nodata": 1},
    ]
    src = tmp_path / "t.json"
    src.write_bytes(orjson.dumps(tasks))
    summary = import_dataset(sample.store, ImportPlan("labelstudio", src), sample.folder)
    reasons = {s.where: s.reason for s in summary.skipped}
    assert "outside the project folder" in reasons["t.json task[0]"]
    assert "polygonlabels" in reasons["t.json task[1] annotations[0] result[0]"]
    assert "rotated" in reasons["t.json task[1] annotations[0] result[1]"]
    assert "without 'data'" in reasons["t.json task[2]"]
    assert sample.truth()["new.jpg"] == [("cat", 2.0, 2.0, 10.0, 10.0)]


def test_image_refs():
    assert image_refs("/data/local-files/?d=a%20b/c.jpg") == ["a b/c.jpg"]
    assert image_refs("/data/upload/12/0123abcd-x.png") == ["x.png"]
    assert image_refs("https://host/bucket/dir/x.jpg") == ["bucket/dir/x.jpg", "x.jpg"]
