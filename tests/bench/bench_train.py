"""Training benchmark: does a small model trained here learn, and how fast does its ONNX suggest?

    GLANCELABEL_TRAIN_ENV=ENV uv run python tests/bench/bench_train.py [--images 300]
        [--epochs 30] [--imgsz 128] [--dir DIR]

On a synthetic shapes dataset (squares and circles on noise, two per image, 128 px, one GIF),
yolo11n is trained from scratch (yolo11n.yaml: no download) on the CPU through `run_training`.
Printed side by side on the same held-out val images:
- val mAP50 by Ultralytics' own validator, of the untrained model and of the trained best weights;
- mAP50 at IoU 0.5 by pycocotools on the trained ONNX's suggestions (the local provider's detector)
  and on a simulated large model whose error rate is fixed below (SIM_*), so the four figures
  are comparable;
- epochs and wall time of the training, and ONNX suggestions per second (median of 3 passes).
Threshold, stated before the run: the trained model's val mAP50 reaches THRESHOLD and beats the
untrained one by at least MARGIN.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from trainkit import CLASSES, shapes_project  # noqa: E402

from glancelabel.core.folder.imaging import open_oriented  # noqa: E402
from glancelabel.core.providers.yolo_onnx import YoloOnnxDetector  # noqa: E402
from glancelabel.core.store.training import val_image_ids  # noqa: E402
from glancelabel.core.training.env import ask  # noqa: E402
from glancelabel.core.training.job import TrainRequest, run_training  # noqa: E402

THRESHOLD = 0.5  # trained val mAP50 at least this
MARGIN = 0.3  # and at least this much above the untrained model's
# the simulated large model: each true box found with SIM_RECALL, its box jittered by up to
# SIM_JITTER of its side, its class wrong with SIM_WRONG_CLASS; SIM_FALSE_PER_IMAGE extra boxes
SIM_RECALL, SIM_JITTER, SIM_WRONG_CLASS, SIM_FALSE_PER_IMAGE = 0.9, 0.15, 0.05, 0.3


def validate(data: Path, weights: str, imgsz: int) -> float:
    events, err = ask({"cmd": "validate", "data": str(data), "weights": weights, "imgsz": imgsz,
                       "device": "cpu"}, timeout=1800)
    if not events or events[-1]["event"] != "validated":
        raise SystemExit(f"validation of {weights} failed: {err[-1500:]}")
    return float(events[-1]["metrics"]["mAP50"])


def coco_map50(truth: dict[str, list[tuple]], found: dict[str, list[tuple]],
               sizes: dict[str, tuple[int, int]]) -> float:
    """AP at IoU 0.5 (pycocotools), averaged over the classes; found: (cls, x, y, w, h, score)."""
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    images = [{"id": i, "width": sizes[r][0], "height": sizes[r][1]} for i, r in enumerate(truth)]
    ids = {r: i for i, r in enumerate(truth)}
    anns = [{"id": n + 1, "image_id": ids[r], "category_id": CLASSES.index(c) + 1,
             "bbox": [x, y, w, h], "area": w * h, "iscrowd": 0}
            for n, (r, c, x, y, w, h) in enumerate(
                (r, *b) for r, boxes in truth.items() for b in boxes)]
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO()
    gt.dataset = {"images": images, "annotations": anns,
                  "categories": [{"id": k + 1, "name": c} for k, c in enumerate(CLASSES)]}
    with contextlib.redirect_stdout(io.StringIO()):
        gt.createIndex()
    dets = [{"image_id": ids[r], "category_id": CLASSES.index(c) + 1, "bbox": [x, y, w, h],
             "score": s} for r, boxes in found.items() for c, x, y, w, h, s in boxes]
    if not dets:
        return 0.0
    with contextlib.redirect_stdout(io.StringIO()):  # pycocotools prints its progress
        ev = COCOeval(gt, gt.loadRes(dets), "bbox")
        ev.params.iouThrs = [0.5]
        ev.evaluate()
        ev.accumulate()
    precision = ev.eval["precision"][0, :, :, 0, -1]  # [recall, class] at IoU 0.5, all areas
    per_class = [p[p > -1].mean() for p in precision.T if (p > -1).any()]
    return float(sum(per_class) / len(per_class)) if per_class else 0.0


def simulated(truth: dict[str, list[tuple]], size: int, seed: int = 5) -> dict[str, list[tuple]]:
    rnd = random.Random(seed)
    out: dict[str, list[tuple]] = {}
    for rel, boxes in truth.items():
        found = []
        for c, x, y, w, h in boxes:
            if rnd.random() > SIM_RECALL:
                continue
            if rnd.random() < SIM_WRONG_CLASS:
                c = CLASSES[1 - CLASSES.index(c)]
            j = [rnd.uniform(-SIM_JITTER, SIM_JITTER) * s for s in (w, h, w, h)]
            found.append((c, x + j[0], y + j[1], w + j[2], h + j[3], rnd.uniform(0.5, 1.0)))
        if rnd.random() < SIM_FALSE_PER_IMAGE:
            side = rnd.uniform(size / 8, size / 3)
            found.append((rnd.choice(CLASSES), rnd.uniform(0, size - side),
                          rnd.uniform(0, size - side), side, side, rnd.uniform(0.3, 0.9)))
        out[rel] = found
    return out


def onnx_suggestions(onnx: Path, folder: Path, rels: list[str]) -> tuple[dict, float]:
    """Detections on the val images, and images per second (median of 3 passes)."""
    detector = YoloOnnxDetector(onnx, conf_threshold=0.001)
    images = {r: open_oriented(folder / r) for r in rels}
    found: dict[str, list[tuple]] = {}
    rates = []
    for _ in range(3):
        t0 = time.perf_counter()
        for r, img in images.items():
            found[r] = [(d.name, d.corners[0], d.corners[1], d.corners[2] - d.corners[0],
                         d.corners[3] - d.corners[1], d.score) for d in detector.detect(img)]
        rates.append(len(images) / (time.perf_counter() - t0))
    return found, statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=300)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--imgsz", type=int, default=128)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    print(f"threshold (stated before the run): trained val mAP50 >= {THRESHOLD} and >= untrained "
          f"+ {MARGIN}; simulated large model: recall {SIM_RECALL}, jitter {SIM_JITTER}, wrong "
          f"class {SIM_WRONG_CLASS}, {SIM_FALSE_PER_IMAGE} false boxes per image", flush=True)
    base = args.dir or Path(tempfile.mkdtemp(prefix="bench-train-"))
    folder = base / "shapes"
    store, truth = shapes_project(folder, args.images, size=128, per_image=2, gif=True)
    t0 = time.perf_counter()
    result = run_training(store, folder, TrainRequest(
        "detect", epochs=args.epochs, imgsz=args.imgsz, weights="yolo11n.yaml", device="cpu"),
        lambda e: print(f"  epoch {e['epoch']}: {e['metrics']}", flush=True)
        if e["event"] == "epoch" else None)
    wall = time.perf_counter() - t0
    if result.status != "done" or result.onnx_path is None:
        raise SystemExit(f"training failed: {result.message}")
    data = result.out / "dataset" / "data.yaml" if result.out else Path()
    best = str(result.out / "ultralytics" / "weights" / "best.pt") if result.out else ""
    untrained = validate(data, "yolo11n.yaml", args.imgsz)
    trained = validate(data, best, args.imgsz)
    rel = {r[0]: r[1] for r in store.export_image_rows()}
    val = [rel[i] for i in val_image_ids(store)]
    val_truth = {r: truth[r] for r in val}
    sizes = {r: (128, 128) for r in val}
    found, per_second = onnx_suggestions(result.onnx_path, folder, val)
    onnx_map = coco_map50(val_truth, found, sizes)
    sim_map = coco_map50(val_truth, simulated(val_truth, 128), sizes)
    store.close()
    print(f"\n{args.images} images ({result.split['train']} train, {len(val)} val), "
          f"{result.epochs_run} epochs at {args.imgsz} px on the CPU: training {wall:.0f} s wall")
    print(f"val mAP50 (Ultralytics validator): untrained {untrained:.3f} | trained {trained:.3f} "
          f"(difference {trained - untrained:+.3f})")
    print(f"mAP50 at IoU 0.5 (pycocotools, same val images): trained ONNX {onnx_map:.3f} | "
          f"simulated large model {sim_map:.3f}")
    print(f"ONNX suggestions: {per_second:.1f} images/s (median of 3 passes over {len(val)} images)")
    ok = trained >= THRESHOLD and trained - untrained >= MARGIN
    print(f"threshold {'met' if ok else 'NOT met'}: trained {trained:.3f} vs >= {THRESHOLD} and "
          f">= untrained + {MARGIN}")


if __name__ == "__main__":
    main()
