"""The held-out comparison's bootstrap intervals: vectorised against the plain loop (not a test).

    uv run python tests/bench/bench_compare.py [--images 1000] [--samples 200]

Synthetic scores, seeded: each image holds 0-3 annotations of each of five classes and 0-4
predictions per class (a random confidence from a few values, so tied scores occur, right with
probability 0.7). Timed side by side in one run, median of 5: the per-class AP and mean AP of
`--samples` bootstrap resamples computed (a) by `compare.bootstrap_aps` (a count per image, weighted
cumulative sums) and (b) by resampling the list of images and calling `average_precision` per class
(what the module did before); both give the same intervals (checked here and in
tests/core/quality/test_compare.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np

from glancelabel.core.quality.compare import ImageScore, average_precision, bootstrap_aps

CLASSES = ("a", "b", "c", "d", "e")


def synthetic(n: int, seed: int = 0) -> list[ImageScore]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        truths = {c: rng.randint(0, 3) for c in CLASSES}
        scored = {c: [(rng.choice((0.3, 0.5, 0.7, 0.9)) + rng.random() * 0.05 * rng.randint(0, 1),
                       rng.random() < 0.7) for _ in range(rng.randint(0, 4))] for c in CLASSES}
        out.append(ImageScore(scored, {k: v for k, v in truths.items() if v}))
    return out


def plain(scores: list[ImageScore], samples: int, seed: int) -> dict[str, list[float]]:
    counts = np.random.default_rng(seed).multinomial(len(scores), [1 / len(scores)] * len(scores),
                                                     size=samples)
    draws: dict[str, list[float]] = {c: [] for c in CLASSES}
    for row in counts:
        sample = [s for s, k in zip(scores, row, strict=True) for _ in range(k)]
        for c in CLASSES:
            ap = average_precision([x for s in sample for x in s.scored.get(c, ())],
                                   sum(s.truths.get(c, 0) for s in sample))
            if ap is not None:
                draws[c].append(ap)
    return draws


def timed(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--samples", type=int, default=200)
    args = ap.parse_args()
    scores = synthetic(args.images)
    fast, _ = bootstrap_aps(scores, CLASSES, args.samples, 1)
    slow = plain(scores, args.samples, 1)
    same = all(np.allclose(fast[c], slow[c]) for c in CLASSES)
    t_fast = timed(lambda: bootstrap_aps(scores, CLASSES, args.samples, 1))
    t_slow = timed(lambda: plain(scores, args.samples, 1))
    print(f"{args.images} images, {len(CLASSES)} classes, {args.samples} resamples; "
          f"same intervals: {same}")
    print(f"vectorised (bootstrap_aps): {t_fast * 1000:.0f} ms (median of 5)")
    print(f"plain loop (average_precision): {t_slow * 1000:.0f} ms (median of 5)")
    print(f"ratio plain / vectorised: {t_slow / t_fast:.1f}x")


if __name__ == "__main__":
    main()
