"""`glancelabel scan FOLDER --json` in a subprocess, as scripts use it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import imagegen as g

pytestmark = pytest.mark.slow


def run_scan(*args, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "glancelabel", "scan", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def last_json(proc) -> dict:
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_scan_json_reports_images_problems_and_missing(tmp_path):
    folder = tmp_path / "photos"
    g.jpeg(folder / "img2.jpg")
    g.jpeg(folder / "img10.jpg", orientation=6)
    g.png(folder / "sub" / "café.png")
    g.zero_byte(folder / "empty.jpg")
    g.truncated_jpeg(folder / "cut.jpg")
    g.bomb_png(folder / "bomb.png")
    g.jpeg(folder / ".hidden" / "skip.jpg")
    (folder / "readme.txt").write_text("not an image")

    proc = run_scan(folder, "--json")
    data = last_json(proc)
    assert data["images"] == 6
    assert data["unreadable"] == 3
    assert data["missing"] == 0
    assert data["added"] == 6 and data["removed"] == 0 and data["changed"] == 0
    assert data["problems"] == {
        "bomb.png": "image too large: 30000x30000 pixels exceeds the 178-megapixel safety limit",
        "cut.jpg": "truncated JPEG",
        "empty.jpg": "empty file (0 bytes)",
    }
    assert isinstance(data["seconds"], float)
    assert "6 images: 6 added" in proc.stderr and "cut.jpg: truncated JPEG" in proc.stderr
    assert "finding images" not in proc.stderr  # no progress bar when stderr is not a terminal
    assert (folder / ".glancelabel" / "project.sqlite").exists()

    (folder / "img2.jpg").unlink()
    g.jpeg(folder / "new.jpg")
    data = last_json(run_scan(folder, "--json"))
    assert (data["images"], data["added"], data["removed"], data["missing"]) == (6, 1, 1, 1)


def test_scan_with_project_elsewhere(tmp_path):
    folder = tmp_path / "photos"
    g.jpeg(folder / "a.jpg")
    project = tmp_path / "elsewhere" / "p.sqlite"
    data = last_json(run_scan(folder, "--project", project, "--json"))
    assert data["images"] == 1 and project.exists()
    assert not (folder / ".glancelabel").exists()


def test_scan_without_json_prints_no_json(tmp_path):
    folder = tmp_path / "photos"
    g.jpeg(folder / "a.jpg")
    proc = run_scan(folder)
    assert proc.stdout == "" and "1 images" in proc.stderr


def test_scan_of_a_missing_folder_fails_with_one_sentence(tmp_path):
    proc = run_scan(tmp_path / "nope", "--json", check=False)
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [f"error: {tmp_path / 'nope'} is not a folder."]


def test_progress_bar_counts_then_fills(capsys):
    from glancelabel.cli.scan import _Bar

    bar = _Bar()
    bar(4096, 0)
    assert bar.phase == "walk" and bar.bar.n == 4096
    bar(10, 100)
    assert bar.phase == "headers" and bar.bar.total == 100
    bar(100, 100)
    assert bar.bar.n == 100
    bar.close()
    err = capsys.readouterr().err
    assert "finding images" in err and "reading headers" in err
