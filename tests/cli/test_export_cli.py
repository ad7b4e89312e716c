"""`glancelabel export` and `glancelabel import`."""

from __future__ import annotations

import json
import subprocess
import sys

import orjson
import yaml
from PIL import Image

from glancelabel.cli import main
from glancelabel.core.app.paths import project_path
from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


def make_folder(tmp_path):
    folder = tmp_path / "imgs"
    (folder / "sub").mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(folder / "a.jpg")
    Image.new("RGB", (20, 20), "blue").save(folder / "sub" / "b.png")
    im = Image.new("RGB", (60, 40), "green")
    exif = im.getexif()
    exif[0x0112] = 6
    im.save(folder / "rot.jpg", exif=exif)
    return folder


def labelled(tmp_path):
    folder = make_folder(tmp_path)
    assert main(["scan", str(folder)]) == 0
    with Store(project_path(folder)) as st:
        st.add_label("cat")
        cat = st.label_by_name("cat").id
        st.add_box(st.image_by_relpath("a.jpg").id, cat, Box(1, 2, 10, 10))
        st.add_box(st.image_by_relpath("rot.jpg").id, cat, Box(0, 0, 40, 60))
        st.set_review_state([st.image_by_relpath("sub/b.png").id], ReviewState.DONE)
        run = st.create_run("local", "rapidocr")
        st.add_suggestions(run, st.image_by_relpath("sub/b.png").id, [
            NewSuggestion(Kind.BOX, "text", None, Box(1, 1, 5, 5), text="STOP", confidence=0.9)])
    return folder


def last_json(capsys) -> tuple[dict, str]:
    captured = capsys.readouterr()
    return json.loads(captured.out.strip().splitlines()[-1]), captured.err


def test_export_coco_json(tmp_path, capsys):
    folder = labelled(tmp_path)
    capsys.readouterr()
    out = tmp_path / "coco.json"
    assert main(["export", str(folder), "--format", "coco", "--out", str(out), "--json"]) == 0
    summary, err = last_json(capsys)
    assert summary["images"] == 3 and summary["boxes"] == 2 and summary["per_class"] == {"cat": 2}
    assert "Exported 3 images, 2 boxes" in err
    data = orjson.loads(out.read_bytes())
    assert {(i["file_name"], i["width"], i["height"]) for i in data["images"]} == {
        ("a.jpg", 40, 30), ("sub/b.png", 20, 20), ("rot.jpg", 40, 60)}


def test_export_yolo_split_seed_link(tmp_path, capsys):
    folder = labelled(tmp_path)
    out = tmp_path / "yolo"
    args = ["export", str(folder), "--format", "yolo", "--out", str(out), "--split", "0.5,0.5",
            "--seed", "3", "--link", "symlink", "--upright", "--json"]
    capsys.readouterr()
    assert main(args) == 0
    summary, _ = last_json(capsys)
    assert sum(summary["splits"].values()) == 3
    assert yaml.safe_load((out / "data.yaml").read_text())["names"] == {0: "cat"}
    rot = next((out / "images").rglob("rot.jpg"))
    assert not rot.is_symlink() and Image.open(rot).size == (40, 60)  # upright copy
    assert next((out / "images").rglob("a.jpg")).is_symlink()
    # same seed, same split
    first = sorted(p.relative_to(out).as_posix() for p in (out / "labels").rglob("*.txt"))
    assert main(args) == 0
    assert sorted(p.relative_to(out).as_posix() for p in (out / "labels").rglob("*.txt")) == first


def test_export_suggestions_json(tmp_path, capsys):
    folder = labelled(tmp_path)
    out = tmp_path / "s.json"
    assert main(["export", str(folder), "--format", "suggestions-json", "--out", str(out)]) == 0
    doc = orjson.loads(out.read_bytes())
    (img,) = [im for im in doc["images"] if im["suggestions"]]
    (s,) = img["suggestions"]
    assert (img["relpath"], s["label"], s["box"], s["provider"], s["model"], s["state"]) == (
        "sub/b.png", "STOP", [1, 1, 5, 5], "local", "rapidocr", "pending")


def test_import_yolo_and_no_new_classes(tmp_path, capsys):
    folder = make_folder(tmp_path)
    ds = tmp_path / "ds"
    (ds / "labels").mkdir(parents=True)
    (ds / "data.yaml").write_text("names:\n  0: cat\n  1: dog\n")
    (ds / "labels" / "a.txt").write_text("0 0.5 0.5 0.5 0.5\n1 0.2 0.2 0.1 0.1\n")
    (ds / "labels" / "rot.txt").write_text("")
    assert main(["classes", str(folder), "--add", "Cat"]) == 0
    capsys.readouterr()
    assert main(["import", str(folder), "--format", "yolo", str(ds), "--no-new-classes",
                 "--json"]) == 0
    summary, err = last_json(capsys)
    assert summary["annotations"] == 1 and summary["new_classes"] == []
    assert [s["where"] for s in summary["skipped"]] == ["labels/a.txt:2"]
    assert "dog" in summary["skipped"][0]["reason"]
    assert summary["images"] == 2
    with Store(project_path(folder)) as st:
        assert [lab.name for lab in st.labels()] == ["Cat"]
        rot = st.image_by_relpath("rot.jpg")
        assert rot.review_state == "done"  # listed with an empty label file: background
        assert st.image_by_relpath("a.jpg").review_state == "new"  # a record was skipped
    # as suggestions
    capsys.readouterr()
    assert main(["import", str(folder), "--format", "yolo", str(ds), "--as", "suggestions",
                 "--json"]) == 0
    summary, _ = last_json(capsys)
    assert summary["suggestions"] == 2 and summary["new_classes"] == ["dog"]
    assert summary["run_id"] is not None


def test_refusals_are_one_sentence_and_nonzero(tmp_path, capsys):
    folder = make_folder(tmp_path)
    capsys.readouterr()
    assert main(["export", str(folder), "--format", "yolo", "--out", str(folder / "x")]) == 1
    assert "scanned as new images" in capsys.readouterr().err
    assert main(["export", str(folder), "--format", "coco", "--out", str(tmp_path / "o.json"),
                 "--split", "a,b"]) == 0  # split does not apply to COCO
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "mine.txt").write_text("keep")
    capsys.readouterr()
    assert main(["export", str(folder), "--format", "voc", "--out", str(tmp_path / "busy")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not empty" in err and err.count("\n") == 1
    assert (tmp_path / "busy" / "mine.txt").read_text() == "keep"
    assert main(["import", str(folder), "--format", "coco", str(tmp_path / "nope.json")]) == 1
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["import", str(folder), "--format", "coco", str(bad)]) == 1
    assert "not a readable JSON" in capsys.readouterr().err


def test_console_json_is_the_last_line(tmp_path):
    folder = labelled(tmp_path)
    out = tmp_path / "ls.json"
    proc = subprocess.run(
        [sys.executable, "-m", "glancelabel", "export", str(folder), "--format", "labelstudio",
         "--out", str(out), "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["format"] == "labelstudio" and summary["images"] == 3
    assert len(orjson.loads(out.read_bytes())) == 3


def test_import_errors_are_exact_english_lines(tmp_path, capsys):
    """Scripts parse these lines: the sentences stay English and exact, values filled in."""
    folder = make_folder(tmp_path)
    results = tmp_path / "detections.json"
    results.write_text('[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5]}]')
    plain = tmp_path / "plain.json"
    plain.write_text('{"annotations": []}')
    broken = tmp_path / "broken.json"
    broken.write_text('{"images": [')
    capsys.readouterr()
    assert main(["import", str(folder), "--format", "coco", str(results)]) == 1
    assert capsys.readouterr().err == (
        "error: detections.json is a COCO results list (detections without images); import the "
        "dataset file that lists the images, or a dataset with scores.\n")
    assert main(["import", str(folder), "--format", "coco", str(plain)]) == 1
    assert capsys.readouterr().err == (
        "error: plain.json is not a COCO dataset (no 'images' list).\n")
    assert main(["import", str(folder), "--format", "coco", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken} is not a readable JSON file (") and err.endswith(").\n")
    assert main(["export", str(folder), "--format", "coco", "--out", str(folder)]) == 1
    assert capsys.readouterr().err == (
        f"error: The export cannot replace the image folder itself ({folder.resolve()}).\n")


def test_export_names_its_option_for_images_not_reviewed_yet(tmp_path, capsys):
    folder = make_folder(tmp_path)
    assert main(["scan", str(folder)]) == 0
    with Store(project_path(folder)) as st:
        st.set_review_state([st.image_by_relpath("a.jpg").id], ReviewState.DONE)
    capsys.readouterr()
    out = tmp_path / "coco.json"
    assert main(["export", str(folder), "--format", "coco", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Left out 2 images not reviewed yet: " in err
    assert "Add --all-images to export the images not reviewed yet too." in err
    assert main(["export", str(folder), "--format", "coco", "--out", str(out),
                 "--all-images"]) == 0
    err = capsys.readouterr().err
    assert "Exported 3 images" in err and "--all-images" not in err
