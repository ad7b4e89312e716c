"""A stand-in for core/training/worker.py that speaks the same JSON-lines protocol, for tests that
need no training environment (GLANCELABEL_TRAIN_WORKER=this file; GLANCELABEL_TRAIN_PYTHON
defaults to the interpreter running the tests).

It reads the request line, then for `train` sends `started`, one `epoch` per epoch (each after
FAKE_EPOCH_SECONDS, default 0.05), `final`, writes a small file as the "ONNX" (not a real model)
and sends `exported`. `{"cmd": "cancel"}` stops it at the next epoch with `cancelled`; the end of
standard input makes it exit at once, as the real worker does. FAKE_FAIL=download sends the error
the real worker sends for a failed download. FAKE_PID_FILE: where it writes its process id.
`probe` answers like a complete environment without a GPU.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

cancel = threading.Event()


def send(event: str, **fields) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def watch() -> None:
    for line in sys.stdin:
        if json.loads(line).get("cmd") == "cancel":
            cancel.set()
    os._exit(3)


def train(req: dict) -> None:
    if os.environ.get("FAKE_FAIL") == "download":
        send("error", kind="download", message=(
            f"Could not download the pretrained weights {req['weights']} (no network). With no "
            "network, train from scratch with --weights yolo11n.yaml, or give the path of a .pt "
            "file."), values={"weights": req["weights"], "detail": "no network", "stem": "yolo11n"})
        return
    send("started", task=req["task"], weights=req["weights"], epochs=req["epochs"],
         imgsz=req["imgsz"], device=req["device"], ultralytics="fake", torch="fake")
    pause = float(os.environ.get("FAKE_EPOCH_SECONDS", "0.05"))
    metric = "mAP50" if req["task"] == "detect" else "top1"
    for epoch in range(1, req["epochs"] + 1):
        time.sleep(pause)
        if cancel.is_set():
            send("cancelled", epochs_run=epoch - 1)
            return
        send("epoch", epoch=epoch, epochs=req["epochs"], losses={"box_loss": 1.0 / epoch},
             metrics={metric: round(epoch / (req["epochs"] + 1), 6)}, seconds=epoch * pause)
    send("final", metrics={metric: 0.5}, seconds=req["epochs"] * pause)
    names = sorted(p.name for p in (Path(req["data"]) / "train").iterdir() if p.is_dir()) if (
        req["task"] == "classify") else None
    if names is None:
        import yaml

        data = yaml.safe_load(Path(req["data"]).read_text())
        names = [data["names"][i] for i in sorted(data["names"])]
    onnx = Path(req["out"]) / "fake.onnx"
    onnx.write_text(json.dumps({"names": names}))
    send("exported", onnx=str(onnx), weights=str(onnx), names=names, imgsz=req["imgsz"])


def main() -> int:
    if os.environ.get("FAKE_PID_FILE"):
        Path(os.environ["FAKE_PID_FILE"]).write_text(str(os.getpid()))
    req = json.loads(sys.stdin.readline())
    threading.Thread(target=watch, daemon=True).start()
    if req["cmd"] == "probe":
        send("probe", python="3.11", gpu=False, gpu_name="", versions={
            "ultralytics": "fake", "torch": "fake", "torchvision": "fake", "onnx": "fake",
            "onnxslim": "fake"})
    elif req["cmd"] == "train":
        train(req)
    return 0


if __name__ == "__main__":
    sys.exit(main())
