"""Benchmark: scanning a folder of 100,000 small JPEGs. Prints figures; asserts nothing.

    uv run python tests/bench/bench_scan.py [--files 100000] [--repeat 3]
    uv run --with natsort python tests/bench/bench_scan.py    # also compares natsort.os_sorted

The folder is written once to /tmp/glancelabel-bench/jpegs-<N>/ (100 sub-folders, 64x48 JPEGs,
half with an EXIF block and orientation) and reused. Projects live in a temporary folder outside
it, so the image folder stays untouched. Figures are with the page cache warm (the folder was just
written or scanned), which is how a second opening of a folder behaves.

Measured:
  list usable   walk + insert + natural order + the id list the GUI shows (no headers)
  full scan     the same plus every header read (what scan_folder does on first open)
  rescan        scan_folder again with nothing changed, in-process
  headers       read_headers alone on 1 and 2 threads and in 2 worker processes
  natural sort  100,000 relpaths with natural_sorted, and natsort.os_sorted when importable
  peak RSS      of this process (ru_maxrss) after each phase
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(sys.argv[0]).resolve().parents[2]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT / "tests")]

import imagegen  # noqa: E402
from glancelabel.core.folder import scan  # noqa: E402
from glancelabel.core.folder.walk import Walker  # noqa: E402
from glancelabel.core.store import Store  # noqa: E402

CACHE = Path("/tmp/glancelabel-bench")


def rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def make_folder(n: int) -> Path:
    folder = CACHE / f"jpegs-{n}"
    done = folder / ".complete"
    if done.exists():
        return folder
    print(f"writing {n} JPEGs into {folder} (once) ...", flush=True)
    started = time.perf_counter()
    rnd = random.Random(1)
    variants = []
    for i in range(64):
        color = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        orientation = (1, 6, 8, 3)[i % 4] if i % 2 else None
        variants.append(imagegen.jpeg_bytes((64, 48), color, orientation=orientation, quality=85))
    per_dir = max(1, n // 100)
    for i in range(n):
        d = folder / f"set{i // per_dir:03d}"
        if i % per_dir == 0:
            d.mkdir(parents=True, exist_ok=True)
        (d / f"img{i}.jpg").write_bytes(variants[i % 64])
    done.write_text(str(n))
    print(f"  written in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def timed(fn, repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds per run. CPU time is this process's (all threads, user + system)."""
    out = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - wall, time.process_time() - cpu))
    return out


def fmt(runs: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in runs]
    cpus = [c for _, c in runs]
    return (f"wall median {statistics.median(walls):6.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
            f"  CPU median {statistics.median(cpus):6.3f} s  n={len(runs)}")


def load() -> str:
    if not hasattr(os, "getloadavg"):
        return ""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = make_folder(args.files)
    tmp = Path(tempfile.mkdtemp(prefix="glancelabel-bench-"))
    print(f"\n{args.files} JPEGs, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"RSS after imports: {rss_mb():.0f} MB; {load()}")
    print("CPU time approximates wall time on an idle machine for the single-threaded steps.")

    # list usable: a fresh project each time
    counter = iter(range(1000))

    first_rows: list[float] = []

    def list_usable():
        with Store(tmp / f"list{next(counter)}.sqlite", folder) as s:
            started = time.perf_counter()
            marks: list[float] = []
            scan.scan_folder(s, folder, read_headers=False,
                             listed=lambda ids: marks.append(time.perf_counter()))
            first_rows.append(marks[0] - started)
            ids = s.image_ids("all")
            assert len(ids) == args.files

    print(f"list usable (walk+insert+order+ids): {fmt(timed(list_usable, args.repeat))}")
    print(f"  first {scan._FIRST_ROWS} rows stored after: median "
          f"{1000 * statistics.median(first_rows):.0f} ms")
    print(f"  peak RSS so far: {rss_mb():.0f} MB")

    def full_scan():
        with Store(tmp / f"full{next(counter)}.sqlite", folder) as s:
            report = scan.scan_folder(s, folder)
            assert report.images == args.files and report.unreadable == 0, report

    print(f"full scan incl. headers:             {fmt(timed(full_scan, args.repeat))}")
    print(f"  peak RSS so far: {rss_mb():.0f} MB")

    store = Store(tmp / "rescan.sqlite", folder)
    scan.scan_folder(store, folder)

    def rescan():
        report = scan.scan_folder(store, folder)
        assert report.added == report.changed == report.removed == 0

    print(f"rescan, nothing changed (in-process): {fmt(timed(rescan, args.repeat))}")

    walk_times = timed(lambda: Walker(os.fspath(folder)).stat_walk(), args.repeat)
    print(f"  of which the walk (scandir + stat):  {fmt(walk_times)}")
    ordered = timed(lambda: sum(1 for _ in Walker(os.fspath(folder)).ordered_walk()), args.repeat)
    print(f"ordered walk of a new project (scandir, no stat, sorted per folder): {fmt(ordered)}")

    store.close()
    print("header reads alone (read_headers into a fresh project each run, runs interleaved):")
    runs: dict[str, list[tuple[float, float]]] = {}
    variants = {"1 thread": dict(processes=0, workers=1), "2 threads": dict(processes=0, workers=2),
                "2 processes": dict(processes=2)}
    for _ in range(args.repeat):
        for name, options in variants.items():
            with Store(tmp / f"h{next(counter)}.sqlite", folder) as s:
                scan.scan_folder(s, folder, read_headers=False)
                wall, cpu = time.perf_counter(), time.process_time()
                assert scan.read_headers(s, folder, **options).read == args.files
                runs.setdefault(name, []).append(
                    (time.perf_counter() - wall, time.process_time() - cpu))
    default = scan.default_processes(args.files)
    for name, result in runs.items():
        tag = " (default)" if name == (f"{default} processes" if default else "1 thread") else ""
        print(f"  {name + tag:22} {fmt(result)}")
    print("  (CPU: this process only; worker processes' time is not counted)")
    print(f"  peak RSS so far: {rss_mb():.0f} MB")

    names = [f"set{i // 1000:03d}/img{i}.jpg" for i in range(args.files)]
    random.Random(2).shuffle(names)
    ours = timed(lambda: scan.natural_sorted(names), args.repeat)
    print(f"natural sort of {len(names)} names: natural_sorted {fmt(ours)}")
    one_by_one = timed(lambda: sorted(names, key=scan.natural_key), args.repeat)
    print(f"  sorted(key=natural_key), a key per path: {fmt(one_by_one)}")
    try:
        import natsort
    except ImportError:
        print("  natsort not installed: no comparison")
    else:
        theirs = timed(lambda: natsort.os_sorted(names), 1)
        same = natsort.os_sorted(names) == scan.natural_sorted(names)
        ratio = statistics.median(w for w, _ in theirs) / statistics.median(w for w, _ in ours)
        print(f"  natsort.os_sorted {fmt(theirs)}  wall ratio x{ratio:.0f}  same order: {same}")
    print(f"peak RSS: {rss_mb():.0f} MB")
    print(load())


if __name__ == "__main__":
    main()
