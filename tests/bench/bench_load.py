"""Load benchmark: a project with 100,000 images and 1,000,000 suggestions, built with bulk SQL.

    uv run python tests/bench/bench_load.py [--images N] [--per-image K] [--repeat R] [--keep DIR]

Prints medians of: opening the store and reading the first image with its suggestions (target
< 1 s), filtering "needs review" (image_ids("needs_review")), accept-all on one image with
mark_done, and its undo (apply(inverted)) (each target < 100 ms), and the file size (< 1 GB).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from glancelabel.core.store import Store

LABELS = ["car", "person", "bicycle", "dog", "cat", "traffic light", "bus", "truck"]


def build(path: Path, images: int, per_image: int) -> None:
    Store(path).close()  # the current schema
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    rnd = random.Random(1)
    now = time.time()
    con.executemany(
        "INSERT INTO labels (id, name, color, position) VALUES (?, ?, '#808080', ?)",
        [(i + 1, n, i) for i, n in enumerate(LABELS)])
    con.executemany(
        "INSERT INTO images (id, relpath, sort_key, size, mtime_ns, width, height, orientation,"
        " format, file_state, review_state, added_at) VALUES (?,?,?,?,?,4000,3000,1,'JPEG','ok',"
        " 'new', ?)",
        ((i, f"site{i // 1000:03d}/IMG_{i:07d}.jpg", i, 2_500_000 + i, 1_700_000_000_000_000_000
          + i, now) for i in range(1, images + 1)))
    con.execute("INSERT INTO runs (id, provider, model, created_at) VALUES "
                "(1, 'anthropic', 'claude-sonnet-5', ?)", (now,))

    def suggestions():
        sid = 0
        for image_id in range(1, images + 1):
            for _ in range(per_image):
                sid += 1
                label = rnd.randrange(len(LABELS) + 1)  # one in nine unknown
                x, y = rnd.uniform(0, 3500), rnd.uniform(0, 2500)
                yield (sid, 1, image_id, "box", LABELS[label - 1] if label else "scooter",
                       label or None, x, y, rnd.uniform(10, 500), rnd.uniform(10, 500),
                       round(rnd.random(), 3), "looks like one")

    con.executemany(
        "INSERT INTO suggestions (id, run_id, image_id, kind, raw_label, label_id, x, y, w, h,"
        " confidence, rationale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", suggestions())
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=100_000)
    ap.add_argument("--per-image", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the project in this folder")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="glancelabel-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "project.sqlite"
    if not path.exists():
        ms, _ = timed(lambda: build(path, args.images, args.per_image))
        print(f"built {args.images:,} images / {args.images * args.per_image:,} suggestions "
              f"in {ms / 1000:.1f} s")
    size = path.stat().st_size
    rnd = random.Random(7)
    opens, filters, accepts, undos = [], [], [], []
    for _ in range(args.repeat):
        def first():
            s = Store(path)
            first_id = s.image_ids()[0]
            return s, (s.image(first_id), s.suggestions(first_id))

        ms, (store, (image, sugg)) = timed(first)
        opens.append(ms)
        assert image is not None and len(sugg) == args.per_image
        ms, ids = timed(lambda store=store: store.image_ids("needs_review"))
        filters.append(ms)
        target = rnd.choice(ids)
        pending = [x.id for x in store.suggestions(target, states=["pending"])
                   if x.label_id is not None]
        ms, cs = timed(lambda store=store, pending=pending: store.accept_suggestions(
            pending, mark_done=True, verb="suggestion.accept_all"))
        accepts.append(ms)
        ms, _ = timed(lambda store=store, cs=cs: store.apply(cs.inverted()))
        undos.append(ms)
        assert len(store.suggestions(target, states=["pending"])) == args.per_image
        store.close()

    def line(name, values, target):
        med = statistics.median(values)
        verdict = "ok" if med < target else "MISSED"
        print(f"{name:<46} median {med:8.1f} ms  (min {min(values):7.1f}, max {max(values):7.1f})"
              f"  target < {target:g} ms: {verdict}")

    print(f"project file: {size / 1e6:,.0f} MB  target < 1,000 MB: "
          f"{'ok' if size < 1e9 else 'MISSED'}")
    line("open + first image + its suggestions", opens, 1000)
    line('filter "needs review" (ids of all images)', filters, 100)
    line("accept all on one image (mark done)", accepts, 100)
    line("undo of that accept-all", undos, 100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
