"""A training run whose process is gone reads interrupted, in one sentence that keeps its
plural right: '… after 0 of 1 epoch', '… after 2 of 50 epochs' (the sentence's template kept with
it, so an interface translates it)."""

from __future__ import annotations

import pytest

from glancelabel.core.store import Store
from glancelabel.core.store.training import update_run_params
from glancelabel.core.training.records import mark_interrupted, message_of


@pytest.mark.parametrize(("total", "done", "said"), [
    (1, 0, "after 0 of 1 epoch (the app"),
    (50, 2, "after 2 of 50 epochs (the app"),
])
def test_an_interrupted_run_says_its_epochs_with_the_right_plural(tmp_path, total, done, said):
    with Store(tmp_path / "p.sqlite") as store:
        run = store.create_run("ultralytics", "yolo11n.pt", kind="train", params={
            "task": "detect", "epochs": total, "lock": str(tmp_path / "gone.lock"),
            "metrics": {"epoch": done}})
        update_run_params(store, run, {}, status="running")
        assert mark_interrupted(store) == [run]
        params = next(r for r in store.runs() if r.id == run).params
    assert params["message"] == (f"Training run {run} was interrupted {said} or the trainer "
                                 "stopped); no model was registered.")
    text = message_of(params)
    assert text is not None and not isinstance(text, str)
    assert str(text) == params["message"] and text.context == "training"
