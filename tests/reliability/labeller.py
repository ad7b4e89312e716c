"""A child process that labels a folder through the real app window, with keys and the mouse.

    python labeller.py FOLDER PLAN_JSON

Starts the app the way `glancelabel FOLDER` does (`gui.app.run`), waits until the folder is
scanned, adds the classes cat, dog and bird through the Classes panel and prints
`ready {json}`. Then it plays PLAN, a JSON list of steps:

    ["draw", x1, y1, x2, y2]   W, then a left-button drag between those image pixels
    ["class", n]               the key n (1-9)
    ["done"]                   the key 0 (mark done, go on)
    ["next"]                   the key D

After each step it checks that the window's connection has no open transaction (what the window
shows is committed) and that the canvas shows the stored boxes, then prints
`ack {"step", "edited", "shown", ...}`: `edited` is the image the step acted on as the window's
store reads it (review state and boxes with ids, classes and coordinates), `shown` the image now
on screen. After the last step it prints `end` and stays in the event loop until it is killed.
Any failure prints `failed` (traceback on standard error) and exits 1.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from glancelabel.gui import app as app_mod

CLASSES = ("cat", "dog", "bird")
K = Qt.Key
DIGITS = {n: getattr(K, f"Key_{n}") for n in range(10)}


def say(kind: str, payload: dict | None = None) -> None:
    print(kind if payload is None else f"{kind} {json.dumps(payload)}", flush=True)


class Hands:
    """Keys and mouse on the real window, the way tests/gui/conftest.py's Driver uses them."""

    def __init__(self, window) -> None:
        self.w = window

    def wait(self, cond, what: str, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise TimeoutError(f"waited {timeout:.0f} s for {what}")
            QTest.qWait(5)

    def focus(self) -> None:
        self.w.activateWindow()
        self.w.canvas.setFocus()
        self.wait(lambda: QApplication.focusWidget() is self.w.canvas, "the canvas to have focus")

    def image_on_screen(self) -> None:
        """The current image decoded, at 100 % so that one screen pixel is one image pixel."""
        w = self.w
        self.wait(lambda: w.current_id is not None and w.canvas.decoded_width > 0,
                  "the current image to be decoded")
        canvas = w.canvas
        canvas.resetTransform()
        canvas._auto_fit = False
        canvas.centerOn(canvas.image_size[0] / 2, canvas.image_size[1] / 2)

    def key(self, key) -> None:
        QTest.keyClick(QApplication.focusWidget() or self.w.canvas, key)

    def point(self, x: float, y: float) -> QPoint:
        return self.w.canvas.mapFromScene(QPointF(x, y))

    def drag(self, x1, y1, x2, y2) -> None:
        vp = self.w.canvas.viewport()
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(vp, left, none, self.point(x1, y1))
        QTest.mouseMove(vp, self.point((x1 + x2) / 2, (y1 + y2) / 2))
        QTest.mouseMove(vp, self.point(x2, y2))
        QTest.mouseRelease(vp, left, none, self.point(x2, y2))


def image_view(window, image_id: int) -> dict:
    """An image as the window's own store connection reads it."""
    store = window.store
    names = {lab.id: lab.name for lab in store.labels()}
    rec = store.image(image_id)
    boxes = sorted(
        [a.id, names.get(a.label_id), a.box.x, a.box.y, a.box.w, a.box.h]
        for a in store.annotations(image_id) if a.box is not None
    )
    return {"relpath": rec.relpath, "state": str(rec.review_state), "boxes": boxes}


def committed(window) -> None:
    """Nothing the window did is still in an open transaction, and the canvas shows the stored
    boxes of the image on screen."""
    if window.store._conn.in_transaction:
        raise AssertionError("the window's connection has an open transaction")
    if window.current_id is None:
        return
    stored = {("a", b[0]): tuple(b[2:]) for b in image_view(window, window.current_id)["boxes"]}
    shown = {k: window.canvas.box_of(k) for k in window.canvas.keys() if k[0] == "a"}
    shown = {k: (b.x, b.y, b.w, b.h) for k, b in shown.items()}
    if stored != shown:
        raise AssertionError(f"canvas shows {shown}, store has {stored}")


def play(window, plan: list) -> None:
    hands = Hands(window)
    hands.wait(lambda: not window.scanning, "the folder scan")
    hands.image_on_screen()
    for name in CLASSES:
        window.labels_panel.add(name)
    hands.focus()
    committed(window)
    say("ready", {"classes": [lab.name for lab in window.store.labels()],
                  "shown": window.current_record.relpath})
    for i, step in enumerate(plan):
        edited = window.current_id
        kind = step[0]
        if kind == "draw":
            hands.image_on_screen()
            hands.key(K.Key_W)
            if not window.canvas.drawing:
                raise AssertionError("W did not start drawing")
            hands.drag(*step[1:])
            if window.canvas.drawing or window.canvas.selected_key is None:
                raise AssertionError("the drag did not draw a box")
        elif kind == "class":
            hands.key(DIGITS[step[1]])
        elif kind == "done":
            hands.key(DIGITS[0])
        elif kind == "next":
            hands.key(K.Key_D)
        else:
            raise ValueError(f"unknown step {step!r}")
        committed(window)
        say("ack", {"step": i, "edited": image_view(window, edited),
                    "shown": window.current_record.relpath,
                    "undo": window.undo_stack.undo_text()})
    say("end")


def main() -> int:
    folder, plan = Path(sys.argv[1]), json.loads(sys.argv[2])
    opened = app_mod.App.open_folder

    def open_then_play(self, target):
        ok = opened(self, target)
        if ok:
            QTimer.singleShot(0, lambda: guarded(self.window))
        return ok

    def guarded(window) -> None:
        try:
            play(window, plan)
        except BaseException:  # noqa: BLE001 - report any failure to the parent, then stop
            traceback.print_exc()
            say("failed")
            QApplication.instance().exit(1)

    app_mod.App.open_folder = open_then_play
    app_mod._refuse_dialogs()  # a dialog would wait for a click nobody makes: print it instead
    return app_mod.run([str(folder)])


if __name__ == "__main__":
    sys.exit(main())
