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


def test_voc_round_trip_and_globox(sample, tmp_path):
    import globox

    first = tmp_path / "first"
    export(sample.store, ExportPlan(format="voc", out=first, link="none", split=(1.0,)),
           sample.folder)
    gb = globox.AnnotationSet.from_pascal_voc(first / "Annotations")
    assert {a.image_id for a in gb} >= {"a.jpg", "rot6.jpg", "bg.png"}
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("voc", first), other.folder)
    assert not summary.skipped and summary.annotations == 8
    assert summary.new_classes == ["cat", "dog", "empty class"]  # labels.txt keeps the order
    second = tmp_path / "second"
    export(other.store, ExportPlan(format="voc", out=second, link="none", split=(1.0,)),
           other.folder)
    for f in (first / "Annotations").rglob("*.xml"):
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
