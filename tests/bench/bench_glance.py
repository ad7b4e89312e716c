"""Glance review benchmarks (not collected by pytest; prints figures).

    uv run python tests/bench/bench_glance.py          # both
    uv run python tests/bench/bench_glance.py paging   # next page of 12-megapixel box crops
    uv run python tests/bench/bench_glance.py keys     # key presses per decision, two flows

`paging`: 200 JPEGs of 4000 x 3000 (made once under /tmp, reused), five 'object' boxes on each of
250-1,000 px: 1,000 pending box suggestions of one class. The real window, offscreen, 1280 x 800,
in glance review. "paced": each page is looked at for 2 s (the thumbnail prefetch of the next page
runs meanwhile), then Space; the wait is the time from the Space key press (which also commits the
page's decisions) until every tile of the next page has its picture. "burst": Space pressed the
moment a page is complete (no time to prefetch), for reference.

`keys`: 150 synthetic 320 x 240 images whose truth is known (1-3 objects of cat, dog and bird each)
and a simulated model with a fixed error rate e, run at e = 5, 10 and 15 % (each object's class wrong
with probability e, and a false box on a share e of the images; wrong suggestions have lower
confidence on average). A scripted
reviewer who sees perfectly rejects exactly the wrong suggestions, with the real window's keys:
- normal view ("today's best keyboard flow"): per image, Tab / Shift+Tab (the shorter way) to each
  wrong suggestion and N, then Space; X when every suggestion on the image is wrong;
- glance review: G (and O for the most confident first), then per page arrows to the nearest
  wrong tile and X until none is left, then Space; Tab to the next class when one is finished; Esc at the end.
  (It reads the window's selection: X and Enter move it on to the next unmarked tile.)
Both flows start from the same project; the figures are key presses per decided suggestion, and the
precision of what was accepted (against the truth), which must be equal.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_gui import fresh_project, run_until  # noqa: E402  (sets the bench's own config and data dirs)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageDraw  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from glancelabel.core.app import settings as settings_mod  # noqa: E402
from glancelabel.core.model import Box, Kind, SuggestionState  # noqa: E402
from glancelabel.core.store.suggestions import NewSuggestion  # noqa: E402
from glancelabel.gui.app import App, make_qapp  # noqa: E402

PHOTOS = Path("/tmp/glancelabel-bench-glance-12mp")
SMALL = Path("/tmp/glancelabel-bench-glance-keys")
K = Qt.Key
ERROR_RATES = (0.05, 0.10, 0.15)


# -- shared -----------------------------------------------------------------------------------
def open_window(qapp, folder: Path):
    """The real window on a new project of `folder`, 1280 x 800, the folder read."""
    fresh_project(folder)
    app = App(qapp, settings_mod.Settings())
    assert app.open_folder(folder)
    app.window.resize(1280, 800)
    run_until(qapp, lambda: not app.window.scanning)
    app.window.activateWindow()
    app.window.canvas.setFocus()
    return app, app.window


def page_complete(w) -> bool:
    g = w.glance
    side = g.picture_side
    return g.page is not None and all(
        g.cache.get(s.id, side) is not None or s.id in g.cache.problems for s in g.page.tiles)


def pause(qapp, seconds: float) -> None:
    end = time.perf_counter() + seconds
    run_until(qapp, lambda: time.perf_counter() >= end, timeout=seconds + 5)


# -- paging -------------------------------------------------------------------------------------
def make_photos(n: int = 200) -> Path:
    """Photo-like 12 MP JPEGs: smooth colour fields and one shared grain pattern."""
    import numpy as np

    PHOTOS.mkdir(exist_ok=True)
    rng = np.random.default_rng(7)
    grain = None
    for i in range(n):
        path = PHOTOS / f"shot_{i:03d}.jpg"
        if path.exists():
            continue
        if grain is None:
            grain = rng.integers(-12, 12, (3000, 4000, 3), dtype=np.int16)
        field = Image.fromarray(rng.integers(0, 255, (30, 40, 3), dtype=np.uint8))
        base = np.asarray(field.resize((4000, 3000), Image.Resampling.BILINEAR), dtype=np.int16)
        Image.fromarray(np.clip(base + grain, 0, 255).astype(np.uint8)).save(path, quality=88)
    return PHOTOS


def add_object_boxes(w, per_image: int = 5) -> int:
    store = w.store
    store.add_labels(["object"])
    label = store.label_by_name("object").id
    run = store.create_run("anthropic", "claude-bench")
    rnd = random.Random(3)
    count = 0
    for image_id in store.image_ids():
        items = []
        for _ in range(per_image):
            side = rnd.uniform(250, 1000)
            x, y = rnd.uniform(0, 4000 - side), rnd.uniform(0, 3000 - side)
            items.append(NewSuggestion(Kind.BOX, "object", label, Box(x, y, side, side * 0.8),
                                       None, rnd.uniform(0.3, 0.99), ""))
        count += len(store.add_suggestions(run, image_id, items))
    return count


def bench_paging(qapp) -> None:
    t0 = time.perf_counter()
    folder = make_photos()
    print(f"200 photos of 12 MP ready ({time.perf_counter() - t0:.0f} s to make or find)")
    app, w = open_window(qapp, folder)
    total = add_object_boxes(w)
    QTest.keyClick(w.canvas, K.Key_G)
    g = w.glance
    run_until(qapp, lambda: page_complete(w))
    per_page = len(g.page.tiles)
    print(f"{total} box suggestions; {per_page} tiles a page "
          f"({g.tiles.shape.columns} x {g.tiles.shape.rows}, {g.picture_side} px)")
    results = {}
    handled: list[float] = []  # the Space key's own work on the GUI thread (commit, next page)
    for label, look in (("paced (page looked at for 2 s)", 2.0), ("burst (Space at once)", 0.0)):
        waits = []
        while g.page is not None and g.page.tiles and len(waits) < (30 if look else 6):
            pause(qapp, look)
            start = time.perf_counter()
            QTest.keyClick(g.tiles, K.Key_Space)
            handled.append((time.perf_counter() - start) * 1000)
            if not g.page.tiles:
                break
            run_until(qapp, lambda: page_complete(w))
            waits.append((time.perf_counter() - start) * 1000)
        results[label] = waits
        print(f"next page, {label}: median {statistics.median(waits):.0f} ms, "
              f"worst {max(waits):.0f} ms, n={len(waits)}; within 100 ms: "
              f"{sum(1 for x in waits if x <= 100)} of {len(waits)}\n    each, in order (ms): "
              f"{' '.join(str(round(x)) for x in waits)}")
    print(f"Space handled on the GUI thread (commit of the page, next page built): median "
          f"{statistics.median(handled):.0f} ms, worst {max(handled):.0f} ms")
    decided = w.store.suggestion_counts()
    print(f"decided by Space: {decided['accepted']} accepted, {decided['pending']} left pending")
    w.close()
    app.window = None


# -- key presses --------------------------------------------------------------------------------
CLASSES = ("cat", "dog", "bird")
COLOURS = {"cat": (220, 60, 60), "dog": (60, 180, 60), "bird": (60, 90, 220)}


def make_small(n: int = 150) -> tuple[Path, list[list[tuple[str, Box]]]]:
    """The images and their truth: per image, (class, box) of each object."""
    rnd = random.Random(11)
    SMALL.mkdir(exist_ok=True)
    truth = []
    for i in range(n):
        objects = []
        im = Image.new("RGB", (320, 240), (200, 200, 190))
        draw = ImageDraw.Draw(im)
        for k in range(rnd.randint(1, 3)):
            cls = rnd.choice(CLASSES)
            box = Box(10 + 100 * k, rnd.uniform(10, 150), 80, 70)
            draw.rectangle((box.x, box.y, box.x2, box.y2), fill=COLOURS[cls])
            objects.append((cls, box))
        im.save(SMALL / f"s{i:03d}.jpg", quality=90)
        truth.append(objects)
    return SMALL, truth


def simulate_model(w, truth, error: float = 0.15) -> dict[int, bool]:
    """Store the simulated model's suggestions; returns suggestion id -> correct."""
    store = w.store
    store.add_labels(list(CLASSES))
    ids = {name: store.label_by_name(name).id for name in CLASSES}
    run = store.create_run("anthropic", "claude-sim")
    rnd = random.Random(5)
    correct: dict[int, bool] = {}
    for i, objects in enumerate(truth):
        items, right = [], []
        for cls, box in objects:
            ok = rnd.random() >= error
            said = cls if ok else rnd.choice([c for c in CLASSES if c != cls])
            conf = rnd.uniform(0.55, 0.99) if ok else rnd.uniform(0.3, 0.85)
            items.append(NewSuggestion(Kind.BOX, said, ids[said], box, None, conf, ""))
            right.append(ok)
        if rnd.random() < error:  # a box where nothing is
            said = rnd.choice(CLASSES)
            items.append(NewSuggestion(Kind.BOX, said, ids[said], Box(20, 170, 60, 50), None,
                                       rnd.uniform(0.3, 0.85), ""))
            right.append(False)
        image_id = store.image_by_relpath(f"s{i:03d}.jpg").id
        for sid, ok in zip(store.add_suggestions(run, image_id, items), right, strict=True):
            correct[sid] = ok
    return correct


KIND = {K.Key_Left: "arrows", K.Key_Right: "arrows", K.Key_Up: "arrows", K.Key_Down: "arrows",
        K.Key_X: "X/N", K.Key_N: "X/N", K.Key_Space: "Space", K.Key_Tab: "Tab"}


class Keys:
    def __init__(self, w) -> None:
        self.w = w
        self.count = 0
        self.kinds: dict[str, int] = {}

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        from PySide6.QtWidgets import QApplication

        QTest.keyClick(QApplication.focusWidget() or self.w.canvas, key, modifier)
        self.count += 1
        kind = KIND.get(key, "other")
        self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def breakdown(self) -> str:
        return ", ".join(f"{kind} {n}" for kind, n in sorted(self.kinds.items()))


def normal_flow(w, correct: dict[int, bool]) -> Keys:
    keys = Keys(w)
    w.show_image(w.image_panel.model.ids()[0])
    w.canvas.setFocus()
    for _ in range(10_000):
        image_id = w.current_id
        shown = w.queue.shown(image_id)
        if not shown:
            break
        wrong = [s.id for s in shown if not correct[s.id]]
        if len(wrong) == len(shown):
            keys.press(K.Key_X)
            continue
        for sid in wrong:
            _reach(w, keys, sid)
            keys.press(K.Key_N)
        keys.press(K.Key_Space)
    return keys


def _reach(w, keys: Keys, sid: int) -> None:
    """Tab or Shift+Tab, whichever is shorter, until suggestion `sid` is the one N acts on."""
    order = [k for k in w.canvas.keys()]
    target = order.index(("s", sid))
    selected = w.canvas.selected_key
    if selected in order:
        here = order.index(selected)
        forward, back = (target - here) % len(order), (here - target) % len(order)
    else:  # nothing selected: N acts on the first; Tab selects the first, Shift+Tab the last
        forward = 0 if target == 0 else target + 1
        back = 0 if target == 0 else len(order) - target
    key, modifier = ((K.Key_Tab, Qt.KeyboardModifier.NoModifier) if forward <= back
                     else (K.Key_Tab, Qt.KeyboardModifier.ShiftModifier))
    for _ in range(min(forward, back)):
        keys.press(key, modifier)
    assert w.reviewing.current_suggestion_id() == sid


def glance_flow(w, correct: dict[int, bool], order_key=None) -> Keys:
    """`order_key`: pressed once after G (O: most confident first)."""
    keys = Keys(w)
    w.canvas.setFocus()
    keys.press(K.Key_G)
    if order_key is not None:
        keys.press(order_key)
    g = w.glance
    for _ in range(10_000):
        page = g.page
        if page is None or not page.tiles:
            if not any(n for _lab, n in g.session.classes()):
                keys.press(K.Key_Escape)
                break
            keys.press(K.Key_Tab)
            continue
        columns = g.tiles.shape.columns
        wrong = {index for index, s in enumerate(page.tiles) if not correct[s.id]}
        while wrong:  # the nearest wrong tile next (arrows: rows and columns)
            here = g.tiles.selected
            index = min(wrong, key=lambda i, h=here: (abs(i % columns - h % columns)
                                                      + abs(i // columns - h // columns), i))
            wrong.discard(index)
            dx, dy = index % columns - here % columns, index // columns - here // columns
            for _ in range(abs(dx)):
                keys.press(K.Key_Right if dx > 0 else K.Key_Left)
            for _ in range(abs(dy)):
                keys.press(K.Key_Down if dy > 0 else K.Key_Up)
            assert g.tiles.selected == index
            keys.press(K.Key_X)
        keys.press(K.Key_Space)
    return keys


def precision(w, correct: dict[int, bool]) -> tuple[float, int, int]:
    accepted = [sid for sid in correct if w.store.suggestion(sid).state in
                (SuggestionState.ACCEPTED, SuggestionState.EDITED)]
    right = sum(1 for sid in accepted if correct[sid])
    return right / len(accepted), len(accepted), right


def bench_keys(qapp) -> None:
    folder, truth = make_small()
    flows = (("normal view", normal_flow, None), ("glance, most uncertain first", glance_flow, None),
             ("glance, most confident first", glance_flow, K.Key_O))
    for error in ERROR_RATES:
        figures = {}
        for name, flow, first_key in flows:
            app, w = open_window(qapp, folder)
            correct = simulate_model(w, truth, error)
            keys = flow(w, correct, first_key) if first_key else flow(w, correct)
            presses = keys.count
            pending = w.store.suggestion_counts()["pending"]
            done = w.store.state_counts()["done"]
            prec, accepted, right = precision(w, correct)
            figures[name] = presses / len(correct)
            print(f"error {error:.0%}, {name}: {presses} key presses for {len(correct)} "
                  f"decisions = {presses / len(correct):.3f} per decision; accepted {accepted} "
                  f"({right} right, precision {prec:.3f}); {pending} left pending, {done} of "
                  f"{len(truth)} images done\n    keys: {keys.breakdown()}")
            w.close()
            app.window = None
        model = sum(correct.values()) / len(correct)
        best = min(figures[name] for name, _f, _k in flows[1:])
        print(f"error {error:.0%}: the simulated model alone has precision {model:.3f}; RATIO "
              f"normal / best glance key presses per decision: "
              f"{figures['normal view'] / best:.2f}x")


def main() -> None:
    qapp = make_qapp([])
    which = sys.argv[1:] or ["paging", "keys"]
    if "keys" in which:
        bench_keys(qapp)
    if "paging" in which:
        bench_paging(qapp)


if __name__ == "__main__":
    main()
