"""GUI benchmarks (not collected by pytest; prints figures).

    uv run python tests/bench/bench_gui.py            # both
    uv run python tests/bench/bench_gui.py next       # next image after D on 12-megapixel JPEGs
    uv run python tests/bench/bench_gui.py open       # open a 100,000-image folder (100 subfolders)
    uv run python tests/bench/bench_gui.py open-flat  # the same 100,000 images in one folder
    uv run python tests/bench/bench_gui.py import     # File > Import of 200,000 COCO boxes
    uv run python tests/bench/bench_gui.py batch      # a run over 1,000 images (fake provider)
    uv run python tests/bench/bench_gui.py import-keys  # Space / X pressed during that import
    uv run python tests/bench/bench_gui.py compare REV [--rounds 5] [--cases open,batch] [--compile]
                                          # the stall goal: REV against this tree, side by side

`next`: 24 JPEGs of 4000 x 3000; the real window, offscreen, 1280 x 800. For each D press, the time
from the key press to the new image's pixels on the canvas. "paced": the user looks at each image
long enough for the prefetch of the next one to finish (the normal labelling rhythm); "burst": D
pressed again the moment the image shows (holding the key).

`open`: a folder of 100,000 small JPEGs (made once under /tmp, reused). The time from the open call
to the first rows in the list, to the first image on the canvas, to a list that holds every image,
to the end of the background header read, and the longest stall of the GUI event loop meanwhile
(a 5 ms timer measures it). The benchmark waits in a Qt event loop, idle between events as the
app is, so it takes no GIL time from the background scan.

`compare REV`: the stall goal of issue 13 (the longest GUI stall 50 ms or less) for open,
open-flat, import and batch, the product at REV against this tree, side by side in one run, each
run a new process (so each batch run is a first run: the SDK is imported in it), with the load
average; see `compare`. Here 5 rounds took 5.5-6.5 minutes at a load of 1.4-5.4, 8.5 at 6-11.
`compare d0ddaf7 --rounds 5` at 08217b4, load 1.4-4.3, median / worst ms, before -> after: open
40 / 73 -> 36 / 46, open-flat 28 / 44 -> 28 / 40, import 23 / 44 -> 23 / 29, batch 63 / 105 ->
34 / 90 (at a load of 3.6-7.8: batch 124 / 172 -> 72 / 119, the others 27-51 in the median).

Where the stalls came from (BENCH_WHY=1, and `py-spy record --gil --threads` on the runs), and
what was done (December 2026): a new SSL context for every run's HTTP client, the certificate
store read with the GIL held (30 ms quiet, 86 ms seen busy): now one per process. The SDK's
first import set off some 300 collections, two full ones of 25-50 ms, and a young one of 60 ms
when the collector came back: now imported with the collector paused (core/heap.py). Once the
GUI thread fell behind, the Batch panel showed every progress report in turn, 1 ms of label
updates each with the GIL held (0.8 s in a 1,000-image run): now the newest once
(gui/tasks.Latest); the header read's status line too. The header-read worker processes ran at
the app's priority on a 2-core machine: now 10 steps lower (no effect measurable under this
machine's load). In this benchmark only, not the app: imports compiled (PYTHONDONTWRITEBYTECODE;
`compare` uses cached bytecode unless --compile) and the header-read processes re-imported this
script, Qt and the window with it. What remains: in the long stalls left the GUI thread is on the
CPU 1-25 ms (25 ms: the end of an import, the list reloaded and repainted); the rest it waits for
the GIL, held by a request or import thread, or for a core (the load from other jobs was 4-11),
and the GIL watch thread wakes as late. Trying a 1 ms switch interval, and sorting the keys of a
flat folder alone in merged runs, did not help and was left out.

Later the same month, the batch's first run: PySide6's import hook read the source file of every
module imported after it (inspect.getsource, to search it for "PySide6"), so the request thread
importing the SDK held the GIL reading some 200 files: now answered from the module's names
(gui/import_hook.py). The end of the header read left a second list refresh scheduled, which
re-read a page of the list on the GUI thread as a batch began: gone. Each answer refreshed the
list row and the shown image on its own: now all answered since the last event-loop turn at once
(gui/tasks.Gathered). The first box painted built twelve PySide6 enum types (~4 ms): now built
when the canvas is imported. Tried and left out, no difference measurable side by side: starting
the 16 request threads 25 ms apart, and letting only 2 of them run Python at a time (a semaphore
given up while a thread waits for the network). `BENCH_WHY_MS` and `BENCH_WHY_TOP` set which
stalls and GUI calls BENCH_WHY explains; `BENCH_CONCURRENCY` the batch's request threads.
`compare d0ddaf7 --rounds 5` at bd8eee3, load 0.8-1.5, 331 s, median / worst ms, before -> after:
open 23 / 30 -> 26 / 34, open-flat 27 / 62 -> 14 / 22, import 25 / 66 -> 20 / 22, batch 43 / 47 ->
23 / 30 (each case now starts after the open's last list refresh has painted, in both trees; the
batch against 14f91b0, load 0.3-1.2: 22 / 40 -> 20 / 43, no difference side by side).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp_user = Path(tempfile.mkdtemp(prefix="glancelabel-bench-user-"))
for var, sub in (("GLANCELABEL_CONFIG_DIR", "config"), ("GLANCELABEL_DATA_DIR", "data"),
                 ("GLANCELABEL_LOG_DIR", "logs")):
    os.environ.setdefault(var, str(_tmp_user / sub))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from glancelabel.core.app import settings as settings_mod  # noqa: E402
from glancelabel.gui.app import App, make_qapp  # noqa: E402

BIG = Path("/tmp/glancelabel-bench-12mp")
HUGE = Path("/tmp/glancelabel-bench-100k")
HUGE_FLAT = Path("/tmp/glancelabel-bench-100k-flat")


def make_big(n: int = 24) -> Path:
    BIG.mkdir(exist_ok=True)
    import numpy as np

    rng = np.random.default_rng(1)
    for i in range(n):
        path = BIG / f"photo_{i:03d}.jpg"
        if path.exists():
            continue
        # a photo-like 12 MP image: smooth gradients plus grain (compresses like a real photo)
        small = rng.integers(0, 255, (75, 100, 3), dtype=np.uint8)
        im = Image.fromarray(small).resize((4000, 3000), Image.Resampling.BICUBIC)
        grain = rng.integers(0, 24, (3000, 4000, 3), dtype=np.uint8)
        im = Image.fromarray(np.clip(np.asarray(im, dtype=np.int16) + grain - 12, 0, 255).astype(np.uint8))
        im.save(path, quality=90)
    for p in BIG.glob(".glancelabel"):
        import shutil

        shutil.rmtree(p)
    return BIG


def make_huge(n: int = 100_000, flat: bool = False) -> Path:
    """100,000 tiny (8 x 8) JPEGs in 100 subfolders, or all in one folder (`flat`)."""
    root = HUGE_FLAT if flat else HUGE
    marker = root / ".complete"
    if marker.exists():
        return root
    import io

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 120, 150)).save(buf, "JPEG", quality=80)
    data = buf.getvalue()
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root if flat else root / f"part{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"img_{i}.jpg").write_bytes(data)
    marker.write_text("ok")
    return root


def wait(qapp, predicate, timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        qapp.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("gave up waiting")
        time.sleep(0.0005)


def fresh_project(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder / ".glancelabel", ignore_errors=True)


def bench_next(qapp) -> None:
    folder = make_big()
    fresh_project(folder)
    app = App(qapp, settings_mod.Settings())
    assert app.open_folder(folder)
    w = app.window
    w.resize(1280, 800)
    wait(qapp, lambda: not w.scanning)
    w.activateWindow()
    w.canvas.setFocus()
    shown: dict[int, float] = {}
    w.image_shown.connect(lambda image_id: shown.setdefault(image_id, time.perf_counter()))
    ids = w.image_panel.model.ids()
    wait(qapp, lambda: w.canvas.decoded_width > 0)

    missed: list[int] = []

    def run(paced: bool, steps: int) -> list[float]:
        times = []
        w.show_image(ids[0])
        wait(qapp, lambda: w.canvas.decoded_width > 0 and w.current_id == ids[0])
        for k in range(1, steps + 1):
            target = ids[k]
            if paced:  # the person looks at the image until the prefetch is done
                side = w.display_side(w.store.image(target))
                try:  # (a prefetch made before the window took its final size is of another size)
                    wait(qapp, lambda t=target, s=side: w.loader.cached(t, s) is not None, 10)
                except TimeoutError:
                    missed.append(target)
            shown.pop(target, None)
            t0 = time.perf_counter()
            QTest.keyClick(w.canvas, Qt.Key.Key_D)
            wait(qapp, lambda t=target: t in shown)
            times.append((shown[target] - t0) * 1000)
        return times

    for paced in (True, False):
        w.loader.clear()
        times = run(paced, len(ids) - 1 if paced else min(12, len(ids) - 1))
        label = "paced (prefetch done)" if paced else "burst (D held down)"
        print(f"next image, 12 MP JPEG, {label}: median {statistics.median(times):.1f} ms, "
              f"worst {max(times):.1f} ms, n={len(times)}"
              + (f" ({len(missed)} shown without a finished prefetch)" if paced and missed else ""))
    # the cost of one decode at display size, for reference
    from glancelabel.gui.image_loader import decode_for_display

    t = []
    for p in sorted(folder.glob("*.jpg"))[:6]:
        t0 = time.perf_counter()
        decode_for_display(p, w.display_side(w.store.image(ids[0])), (4000, 3000))
        t.append((time.perf_counter() - t0) * 1000)
    print(f"one background decode at display size ({w.display_side(w.store.image(ids[0]))} px): "
          f"median {statistics.median(t):.1f} ms")
    w.close()


def bench_open(qapp, flat: bool = False, runs: int = 3, reopen: bool = True) -> None:
    """`runs` first opens (new project each time), then one reopen; medians of the first opens."""
    t0 = time.perf_counter()
    folder = make_huge(flat=flat)
    shape = "one flat folder" if flat else "100 subfolders"
    print(f"100,000-image folder ({shape}) ready ({time.perf_counter() - t0:.1f} s to make or find)")
    firsts = []
    for _ in range(runs):
        fresh_project(folder)
        firsts.append(_open_once(qapp, folder, "first open (new project)"))
    if reopen:
        _open_once(qapp, folder, "reopen (rescan, no changes)")
    stalls_line("open-flat" if flat else "open", [f["stall"] for f in firsts])
    med = lambda key: statistics.median(f[key] for f in firsts)  # noqa: E731
    print(f"MEDIAN of {runs} first opens ({shape}): first rows listed {med('first_rows'):.0f} ms, "
          f"first image {med('image'):.0f} ms, longest GUI stall {med('stall'):.0f} ms "
          f"(each: {[f['stall'] for f in firsts]})")


def run_until(qapp, predicate, timeout: float = 600.0) -> None:
    """Run the Qt event loop (idle between events, as in the app) until predicate() holds.
    Busy polling with processEvents would compete with the background threads for the GIL."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    check = QTimer()
    check.setInterval(int(os.environ.get("BENCH_CHECK_MS", "2")))
    check.timeout.connect(lambda: predicate() and loop.quit())
    check.start()
    end = QTimer()
    end.setSingleShot(True)
    end.timeout.connect(loop.quit)
    end.start(int(timeout * 1000))
    if not predicate():
        loop.exec()
    check.stop()
    if not predicate():
        raise TimeoutError("gave up waiting")


def settle(qapp, seconds: float = 0.5) -> None:
    """Run the event loop a little longer: what the result's arrival set off is measured too."""
    end = time.perf_counter() + seconds
    run_until(qapp, lambda: time.perf_counter() >= end)


def _open_once(qapp, folder: Path, attempt: str) -> dict:
    # what the app imports anyway before a folder is opened (this machine runs Python with
    # PYTHONDONTWRITEBYTECODE, so a first import compiles: that is not the open call's cost)
    import glancelabel.core.folder.scan  # noqa: F401
    import glancelabel.core.store  # noqa: F401
    import glancelabel.core.store.lock  # noqa: F401
    import glancelabel.gui.main_window  # noqa: F401

    meter = Stalls()
    app = App(qapp, settings_mod.Settings())
    t_open = time.perf_counter()
    assert app.open_folder(folder)
    w = app.window
    t_window = time.perf_counter()
    meter.start()  # from here on: the event loop while the folder is scanned in the background
    ready: dict[str, float] = {}
    model = w.image_panel.model
    w.list_ready.connect(lambda: ready.setdefault("list", time.perf_counter()))
    w.scan_done.connect(lambda: ready.setdefault("done", time.perf_counter()))
    w.image_shown.connect(lambda _i: ready.setdefault("image", time.perf_counter()))
    run_until(qapp, lambda: model.rowCount() > 0)
    t_first = time.perf_counter()
    first_rows = model.rowCount()
    run_until(qapp, lambda: model.rowCount() >= 100_000)
    t_rows = time.perf_counter()
    run_until(qapp, lambda: "list" in ready and "image" in ready)
    t_list = ready["list"]
    rows = model.rowCount()
    run_until(qapp, lambda: "done" in ready)
    t_done = time.perf_counter()
    stall = meter.stop()
    ms = lambda t: f"{1000 * (t - t_open):.0f} ms"  # noqa: E731
    print(f"{attempt}: window shown {ms(t_window)}, first {first_rows} rows listed {ms(t_first)}, "
          f"first image on the canvas {ms(ready['image'])}, all {rows} rows listed {ms(t_rows)}, "
          f"rescan done {ms(t_list)}, headers read {t_done - t_open:.2f} s, "
          f"longest GUI stall after the window showed {stall} ms")
    meter.report_why()
    import resource

    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"  peak resident memory: the app {kib / 1024:.0f} MB"
          + (f", largest worker process {child / 1024:.0f} MB" if child else ""))
    w.close()
    qapp.processEvents()
    return {"first_rows": 1000 * (t_first - t_open), "image": 1000 * (ready["image"] - t_open),
            "stall": stall}


WHY_MS = int(os.environ.get("BENCH_WHY_MS", "30"))  # stalls longer are explained (BENCH_WHY=1)


def other_threads() -> list[tuple[str, list[tuple[str, int, str]]]]:
    """Where every thread but this one (the GUI thread) is: its last frames, taken cheaply the
    moment a stall ends (BENCH_WHY=1), to show what held the GIL or a lock the GUI waited for.
    Threads waiting in threading.py (a lock, an event, a join) are left out."""
    import threading

    names = {t.ident: t.name for t in threading.enumerate()}
    out = []
    for ident, frame in sys._current_frames().items():
        if ident == threading.get_ident() or frame.f_code.co_filename == threading.__file__:
            continue
        where = []
        f = frame
        while f is not None and len(where) < 3:
            where.append((f.f_code.co_filename.rsplit("/", 2)[-1], f.f_lineno, f.f_code.co_name))
            f = f.f_back
        out.append((str(names.get(ident, ident)), where))
    return out


def _shown(stacks: list) -> str:
    return "".join(f"  [{name}] " + " < ".join(f"{fn}:{line} {code}" for fn, line, code in where)
                   + "\n" for name, where in stacks)


class GilWatch:
    """With BENCH_WHY=1: a thread that sleeps 5 ms at a time; when it wakes more than WHY_MS late
    the GIL was held (or the machine busy) that long whatever the GUI thread did. Its top stalls,
    with where the other threads were, tell a GIL hold apart from a GUI thread busy by itself."""

    def __init__(self) -> None:
        import threading

        self.late: list[tuple[float, list]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="gil-watch", daemon=True)

    def _watch(self) -> None:
        last = time.perf_counter()
        while not self._stop.wait(0.005):
            now = time.perf_counter()
            late = (now - last) * 1000 - 5
            if late > WHY_MS:
                self.late.append((late, other_threads()))
            last = now

    def start(self) -> None:
        if os.environ.get("BENCH_WHY"):
            self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()
        for late, stacks in sorted(self.late, key=lambda w: -w[0])[:3]:
            print(f"  GIL watch: woke {late:.0f} ms late; the other threads were at:\n"
                  + _shown([s for s in stacks if s[0] not in ("MainThread", "gil-watch")]))


class GuiCalls:
    """With BENCH_WHY=1: the Python calls the event loop makes on the GUI thread (signal handlers,
    timers; their caller frame is `run_until`'s, as Qt adds none) that ran longer than WHY_MS, by
    name. It slows the GUI thread's Python somewhat."""

    def __init__(self) -> None:
        self.long: list[tuple[float, str]] = []
        self._started: dict[int, float] = {}

    def _hook(self, frame, event, _arg) -> None:
        if event not in ("call", "return"):
            return
        back = frame.f_back
        if back is None or back.f_code is not run_until.__code__:
            return
        if event == "call":
            self._started[id(frame)] = (time.perf_counter(), time.thread_time())
            return
        t0, cpu0 = self._started.pop(id(frame), (None, 0.0))
        ms = 0.0 if t0 is None else (time.perf_counter() - t0) * 1000
        if ms > WHY_MS:
            code = frame.f_code
            cpu = (time.thread_time() - cpu0) * 1000  # the rest: waiting for the GIL or a CPU
            self.long.append((ms, f"{code.co_filename.rsplit('/', 2)[-1]}:"
                                  f"{code.co_firstlineno} {code.co_qualname} ({cpu:.0f} ms of it "
                                  f"on the CPU, {t0 - self.t0:.2f} s after the start)"))

    def _collected(self, phase: str, info: dict) -> None:
        """Garbage collections longer than WHY_MS, in any thread (they hold the GIL throughout)."""
        import threading

        if phase == "start":
            self._gc_start = time.perf_counter()
            return
        ms = (time.perf_counter() - getattr(self, "_gc_start", time.perf_counter())) * 1000
        if ms > WHY_MS:
            self.long.append((ms, f"a generation-{info['generation']} garbage collection in "
                                  f"{threading.current_thread().name}"))

    def start(self) -> None:
        self.t0 = time.perf_counter()
        if os.environ.get("BENCH_WHY"):
            import gc

            sys.setprofile(self._hook)
            gc.callbacks.append(self._collected)

    def stop(self) -> None:
        import gc

        sys.setprofile(None)
        if self._collected in gc.callbacks:
            gc.callbacks.remove(self._collected)
        for ms, name in sorted(self.long, reverse=True)[:int(os.environ.get("BENCH_WHY_TOP", "5"))]:
            print(f"  GUI thread: {name} took {ms:.0f} ms")


class Stalls:
    """The longest gap between the ticks of a 5 ms timer on the GUI thread, minus nothing: a
    gap of 5-10 ms is the timer's own rhythm."""

    def __init__(self) -> None:
        self.gaps: list[tuple[int, float]] = []  # (gap ms, when it ended: s from start)
        self.clock = QElapsedTimer()
        self.ticker = QTimer()
        self.ticker.setInterval(int(os.environ.get("BENCH_TICK_MS", "5")))
        self.ticker.timeout.connect(self._tick)
        self.why: list[tuple[int, int, list]] = []  # BENCH_WHY=1: (gap, GUI thread's CPU ms,
        # what the other threads were doing)

    def _tick(self) -> None:
        gap = self.clock.restart()
        cpu, self._cpu = self._cpu, time.thread_time()
        self.gaps.append((gap, time.perf_counter() - self.t0))
        if gap > WHY_MS and os.environ.get("BENCH_WHY"):
            self.why.append((gap, round((self._cpu - cpu) * 1000), other_threads()))

    def report_why(self, top: int = 3) -> None:
        """The longest stalls: how much of each the GUI thread spent on the CPU itself (the rest
        it waited: for the GIL, a lock or a CPU), and where the other threads were at its end."""
        for gap, cpu, stacks in sorted(self.why, key=lambda w: -w[0])[:top]:
            print(f"  --- a {gap} ms stall ({cpu} ms of it the GUI thread on the CPU) ended while "
                  f"the other threads were at:\n{_shown(stacks)}")

    def start(self) -> None:
        self.gaps.clear()
        self.t0 = time.perf_counter()
        self.calls = GuiCalls()
        self.calls.start()
        self.gil = GilWatch()
        self.gil.start()
        self._cpu = time.thread_time()
        self.clock.start()
        self.ticker.start()

    def stop(self) -> int:
        self.ticker.stop()
        self.ticker.timeout.disconnect(self._tick)  # no cycle: the timer dies on this thread
        self.calls.stop()
        self.gil.stop()
        gap, at = max(self.gaps or [(0, 0.0)])
        self.at = at
        return gap


def _opened(qapp, folder: Path):
    """A new project on `folder` in the real window, its scan and header read done and shown
    (the list's refresh at the end of the read painted), so the case measured next is alone."""
    fresh_project(folder)
    app = App(qapp, settings_mod.Settings())
    assert app.open_folder(folder)
    w = app.window
    run_until(qapp, lambda: not w.scanning)
    settle(qapp)
    return w


IMPORT_DIR = Path("/tmp/glancelabel-bench-import")


def make_import(images: int = 10_000, per_image: int = 20) -> tuple[Path, Path]:
    """`images` tiny JPEGs in 10 subfolders and a COCO file with `per_image` boxes on each."""
    coco = IMPORT_DIR.parent / f"{IMPORT_DIR.name}-coco.json"
    marker = IMPORT_DIR / ".complete"
    if not marker.exists():
        import io
        import json

        buf = io.BytesIO()
        Image.new("RGB", (8, 8), (90, 120, 150)).save(buf, "JPEG", quality=80)
        data = buf.getvalue()
        imgs, anns = [], []
        for i in range(images):
            rel = f"part{i % 10}/img_{i}.jpg"
            (IMPORT_DIR / rel).parent.mkdir(parents=True, exist_ok=True)
            (IMPORT_DIR / rel).write_bytes(data)
            imgs.append({"id": i + 1, "file_name": rel, "width": 8, "height": 8})
            for k in range(per_image):
                anns.append({"id": len(anns) + 1, "image_id": i + 1, "category_id": 1 + k % 5,
                             "bbox": [k % 4, (k // 4) % 4, 3, 3], "area": 9, "iscrowd": 0})
        cats = [{"id": c, "name": f"class{c}"} for c in range(1, 6)]
        coco.write_text(json.dumps({"images": imgs, "annotations": anns, "categories": cats}))
        marker.write_text("ok")
    return IMPORT_DIR, coco


class Presses:
    """Space and X pressed in turn on the canvas every `every_ms` while the import runs; each
    press's time is how long the key's handler held the GUI thread (the decision's write
    included: the window shows nothing else meanwhile). `queued`: the times of the presses whose
    decision the window queued because the import held the write lock (core/store/pending.py;
    none before it existed)."""

    def __init__(self, w, every_ms: int = 150) -> None:
        self.w = w
        self.times: list[float] = []  # ms each press held the GUI thread
        self.queued: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self._press)

    def _press(self) -> None:
        key = Qt.Key.Key_Space if len(self.times) % 2 == 0 else Qt.Key.Key_X
        waiting = getattr(self.w.store, "pending_count", 0)
        t0 = time.perf_counter()
        QTest.keyClick(self.w.canvas, key)
        self.times.append(1000 * (time.perf_counter() - t0))
        if getattr(self.w.store, "pending_count", 0) > waiting:
            self.queued.append(self.times[-1])

    def start(self) -> None:
        self.w.activateWindow()
        self.w.canvas.setFocus()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.timer.timeout.disconnect(self._press)
        return self.times


def bench_import(qapp, runs: int = 3, keys: bool = False) -> None:
    """The longest GUI stall while File > Import's worker imports 200,000 COCO boxes; with
    `keys`, Space and X pressed meanwhile (see `Presses`): the longest press and the stall."""
    from glancelabel.core.formats import ImportPlan
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    folder, coco = make_import()
    stalls, times, longest = [], [], []
    for _ in range(runs):
        w = _opened(qapp, folder)
        dialog = ImportDialog(w.store, folder, w, tasks=w.runner, plan=ImportPlan("coco", coco))
        done: list = []
        dialog.imported.connect(done.append)
        dialog.imported.connect(w.project.imported)  # what File > Import does with the result
        meter = Stalls()
        presses = Presses(w) if keys else None
        events0 = w.store.scalar("SELECT coalesce(max(id), 0) FROM events")
        meter.start()
        t0 = time.perf_counter()
        dialog.start()
        if presses:
            presses.start()
        run_until(qapp, lambda d=dialog, done=done: bool(done) or d.error is not None)
        times.append(time.perf_counter() - t0)
        pressed = presses.stop() if presses else []
        settle(qapp)
        stalls.append(meter.stop())
        assert done, dialog.error
        boxes = w.store.scalar("SELECT count(*) FROM annotations")
        print(f"import of {boxes:,} COCO boxes: {times[-1]:.1f} s, longest GUI stall {stalls[-1]} ms"
              f" (ending {meter.at:.2f} s after the start)")
        if pressed:
            longest.append(max(pressed))
            verbs = w.store.q("SELECT verb, count(*) FROM events WHERE id > ? AND verb NOT LIKE"
                              " 'import%' GROUP BY verb", (events0,))
            print(f"  {len(pressed)} presses of Space / X: median {statistics.median(pressed):.0f} ms,"
                  f" longest {max(pressed):.0f} ms; written meanwhile: "
                  + ", ".join(f"{n} {verb}" for verb, n in verbs))
            if presses is not None and presses.queued:
                print(f"  of them queued while the import held the write lock: "
                      f"{len(presses.queued)}, longest {max(presses.queued):.0f} ms")
        meter.report_why()
        dialog.close()
        w.close()
        qapp.processEvents()
    stalls_line("import-keys" if keys else "import", stalls)
    print(f"MEDIAN of {runs} imports of 200,000 boxes: {statistics.median(times):.1f} s, "
          f"longest GUI stall {statistics.median(stalls):.0f} ms (each: {stalls})")
    if longest:
        print(f"  longest press of Space / X during an import: median of {runs} "
              f"{statistics.median(longest):.0f} ms (each: {[round(t) for t in longest]})")


def bench_batch(qapp, images: int = 1000, runs: int = 3) -> None:
    """The longest GUI stall in the window while a run asks a fake provider (its own process,
    300 ms a request, 16 at a time) about 1,000 images, started and shown by the window's batch
    controller (its list and the shown image refresh as answers arrive)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ (the fakes)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_batch import RemoteFake
    from bench_batch import make_folder as make_batch_folder

    from glancelabel.core.suggest.runner import BatchPlan

    os.environ.setdefault("ANTHROPIC_API_KEY", "test-key")
    folder = make_batch_folder(Path("/tmp/glancelabel-bench-batch"), images)
    stalls, times, starts = [], [], []
    for _ in range(runs):
        w = _opened(qapp, folder)
        w.store.add_labels(["car"])
        with RemoteFake("plain", latency=0.3) as fake:
            panel = w.batch.panel()  # the window's Batch runs panel, as Ctrl+B's Start uses it
            done: list = []
            panel.runFinished.connect(done.append)
            meter = Stalls()
            t0 = time.perf_counter()
            concurrency = int(os.environ.get("BENCH_CONCURRENCY", "16"))
            w.batch.start(BatchPlan(provider="anthropic", base_url=fake.base_url,
                                    concurrency=concurrency))
            starts.append(1000 * (time.perf_counter() - t0))  # the click's own work
            meter.start()
            run_until(qapp, lambda done=done: bool(done))
            times.append(time.perf_counter() - t0)
            settle(qapp)
            stalls.append(meter.stop())
        print(f"batch of {done[0].succeeded} images: {times[-1]:.1f} s, start call "
              f"{starts[-1]:.0f} ms, then longest GUI stall {stalls[-1]} ms "
              f"(ending {meter.at:.2f} s later)")
        meter.report_why()
        w.close()
        qapp.processEvents()
    stalls_line("batch", stalls)
    print(f"MEDIAN of {runs} batches of {images} images: {statistics.median(times):.1f} s, "
          f"start call {statistics.median(starts):.0f} ms (each: {[round(t) for t in starts]}; "
          f"the first builds the provider), longest GUI stall after it "
          f"{statistics.median(stalls):.0f} ms (each: {stalls})")


def stalls_line(case: str, stalls: list) -> None:
    """The longest GUI stall of each run, in a line `compare` reads."""
    print(f"STALLS {case} " + " ".join(str(round(s)) for s in stalls), flush=True)


CASES = ("open", "open-flat", "import", "batch")


WARM_IMPORTS = ("glancelabel.gui.app", "glancelabel.gui.main_window", "glancelabel.core.folder.scan",
                "glancelabel.core.suggest.runner", "glancelabel.gui.dialogs.batch",
                "glancelabel.gui.dialogs.import_dialog", "anthropic", "openai", "keyring",
                "PIL.JpegImagePlugin", "PIL.PngImagePlugin")


def compare(rev: str, rounds: int = 3, cases: tuple[str, ...] = CASES,
            compile_imports: bool = False) -> None:
    """The longest GUI stall of each case, the product at `rev` (checked out in a temporary
    worktree) against this tree's, side by side: every run is a process of its own running this
    script with one tree's package first on the path; in each round every case runs once per
    tree, which tree goes first alternating. Prints each run with the load average, then the
    median and worst per case and tree.

    Imports read cached bytecode, as an installed app's do (a bundle or a pip install carries
    .pyc files; a checkout writes them at its first run): this machine sets
    PYTHONDONTWRITEBYTECODE, under which every import compiles its module with the GIL held
    (up to 100-200 ms for one of the SDK's modules). The runs write and read their bytecode under
    a cache folder of their own, filled for each tree before the first round. `--compile` keeps
    the machine's setting instead."""
    import subprocess

    here = Path(__file__).resolve()
    repo = here.parents[2]
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    before = Path(tempfile.gettempdir()) / f"glancelabel-bench-before-{sha}"
    if not (before / "desktop").is_dir():
        subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", str(before), sha],
                       check=True, capture_output=True)
    trees = {f"before ({sha})": before / "desktop", "after (this tree)": repo / "desktop"}
    base_env = dict(os.environ)
    if not compile_imports:
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        base_env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir())
                                              / "glancelabel-bench-pycache")

    def env_for(tree: str) -> dict[str, str]:
        return dict(base_env, PYTHONPATH=os.pathsep.join(
            p for p in (str(trees[tree]), os.environ.get("PYTHONPATH", "")) if p))

    if not compile_imports:
        for tree in trees:
            subprocess.run([sys.executable, "-c", "import " + ", ".join(WARM_IMPORTS)],
                           env=env_for(tree), check=True, capture_output=True)
    got: dict[tuple[str, str], list[int]] = {(c, t): [] for c in cases for t in trees}
    loads: list[float] = []
    t_start = time.perf_counter()
    for r in range(rounds):
        for i, case in enumerate(cases):
            order = list(trees) if (r + i) % 2 == 0 else list(reversed(trees))
            for tree in order:
                load = os.getloadavg()[0]
                loads.append(load)
                t0 = time.perf_counter()
                out = subprocess.run([sys.executable, str(here), case, "--runs", "1"],
                                     env=env_for(tree),
                                     capture_output=True, text=True, timeout=1800).stdout
                stalls = [int(v) for line in out.splitlines() if line.startswith("STALLS ")
                          for v in line.split()[2:]]
                if not stalls:
                    raise RuntimeError(f"{case} on {tree} printed no stall:\n{out[-2000:]}")
                got[(case, tree)] += stalls
                print(f"round {r + 1} {case:9} {tree:18} longest GUI stall {stalls[0]:4} ms "
                      f"(load {load:.1f}, {time.perf_counter() - t0:.0f} s)", flush=True)
    print(f"\nlongest GUI stall, ms: median / worst of {rounds} runs each; load average "
          f"{min(loads):.1f}-{max(loads):.1f}; imports "
          f"{'compiled' if compile_imports else 'from cached bytecode'}; "
          f"{time.perf_counter() - t_start:.0f} s in all")
    print(f"| case | {' | '.join(trees)} |")
    for case in cases:
        cells = [f"{statistics.median(got[(case, t)]):.0f} / {max(got[(case, t)])}" for t in trees]
        print(f"| {case} | {' | '.join(cells)} |")
    subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(before)],
                   check=False, capture_output=True)


def main(argv: list[str]) -> int:
    args = argv[1:]
    if args[:1] == ["compare"]:
        rev = args[1] if len(args) > 1 else "HEAD"
        rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 3
        cases = tuple(args[args.index("--cases") + 1].split(",")) if "--cases" in args else CASES
        compare(rev, rounds, cases, compile_imports="--compile" in args)
        return 0
    runs = 3
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at:at + 2]
    qapp = make_qapp([])
    what = args or ["next", "open"]
    if "next" in what:
        bench_next(qapp)
    if "open" in what:
        bench_open(qapp, runs=runs, reopen=runs > 1)
    if "open-flat" in what:
        bench_open(qapp, flat=True, runs=runs, reopen=runs > 1)
    if "import" in what:
        bench_import(qapp, runs=runs)
    if "import-keys" in what:
        bench_import(qapp, runs=runs, keys=True)
    if "batch" in what:
        bench_batch(qapp, runs=runs)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    # Worker processes the app spawns (the header read's) re-import the main module: in the app
    # that is its entry module (glancelabel/__main__.py, which imports nothing), here it would be
    # this script, which imports Qt and the whole window in each of them. Name the app's, so they
    # start as the app's do.
    import importlib.util

    sys.modules["__main__"].__spec__ = importlib.util.find_spec("glancelabel.__main__")
    sys.exit(main(sys.argv))
