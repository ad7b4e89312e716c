"""`glancelabel train` and `train-env`: argument errors, --json output, and a SIGKILL of the app
mid-training (the worker does not outlive it; the run reads interrupted)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from trainkit import kill_app_and_see_worker_end, shapes_project

from glancelabel.cli import main
from glancelabel.core.store import Store
from glancelabel.core.training.records import train_runs


@pytest.mark.parametrize(("argv", "message"), [
    (["--task", "segment"], "argument --task: invalid choice: 'segment'"),
    (["--task", "detect", "--epochs", "0"], "argument --epochs: 0 must be 1 or more"),
    (["--task", "detect", "--imgsz", "big"], "argument --imgsz: 'big' is not a whole number"),
    ([], "the following arguments are required: --task"),
])
def test_argument_errors(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        main(["train", str(tmp_path), *argv])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_a_missing_environment_refuses_in_one_sentence(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER", raising=False)
    monkeypatch.setenv("GLANCELABEL_TRAIN_ENV", str(tmp_path / "env"))
    store, _ = shapes_project(tmp_path / "f", 3, gif=False)
    store.close()
    assert main(["train", str(tmp_path / "f"), "--task", "detect"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"error: The training environment is not set up ({tmp_path / 'env'} has no Python); run "
        "`glancelabel train-env create` (or “Create the training environment” in the Train dialog).")
    assert main(["train-env", "status", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out.splitlines()[-1])["ready"] is False
    assert err.strip().startswith("error: The training environment is not set up")


def test_json_summary_last_on_stdout_epochs_on_stderr(tmp_path, capsys, fake_worker):
    store, _ = shapes_project(tmp_path / "f", 8)
    store.close()
    assert main(["train", str(tmp_path / "f"), "--task", "classify", "--epochs", "2",
                 "--json"]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["status"] == "done" and summary["model_name"] == f"classify-run{summary['run_id']}"
    assert summary["class_names"] == ["circle", "square"] and summary["epochs_run"] == 2
    lines = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert [e["event"] for e in lines if e["event"] == "epoch"] == ["epoch", "epoch"]
    assert "Converted to PNG for Ultralytics: pal.gif." in err


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see the worker's state")
def test_sigkill_of_the_app_ends_the_worker_and_the_run_reads_interrupted(tmp_path, fake_worker):
    store, _ = shapes_project(tmp_path / "f", 6, gif=False)
    store.close()
    pid_file = tmp_path / "worker.pid"
    env = {**os.environ, "FAKE_EPOCH_SECONDS": "0.2", "FAKE_PID_FILE": str(pid_file)}
    app = subprocess.Popen([sys.executable, "-m", "glancelabel", "train", str(tmp_path / "f"),
                            "--task", "detect", "--epochs", "500", "--json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    epochs = 0
    for line in app.stderr:  # wait for the third epoch
        if '"event":"epoch"' in line:
            epochs += 1
            if epochs == 3:
                break
    assert epochs == 3
    kill_app_and_see_worker_end(app, int(pid_file.read_text()), within=10)
    with Store(tmp_path / "f/.glancelabel/project.sqlite") as s:
        [run] = train_runs(s)
        assert run.status == "interrupted"
        assert 3 <= run.params["metrics"]["epoch"] < 500
        assert run.params["message"].startswith(f"Training run {run.id} was interrupted after ")
        assert s.scalar("SELECT count(*) FROM local_models") == 0


def test_without_json_a_progress_bar_and_sentences(tmp_path, capsys, fake_worker):
    store, _ = shapes_project(tmp_path / "f", 10, gif=False)
    store.close()
    assert main(["train", str(tmp_path / "f"), "--task", "detect", "--epochs", "1"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "held out for val (run 1, data in " in err
    assert "detect: yolo11n.pt, 1 epoch at 96 px, Ultralytics fake, torch fake" in err
    assert "training: 100%" in err and "mAP50=0.500" in err
    assert err.rstrip().splitlines()[-1].startswith("Trained detect-run1 for 1 epoch in ")


def test_ctrl_c_cancels_the_training_and_records_it(tmp_path, fake_worker):
    store, _ = shapes_project(tmp_path / "f", 6, gif=False)
    store.close()
    env = {**os.environ, "FAKE_EPOCH_SECONDS": "0.2"}
    app = subprocess.Popen([sys.executable, "-m", "glancelabel", "train", str(tmp_path / "f"),
                            "--task", "detect", "--epochs", "500", "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    for line in app.stderr:
        if '"event":"epoch"' in line:
            break
    app.send_signal(signal.SIGINT)
    out, err = app.communicate(timeout=60)
    assert app.returncode == 130, err[-3000:]
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["status"] == "cancelled" and 1 <= summary["epochs_run"] < 500
    assert err.rstrip().splitlines()[-1] == summary["message"]
    with Store(tmp_path / "f/.glancelabel/project.sqlite") as s:
        assert [r.status for r in train_runs(s)] == ["cancelled"]


def test_runs_lists_a_killed_training_as_interrupted_and_a_live_one_as_running(tmp_path, capsys):
    from filelock import FileLock

    from glancelabel.core.store.training import update_run_params

    store, _ = shapes_project(tmp_path / "f", 3, gif=False)
    runs = {}
    for name in ("killed", "live"):
        runs[name] = store.create_run("ultralytics", "yolo11n.pt", kind="train",
                                      params={"epochs": 50})
        update_run_params(store, runs[name], {"lock": str(tmp_path / f"{name}.lock"),
                                              "metrics": {"epoch": 4}}, status="running")
    store.close()
    with FileLock(str(tmp_path / "live.lock")):  # the live run's trainer holds its lock
        assert main(["runs", str(tmp_path / "f"), "--json"]) == 0
    out, err = capsys.readouterr()
    status = {r["id"]: r["status"] for r in json.loads(out.splitlines()[-1])["runs"]}
    assert status == {runs["killed"]: "interrupted", runs["live"]: "running"}
    assert "(train, interrupted)" in err and "(train, running)" in err


def test_a_model_that_cannot_be_saved_says_so_and_the_run_is_recorded_failed(tmp_path,
                                                                               fake_worker):
    from glancelabel.core.training.job import TrainRequest, run_training

    store, _ = shapes_project(tmp_path / "f", 6, gif=False)
    out = tmp_path / "runs"
    (out / "run-1" / "model.onnx").mkdir(parents=True)  # the model's place is taken
    result = run_training(store, tmp_path / "f", TrainRequest("detect", epochs=1, out=out))
    assert result.status == "failed" and result.model_name is None
    assert result.message.startswith(
        f"The trained model could not be saved to {out / 'run-1' / 'model.onnx'} (")
    [run] = train_runs(store)
    assert (run.id, run.status, run.params["message"]) == (1, "failed", result.message)
    assert store.scalar("SELECT count(*) FROM local_models") == 0
    store.close()
