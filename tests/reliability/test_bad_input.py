"""Bad input the format, scan and imaging tests do not cover yet: extreme sizes and broken EXIF
end to end (scan, provider preparation, export), very long names, non-ASCII names through every
folder export, hostile class names through every export, a folder vanishing mid-scan, malformed
imports, a newer project refused through the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from faultkit import run_cli
from PIL import Image

from glancelabel.core.app.paths import project_path
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.formats import FormatError, ImportPlan, export, import_dataset
from glancelabel.core.formats.plan import ExportPlan
from glancelabel.core.model import Box
from glancelabel.core.providers.prepare import prepare_image
from glancelabel.core.providers.pricing import load_price_table
from glancelabel.core.store import LATEST, Store


def _broken_exif_jpeg(path: Path) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(buf, "JPEG")
    data = buf.getvalue()
    # an APP1 Exif segment whose TIFF header and IFD offsets point nowhere
    junk = b"Exif\x00\x00II*\x00\xff\xff\xff\x7f" + os.urandom(40)
    app1 = b"\xff\xe1" + (len(junk) + 2).to_bytes(2, "big") + junk
    path.write_bytes(data[:2] + app1 + data[2:])
    return path


@pytest.fixture
def odd_folder(tmp_path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (30000, 2), (200, 0, 0)).save(folder / "wide.png")
    Image.new("RGB", (1, 1), (0, 0, 200)).save(folder / "one.png")
    _broken_exif_jpeg(folder / "brokenexif.jpg")
    long_name = "é" * 100 + "x" * 46 + ".jpg"  # 251 bytes + extension: at the name limit
    Image.new("RGB", (20, 20)).save(folder / long_name, "JPEG")
    deep = folder.joinpath(*(["sub" + "d" * 60] * 40))  # a path far beyond 255 bytes
    deep.mkdir(parents=True)
    Image.new("RGB", (20, 20)).save(deep / "deep.jpg", "JPEG")
    for name in ("日本語の写真.jpg", "new\nline.jpg", "tab\tname.jpg", "back\\slash.jpg"):
        Image.new("RGB", (24, 16)).save(folder / name, "JPEG")
    return folder


def test_extreme_sizes_broken_exif_and_long_names_go_end_to_end(odd_folder, tmp_path):
    store = Store(project_path(odd_folder), odd_folder)
    report = scan_folder(store, odd_folder)
    assert report.unreadable == 0, report.problems
    assert report.images == 9
    wide = store.image_by_relpath("wide.png")
    assert (wide.width, wide.height) == (30000, 2)
    assert store.image_by_relpath("brokenexif.jpg").orientation == 1
    rule = load_price_table().info("claude-sonnet-5", "anthropic").image_rule
    for rec in store.all_images():  # each can be prepared for a provider
        prepared = prepare_image(odd_folder / rec.relpath, rule)
        assert min(prepared.sent_size) >= 1 and prepared.data
    # a box on each image, then every folder export writes them all, inside the output folder
    store.add_labels(["thing"])
    thing = store.labels()[0].id
    for rec in store.all_images():
        store.add_box(rec.id, thing, Box(0, 0, rec.width, rec.height))
    for fmt in ("yolo", "voc", "coco", "labelstudio"):
        out = tmp_path / "out" / (fmt if fmt in ("yolo", "voc") else f"{fmt}.json")
        summary = export(store, ExportPlan(format=fmt, out=out, link="copy"), odd_folder)
        assert summary.images == 9, (fmt, summary.lines())
        if out.is_dir():
            for p in out.rglob("*"):
                assert os.path.realpath(p).startswith(os.path.realpath(out))
    yolo_labels = [p for p in (tmp_path / "out" / "yolo").rglob("*.txt")
                   if p.parent.name != "yolo"]
    lines = [line.split() for p in yolo_labels for line in p.read_text().splitlines()]
    assert lines and all(0 <= float(v) <= 1 for line in lines for v in line[1:])
    store.close()


HOSTILE = ["a/b", "../../escape", "..", "nul\x00byte", "CON", "aux.txt", "LPT1", " ", "x" * 300]


def test_hostile_class_names_never_escape_any_export(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    store = Store(project_path(folder), folder)
    for i in range(len(HOSTILE)):
        Image.new("RGB", (20, 20)).save(folder / f"i{i}.jpg", "JPEG")
    scan_folder(store, folder)
    added, refused = store.add_labels(HOSTILE)
    labels = store.labels()
    assert labels
    for rec, lab in zip(store.all_images(), labels * 3, strict=False):
        store.add_box(rec.id, lab.id, Box(1, 1, 5, 5))
        store.add_tag(rec.id, lab.id)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    for fmt in ("yolo", "yolo-cls", "voc", "coco", "labelstudio", "suggestions-json"):
        out = tmp_path / "exports" / (fmt if fmt in ("yolo", "yolo-cls", "voc") else f"{fmt}.json")
        export(store, ExportPlan(format=fmt, out=out, link="copy"), folder)
        if out.is_dir():
            for p in out.rglob("*"):
                assert os.path.realpath(p).startswith(os.path.realpath(out) + os.sep), p
                assert "\x00" not in p.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({*outside_before, "exports"})
    assert not (tmp_path.parent / "escape").exists()
    store.close()


def test_a_sub_folder_vanishing_during_a_scan(tmp_path):
    import shutil

    folder = tmp_path / "photos"
    for sub in ("a", "b"):
        for i in range(300):
            p = folder / sub / f"{i}.jpg"
            p.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (8, 8)).save(p, "JPEG")
    store = Store(project_path(folder), folder)
    gone = []

    def progress(done, total):
        if total and done and not gone:  # headers are being read: the drive goes away
            shutil.rmtree(folder / "b")
            gone.append(done)

    report = scan_folder(store, folder, progress=progress)
    assert gone
    states = dict(store.q("SELECT file_state, count(*) FROM images GROUP BY file_state"))
    assert report.images + report.missing == 600 and states.get("ok", 0) >= 300
    assert sum(states.values()) == 600 and set(states) <= {"ok", "missing", "unreadable"}
    again = scan_folder(store, folder)  # the next scan settles it
    assert again.images + again.missing == 600 and again.missing == 300
    assert dict(store.q("SELECT file_state, count(*) FROM images GROUP BY file_state")) == {
        "ok": 300, "missing": 300}
    assert store.integrity_check() == "ok"
    store.close()


@pytest.mark.parametrize("fmt,name,body", [
    ("coco", "bad.json", b'{"images": [ {"id": 1, "file_name": '),
    ("coco", "types.json", json.dumps({"images": {"id": "one"}, "annotations": "none",
                                       "categories": [None, 3, {"id": [], "name": {}}]}).encode()),
    ("coco", "deep.json", b"[" * 100_000 + b"]" * 100_000),
    ("labelstudio", "ls.json", json.dumps([{"data": {"image": 5}, "annotations": "x"},
                                           "task", None]).encode()),
    ("voc", "bad.xml", b"<annotation><object><name>cat</name><bndbox><xmin>a"),
    ("voc", "types.xml", b"<annotation><filename>x.jpg</filename><object><name>cat</name>"
                         b"<bndbox><xmin>zz</xmin><ymin>1</ymin><xmax>-9e999</xmax>"
                         b"<ymax>nan</ymax></bndbox></object></annotation>"),
    ("yolo", "data.yaml", b"names: [unclosed\n  - : :\n\t bad"),
    ("yolo", "data.yaml", b"!!python/object/apply:os.system ['echo pwned']"),
    ("labelme", "lm.json", json.dumps({"imagePath": 7, "shapes": [{"points": "no"}]}).encode()),
])
def test_malformed_imports_are_one_sentence_or_skipped_records(tmp_path, fmt, name, body):
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (20, 20)).save(folder / "x.jpg", "JPEG")
    store = Store(project_path(folder), folder)
    scan_folder(store, folder)
    src = tmp_path / "ds" / name
    src.parent.mkdir()
    src.write_bytes(body)
    source = src.parent if fmt == "yolo" else src
    before = store.scalar("SELECT count(*) FROM annotations")
    try:
        summary = import_dataset(store, ImportPlan(fmt, source), folder)
    except FormatError as exc:
        message = str(exc)
        assert message and "\n" not in message.strip() and "Traceback" not in message
    else:
        assert summary.lines()  # the skipped records are reported, nothing imported wrongly
    assert store.scalar("SELECT count(*) FROM annotations") == before
    assert store.integrity_check() == "ok"
    store.close()


def test_a_newer_project_is_refused_by_the_cli_byte_for_byte_untouched(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    db = project_path(folder)
    Store(db, folder).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {LATEST + 5}")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    listing = sorted(p.name for p in db.parent.iterdir())
    for argv in (("stats", folder), ("scan", folder), ("review", folder, "--accept-all"),
                 ("doctor", folder, "--repair")):
        done = run_cli(*argv)
        assert done.returncode != 0
        errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "newer GlanceLabel" in errors[0], done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in db.parent.iterdir()) == listing
