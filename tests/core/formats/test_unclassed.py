"""An image holding a box without a class is never exported as a background image (a wrong
negative): every box format leaves it out and says so."""

from __future__ import annotations

import json

import pytest
from formatkit import Project

from glancelabel.core.formats import ExportPlan, export
from glancelabel.core.model import Box


@pytest.fixture
def project(tmp_path) -> Project:
    """a.jpg: a cat; hidden.jpg: a cat and a box without a class; only.jpg: just a box without a
    class; bg.png: a reviewed background. All done."""
    p = Project(tmp_path / "photos")
    p.image("a.jpg").image("hidden.jpg").image("only.jpg").image("bg.png", (32, 32)).scan()
    p.box("a.jpg", "cat", 1, 1, 10, 10).box("hidden.jpg", "cat", 2, 2, 10, 10)
    for rel in ("hidden.jpg", "only.jpg"):
        p.store.add_box(p.id(rel), None, Box(20, 20, 10, 10))
    p.done("a.jpg", "hidden.jpg", "only.jpg", "bg.png")
    return p


def run(p: Project, fmt: str, out):
    kw = {"split": (1.0,)} if fmt in ("yolo", "voc") else {}
    return export(p.store, ExportPlan(format=fmt, out=out, **kw), p.folder)


def exported_names(fmt: str, out) -> set[str]:
    if fmt == "coco":
        return {im["file_name"] for im in json.loads(out.read_text())["images"]}
    if fmt == "labelstudio":
        return {t["data"]["image"].rsplit("=", 1)[-1] for t in json.loads(out.read_text())}
    if fmt == "yolo":
        return {f.stem + ".*" for f in (out / "labels").rglob("*.txt")}
    return {f.stem + ".*" for f in (out / "Annotations").rglob("*.xml")}


@pytest.mark.parametrize("fmt", ["coco", "yolo", "voc", "labelstudio"])
def test_images_with_a_box_without_a_class_are_left_out_and_counted(project, tmp_path, fmt):
    out = tmp_path / ("out.json" if fmt in ("coco", "labelstudio") else "out")
    summary = run(project, fmt, out)
    names = exported_names(fmt, out)
    assert not any(n.startswith(("hidden", "only")) for n in names), names
    assert any(n.startswith("a") for n in names) and any(n.startswith("bg") for n in names)
    assert summary.images == 2
    assert sorted(summary.left_out["boxes without a class"]) == ["hidden.jpg", "only.jpg"]
    assert any(line.startswith("2 images left out: boxes without a class") for line in summary.lines())


def test_one_image_left_out_is_said_in_the_singular(project, tmp_path):
    project.store.delete_annotations(
        [a.id for a in project.store.annotations(project.id("only.jpg"))])
    summary = run(project, "coco", tmp_path / "c.json")
    assert any(line.startswith("1 image left out: boxes without a class (hidden.jpg)")
               for line in summary.lines())
