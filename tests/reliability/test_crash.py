"""SIGKILL at seeded random points: mid-scan, mid-suggest, mid-export, mid-import, mid-migration and
right after acknowledged decisions. Afterwards the project opens, `PRAGMA integrity_check` is ok,
nothing acknowledged is lost, and no half-written export sits under its final name."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from faultkit import (
    HERE,
    annotated_project,
    clone_folder,
    db_rows,
    integrity,
    kill,
    popen_cli,
    popen_py,
    run_cli,
    suggestion_project,
    wait_for,
)

from glancelabel.core.app.paths import project_path
from glancelabel.core.store import LATEST, Store
from oldprojects import build_old_project

pytestmark = pytest.mark.slow


def _kill_mid_work(proc) -> None:
    """SIGKILL a process that is provably still running, and prove the signal is what ended it."""
    assert proc.poll() is None, "the process had ended before the kill"
    proc.kill()
    assert proc.wait(30) == -9, "the process was not ended by the SIGKILL"


def _count(db: Path, sql: str) -> int:
    """A count read while another process writes; 0 while the table is not there yet."""
    try:
        return db_rows(db, sql)[0][0]
    except sqlite3.Error:
        return 0


def test_kill_mid_scan_then_rescan_completes(tmp_path, rng):
    folder = tmp_path / "photos"
    n = 20000  # enough header reading (about a second on a quiet machine) to kill into
    clone_folder(folder, n)
    db = project_path(folder)
    proc = popen_cli("scan", folder, "--json")
    # the walk lists every file first; the work is reading each header
    stored = "SELECT count(*) FROM images WHERE width IS NOT NULL"
    assert wait_for(lambda: db.exists() and _count(db, stored) > 0, 60, proc), "nothing stored"
    time.sleep(rng.uniform(0.0, 0.05))
    _kill_mid_work(proc)
    assert integrity(db) == "ok"
    partial = db_rows(db, stored)[0][0]
    assert 0 < partial < n, partial  # killed mid-scan: some images stored, not all
    done = run_cli("scan", folder, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["images"] == n and report["unreadable"] == 0
    assert db_rows(db, "SELECT count(*), count(DISTINCT relpath) FROM images") == [(n, n)]
    assert db_rows(db, "SELECT count(*) FROM images WHERE file_state != 'ok'") == [(0,)]
    assert integrity(db) == "ok"


def _read_acks(proc, stop_after: int) -> list[int]:
    acked: list[int] = []
    for line in proc.stdout:
        if line.startswith("ack "):
            acked.append(int(line.split()[1]))
            if len(acked) >= stop_after:
                break
        elif line.startswith("end"):
            break
    return acked


@pytest.mark.parametrize("mode", ["accept", "reject"])
def test_every_acknowledged_decision_survives_sigkill(tmp_path, rng, mode):
    db = suggestion_project(tmp_path / "p.sqlite")
    proc = popen_py(HERE / "decider.py", db, mode)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    acked = _read_acks(proc, rng.randint(5, 200))
    kill(proc)  # right after the last acknowledgement
    assert integrity(db) == "ok"
    state = dict(db_rows(db, "SELECT id, state FROM suggestions"))
    want = "accepted" if mode == "accept" else "rejected"
    assert acked and all(state[sid] == want for sid in acked)
    if mode == "accept":
        linked = dict(db_rows(db, "SELECT suggestion_id, count(*) FROM annotations"
                                  " GROUP BY suggestion_id"))
        assert all(linked.get(sid) == 1 for sid in acked)
        # nothing half-done: every accepted suggestion has exactly its annotation
        accepted = {s for s, st in state.items() if st == "accepted"}
        assert set(linked) == accepted
    events = db_rows(db, "SELECT count(*) FROM events")[0][0]
    assert events >= len(acked)
    with Store(db) as s:  # opens normally and the log can be read
        assert s.integrity_check() == "ok" and len(s.events(5)) == min(5, events)


# Three seeded kill points (rng is seeded by the test's id): one point may land just outside
# the moment a broken write would be torn; three rarely all do.
KILL_POINTS = [1, 2, 3]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_mid_suggest_keeps_every_stored_answer_whole(tmp_path, rng, point):
    """(Resuming after the kill is covered by tests/cli/test_suggest_cli.py; this adds seeded
    kill points and the file-level checks.)"""
    from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, make_images

    n = 12
    make_images(tmp_path, n)
    db = project_path(tmp_path)
    env = dict(os.environ, ANTHROPIC_API_KEY="test-key")
    with FastAnthropic() as fake:
        fake.success_headers = {}
        fake.default_input = CAR_ANSWER
        fake.latency = 0.5  # 12 images two at a time: about 3 s of work to kill into
        proc = popen_cli("suggest", tmp_path, "--provider", "anthropic", "--base-url",
                         fake.base_url, "--concurrency", "2", "--yes", "--json", env=env)
        stored = "SELECT count(*) FROM jobs WHERE state = 'done'"
        assert wait_for(lambda: _count(db, stored) > 0, 60, proc), "no answer stored"
        time.sleep(rng.uniform(0.0, 0.3))
        _kill_mid_work(proc)
    assert integrity(db) == "ok"
    done = {r[0] for r in db_rows(db, "SELECT image_id FROM jobs WHERE state = 'done'")}
    assert 0 < len(done) < n, done  # killed mid-run: some answers stored, not all
    per_image = dict(db_rows(db, "SELECT image_id, count(*) FROM suggestions GROUP BY image_id"))
    # an answer is stored whole with its job, or not at all
    assert set(per_image) == done and all(c == 2 for c in per_image.values())
    with Store(db) as s:
        assert s.integrity_check() == "ok" and s.image_count() == n


def _temp_siblings(out: Path) -> list[Path]:
    return [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]


@pytest.mark.parametrize("fmt", ["yolo", "coco"])
def test_kill_mid_export_leaves_no_half_export_under_the_final_name(tmp_path, fmt):
    folder = tmp_path / "photos"
    n = 600
    store = annotated_project(folder, n)
    store.close()
    db = project_path(folder)
    out = tmp_path / "exports" / ("yolo" if fmt == "yolo" else "coco.json")
    out.parent.mkdir()
    args = ["export", folder, "--format", fmt, "--out", out, "--json"]
    if fmt == "yolo":
        args += ["--link", "copy"]
    # The temporary lives about 0.3 s (YOLO) or 0.07 s (COCO): a timed kill misses it on a busy
    # machine. The child stops when the written temporary is about to take the final name.
    proc = popen_py(HERE / "exporter.py", *args)
    line = proc.stdout.readline()
    assert line.startswith("renaming "), (line, proc.stderr.read() if proc.poll() else "")
    tmp = Path(line.split(" ", 1)[1].strip())
    assert tmp.parent == out.parent and tmp.name.startswith(f".{out.name}."), tmp
    _kill_mid_work(proc)
    assert integrity(db) == "ok"
    assert not out.exists(), "a killed export has its final name"
    assert _temp_siblings(out) == [tmp], "the written temporary is not what the kill left"
    if fmt == "yolo":  # the temporary was whole: only the rename was missing
        assert len(list(tmp.rglob("labels/**/*.txt"))) == n
    else:
        assert len(json.loads(tmp.read_bytes())["annotations"]) == 3 * n
    # a new export succeeds over whatever the kill left behind
    again = run_cli(*args)
    assert again.returncode == 0, again.stderr
    if fmt == "yolo":
        assert len(list(out.rglob("labels/**/*.txt"))) == n
    else:
        assert len(json.loads(out.read_bytes())["annotations"]) == 3 * n
    leftovers = _temp_siblings(out)
    # what a SIGKILL leaves is a hidden temporary sibling, never the final name
    assert all(p.name.endswith(".tmp") for p in leftovers), leftovers


def _coco(folder: Path, images: list[Path], per_image: int) -> dict:
    cats = [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}]
    imgs, anns = [], []
    for i, p in enumerate(images, 1):
        imgs.append({"id": i, "file_name": p.relative_to(folder).as_posix(), "width": 48,
                     "height": 32})
        for k in range(per_image):
            anns.append({"id": len(anns) + 1, "image_id": i, "category_id": 1 + k % 2,
                         "bbox": [1 + k % 30, 2 + k // 30, 10, 8], "area": 80, "iscrowd": 0})
    return {"images": imgs, "annotations": anns, "categories": cats}


def test_kill_mid_import_is_all_or_nothing(tmp_path, rng):
    folder = tmp_path / "photos"
    paths = clone_folder(folder, 1000)
    per_image = 100  # a write transaction long enough to kill into
    src = tmp_path / "big_coco.json"
    src.write_text(json.dumps(_coco(folder, paths, per_image)))
    db = project_path(folder)
    assert run_cli("scan", folder).returncode == 0
    proc = popen_cli("import", folder, "--format", "coco", src, "--json")
    wal = db.with_name(db.name + "-wal")
    def writing() -> bool:  # the import holds the write lock: its transaction is open
        con = sqlite3.connect(db, timeout=0)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.rollback()
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            con.close()

    # Opening the project and adding its classes write a few kB first; the import's one
    # transaction of 100,000 rows spills megabytes of uncommitted pages into the WAL while it
    # holds the write lock: kill inside that transaction, not before it.
    def importing() -> bool:
        return wal.exists() and wal.stat().st_size > 1_000_000 and writing()

    assert wait_for(importing, 60, proc), "no import transaction seen"
    time.sleep(rng.uniform(0.0, 0.05))
    _kill_mid_work(proc)
    assert integrity(db) == "ok"
    count = db_rows(db, "SELECT count(*) FROM annotations")[0][0]
    done = db_rows(db, "SELECT count(*) FROM images WHERE review_state = 'done'")[0][0]
    # one transaction killed before its commit: none of it, with the images' state to match
    assert (count, done) == (0, 0), (count, done)
    again = run_cli("import", folder, "--format", "coco", src, "--json")
    assert again.returncode == 0, again.stderr
    assert db_rows(db, "SELECT count(*) FROM annotations")[0][0] == 1000 * per_image


def _old_project(path: Path, version: int, rows: int) -> None:
    con = sqlite3.connect(path)
    build_old_project(con, version)
    con.executemany("INSERT INTO images (relpath, size, mtime_ns, sort_key) VALUES (?, ?, ?, ?)",
                    ((f"folder/{i:07d}-a-rather-long-file-name.jpg", i, i, i)
                     for i in range(rows)))
    con.execute("INSERT INTO labels (name, color, position) VALUES ('cat', '#fff', 0)")
    con.executemany("INSERT INTO annotations (image_id, label_id, x, y, w, h) VALUES (?,1,1,2,3,4)",
                    ((i,) for i in range(1, rows, 7)))
    con.commit()
    con.close()


OPEN = "import sys; from glancelabel.core.store import Store; Store(sys.argv[1]).close()"


@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_mid_migration_then_open_migrates_from_a_good_backup(tmp_path, rng, point):
    import subprocess
    import sys

    db = tmp_path / "old.sqlite"
    rows = 200_000
    _old_project(db, 1, rows)
    annotations = db_rows(db, "SELECT count(*) FROM annotations")[0][0]
    proc = subprocess.Popen([sys.executable, "-c", OPEN, str(db)], stderr=subprocess.PIPE)
    backup = db.with_name("old.sqlite.v1.bak")
    wal = db.with_name("old.sqlite-wal")
    # the backup is taken first and only reads the project; the first migration step's commit
    # is the first write into the WAL: from then on the migration runs (about 0.9 s here)
    assert wait_for(lambda: wal.exists() and wal.stat().st_size > 0, 60, proc), "no step stored"
    time.sleep(rng.uniform(0.0, 0.25))
    _kill_mid_work(proc)
    assert integrity(db) == "ok"
    version = db_rows(db, "PRAGMA user_version")[0][0]
    assert 2 <= version < LATEST, version  # killed mid-migration: some steps stored, not all
    with Store(db) as s:  # opening again finishes the migration
        assert s.schema_version == LATEST and s.integrity_check() == "ok"
        assert s.image_count() == rows
        assert s.scalar("SELECT count(*) FROM annotations") == annotations
    # the backup taken before migrating from version 1 is whole
    assert backup.exists()
    assert integrity(backup) == "ok"
    assert db_rows(backup, "PRAGMA user_version") == [(1,)]
    assert db_rows(backup, "SELECT count(*) FROM images") == [(rows,)]
