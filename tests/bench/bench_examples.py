"""Input tokens billed per image with and without examples in the prompt (a benchmark, not a
test). Run:

    uv run python tests/bench/bench_examples.py [--images 500] [--per-class 2] [--concurrency 4]

A project with two classes (car, sign) holds `--images` unasked photos (1024 x 768 JPEGs, each
its own colour) and six reviewed images with accepted boxes (three of each class), from which the app
picks `--per-class` examples a class ("pick for me"). The app's batch runner asks the fake
Anthropic server (real SDK; 50 ms a request; `--concurrency` at once) about every photo three
times, each run against a fresh fake whose prompt cache (tests/fakes/prompt_cache.py) bills
every request by the documented rules:

  1. without examples;
  2. with examples, on a model whose minimum cacheable prefix is above the prompt (nothing is
     cached: what examples cost where caching does not apply);
  3. with examples, at the fake's minimum for the default model (2,048 tokens): cached when the
     prefix reaches it (the writes and reads columns say).

Reported per run: input tokens per image as counted (input + cache writes + cache reads),
billed input tokens per image (input + 1.25 x writes + 0.1 x reads: what the input price is paid
on), mean over the run (writes included) and median (once cached), the app's cost figure for the
run, and the batch dialog's estimate for the same run; then the ratios against run 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ (the fakes)

LATENCY = 0.05
os.environ.setdefault("ANTHROPIC_API_KEY", "bench-key")  # the fake takes any key


def make_project(folder: Path, n: int):
    from PIL import Image

    from fakes.batch_fakes import open_project
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    for i in range(n):
        Image.new("RGB", (1024, 768), (i % 256, (i // 256) * 40 % 256, 90)).save(
            folder / f"img{i:04d}.jpg", quality=85)
    for i in range(6):
        Image.new("RGB", (1024, 768), (200, 200 - 20 * i, 180)).save(
            folder / f"reviewed{i}.jpg", quality=85)
    store = open_project(folder, ("car", "sign"))
    labels = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("anthropic", "claude-sonnet-5-5", kind="batch")
    for i in range(6):
        rec = store.image_by_relpath(f"reviewed{i}.jpg")
        name = "car" if i < 3 else "sign"  # three reviewed images of each class
        sids = store.add_suggestions(run, rec.id, [
            NewSuggestion(kind=Kind.BOX, raw_label=name, label_id=labels[name],
                          box=Box(100 + 10 * i, 200, 300, 180))])
        store.accept_suggestions(sids, mark_done=True)
    return store


def one_run(store, per_class: int, minimum: int | None, concurrency: int) -> dict:
    from fakes import FakeAnthropic
    from fakes.prompt_cache import PromptCache
    from glancelabel.core.suggest.runner import BatchPlan, BatchRunner

    with FakeAnthropic(latency=LATENCY) as fake:
        fake.prompt_cache = cache = PromptCache(minimum=minimum)
        for kind in ("requests", "input-tokens", "output-tokens", "tokens"):
            # limits far above the run's needs: the runner's limiter measures nothing here
            fake.success_headers[f"anthropic-ratelimit-{kind}-limit"] = "100000000"
            fake.success_headers[f"anthropic-ratelimit-{kind}-remaining"] = "100000000"
        plan = BatchPlan(provider="anthropic", base_url=fake.base_url, scope="filter",
                         filter_name="new", concurrency=concurrency, force=True)
        plan.settings.examples_per_class = per_class
        plan.settings.concurrency = concurrency
        runner = BatchRunner(store, plan)
        run_id = runner.prepare()
        ids = [j.image_id for j in store.jobs(run_id, ["queued"])]
        estimate = plan.estimate(store, ids)
        started = time.perf_counter()
        summary = runner.run()
        seconds = time.perf_counter() - started
        assert summary.failed == 0, summary.message
        assert not fake.refused and not fake.response_problems
    counted = [b.input_tokens + b.cache_creation_input_tokens + b.cache_read_input_tokens
               for b in cache.log]
    billed = [b.input_tokens + 1.25 * b.cache_creation_input_tokens
              + 0.1 * b.cache_read_input_tokens for b in cache.log]
    readers = [x for x, b in zip(billed, cache.log, strict=True) if b.cache_read_input_tokens]
    return {"requests": len(cache.log), "counted": statistics.mean(counted),
            "billed": statistics.mean(billed), "billed_cached": statistics.median(readers)
            if readers else statistics.median(billed),
            "writes": sum(1 for b in cache.log if b.cache_creation_input_tokens),
            "reads": len(readers), "cost": summary.cost_usd, "estimate": estimate.cost_usd,
            "note": estimate.examples_note, "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--images", type=int, default=500)
    ap.add_argument("--per-class", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=4)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-examples-"))
    try:
        store = make_project(tmp, args.images)
        rows = [("without examples", one_run(store, 0, None, args.concurrency)),
                ("examples, not cached", one_run(store, args.per_class, 10**9, args.concurrency)),
                ("examples, 2,048 minimum", one_run(store, args.per_class, None, args.concurrency))]
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0][1]
    print(f"{args.images} images of 1024 x 768, 2 classes, {args.per_class} examples a class, "
          f"claude-sonnet-5-5 ($2 / $10), concurrency {args.concurrency}, {LATENCY * 1000:.0f} ms "
          "a request")
    print(f"{'run':24} {'counted/img':>11} {'billed/img':>10} {'once cached':>11} "
          f"{'x billed':>8} {'writes':>6} {'reads':>5} {'cost $':>8} {'estimate $':>10}")
    for name, r in rows:
        print(f"{name:24} {r['counted']:11.0f} {r['billed']:10.0f} {r['billed_cached']:11.0f} "
              f"{r['billed'] / base['billed']:8.3f} {r['writes']:6d} {r['reads']:5d} "
              f"{r['cost']:8.4f} {r['estimate']:10.4f}")
    for name, r in rows[1:]:
        print(f"{name}: examples add {100 * (r['billed'] / base['billed'] - 1):+.1f} % billed "
              f"input tokens per image over the run ({100 * (r['billed_cached'] / base['billed'] - 1):+.1f} % "
              f"once cached), {100 * (r['counted'] / base['counted'] - 1):+.1f} % counted; "
              f"the batch estimate (for the model's own minimum) said: {r['note']}")


if __name__ == "__main__":
    main()
