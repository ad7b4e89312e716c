"""A full disk under a command: the same sentence as the window's (from the core), no traceback."""

from __future__ import annotations

import sqlite3

from PIL import Image

from glancelabel.cli import main
from glancelabel.core.errors import storage_error


def test_a_scan_on_a_full_disk_says_the_cores_sentence(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (8, 8)).save(folder / "a.png")
    project = tmp_path / "project.sqlite"
    assert main(["scan", str(folder), "--project", str(project)]) == 0
    data = (folder / "a.png").read_bytes()
    for k in range(400):  # new images need new pages in the project file
        (folder / f"b{k}.png").write_bytes(data)
    real_connect = sqlite3.connect

    def full_disk(path, *args, **kwargs):  # SQLite's own SQLITE_FULL: no page may be added
        conn = real_connect(path, *args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", full_disk)
    capsys.readouterr()
    assert main(["scan", str(folder), "--project", str(project)]) == 1
    err = capsys.readouterr().err
    sentence = storage_error(sqlite3.OperationalError("database or disk is full")).sentence
    assert f"error: {sentence} (details in" in err
    assert "OperationalError" not in err and "Traceback" not in err
    monkeypatch.undo()
    assert main(["scan", str(folder), "--project", str(project)]) == 0  # space back: it goes on
