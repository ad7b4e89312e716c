"""Projects from every earlier schema version, filled the way that version's app filled them,
migrate with every row intact, after a backup; the migrated project then works normally."""

from __future__ import annotations

import sqlite3

import pytest

from glancelabel.core.model import Box
from glancelabel.core.store import LATEST, Store
from glancelabel.core.store.schema import MIGRATIONS
from oldprojects import build_old_project

FILL = {
    1: [
        "INSERT INTO meta VALUES ('folder', '/photos')",
        "INSERT INTO images (relpath, sort_key, size, mtime_ns, width, height, orientation, format,"
        " file_state, review_state) VALUES ('a/1.jpg', 1, 10, 5, 640, 480, 6, 'JPEG', 'ok', 'done'),"
        " ('b/2.png', 2, 20, 6, 30, 20, 1, 'PNG', 'missing', 'new'),"
        " ('café €.jpg', 3, 30, 7, 1, 1, 1, 'JPEG', 'unreadable', 'new')",
        "INSERT INTO labels (name, color, position, description) VALUES ('cat', '#f00', 0, 'a cat'),"
        " ('dog', '#0f0', 1, '')",
        "INSERT INTO annotations (image_id, label_id, kind, x, y, w, h, source, created_at)"
        " VALUES (1, 1, 'box', 1.5, 2.5, 30, 40, 'manual', 1.0), (1, 2, 'tag', NULL, NULL, NULL,"
        " NULL, 'manual', 2.0)",
        "INSERT INTO events (at, verb, image_id, changes) VALUES (1.0, 'annotation.add', 1,"
        " '{\"meta\": {}, \"changes\": []}')",
    ],
    2: [
        "INSERT INTO runs (provider, model, prompt_hash, params, created_at, input_tokens,"
        " output_tokens, cost_usd, status) VALUES ('anthropic', 'claude-sonnet-4-5', 'h', '{}', 3.0,"
        " 1200, 150, 0.01, 'finished')",
        "INSERT INTO jobs (run_id, image_id, state, attempts, response_key) VALUES (1, 1, 'done', 1,"
        " 'k1'), (1, 2, 'failed', 3, NULL)",
        "INSERT INTO responses (key, provider, model, raw, result, created_at) VALUES ('k1',"
        " 'anthropic', 'claude-sonnet-4-5', '{}', '{\"suggestions\": []}', 3.0)",
        "INSERT INTO suggestions (run_id, image_id, kind, raw_label, label_id, x, y, w, h,"
        " confidence, state, decided_by, annotation_id) VALUES (1, 1, 'box', 'cat', 1, 1.5, 2.5,"
        " 30, 40, 0.9, 'accepted', 'person', 1), (1, 1, 'box', 'zebra', NULL, 1, 1, 5, 5, 0.2,"
        " 'pending', NULL, NULL)",
    ],
}
TABLES = ["meta", "images", "labels", "annotations", "events", "runs", "jobs", "responses",
          "suggestions"]


def _dump(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in TABLES if t in have}


@pytest.mark.parametrize("version", [v for v, _d, _s in MIGRATIONS[:-1]])
def test_filled_project_of_every_older_version_migrates_intact(tmp_path, version):
    path = tmp_path / "project.sqlite"
    con = sqlite3.connect(path)

    def fill(number: int) -> None:
        for statement in FILL.get(number, []):
            con.execute(statement)

    build_old_project(con, version, fill)
    con.commit()
    before = _dump(con)
    con.close()

    with Store(path) as store:
        assert store.schema_version == LATEST and store.integrity_check() == "ok"
        after = _dump(store._conn)
        for table, rows in before.items():  # old columns keep their values, row for row
            assert [r[: len(rows[0])] for r in after[table]] == rows if rows else True, table
        # every suggestion keeps the model's original class and box (for edits before accepting)
        for r in store.q("SELECT label_id, x, y, w, h, orig_label_id, ox, oy, ow, oh"
                         " FROM suggestions"):
            assert tuple(r)[:5] == tuple(r)[5:]
        assert store.q("SELECT * FROM label_mappings") == []
        # and the migrated project is fully usable: undoable decisions on old data
        pending = [s.id for s in store.suggestions(1, states=["pending"])]
        if pending:
            store.map_label("zebra", 2)
            cs = store.accept_suggestions(pending)
            store.apply(cs.inverted())
        cs = store.add_box(1, 1, Box(0, 0, 5, 5))
        assert cs.changes
    backup = path.with_name(f"project.sqlite.v{version}.bak")
    b = sqlite3.connect(backup)
    assert b.execute("PRAGMA user_version").fetchone()[0] == version
    assert _dump(b) == before  # the backup is the old file as it was
    b.close()
