import xml.etree.ElementTree as ET

import pytest
from formatkit import NONASCII, copy_images

from glancelabel.core.formats import ExportPlan, FormatError, ImportPlan, export, import_dataset
from glancelabel.core.formats.voc import corners


def test_corners_are_one_based_integers_inside_the_image():
    assert corners(0, 0, 64, 48, 64, 48) == (1, 1, 64, 48)
    assert corners(63, 47, 1, 1, 64, 48) == (64, 48, 64, 48)
    assert corners(3.25, 4.5, 20.5, 10.75, 64, 48) == (4, 5, 24, 15)
    assert corners(-3, -3, 100, 100, 64, 48) == (1, 1, 64, 48)


def test_voc_export_files(sample, tmp_path):
    out = tmp_path / "voc"
    summary = export(sample.store, ExportPlan(format="voc", out=out, split=(1.0,)), sample.folder)
    xml = (out / "Annotations" / "rot6.xml").read_text()
    root = ET.fromstring(xml)
    assert root.findtext("size/width") == "40" and root.findtext("size/height") == "60"
    assert [o.findtext("name") for o in root.iter("object")] == ["cat"]
    assert [root.findtext(f"object/bndbox/{k}") for k in ("xmin", "ymin", "xmax", "ymax")] == [
        "6", "31", "35", "55"]
    assert (out / "Annotations/sub/deeper/ü ñ 画像.xml").exists()
    assert (out / "Annotations/same.png.xml").exists() and (out / "JPEGImages/same.png.png").exists()
    assert sorted((out / "ImageSets/Main/train.txt").read_text().split("\n"))[1:] == sorted(
        ["a", "sub/a", NONASCII[:-4], "rot6", "bg", "same", "same.png"])
    assert summary.images == 7 and summary.boxes == 8
    assert ET.fromstring((out / "Annotations/bg.xml").read_text()).find("object") is None


# What the sample's VOC export must hold, by image: its annotation file, the file name in it, the
# displayed size, and (class, xmin, ymin, xmax, ymax) in 1-based integer corners of the displayed
# frame.
VOC_SAMPLE = {
    "a.jpg": ("a.xml", "a.jpg", (64, 48), [("cat", 4, 5, 24, 15), ("cat", 64, 48, 64, 48),
                                           ("dog", 1, 1, 64, 48)]),
    "sub/a.jpg": ("sub/a.xml", "a.jpg", (40, 30), [("dog", 11, 6, 30, 25)]),
    NONASCII: (NONASCII[:-4] + ".xml", NONASCII.rsplit("/", 1)[1], (50, 50),
               [("cat", 2, 2, 49, 49)]),
    "rot6.jpg": ("rot6.xml", "rot6.jpg", (40, 60), [("cat", 6, 31, 35, 55)]),  # stored 60x40
    "bg.png": ("bg.xml", "bg.png", (32, 32), []),
    "same.jpg": ("same.xml", "same.jpg", (30, 30), [("dog", 2, 2, 6, 6)]),
    "same.png": ("same.png.xml", "same.png", (30, 20), [("cat", 3, 3, 8, 8)]),
}


def test_voc_sample_table_follows_the_corner_rule(sample):
    """The table above is the sample's truth in VOC corners: xmin - 1 and xmax are x and x + w to
    the nearest pixel."""
    truth = sample.truth()
    for rel, (_xml, _name, _size, objects) in VOC_SAMPLE.items():
        boxes = truth.get(rel, [])
        assert [b[0] for b in boxes] == [o[0] for o in objects], rel
        for (_, x, y, w, h), (_, x1, y1, x2, y2) in zip(boxes, objects, strict=True):
            assert max(abs(x1 - 1 - x), abs(y1 - 1 - y), abs(x2 - x - w), abs(y2 - y - h)) <= 0.5


def test_voc_export_read_by_globox_holds_the_boxes_and_classes(sample, tmp_path):
    import globox

    first = tmp_path / "first"
    export(sample.store, ExportPlan(format="voc", out=first, link="none", split=(1.0,)),
           sample.folder)
    ann = first / "Annotations"
    read = {}
    for f in ann.rglob("*.xml"):  # globox reads one folder, not its subfolders: file by file
        a = globox.Annotation.from_pascal_voc(f)
        read[f.relative_to(ann).as_posix()] = (
            a.image_id, a.image_size, sorted((b.label, *b.ltrb) for b in a.boxes))
    assert read == {xml: (name, size, objects) for xml, name, size, objects in VOC_SAMPLE.values()}
    # the set reader agrees on the top folder
    top = globox.AnnotationSet.from_pascal_voc(ann)
    assert sorted((a.image_id, len(a.boxes)) for a in top) == sorted(
        (name, len(objs)) for xml, name, _, objs in VOC_SAMPLE.values() if "/" not in xml)


def test_voc_round_trip_gives_back_the_boxes_and_classes(sample, tmp_path):
    first = tmp_path / "first"
    export(sample.store, ExportPlan(format="voc", out=first, link="none", split=(1.0,)),
           sample.folder)
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("voc", first), other.folder)
    assert not summary.skipped and summary.annotations == 8
    assert summary.new_classes == ["cat", "dog", "empty class"]  # labels.txt keeps the order
    # import maps corners back with x = xmin - 1, w = xmax - xmin + 1
    assert other.truth() == {
        rel: sorted((c, x1 - 1.0, y1 - 1.0, x2 - x1 + 1.0, y2 - y1 + 1.0)
                    for c, x1, y1, x2, y2 in objects)
        for rel, (_, _, _, objects) in VOC_SAMPLE.items() if objects}
    second = tmp_path / "second"
    export(other.store, ExportPlan(format="voc", out=second, link="none", split=(1.0,)),
           other.folder)
    for f in (first / "Annotations").rglob("*.xml"):  # and a second export is the same file
        g = second / "Annotations" / f.relative_to(first / "Annotations")
        strip = lambda t: t.replace(str(sample.folder), "").replace(str(other.folder), "")  # noqa: E731
        assert strip(f.read_text()) == strip(g.read_text()), f


def test_voc_import_refuses_doctype_and_reports_bad_objects(sample, tmp_path):
    ds = tmp_path / "voc"
    ds.mkdir()
    (ds / "evil.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<annotation><filename>new.jpg</filename><object><name>&x;</name></object></annotation>")
    (ds / "new.xml").write_text(
        "<annotation><filename>new.jpg</filename><size><width>20</width><height>20</height></size>"
        "<object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax>"
        "</bndbox></object>"
        "<object><name>cat</name><bndbox><xmin>a</xmin></bndbox></object>"
        "<object><bndbox><xmin>1</xmin></bndbox></object>"
        "</annotation>")
    (ds / "broken.xml").write_text("<annotation><filename>")
    (ds / "escape.xml").write_text(
        "<annotation><filename>passwd</filename><path>/etc/passwd</path></annotation>")
    summary = import_dataset(sample.store, ImportPlan("voc", ds), sample.folder)
    reasons = {s.where: s.reason for s in summary.skipped}
    assert "DOCTYPE" in reasons["evil.xml"]
    assert "numeric" in reasons["new.xml object 2"]
    assert "without <name>" in reasons["new.xml object 3"]
    assert "not readable XML" in reasons["broken.xml"]
    assert "escape.xml" in reasons
    assert sample.truth()["new.jpg"] == [("cat", 0.0, 0.0, 10.0, 10.0)]
    (tmp_path / "empty").mkdir()
    with pytest.raises(FormatError, match="No VOC"):
        import_dataset(sample.store, ImportPlan("voc", tmp_path / "empty"), sample.folder)
