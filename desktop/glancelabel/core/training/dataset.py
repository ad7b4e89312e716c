"""What a training trains on: the done images, their held split, and the exported dataset.

Detect trains on boxes (a YOLO export, `data.yaml`), classify on image tags (a YOLO classification
export: a folder per class). The images are the exports' own selection (done, not excluded, readable,
no box without a class; classify: exactly one tag); the split is the project's held split
(`split.assign`, kept in `train_split`). Images Ultralytics cannot read go in as PNG copies.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats import ExportPlan
from ..formats.selection import select
from ..formats.summary import ExportSummary, gc_paused, no_progress
from ..formats.yolo import needs_png
from ..store.training import held_split, hold_split, person_reviewed
from .split import assign

if TYPE_CHECKING:
    from ..store import Store

FEW_EXAMPLES = 10  # a class with fewer training examples gets a warning


@dataclass
class Selected:
    """The images of one task with their held split and classes."""

    task: str
    split: dict[int, str]  # image id -> train | val
    relpaths: dict[int, str]
    sides: list[int]  # long side of each image
    classes: list[str]  # project class order
    # class name -> {"train": n, "val": n} (boxes for detect, images for classify)
    class_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    reviewed_val: int = 0  # val images a person reviewed (all of them, by the split's rule)

    @property
    def split_counts(self) -> dict[str, int]:
        c = Counter(self.split.values())
        return {"train": c["train"], "val": c["val"]}

    @property
    def convert(self) -> list[str]:
        """Relpaths that go in as PNG copies."""
        return sorted(r for r in self.relpaths.values() if needs_png(r))


def select_and_hold(store: Store, task: str, seed: int, val_fraction: float) -> Selected:
    """The task's images with their splits; images new to the split get one, kept for good."""
    summary = ExportSummary("yolo" if task == "detect" else "yolo-cls", Path("."))
    plan = ExportPlan(format=summary.format)
    sel = select(store, plan, summary, boxes=task == "detect", tags=task == "classify",
                 leave_out_unclassed=task == "detect")
    if task == "classify":
        sel.images = [im for im in sel.images if len({t[1] for t in sel.tags.get(im.id, ())}) == 1]
    ids = [im.id for im in sel.images]
    held = held_split(store)
    reviewed = person_reviewed(store, ids)
    hold_split(store, assign(ids, reviewed, held, seed, val_fraction), seed)
    held = held_split(store)
    out = Selected(task, {i: held[i] for i in ids}, {im.id: im.relpath for im in sel.images},
                   [max(im.width, im.height) for im in sel.images], [lab.name for lab in sel.labels])
    name_of = {lab.id: lab.name for lab in sel.labels}
    counts: dict[str, Counter[str]] = {name: Counter() for name in out.classes}
    for im in sel.images:
        rows = sel.boxes.get(im.id, ()) if task == "detect" else sel.tags.get(im.id, ())[:1]
        for row in rows:
            counts[name_of[row[1]]][out.split[im.id]] += 1
    out.class_counts = {k: {"train": v["train"], "val": v["val"]} for k, v in counts.items()}
    out.reviewed_val = sum(1 for i in ids if out.split[i] == "val" and i in reviewed)
    return out


def default_imgsz(sides: list[int]) -> int:
    """The image size to train at: the median long side, up to a multiple of 32, 64 to 640."""
    if not sides:
        return 640
    side = int(statistics.median(sides))
    return max(64, min(640, -(-side // 32) * 32))


def export_training_data(store: Store, folder: Path, selected: Selected, target: Path,
                         ) -> ExportSummary:
    """Write the dataset Ultralytics reads (`target/data.yaml` for detect, `target` with
    train/ and val/ class folders for classify)."""
    from ..formats import yolo, yolo_cls

    fmt = "yolo" if selected.task == "detect" else "yolo-cls"
    plan = ExportPlan(format=fmt, out=target, split=(0.8, 0.2), link="hardlink")
    summary = ExportSummary(fmt, target)
    module = yolo if selected.task == "detect" else yolo_cls
    with gc_paused():
        module.export(store, plan, Path(folder), summary, no_progress, None, held=selected.split)
    return summary
