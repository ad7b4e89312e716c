import orjson

from glancelabel.core.formats import ImportPlan, import_dataset


def test_labelme_import(sample, tmp_path):
    ds = sample.folder  # labelme keeps its JSON beside the images
    (ds / "sub").mkdir(exist_ok=True)
    (ds / "sub" / "a.json").write_bytes(orjson.dumps({
        "imagePath": "a.jpg", "imageWidth": 40, "imageHeight": 30,
        "flags": {"dog": True, "cat": False},
        "shapes": [
            {"label": "cat", "shape_type": "rectangle", "points": [[30, 20], [10, 5]]},
            {"label": "dog", "shape_type": "polygon", "points": [[1, 1], [9, 2], [5, 8]]},
            {"label": "bird", "shape_type": "point", "points": [[1, 1]]},
            {"label": "", "shape_type": "rectangle", "points": [[1, 1], [2, 2]]},
            {"label": "cat", "shape_type": "rectangle", "points": [["x", 1], [2, 2]]},
        ],
    }))
    (ds / "evil.json").write_bytes(orjson.dumps({"imagePath": "../../../etc/passwd", "shapes": []}))
    summary = import_dataset(sample.store, ImportPlan("labelme", ds / "sub"), sample.folder)
    truth = sample.truth()["sub/a.jpg"]
    assert ("cat", 10.0, 5.0, 20.0, 15.0) in truth and ("dog", 1.0, 1.0, 8.0, 7.0) in truth
    assert [t.label_id for t in sample.store.annotations(sample.id("sub/a.jpg"))
            if t.kind == "tag"] == [sample.label("dog")]
    reasons = {s.where: s.reason for s in summary.skipped}
    assert "'point'" in reasons["a.json shapes[2]"]
    assert "without a label" in reasons["a.json shapes[3]"]
    assert "pairs" in reasons["a.json shapes[4]"]
    assert any("polygon" in w.reason for w in summary.warnings)
    evil = import_dataset(sample.store, ImportPlan("labelme", ds / "evil.json"), sample.folder)
    assert evil.annotations == 0
    assert evil.skipped[0].where == "evil.json"
