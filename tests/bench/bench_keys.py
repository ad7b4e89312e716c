"""What a review key costs the GUI thread (not collected by pytest; prints figures).

    uv run python tests/bench/bench_keys.py import-keys   # Space / X during a 200,000-box import
    uv run python tests/bench/bench_keys.py keys          # Enter, Space, X, D, Ctrl+Z, no worker
    uv run python tests/bench/bench_keys.py next          # bench_gui.py's D on 12 MP JPEGs
    uv run python tests/bench/bench_keys.py compare REV   # REV's product against this tree's

A press's time is from the key event to the end of what it set off on the GUI thread: the key's
handler and the refreshes it posted to the event loop (a zero timer posted after the key fires
after them). With BENCH_PROFILE=N each press is profiled (cProfile on the GUI thread only) and
the N most expensive functions of the slowest press by cumulative time printed.

`compare REV`: every run is a process of its own running this script with one tree's package
first on the path (REV exported under /tmp by git archive); in each round every case runs once
per tree, the tree that goes first alternating; the load average is printed with each run.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_gui  # noqa: E402  (the window, the import folder and the stall meter)
from bench_gui import Stalls, make_import, run_until, settle  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

PROFILE_TOP = int(os.environ.get("BENCH_PROFILE", "0"))


class Presser:
    """Presses keys on the canvas and times each to the end of what it posted to the event loop
    (the handler's own time kept apart); with BENCH_PROFILE the presses are profiled."""

    def __init__(self, qapp, w) -> None:
        self.qapp = qapp
        self.w = w
        self.handler: list[float] = []  # ms in the key handler
        self.total: list[float] = []  # ms to the end of what it posted
        self.slowest = None  # BENCH_PROFILE: the profile of the slowest press

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        done: list[float] = []
        one = None
        if PROFILE_TOP:
            import cProfile

            one = cProfile.Profile()
            one.enable()
        t0 = time.perf_counter()
        QTest.keyClick(self.w.canvas, key, modifier)
        t1 = time.perf_counter()
        QTimer.singleShot(0, lambda: done.append(time.perf_counter()))
        while not done:
            self.qapp.processEvents()
        if one is not None:
            one.disable()
            if not self.total or 1000 * (done[0] - t0) > max(self.total):
                self.slowest = one
        self.handler.append(1000 * (t1 - t0))
        self.total.append(1000 * (done[0] - t0))

    def report(self, what: str) -> None:
        h, t = self.handler, self.total
        if not t:
            return
        print(f"  {what}: {len(t)} presses, handler median {statistics.median(h):.1f} ms "
              f"worst {max(h):.1f} ms; with what it posted median {statistics.median(t):.1f} ms "
              f"worst {max(t):.1f} ms", flush=True)
        print(f"RESULT {what.split()[0]} {statistics.median(t):.2f} {max(t):.2f}", flush=True)
        if self.slowest is not None:
            import pstats

            print(f"  the slowest press ({max(t):.1f} ms):")
            pstats.Stats(self.slowest, stream=sys.stdout).sort_stats("cumulative").print_stats(
                PROFILE_TOP)


def bench_import_keys(qapp, every_ms: int = 150) -> None:
    """Space and X in turn every `every_ms` while File > Import's worker imports 200,000 boxes."""
    w = opened(qapp)
    dialog, done = import_dialog(w)
    presser = Presser(qapp, w)
    w.activateWindow()
    w.canvas.setFocus()
    timer = QTimer()
    timer.setInterval(every_ms)
    timer.timeout.connect(lambda: presser.press(
        Qt.Key.Key_Space if len(presser.total) % 2 == 0 else Qt.Key.Key_X))
    meter = Stalls()
    meter.start()
    t0 = time.perf_counter()
    dialog.start()
    timer.start()
    run_until(qapp, lambda: bool(done) or dialog.error is not None)
    timer.stop()
    settle(qapp)
    stall = meter.stop()
    assert done, dialog.error
    print(f"import of 200,000 boxes {time.perf_counter() - t0:.1f} s, longest GUI stall {stall} ms "
          f"(load {os.getloadavg()[0]:.1f})")
    print(f"RESULT stall {stall} {stall}")
    presser.report("import-keys (Space / X during the import)")
    dialog.close()
    w.close()
    qapp.processEvents()


def opened(qapp):
    """A new project on bench_gui.py's import folder (10,000 tiny images) in the window."""
    folder, _coco = make_import()
    w = bench_gui._opened(qapp, folder)
    w.resize(1280, 800)
    w.show()
    return w


def import_dialog(w):
    """File > Import's dialog set to import bench_gui.py's 200,000 COCO boxes, and the list its
    result is appended to."""
    from glancelabel.core.formats import ImportPlan
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    _folder, coco = make_import()
    dialog = ImportDialog(w.store, w.folder, w, tasks=w.runner, plan=ImportPlan("coco", coco))
    done: list = []
    dialog.imported.connect(done.append)
    dialog.imported.connect(w.project.imported)  # what File > Import does with the result
    return dialog, done


def _with_suggestions(w, per_image: int = 6, images: int = 400) -> None:
    """A finished run's pending suggestions on the first `images` images of the list."""
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    store = w.store
    labels = store.labels() or []
    if not labels:
        store.add_labels(["class1", "class2"])
        labels = store.labels()
    run = store.create_run("anthropic", "claude-test")
    for image_id in w.image_panel.model.ids()[:images]:
        store.add_suggestions(run, image_id, [
            NewSuggestion(Kind.BOX, labels[k % len(labels)].name, labels[k % len(labels)].id,
                          Box(k % 4, k % 3, 3, 3), None, 0.5 + k / 20, "looks like one")
            for k in range(per_image)])
    w.labels_panel.reload()
    w.image_panel.model.reload()


def bench_keys(qapp) -> None:
    """Enter, Space, X, D and Ctrl+Z with no worker running, on the imported folder (10,000
    images, 200,000 boxes) with six pending suggestions on each of the first 400 images: 30
    presses each (Enter on images with a pending suggestion: the next such image is shown
    before a press when the current one has none left)."""
    w = opened(qapp)
    dialog, done = import_dialog(w)
    dialog.start()
    run_until(qapp, lambda: bool(done) or dialog.error is not None)
    dialog.close()
    settle(qapp)
    _with_suggestions(w)
    w.show_image(w.image_panel.model.ids()[0])
    w.activateWindow()
    w.canvas.setFocus()
    settle(qapp, 0.2)
    K = Qt.Key
    cases = [("Enter", K.Key_Return, Qt.KeyboardModifier.NoModifier),
             ("Space", K.Key_Space, Qt.KeyboardModifier.NoModifier),
             ("X", K.Key_X, Qt.KeyboardModifier.NoModifier),
             ("D", K.Key_D, Qt.KeyboardModifier.NoModifier),
             ("Ctrl+Z", K.Key_Z, Qt.KeyboardModifier.ControlModifier)]
    for name, key, mod in cases:
        presser = Presser(qapp, w)
        for _ in range(30):
            if name == "Enter" and w.queue.next_pending(w.current_id) is None:  # (not timed)
                w.show_image(w.queue.next_image_needing_review(w.image_panel.model.ids(),
                                                               w.current_id))
                settle(qapp, 0.05)
            presser.press(key, mod)
            settle(qapp, 0.02)
        presser.report(f"{name} (no worker)")
    w.close()
    qapp.processEvents()


def tree_at(rev: str) -> tuple[str, Path]:
    """REV's `desktop/` and `resources/` exported under /tmp (once per commit): its short hash
    and its `desktop/`."""
    import subprocess
    import tempfile

    repo = Path(__file__).resolve().parents[2]
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    out = Path(tempfile.gettempdir()) / f"glancelabel-bench-keys-{sha}"
    if not (out / "desktop").is_dir():
        out.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(repo), "archive", sha, "desktop", "resources"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return sha, out / "desktop"


def compare(rev: str, rounds: int, cases: list[str]) -> None:
    import subprocess
    import tempfile

    here = Path(__file__).resolve()
    sha, before = tree_at(rev)
    trees = {f"before ({sha})": before, "after (this tree)": here.parents[2] / "desktop"}
    env = dict(os.environ)  # imports from cached bytecode, as an installed app's (bench_gui.py)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "glancelabel-bench-pycache")
    got: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    loads = []
    names = list(trees)
    plan = [(r, case, tree) for r in range(rounds) for i, case in enumerate(cases)
            for tree in (names if (r + i) % 2 == 0 else names[::-1])]  # who goes first alternates
    for r, case, tree in plan:
        load = os.getloadavg()[0]
        loads.append(load)
        script = here if case != "next" else here.parent / "bench_gui.py"
        out = subprocess.run([sys.executable, str(script), case],
                             env=dict(env, PYTHONPATH=str(trees[tree])),
                             capture_output=True, text=True, timeout=1800).stdout
        rows = [ln.split() for ln in out.splitlines()
                if ln.startswith("RESULT ") or ln.startswith("next image")]
        if not rows:
            raise RuntimeError(f"{case} on {tree} printed nothing:\n{out[-2000:]}")
        for row in rows:
            if row[0] == "RESULT":
                name, med, worst = row[1], float(row[2]), float(row[3])
            else:  # bench_gui's "next image, 12 MP JPEG, paced (...): median X ms, worst Y ms"
                name = "next-" + row[5]
                med = float(row[row.index("median") + 1].rstrip(","))
                worst = float(row[row.index("worst") + 1].rstrip(","))
            got.setdefault((case, name, tree), []).append((med, worst))
            print(f"round {r + 1} {case} {name:12} {tree:18} median {med:6.1f} ms, "
                  f"worst {worst:6.1f} ms (load {load:.1f})", flush=True)
    print(f"\nms per press (stall: the longest GUI stall): median of the runs' medians / median of "
          f"the runs' worst / worst of all, {rounds} runs each; load average {min(loads):.1f}-{max(loads):.1f}")
    print(f"| case | {' | '.join(trees)} |")
    names = sorted({(c, n) for c, n, _t in got}, key=lambda cn: (cases.index(cn[0]), cn[1]))
    for case, name in names:
        cells = []
        for tree in trees:
            runs = got.get((case, name, tree), [])
            cells.append(f"{statistics.median(m for m, _ in runs):.1f} / "
                         f"{statistics.median(w for _, w in runs):.1f} / "
                         f"{max(w for _, w in runs):.1f}" if runs else "-")
        print(f"| {case} {name} | {' | '.join(cells)} |")


def main(argv: list[str]) -> int:
    args = argv[1:]
    if args[:1] == ["compare"]:
        rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 3
        cases = (args[args.index("--cases") + 1].split(",") if "--cases" in args
                 else ["import-keys", "keys", "next"])
        compare(args[1] if len(args) > 1 else "HEAD", rounds, cases)
        return 0
    from glancelabel.gui.app import make_qapp

    qapp = make_qapp([])
    what = args or ["import-keys", "keys"]
    if "import-keys" in what:
        bench_import_keys(qapp)
    if "keys" in what:
        bench_keys(qapp)
    if "next" in what:
        bench_gui.bench_next(qapp)
    return 0


if __name__ == "__main__":
    import importlib.util

    sys.modules["__main__"].__spec__ = importlib.util.find_spec("glancelabel.__main__")
    sys.exit(main(sys.argv))
