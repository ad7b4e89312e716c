"""Synthetic training data for the training tests and benchmark: shapes on noise, in a project.

`shapes_project(folder, n)` writes n images (squares and circles on random noise, seeded), scans
them, adds each shape as a box (detect) and the image's one shape as a tag (classify), marks them
done, and returns the store and the truth. Named trainkit (not conftest) so the benchmark imports it.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, ReviewState
from glancelabel.core.store import Store

CLASSES = ("square", "circle")


def shapes_image(rnd: random.Random, size: int, count: int) -> tuple[Image.Image, list[tuple]]:
    """Noise with `count` filled shapes; returns the image and [(class, x, y, w, h)]."""
    noise = np.random.default_rng(rnd.randrange(2**32)).integers(0, 90, (size, size, 3))
    img = Image.fromarray(noise.astype("uint8"), "RGB")
    draw = ImageDraw.Draw(img)
    boxes: list[tuple] = []
    for _ in range(count):
        side = rnd.randint(size // 4, size // 2)
        x, y = rnd.randint(0, size - side), rnd.randint(0, size - side)
        name = rnd.choice(CLASSES)
        colour = (230, 60, 60) if name == "square" else (60, 220, 90)
        if name == "square":
            draw.rectangle((x, y, x + side - 1, y + side - 1), fill=colour)
        else:
            draw.ellipse((x, y, x + side - 1, y + side - 1), fill=colour)
        boxes.append((name, float(x), float(y), float(side), float(side)))
    return img, boxes


def shapes_project(folder: Path, n: int, *, size: int = 96, seed: int = 1, gif: bool = True,
                   per_image: int = 1) -> tuple[Store, dict[str, list[tuple]]]:
    """A scanned project of n done images with boxes and a tag (the first shape's class);
    with `gif`, the last image is a palette GIF named pal.gif."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    truth: dict[str, list[tuple]] = {}
    for i in range(n):
        img, boxes = shapes_image(rnd, size, per_image)
        name = "pal.gif" if gif and i == n - 1 else f"img{i:03d}.png"
        if name.endswith(".gif"):
            img.convert("P", palette=Image.Palette.ADAPTIVE).save(folder / name)
        else:
            img.save(folder / name)
        truth[name] = boxes
    store = Store(folder / ".glancelabel" / "project.sqlite", folder)
    scan_folder(store, folder)
    for name in CLASSES:
        store.add_label(name)
    label_of = {lab.name: lab.id for lab in store.labels()}
    ids = []
    for rel, boxes in truth.items():
        image_id = store.image_by_relpath(rel).id
        ids.append(image_id)
        for cls, x, y, w, h in boxes:
            store.add_box(image_id, label_of[cls], Box(x, y, w, h))
        store.add_tag(image_id, label_of[boxes[0][0]])
    store.set_review_state(ids, ReviewState.DONE)
    return store, truth


def process_running(pid: int) -> bool:
    """Whether the process exists and is not a zombie (Linux: reads /proc)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def kill_app_and_see_worker_end(app, worker: int, within: float) -> None:
    """SIGKILL the app (it must be running, and die of signal 9), then wait for its worker to
    end by itself within `within` seconds."""
    import signal
    import time

    assert app.poll() is None and process_running(worker)
    app.send_signal(signal.SIGKILL)
    assert app.wait(10) == -signal.SIGKILL
    deadline = time.monotonic() + within
    while process_running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_running(worker), "the worker outlived the app"
