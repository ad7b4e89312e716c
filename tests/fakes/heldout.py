"""A project with held-out images, a stored large-model run and a local detector, whose
comparison figures are known (tests of `compare`, its CLI and the report)."""

from __future__ import annotations

from pathlib import Path

from glancelabel.core.model import Box, Kind

CIRCLE, SQUARE = Box(100, 100, 100, 100), Box(300, 300, 100, 100)


def build_heldout_project(tmp_path: Path, project: Path | None = None):
    """Six 640 x 640 images: 1-4 held out (val), 5-6 train. Truth: a circle on every val image
    (accepted from run 1) and a square on image 1 (drawn by hand; run 1's own square there was
    rejected). Run 1 (anthropic/claude-sonnet-5-5) answered every val image for $0.40; run 2
    (openai/gpt-y) only images 1 and 2. Returns (store, folder)."""
    from PIL import Image

    from glancelabel.core.store import Store
    from glancelabel.core.store.suggestions import NewSuggestion
    from glancelabel.core.store.training import hold_split

    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(1, 7):
        Image.new("RGB", (640, 640), (90, 90, 90)).save(folder / f"{i}.png")
    s = Store(project or tmp_path / "p.sqlite", folder)
    s.add_labels(["circle", "square"])
    L = {lab.name: lab.id for lab in s.labels()}
    s.add_images([(f"{i}.png", (folder / f"{i}.png").stat().st_size,
                   (folder / f"{i}.png").stat().st_mtime_ns) for i in range(1, 7)])
    s.set_headers([(i, 640, 640, 1, "PNG", "ok", None) for i in range(1, 7)])
    hold_split(s, {1: "val", 2: "val", 3: "val", 4: "val", 5: "train", 6: "train"}, seed=0)
    a = s.create_run("anthropic", "claude-sonnet-5-5", kind="batch")
    s.add_run_usage(a, 4000, 800, 0.40)
    b = s.create_run("openai", "gpt-y", kind="batch")
    s.ensure_jobs(a, [1, 2, 3, 4])
    s.set_jobs_state([s.job_for(a, i).id for i in (1, 2, 3, 4)], "done")
    s.ensure_jobs(b, [1, 2])
    s.set_jobs_state([s.job_for(b, i).id for i in (1, 2)], "done")

    def suggest(run, image, label, box, conf=0.9):
        return s.add_suggestions(run, image, [NewSuggestion(Kind.BOX, label, L[label], box, None,
                                                            conf)])[0]

    for image in (1, 2, 3, 4):
        s.accept_suggestions([suggest(a, image, "circle", CIRCLE)], mark_done=True)
        if image <= 2:
            suggest(b, image, "circle", CIRCLE)
    s.reject_suggestions([suggest(a, 1, "square", SQUARE)])
    s.add_box(1, L["square"], SQUARE)
    return s, folder


def register_detector(store, folder: Path, name: str = "shapes-1") -> Path:
    """A local detector that finds, on every image, the circle (right on every val image) and a
    square (right on image 1 only), registered as a local model of the project."""
    from fakes.onnx_models import build_detector
    from glancelabel.core.store.training import register_local_model

    path = build_detector(folder.parent / f"{name}.onnx", ["circle", "square"],
                          [(150, 150, 100, 100, [0.9, 0.0]), (350, 350, 100, 100, [0.0, 0.8])])
    register_local_model(store, name, "detect", str(path), ["circle", "square"], None)
    return path
