"""Two writers on one project: two processes deciding the same suggestions at once (SQLite's
locking keeps the file safe; each suggestion must be decided once, never overwritten), and two
`review` commands on overlapping images."""

from __future__ import annotations

import json

import pytest
from faultkit import HERE, db_rows, integrity, popen_cli, popen_py, suggestion_project

pytestmark = pytest.mark.slow


def _acks(proc) -> dict[int, int]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return {int(p[1]): int(p[2]) for p in (line.split() for line in out.splitlines())
            if p and p[0] == "ack"}


def test_two_processes_deciding_the_same_suggestions_never_overwrite_each_other(tmp_path):
    db = suggestion_project(tmp_path / "p.sqlite", images=30, per_image=10)
    first = popen_py(HERE / "decider.py", db, "accept")
    second = popen_py(HERE / "decider.py", db, "reject", 150)
    a, r = _acks(first), _acks(second)
    assert len(a) == len(r) == 300
    assert integrity(db) == "ok"
    state = dict(db_rows(db, "SELECT id, state FROM suggestions"))
    accepted_by_a = {sid for sid, n in a.items() if n}
    rejected_by_b = {sid for sid, n in r.items() if n}
    # every suggestion was decided by exactly one process and its decision stands
    assert not accepted_by_a & rejected_by_b
    assert accepted_by_a | rejected_by_b == set(state)
    assert all(state[s] == "accepted" for s in accepted_by_a)
    assert all(state[s] == "rejected" for s in rejected_by_b)
    links = db_rows(db, "SELECT suggestion_id, count(*) FROM annotations GROUP BY suggestion_id")
    assert dict(links) == dict.fromkeys(accepted_by_a, 1)
    assert db_rows(db, "SELECT count(*) FROM events WHERE verb LIKE 'suggestion.%'") == [
        (len(accepted_by_a) + len(rejected_by_b),)]


def test_two_review_commands_on_overlapping_images(tmp_path):
    from fakes.batch_fakes import make_images
    from glancelabel.core.app.paths import project_path
    from glancelabel.core.store import Store

    make_images(tmp_path, 40)
    db = project_path(tmp_path)
    _project = Store(db, tmp_path)
    from glancelabel.core.folder.scan import scan_folder

    scan_folder(_project, tmp_path)
    _project.add_labels(["cat"])
    cat = _project.labels()[0].id
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    for image_id in _project.image_ids():
        _project.add_suggestions(None, image_id, [
            NewSuggestion(Kind.BOX, "cat", cat, Box(k, k, 10, 10), confidence=0.8)
            for k in range(5)])
    _project.close()
    names = [f"img{i:04d}.jpg" for i in range(40)]
    acc = popen_cli("review", tmp_path, "--accept-all", "--json",
                    *[x for n in names[:30] for x in ("--image", n)])
    rej = popen_cli("review", tmp_path, "--reject-all", "--json",
                    *[x for n in names[10:] for x in ("--image", n)])
    outs = []
    for p in (acc, rej):
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        outs.append(json.loads(out.decode().strip().splitlines()[-1]))
    assert integrity(db) == "ok"
    counts = dict(db_rows(db, "SELECT state, count(*) FROM suggestions GROUP BY state"))
    assert outs[0]["accepted"] == counts.get("accepted", 0)
    assert outs[1]["rejected"] == counts.get("rejected", 0)
    assert counts.get("pending", 0) == 0 and sum(counts.values()) == 200
    assert db_rows(db, "SELECT count(*) FROM annotations")[0][0] == counts["accepted"]
    assert db_rows(db, "SELECT count(*) FROM images WHERE review_state = 'done'") == [(40,)]
