import os
from pathlib import Path

import numpy as np
import pytest
import yaml
from formatkit import NONASCII, Project, copy_images
from PIL import Image

from glancelabel.core.formats import ExportPlan, ImportPlan, export, import_dataset
from glancelabel.core.formats.selection import ExportImage, assign_splits
from glancelabel.core.formats.yolo import box_line


def yolo_export(p: Project, out, **kw):
    kw.setdefault("split", (1.0,))
    return export(p.store, ExportPlan(format="yolo", out=out, **kw), p.folder)


def labels(out: Path) -> dict[str, str]:
    root = out / "labels"
    return {f.relative_to(root).as_posix(): f.read_text() for f in root.rglob("*.txt")}


def test_box_line_normalises_and_clamps():
    assert box_line(0, 0, 0, 64, 48, 1 / 64, 1 / 48) == "0 0.500000 0.500000 1.000000 1.000000\n"
    assert box_line(2, -5, 40, 20, 20, 1 / 64, 1 / 48).startswith("2 0.117188 0.916667 0.234375")
    assert box_line(1, 70, 0, 5, 5, 1 / 64, 1 / 48) is None


def test_yolo_layout_and_files(sample, tmp_path):
    out = tmp_path / "yolo"
    summary = yolo_export(sample, out)
    files = labels(out)
    assert set(files) == {
        "train/a.txt", "train/sub/a.txt", "train/sub/deeper/ü ñ 画像.txt", "train/rot6.txt",
        "train/bg.txt", "train/same.txt", "train/same.png.txt",
    }
    assert files["train/bg.txt"] == ""  # a reviewed background image: empty label file
    lines = files["train/a.txt"].splitlines()
    assert [line.split()[0] for line in lines] == ["0", "1", "0"]
    assert all(len(v.split(".")[1]) == 6 for line in lines for v in line.split()[1:])
    # 20.5 / 64 = 0.3203125 exactly: either rounding of the tie is within the printed precision
    assert np.allclose([list(map(float, line.split()[1:])) for line in lines], [
        [0.210938, 0.205729, 0.3203125, 0.223958],
        [0.5, 0.5, 1.0, 1.0],
        [0.992188, 0.989583, 0.015625, 0.020833],
    ], atol=6e-7)
    # rot6.jpg: normalised by the displayed 40x60
    assert files["train/rot6.txt"] == "0 0.500000 0.708333 0.750000 0.416667\n"
    assert (out / "images/train/same.png.png").exists() and (out / "images/train/same.jpg").exists()
    assert any(n.startswith("1 image shares a name stem") for n in summary.notes)
    data = yaml.safe_load((out / "data.yaml").read_text())
    assert data["path"] == str(out.resolve())
    assert data["train"] == "images/train" and data["val"] == "images/train"
    assert data["names"] == {0: "cat", 1: "dog", 2: "empty class"}
    assert (out / "classes.txt").read_text().splitlines() == ["cat", "dog", "empty class"]
    assert summary.images == 7 and summary.boxes == 8
    assert not (out / "images/train/new.jpg").exists()


def test_unreviewed_images_get_no_empty_label_file(sample, tmp_path):
    out = tmp_path / "yolo"
    summary = yolo_export(sample, out, all_images=True)
    assert (out / "images/train/new.jpg").exists()
    assert not (out / "labels/train/new.txt").exists()
    assert any("not reviewed yet" in n for n in summary.notes)


@pytest.mark.parametrize("link", ["copy", "hardlink", "symlink", "none"])
def test_link_modes(sample, tmp_path, link):
    out = tmp_path / f"yolo-{link}"
    yolo_export(sample, out, link=link, split=(0.5, 0.5))
    data = yaml.safe_load((out / "data.yaml").read_text())
    if link == "none":
        assert not (out / "images").exists()
        listed = (out / "train.txt").read_text().splitlines() + (
            out / "val.txt").read_text().splitlines()
        assert sorted(listed) == sorted(str(sample.folder.resolve() / r) for r in
                                        ["a.jpg", "sub/a.jpg", NONASCII, "rot6.jpg", "bg.png",
                                         "same.jpg", "same.png"])
        assert data["train"] == "train.txt"
        return
    img = next((out / "images").rglob("bg.png"))
    src = sample.folder / "bg.png"
    assert img.read_bytes() == src.read_bytes()
    if link == "symlink":
        assert img.is_symlink() and Path(os.readlink(img)) == src.resolve()
    elif link == "hardlink":
        assert os.path.samefile(img, src)
    else:
        assert not os.path.samefile(img, src)


def test_supervision_and_globox_read_the_yolo_export(sample, tmp_path):
    import globox
    import supervision as sv

    out = tmp_path / "yolo"
    yolo_export(sample, out, link="copy")
    ds = sv.DetectionDataset.from_yolo(
        images_directory_path=str(out / "images/train"),
        annotations_directory_path=str(out / "labels/train"),
        data_yaml_path=str(out / "data.yaml"),
    )
    assert ds.classes == ["cat", "dog", "empty class"]
    found = {Path(path).name: det for path, _img, det in ds}
    assert np.allclose(found["rot6.jpg"].xyxy, [[5, 30, 35, 55]], atol=1e-3)  # displayed frame
    assert np.allclose(sorted(found["a.jpg"].xyxy.tolist())[0], [0, 0, 64, 48], atol=1e-3)
    assert len(found["bg.png"]) == 0

    gb = globox.AnnotationSet.from_yolo_v5(out / "labels/train/sub", image_folder=out /
                                           "images/train/sub", image_extension=".jpg")
    (ann,) = list(gb)
    assert ann.image_size == (40, 30)
    (b,) = ann.boxes
    assert (b.label, *np.round(b.ltrb, 3)) == ("1", 10, 5, 30, 25)


def test_upright_copies(sample, tmp_path):
    out = tmp_path / "yolo"
    summary = yolo_export(sample, out, link="hardlink", upright=True)
    with Image.open(out / "images/train/rot6.jpg") as im:
        assert im.size == (40, 60)  # the displayed size, pixels turned
        assert im.getexif().get(0x0112) in (None, 1)
        # the stored top-left marker (red) is top-right once turned by orientation 6
        r, g, b = im.convert("RGB").getpixel((37, 2))
        assert r > 150 and g < 100
    assert os.path.samefile(out / "images/train/a.jpg", sample.folder / "a.jpg")
    assert any("upright" in n for n in summary.notes)


def test_splits_are_seeded_exact_and_stable():
    images = [ExportImage(i, f"img{i:03}.jpg", 10, 10, 1, "done") for i in range(100)]
    a = assign_splits(images, (0.7, 0.2, 0.1), seed=1)
    assert a == assign_splits(list(reversed(images)), (0.7, 0.2, 0.1), seed=1)
    assert sorted(a.values()).count("train") == 70 and list(a.values()).count("test") == 10
    assert a != assign_splits(images, (0.7, 0.2, 0.1), seed=2)
    # adding images moves few of the others
    more = images + [ExportImage(1000 + i, f"zz{i}.jpg", 10, 10, 1, "done") for i in range(10)]
    b = assign_splits(more, (0.7, 0.2, 0.1), seed=1)
    assert sum(a[k] != b[k] for k in a) <= 12


def test_stratified_split_keeps_each_class_in_proportion(tmp_path):
    p = Project(tmp_path / "photos")
    for i in range(20):
        p.image(f"img{i:02}.jpg", (20, 20))
    p.scan()
    for i in range(20):
        p.box(f"img{i:02}.jpg", "rare" if i < 5 else "common", 1, 1, 5, 5)
    out = tmp_path / "yolo"
    summary = yolo_export(p, out, split=(0.6, 0.4), stratify=True, link="none")
    files = labels(out)
    rare_val = sum(1 for k, v in files.items() if k.startswith("val/") and v.startswith("0 "))
    assert rare_val == 2  # 40 % of 5
    assert summary.splits == {"train": 12, "val": 8}


def test_round_trip_within_printed_precision(sample, tmp_path):
    first = tmp_path / "first"
    yolo_export(sample, first, link="none", split=(0.5, 0.5))
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("yolo", first), other.folder)
    assert not summary.skipped, summary.skipped
    assert summary.annotations == 8 and summary.marked_done == 7
    assert summary.new_classes == ["cat", "dog", "empty class"]
    second = tmp_path / "second"
    yolo_export(other, second, link="none", split=(0.5, 0.5))
    a, b = labels(first), labels(second)
    assert a.keys() == b.keys()
    for k in a:
        la = [list(map(float, line.split())) for line in a[k].splitlines()]
        lb = [list(map(float, line.split())) for line in b[k].splitlines()]
        assert np.allclose(sorted(la), sorted(lb), atol=1.01e-6), k
    truth, back = sample.truth(), other.truth()
    for rel, boxes in back.items():
        assert np.allclose([b[1:] for b in boxes], [b[1:] for b in truth[rel]], atol=1e-3)


def test_import_copied_layout_and_classes_txt(sample, tmp_path):
    out = tmp_path / "yolo"
    yolo_export(sample, out, link="copy", split=(0.5, 0.5))
    (out / "data.yaml").unlink()
    other = copy_images(sample, tmp_path / "copy")
    summary = import_dataset(other.store, ImportPlan("yolo", out), other.folder)
    assert summary.annotations == 8 and not summary.skipped


def test_import_reports_bad_lines(sample, tmp_path):
    ds = tmp_path / "ds"
    (ds / "labels/train").mkdir(parents=True)
    (ds / "data.yaml").write_text("names: [cat, dog]\n")
    (ds / "labels/train/new.txt").write_text(
        "0 0.5 0.5 0.2 0.2\n"
        "5 0.5 0.5 0.2 0.2\n"
        "x 0.5 0.5 0.2 0.2\n"
        "1 0.5 0.5\n"
        "1 0.5 0.5 0.2 0.2 0.9\n"
        "\n"
        "0 0.1 0.1 0.3 0.1 0.3 0.3\n"
        "1 1.5 1.5 0.2 0.2\n"
    )
    (ds / "labels/train/ghost.txt").write_text("0 0.5 0.5 0.1 0.1\n")
    summary = import_dataset(sample.store, ImportPlan("yolo", ds / "data.yaml"), sample.folder)
    reasons = {s.where: s.reason for s in summary.skipped}
    assert "not in the class list" in reasons["labels/train/new.txt:2"]
    assert "not numbers" in reasons["labels/train/new.txt:3"]
    assert "expected" in reasons["labels/train/new.txt:4"]
    assert "outside the image" in reasons["labels/train/new.txt:8"]
    assert "not an image" in reasons["labels/train/ghost.txt"]
    assert any(w.where == "labels/train/new.txt:7" and "polygon" in w.reason
               for w in summary.warnings)
    assert summary.annotations == 3
    got = sorted(sample.truth()["new.jpg"])
    assert [g[0] for g in got] == ["cat", "cat", "dog"]
    assert np.allclose([g[1:] for g in got], [(2, 2, 4, 4), (8, 8, 4, 4), (8, 8, 4, 4)])


def test_label_process_gives_the_same_texts_as_in_process(sample):
    st = sample.store
    dims = [(r[0], r[2], r[3]) for r in st.export_image_rows() if r[2]]
    classes = {lab.id: i for i, lab in enumerate(st.labels())}
    here = [row for chunk in st.yolo_label_texts(dims, classes, process=False) for row in chunk]
    there = [tuple(row) for chunk in st.yolo_label_texts(dims, classes, chunk=3, process=True)
             for row in chunk]
    assert here == there and len(here) == 7
    assert dict(here)[sample.id("rot6.jpg")] == "0 0.500000 0.708333 0.750000 0.416667\n"
    # stopping early ends the process and removes its job file
    stream = st.yolo_label_texts(dims, classes, chunk=1, process=True)
    next(iter(stream))
    stream.close()
    assert stream._procs == []


def test_hostile_class_names_stay_data(tmp_path):
    p = Project(tmp_path / "photos")
    p.image("a.jpg", (20, 20)).scan()
    hostile = ["a: b", "- x", "#hash", "'quote\"", "../../etc", "CON", "名前", "null", "1"]
    for i, name in enumerate(hostile):
        p.box("a.jpg", name, i, i, 5, 5)
    out = tmp_path / "yolo"
    yolo_export(p, out, link="none")
    assert yaml.safe_load((out / "data.yaml").read_text())["names"] == dict(enumerate(hostile))
    assert sorted(f.name for f in out.iterdir()) == [
        ".glancelabel-export", "classes.txt", "data.yaml", "labels", "train.txt"]
    other = Project(tmp_path / "other", store=None)
    other.image("a.jpg", (20, 20)).scan()
    import_dataset(other.store, ImportPlan("yolo", out), other.folder)
    assert [lab.name for lab in other.store.labels()] == hostile


def test_folder_subset(sample, tmp_path):
    out = tmp_path / "yolo"
    summary = yolo_export(sample, out, folders=("sub",), link="none")
    assert sorted(labels(out)) == ["train/sub/a.txt", "train/sub/deeper/ü ñ 画像.txt"]
    assert summary.images == 2


@pytest.mark.parametrize("fmt", ["yolo", "coco", "voc", "labelstudio"])
def test_cancel_leaves_nothing(sample, tmp_path, fmt):
    import threading

    from glancelabel.core.formats import Cancelled

    cancel = threading.Event()
    out = tmp_path / ("out.json" if fmt in ("coco", "labelstudio") else "out")
    with pytest.raises(Cancelled):
        export(sample.store, ExportPlan(format=fmt, out=out, link="none"), sample.folder,
               progress=lambda *a: cancel.set(), cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]


def test_split_ext_matches_posixpath():
    import posixpath

    from glancelabel.core.formats.yolo import split_ext

    for rel in ["a.jpg", "d/a.b.png", ".hidden", "d/.hidden", "d.x/noext", "a.", "x/y/z.JPEG"]:
        assert split_ext(rel) == posixpath.splitext(rel), rel


def test_two_label_processes_share_the_images(sample):
    from glancelabel.core.store.exchange import LabelStream

    st = sample.store
    dims = [(r[0], r[2], r[3]) for r in st.export_image_rows() if r[2]]
    classes = {lab.id: i for i, lab in enumerate(st.labels())}
    here_stream = st.yolo_label_texts(dims, classes, process=False)
    here = sorted(row for chunk in here_stream for row in chunk)
    stream = LabelStream.start(st.path, dims, classes, chunk=2, processes=2)
    there = sorted(tuple(row) for chunk in stream for row in chunk)
    assert here == there
    assert stream.report[0] == here_stream.report[0]
    assert sum(stream.report[0].values()) == 9


@pytest.mark.parametrize("fmt", ["yolo", "voc"])
def test_an_image_gone_since_the_scan_is_skipped_with_the_reason(sample, tmp_path, fmt):
    (sample.folder / "a.jpg").unlink()  # still known to the project as readable
    out = tmp_path / fmt
    summary = export(sample.store, ExportPlan(format=fmt, out=out, split=(1.0,), link="copy"),
                     sample.folder)
    reasons = [s.reason for s in summary.skipped if s.where == "a.jpg"]
    assert reasons and reasons[0].startswith("could not be placed in the export")
    placed = {f.relative_to(out).as_posix() for f in out.rglob("*.jpg")}
    assert not {f for f in placed if f.endswith("/a.jpg") and "/sub/" not in f}  # sub/a.jpg stays
    assert any(f.endswith("/rot6.jpg") for f in placed)
