"""The real training engine, in the training environment (`-m train`; .ci/run makes the environment
once in a cache folder): train both tasks from the YAML (no download) for 2 epochs at 64 px on
synthetic shapes, export ONNX, register it; the split is held and reused; a GIF is trained on; no
network or install attempt is made. And the YOLO export read by Ultralytics' own dataset code."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import onnx
import pytest
from test_train_gif_export import ULTRALYTICS_IMG_FORMATS
from trainkit import CLASSES, kill_app_and_see_worker_end, shapes_project

from glancelabel.core.formats import ExportPlan, export
from glancelabel.core.store import Store
from glancelabel.core.store.training import local_model, val_image_ids
from glancelabel.core.training.env import ask, env_python, env_status
from glancelabel.core.training.job import TrainRequest, run_training
from glancelabel.core.training.records import train_runs

pytestmark = pytest.mark.train
HERE = Path(__file__).parent
WORKER = HERE.parents[1] / "desktop/glancelabel/core/training/worker.py"
CLOSED = "http://127.0.0.1:9"  # any escape through a proxy fails at once, locally


@pytest.fixture
def watched(train_env, tmp_path, monkeypatch) -> Path:
    """The real worker under an audit hook that logs network and process-start attempts."""
    log = tmp_path / "netwatch.log"
    log.write_text("")
    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(HERE / "netwatch.py"))
    monkeypatch.setenv("GLANCELABEL_TRAIN_PYTHON", str(env_python(train_env)))
    monkeypatch.setenv("NETWATCH_WORKER", str(WORKER))
    monkeypatch.setenv("NETWATCH_LOG", str(log))
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(var, CLOSED)
    return log


def outside_attempts(log: Path) -> list[str]:
    """Logged attempts that are not the system's ldconfig query (torch runs it to find CUDA)."""
    return [line for line in log.read_text().splitlines()
            if "/sbin/ldconfig" not in line and "'ldconfig'" not in line]


def onnx_names(path: Path) -> list[str]:
    meta = {p.key: p.value for p in onnx.load(str(path)).metadata_props}
    names = ast.literal_eval(meta["names"])
    return [names[i] for i in sorted(names)]


def test_both_tasks_train_export_register_and_share_the_held_split(tmp_path, watched):
    folder = tmp_path / "f"
    store, _truth = shapes_project(folder, 24, gif=True)
    req = {"epochs": 2, "imgsz": 64, "device": "cpu", "batch": 8}
    events: list[dict] = []
    det = run_training(store, folder, TrainRequest("detect", weights="yolo11n.yaml", **req),
                       events.append)
    assert det.status == "done", det.message
    assert [e["epoch"] for e in events if e["event"] == "epoch"] == [1, 2]
    losses = next(e for e in events if e["event"] == "epoch")["losses"]
    assert set(losses) == {"box_loss", "cls_loss", "dfl_loss"}
    assert {"mAP50", "precision", "recall"} <= set(det.metrics)
    assert onnx_names(det.onnx_path) == list(CLASSES)
    assert local_model(store, det.model_name).class_names == list(CLASSES)
    assert det.converted == ["pal.gif"]
    assert (det.out / "dataset/images" / ("val" if "pal.gif" in _val_relpaths(store) else "train")
            / "pal.gif.png").exists()
    held = val_image_ids(store)

    cls = run_training(store, folder, TrainRequest("classify", weights="yolo11n-cls.yaml", **req))
    assert cls.status == "done", cls.message
    assert {"top1", "top5"} <= set(cls.metrics)
    assert onnx_names(cls.onnx_path) == sorted(CLASSES)  # Ultralytics: sorted folder names
    assert val_image_ids(store) == held  # the same val images, never trained on
    runs = train_runs(store)
    assert [r.status for r in runs] == ["done", "done"]
    assert runs[0].params["val_image_ids"] == runs[1].params["val_image_ids"] == held
    assert runs[0].params["model_path"] == str(det.onnx_path)
    assert runs[0].params["metrics"]["epoch"] == 2
    assert outside_attempts(watched) == []
    store.close()


def _val_relpaths(store) -> set[str]:
    rel = {r[0]: r[1] for r in store.export_image_rows()}
    return {rel[i] for i in val_image_ids(store)}


def test_status_reports_the_environment(train_env):
    st = env_status()
    assert st.ready, st.problem
    assert st.versions["ultralytics"] and st.versions["torch"] and st.versions["onnx"]
    assert isinstance(st.gpu, bool)


def read_with_ultralytics(data_yaml: Path) -> dict:
    """The worker's read-dataset answer: check_det_dataset + YOLODataset per split."""
    events, err = ask({"cmd": "read-dataset", "data": str(data_yaml)})
    assert events and events[-1]["event"] == "dataset", err[-2000:]
    return events[-1]


def test_the_yolo_export_reads_back_in_ultralytics_dataset_code(tmp_path, watched):
    """Issue 14: Ultralytics' check_det_dataset and YOLODataset load every exported image (the GIF
    as its PNG copy) with the labels the project holds."""
    folder = tmp_path / "f"
    store, truth = shapes_project(folder, 12, gif=True, per_image=2, size=80)
    out = tmp_path / "yolo"
    export(store, ExportPlan(format="yolo", out=out, split=(0.5, 0.5), link="copy"), folder)
    store.close()
    answer = read_with_ultralytics(out / "data.yaml")
    assert set(answer["img_formats"]) == ULTRALYTICS_IMG_FORMATS
    assert answer["names"] == list(CLASSES)
    read = {Path(f).name: rows for split in answer["splits"].values() for f, rows in split.items()}
    assert len(read) == len(truth) == 12
    for rel, boxes in truth.items():
        name = rel + ".png" if rel.endswith(".gif") else rel
        expected = sorted([CLASSES.index(c), (x + w / 2) / 80, (y + h / 2) / 80, w / 80, h / 80]
                          for c, x, y, w, h in boxes)
        got = sorted(read[name])
        assert [r[0] for r in got] == [e[0] for e in expected], rel
        for g, e in zip(got, expected, strict=True):
            assert all(abs(a - b) < 1e-5 for a, b in zip(g[1:], e[1:], strict=True)), (rel, g, e)
    assert outside_attempts(watched) == []
    assert not os.environ.get("GLANCELABEL_TRAIN_WORKER", "").endswith("fake_worker.py")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def test_sigkill_of_the_app_ends_the_real_trainer(tmp_path, train_env):
    """The real worker, mid-epoch in Ultralytics, exits when the killed app's pipe closes."""
    folder = tmp_path / "f"
    store, _ = shapes_project(folder, 24, gif=False)
    store.close()
    app = subprocess.Popen(
        [sys.executable, "-m", "glancelabel", "train", str(folder), "--task", "detect",
         "--weights", "yolo11n.yaml", "--epochs", "300", "--imgsz", "64", "--device", "cpu",
         "--json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in app.stderr:
        if '"event":"epoch"' in line:
            break
    [worker] = _children(app.pid)
    kill_app_and_see_worker_end(app, worker, within=20)
    with Store(folder / ".glancelabel/project.sqlite") as s:
        [run] = train_runs(s)
        assert run.status == "interrupted" and 1 <= run.params["metrics"]["epoch"] < 300


def test_cancel_stops_the_real_trainer_cleanly(tmp_path, train_env):
    folder = tmp_path / "f"
    store, _ = shapes_project(folder, 24, gif=False)
    cancel = threading.Event()
    seen: list[dict] = []

    def on_event(e: dict) -> None:
        seen.append(e)
        if e["event"] == "epoch":
            cancel.set()

    started = time.monotonic()
    result = run_training(store, folder, TrainRequest(
        "detect", weights="yolo11n.yaml", epochs=300, imgsz=64, device="cpu"), on_event, cancel)
    assert result.status == "cancelled" and 1 <= result.epochs_run < 300
    assert [e["event"] for e in seen][-2:] == ["cancelled", "finished"]  # the worker said so
    assert time.monotonic() - started < 120
    assert train_runs(store)[0].status == "cancelled"
    store.close()


def test_a_failed_download_of_pretrained_weights_says_how_to_train_offline(tmp_path, watched):
    """Default weights with no way out (every proxy is a closed local port): the real worker's
    error names the YAML to train from scratch; its only connection was to that local port."""
    folder = tmp_path / "f"
    store, _ = shapes_project(folder, 8, gif=False)
    result = run_training(store, folder, TrainRequest("detect", epochs=1, imgsz=64,
                                                      device="cpu"))
    assert result.status == "failed"
    assert result.message.startswith("Could not download the pretrained weights yolo11n.pt (")
    assert result.message.endswith("With no network, train from scratch with --weights "
                                   "yolo11n.yaml, or give the path of a .pt file.")
    connects = [line for line in outside_attempts(watched) if line.startswith("socket.connect")]
    assert connects and all("('127.0.0.1', 9)" in line for line in connects)
    lookups = [line for line in outside_attempts(watched) if "getaddrinfo" in line]
    assert all("'127.0.0.1'" in line for line in lookups), lookups  # no name was looked up
    store.close()
