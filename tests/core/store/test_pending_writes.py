"""The window's writes never wait for a worker's transaction (core/store/pending.py): while a
worker holds the write lock, a decision on the window's connection is queued, read back at once,
written in order when the lock is free, and undone through the same queue."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from worker_kit import worker_writing

from fakes.full_disk import full_disk_for_queued_writes
from fakes.killed_app import killed_while_queued
from glancelabel.core.model import Box, Kind, ReviewState, SuggestionState
from glancelabel.core.review.changes import ChangeSet
from glancelabel.core.review.undo import UndoStack
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite", tmp_path)
    s.add_images([("a.jpg", 10, 1), ("b.jpg", 20, 2)])
    s.set_headers([(1, 200, 100, 1, "JPEG", "ok", None), (2, 50, 80, 1, "JPEG", "ok", None)])
    s.add_labels(["cat"])
    cat = s.label_by_name("cat").id
    s.add_suggestions(None, 1, [NewSuggestion(Kind.BOX, "cat", cat, Box(0, 0, 10, 10)),
                                NewSuggestion(Kind.BOX, "cat", cat, Box(20, 0, 10, 10))])
    s.add_suggestions(None, 2, [NewSuggestion(Kind.BOX, "cat", cat, Box(1, 1, 5, 5))])
    s.landed = []  # (written set or None, queued set, problem), in the order heard
    s.queue_writes(lambda applied, cs, problem: s.landed.append((applied, cs, problem)))
    s._main.conn.execute("PRAGMA busy_timeout = 0")  # the window must never wait: an error here
    yield s
    s.close()


def on_disk(store: Store, sql: str) -> list[tuple]:
    """What another connection reads from the file (not the window's overlay)."""
    conn = sqlite3.connect(store.path)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def test_a_decision_during_a_worker_write_is_shown_at_once_and_written_after(store):
    with worker_writing(store, lambda c: c.execute(
            "INSERT INTO annotations (image_id, label_id, x, y, w, h, source) "
            "VALUES (2, 1, 0, 0, 3, 3, 'import')")):
        cs = store.accept_suggestions([1, 2], mark_done=True, verb="suggestion.accept_all")
        assert store.pending_count == 1
        # the window reads the decision back at once: annotations with ids to come, image done
        assert [a.id < 0 for a in store.annotations(1)] == [True, True]
        assert store.image(1).review_state == ReviewState.DONE
        assert {s.state for s in store.suggestions(1)} == {SuggestionState.ACCEPTED}
        assert store.suggestion_counts()["pending"] == 1
        # and the image's pending count, which the project's triggers keep, follows
        assert store.scalar("SELECT pending FROM images WHERE id = 1") == 0
        assert on_disk(store, "SELECT pending FROM images WHERE id = 1") == [(2,)]
        assert on_disk(store, "SELECT count(*) FROM annotations") == [(0,)]
    store._writes.wait_idle()
    assert store.pending_count == 0
    # written in order after the worker's rows, with the ids the file gave them
    assert on_disk(store, "SELECT id, image_id, source FROM annotations ORDER BY id") == [
        (1, 2, "import"), (2, 1, "suggestion"), (3, 1, "suggestion")]
    assert on_disk(store, "SELECT review_state FROM images WHERE id = 1") == [("done",)]
    assert [a.id for a in store.annotations(1)] == [2, 3]  # the overlay is gone
    assert [store._writes.real_id(i) for i in cs.ids("annotations")] == [2, 3]
    applied, queued, problem = store.landed[0]
    assert problem is None and queued == cs and applied.ids("annotations") == [2, 3]
    verbs = on_disk(store, "SELECT verb FROM events ORDER BY id")
    assert verbs[-1:] == [("suggestion.accept_all",)]


def test_undo_of_a_queued_decision_and_of_one_written_since(store):
    stack = UndoStack(store.apply)
    with worker_writing(store):
        stack.push(store.accept_suggestions([1]))
        stack.undo()  # queued behind the decision it takes back
        assert store.pending_count == 2
        assert store.annotations(1) == []
        assert store.suggestion(1).state == SuggestionState.PENDING
        stack.redo()
        assert len(store.annotations(1)) == 1
    store._writes.wait_idle()
    assert on_disk(store, "SELECT id, suggestion_id FROM annotations") == [(1, 1)]
    assert store.suggestion(1).state == SuggestionState.ACCEPTED
    stack.undo()  # nothing waits now: written at once, on the rows the queued ones became
    assert store.pending_count == 0
    assert on_disk(store, "SELECT count(*) FROM annotations") == [(0,)]
    assert on_disk(store, "SELECT state, annotation_id FROM suggestions WHERE id = 1") == [
        ("pending", None)]


def test_a_decision_a_worker_overtook_is_not_written_twice(store):
    """Accept-the-rest accepts suggestion 3 in its transaction; the window rejected it
    meanwhile: the window's set is reported, not written over the worker's."""

    def accept_rest(c):
        c.execute("INSERT INTO annotations (id, image_id, label_id, x, y, w, h, source, "
                  "suggestion_id) VALUES (1, 2, 1, 1, 1, 5, 5, 'suggestion', 3)")
        c.execute("UPDATE suggestions SET state = 'accepted', decided_by = 'bulk', "
                  "annotation_id = 1 WHERE id = 3")

    with worker_writing(store, accept_rest):
        store.reject_suggestions([3], mark_done=True)
        assert store.suggestion(3).state == SuggestionState.REJECTED
    store._writes.wait_idle()
    applied, _cs, problem = store.landed[0]
    assert applied is None and "changed the same suggestions or images first" in problem.sentence
    assert store.suggestion(3).state == SuggestionState.ACCEPTED
    assert store.image(2).review_state == ReviewState.NEW
    assert on_disk(store, "SELECT verb FROM events WHERE verb LIKE 'suggestion%'") == []


def test_close_writes_what_is_queued(tmp_path):
    path = tmp_path / "p.sqlite"
    s = Store(path, tmp_path)
    s.add_images([("a.jpg", 10, 1)])
    s.queue_writes(lambda *a: None)
    with worker_writing(s) as release:
        s.set_review_state([1], ReviewState.DONE)
        assert s.pending_count == 1
        closing = threading.Thread(target=s.close)
        closing.start()  # waits for the worker, then writes
        release.set()
        closing.join(20)
    assert not closing.is_alive()
    with Store(path) as again:
        assert again.image(1).review_state == ReviewState.DONE


def test_a_project_setting_is_queued_in_order_with_the_decisions(store):
    """A class added is a change set too (queued, shown); a project setting (not a change set)
    is queued behind them, read back at once and written after them, in order."""
    with worker_writing(store):
        store.reject_suggestions([3])
        store.add_labels(["dog"])
        store.set_meta("note", "after")
        assert store.pending_count == 3
        assert [lab.name for lab in store.labels()] == ["cat", "dog"]
        assert store.get_meta("note") == "after"
        assert on_disk(store, "SELECT value FROM meta WHERE key = 'note'") == []
    store._writes.wait_idle()
    assert [cs.verb for _applied, cs, _problem in store.landed] == [
        "suggestion.reject", "label.add", "meta.set"]
    assert on_disk(store, "SELECT name FROM labels ORDER BY id") == [("cat",), ("dog",)]
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = 3") == [("rejected",)]
    assert on_disk(store, "SELECT value FROM meta WHERE key = 'note'") == [("after",)]
    assert store.get_meta("note") == "after"
    assert store.q("SELECT name FROM sqlite_temp_master WHERE type = 'view'") == []


def test_a_project_setting_behind_a_queued_decision_waits_its_turn(store):
    """No worker writes any more, but a decision still waits to be written: the setting is
    queued behind it rather than written first; with nothing queued it is written at once."""
    gate = threading.Event()
    real = store._writes._land  # the writer waits for `gate` before each write
    store._writes._land = lambda cs: (gate.wait(10), real(cs))[1]
    with worker_writing(store) as release:
        store.reject_suggestions([3])
        release.set()
    store.set_meta("note", "queued")
    assert store.pending_count == 2
    gate.set()
    store._writes.wait_idle()
    assert [cs.verb for _applied, cs, _problem in store.landed] == ["suggestion.reject", "meta.set"]
    store.set_meta("note", "now")
    assert store.pending_count == 0 and len(store.landed) == 2
    assert on_disk(store, "SELECT value FROM meta WHERE key = 'note'") == [("now",)]


def test_a_queued_new_class_undone_after_a_run_used_it(store):
    """"Add as a new class" queued (the class gets its id when written); a later answer is mapped
    to it; Ctrl+Z takes the class back and that answer's label is unknown again."""
    run = store.create_run("fake", "m")
    store.add_suggestions(run, 1, [NewSuggestion(Kind.BOX, "zebra", None, Box(50, 5, 9, 9))])
    stack = UndoStack(store.apply)
    with worker_writing(store):
        stack.push(store.add_label_and_map("zebra"))
        assert store.label_by_name("zebra").id < 0  # shown before it is written
    store._writes.wait_idle()
    zebra = store.label_by_name("zebra").id
    later = store.add_suggestions(run, 2, [NewSuggestion(Kind.BOX, "zebra", None, Box(1, 1, 4, 4))])
    assert store.suggestion(later[0]).label_id == zebra
    stack.undo()
    assert store.label_by_name("zebra") is None
    assert store.suggestion(later[0]).label_id is None


def test_a_set_too_large_to_lay_over_the_reads_is_queued_and_shown_once_written(
        store, monkeypatch):
    """A set of more row changes than the overlay takes (or of a table it does not cover) does
    not wait either: it is queued in order behind the decisions before it, not laid over the
    reads (the window shows it once written), and a decision made after it is written after
    it; undoing it before it is written queues the inverse behind it."""
    from glancelabel.core.store import pending

    monkeypatch.setattr(pending, "MAX_QUEUED_CHANGES", 1)
    stack = UndoStack(store.apply)
    with worker_writing(store):
        store.reject_suggestions([3])  # 1 row change and the image's count: laid
        stack.push(store.set_review_state([1, 2], ReviewState.DONE))  # 2 row changes: not laid
        assert store.pending_count == 2 and store.pending_unshown == 1
        assert [store.image(i).review_state for i in (1, 2)] == ["new", "new"]  # not shown yet
        assert store.suggestion(3).state == SuggestionState.REJECTED  # the laid one is
        stack.undo()
        assert store.pending_count == 3 and store.pending_unshown == 2
    store._writes.wait_idle()
    assert store.pending_unshown == 0
    assert [cs.verb for _applied, cs, _problem in store.landed] == [
        "suggestion.reject", "image.done", "undo:image.done"]
    assert all(problem is None for _applied, _cs, problem in store.landed)
    assert on_disk(store, "SELECT review_state FROM images") == [("new",), ("new",)]
    stack.redo()
    assert on_disk(store, "SELECT review_state FROM images") == [("done",), ("done",)]


def test_a_decision_behind_an_unshown_set_on_its_rows_is_refused_before_it_is_shown(
        store, monkeypatch):
    """Ctrl+Z of a set too large to show (queued unshown): the boxes it takes away are still
    drawn. A box moved meanwhile was made on what the undo changes: it is refused before it is
    shown (said why), so nothing shown as done is lost; a decision on other rows is queued
    behind and written. The undo stack keeps a refused undo's step."""
    from glancelabel.core.store import pending

    monkeypatch.setattr(pending, "MAX_QUEUED_CHANGES", 3)
    stack = UndoStack(store.apply)
    stack.push(store.reject_suggestions([3]))  # on b.jpg
    stack.push(store.accept_suggestions([1, 2]))  # written at once: 2 boxes on a.jpg
    ann = store.annotations(1)[0].id
    box = store.annotations(1)[0].box
    with worker_writing(store):
        stack.undo()  # more row changes than the overlay takes: queued unshown
        assert store.pending_unshown == 1 and len(store.annotations(1)) == 2  # still drawn
        with pytest.raises(pending.BehindLargerChange) as refused:
            store.update_annotation(ann, box=Box(1, 1, 30, 30))  # the person moves one
        assert refused.value.sentence == (
            "Not done: a larger change made just before it (shown only once saved) changes the "
            "same boxes or images and is still being saved; try again once the window shows it.")
        assert store.annotations(1)[0].box == box  # not shown as moved
        assert store.pending_count == 1
        stack.undo()  # b.jpg's reject: rows the large undo leaves alone, queued behind it
        assert store.pending_count == 2
    store._writes.wait_idle()
    said = [(cs.verb, problem and problem.sentence) for _applied, cs, problem in store.landed]
    assert said == [("undo:suggestion.accept", None), ("undo:suggestion.reject", None)]
    assert on_disk(store, "SELECT count(*) FROM annotations") == [(0,)]
    assert on_disk(store, "SELECT state FROM suggestions ORDER BY id") == [
        ("pending",), ("pending",), ("pending",)]


def test_a_refused_undo_keeps_its_step():
    """An undo the store refuses (it raises) leaves the step on the stack: Ctrl+Z again
    undoes it once the store takes it."""
    from glancelabel.core.review.changes import ChangeSet, RowChange

    refuse = [True]

    def apply(cs):
        if refuse[0]:
            raise ValueError("not now")
        return cs

    stack = UndoStack(apply)
    done = ChangeSet("label.add", (RowChange("labels", 1, None, {"name": "cat"}),))
    stack.push(done)
    with pytest.raises(ValueError):
        stack.undo()
    assert stack.last_done() is done and not stack.can_redo()
    refuse[0] = False
    assert stack.undo() is done and stack.last_undone() is done


def wait_for(condition, seconds: float = 10) -> None:
    stop = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < stop, "timed out"
        time.sleep(0.01)


def test_a_full_disk_keeps_the_queued_decision_and_writes_it_once_there_is_room(
        store, monkeypatch):
    """The writer's write fails (disk full): the decision is not dropped. It stays queued and
    shown, the window hears the problem once, and it is written when the disk has room."""
    from glancelabel.core.store import pending

    monkeypatch.setattr(pending, "RETRY_SECONDS", 0.05, raising=False)
    full = full_disk_for_queued_writes(monkeypatch)
    with worker_writing(store):
        cs = store.accept_suggestions([1])
    wait_for(lambda: store.landed)
    time.sleep(0.3)  # several retries fail meanwhile
    applied, _queued, problem = store.landed[0]
    assert applied is None and "is full" in problem.sentence
    assert len(store.landed) == 1  # told once, not at every retry
    assert store.pending_count == 1
    assert store.suggestion(1).state == SuggestionState.ACCEPTED  # still shown
    (new_id,) = cs.ids("annotations")
    assert store.row("annotations", new_id) is not None  # its id maps to no unwritten row
    assert on_disk(store, "SELECT count(*) FROM annotations") == [(0,)]
    full.clear()
    store._writes.wait_idle()
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = 1") == [("accepted",)]
    assert on_disk(store, "SELECT count(*) FROM annotations WHERE suggestion_id = 1") == [(1,)]
    applied, _queued, problem = store.landed[-1]
    assert problem is None and applied.ids("annotations") == [1]


def test_a_task_started_while_decisions_wait_reads_them(store):
    """An export or report started (on a connection of its own) while the window's decisions
    wait behind a worker's write reads them: it starts once they are written, so no decision
    the window shows is missing from the file it writes."""
    from glancelabel.core.store import worker_connections

    seen: list = []

    def export() -> None:
        with worker_connections():
            seen.append([(a.id, a.suggestion_id) for a in store.annotations(1)])

    with worker_writing(store) as release:
        store.accept_suggestions([1])
        t = threading.Thread(target=export)
        t.start()
        time.sleep(0.2)
        assert seen == []  # waiting: the decision is not in the file yet
        release.set()
        t.join(10)
    assert seen == [[(1, 1)]]  # with the decision, under the id the file gave it


def test_close_on_a_full_disk_ends_and_says_what_was_lost(tmp_path, monkeypatch, caplog):
    """Closing while the disk refuses a queued decision tries once more, then ends (it never
    hangs) and the log names the decision lost."""
    from glancelabel.core.store import pending

    monkeypatch.setattr(pending, "RETRY_SECONDS", 30, raising=False)
    s = Store(tmp_path / "p.sqlite", tmp_path)
    s.add_images([("a.jpg", 10, 1)])
    heard: list = []
    s.queue_writes(lambda *a: heard.append(a))
    full_disk_for_queued_writes(monkeypatch)
    with worker_writing(s):
        s.set_review_state([1], ReviewState.DONE)
    wait_for(lambda: heard)
    closing = threading.Thread(target=s.close)
    closing.start()
    closing.join(10)
    assert not closing.is_alive()
    assert "a decision was lost at close: The disk holding the project file is full" in caplog.text
    assert heard[-1][0] is None and "is full" in heard[-1][2].sentence


def test_a_write_on_the_window_connection_never_meets_the_overlay_views(store, monkeypatch):
    """A write transaction on the window's connection (a thread that shares it, such as a new
    project's listing thread) waits for the queue to empty; a set queued between that wait and
    its BEGIN must not leave it writing into the TEMP view ('cannot modify images because it is
    a view'): it waits again."""
    real = store._writes.wait_idle
    calls: list[int] = []

    def wait_idle():  # the first wait ends just before the window queues a set
        calls.append(1)
        if len(calls) > 1:
            real()

    monkeypatch.setattr(store._writes, "wait_idle", wait_idle)
    store._main.conn.execute("PRAGMA busy_timeout = 10000")  # this write may wait
    with worker_writing(store) as release:
        store.reject_suggestions([3], mark_done=True)  # queued: images is a view now
        threading.Timer(0.3, release.set).start()
        store.set_headers([(2, 60, 90, 1, "JPEG", "ok", None)])
    assert on_disk(store, "SELECT width, height, review_state FROM images WHERE id = 2") == [
        (60, 90, "done")]


def test_a_box_drawn_moved_twice_and_classed_while_queued_is_written_as_last_seen(store):
    """A new box (negative id) edited twice and given a new class (queued too) while a worker
    writes: each edit sees the one before, and the file gets the last box with the class's id;
    undoing the last move afterwards finds the box under its written id."""
    stack = UndoStack(store.apply)
    with worker_writing(store):
        stack.push(store.add_box(1, 1, Box(10, 10, 20, 20)))
        (box_id,) = [a.id for a in store.annotations(1)]
        stack.push(store.update_annotation(box_id, box=Box(30, 10, 20, 20)))
        stack.push(store.apply(ChangeSet("label.add", (store.new_label_change("fox"),))))
        fox = store.label_by_name("fox").id
        stack.push(store.update_annotation(box_id, box=Box(40, 12, 20, 20), label_id=fox))
        assert box_id < 0 and fox < 0 and store.pending_count == 4
        assert [(a.box.x, a.label_id) for a in store.annotations(1)] == [(40, fox)]
    store._writes.wait_idle()
    assert on_disk(store, "SELECT a.x, a.y, l.name FROM annotations a JOIN labels l "
                   "ON l.id = a.label_id") == [(40.0, 12.0, "fox")]
    stack.undo()
    assert on_disk(store, "SELECT x, y, label_id FROM annotations") == [(30.0, 10.0, 1)]



@pytest.mark.parametrize("when", ["queued", "written"])
def test_a_kill_while_a_decision_waits_loses_nothing_and_writes_nothing_twice(tmp_path, when):
    """The app is killed (SIGKILL) while an accept waits behind a worker's write (or just after
    it was written, before the file of queued decisions was rewritten): the next open writes
    it, once."""
    path = tmp_path / "p.sqlite"
    with Store(path, tmp_path) as s:
        s.add_images([("a.jpg", 10, 1)])
        s.set_headers([(1, 200, 100, 1, "JPEG", "ok", None)])
        s.add_labels(["cat"])
        s.add_suggestions(None, 1, [NewSuggestion(Kind.BOX, "cat", 1, Box(0, 0, 10, 10))])
    killed_while_queued(path, when)
    left = [p.name for p in tmp_path.iterdir() if ".queued-" in p.name]
    assert any(not n.endswith(".lock") for n in left)
    with Store(path) as again:
        assert again.recovered == (1 if when == "queued" else 0)
        assert again.suggestion(1).state == SuggestionState.ACCEPTED
        assert again.image(1).review_state == ReviewState.DONE
        assert again.scalar("SELECT count(*) FROM annotations") == 1
        assert again.scalar("SELECT count(*) FROM events WHERE verb = 'suggestion.accept'") == 1
    assert not [p.name for p in tmp_path.iterdir() if ".queued-" in p.name]


def test_another_open_of_the_project_leaves_a_live_queue_to_its_window(store):
    """The CLI or a second store opening the project while the window's decisions wait does not
    write them (their process lives and writes them itself): each is written once."""
    with worker_writing(store):
        store.accept_suggestions([1])
        assert [p for p in store.path.parent.iterdir() if ".queued-" in p.name]
        other = Store(store.path)
        assert other.recovered == 0
        other.close()
    store._writes.wait_idle()
    assert on_disk(store, "SELECT count(*) FROM annotations WHERE suggestion_id = 1") == [(1,)]
    assert not [p for p in store.path.parent.iterdir()
                if ".queued-" in p.name and not p.name.endswith(".lock")]


def test_write_now_begins_only_when_nothing_waits(store):
    """`write_now` is a write transaction begun only when it needs no wait: True (its writes
    kept together) when the lock is free and nothing is queued; False, nothing begun, while a
    worker writes or the window's decisions wait; a failure inside keeps none of its writes."""
    with store.write_now() as now:
        assert now
        store.set_meta("a", "1")
        store.set_meta("b", "1")
    assert on_disk(store, "SELECT key, value FROM meta WHERE key IN ('a', 'b')") == [
        ("a", "1"), ("b", "1")]
    with pytest.raises(ValueError), store.write_now() as now:
        store.set_meta("a", "2")
        raise ValueError("refused")
    assert on_disk(store, "SELECT value FROM meta WHERE key = 'a'") == [("1",)]
    gate = threading.Event()
    real = store._writes._land  # the writer waits for `gate` before each write
    store._writes._land = lambda cs: (gate.wait(10), real(cs))[1]
    with worker_writing(store) as release:
        with store.write_now() as now:
            assert not now and not store._main.conn.in_transaction
        store.reject_suggestions([3])  # queued
        release.set()
    with store.write_now() as now:  # the lock is free, a decision still waits: not before it
        assert not now
    gate.set()
    store._writes.wait_idle()
    with store.write_now() as now:
        assert now
