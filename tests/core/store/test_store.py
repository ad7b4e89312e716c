"""The project store: migrations, change sets and undo, labels, annotations, suggestions."""

from __future__ import annotations

import sqlite3

import pytest

from glancelabel.core.model import Box, Kind, ReviewState, SuggestionState
from glancelabel.core.review.undo import UndoStack
from glancelabel.core.store import LATEST, NewerProjectError, ProjectError, Store
from glancelabel.core.store.annotations import AnnotationError
from glancelabel.core.store.labels import LabelError
from glancelabel.core.store.schema import MIGRATIONS
from glancelabel.core.store.suggestions import NewSuggestion
from oldprojects import build_old_project


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite")
    s.add_images([("a.jpg", 10, 1), ("b.jpg", 20, 2)])
    s.set_headers([(1, 200, 100, 1, "JPEG", "ok", None), (2, 50, 80, 6, "JPEG", "ok", None)])
    yield s
    s.close()


def table_dump(store: Store) -> dict:
    out = {}
    for t in ("images", "labels", "annotations", "suggestions"):
        out[t] = [tuple(r) for r in store.q(f"SELECT * FROM {t} ORDER BY id")]
    return out


# -- migrations ----------------------------------------------------------------------------
def test_new_project_is_latest_and_wal(tmp_path):
    s = Store(tmp_path / "x.sqlite")
    assert s.schema_version == LATEST
    assert s.scalar("PRAGMA journal_mode") == "wal"
    assert s.integrity_check() == "ok"
    s.close()


@pytest.mark.parametrize("old_version", [v for v, _, _ in MIGRATIONS[:-1]])
def test_migrates_from_every_older_version(tmp_path, old_version):
    path = tmp_path / "old.sqlite"
    # build a project exactly as that older version left it
    conn = sqlite3.connect(path)
    build_old_project(conn, old_version)
    conn.execute("INSERT INTO images (relpath, size, mtime_ns) VALUES ('keep.jpg', 5, 6)")
    conn.execute("INSERT INTO labels (name, color, position) VALUES ('cat', '#fff', 0)")
    conn.execute(
        "INSERT INTO annotations (image_id, label_id, x, y, w, h) VALUES (1, 1, 1, 2, 3, 4)"
    )
    conn.commit()
    conn.close()

    s = Store(path)
    assert s.schema_version == LATEST
    assert s.image_by_relpath("keep.jpg").size == 5
    assert s.annotations(1)[0].box == Box(1, 2, 3, 4)
    assert s.labels()[0].name == "cat"
    # every table of the latest schema exists and works
    s.add_suggestions(None, 1, [NewSuggestion(Kind.BOX, "cat", 1, Box(0, 0, 1, 1))])
    assert s.suggestion_counts()["pending"] == 1
    # a backup of the old file was taken before migrating
    backup = path.with_name(f"old.sqlite.v{old_version}.bak")
    assert backup.exists()
    b = sqlite3.connect(backup)
    assert b.execute("PRAGMA user_version").fetchone()[0] == old_version
    b.close()
    s.close()


def test_newer_project_refused_and_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerProjectError, match="newer GlanceLabel"):
        Store(path)
    assert path.read_bytes() == before


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ProjectError, match="not a GlanceLabel project"):
        Store(path)


# -- annotations and undo ------------------------------------------------------------------
def test_box_is_clamped_committed_and_marks_done(store, tmp_path):
    lab = store.add_label("cat").changes[0].id
    cs = store.add_box(1, lab, Box(-10, 90, 50, 50))
    ann = store.annotations(1)[0]
    assert ann.box == Box(0, 90, 40, 10)
    assert store.image(1).review_state == ReviewState.DONE
    # committed: a second connection sees it at once
    other = Store(tmp_path / "p.sqlite")
    assert other.annotations(1)[0].box == ann.box
    other.close()
    assert store.events(1)[0]["verb"] == "annotation.add"
    assert cs.changes[0].id == ann.id


def test_degenerate_box_refused(store):
    with pytest.raises(AnnotationError, match="at least one pixel"):
        store.add_box(1, None, Box(10, 10, 0.2, 30))


def test_negative_drag_is_normalised(store):
    store.add_box(1, None, Box(50, 50, -20, -10))
    assert store.annotations(1)[0].box == Box(30, 40, 20, 10)


def test_undo_redo_restores_exactly(store):
    undo = UndoStack(store.apply)
    start = table_dump(store)
    lab = store.add_label("dog")
    undo.push(lab)
    after_label = table_dump(store)
    cs = store.add_box(1, lab.changes[0].id, Box(1, 1, 10, 10))
    undo.push(cs)
    undo.push(store.update_annotation(cs.changes[0].id, box=Box(5, 5, 20, 20)))
    undo.push(store.delete_annotations([cs.changes[0].id]))
    end = table_dump(store)
    for _ in range(3):
        undo.undo()
    assert table_dump(store) == after_label
    undo.undo()
    assert table_dump(store) == start
    assert not undo.can_undo()
    for _ in range(4):
        undo.redo()
    assert table_dump(store) == end


# -- labels ----------------------------------------------------------------------------------
def test_label_crud_and_hotkeys(store):
    for name in ["cat", "dog", "bird"]:
        store.add_label(name)
    with pytest.raises(LabelError, match="already exists"):
        store.add_label("  CAT ")
    with pytest.raises(LabelError, match="empty"):
        store.add_label("   ")
    store.move_label(store.label_by_name("bird").id, 0)
    assert [lab.name for lab in store.labels()] == ["bird", "cat", "dog"]
    assert store.label_by_hotkey(1).name == "bird"
    assert store.labels()[2].hotkey == 3
    store.update_label(store.label_by_name("dog").id, name="puppy", color="#123456",
                       description="young dogs")
    pup = store.label_by_name("puppy")
    assert (pup.color, pup.description) == ("#123456", "young dogs")


def test_delete_label_reassign_or_delete(store):
    cat = store.add_label("cat").changes[0].id
    dog = store.add_label("dog").changes[0].id
    store.add_box(1, cat, Box(0, 0, 10, 10))
    store.add_box(1, cat, Box(20, 0, 10, 10))
    store.add_box(1, dog, Box(40, 0, 10, 10))
    assert store.label_usage(cat) == {"annotations": 2, "suggestions": 0}
    with pytest.raises(LabelError):
        store.delete_label(cat, reassign_to=cat)
    cs = store.delete_label(cat, reassign_to=dog)
    assert [a.label_id for a in store.annotations(1)] == [dog, dog, dog]
    assert store.labels()[0].position == 0
    store.apply(cs.inverted())
    assert [a.label_id for a in store.annotations(1)] == [cat, cat, dog]
    store.delete_label(cat)
    assert [a.label_id for a in store.annotations(1)] == [dog]


# -- suggestions -----------------------------------------------------------------------------
def test_accept_reject_edit_map(store):
    cat = store.add_label("cat").changes[0].id
    dog = store.add_label("dog").changes[0].id
    run = store.create_run("fake", "m1")
    ids = store.add_suggestions(run, 1, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(0, 0, 10, 10), confidence=0.9),
        NewSuggestion(Kind.BOX, "cat", cat, Box(10, 0, 10, 10)),
        NewSuggestion(Kind.BOX, "kitten", None, Box(20, 0, 10, 10)),
        NewSuggestion(Kind.BOX, "cat", cat, Box(30, 0, 10, 10)),
    ])
    store.accept_suggestions([ids[0]])
    store.accept_suggestions([ids[1]], label_id=dog)
    store.reject_suggestions([ids[3]])
    with pytest.raises(AnnotationError, match="map it first"):
        store.accept_suggestions([ids[2]])
    store.map_label("kitten", cat)
    store.accept_suggestions([ids[2]], box=Box(21, 1, 10, 10))
    states = [store.suggestion(i).state for i in ids]
    assert states == [SuggestionState.ACCEPTED, SuggestionState.EDITED,
                      SuggestionState.EDITED, SuggestionState.REJECTED]
    anns = store.annotations(1)
    assert [a.suggestion_id for a in anns] == ids[:3]
    assert store.suggestion(ids[0]).annotation_id == anns[0].id
    assert anns[1].label_id == dog
    assert store.suggestion_counts() == {"pending": 0, "rejected": 1, "edited": 2, "accepted": 3}
    # deleting an accepted suggestion's annotation turns it into a rejection; undo restores
    cs = store.delete_annotations([anns[0].id])
    assert store.suggestion(ids[0]).state == SuggestionState.REJECTED
    store.apply(cs.inverted())
    assert store.suggestion(ids[0]).state == SuggestionState.ACCEPTED


def test_accept_all_marks_done_and_undo_is_one_step(store):
    cat = store.add_label("cat").changes[0].id
    ids = store.add_suggestions(None, 2, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(0, 0, 5, 5)),
        NewSuggestion(Kind.TAG, "cat", cat),
    ])
    before = table_dump(store)
    cs = store.accept_suggestions(ids, mark_done=True)
    assert store.image(2).review_state == ReviewState.DONE
    assert {a.kind for a in store.annotations(2)} == {Kind.BOX, Kind.TAG}
    store.apply(cs.inverted())
    assert table_dump(store) == before
    assert store.image(2).review_state == ReviewState.NEW


def test_filters(store):
    cat = store.add_label("cat").changes[0].id
    store.add_box(1, cat, Box(0, 0, 5, 5))
    store.add_suggestions(None, 2, [NewSuggestion(Kind.BOX, "cat", cat, Box(0, 0, 5, 5))])
    store.add_images([("c/img10.png", 1, 1)])
    store.mark_missing([3])
    assert store.image_ids("labelled") == [1]
    assert store.image_ids("unlabelled") == [2]
    assert store.image_ids("needs_review") == [2]
    assert store.image_ids("missing") == [3]
    assert store.image_ids("all", search="img1") == [3]
    assert store.image_ids("all", search="%") == []
    with pytest.raises(ValueError, match="unknown filter"):
        store.image_ids("bogus")


def test_pending_count_follows_every_kind_of_change(store):
    """images.pending is kept by triggers; it must match the suggestions through decisions,
    undo, deletes and raw inserts, and the doctor check must find nothing to repair."""
    cat = store.add_label("cat").changes[0].id
    ids = store.add_suggestions(None, 1, [NewSuggestion(Kind.BOX, "cat", cat, Box(i, 0, 5, 5))
                                          for i in range(4)])
    store.add_suggestions(None, 2, [NewSuggestion(Kind.TAG, "cat", cat)])

    def pending(image_id):
        return store.scalar("SELECT pending FROM images WHERE id = ?", (image_id,))

    assert (pending(1), pending(2)) == (4, 1)
    assert store.image_ids("needs_review") == [1, 2]
    a = store.accept_suggestions(ids[:2])
    r = store.reject_suggestions([ids[2]])
    assert pending(1) == 1
    store.apply(r.inverted())
    store.apply(a.inverted())
    assert pending(1) == 4
    store.accept_suggestions(ids, mark_done=True)
    store.accept_suggestions([s.id for s in store.suggestions(2)])
    assert (pending(1), pending(2)) == (0, 0)
    assert store.image_ids("needs_review") == []
    assert store.check_orphans()["pending_counts_out_of_step"] == 0
    with store.tx() as c:  # damage it on purpose: the doctor recounts
        c.execute("UPDATE images SET pending = 7 WHERE id = 2")
    assert store.check_orphans()["pending_counts_out_of_step"] == 1
    store.repair_orphans(["pending_counts_out_of_step"])
    assert pending(2) == 0


def test_in_chunks_keeps_every_value_in_order_under_the_variable_limit():
    from glancelabel.core.store.chunks import IN_LIMIT, in_chunks

    parts = list(in_chunks(range(2 * IN_LIMIT + 1)))
    assert [len(chunk) for chunk, _ in parts] == [IN_LIMIT, IN_LIMIT, 1]
    assert [v for chunk, _ in parts for v in chunk] == list(range(2 * IN_LIMIT + 1))
    assert all(marks.count("?") == len(chunk) for chunk, marks in parts)
    assert list(in_chunks([])) == []
