"""Benchmark: preparing a 24-megapixel JPEG for Claude, draft-mode decode vs full decode.

Run:  uv run python tests/bench/bench_prepare.py [--repeat N]
Prints the median of each path and their ratio (target: <= 0.5). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from glancelabel.core.providers.prepare import RULES, prepare_image, target_size


def make_photo(path: Path, size=(6000, 4000), noise: float = 4.0) -> Path:
    """A 24 MP JPEG with photo-like content: gradients, many shapes with edges, sensor
    noise of `noise` grey levels (4 is a typical camera; 12 is a very grainy photo)."""
    from PIL import ImageDraw

    w, h = size
    rng = np.random.default_rng(0)
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    base = np.stack([200 * x + 30 * y, 120 + 80 * np.sin(6 * x + 3 * y), 220 * y + 20 * x], -1)
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    for _ in range(400):
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        x1, y1 = x0 + int(rng.integers(20, 900)), y0 + int(rng.integers(20, 900))
        fill = tuple(int(v) for v in rng.integers(0, 256, 3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x0, y0, x1, y1), fill=fill)
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + rng.normal(0, noise, (h, w, 1)).astype(np.float32)
    exif = Image.Exif()
    exif[0x0112] = 1
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(path, "JPEG", quality=90,
                                                                 exif=exif)
    return path


def full_decode(path: Path) -> bytes:
    """The naive path: decode every pixel, orient, LANCZOS to the same size, encode."""
    with Image.open(path) as img:
        img = ImageOps.exif_transpose(img)
        size = target_size(RULES["claude"], *img.size)
        small = img.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.convert("RGB").save(buf, "JPEG", quality=90)
    return buf.getvalue()


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    for noise in (4.0, 12.0):
        with tempfile.TemporaryDirectory() as tmp:
            run(make_photo(Path(tmp) / "photo_24mp.jpg", noise=noise), noise, args.repeat)


def run(path: Path, noise: float, repeat: int) -> None:
    mb = path.stat().st_size / 1e6
    prepared = prepare_image(path, "claude")
    naive = full_decode(path)
    print(f"\ninput: 6000 x 4000 JPEG, noise {noise:g}, {mb:.1f} MB; sent {prepared.sent_size}, "
          f"{len(prepared.data) / 1e3:.0f} kB (full-decode path: {len(naive) / 1e3:.0f} kB), "
          f"~{prepared.estimated_tokens} image tokens")
    fast = median_time(lambda: prepare_image(path, "claude"), repeat)
    slow = median_time(lambda: full_decode(path), repeat)
    print(f"prepare_image (draft decode):          median {fast * 1000:8.1f} ms")
    print(f"full decode + LANCZOS resize + encode: median {slow * 1000:8.1f} ms")
    print(f"ratio: {fast / slow:.3f}  (target <= 0.5)")


if __name__ == "__main__":
    main()
