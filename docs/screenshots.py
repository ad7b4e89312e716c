"""Take the README's screenshots from the real app, driven with a real mouse and keyboard.

    uv run python docs/screenshots.py [--out docs]

Needs Xvfb, openbox, xdotool and ImageMagick's `import` (Debian: `apt-get install xvfb openbox
xdotool imagemagick`). It copies the bundled sample images to a scratch folder, answers the AI's
requests with a fake Claude server on 127.0.0.1 (no key, no network), starts `glancelabel` on a
virtual screen, and then only types and clicks, as a person would: pick an image, I, Tab, Enter,
N, Space. Each step is saved as a PNG; `screenshot.png` is the review step. Then, on a second
folder of 36 photos cut from the samples with a suggested 'cat' tag each, G and X: `glance.png`.

    uv run python docs/screenshots.py --lang zh_CN --display :95

takes the review step with the interface in Simplified Chinese as `screenshot.zh_CN.png` (a CJK
font must be installed, e.g. Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fakes: the fake Claude server

from tests.fakes.anthropic_fake import FakeAnthropic, anthropic_tool_message  # noqa: E402
from tests.fakes.batch_fakes import size_in  # noqa: E402

DISPLAY = ":97"
SCREEN = (1360, 820)

# what the fake model "sees", by the size of the image it was sent (boxes: corners, pixels)
ANSWERS = {
    (600, 400): {"objects": [
        {"label": "cup", "box": [177, 18, 420, 302], "confidence": 0.94,
         "rationale": "A white espresso cup with a brown handle."},
        {"label": "saucer", "box": [79, 87, 536, 398], "confidence": 0.88,
         "rationale": "A brown saucer under the cup."},
        {"label": "spoon", "box": [316, 60, 424, 330], "confidence": 0.91,
         "rationale": "A metal teaspoon resting on the saucer, right of the cup."},
        {"label": "espresso", "box": [205, 78, 396, 172], "confidence": 0.74,
         "rationale": "Dark liquid with crema inside the cup."}], "tags": []},
    (451, 300): {"objects": [
        {"label": "cat", "box": [120, 10, 451, 300], "confidence": 0.97,
         "rationale": "A tabby cat looking at the camera."}], "tags": []},
    (512, 512): {"objects": [
        {"label": "person", "box": [80, 20, 470, 512], "confidence": 0.96,
         "rationale": "An astronaut in an orange suit."},
        {"label": "rocket", "box": [420, 60, 512, 330], "confidence": 0.55,
         "rationale": "A space shuttle model behind her."}], "tags": []},
}
CLASSES = ("cup", "saucer", "spoon", "cat", "person", "rocket")


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, env={**os.environ, "DISPLAY": DISPLAY}, **kw)


WINDOW = {"id": "root"}


def shot(out: Path, name: str, screen: bool = False) -> Path:
    """The main window as a PNG; `screen`: the whole screen (the window fills it), so a dialog
    over the window is in the picture too (a shot of the window alone draws it black)."""
    time.sleep(0.8)
    path = out / name
    run("import", "-window", "root" if screen else WINDOW["id"], str(path))
    print("saved", path)
    return path


def key(*keys: str) -> None:
    for k in keys:
        run("xdotool", "key", "--clearmodifiers", k)
        time.sleep(0.5)


def click(x: int, y: int) -> None:
    run("xdotool", "mousemove", str(x), str(y), "click", "1")
    time.sleep(0.5)


def window_id(name: str, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], capture_output=True,
                               text=True, env={**os.environ, "DISPLAY": DISPLAY})
        if found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.3)
    raise SystemExit(f"no window named {name!r} appeared")


def open_app(folder: Path, env: dict) -> subprocess.Popen:
    """glancelabel on `folder`, its window filling the screen."""
    proc = subprocess.Popen([sys.executable, "-m", "glancelabel", str(folder)], env=env)
    wid = WINDOW["id"] = window_id(f"{folder.name} — GlanceLabel")
    time.sleep(3)
    run("xdotool", "windowactivate", "--sync", wid)
    run("xdotool", "windowsize", "--sync", wid, str(SCREEN[0]), str(SCREEN[1]))
    run("xdotool", "windowmove", "--sync", wid, "0", "0")
    time.sleep(2)
    return proc


def glance_folder(scratch: Path, env: dict) -> Path:
    """36 photos cut from the samples (crops, some mirrored), each with a suggested image tag
    'cat': right on the 28 made from chelsea.jpg, wrong (and less sure) on the others."""
    import random

    from PIL import Image, ImageOps

    from glancelabel.core.app.paths import project_path
    from glancelabel.core.model import Kind
    from glancelabel.core.store import Store
    from glancelabel.core.store.suggestions import NewSuggestion

    folder = scratch / "cats"
    folder.mkdir()
    rnd = random.Random(8)
    sources = ["chelsea.jpg"] * 28 + ["coffee.jpg", "rocket.jpg", "astronaut.jpg"] * 3
    rnd.shuffle(sources)
    for i, name in enumerate(sources[:36]):
        im = Image.open(ROOT / "resources" / "samples" / name).convert("RGB")
        w, h = im.size
        f = rnd.uniform(0.7, 1.0)
        x, y = rnd.uniform(0, w * (1 - f)), rnd.uniform(0, h * (1 - f))
        im = im.crop((int(x), int(y), int(x + w * f), int(y + h * f)))
        (ImageOps.mirror(im) if rnd.random() < 0.5 else im).save(folder / f"shot_{i:02d}.jpg")
    subprocess.run([sys.executable, "-m", "glancelabel", "scan", str(folder)], env=env,
                   check=True, capture_output=True)
    store = Store(project_path(folder), folder)
    store.add_labels(["cat", "person", "cup"])
    cat = store.label_by_name("cat").id
    run_id = store.create_run("anthropic", "claude-sonnet-5-5")
    for i, name in enumerate(sources[:36]):
        right = name == "chelsea.jpg"
        conf = rnd.uniform(0.8, 0.99) if right else rnd.uniform(0.45, 0.7)
        store.add_suggestions(run_id, store.image_by_relpath(f"shot_{i:02d}.jpg").id, [
            NewSuggestion(Kind.TAG, "cat", cat, None, None, conf, "A tabby cat.")])
    store.close()
    return folder


def main() -> None:
    global DISPLAY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--lang", default="", help="interface language, e.g. zh_CN (the review step only)")
    parser.add_argument("--display", default=DISPLAY, help="the Xvfb display to use")
    args = parser.parse_args()
    out = args.out.resolve()
    DISPLAY = args.display
    lang = args.lang
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="glancelabel-shots-"))
    folder = scratch / "sample-images"
    shutil.copytree(ROOT / "resources" / "samples", folder,
                    ignore=shutil.ignore_patterns("*.md"))
    home = scratch / "home"
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share"), "XDG_STATE_HOME": str(home / ".local/state"),
           "DISPLAY": args.display, "QT_QPA_PLATFORM": "xcb", "ANTHROPIC_API_KEY": "sk-ant-screenshots",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    procs = []
    fake = FakeAnthropic()
    fake.success_headers = {}
    fake.responder = lambda req: fake.ok(anthropic_tool_message(
        ANSWERS.get(size_in(req.json or {}), {"objects": [], "tags": []})))
    fake.start()
    try:
        config = home / ".config" / "GlanceLabel"
        config.mkdir(parents=True)
        (config / "settings.json").write_text(json.dumps({
            "provider": {"provider": "anthropic", "model": "claude-sonnet-5-5",
                         "base_url": fake.base_url},
            "confidence_threshold": 0.3,
            "language": lang,
        }))
        subprocess.run([sys.executable, "-m", "glancelabel", "scan", str(folder)], env=env,
                       check=True, capture_output=True)
        from glancelabel.core.app.paths import project_path
        from glancelabel.core.store import Store

        store = Store(project_path(folder), folder)
        for name in CLASSES:
            store.add_label(name)
        store.close()

        procs.append(subprocess.Popen(["Xvfb", args.display, "-screen", "0",
                                       f"{SCREEN[0]}x{SCREEN[1]}x24"]))
        time.sleep(1.5)
        procs.append(subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL))
        time.sleep(1)
        procs.append(open_app(folder, env))
        key("End", "Home")  # the first image: astronaut.jpg
        key("i")
        time.sleep(6)
        if not lang:
            shot(out, "review-1-ask.png")  # the AI's suggestions beside the image
        key("Return")
        if not lang:
            shot(out, "review-2-accept.png")  # Enter accepted the person; the rocket is next
        key("n")
        key("d")
        key("d")  # coffee.jpg
        key("i")
        time.sleep(6)
        key("Tab")
        shot(out, f"screenshot.{lang}.png" if lang else "screenshot.png")
        if lang:
            return
        key("space")
        shot(out, "review-3-space.png")  # Space: 'espresso' is not a class yet, M maps it
        key("m")
        time.sleep(1)
        shot(out, "review-4-map.png", screen=True)
        key("Escape")
        app = procs.pop()  # glance review wants many suggestions of one class: another folder
        app.terminate()
        app.wait(10)
        procs.append(open_app(glance_folder(scratch, env), env))
        key("g")
        time.sleep(3)
        key(*["x"] * 9)  # the 9 photos that are no cat come first; X flips each and moves on
        shot(out, "glance.png")
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        fake.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
