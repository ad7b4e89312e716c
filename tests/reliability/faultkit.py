"""Helpers of the fault matrix (imported by its tests): CLI subprocesses, seeded kill points, fast test folders,
and checks that a project survived (opens, `PRAGMA integrity_check` is ok)."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

SEED = int(os.environ.get("GLANCELABEL_FAULT_SEED", "20240607"))
HERE = Path(__file__).parent


def cli_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "glancelabel", *(str(a) for a in args)]


def run_cli(*args, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cli_cmd(*args), capture_output=True, text=True, timeout=timeout,
                          env=env or dict(os.environ))


def popen_cli(*args, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(cli_cmd(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env or dict(os.environ))


def popen_py(script: Path, *args, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(script), *(str(a) for a in args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env or dict(os.environ))


def wait_for(cond: Callable[[], bool], timeout: float = 30.0, proc=None) -> bool:
    """Poll `cond` until true; False when the time is up or `proc` ended first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        if proc is not None and proc.poll() is not None:
            return cond()
        time.sleep(0.01)
    return False


def kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()  # SIGKILL on POSIX
    proc.wait(30)


def jpeg_bytes(size=(48, 32), color=(90, 140, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def clone_folder(folder: Path, n: int, per_dir: int = 500, size=(48, 32)) -> list[Path]:
    """n small identical JPEGs in subfolders of `per_dir` (fast: one encode, n writes)."""
    data = jpeg_bytes(size)
    paths = []
    for i in range(n):
        p = folder / f"d{i // per_dir:03d}" / f"img{i:06d}.jpg"
        if i % per_dir == 0:
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        paths.append(p)
    return paths


def integrity(db: Path) -> str:
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def db_rows(db: Path, sql: str, params=()) -> list[tuple]:
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def annotated_project(folder: Path, n: int, boxes: int = 3, classes=("cat", "dog")):
    """A scanned project whose n images are done with `boxes` annotations each (bulk import)."""
    from glancelabel.core.app.paths import project_path
    from glancelabel.core.folder.scan import scan_folder
    from glancelabel.core.store import Store

    clone_folder(folder, n)
    store = Store(project_path(folder), folder)
    scan_folder(store, folder)
    store.add_labels(list(classes))
    label_ids = [lab.id for lab in store.labels()]
    ids = store.image_ids()
    rows = [(i, label_ids[k % len(label_ids)], "box", 1.0 + k, 2.0, 10.0, 8.0, None)
            for i in ids for k in range(boxes)]
    store.import_annotations(rows, ids)
    return store


def suggestion_project(path: Path, images: int = 40, per_image: int = 10) -> Path:
    """A project of `images` images with `per_image` pending cat suggestions each."""
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store import Store
    from glancelabel.core.store.suggestions import NewSuggestion

    store = Store(path)
    store.add_images([(f"i{i:04d}.jpg", 10, 1) for i in range(images)])
    store.set_headers([(i + 1, 200, 100, 1, "JPEG", "ok", None) for i in range(images)])
    store.add_labels(["cat"])
    cat = store.labels()[0].id
    for image_id in store.image_ids():
        store.add_suggestions(None, image_id, [
            NewSuggestion(Kind.BOX, "cat", cat, Box(k, k, 20, 10), confidence=0.5)
            for k in range(per_image)])
    store.close()
    return path
