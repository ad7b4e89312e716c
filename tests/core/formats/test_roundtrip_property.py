"""Export -> import -> export round trips over random boxes, image sizes and EXIF orientations."""

import tempfile
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glancelabel.core.formats import ExportPlan, ImportPlan, export, import_dataset
from glancelabel.core.geometry import oriented_size
from glancelabel.core.store import Store


@st.composite
def projects(draw):
    n = draw(st.integers(1, 4))
    images = []
    for i in range(n):
        w, h = draw(st.integers(2, 3000)), draw(st.integers(2, 3000))
        orientation = draw(st.integers(1, 8))
        ow, oh = oriented_size(w, h, orientation)
        boxes = []
        for _ in range(draw(st.integers(0, 5))):
            bw = draw(st.floats(1, ow, allow_nan=False))
            bh = draw(st.floats(1, oh, allow_nan=False))
            x = draw(st.floats(0, ow - bw, allow_nan=False))
            y = draw(st.floats(0, oh - bh, allow_nan=False))
            boxes.append((draw(st.integers(0, 2)), x, y, bw, bh))
        images.append((f"d{i % 2}/img{i}.jpg", ow, oh, orientation, boxes))
    return images


def build(folder: Path, images, with_boxes: bool) -> Store:
    store = Store(":memory:", folder)
    store.insert_image_rows([(rel, w, h, o, "done" if with_boxes else "new")
                             for rel, w, h, o, _ in images])
    if with_boxes:
        for name in ("a", "b", "c"):
            store.add_label(name)
        ids = {r[1]: r[0] for r in store.export_image_rows()}
        labels = [lab.id for lab in store.labels()]
        store.insert_box_rows([(ids[rel], labels[c], x, y, w, h)
                               for rel, _, _, _, boxes in images for c, x, y, w, h in boxes])
    return store


def round_trip(fmt: str, images, read, **plan):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "photos"
        folder.mkdir()
        one = build(folder, images, True)
        suffix = ".json" if fmt in ("coco", "labelstudio") else ""
        export(one, ExportPlan(format=fmt, out=tmp / f"one{suffix}", **plan), folder)
        two = build(folder, images, False)
        summary = import_dataset(two, ImportPlan(fmt, tmp / f"one{suffix}"), folder)
        assert not summary.skipped, summary.skipped
        export(two, ExportPlan(format=fmt, out=tmp / f"two{suffix}", **plan), folder)
        return read(tmp / f"one{suffix}"), read(tmp / f"two{suffix}")


def coco_boxes(path):
    d = orjson.loads(path.read_bytes())
    rel = {im["id"]: (im["file_name"], im["width"], im["height"]) for im in d["images"]}
    return sorted(rel.values()), sorted((rel[a["image_id"]][0], a["category_id"], *a["bbox"])
                                        for a in d["annotations"])


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(projects())
def test_coco_round_trip_is_identical(images):
    a, b = round_trip("coco", images, coco_boxes)
    assert a == b


def yolo_lines(path):
    return {f.relative_to(path).as_posix(): sorted(f.read_text().splitlines())
            for f in (path / "labels").rglob("*.txt")}


@SETTINGS
@given(projects())
def test_yolo_round_trip_within_printed_precision(images):
    a, b = round_trip("yolo", images, yolo_lines, link="none", split=(1.0,))
    assert a.keys() == b.keys()
    for k in a:
        assert len(a[k]) == len(b[k])
        for la, lb in zip(a[k], b[k], strict=True):
            va, vb = la.split(), lb.split()
            assert va[0] == vb[0]
            assert all(abs(float(p) - float(q)) <= 1.01e-6 for p, q in zip(va[1:], vb[1:],
                                                                             strict=True)), (la, lb)


def voc_files(path):
    return {f.relative_to(path).as_posix(): f.read_text().split("<path>")[0] + f.read_text().split(
        "</path>")[1] for f in (path / "Annotations").rglob("*.xml")}


@SETTINGS
@given(projects())
def test_voc_round_trip_is_identical(images):
    a, b = round_trip("voc", images, voc_files, link="none", split=(1.0,))
    assert a == b


def ls_boxes(path):
    return sorted(
        (t["meta"]["relpath"], r["original_width"], r["original_height"],
         r["value"]["rectanglelabels"][0],
         *(r["value"][k] for k in ("x", "y", "width", "height")))
        for t in orjson.loads(path.read_bytes()) for a in t["annotations"] for r in a["result"])


@SETTINGS
@given(projects())
def test_labelstudio_round_trip_is_identical(images):
    a, b = round_trip("labelstudio", images, ls_boxes)
    assert len(a) == len(b)
    for ra, rb in zip(a, b, strict=True):
        assert ra[:4] == rb[:4]
        assert all(abs(p - q) <= 1e-9 * max(1.0, abs(p)) for p, q in zip(ra[4:], rb[4:],
                                                                          strict=True))
