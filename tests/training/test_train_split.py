"""The held train/val split: seeded, val only from images a person reviewed, kept for good."""

from __future__ import annotations

from trainkit import shapes_project

from glancelabel.core.formats import ImportPlan, export, import_dataset
from glancelabel.core.formats.plan import ExportPlan
from glancelabel.core.store.training import held_split, person_reviewed, val_image_ids
from glancelabel.core.training.job import TrainRequest, prepare
from glancelabel.core.training.split import assign, draw


def test_assign_is_seeded_and_takes_val_only_from_reviewed_images():
    ids = list(range(1, 201))
    reviewed = set(range(1, 101))
    a = assign(ids, reviewed, {}, seed=7, val_fraction=0.3)
    assert a == assign(list(reversed(ids)), reviewed, {}, seed=7, val_fraction=0.3)
    assert a != assign(ids, reviewed, {}, seed=8, val_fraction=0.3)
    val = {i for i, s in a.items() if s == "val"}
    assert val <= reviewed and 15 <= len(val) <= 45  # about 30 of the 100 reviewed
    assert all(a[i] == "train" for i in ids if i not in reviewed)
    assert val == {i for i in reviewed if draw(7, i) < 0.3}


def test_assign_keeps_held_images_and_adds_only_new_ones():
    held = {1: "val", 2: "train"}
    a = assign([1, 2, 3, 4], {1, 2, 3, 4}, held, seed=0, val_fraction=0.5)
    assert set(a) == {3, 4}


def test_a_small_project_still_gets_one_val_image():
    a = assign([5, 6], {5, 6}, {}, seed=0, val_fraction=0.01)
    assert sorted(a.values()) == ["train", "val"]
    assert assign([5, 6], set(), {}, seed=0, val_fraction=0.5) == {5: "train", 6: "train"}


def test_prepare_holds_the_split_and_reuses_it(tmp_path):
    store, _truth = shapes_project(tmp_path / "f", 30, gif=False)
    plan = prepare(store, TrainRequest("detect", seed=3))
    first = held_split(store)
    assert len(first) == 30 and plan.split_counts == {
        "train": sum(s == "train" for s in first.values()),
        "val": sum(s == "val" for s in first.values())}
    assert plan.split_counts["val"] >= 1
    # another seed and task later: the images keep their splits
    prepare(store, TrainRequest("classify", seed=99, val_fraction=0.9))
    assert held_split(store) == first
    assert val_image_ids(store) == sorted(i for i, s in first.items() if s == "val")
    assert plan.request.epochs == 50 and plan.request.imgsz == 96
    assert plan.request.weights == "yolo11n.pt"
    assert plan.class_counts.keys() == {"square", "circle"}
    store.close()


def test_imported_labels_nobody_reviewed_are_never_held_out(tmp_path):
    src, _truth = shapes_project(tmp_path / "src", 6, gif=False)
    export(src, ExportPlan(format="yolo", out=tmp_path / "yolo", split=(1.0,), link="copy"),
           tmp_path / "src")
    src.close()
    dst, _ = shapes_project(tmp_path / "dst", 0, gif=False)
    for f in (tmp_path / "src").glob("*.png"):
        (tmp_path / "dst" / f.name).write_bytes(f.read_bytes())
    from glancelabel.core.folder.scan import scan_folder

    scan_folder(dst, tmp_path / "dst")
    import_dataset(dst, ImportPlan("yolo", tmp_path / "yolo", "annotations", True), tmp_path / "dst")
    ids = [r[0] for r in dst.export_image_rows()]
    assert len(ids) == 6 and person_reviewed(dst, ids) == set()
    plan = prepare(dst, TrainRequest("detect"))
    assert plan.split_counts == {"train": 6, "val": 0}
    assert [str(e) for e in plan.errors] == ["No image is held out for val (it needs at least 2 done images, one "
                           "reviewed by a person)."]
    dst.close()


def test_few_examples_and_conversions_are_warned_about(tmp_path):
    store, _truth = shapes_project(tmp_path / "f", 8, gif=True)
    plan = prepare(store, TrainRequest("detect"))
    warnings = [str(w) for w in plan.warnings]
    assert any("'square' has only" in w and "(fewer than 10)" in w for w in warnings)
    assert "1 image will be converted to PNG for Ultralytics, which cannot read them as they are." \
        in warnings
    store.close()


def test_a_class_without_training_examples_is_said_so():
    from glancelabel.core.training.job import few_examples

    assert [str(w) for w in few_examples({"cat": {"train": 0, "val": 1}, "dog": {"train": 1, "val": 0},
                         "fox": {"train": 10, "val": 2}})] == [
        "'cat' has no training examples; the model will not learn it.",
        "'dog' has only 1 training example (fewer than 10); the model will hardly learn it."]


def test_images_a_spot_check_accepted_unseen_are_never_held_out(tmp_path):
    """'Accept the rest' of a spot-check (or a bulk action) finishes images nobody looked at:
    trained on, never held out (the comparison, which judges models on the held-out images, only
    counts images a person reviewed, so such a val image was neither trained on nor compared)."""
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    store, _truth = shapes_project(tmp_path / "f", 12, gif=False)
    ids = [r[0] for r in store.export_image_rows()]
    square = store.label_by_name("square").id
    run = store.create_run("fake", "m")
    unseen = ids[:8]
    for image_id in unseen:
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, "square", square,
                                                            Box(1, 1, 20, 20), 0.9)])
    pending = [s.id for i in unseen for s in store.suggestions(i, states=["pending"])]
    store.accept_suggestions(pending, decided_by="spot-check")
    assert person_reviewed(store, ids) == set(ids[8:])
    plan = prepare(store, TrainRequest("detect", val_fraction=0.9))
    split = held_split(store)
    assert {i for i, s in split.items() if s == "val"} <= set(ids[8:])
    assert all(split[i] == "train" for i in unseen) and plan.split_counts["val"] >= 1
    store.close()
