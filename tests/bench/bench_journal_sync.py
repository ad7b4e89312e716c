"""What syncing the file of queued decisions to the disk costs each decision the window queues.

    uv run python tests/bench/bench_journal_sync.py [--images N] [--decisions D] [--repeat R]
                                                    [--dir DIR]

While another connection holds the write lock, the window's decisions are queued and each is
added to `<project>.queued-<pid>` (core/store/journal.py) before the window shows it: with the
sync on, the line is `os.fsync`ed (and the folder, when the file is made) so that a power cut
loses none. This times `accept_suggestions(..., mark_done=True)` on the window's connection (the
Space key's store call) for D images per round, the journal's sync on and off in alternating
rounds, side by side, and prints the medians per decision and their ratio. --dir puts the
project on another disk (the sync's cost is the disk's).
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
from bench_window_writes import accept_all, accepted_ids, queued

from glancelabel.core.store import Store


def queued_round(store: Store, path: Path, images: list[int], sync: bool) -> list[float]:
    """Milliseconds of each accept-all queued on `images` behind a held lock."""
    assert store._writes is not None and store._writes._journal is not None
    store._writes._journal.sync = sync
    times = []
    with queued(store, path) as sets:
        for image_id in images:
            t = time.perf_counter()
            sets.append(accept_all(store, image_id))
            times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=10_000)
    ap.add_argument("--decisions", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--dir", type=Path, help="the folder to build the project in")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="glancelabel-sync-", dir=args.dir))
    path = folder / "project.sqlite"
    build(path, args.images, 10)
    store = Store(path)
    store.queue_writes(lambda *a: None)
    images = [i for i in store.image_ids("needs_review")[:4 * args.decisions]
              if accepted_ids(store, i)][:args.decisions]
    results: dict[str, list[float]] = {"sync off": [], "sync on": []}
    for r in range(args.repeat):
        order = ("sync off", "sync on") if r % 2 == 0 else ("sync on", "sync off")
        for name in order:
            results[name] += queued_round(store, path, images, sync=name == "sync on")
    store.close()
    shutil.rmtree(folder)
    off, on = (statistics.median(results[k]) for k in ("sync off", "sync on"))
    p90 = {k: statistics.quantiles(v, n=10)[-1] for k, v in results.items()}
    print(f"{args.images:,} images, {args.decisions} queued decisions a round, {args.repeat} "
          f"rounds, in {folder.parent}")
    print(f"{'ms per queued decision':<24}{'sync off':>10}{'sync on':>10}{'ratio':>8}")
    print(f"{'median':<24}{off:10.2f}{on:10.2f}{on / off:8.2f}")
    print(f"{'90th percentile':<24}{p90['sync off']:10.2f}{p90['sync on']:10.2f}"
          f"{p90['sync on'] / p90['sync off']:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
