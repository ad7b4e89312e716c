"""COCO import reading: a large file is parsed in a helper process (one orjson.loads of a 20 MB
file holds the GIL for 150-400 ms, which would stall the window's GUI thread) and sent back in small
frames; the dataset read is the same either way. After the import, its objects leave the youngest
GC generation without a collection walking them."""

from __future__ import annotations

import gc

import orjson
import pytest
from formatkit import Project

from glancelabel.core.formats import FormatError, ImportPlan, coco_read, import_dataset
from glancelabel.core.formats.importer import Dataset
from glancelabel.core.formats.summary import gc_paused

MIXED = {
    "images": [
        {"id": 1, "file_name": "a.jpg", "width": 20, "height": 10},
        {"id": 2, "file_name": "b.jpg", "width": 0, "height": 10},  # no usable size
        {"id": 3},  # no file_name
        "not an image",
        {"id": 1, "file_name": "c.jpg", "width": 8.5, "height": 4},  # id 1 again: c.jpg wins
        {"id": "x", "file_name": "d.jpg"},
    ],
    "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": " "}, {"name": "no id"},
                   {"id": 3, "name": "dog"}],
    "annotations": [
        {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]},
        {"id": 2, "image_id": "x", "category_id": 3, "bbox": [0.5, 0, 1e3, 2], "score": 0.75},
        {"id": 3, "image_id": 9, "category_id": 1, "bbox": [1, 1, 1, 1]},
        {"id": 4, "image_id": 2, "category_id": 2, "bbox": [1, 1, 1, 1]},
        {"id": 5, "image_id": 2, "category_id": 3, "bbox": [1, 1, True, 1]},
        {"id": 6, "image_id": 2, "category_id": 3, "bbox": [1, 1, 1, 1], "score": "high"},
        7,
    ],
}


def dataset_of(path, helper: bool) -> tuple:
    ds = Dataset(path)
    coco_read.read(path, ds, helper=helper)
    images = [(im.where, im.refs, im.size) for im in ds.images]
    records = [(r.where, ds.images.index(r.image), r.kind, r.label, r.box, r.score)
               for r in ds.records]
    return images, records, ds.class_order, [(s.where, s.reason) for s in ds.skipped]


def test_the_helper_process_reads_the_same_dataset(tmp_path):
    src = tmp_path / "mixed.json"
    src.write_bytes(orjson.dumps(MIXED))
    here = dataset_of(src, helper=False)
    there = dataset_of(src, helper=True)
    assert there == here
    images, records, classes, skipped = here
    assert classes == ["cat", "dog"]
    assert [im[1] for im in images] == [["a.jpg"], ["b.jpg"], ["c.jpg"], ["d.jpg"]]
    assert images[1][2] is None and images[2][2] == (8.5, 4)
    # the annotation of image id 1 goes to the later image with that id (c.jpg), as before
    assert [(r[1], r[3], r[5]) for r in records] == [(2, "cat", None), (3, "dog", 0.75),
                                                    (1, "dog", None)]
    assert ("mixed.json annotations[2]", "image_id 9 is not in images") in skipped
    assert len(skipped) == 8


def test_a_bad_file_gives_the_same_sentence_from_the_helper(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    for helper in (False, True):
        with pytest.raises(FormatError, match="bad.json is not a readable JSON file"):
            coco_read.read(bad, Dataset(bad), helper=helper)
    bad.write_bytes(orjson.dumps([{"image_id": 1, "bbox": [0, 0, 1, 1]}]))
    sentences = set()
    for helper in (False, True):
        with pytest.raises(FormatError, match="results list") as caught:
            coco_read.read(bad, Dataset(bad), helper=helper)
        # the same sentence, template and values (the interface translates it the same way)
        sentences.add((str(caught.value), caught.value.template, tuple(caught.value.values.items())))
    assert len(sentences) == 1
    ((_, template, values),) = sentences
    assert template.startswith("{name} is a COCO results list") and values == (("name", "bad.json"),)


def test_a_large_file_is_never_parsed_whole_in_this_process(tmp_path, monkeypatch):
    folder = tmp_path / "photos"
    p = Project(folder)
    for i in range(30):
        p.image(f"img_{i}.jpg", (16, 16))
    p.scan()
    data = {"images": [{"id": i, "file_name": f"img_{i}.jpg", "width": 16, "height": 16}
                       for i in range(30)],
            "categories": [{"id": 1, "name": "cat"}],
            "annotations": [{"id": k, "image_id": k % 30, "category_id": 1,
                             "bbox": [1 + (k // 30) * 0.05, 1, 4, 4]} for k in range(3000)]}
    src = tmp_path / "big.json"
    src.write_bytes(orjson.dumps(data))
    monkeypatch.setattr(coco_read, "HELPER_BYTES", src.stat().st_size // 2)
    monkeypatch.setattr(coco_read, "FRAME", 500)
    parsed: list[int] = []
    real = orjson.loads

    def loads(text):
        parsed.append(len(text))
        return real(text)

    monkeypatch.setattr(coco_read.orjson, "loads", loads)
    summary = import_dataset(p.store, ImportPlan("coco", src), folder)
    assert summary.annotations == 3000 and not summary.skipped
    assert parsed and max(parsed) < src.stat().st_size // 4  # frames, not the file


def test_objects_made_while_collection_is_paused_go_to_the_oldest_generation():
    gc.collect()
    with gc_paused():
        kept = [[i] for i in range(50_000)]  # tracked containers that stay alive
    # left young, the first collection after would walk all 50,000 at once (in any thread)
    young = {id(o) for o in gc.get_objects(generation=0) + gc.get_objects(generation=1)}
    assert id(kept[0]) not in young and id(kept[-1]) not in young
    assert gc.isenabled()


def test_an_import_and_an_export_at_once_keep_collection_paused_until_both_end():
    """Two paused blocks that overlap without nesting (an import in one thread, an export in
    another: the first to end is not the last to start): the first to end does not switch the
    collector on under the other (each block kept its own "was it on", the first out turned it
    on)."""
    first, second = gc_paused(), gc_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second block still runs
    second.__exit__(None, None, None)
    assert gc.isenabled()
