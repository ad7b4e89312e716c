"""Benchmark: spot-check status, accept-rest and the quality report on a large project.

Run:  uv run python tests/bench/bench_audit.py [--images N] [--repeat R]
Builds a project of N images (default 20,000) with two box suggestions each from one run,
creates a 20 % spot-check, reviews 300 sampled images, then prints the median time of
`spot_check_status` (what the panel recomputes after each decision in the sample), of
`accept_rest` (one change set over every un-sampled image) and its undo, and of `build_report`.
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.report import build_report
from glancelabel.core.spotcheck.sample import (
    SpotCheckPlan,
    SpotCheckTracker,
    accept_rest,
    create_spot_check,
    spot_check_status,
)
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


def build(path: Path, n: int) -> tuple[Store, int]:
    store = Store(path)
    store.add_labels(["cat", "dog", "bird", "car"])
    store.add_images([(f"img{i:06d}.jpg", 1000, i) for i in range(n)])
    ids = [r[0] for r in store.q("SELECT id FROM images ORDER BY id")]
    store.set_headers([(i, 640, 480, 1, "JPEG", "ok", None) for i in ids])
    store.set_sort_keys(ids)
    run = store.create_run("fake", "m")
    rng = random.Random(0)
    with store.tx():
        for i in ids:
            store.add_suggestions(run, i, [
                NewSuggestion(Kind.BOX, "x", rng.randint(1, 4), Box(10, 10, 100, 100), None, 0.9),
                NewSuggestion(Kind.BOX, "x", rng.randint(1, 4), Box(300, 200, 80, 60), None, 0.8),
            ])
    return store, run


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        store, run = build(Path(tmp) / "p.sqlite", args.images)
        print(f"built {args.images} images, {2 * args.images} suggestions in "
              f"{time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        audit = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.2, seed=1, stratify=True))
        print(f"create (stratified, 20 %): {time.perf_counter() - t:.3f} s")
        for image_id in spot_check_status(store, audit).sample_ids[:300]:
            sids = [s.id for s in store.suggestions(image_id)]
            store.accept_suggestions(sids, mark_done=True)
        med, st = timed(lambda: spot_check_status(store, audit), args.repeat)
        print(f"spot_check_status (full read): median {med * 1000:.0f} ms (sample "
              f"{st.summary.sample_size}, reviewed {st.summary.reviewed}, verdict {st.verdict}, "
              f"rest {st.rest_pending} suggestions)")
        tracker = SpotCheckTracker(store, audit)
        image_id = st.sample_ids[400]

        def one_decision():
            tracker.update({image_id})
            return tracker.status()

        med_inc, _ = timed(one_decision, args.repeat)
        print(f"after one decision in the sample (tracker update + status): median "
              f"{med_inc * 1000:.0f} ms ({med / med_inc:.1f}x faster than a full read)")
        times_accept, times_undo = [], []
        for _ in range(max(1, args.repeat // 2)):
            t = time.perf_counter()
            result = accept_rest(store, audit, force=True)
            times_accept.append(time.perf_counter() - t)
            t = time.perf_counter()
            store.apply(result.changes.inverted())
            times_undo.append(time.perf_counter() - t)
        print(f"accept_rest: median {statistics.median(times_accept):.2f} s for "
              f"{len(result.accepted)} suggestions on {len(result.images)} images; "
              f"undo: median {statistics.median(times_undo):.2f} s")
        med, rep = timed(lambda: build_report(store, with_audits=False), args.repeat)
        print(f"build_report: median {med * 1000:.0f} ms over {rep.images_reviewed} reviewed "
              "images")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
