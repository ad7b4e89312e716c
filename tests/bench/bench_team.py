"""Team server: push and pull times for many images against a local Label Studio (not a test).

    uv run python tests/bench/bench_team.py [--images 10000] [--boxes 5] [--batch 500]

Starts Label Studio from its pip environment (.ci/run makes it; tests/team/lsserver.py) on
127.0.0.1 with a SQLite database in a temporary folder, makes `--images` small JPEGs with five
classes and `--boxes` pending suggestions each (one run), and times, in one run side by side:
  1. push: hashing, one task per image with its predictions, in batches of `--batch`;
  2. a second push of the same folder (every image already there: no task made);
  3. the team's review on the server: one completed annotation per task by a second user (the
     first box moved 2 px, the others as predicted but with new region ids, so the pull matches
     them by class and IoU), written into the server's database in bulk (not a figure of the app);
  4. pull: every annotation read and applied as a person's review (accepted, edited);
  5. a second pull (everything already pulled).
Prints each step's seconds and images per second, and the second push's and pull's share of
the first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "team"), str(HERE.parent)]

from lsserver import running  # noqa: E402
from PIL import Image  # noqa: E402

from glancelabel.core.folder.scan import scan_folder  # noqa: E402
from glancelabel.core.model import Box, Kind  # noqa: E402
from glancelabel.core.store import Store  # noqa: E402
from glancelabel.core.store.suggestions import NewSuggestion  # noqa: E402
from glancelabel.core.team.pull import pull  # noqa: E402
from glancelabel.core.team.push import push  # noqa: E402
from glancelabel.core.team.server import Credentials, Server  # noqa: E402

CLASSES = ["car", "person", "bike", "dog", "sign"]
W, H = 64, 48


def make_project(folder: Path, images: int, boxes: int) -> Store:
    folder.mkdir(parents=True)
    for i in range(images):
        Image.new("RGB", (W, H), (i % 256, i // 256 % 256, 77)).save(folder / f"img{i:05d}.jpg")
    store = Store(folder / ".glancelabel" / "project.sqlite", folder)
    store.add_labels(CLASSES)
    scan_folder(store, folder)
    ids = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("anthropic", "claude-bench")
    with store.tx():
        for im in store.all_images():
            store.add_suggestions(run, im.id, [
                NewSuggestion(Kind.BOX, CLASSES[k % 5], ids[CLASSES[k % 5]],
                              Box(2 + 11 * k % 40, 3 + 7 * k % 30, 10, 12), confidence=0.9)
                for k in range(boxes)])
    return store


def review_on_server(server: Server, ls, project_id: int, boxes: int) -> None:
    """One annotation per task by a second user, the same result everywhere (the images share
    their boxes). Written into the server's database in bulk through `label-studio shell`: the
    annotation API takes about 0.2 s per annotation here, 35 minutes for 10,000."""
    import json
    import subprocess

    from lsserver import VENV

    from glancelabel.core.formats.labelstudio import rect_result

    result = []
    for k in range(boxes):
        x = 2 + 11 * k % 40 + (2.0 if k == 0 else 0)  # the first box moved 2 px: edited
        result.append(rect_result(f"n{k}", CLASSES[k % 5], x, 3 + 7 * k % 30, 10, 12, W, H))
    user = server.client.users.create(username="bench", email="bench@example.com",
                                      first_name="Bench", last_name="Reviewer",
                                      password="bench-password-1")
    script = f"""
import json
from tasks.models import Annotation, Task
from users.models import User
user = User.objects.get(id={int(user.id)})
result = json.loads({json.dumps(json.dumps(result))})
ids = list(Task.objects.filter(project_id={project_id}).values_list("id", flat=True))
Annotation.objects.bulk_create(
    [Annotation(task_id=t, project_id={project_id}, completed_by=user, result=result,
                was_cancelled=False) for t in ids], batch_size=1000)
Task.objects.filter(project_id={project_id}).update(is_labeled=True, total_annotations=1)
print("annotated", len(ids))
"""
    out = subprocess.run([str(VENV / "bin" / "label-studio"), "shell"], input=script, text=True,
                         env=ls.server_env, cwd=ls.root, capture_output=True, timeout=900)
    if "annotated" not in out.stdout:
        raise RuntimeError(out.stdout[-2000:] + out.stderr[-2000:])


def timed(label: str, fn, images: int, table: dict) -> object:
    start = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - start
    table[label] = seconds
    print(f"{label:<40} {seconds:8.1f} s  {images / seconds:8.0f} images/s", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=10_000)
    ap.add_argument("--boxes", type=int, default=5)
    ap.add_argument("--batch", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running(Path(tmp) / "ls") as ls:
        folder = ls.root / "bench"
        start = time.perf_counter()
        store = make_project(folder, args.images, args.boxes)
        print(f"made {args.images:,} images with {args.boxes} suggestions each in "
              f"{time.perf_counter() - start:.1f} s; Label Studio at {ls.url}", flush=True)
        server = Server(Credentials(ls.url, ls.token, "given", "given"), timeout=600)
        t: dict[str, float] = {}
        n = args.images
        first = timed("push", lambda: push(store, folder, server, "Bench", batch=args.batch,
                                           document_root=str(ls.root)), n, t)
        timed("push again (nothing new)", lambda: push(
            store, folder, server, "Bench", batch=args.batch, document_root=str(ls.root)), n, t)
        timed("review on the server (bulk, database)",
              lambda: review_on_server(server, ls, first.project_id, args.boxes), n, t)
        got = timed("pull", lambda: pull(store, server, "Bench"), n, t)
        timed("pull again (nothing new)", lambda: pull(store, server, "Bench"), n, t)
        print(first.text())
        print(got.text())
        print(f"second push / first: {t['push again (nothing new)'] / t['push']:.2f}; "
              f"second pull / first: {t['pull again (nothing new)'] / t['pull']:.2f}")
        store.close()


if __name__ == "__main__":
    main()
