"""The COCO helper processes (core.store.exchange.spawn_python: the COCO read's parser, the
export's part writers, the box stream) run below the app, as the header reads' processes do
(core.folder.workers): on a 2-core machine the window's GUI thread gets a core first."""

from __future__ import annotations

import os

import orjson
import pytest

from glancelabel.core.folder.workers import BACKGROUND_NICE
from glancelabel.core.formats import coco_read
from glancelabel.core.formats.importer import Dataset
from glancelabel.core.store import exchange

pytestmark = pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no process priorities")


@pytest.fixture
def app_priority() -> int:
    app = os.getpriority(os.PRIO_PROCESS, 0)
    if app >= 19:
        pytest.skip("the tests run at the lowest priority already")
    return app


def test_the_coco_read_helper_runs_below_the_app(tmp_path, monkeypatch, app_priority):
    seen: list[int] = []
    spawn = exchange.spawn_python

    def spawn_and_look(module: str, func: str, job: dict):
        proc, job_file = spawn(module, func, job)
        seen.append(os.getpriority(os.PRIO_PROCESS, proc.pid))  # it is still starting
        return proc, job_file

    monkeypatch.setattr(coco_read, "spawn_python", spawn_and_look)
    src = tmp_path / "boxes.json"
    src.write_bytes(orjson.dumps({
        "images": [{"id": 1, "file_name": "a.jpg", "width": 20, "height": 10}],
        "categories": [{"id": 1, "name": "cat"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}]}))
    dataset = Dataset(src)
    coco_read.read(src, dataset, helper=True)
    assert [r.label for r in dataset.records] == ["cat"]  # the helper did the read
    assert seen == [min(19, app_priority + BACKGROUND_NICE)]


def test_any_spawned_helper_runs_below_the_app(tmp_path, app_priority):
    proc, job_file = exchange.spawn_python("time", "sleep", {})  # sleep(path) fails at once
    try:
        child = os.getpriority(os.PRIO_PROCESS, proc.pid)
    finally:
        proc.wait(timeout=60)
        job_file.unlink()
    assert child == min(19, app_priority + BACKGROUND_NICE)
