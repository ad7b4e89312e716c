"""Export and import summaries as sentences an interface can translate: every line core marks is
a Text made of templates in context "formats" (names, paths and counts are values), and its str()
is the English line the CLI prints."""

from __future__ import annotations

import orjson
from formatkit import Project

from glancelabel.core.formats import ExportPlan, ImportPlan, export, import_dataset
from glancelabel.core.i18n import Text


def templates(text: Text) -> list:
    out = [text.template]
    for value in text.values.values():
        if isinstance(value, Text):
            out += templates(value)
    return out


def test_export_summary_lines_are_marked_templates_with_names_as_values(tmp_path):
    p = Project(tmp_path / "photos")
    p.image("a.jpg").image("b.jpg").image("c.jpg").scan()
    p.box("a.jpg", "行人", 1, 1, 10, 10)
    p.done("a.jpg", "b.jpg")
    summary = export(p.store, ExportPlan(format="coco", out=tmp_path / "out.json"), p.folder)
    texts = summary.texts()
    assert [str(t) for t in texts] == summary.lines()
    marked = [t for t in texts if isinstance(t, Text)]
    assert len(marked) == len(texts)  # headline, per class, left out, the file_name note
    assert {tp.context for t in marked for tp in templates(t)} == {"formats"}
    assert not any("行人" in tp or "c.jpg" in tp for t in marked for tp in templates(t))
    assert summary.lines()[0].startswith("Exported 2 images, 1 box to ")
    left_out = next(t for t in marked if "c.jpg" in str(t))
    assert left_out.template == "Left out {count} image not reviewed yet: {paths}{more} (include " \
        "images not reviewed yet to export it)."  # one image: the singular, not "1 images"
    assert str(left_out) == ("Left out 1 image not reviewed yet: c.jpg (include images not "
                             "reviewed yet to export it).")
    assert summary.left_out == {
        "images not reviewed yet (use all images to include them)": ["c.jpg"]}  # scripts' key


def test_left_out_images_are_counted_in_the_plural_and_in_yolo_cls_marked(tmp_path):
    p = Project(tmp_path / "photos")
    p.image("a.jpg").image("b.jpg").image("c.jpg").image("d.jpg").scan()
    p.done("a.jpg", "b.jpg", "c.jpg", "d.jpg")  # none has a tag
    summary = export(p.store, ExportPlan(format="yolo-cls", out=tmp_path / "cls"), p.folder)
    lines = [t for t in summary.texts() if isinstance(t, Text) and "without a tag" in str(t)]
    assert len(lines) == 1 and lines[0].context == "formats"
    assert str(lines[0]).startswith("Left out ") and " images without a tag: " in str(lines[0])


def test_skipped_import_records_keep_their_reason_marked(sample):
    ds = sample.folder
    (ds / "sub").mkdir(exist_ok=True)
    (ds / "sub" / "a.json").write_bytes(orjson.dumps({
        "imagePath": "a.jpg", "imageWidth": 40, "imageHeight": 30,
        "shapes": [{"label": "cat", "shape_type": "point", "points": [[1, 1]]},
                   {"label": "", "shape_type": "rectangle", "points": [[1, 1], [2, 2]]}]}))
    summary = import_dataset(sample.store, ImportPlan("labelme", ds / "sub"), sample.folder)
    by_where = {s.where: s for s in summary.skipped}
    point, unlabelled = by_where["a.json shapes[0]"], by_where["a.json shapes[1]"]
    assert point.reason == "shape type 'point' with 1 point is not imported"
    assert point.text is not None and str(point.text) == point.reason
    assert point.text.template == "shape type {kind} with {count} point is not imported"
    assert unlabelled.text is not None and unlabelled.text.context == "formats"
    lines = summary.texts()
    skipped = [t for t in lines if isinstance(t, Text) and str(t).startswith("  a.json")]
    assert [str(t) for t in skipped] == ["  a.json shapes[0]: shape type 'point' with 1 point is not imported",
                                         "  a.json shapes[1]: shape without a label"]
    assert all(tp.context == "formats" for t in skipped for tp in templates(t))


def test_a_yolo_line_of_one_value_is_said_in_the_singular(sample, tmp_path):
    ds = tmp_path / "ds"
    (ds / "labels/train").mkdir(parents=True)
    (ds / "data.yaml").write_text("names: [cat, dog]\n")
    (ds / "labels/train/new.txt").write_text("0\n1 0.5 0.5\n")
    summary = import_dataset(sample.store, ImportPlan("yolo", ds / "data.yaml"), sample.folder)
    reasons = {s.where: s.reason for s in summary.skipped}
    assert reasons["labels/train/new.txt:1"] == "expected 'class cx cy w h', got 1 value"
    assert reasons["labels/train/new.txt:2"] == "expected 'class cx cy w h', got 3 values"
    texts = {s.where: s.text for s in summary.skipped}
    assert texts["labels/train/new.txt:1"].template.context == "formats"
