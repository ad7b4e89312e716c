"""Batch runner benchmark (not a test: prints figures). Run:

    uv run python tests/bench/bench_batch.py [--images 1000] [--skip-gui]

The fake servers of 1 and 2 run in their own process, as a real server would.

1. 1,000 images of 640x480 against the fake Anthropic server with 300 ms latency,
   concurrency 8, no rate limit: images/s against the ideal 8 / 0.3 = 26.7.
2. The same against a fake that allows 10 requests/s (429 with retry-after above it),
   concurrency 16: images/s against 10/s, and the share of requests answered 429.
3. Runner overhead per image without the network: a provider stub that answers at once.
4. GUI responsiveness: the progress panel with 16 requests in flight; the longest gap
   between 10 ms timer ticks on the GUI thread.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ (the fakes)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, RateLimitedAnthropic  # noqa: E402


class RemoteFake:
    """A fake server in its own process (as a real server would be: its CPU and GIL are not
    the runner's). Reports its counters when stopped."""

    def __init__(self, kind: str, **kw) -> None:
        import json
        import subprocess

        self._proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", kind, json.dumps(kw)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.base_url = self._proc.stdout.readline().strip()
        self.stats: dict = {}

    def __enter__(self) -> RemoteFake:
        return self

    def __exit__(self, *exc) -> None:
        import json

        self._proc.stdin.close()
        self.stats = json.loads(self._proc.stdout.readline() or "{}")
        self._proc.wait(30)


def serve(kind: str, config: str) -> None:
    import json

    kw = json.loads(config)
    cls = RateLimitedAnthropic if kind == "limited" else FastAnthropic
    args = (kw.pop("per_second"),) if kind == "limited" else ()
    with cls(*args, **kw) as fake:
        if kind != "limited":
            fake.success_headers = {}
        fake.default_input = CAR_ANSWER
        print(fake.base_url, flush=True)
        sys.stdin.read()
        print(json.dumps({"max_in_flight": fake.max_in_flight,
                          "requests": len(fake.main_requests()),
                          "too_many": getattr(fake, "too_many", 0),
                          "accepted": getattr(fake, "accepted", 0)}), flush=True)


def make_folder(root: Path, n: int) -> Path:
    from PIL import Image

    folder = root / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        p = folder / f"img{i:05d}.jpg"
        if not p.exists():
            img = Image.new("RGB", (640, 480), (i % 256, 120, 90))
            img.paste(Image.effect_noise((64, 64), 40 + i % 50).convert("RGB"), (i % 500, 10))
            img.save(p, quality=85)
    return folder


def fresh_store(folder: Path, name: str):
    from glancelabel.core.folder.scan import scan_folder
    from glancelabel.core.store import Store

    path = folder.parent / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = Store(path, folder)
    scan_folder(store, folder)
    store.add_labels(["car"])
    return store


def run(store, fake, concurrency: int):
    from glancelabel.core.suggest.runner import BatchPlan, BatchRunner

    plan = BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=concurrency)
    runner = BatchRunner(store, plan)
    runner.prepare()
    return runner.run()


def bench_throughput(folder: Path, n: int) -> None:
    with RemoteFake("plain", latency=0.3) as fake:
        store = fresh_store(folder, "throughput")
        s = run(store, fake, 8)
    rate = s.succeeded / s.seconds
    ideal = 8 / 0.3
    print(f"[1] {s.succeeded} images, concurrency 8, 300 ms latency: {s.seconds:.1f} s, "
          f"{rate:.1f} images/s = {rate / ideal:.1%} of the ideal {ideal:.1f}/s "
          f"(max in flight seen by the fake: {fake.stats['max_in_flight']}; "
          f"failed {s.failed})")
    store.close()


def bench_rate_limited(folder: Path, n: int) -> None:
    with RemoteFake("limited", per_second=10.0, burst=5, retry_after=1.0, latency=0.3) as fake:
        store = fresh_store(folder, "ratelimited")
        s = run(store, fake, 16)
    rate = s.succeeded / s.seconds
    st = fake.stats
    total = st["accepted"] + st["too_many"]
    print(f"[2] {s.succeeded} images, concurrency 16, fake limit 10 req/s (bucket 5): "
          f"{s.seconds:.1f} s, {rate:.2f} images/s = {rate / 10:.1%} of 10/s; "
          f"429s: {st['too_many']} of {total} requests = {st['too_many'] / total:.2%} "
          f"(max in flight {st['max_in_flight']}; failed {s.failed})")
    store.close()


class StubProvider:
    """Answers at once (no network, no image decoding): what remains is the runner."""

    name = "stub"
    model = "stub-model"

    def identity(self, request):
        from glancelabel.core.providers import Identity

        return Identity("stub-model", "hash")

    def preview(self, request):
        raise NotImplementedError

    def suggest(self, request):
        from glancelabel.core.model import Box, Kind
        from glancelabel.core.providers.records import (
            ProposedSuggestion,
            SuggestResult,
            Usage,
        )

        s = ProposedSuggestion(Kind.BOX, "car", "car", Box(1, 2, 30, 40), confidence=0.9,
                               rationale="a car")
        return SuggestResult((s,), (), Usage(1000, 100), 0.001, '{"objects": []}', "stub",
                             "stub-model", "hash")


def bench_overhead(folder: Path, n: int) -> None:
    from glancelabel.core.suggest.runner import BatchPlan, BatchRunner

    for concurrency in (1, 8):
        store = fresh_store(folder, f"overhead{concurrency}")
        for image in store.all_images():  # hash up front: the scan's job, not the runner's
            from glancelabel.core.suggest.ask import content_hash

            content_hash(store, image)
        runner = BatchRunner(store, BatchPlan(provider="anthropic", concurrency=concurrency),
                             provider=StubProvider())
        runner.prepare()
        t = time.perf_counter()
        s = runner.run()
        wall = time.perf_counter() - t
        print(f"[3] runner overhead, concurrency {concurrency}: {wall / s.succeeded * 1000:.2f} ms "
              f"per image ({s.succeeded} images in {wall:.2f} s; job state, cache row and "
              "suggestions committed per image)")
        store.close()


def bench_gui(folder: Path, n: int) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from glancelabel.core.suggest.runner import BatchPlan
    from glancelabel.gui.dialogs.batch import BatchProgressPanel

    app = QApplication.instance() or QApplication([])
    count = min(n, 320)
    with FastAnthropic(latency=0.3) as fake:
        fake.success_headers = {}
        fake.default_input = CAR_ANSWER
        store = fresh_store(folder, "gui")
        panel = BatchProgressPanel(store)
        panel.show()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick():
            now = clock.elapsed()
            if fake.in_flight >= 12:
                gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        timer.start()
        done = []
        panel.runFinished.connect(done.append)
        panel.start(BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=16,
                              limit=count))
        while not done:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        s = done[0]
        gaps.sort()
        p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0
        print(f"[4] GUI with 16 requests in flight ({s.succeeded} images): timer gap median "
              f"{statistics.median(gaps) if gaps else 0:.0f} ms, p99 {p99:.0f} ms, "
              f"max {gaps[-1] if gaps else 0:.0f} ms (10 ms timer; stall = gap - 10 ms); "
              f"max in flight {fake.max_in_flight}")
        panel.close()
        store.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--skip-gui", action="store_true")
    ap.add_argument("--only", choices=("1", "2", "3", "4"))
    args = ap.parse_args()
    os.environ.setdefault("ANTHROPIC_API_KEY", "test-key")
    with tempfile.TemporaryDirectory() as tmp:
        for var in ("GLANCELABEL_CONFIG_DIR", "GLANCELABEL_DATA_DIR", "GLANCELABEL_LOG_DIR"):
            os.environ.setdefault(var, str(Path(tmp) / var.lower()))
        t = time.perf_counter()
        folder = make_folder(Path(tmp), args.images)
        print(f"{args.images} JPEGs of 640x480 written in {time.perf_counter() - t:.1f} s")
        import anthropic  # noqa: F401 - import once, outside the measured runs

        steps = {"1": bench_throughput, "2": bench_rate_limited, "3": bench_overhead,
                 "4": bench_gui}
        for key, fn in steps.items():
            if args.only and key != args.only:
                continue
            if key == "4" and args.skip_gui:
                continue
            fn(folder, args.images)


if __name__ == "__main__":
    main()
