"""An import as annotations recorded as one undo step: its change set, inverted, gives back the
project as it was row by row; applied again it brings back the same rows with the same ids."""

from __future__ import annotations

import json

from glancelabel.core.formats import ImportPlan, import_dataset, importer

TABLES = ("annotations", "images", "labels")


def snapshot(store) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in store.q(f"SELECT * FROM {t} ORDER BY id")] for t in TABLES}


def write_coco(path, images, annotations, categories):
    path.write_text(json.dumps({"images": images, "annotations": annotations,
                                "categories": categories}))
    return path


def dataset(tmp_path):
    """new.jpg (not reviewed) gets two boxes, one of a class the project lacks; a.jpg (done) one
    more box; bg.png (done, background) is listed without boxes."""
    return write_coco(
        tmp_path / "more.json",
        [{"id": 1, "file_name": "new.jpg", "width": 20, "height": 20},
         {"id": 2, "file_name": "a.jpg", "width": 64, "height": 48},
         {"id": 3, "file_name": "bg.png", "width": 32, "height": 32}],
        [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 10, 8]},
         {"id": 2, "image_id": 1, "category_id": 2, "bbox": [3, 3, 5, 5]},
         {"id": 3, "image_id": 2, "category_id": 1, "bbox": [30, 20, 12, 9]}],
        [{"id": 1, "name": "cat"}, {"id": 2, "name": "bird"}],
    )


def test_import_change_set_undoes_and_redoes_exactly(sample, tmp_path):
    store = sample.store
    before = snapshot(store)
    summary = import_dataset(store, ImportPlan("coco", dataset(tmp_path)), sample.folder,
                             record_undo=True)
    after = snapshot(store)
    assert summary.annotations == 3 and summary.marked_done == 1
    assert summary.new_classes == ["bird"]
    cs = summary.changes
    assert cs is not None and cs.verb == "import.annotations"
    # labels first, then the inserted annotations, then the review states
    assert [c.table for c in cs.changes] == ["labels"] + ["annotations"] * 3 + ["images"]
    assert all(c.before is None and c.id is not None for c in cs.changes[:4])
    new_id = sample.id("new.jpg")
    assert cs.changes[-1].id == new_id and cs.changes[-1].before["review_state"] == "new"
    assert len(after["annotations"]) == len(before["annotations"]) + 3

    store.apply(cs.inverted())
    assert snapshot(store) == before
    store.apply(cs)
    assert snapshot(store) == after  # the same rows, ids included


def test_import_records_nothing_unless_asked(sample, tmp_path):
    summary = import_dataset(sample.store, ImportPlan("coco", dataset(tmp_path)), sample.folder)
    assert summary.annotations == 3 and summary.changes is None
    assert not any("Ctrl+Z" in line for line in summary.lines())
    assert "changes" not in summary.as_dict()


def test_import_over_the_limit_is_kept_and_says_it_cannot_be_undone(sample, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(importer, "UNDO_ROWS", 2)
    summary = import_dataset(sample.store, ImportPlan("coco", dataset(tmp_path)), sample.folder,
                             record_undo=True)
    assert summary.annotations == 3 and summary.changes is None
    assert len(sample.store.annotations(sample.id("new.jpg"))) == 2
    text = "\n".join(summary.lines())
    assert "cannot be undone with Ctrl+Z" in text and "more than the 2 " in text
