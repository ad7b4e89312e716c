"""An import's rows are staged without the project's write lock: a decision made meanwhile on
another connection (the window's) is written at once, and the import still lands whole or not
at all."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from glancelabel.core.store import Store, worker_connections


class _PausedRows:
    """Annotation rows that stop half way through (as a long import is while it writes) until
    `go` is set; with `fail`, they raise there instead."""

    def __init__(self, rows: list[tuple], fail: bool = False) -> None:
        self.rows, self.fail = rows, fail
        self.halfway, self.go = threading.Event(), threading.Event()

    def __iter__(self) -> Iterator[tuple]:
        half = len(self.rows) // 2
        yield from self.rows[:half]
        self.halfway.set()
        assert self.go.wait(10)
        if self.fail:
            raise OSError("the source went away")
        yield from self.rows[half:]


def _project(tmp_path) -> Store:
    # timeout 0: a write that would have to wait for another connection's lock fails at once
    store = Store(tmp_path / "p.sqlite", tmp_path, timeout=0)
    store.insert_image_rows((f"img{i}.jpg", 100, 100, 1, "todo") for i in range(10))
    store.add_labels(["cat"])
    return store


def _import_in_worker(store: Store, rows: _PausedRows, out: list) -> threading.Thread:
    def work() -> None:
        with worker_connections():
            try:
                out.append(store.import_annotations(rows, range(1, 9), {"format": "coco"},
                                                    record=True))
            except OSError as exc:
                out.append(exc)

    t = threading.Thread(target=work)
    t.start()
    assert rows.halfway.wait(10)
    return t


def test_a_decision_during_an_import_is_written_at_once_and_both_land(tmp_path):
    store = _project(tmp_path)
    cat = store.scalar("SELECT id FROM labels WHERE name = 'cat'")
    rows = _PausedRows([(1 + i % 8, cat, "box", i, 2.0, 3, 4, None) for i in range(1000)])
    out: list = []
    t = _import_in_worker(store, rows, out)
    try:
        # the import is half way through its rows: the project's write lock is free
        decision = store.set_review_state([10], "done")
        assert store.image(10).review_state == "done"
    finally:
        rows.go.set()
        t.join()
    written = out[0]
    assert written.added == 1000 and sorted(written.changed) == list(range(1, 9))
    assert store.scalar("SELECT count(*) FROM annotations WHERE source = 'import'") == 1000
    verbs = [v for (v,) in store.q("SELECT verb FROM events ORDER BY id")]
    assert verbs[-2:] == [decision.verb, "import.annotations"]  # the decision landed first
    # the undo record is what the project holds, row for row
    inserts = [ch for ch in written.changes if ch.table == "annotations"]
    assert len(inserts) == 1000
    assert store.rows("annotations", [ch.id for ch in inserts]) == {
        ch.id: ch.after for ch in inserts}
    assert [ch.after["x"] for ch in inserts] == [float(i) for i in range(1000)]  # in order
    assert not store.q("SELECT name FROM sqlite_temp_master")  # the stage is dropped
    store.close()


def test_an_import_failing_while_staged_leaves_nothing(tmp_path):
    store = _project(tmp_path)
    cat = store.scalar("SELECT id FROM labels WHERE name = 'cat'")
    rows = _PausedRows([(1, cat, "box", i, 2, 3, 4, None) for i in range(100)], fail=True)
    out: list = []
    t = _import_in_worker(store, rows, out)
    rows.go.set()
    t.join()
    assert isinstance(out[0], OSError)
    assert store.scalar("SELECT count(*) FROM annotations") == 0
    assert store.scalar("SELECT count(*) FROM images WHERE review_state = 'done'") == 0
    assert store.scalar("SELECT count(*) FROM events WHERE verb LIKE 'import%'") == 0


@pytest.mark.parametrize("joined", [False, True])
def test_suggestions_import_staged_on_the_stores_own_connection(tmp_path, joined):
    store = _project(tmp_path)
    run = store.create_run(provider="import", model="coco:x.json", kind="import", params={})
    rows = [(1 + i % 10, "box", "cat", None, i, 0, 5, 5, None, 0.5, "") for i in range(50)]
    if joined:  # inside an outer transaction the stage joins it
        with store.tx():
            assert store.import_suggestions(run, rows) == 50
    else:
        assert store.import_suggestions(run, rows) == 50
    assert [tuple(r) for r in store.q("SELECT DISTINCT state, rationale FROM suggestions")] == [
        ("pending", "")]
    assert store.scalar("SELECT count(*) FROM suggestions WHERE run_id = ?", (run,)) == 50
    assert not store.q("SELECT name FROM sqlite_temp_master")
    store.close()


def test_hiding_an_imports_duplicates_takes_no_lock_while_it_reads(tmp_path, monkeypatch):
    """The duplicates of an imported run are found without the write lock: a suggestion the
    window rejects meanwhile is written at once and stays rejected, the others are hidden."""
    from glancelabel.core.review.changes import ChangeSet, RowChange
    from glancelabel.core.store import suggestions as suggestions_mod

    store = _project(tmp_path)
    first = store.create_run(provider="import", model="coco:x.json", kind="import", params={})
    rows = [(i, "box", "cat", None, 10, 10, 50, 50, None, 0.5, "") for i in (1, 2, 3)]
    store.import_suggestions(first, rows)
    again = store.create_run(provider="import", model="coco:x.json", kind="import", params={})
    store.import_suggestions(again, rows)  # the same file imported twice: three repeats
    reading, go = threading.Event(), threading.Event()
    real = suggestions_mod._duplicates

    def slow(*args, **kwargs):
        reading.set()
        assert go.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions_mod, "_duplicates", slow)
    out: list = []

    def work() -> None:
        with worker_connections():
            out.append(store.hide_duplicates(again))

    t = threading.Thread(target=work)
    t.start()
    assert reading.wait(10)
    try:
        sid = store.scalar("SELECT id FROM suggestions WHERE run_id = ? AND image_id = 2", (again,))
        store.apply(ChangeSet("suggestion.reject", (
            RowChange("suggestions", sid, {"state": "pending"}, {"state": "rejected"}),), 2))
    finally:
        go.set()
        t.join()
    assert out == [2]
    states = store.q("SELECT image_id, state FROM suggestions WHERE run_id = ? ORDER BY image_id",
                     (again,))
    assert [tuple(r) for r in states] == [(1, "duplicate"), (2, "rejected"), (3, "duplicate")]
    store.close()
