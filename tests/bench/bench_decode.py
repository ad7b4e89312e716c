"""Benchmark: the next-image decode of 12-megapixel JPEGs. Prints figures; asserts nothing.

    uv run python tests/bench/bench_decode.py [--images 8] [--passes 3] [--max-side 1920]

Photos are made once in /tmp/glancelabel-bench/jpeg12mp/: the bundled samples enlarged to
4000x3000 with a little grain, JPEG quality 90, every other one stored sideways with EXIF
orientation 6 (as phones write portrait photos). Each pass decodes every photo once, like pressing
D through the folder, with:

  display size   core.imaging.open_oriented(path, max_side)   (draft decode, oriented, 8-bit RGB)
  full decode    open_oriented(path)                          (every pixel, oriented)
  naive          Image.open + ImageOps.exif_transpose         (what apps without draft mode do)

Median and worst per method, wall and CPU time side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(sys.argv[0]).resolve().parents[2]
sys.path[:0] = [str(ROOT / "desktop")]

from glancelabel.core.folder import imaging  # noqa: E402

CACHE = Path("/tmp/glancelabel-bench/jpeg12mp")
SIZE = (4000, 3000)


def make_photos(n: int) -> list[Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    samples = sorted((ROOT / "resources" / "samples").glob("*.jpg"))
    rng = np.random.default_rng(1)
    paths = []
    for i in range(n):
        path = CACHE / f"photo{i:02d}.jpg"
        paths.append(path)
        if path.exists():
            continue
        with Image.open(samples[i % len(samples)]) as src:
            big = src.convert("RGB").resize(SIZE, Image.Resampling.BICUBIC)
        pixels = np.asarray(big, dtype=np.int16)
        pixels = pixels + rng.normal(0, 4, pixels.shape).astype(np.int16)
        big = Image.fromarray(pixels.clip(0, 255).astype(np.uint8), "RGB")
        exif = Image.Exif()
        if i % 2:
            big = big.transpose(Image.Transpose.ROTATE_90)  # stored sideways ...
            exif[0x0112] = 6  # ... and shown upright through EXIF
        big.save(path, "JPEG", quality=90, exif=exif.tobytes())
        print(f"  made {path.name} ({path.stat().st_size / 1e6:.1f} MB)", flush=True)
    return paths


def naive(path: Path) -> Image.Image:
    with Image.open(path) as im:
        return ImageOps.exif_transpose(im)


def measure(fn, paths: list[Path], passes: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(passes):
        for path in paths:
            wall, cpu = time.perf_counter(), time.process_time()
            im = fn(path)
            im.getpixel((0, 0))
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=8)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--max-side", type=int, default=1920)
    args = ap.parse_args()
    paths = make_photos(args.images)
    for p in paths:  # warm the page cache: we measure decoding, not the disk
        p.read_bytes()
    shown = imaging.open_oriented(paths[1], args.max_side)
    print(f"\n{len(paths)} photos of {SIZE[0]}x{SIZE[1]}, {args.passes} passes, "
          f"max_side {args.max_side} -> decoded {shown.size[0]}x{shown.size[1]} "
          f"(oriented; full {imaging.read_header(paths[1]).width}x"
          f"{imaging.read_header(paths[1]).height}); {os.cpu_count()} CPUs")
    methods = [
        (f"display size (max_side {args.max_side})", lambda p: imaging.open_oriented(p, args.max_side)),
        ("full decode, oriented", lambda p: imaging.open_oriented(p)),
        ("naive: open + exif_transpose", naive),
    ]
    results = {}
    print(f"{'method':38} {'median':>8} {'worst':>8}   {'CPU median':>10} {'CPU worst':>9}  (ms)")
    for name, fn in methods:
        fn(paths[0])  # first-call imports out of the way
        walls, cpus = measure(fn, paths, args.passes)
        results[name] = walls
        print(f"{name:38} {statistics.median(walls):8.1f} {max(walls):8.1f}   "
              f"{statistics.median(cpus):10.1f} {max(cpus):9.1f}")
    fast = statistics.median(results[methods[0][0]])
    for name, _ in methods[1:]:
        print(f"display-size decode is x{statistics.median(results[name]) / fast:.1f} faster "
              f"than {name} (median wall)")
    if hasattr(os, "getloadavg"):
        print("load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
