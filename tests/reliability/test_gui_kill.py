"""SIGKILL of the app window itself, right after edits it acknowledged.

A child process (`labeller.py`) starts the real app on a small folder and labels it with keys and
the mouse: W and a drag for boxes, 1-9 for classes, 0 for done, D for the next image. After each
step it prints what its window holds, once the window's connection has nothing uncommitted. The
parent kills it at a seeded step, then checks the project with the core store and by opening it
again in the app: every acknowledged edit is there exactly, the step that was under way when the
kill came is there whole or not at all, the file is intact, the last image comes back, and the
lock the killed window held does not get in the way.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from faultkit import HERE, integrity, kill
from PIL import Image
from PySide6.QtWidgets import QMessageBox

from glancelabel.core.app import settings as settings_mod
from glancelabel.core.app.paths import project_path
from glancelabel.core.store import Store
from glancelabel.core.store.lock import ProjectInUse, ProjectLock

pytestmark = pytest.mark.slow

CLASSES = ("cat", "dog", "bird")  # as labeller.py adds them: hotkeys 1, 2, 3
# relpath, size as displayed (img3 is stored 150 x 100 and turned by its EXIF orientation)
IMAGES = (("img1.jpg", (160, 120)), ("img2.png", (120, 160)), ("img3.jpg", (100, 150)),
          ("img4.jpg", (200, 200)), ("img5.jpg", (180, 90)))
NAMES = [name for name, _size in IMAGES]


def make_folder(root: Path) -> Path:
    folder = root / "photos"
    folder.mkdir()
    for k, (name, (w, h)) in enumerate(IMAGES):
        color = (40 * k, 200 - 30 * k, 90)
        if name == "img3.jpg":
            exif = Image.Exif()
            exif[0x0112] = 6  # rotate 90°: stored h x w, shown w x h
            Image.new("RGB", (h, w), color).save(folder / name, exif=exif)
        else:
            Image.new("RGB", (w, h), color).save(folder / name)
    return folder


def make_plan(rng) -> list[list]:
    """Steps for labeller.py: boxes on random images, classes for some of them (and now and then
    a class chosen before drawing), each image left with 0 or D; at least one of each."""
    ends = ["done", "next"] + [rng.choice(["done", "next"]) for _ in range(len(IMAGES) - 3)]
    rng.shuffle(ends)
    plan: list[list] = []
    for i, (_name, (w, h)) in enumerate(IMAGES):
        if rng.random() < 0.3:
            plan.append(["class", rng.randint(1, len(CLASSES))])  # nothing selected: next boxes
        for _ in range(rng.randint(1 if i == 0 else 0, 2)):
            x1, y1 = rng.randint(1, w // 2), rng.randint(1, h // 2)
            plan.append(["draw", x1, y1, rng.randint(x1 + 5, w - 1), rng.randint(y1 + 5, h - 1)])
            if rng.random() < 0.6:
                plan.append(["class", rng.randint(1, len(CLASSES))])
        if i < len(IMAGES) - 1:
            plan.append([ends[i]])
        elif rng.random() < 0.5:
            plan.append(["done"])
    return plan


def expected_states(plan: list[list]) -> list[tuple[str, dict]]:
    """What the project should hold after each prefix of the plan: (image shown, {relpath:
    (review state, boxes as [class, x, y, w, h] in drawing order)}); index k is after k steps."""
    shown, selected, next_class, edited = 0, None, None, False
    images = {name: ["new", []] for name in NAMES}

    def snapshot():
        return NAMES[shown], {n: (s, [list(b) for b in boxes]) for n, (s, boxes) in images.items()}

    states = [snapshot()]
    for step in plan:
        here = images[NAMES[shown]]
        if step[0] == "draw":
            x1, y1, x2, y2 = step[1:]
            next_class = next_class or CLASSES[0]  # a box always has a class: the first one
            here[1].append([next_class, float(x1), float(y1), float(x2 - x1), float(y2 - y1)])
            edited = True  # drawing alone does not finish the image; D after it does
            selected = len(here[1]) - 1
        elif step[0] == "class":
            if selected is None:
                next_class = CLASSES[step[1] - 1]
            else:
                here[1][selected][0] = CLASSES[step[1] - 1]
                edited = True
        else:
            if step[0] == "done" or edited:
                here[0] = "done"
            if shown < len(NAMES) - 1:
                shown, selected, edited = shown + 1, None, False
        states.append(snapshot())
    return states


def stored_view(store: Store) -> tuple[str | None, dict]:
    """The project as the core store reads it: the last image shown, and per image its review
    state and boxes as [id, class, x, y, w, h]."""
    names = {lab.id: lab.name for lab in store.labels()}
    images = {}
    for image_id in store.image_ids():
        rec = store.image(image_id)
        boxes = sorted([a.id, names.get(a.label_id), a.box.x, a.box.y, a.box.w, a.box.h]
                       for a in store.annotations(image_id) if a.box is not None)
        images[rec.relpath] = (str(rec.review_state), boxes)
    last = store.get_meta("last_image")
    last_rec = store.image(int(last)) if last and last.isdigit() else None
    return (last_rec.relpath if last_rec else None), images


def without_ids(view: tuple[str, list]) -> tuple[str, list]:
    state, boxes = view
    return state, [b[1:] for b in boxes]


class Lines:
    """The child's standard output, line by line, with a deadline for each line."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.q: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.q.put(line.rstrip("\n"))
        self.q.put(None)

    def next(self, timeout: float = 60.0) -> str | None:
        return self.q.get(timeout=timeout)

    def rest(self) -> list[str]:
        """Every line the child wrote before it ended (call after it ended)."""
        self.thread.join(30)
        out = []
        while not self.q.empty():
            line = self.q.get()
            if line is not None:
                out.append(line)
        return out


def test_every_edit_the_window_acknowledged_survives_sigkill(tmp_path, rng, qtbot, qapp,
                                                             monkeypatch):
    folder = make_folder(tmp_path)
    db = project_path(folder)
    plan = make_plan(rng)
    states = expected_states(plan)
    kill_after = rng.randint(1, len(plan))  # acknowledgements to read before the kill

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    errors = tmp_path / "child-stderr.txt"
    with errors.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "labeller.py"), str(folder), json.dumps(plan)],
            stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    lines = Lines(proc)
    acks: list[dict] = []
    try:
        first = lines.next()
        assert first is not None and first.startswith("ready "), errors.read_text()
        ready = json.loads(first.split(" ", 1)[1])
        with pytest.raises(ProjectInUse, match=f"process {proc.pid}"):
            ProjectLock(db).acquire()  # the child's window holds the project
        while len(acks) < kill_after:
            line = lines.next()
            assert line is not None and line.startswith("ack "), (line, errors.read_text())
            acks.append(json.loads(line.split(" ", 1)[1]))
    finally:
        kill(proc)  # SIGKILL: no close event, no clean-up of any kind
    assert proc.returncode == -9
    # acknowledgements the child printed after the one we waited for are acknowledged too
    acks += [json.loads(line.split(" ", 1)[1]) for line in lines.rest() if line.startswith("ack ")]

    assert ready == {"classes": list(CLASSES), "shown": NAMES[0]}
    assert [a["step"] for a in acks] == list(range(len(acks)))
    # the window did what the plan says, so the plan's states predict the project
    for k, ack in enumerate(acks, 1):
        shown, images = states[k]
        assert ack["shown"] == shown
        assert without_ids((ack["edited"]["state"], ack["edited"]["boxes"])) == \
            tuple(images[ack["edited"]["relpath"]])

    done = len(acks)
    acked = {name: ("new", []) for name in NAMES}  # exact, with ids: the last word on each image
    for ack in acks:
        acked[ack["edited"]["relpath"]] = (ack["edited"]["state"], ack["edited"]["boxes"])
    # the one step that may have been under way at the kill, and the image it acts on
    in_flight = states[done + 1] if done < len(plan) else None
    flight_image = states[done][0] if in_flight else None

    assert integrity(db) == "ok"
    lock_file, owner = db.with_name(db.name + ".lock"), db.with_name(db.name + ".owner")
    assert lock_file.exists()  # left behind by the killed window
    assert owner.read_text().strip() == str(proc.pid)

    with Store(db) as store:
        assert store.integrity_check() == "ok"
        assert [lab.name for lab in store.labels()] == list(CLASSES)
        last, stored = stored_view(store)
        adds = store.scalar("SELECT count(*) FROM events WHERE verb = 'annotation.add'")
    for name in NAMES:
        if name == flight_image and stored[name] != acked[name]:
            assert without_ids(stored[name]) == tuple(in_flight[1][name]), name  # whole
        else:
            assert stored[name] == acked[name], name
    assert last in {acks[-1]["shown"], in_flight[0] if in_flight else None}
    draws = sum(1 for step in plan[:done] if step[0] == "draw")
    assert draws <= adds <= draws + 1

    # open it again in the app, as a person would: no "in use" question, the last image is back
    asked: list[str] = []
    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda *a, kind=kind, **k: asked.append(f"{kind}: {a[2]}"))
    from glancelabel.gui.app import App

    app = App(qapp, settings_mod.load())
    assert app.open_folder(folder)
    w = app.window
    qtbot.addWidget(w)
    try:
        assert asked == []
        assert lock_file.exists() and owner.read_text().strip() == str(os.getpid())
        with pytest.raises(ProjectInUse, match=f"process {os.getpid()}"):
            ProjectLock(db).acquire()  # the new window holds the lock now
        qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
        qtbot.waitUntil(lambda: w.current_record is not None and w.canvas.decoded_width > 0,
                        timeout=10_000)
        assert w.current_record.relpath == last
        assert w.status_index.text() == f"{NAMES.index(last) + 1} / {len(NAMES)}"
        on_canvas = sorted([key[1], *w.canvas.box_of(key).as_list()]
                           for key in w.canvas.keys() if key[0] == "a")
        assert on_canvas == [[b[0], *b[2:]] for b in stored[last][1]]
        assert asked == []
    finally:
        w.close()
    with Store(db) as store:  # opening and closing changed none of it
        assert stored_view(store) == (last, stored)
