"""The training worker: run by the training environment's Python, never imported by the app.

    ENV/bin/python -u worker.py      (one JSON request line on standard input)

It speaks JSON lines: the first line of standard input is the request (`{"cmd": "train", ...}`,
`{"cmd": "probe"}`, `{"cmd": "read-dataset", ...}` or `{"cmd": "validate", ...}`); later lines
may be `{"cmd": "cancel"}`. Every
line it writes on standard output is one JSON object with an "event" key; Ultralytics' own output
goes to standard error. When standard input closes (the app ended, or was killed), the worker exits
at once, so no trainer outlives the app.

Ultralytics reaches the network by itself; the worker keeps it offline except for weights a request
names: YOLO_OFFLINE (no online check, no usage events), YOLO_AUTOINSTALL off (no pip installs),
settings `sync` off, and a private config folder (YOLO_CONFIG_DIR) that already holds the fonts its
plots and dataset checks want (`Arial.ttf`, `Arial.Unicode.ttf`). Those files are copies of DejaVu
Sans from the environment's matplotlib (free licence, its LICENSE_DEJAVU is copied beside them),
not Arial.

This file imports torch and ultralytics (inside functions); mypy leaves it out (see the comment
below) because those libraries exist only in the training environment.
"""

# mypy: ignore-errors
# (reason: runs only inside the training environment, whose torch and ultralytics the app's type
# checker cannot see; the app side of the protocol is typed in job.py)

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

_out = None  # the protocol stream (the real standard output)
_cancel = threading.Event()

METRIC_KEYS = {
    "metrics/mAP50(B)": "mAP50", "metrics/mAP50-95(B)": "mAP50-95",
    "metrics/precision(B)": "precision", "metrics/recall(B)": "recall",
    "metrics/accuracy_top1": "top1", "metrics/accuracy_top5": "top5",
}


class _Stopped(Exception):
    """Raised inside Ultralytics' loop when the app asked to cancel. (The worker's exceptions
    never reach the app, which runs without this file: they are not of its error family.)"""


def send(event: str, **fields) -> None:
    _out.write(json.dumps({"event": event, **fields}, default=str) + "\n")
    _out.flush()


def watch_stdin() -> None:
    """Later request lines: cancel. End of input: the app is gone, exit now."""
    for line in sys.stdin:
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("cmd") == "cancel":
            _cancel.set()
    os._exit(3)


def prepare_config(config_dir: str) -> Path:
    """The private Ultralytics config folder, with the fonts it would otherwise download."""
    import importlib.util

    folder = Path(config_dir) / "Ultralytics"
    folder.mkdir(parents=True, exist_ok=True)
    spec = importlib.util.find_spec("matplotlib")
    fonts = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" if spec and spec.origin else None
    for name in ("Arial.ttf", "Arial.Unicode.ttf"):
        if not (folder / name).exists() and fonts is not None:
            shutil.copyfile(fonts / "DejaVuSans.ttf", folder / name)
    if fonts is not None and not (folder / "LICENSE_DEJAVU").exists():
        shutil.copyfile(fonts / "LICENSE_DEJAVU", folder / "LICENSE_DEJAVU")
    return folder


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("ultralytics", "torch", "torchvision", "onnx", "onnxslim"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def probe(_request: dict) -> None:
    import torch
    import ultralytics  # noqa: F401  (a broken install fails here)

    gpu = bool(torch.cuda.is_available())
    name = torch.cuda.get_device_name(0) if gpu else ""
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    send("probe", python=sys.version.split()[0], versions=versions(), gpu=gpu or mps,
         gpu_name=name or ("Apple MPS" if mps else ""))


def settings_off() -> None:
    from ultralytics import settings

    settings.update({"sync": False})


def load_model(weights: str):
    from ultralytics import YOLO

    local = Path(weights)
    downloads = local.suffix == ".pt" and not local.exists() and local.name == weights
    try:
        return YOLO(weights)
    except Exception as exc:
        detail = str(exc).strip().lstrip("❌ ").rstrip(".")
        if downloads:
            stem = local.stem
            raise _Failure(
                "download",
                f"Could not download the pretrained weights {weights} ({detail}). With no network, "
                f"train from scratch with --weights {stem}.yaml, or give the path of a .pt file.",
                weights=weights, detail=detail, stem=stem,
            ) from exc
        raise _Failure("weights", f"Could not load the weights {weights}: {detail}.",
                       weights=weights, detail=detail) from exc


class _Failure(Exception):
    """A failure told to the app: its kind, its English sentence and the sentence's values (the
    app says it in its own language from the kind and the values, see job.WORKER_SENTENCES)."""

    def __init__(self, kind: str, message: str, **values: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.values = values


def epoch_event(trainer, started: float) -> dict:
    losses = {}
    items = trainer.label_loss_items(trainer.tloss, prefix="train")
    for key, value in (items or {}).items():
        losses[key.split("/", 1)[-1]] = round(float(value), 6)
    metrics = {}
    for key, value in (trainer.metrics or {}).items():
        if key in METRIC_KEYS:
            metrics[METRIC_KEYS[key]] = round(float(value), 6)
    return {"epoch": trainer.epoch + 1, "epochs": trainer.epochs, "losses": losses,
            "metrics": metrics, "seconds": round(time.monotonic() - started, 3)}


def train(request: dict) -> None:
    settings_off()
    import torch
    import ultralytics

    started = time.monotonic()
    model = load_model(request["weights"])
    last = {"epoch": 0}

    def on_epoch(trainer) -> None:
        ev = epoch_event(trainer, started)
        if ev["epoch"] <= last["epoch"] or ev["epoch"] > trainer.epochs:
            # Ultralytics' final validation of the best weights calls this once more
            send("final", metrics=ev["metrics"], seconds=ev["seconds"])
            return
        last.update(ev)
        send("epoch", **ev)

    def on_batch(_trainer) -> None:
        if _cancel.is_set():
            raise _Stopped()

    model.add_callback("on_fit_epoch_end", on_epoch)
    model.add_callback("on_train_batch_end", on_batch)
    send("started", task=request["task"], weights=request["weights"], epochs=request["epochs"],
         imgsz=request["imgsz"], device=request["device"], ultralytics=ultralytics.__version__,
         torch=torch.__version__.split("+")[0])
    try:
        model.train(
            data=request["data"], epochs=request["epochs"], imgsz=request["imgsz"],
            device=request["device"], workers=0, plots=False, amp=False, batch=request["batch"],
            seed=request["seed"], deterministic=True, project=request["out"], name="ultralytics",
            exist_ok=True, verbose=False, patience=max(request["epochs"], 1),
        )
    except _Stopped:
        send("cancelled", epochs_run=last["epoch"])
        return
    best = Path(model.trainer.best)
    if not best.exists():
        best = Path(model.trainer.last)
    export(request, best)


def export(request: dict, weights: Path) -> None:
    from ultralytics import YOLO

    trained = YOLO(str(weights))
    onnx = trained.export(format="onnx", imgsz=request["imgsz"], opset=12, simplify=True,
                          dynamic=False, device="cpu")
    names = [trained.names[i] for i in sorted(trained.names)]
    send("exported", onnx=str(onnx), weights=str(weights), names=names, imgsz=request["imgsz"])


def read_dataset(request: dict) -> None:
    """The dataset as Ultralytics' own code reads it: `check_det_dataset`, then `YOLODataset` per
    split; per image its labels `[cls, cx, cy, w, h]` (normalised)."""
    from ultralytics.cfg import DEFAULT_CFG
    from ultralytics.data.dataset import YOLODataset
    from ultralytics.data.utils import IMG_FORMATS, check_det_dataset

    data = check_det_dataset(request["data"], autodownload=False)
    splits = {}
    for split in ("train", "val"):
        ds = YOLODataset(img_path=data[split], data=data, task="detect", imgsz=64, augment=False,
                         hyp=DEFAULT_CFG, cache=False)
        images = {}
        for lab in ds.labels:
            rows = [[int(c[0]), *[round(float(v), 6) for v in b]]
                    for c, b in zip(lab["cls"], lab["bboxes"], strict=True)]
            images[lab["im_file"]] = rows
        splits[split] = images
    send("dataset", names=[data["names"][i] for i in sorted(data["names"])], splits=splits,
         img_formats=sorted(IMG_FORMATS))


def validate(request: dict) -> None:
    """Ultralytics' own val figures of some weights (a .pt, or a .yaml: an untrained model) on a
    dataset's val split."""
    settings_off()
    model = load_model(request["weights"])
    res = model.val(data=request["data"], imgsz=request["imgsz"], device=request.get("device") or
                    "cpu", batch=request.get("batch", 16), workers=0, plots=False, verbose=False)
    metrics = {METRIC_KEYS[k]: round(float(v), 6) for k, v in res.results_dict.items()
               if k in METRIC_KEYS}
    send("validated", weights=request["weights"], metrics=metrics)


COMMANDS = {"probe": probe, "train": train, "read-dataset": read_dataset, "validate": validate}


def main() -> int:
    global _out
    os.environ.setdefault("YOLO_OFFLINE", "1")
    os.environ.setdefault("YOLO_AUTOINSTALL", "0")
    # the protocol keeps the real standard output; everything printed goes to standard error
    _out = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    line = sys.stdin.readline()
    if not line:
        return 3
    request = json.loads(line)
    if request.get("config_dir"):
        os.environ["YOLO_CONFIG_DIR"] = request["config_dir"]
        prepare_config(request["config_dir"])
    threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        COMMANDS[request["cmd"]](request)
    except _Failure as exc:
        send("error", kind=exc.kind, message=exc.message, values=exc.values)
        return 1
    except Exception as exc:  # noqa: BLE001 - reported to the app as one line, traceback on stderr
        import traceback

        traceback.print_exc()
        send("error", kind="other", message=f"{exc.__class__.__name__}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
