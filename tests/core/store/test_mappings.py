"""Label mappings (M) are stored in the project, applied to every later answer and import, listed,
changeable, removable and undoable; new suggestions that repeat what the image already holds are
stored as hidden duplicates."""

from __future__ import annotations

import json

import pytest

from glancelabel.core.formats import ImportPlan, import_dataset
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite", tmp_path)
    s.insert_image_rows([("a.jpg", 100, 80, 1, "new"), ("b.jpg", 100, 80, 1, "new")])
    for name in ("car", "dog"):
        s.add_label(name)
    yield s
    s.close()


def box(label: str, x=10.0, y=10.0, w=20.0, h=20.0, label_id=None) -> NewSuggestion:
    return NewSuggestion(Kind.BOX, label, label_id, Box(x, y, w, h), confidence=0.9)


def states(store, image_id):
    return [(r[0], r[1], r[2]) for r in store.q(
        "SELECT raw_label, label_id, state FROM suggestions WHERE image_id = ? ORDER BY id",
        (image_id,))]


def pending_column(store, image_id):
    return store.scalar("SELECT pending FROM images WHERE id = ?", (image_id,))


def test_mapping_is_stored_and_applied_to_later_answers_normalised(store):
    car = store.label_by_name("car").id
    run = store.create_run("fake", "m1")
    store.add_suggestions(run, 1, [box("cat")])
    cs = store.map_label("cat", car)
    assert [m.raw_label for m in store.label_mappings()] == ["cat"]
    assert store.label_mappings()[0].label_name == "car"
    assert states(store, 1) == [("cat", car, "pending")]
    # the model's original class follows the mapping (accepting it is not an edit)
    assert store.scalar("SELECT orig_label_id FROM suggestions") == car
    # the next answer, spelled differently, is mapped on arrival
    store.add_suggestions(run, 2, [box(" CAT ", 50, 40)])
    assert states(store, 2) == [(" CAT ", car, "pending")]
    # Ctrl+Z of the M step: the mapping is gone and the first suggestion unknown again
    store.apply(cs.inverted())
    assert store.label_mappings() == []
    assert states(store, 1) == [("cat", None, "pending")]
    assert states(store, 2) == [(" CAT ", car, "pending")]  # arrived mapped, stays so


def test_adding_a_label_as_a_new_class_is_one_change_set(store):
    run = store.create_run("fake", "m1")
    store.add_suggestions(run, 1, [box("zebra"), box("Zebra ", 50, 40)])
    cs = store.add_label_and_map(" zebra")
    zebra = store.label_by_name("zebra").id
    assert [lab.name for lab in store.labels()] == ["car", "dog", "zebra"]
    assert store.mapped_label("ZEBRA") == zebra
    assert states(store, 1) == [("zebra", zebra, "pending"), ("Zebra ", zebra, "pending")]
    store.apply(cs.inverted())  # one Ctrl+Z: class, mapping and re-classed suggestions
    assert [lab.name for lab in store.labels()] == ["car", "dog"]
    assert store.label_mappings() == []
    assert states(store, 1) == [("zebra", None, "pending"), ("Zebra ", None, "pending")]


def test_undoing_a_new_class_after_a_run_used_its_mapping(store):
    """A batch run's answer arrives after "Add as a new class" and is mapped to that class; the
    Ctrl+Z of the class still works (it raised FOREIGN KEY constraint failed) and leaves that
    answer's label unknown again, as before the class existed."""
    run = store.create_run("fake", "m1")
    store.add_suggestions(run, 1, [box("zebra")])
    cs = store.add_label_and_map("zebra")
    zebra = store.label_by_name("zebra").id
    store.add_suggestions(run, 2, [box("zebra", 50, 40)])  # a later answer, mapped
    assert states(store, 2) == [("zebra", zebra, "pending")]
    undone = store.apply(cs.inverted())
    assert [lab.name for lab in store.labels()] == ["car", "dog"]
    assert states(store, 1) == [("zebra", None, "pending")]
    assert states(store, 2) == [("zebra", None, "pending")]
    assert len(undone.changes) == len(cs.changes) + 1  # logged with the undo
    store.apply(cs)  # redo: the class, its mapping and the suggestions it re-classed
    assert store.mapped_label("zebra") == zebra
    assert states(store, 1) == [("zebra", zebra, "pending")]


def test_changing_and_removing_a_mapping_reclasses_pending_suggestions(store):
    car, dog = store.label_by_name("car").id, store.label_by_name("dog").id
    run = store.create_run("fake", "m1")
    store.map_label("cat", car)
    store.add_suggestions(run, 1, [box("cat"), box("cat", 50, 40)])
    store.map_label("cat", dog)  # change the mapping
    assert [m.label_name for m in store.label_mappings()] == ["dog"]
    assert [s[1] for s in states(store, 1)] == [dog, dog]
    mid = store.label_mappings()[0].id
    cs = store.remove_label_mapping(mid)
    assert store.label_mappings() == []
    assert [s[1] for s in states(store, 1)] == [None, None]
    store.apply(cs.inverted())
    assert [s[1] for s in states(store, 1)] == [dog, dog]


def test_deleting_a_class_moves_or_drops_its_mappings(store):
    car, dog = store.label_by_name("car").id, store.label_by_name("dog").id
    store.map_label("cat", car)
    store.map_label("puppy", dog)
    store.delete_label(car, reassign_to=dog)
    assert sorted((m.raw_label, m.label_name) for m in store.label_mappings()) == [
        ("cat", "dog"), ("puppy", "dog")]
    cs = store.delete_label(dog)
    assert store.label_mappings() == []
    store.apply(cs.inverted())
    assert len(store.label_mappings()) == 2


def test_duplicates_of_annotations_and_same_model_suggestions_are_hidden(store):
    car = store.label_by_name("car").id
    store.add_box(1, car, Box(10, 10, 20, 20))
    run1 = store.create_run("fake", "m1")
    run2 = store.create_run("fake", "m1")
    other = store.create_run("fake", "m2")
    store.add_suggestions(run1, 1, [box("car", 10.5, 10, 20, 20, car),  # = the annotation
                                    box("car", 60, 40, 20, 20, car),  # new
                                    box("dog", 10, 10, 20, 20)])  # unknown label: new
    assert [s[2] for s in states(store, 1)] == ["duplicate", "pending", "pending"]
    assert pending_column(store, 1) == 2
    # the same model asked again: repeats of its pending suggestions are hidden
    store.add_suggestions(run2, 1, [box("car", 60, 40, 20, 20, car), box(" Dog", 10, 10, 20, 20),
                                    box("car", 0, 0, 5, 5, car)])
    assert [s[2] for s in states(store, 1)][3:] == ["duplicate", "duplicate", "pending"]
    # another model's matching suggestion stays visible
    store.add_suggestions(other, 1, [box("car", 60, 40, 20, 20, car)])
    assert states(store, 1)[-1][2] == "pending"
    assert pending_column(store, 1) == 4
    assert store.duplicate_count(run1) == 1 and store.duplicate_count(run2) == 2
    assert len(store.suggestions(1)) == 4  # review never sees the duplicates
    assert len(store.suggestions(1, states=["duplicate"])) == 3


def test_import_uses_mappings_as_annotations_and_as_suggestions(store, tmp_path):
    car = store.label_by_name("car").id
    store.map_label("Cat", car)
    src = tmp_path / "data.json"
    src.write_text(json.dumps({
        "images": [{"id": 1, "file_name": "a.jpg", "width": 100, "height": 80}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 10, 8]}],
        "categories": [{"id": 1, "name": "cat"}]}))
    summary = import_dataset(store, ImportPlan("coco", src), tmp_path)
    assert summary.new_classes == [] and summary.annotations == 1
    assert store.q("SELECT label_id FROM annotations")[0][0] == car
    assert any("'cat' → car" in n for n in summary.notes)
    summary = import_dataset(store, ImportPlan("coco", src, as_="suggestions"), tmp_path)
    assert summary.suggestions == 1
    assert tuple(store.q("SELECT raw_label, label_id FROM suggestions")[0]) == ("cat", car)
    assert [lab.name for lab in store.labels()] == ["car", "dog"]


def test_a_hidden_duplicate_still_counts_in_its_runs_quality(store):
    from glancelabel.core.model import ReviewState
    from glancelabel.core.quality.report import build_report

    car = store.label_by_name("car").id
    store.add_box(1, car, Box(10, 10, 20, 20))
    store.set_review_state([1], ReviewState.DONE)
    run = store.create_run("fake", "m1")
    store.add_suggestions(run, 1, [box("car", 10, 10, 20, 20, car), box("car", 60, 40, 20, 20, car)])
    assert [s[2] for s in states(store, 1)] == ["duplicate", "pending"]
    report = build_report(store, with_audits=False)
    (mq,) = [m for m in report.models if m.run_id == run]
    assert (mq.boxes["car"].tp, mq.boxes["car"].fp, mq.boxes["car"].fn) == (1, 1, 0)


def test_importing_the_same_suggestions_again_hides_the_repeats(store, tmp_path):
    car = store.label_by_name("car").id
    store.add_box(1, car, Box(1, 2, 10, 8))
    src = tmp_path / "data.json"
    src.write_text(json.dumps({
        "images": [{"id": 1, "file_name": "a.jpg", "width": 100, "height": 80}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 10, 8]},
                        {"id": 2, "image_id": 1, "category_id": 1, "bbox": [50, 40, 20, 20]}],
        "categories": [{"id": 1, "name": "car"}]}))
    plan = ImportPlan("coco", src, as_="suggestions")
    first = import_dataset(store, plan, tmp_path)
    assert first.suggestions == 2  # one repeats the annotation
    assert any(n.startswith("1 of them repeats what the images already held") for n in first.notes)
    again = import_dataset(store, plan, tmp_path)
    assert again.suggestions == 2
    assert any(n.startswith("2 of them repeat what") for n in again.notes)
    assert [s[2] for s in states(store, 1)] == ["duplicate", "pending", "duplicate", "duplicate"]
    assert pending_column(store, 1) == 1
