"""What queuing one large decision costs the window while a worker holds the write lock.

    uv run python tests/bench/bench_queue_lay.py [--images N] [--repeat R]

A change set queued behind a worker's write is laid over the window's reads row by row
(core/store/pending.py `Overlay`) on the GUI thread; one of more than MAX_QUEUED_CHANGES row
changes is queued without that and shown once written. This times `accept_suggestions` of
250 to 2,500 suggestions (two row changes each: the suggestion and its new annotation) queued
behind a held lock, with the overlay forced on for every size, side by side in alternating
rounds, and prints the medians, so the limit can be set against the window's 50 ms budget.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_load import build
from bench_window_writes import queued

from glancelabel.core.store import Store, pending

SIZES = (250, 500, 1000, 2500)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="glancelabel-lay-"))
    path = folder / "project.sqlite"
    build(path, args.images, 10)
    pending.MAX_QUEUED_CHANGES = 10**9  # every size laid over the reads, to measure it
    store = Store(path)
    store.queue_writes(lambda *a: None)
    ids = [r[0] for r in store.q("SELECT id FROM suggestions WHERE state = 'pending' AND "
                                 "label_id IS NOT NULL LIMIT ?", (max(SIZES),))]
    times: dict[int, list[float]] = {n: [] for n in SIZES}
    for r in range(args.repeat):
        for n in SIZES if r % 2 == 0 else reversed(SIZES):
            with queued(store, path) as sets:
                t = time.perf_counter()
                sets.append(store.accept_suggestions(ids[:n]))
                times[n].append((time.perf_counter() - t) * 1000)
    store.close()
    shutil.rmtree(folder)
    print(f"{args.images:,} images, 10 suggestions each; medians of {args.repeat} rounds")
    print(f"{'suggestions accepted':>22}{'row changes':>13}{'ms to queue':>13}")
    for n in SIZES:
        print(f"{n:>22,}{2 * n:>13,}{statistics.median(times[n]):>13.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
