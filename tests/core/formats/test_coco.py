import json

import numpy as np
import orjson
import pytest
from formatkit import NONASCII, Project, copy_images

from glancelabel.core.formats import ExportPlan, FormatError, ImportPlan, export, import_dataset
from glancelabel.core.formats.coco import detections_path
from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion


def coco_export(p: Project, out, **kw):
    return export(p.store, ExportPlan(format="coco", out=out, **kw), p.folder)


def test_coco_structure(sample, tmp_path):
    out = tmp_path / "coco.json"
    summary = coco_export(sample, out)
    data = json.loads(out.read_text())
    # categories: class order, ids from 1, the class with no boxes included
    assert data["categories"] == [
        {"id": 1, "name": "cat", "supercategory": "none"},
        {"id": 2, "name": "dog", "supercategory": "none"},
        {"id": 3, "name": "empty class", "supercategory": "none"},
    ]
    images = {im["file_name"]: im for im in data["images"]}
    # done images only; background included, new and excluded left out and reported
    assert set(images) == {"a.jpg", "sub/a.jpg", NONASCII, "rot6.jpg", "bg.png", "same.jpg",
                           "same.png"}
    assert images["rot6.jpg"]["width"] == 40 and images["rot6.jpg"]["height"] == 60
    assert images["a.jpg"]["id"] == sample.id("a.jpg")
    assert all(im["id"] >= 1 for im in data["images"])
    assert summary.left_out["excluded images"] == ["excluded.jpg"]
    assert "new.jpg" in summary.left_out["images not reviewed yet (use all images to include them)"]
    anns = data["annotations"]
    assert len(anns) == summary.boxes == 8
    assert all(a["id"] >= 1 and a["iscrowd"] == 0 for a in anns)
    a = next(a for a in anns if a["bbox"] == [3.25, 4.5, 20.5, 10.75])
    assert a["image_id"] == sample.id("a.jpg") and a["category_id"] == 1
    assert a["area"] == pytest.approx(20.5 * 10.75)
    assert summary.per_class == {"cat": 5, "dog": 3}
    # ids are stable across exports
    coco_export(sample, tmp_path / "again.json")
    again = json.loads((tmp_path / "again.json").read_text())
    assert again["images"] == data["images"] and again["annotations"] == data["annotations"]
    # all images on request
    coco_export(sample, out, all_images=True)
    assert "new.jpg" in {im["file_name"] for im in json.loads(out.read_text())["images"]}


def test_pycocotools_eval_of_truth_gives_ap_1(sample, tmp_path):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    out = tmp_path / "coco.json"
    coco_export(sample, out)
    gt = COCO(str(out))
    # the project's truth, as detections with score 1
    cat_of = {lab.name: i + 1 for i, lab in enumerate(sample.store.labels())}
    dets = []
    for rel, boxes in sample.truth().items():
        if rel == "excluded.jpg":
            continue
        for name, x, y, w, h in boxes:
            dets.append({"image_id": sample.id(rel), "category_id": cat_of[name],
                         "bbox": [x, y, w, h], "score": 1.0})
    ev = COCOeval(gt, gt.loadRes(dets), "bbox")
    ev.params.areaRng = [[0, 1e10]] * 4  # tiny boxes count too
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    assert ev.stats[0] == pytest.approx(1.0)


def test_globox_and_supervision_read_the_coco_export(sample, tmp_path):
    import globox
    import supervision as sv

    out = tmp_path / "coco.json"
    coco_export(sample, out)
    anns = globox.AnnotationSet.from_coco(out)
    assert sum(len(a.boxes) for a in anns) == 8
    by_id = {a.image_id: a for a in anns}
    assert by_id["rot6.jpg"].image_size == (40, 60)
    box = next(b for b in by_id["a.jpg"].boxes if b.label == "cat" and b.xmin == 3.25)
    assert (box.xmax, box.ymax) == (23.75, 15.25)

    ds = sv.DetectionDataset.from_coco(images_directory_path=str(sample.folder),
                                       annotations_path=str(out))
    assert ds.classes == ["cat", "dog", "empty class"]
    assert len(ds) == 7
    total = 0
    for path, _image, det in ds:
        total += len(det)
        if path.endswith("a.jpg") and "sub" not in path:
            assert np.allclose(sorted(det.xyxy.tolist())[0], [0, 0, 64, 48])
    assert total == 8


def test_detections_file_with_pending_suggestions(sample, tmp_path):
    from pycocotools.coco import COCO

    st = sample.store
    run = st.create_run("anthropic", "claude-x")
    st.add_suggestions(run, sample.id("a.jpg"), [
        NewSuggestion(Kind.BOX, "cat", sample.label("cat"), Box(1, 1, 10, 10), confidence=0.8),
        NewSuggestion(Kind.BOX, "zebra", None, Box(2, 2, 5, 5), confidence=0.5),
        NewSuggestion(Kind.BOX, "dog", sample.label("dog"), Box(3, 3, 5, 5)),
    ])
    out = tmp_path / "coco.json"
    summary = coco_export(sample, out, include_suggestions=True)
    dets = orjson.loads(detections_path(out).read_bytes())
    assert sorted(d["score"] for d in dets) == [0.8, 1.0]
    assert summary.suggestions == 2
    assert any("zebra" in s.reason for s in summary.skipped)
    gt = COCO(str(out))
    res = gt.loadRes(str(detections_path(out)))
    assert len(res.getAnnIds()) == 2


def test_round_trip_export_import_export_is_identical(sample, tmp_path):
    first = tmp_path / "first.json"
    coco_export(sample, first)
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("coco", first), other.folder)
    assert summary.annotations == 8 and not summary.skipped
    assert summary.new_classes == ["cat", "dog", "empty class"]
    assert other.done_set() == {im["file_name"] for im in json.loads(first.read_text())["images"]}
    second = tmp_path / "second.json"
    coco_export(other, second)
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    rel = {im["id"]: im["file_name"] for im in a["images"]}
    rel2 = {im["id"]: im["file_name"] for im in b["images"]}

    def key(d, r):
        return sorted((r[x["image_id"]], x["category_id"], *x["bbox"]) for x in d["annotations"])

    assert key(a, rel) == key(b, rel2)
    assert a["categories"] == b["categories"]
    assert sorted(i["file_name"] for i in a["images"]) == sorted(i["file_name"] for i in b["images"])
    # importing the same file again adds nothing
    again = import_dataset(other.store, ImportPlan("coco", first), other.folder)
    assert again.annotations == 0 and again.duplicates == 8


def _write(path, data):
    path.write_bytes(orjson.dumps(data))
    return path


def test_import_reports_bad_records_and_imports_the_rest(sample, tmp_path):
    src = _write(tmp_path / "vendor.json", {
        "images": [
            {"id": 1, "file_name": "new.jpg", "width": 20, "height": 20},
            {"id": 2, "file_name": "../../etc/passwd", "width": 20, "height": 20},
            {"id": 3, "file_name": "nothere.jpg", "width": 20, "height": 20},
            {"id": 4, "file_name": "/etc/hosts"},
            {"file_name": "x.jpg"},
        ],
        "categories": [{"id": 7, "name": "CAT"}, {"id": 8, "name": "Bird"}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 7, "bbox": [1, 1, 5, 5]},
            {"id": 2, "image_id": 1, "category_id": 8, "bbox": [15, 15, 10, 10]},  # clamped
            {"id": 3, "image_id": 1, "category_id": 9, "bbox": [1, 1, 5, 5]},
            {"id": 4, "image_id": 1, "category_id": 7, "bbox": [1, 1, "x", 5]},
            {"id": 5, "image_id": 1, "category_id": 7, "bbox": [30, 30, 5, 5]},  # outside
            {"id": 6, "image_id": 1, "category_id": 7, "bbox": [1, 1, 0.2, 5]},  # tiny
            {"id": 7, "image_id": 2, "category_id": 7, "bbox": [1, 1, 5, 5]},
            {"id": 8, "image_id": 99, "category_id": 7, "bbox": [1, 1, 5, 5]},
        ],
    })
    summary = import_dataset(sample.store, ImportPlan("coco", src), sample.folder)
    reasons = {s.where: s.reason for s in summary.skipped}
    assert "outside the project folder" in reasons["vendor.json images[1]"]
    assert "outside the project folder" in reasons["vendor.json images[3]"]
    assert "not an image of the project" in reasons["vendor.json images[2]"]
    assert "without id" in reasons["vendor.json images[4]"]
    assert "category_id 9" in reasons["vendor.json annotations[2]"]
    assert "four numbers" in reasons["vendor.json annotations[3]"]
    assert "outside the image" in reasons["vendor.json annotations[4]"]
    assert "smaller than one pixel" in reasons["vendor.json annotations[5]"]
    assert "image_id 99" in reasons["vendor.json annotations[7]"]
    assert any("clamped" in w.reason for w in summary.warnings)
    assert summary.annotations == 2
    assert summary.new_classes == ["Bird"]  # CAT matched cat case-insensitively
    assert sample.truth()["new.jpg"] == [("Bird", 15, 15, 5, 5), ("cat", 1, 1, 5, 5)]
    # an image with skipped records is not claimed as done
    assert "new.jpg" not in sample.done_set()


def test_import_as_suggestions_with_scores_and_no_new_classes(sample, tmp_path):
    src = _write(tmp_path / "preds.json", {
        "images": [{"id": 5, "file_name": "new.jpg", "width": 20, "height": 20}],
        "categories": [{"id": 1, "name": "dog"}, {"id": 2, "name": "zebra"}],
        "annotations": [
            {"id": 1, "image_id": 5, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.25},
            {"id": 2, "image_id": 5, "category_id": 2, "bbox": [1, 2, 3, 4], "score": 0.5},
        ],
    })
    plan = ImportPlan("coco", src, as_="suggestions", new_classes=False)
    summary = import_dataset(sample.store, plan, sample.folder)
    assert summary.suggestions == 1 and summary.new_classes == []
    assert any("zebra" in s.reason for s in summary.skipped)
    run = sample.store.run(summary.run_id)
    assert (run.provider, run.model, run.kind) == ("import", "coco:preds.json", "import")
    (s,) = sample.store.suggestions(sample.id("new.jpg"))
    assert s.confidence == 0.25 and s.label_id == sample.label("dog") and s.state == "pending"
    assert s.box == Box(1, 2, 3, 4)
    assert sample.store.label_by_name("zebra") is None
    assert "new.jpg" not in sample.done_set()  # suggestions still need review


def test_import_maps_unrotated_sizes_and_refuses_garbage(sample, tmp_path):
    # a tool that ignored EXIF wrote rot6.jpg as 60x40 (stored frame)
    src = _write(tmp_path / "c.json", {
        "images": [{"id": 1, "file_name": "rot6.jpg", "width": 60, "height": 40}],
        "categories": [{"id": 1, "name": "cat"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 20]}],
    })
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("coco", src), other.folder)
    assert any("stored frame" in w.reason for w in summary.warnings)
    # orientation 6: stored (x, y) -> displayed (h - y, x); the box lands top-right
    assert other.truth()["rot6.jpg"] == [("cat", 20.0, 0.0, 20.0, 10.0)]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(FormatError, match="not a readable JSON"):
        import_dataset(other.store, ImportPlan("coco", bad), other.folder)
    _write(bad, [{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 1}])
    with pytest.raises(FormatError, match="results list"):
        import_dataset(other.store, ImportPlan("coco", bad), other.folder)


def test_helper_process_gives_the_same_file(sample, tmp_path, monkeypatch):
    from glancelabel.core.formats import coco

    one, two = tmp_path / "one.json", tmp_path / "two.json"
    coco_export(sample, one, all_images=True)
    monkeypatch.setattr(coco, "SPLIT_AT", 1)  # serialise half of the boxes in a helper process
    summary = coco_export(sample, two, all_images=True)
    a, b = json.loads(one.read_text()), json.loads(two.read_text())
    a.pop("info"), b.pop("info")
    assert a == b and summary.boxes == 8 and summary.per_class == {"cat": 5, "dog": 3}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".part", ".tmp"))]
