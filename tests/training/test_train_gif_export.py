"""Images Ultralytics cannot read (GIF; HEIC/HEIF without a plug-in) go into YOLO exports as PNG
copies in the displayed frame, with their labels; the summary says so. Before, `pal.gif` was copied
as is, and Ultralytics dropped it and its boxes without a word."""

from __future__ import annotations

import yaml
from PIL import Image
from trainkit import shapes_project

from glancelabel.core.folder.imaging import SUPPORTED_EXTENSIONS
from glancelabel.core.formats import ExportPlan, export
from glancelabel.core.formats.yolo import ULTRALYTICS_READS, needs_png

# Ultralytics 8.4's own IMG_FORMATS (ultralytics/data/utils.py), read in the training environment
# by tests/training/test_train_engine.py::test_ultralytics_reads_what_the_export_assumes
ULTRALYTICS_IMG_FORMATS = {"avif", "bmp", "dng", "heic", "heif", "jp2", "jpeg", "jpg", "mpo", "png",
                           "tif", "tiff", "webp"}


def test_every_scanned_format_is_readable_by_ultralytics_or_converted():
    for ext in SUPPORTED_EXTENSIONS:
        readable = ext.lstrip(".") in ULTRALYTICS_IMG_FORMATS and ext not in (".heic", ".heif")
        assert needs_png(f"a{ext}") is not readable, ext
        assert needs_png(f"a{ext.upper()}") is not readable, ext
    assert needs_png("pal.gif") and needs_png("x.heic") and needs_png("x.HEIF")
    assert ULTRALYTICS_READS <= {f".{e}" for e in ULTRALYTICS_IMG_FORMATS}


def exported(tmp_path, fmt: str, n: int, link: str = "copy"):
    """A shapes project of n images (the last one pal.gif) exported in `fmt`."""
    store, truth = shapes_project(tmp_path / "f", n, gif=True)
    out = tmp_path / fmt
    summary = export(store, ExportPlan(format=fmt, out=out, split=(1.0,), link=link),
                     tmp_path / "f")
    store.close()
    return truth, out, summary


def test_yolo_export_keeps_a_gif_as_png_with_its_boxes(tmp_path):
    truth, out, summary = exported(tmp_path, "yolo", 4)
    png = out / "images/train/pal.gif.png"
    assert png.exists() and not (out / "images/train/pal.gif").exists()
    with Image.open(png) as im:
        assert im.format == "PNG" and im.size == (96, 96)
    name, x, y, w, h = truth["pal.gif"][0]
    cls = ["square", "circle"].index(name)
    line = (out / "labels/train/pal.gif.txt").read_text().split()
    assert int(line[0]) == cls
    assert abs(float(line[1]) - (x + w / 2) / 96) < 1e-5 and abs(float(line[3]) - w / 96) < 1e-5
    assert summary.images == 4
    assert "1 image was converted to PNG (pal.gif): Ultralytics cannot read GIF files." in (
        summary.notes)


def test_yolo_classification_export_keeps_a_gif_as_png(tmp_path):
    truth, out, summary = exported(tmp_path, "yolo-cls", 3)
    cls = truth["pal.gif"][0][0]
    assert (out / "train" / cls / "pal.gif.png").exists()
    assert summary.images == 3
    assert any("converted to PNG (pal.gif)" in n for n in summary.notes)


def test_images_left_in_place_are_named_in_a_note(tmp_path):
    _truth, out, summary = exported(tmp_path, "yolo", 2, link="none")
    listed = (out / "train.txt").read_text()
    assert "pal.gif" in listed
    assert ("Ultralytics cannot read 1 listed image (pal.gif): export with copies or links to get "
            "a PNG copy of it.") in summary.notes
    data = yaml.safe_load((out / "data.yaml").read_text())
    assert data["train"] == "train.txt"
