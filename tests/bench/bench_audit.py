"""Benchmark: spot-check verdicts (images a clear case needs, wrong rates), then spot-check
status, accept-rest and the quality report on a large project.

Run:  uv run python tests/bench/bench_audit.py [--images N] [--repeat R] [--verdicts-only]
Verdicts: for targets 0.8/0.9/0.95 and a true rate 5 points above or below, the median and mean
number of reviewed images until the first pass/fail, looking after every image, for the
anytime-valid sequence (today) and for the Wilson interval read at every look (before), from
4,000 seeded simulated reviews each (capped at 2,000 images); and the wrong-pass/wrong-fail rates
of both at a rate on the target with 50 and 200 images (exact, by dynamic programming).
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

import numpy as np

from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.report import build_report
from glancelabel.core.spotcheck.sample import (
    SpotCheckPlan,
    SpotCheckTracker,
    Verdict,
    accept_rest,
    create_spot_check,
    spot_check_status,
    verdict_for,
    wilson,
)
from glancelabel.core.spotcheck.sequential import anytime_verdict
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


# -- verdicts: how many images, how often wrong --------------------------------------------------
def wilson_every_look(s: int, n: int, target: float) -> Verdict:
    return verdict_for(*wilson(s, n), target)


def thresholds(rule, target: float, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Per look n: the most successes that fail and the fewest that pass (both rules are
    monotone in the successes), found by bisection."""
    fail = np.full(horizon + 1, -1)
    pas = np.full(horizon + 1, horizon + 1)
    for n in range(1, horizon + 1):
        if rule(n, n, target) == Verdict.PASS:
            lo, hi = int(target * n) - 1, n
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if rule(mid, n, target) == Verdict.PASS else (mid, hi)
            pas[n] = hi
        if rule(0, n, target) == Verdict.FAIL:
            lo, hi = 0, int(target * n) + 2
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if rule(mid, n, target) == Verdict.FAIL else (lo, mid)
            fail[n] = lo
    return fail, pas


def first_verdicts(fail, pas, p: float, paths: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """For seeded simulated reviews at a true rate p: the look of each run's first verdict
    (the cap when none) and that verdict (+1 pass, -1 fail, 0 none)."""
    horizon = len(pas) - 1
    rng = np.random.default_rng(seed)
    s = np.cumsum(rng.random((paths, horizon)) < p, axis=1)
    looks = np.arange(1, horizon + 1)
    passed, failed = s >= pas[looks], s <= fail[looks]
    decided = passed | failed
    first = decided.argmax(axis=1)
    any_ = decided.any(axis=1)
    verdict = np.where(any_, np.where(passed[np.arange(paths), first], 1, -1), 0)
    return np.where(any_, first + 1, horizon), verdict


def wrong_rates(fail, pas, p: float, horizon: int) -> tuple[float, float]:
    """Exact P(first verdict is pass), P(... fail) at a true rate p within `horizon` looks."""
    open_ = np.zeros(horizon + 1)
    open_[0] = 1.0
    wp = wf = 0.0
    for n in range(1, horizon + 1):
        nxt = open_ * (1 - p)
        nxt[1:] += open_[:-1] * p
        k = np.arange(horizon + 1)
        wp += nxt[k >= pas[n]].sum()
        wf += nxt[k <= fail[n]].sum()
        nxt[(k >= pas[n]) | (k <= fail[n])] = 0.0
        open_ = nxt
    return wp, wf


def verdict_figures(paths: int = 4000, horizon: int = 2000) -> None:
    rules = (("anytime-valid", anytime_verdict), ("Wilson every look", wilson_every_look))
    print("images until the first verdict, a look after every image "
          f"(median / mean of {paths} seeded runs, capped at {horizon}; share settled right):")
    medians: dict[tuple[str, float, float], float] = {}
    for target in (0.8, 0.9, 0.95):
        t = time.perf_counter()
        tables = {name: thresholds(rule, target, horizon) for name, rule in rules}
        for delta in (+0.05, -0.05):
            p = min(target + delta, 0.999)
            cells = []
            for name, _rule in rules:
                looks, verdict = first_verdicts(*tables[name], p, paths, int(1000 * target))
                right = float(np.mean(verdict == (1 if delta > 0 else -1)))
                medians[name, target, p] = float(np.median(looks))
                cells.append(f"{name} {np.median(looks):.0f} / {looks.mean():.0f} "
                             f"({100 * right:.1f} % right)")
            print(f"  target {target:.2f}, true {p:.3f}: " + "; ".join(cells))
            a, w = medians["anytime-valid", target, p], medians["Wilson every look", target, p]
            print(f"    ratio of medians anytime-valid / Wilson every look: {a / w:.2f}x")
        for n in (50, 200):
            cells = []
            for name, _rule in rules:
                fail, pas = tables[name]
                wp, wf = wrong_rates(fail[:n + 1], pas[:n + 1], target, n)
                cells.append(f"{name} wrong pass {100 * wp:.1f} %, wrong fail {100 * wf:.1f} %")
            print(f"  target {target:.2f}, true = target, {n} images: " + "; ".join(cells))
        print(f"  ({time.perf_counter() - t:.1f} s for this target)")


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
    ap.add_argument("--verdicts-only", action="store_true")
    args = ap.parse_args(argv)
    verdict_figures()
    if args.verdicts_only:
        return 0
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
