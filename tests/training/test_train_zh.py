"""Chinese class names through the training environment (`-m train`): the YOLO export's data.yaml
with names 行人 / 红绿灯 is read back by Ultralytics' own dataset code (check_det_dataset, which
wants the Arial.Unicode.ttf font for names that are not ASCII: the worker provides it, so nothing
is downloaded) with the names and labels the project holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_train_engine import outside_attempts, read_with_ultralytics, watched  # noqa: F401
from trainkit import CLASSES, shapes_project

from glancelabel.core.formats import ExportPlan, export

pytestmark = pytest.mark.train
CHINESE = {"square": "行人", "circle": "红绿灯"}


def test_chinese_class_names_read_back_by_ultralytics_offline(tmp_path, watched):  # noqa: F811
    folder = tmp_path / "f"
    store, truth = shapes_project(folder, 6, gif=False, per_image=2, size=80)
    for lab in store.labels():
        store.update_label(lab.id, name=CHINESE[lab.name])
    assert [lab.name for lab in store.labels()] == [CHINESE[c] for c in CLASSES]
    out = tmp_path / "yolo"
    export(store, ExportPlan(format="yolo", out=out, split=(0.5, 0.5), link="copy"), folder)
    store.close()
    assert "红绿灯".encode() in (out / "data.yaml").read_bytes()
    answer = read_with_ultralytics(out / "data.yaml")
    assert answer["names"] == [CHINESE[c] for c in CLASSES]
    read = {Path(f).name: rows for split in answer["splits"].values() for f, rows in split.items()}
    assert len(read) == len(truth) == 6
    for rel, boxes in truth.items():
        assert sorted(r[0] for r in read[rel]) == sorted(CLASSES.index(c) for c, *_ in boxes)
    assert outside_attempts(watched) == []
