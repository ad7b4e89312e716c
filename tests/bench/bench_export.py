"""Export benchmark: 100,000 images with 1,000,000 boxes, straight from a project database.

    uv run python tests/bench/bench_export.py [--images 100000] [--boxes-per-image 10] [--runs 3]
                                              [--dir DIR] [--globox]

Prints medians of: COCO export (target <= 4 s); YOLO export with images left in place, measured
side by side with the bare cost of writing the same label files in a plain loop (target ratio
<= 1.3). No image files are needed: rows are generated with bulk SQL through the store.
With --globox, also globox's own COCO and YOLO writers on the same data, for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from glancelabel.core.formats import ExportPlan, export
from glancelabel.core.store import Store


def build(folder: Path, n_images: int, per_image: int, seed: int = 1) -> Store:
    store = Store(folder / ".glancelabel" / "project.sqlite", folder)
    if store.image_count() == n_images:
        return store
    rnd = random.Random(seed)
    for i in range(20):
        store.add_label(f"class_{i}")
    labels = [lab.id for lab in store.labels()]
    sizes = [(rnd.choice((640, 1280, 1920, 4032)), rnd.choice((480, 720, 1080, 3024)))
             for _ in range(n_images)]
    store.insert_image_rows(
        (f"d{i // 100:04}/img_{i:06}.jpg", w, h, 1, "done") for i, (w, h) in enumerate(sizes))
    ids = [r[0] for r in store.export_image_rows()]

    def rows():
        for image_id, (w, h) in zip(ids, sizes, strict=True):
            for _ in range(per_image):
                bw, bh = rnd.uniform(2, w / 3), rnd.uniform(2, h / 3)
                yield (image_id, rnd.choice(labels), rnd.uniform(0, w - bw),
                       rnd.uniform(0, h - bh), bw, bh)

    store.insert_box_rows(rows())
    return store


def bare_write(jobs: list[tuple[Path, str]], dirs: list[Path]) -> None:
    for d in dirs:
        d.mkdir(parents=True, exist_ok=True)
    for path, text in jobs:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=100_000)
    ap.add_argument("--boxes-per-image", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--globox", action="store_true")
    ap.add_argument("--only", choices=["coco", "yolo"], help="run one of the two measurements")
    args = ap.parse_args(argv)
    base = args.dir or Path(tempfile.mkdtemp(prefix="glancelabel-bench-"))
    folder = base / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    store = build(folder, args.images, args.boxes_per_image)
    n_boxes = store.scalar("SELECT count(*) FROM annotations")
    print(f"project: {store.image_count()} images, {n_boxes} boxes "
          f"(built in {time.perf_counter() - t:.1f} s) at {base}")

    # COCO
    coco_times = []
    for _ in range(args.runs if args.only != "yolo" else 0):
        out = base / "coco.json"
        t = time.perf_counter()
        summary = export(store, ExportPlan(format="coco", out=out), folder)
        coco_times.append(time.perf_counter() - t)
        assert summary.boxes == n_boxes
    coco = statistics.median(coco_times) if coco_times else float("nan")
    if coco_times:
        print(f"COCO export: median {coco:.2f} s over {args.runs} runs "
          f"({', '.join(f'{x:.2f}' for x in coco_times)}); {os.path.getsize(base / 'coco.json') / 1e6:.0f} MB;"
              f" target 4 s -> {coco / 4:.2f} of the budget")
    if args.only == "coco":
        return 0

    # YOLO vs the bare loop, alternating so both see the same disk state
    plan = ExportPlan(format="yolo", out=base / "yolo", link="none", split=(0.8, 0.2))
    export(store, plan, folder)  # warm-up, and the reference files for the bare loop
    jobs = [(base / "bare" / p.relative_to(base / "yolo"), p.read_text())
            for p in sorted((base / "yolo" / "labels").rglob("*.txt"))]
    dirs = sorted({p.parent for p, _ in jobs})
    yolo_times, bare_times = [], []
    for _ in range(args.runs):
        shutil.rmtree(base / "bare", ignore_errors=True)
        os.sync()
        t = time.perf_counter()
        bare_write(jobs, dirs)
        bare_times.append(time.perf_counter() - t)
        shutil.rmtree(base / "yolo", ignore_errors=True)  # like the bare loop's folder
        os.sync()
        t = time.perf_counter()
        summary = export(store, plan, folder)
        yolo_times.append(time.perf_counter() - t)
        assert summary.boxes == n_boxes
    yolo, bare = statistics.median(yolo_times), statistics.median(bare_times)
    print(f"bare loop writing {len(jobs)} label files: median {bare:.2f} s "
          f"({', '.join(f'{x:.2f}' for x in bare_times)})")
    print(f"YOLO export (images left in place): median {yolo:.2f} s "
          f"({', '.join(f'{x:.2f}' for x in yolo_times)})")
    print(f"ratio YOLO / bare = {yolo / bare:.2f} (target <= 1.3)")

    if args.globox:
        import globox

        t = time.perf_counter()
        anns = globox.AnnotationSet.from_coco(base / "coco.json")
        print(f"globox read COCO: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        anns.save_coco(base / "globox.json", auto_ids=True)
        g_coco = time.perf_counter() - t
        t = time.perf_counter()
        anns.save_yolo_v5(base / "globox-yolo", label_to_id={f"class_{i}": i for i in range(20)})
        g_yolo = time.perf_counter() - t
        print(f"globox save COCO: {g_coco:.1f} s (ratio to ours {g_coco / coco:.1f}); "
              f"save YOLO: {g_yolo:.1f} s (ratio to bare {g_yolo / bare:.2f})")
    store.close()
    if args.dir is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
