"""The app's side of the training: JSON lines from a stand-in worker, the run record, the local
model, cancel, a failed download, and the sentences for a missing environment."""

from __future__ import annotations

import json
import threading

import pytest
from trainkit import shapes_project

from glancelabel.core.store.training import local_model, local_models
from glancelabel.core.training.env import env_status
from glancelabel.core.training.job import TrainingError, TrainRequest, run_training
from glancelabel.core.training.records import train_runs


def test_a_training_streams_events_records_the_run_and_registers_the_model(tmp_path, fake_worker):
    store, _truth = shapes_project(tmp_path / "f", 12)
    events = []
    result = run_training(store, tmp_path / "f", TrainRequest("detect", epochs=3, imgsz=64),
                          events.append)
    kinds = [e["event"] for e in events]
    assert kinds == ["prepared", "started", "epoch", "epoch", "epoch", "final", "exported",
                     "finished"]
    assert [e["epoch"] for e in events if e["event"] == "epoch"] == [1, 2, 3]
    assert result.status == "done" and result.epochs_run == 3
    assert result.metrics == {"mAP50": 0.5}
    assert result.message.startswith(f"Trained detect-run{result.run_id} for 3 epochs in ")
    assert result.converted == ["pal.gif"]
    model = local_model(store, f"detect-run{result.run_id}")
    assert model is not None and model.task == "detect" and model.run_id == result.run_id
    assert model.class_names == ["square", "circle"]
    assert model.path == str(result.onnx_path) and result.onnx_path.exists()
    assert result.onnx_path == tmp_path / "f/.glancelabel/training" / f"run-{result.run_id}" / "model.onnx"
    [run] = train_runs(store)
    assert run.kind == "train" and run.status == "done" and run.provider == "ultralytics"
    p = run.params
    assert p["task"] == "detect" and p["epochs"] == 3 and p["imgsz"] == 64
    assert p["weights"] == "yolo11n.pt" and p["split"] == result.split
    assert p["model_path"] == str(result.onnx_path) and p["model_name"] == model.name
    assert p["metrics"] == {"mAP50": 0.5, "epoch": 3, "best": True}
    assert [h["epoch"] for h in p["history"]] == [1, 2, 3]
    assert len(p["val_image_ids"]) == result.split["val"] >= 1
    store.close()


def test_out_chooses_where_runs_go(tmp_path, fake_worker):
    store, _truth = shapes_project(tmp_path / "f", 6, gif=False)
    result = run_training(store, tmp_path / "f",
                          TrainRequest("classify", epochs=1, out=tmp_path / "mine"))
    assert result.out == tmp_path / "mine" / f"run-{result.run_id}"
    assert (result.out / "dataset" / "train").is_dir() and result.onnx_path.parent == result.out
    assert local_models(store)[0].class_names == ["circle", "square"]
    store.close()


def test_cancel_stops_the_worker_and_registers_nothing(tmp_path, fake_worker, monkeypatch):
    monkeypatch.setenv("FAKE_EPOCH_SECONDS", "0.3")
    store, _truth = shapes_project(tmp_path / "f", 6, gif=False)
    cancel = threading.Event()

    def on_event(e):
        if e["event"] == "epoch" and e["epoch"] == 2:
            cancel.set()

    result = run_training(store, tmp_path / "f", TrainRequest("detect", epochs=50), on_event,
                          cancel)
    assert result.status == "cancelled" and result.epochs_run == 2
    assert result.message == (f"Training run {result.run_id} was cancelled after 2 epochs; no "
                              "model was registered.")
    assert local_models(store) == [] and train_runs(store)[0].status == "cancelled"
    store.close()


def test_a_failed_download_says_how_to_train_without_network(tmp_path, fake_worker, monkeypatch):
    monkeypatch.setenv("FAKE_FAIL", "download")
    store, _truth = shapes_project(tmp_path / "f", 6, gif=False)
    result = run_training(store, tmp_path / "f", TrainRequest("detect", epochs=1))
    assert result.status == "failed"
    assert "Could not download the pretrained weights yolo11n.pt" in result.message
    assert "--weights yolo11n.yaml" in result.message
    assert train_runs(store)[0].status == "failed"
    store.close()


def test_a_missing_environment_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER", raising=False)
    monkeypatch.setenv("GLANCELABEL_TRAIN_ENV", str(tmp_path / "nowhere"))
    st = env_status()
    assert not st.ready
    assert st.problem == (f"The training environment is not set up ({tmp_path / 'nowhere'} has no "
                          "Python); run `glancelabel train-env create` (or “Create the training "
                          "environment” in the Train dialog).")
    store, _truth = shapes_project(tmp_path / "f", 4, gif=False)
    with pytest.raises(TrainingError) as err:
        run_training(store, tmp_path / "f", TrainRequest("detect"))
    assert str(err.value) == st.problem
    assert train_runs(store) == []
    store.close()


def test_a_broken_environment_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER", raising=False)
    env = tmp_path / "env"
    (env / "bin").mkdir(parents=True)
    python = env / "bin" / "python"
    python.write_text("#!/bin/sh\necho 'ModuleNotFoundError: No module named torch' >&2\nexit 1\n")
    python.chmod(0o755)
    st = env_status(env)
    assert not st.ready and st.problem == (
        f"The training environment at {env} is broken (ModuleNotFoundError: No module named "
        "torch); run `glancelabel train-env create` (or “Create the training environment” in the Train "
        "dialog) again to "
        "repair it.")


def test_status_of_a_complete_environment(fake_worker):
    st = env_status()
    assert st.ready and st.problem is None and st.gpu is False
    assert json.loads(json.dumps(st.as_dict()))["versions"]["ultralytics"] == "fake"


def test_a_worker_that_dies_fails_the_run_with_its_last_words(tmp_path, monkeypatch):
    script = tmp_path / "dies.py"
    script.write_text("import sys\nprint('RuntimeError: CUDA out of memory', file=sys.stderr)\n"
                      "sys.exit(1)\n")
    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(script))
    store, _truth = shapes_project(tmp_path / "f", 4, gif=False)
    result = run_training(store, tmp_path / "f", TrainRequest("detect", epochs=1))
    assert result.status == "failed"
    assert result.message == "The trainer stopped without a result (RuntimeError: CUDA out of memory)."
    assert train_runs(store)[0].status == "failed" and local_models(store) == []
    store.close()


def test_weights_given_as_a_relative_path_reach_the_worker_whole(tmp_path, fake_worker,
                                                                 monkeypatch):
    store, _truth = shapes_project(tmp_path / "f", 6, gif=False)
    (tmp_path / "mine.pt").write_bytes(b"weights")
    monkeypatch.chdir(tmp_path)
    events = []
    run_training(store, tmp_path / "f", TrainRequest("detect", epochs=1, weights="mine.pt"),
                 events.append)
    started = next(e for e in events if e["event"] == "started")
    assert started["weights"] == str(tmp_path / "mine.pt")
    assert train_runs(store)[0].model == str(tmp_path / "mine.pt")
    store.close()


def test_an_installation_without_the_worker_file_says_so(tmp_path, monkeypatch):
    from glancelabel.core.training import env as env_module

    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER", raising=False)
    monkeypatch.setattr(env_module, "WORKER", tmp_path / "worker.py")
    assert env_status(tmp_path).problem == (
        f"This installation of GlanceLabel lacks its training worker ({tmp_path / 'worker.py'}); "
        "reinstall it to train.")


def test_an_out_folder_that_cannot_be_made_is_refused_before_the_run(tmp_path, fake_worker):
    store, _truth = shapes_project(tmp_path / "f", 4, gif=False)
    (tmp_path / "afile").write_text("not a folder")
    with pytest.raises(TrainingError) as err:
        run_training(store, tmp_path / "f", TrainRequest("detect", out=tmp_path / "afile" / "x"))
    assert str(err.value).startswith(f"Training runs cannot be written to {tmp_path / 'afile' / 'x'} (")
    assert str(err.value).endswith("); choose another folder.")
    assert train_runs(store) == []
    store.close()


def test_a_failure_of_its_own_is_recorded_as_failed(tmp_path, fake_worker):
    store, _truth = shapes_project(tmp_path / "f", 4, gif=False)

    def on_event(e):
        if e["event"] == "epoch":
            raise RuntimeError("the window went away")

    with pytest.raises(RuntimeError):
        run_training(store, tmp_path / "f", TrainRequest("detect", epochs=3), on_event)
    [run] = train_runs(store)
    assert run.status == "failed"
    assert run.params["message"] == f"Training run {run.id} failed: the window went away."
    store.close()
