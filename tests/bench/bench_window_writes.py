"""The window's reads through the write queue's overlay (core/store/pending.py), 100,000 images.

    uv run python tests/bench/bench_window_writes.py [--images N] [--repeat R] [--keep DIR]

While a worker holds the write lock the window's decisions are queued and laid over its reads
with TEMP tables and same-named TEMP views. This measures, side by side in one run (rounds
alternate), what the image list and the canvas read on a refresh: the ids of every image and of
those needing review (sorted), a page of 100 rows with their counts, the current image's
suggestions and annotations and the state counts — plain, with 1 queued decision and with 20
(each an accept-all with mark done on one image). Prints medians and the ratio to plain.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench_load import build

from glancelabel.core.review.changes import ChangeSet
from glancelabel.core.store import Store

READS = ("ids, all", "ids, needs review", "page of 100 rows", "current image", "state counts")


def refresh(store: Store, current: int) -> dict[str, float]:
    """Milliseconds of each read of a list refresh."""
    out: dict[str, float] = {}

    def timed(name, fn):
        t = time.perf_counter()
        fn()
        out[name] = (time.perf_counter() - t) * 1000

    ids: list[int] = []
    timed("ids, all", lambda: ids.extend(store.image_ids("all")))
    timed("ids, needs review", lambda: store.image_ids("needs_review"))
    page = ids[:100]
    timed("page of 100 rows", lambda: (store.images(page), store.annotation_counts_for(page),
                                       store.pending_counts(page)))
    timed("current image", lambda: (store.suggestions(current), store.annotations(current)))
    timed("state counts", store.state_counts)
    return out


def accepted_ids(store: Store, image_id: int) -> list[int]:
    """The suggestions an accept-all accepts on the image (pending, with a class)."""
    return [s.id for s in store.suggestions(image_id, states=["pending"])
            if s.label_id is not None]


@contextmanager
def queued(store: Store, path: Path) -> Iterator[list[ChangeSet]]:
    """Hold the write lock elsewhere for the block, which queues decisions and adds them to
    the list it is given; then let the queue write them and take them back (each round starts
    from the same project)."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    sets: list[ChangeSet] = []
    try:
        yield sets
        assert store.pending_count == len(sets)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store._writes is not None
    store._writes.wait_idle()
    for cs in reversed(sets):
        store.apply(cs.inverted())


def accept_all(store: Store, image_id: int) -> ChangeSet:
    """Space on the image: its suggestions accepted, the image done."""
    return store.accept_suggestions(accepted_ids(store, image_id), mark_done=True,
                                    verb="suggestion.accept_all")


def queued_round(store: Store, path: Path, images: list[int]) -> dict[str, float]:
    """An accept-all queued on each of `images` behind a held lock, and a refresh timed."""
    with queued(store, path) as sets:
        sets += [accept_all(store, image_id) for image_id in images]
        return refresh(store, images[0])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the project in this folder")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="glancelabel-writes-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "project.sqlite"
    if not path.exists():
        build(path, args.images, 10)
    store = Store(path)
    store.queue_writes(lambda *a: None)
    results: dict[str, list[dict[str, float]]] = {"plain": [], "1 queued": [], "20 queued": []}
    open_images = [i for i in store.image_ids("needs_review")[:40 * args.repeat]
                   if accepted_ids(store, i)]  # each round's images have one to accept
    for r in range(args.repeat):
        some = open_images[r * 20:(r + 1) * 20]
        results["plain"].append(refresh(store, some[0]))
        results["1 queued"].append(queued_round(store, path, some[:1]))
        results["20 queued"].append(queued_round(store, path, some))
    store.close()
    print(f"{args.images:,} images, 10 suggestions each; medians of {args.repeat} rounds (ms)")
    print(f"{'read':<20}" + "".join(f"{k:>12}" for k in results) + "   ratio 1 / 20 queued")
    for name in (*READS, "whole refresh"):
        med = {k: statistics.median(sum(t.values()) if name == "whole refresh" else t[name]
                                    for t in v) for k, v in results.items()}
        ratios = f"{med['1 queued'] / med['plain']:6.2f} / {med['20 queued'] / med['plain']:6.2f}"
        print(f"{name:<20}" + "".join(f"{m:12.1f}" for m in med.values()) + f"   {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
