"""YOLO classification (Ultralytics / torchvision ImageFolder layout) from image tags: export.

`<split>/<class>/<relpath>`: an image with exactly one tag goes into that class's folder (folders
mirrored below it); images with no tag or several tags are reported and left out. Class folder names
are made safe (no separators, '..', NUL or reserved Windows names) and unique. Images Ultralytics
cannot read (GIF, HEIC/HEIF) are written as PNG copies in the displayed frame (`NAME.EXT.png`), as in
the YOLO detection export.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import N_, said
from .files import AtomicFolder, inside, place_or_skip, unique_safe_names
from .plan import ExportPlan, split_names
from .selection import assign_splits, select
from .summary import NO_TAG, SEVERAL_TAGS, ExportSummary, FormatError, Progress, check_cancel
from .yolo import converted_note, needs_png, place_png, upright_note

if TYPE_CHECKING:
    from ..store import Store


def export(
    store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
    cancel: threading.Event | None, held: dict[int, str] | None = None,
) -> None:
    """`held`: image id -> split decided elsewhere (the training's); images it does not name are
    left out."""
    folder = Path(folder).resolve()
    sel = select(store, plan, summary, boxes=False, tags=True, leave_out_unclassed=False)
    dirs = dict(zip((lab.id for lab in sel.labels),
                    unique_safe_names(lab.name for lab in sel.labels), strict=True))
    name_of = {lab.id: lab.name for lab in sel.labels}
    chosen = []
    for im in sel.images:
        tags = sorted({t[1] for t in sel.tags.get(im.id, ())})
        if len(tags) == 1:
            chosen.append((im, tags[0]))
        elif not tags:
            summary.leave_out(NO_TAG, im.relpath)
        else:
            summary.leave_out(SEVERAL_TAGS, im.relpath)
    if held is not None:
        chosen = [(im, t) for im, t in chosen if im.id in held]
        split_of = {im.id: held[im.id] for im, _ in chosen}
    else:
        images = [im for im, _ in chosen]
        strata = {im.id: str(t) for im, t in chosen} if plan.stratify else None
        split_of = assign_splits(images, plan.split, plan.seed, strata)
    names = split_names(plan.split)
    counts: Counter = Counter()
    total = len(chosen)
    converted: list[str] = []
    with AtomicFolder(plan.target, "GlanceLabel YOLO classification export\n") as tmp:
        for split in names:
            for d in dirs.values():
                inside(tmp / split, d).mkdir(parents=True)
        for n, (im, label_id) in enumerate(chosen, 1):
            split = split_of[im.id]
            try:
                class_dir = inside(tmp / split, dirs[label_id])
            except FormatError as exc:
                summary.skip(im.relpath, said(N_("formats", "could not be placed in the export: {reason}"),
                                              reason=str(exc)))
                continue
            if needs_png(im.relpath):
                if not place_png(folder, im, inside(class_dir, im.relpath + ".png"), summary):
                    continue
                converted.append(im.relpath)
            elif not place_or_skip(folder, im, class_dir, im.relpath, plan, summary):
                continue
            counts[split] += 1
            summary.per_class[name_of[label_id]] += 1
            if n % 1000 == 1:
                check_cancel(cancel)
                progress("writing", n, total)
        check_cancel(cancel)
    summary.images = sum(counts.values())
    summary.tags = summary.images
    summary.splits = {s: counts[s] for s in names}
    renamed = [f"{name_of[i]!r} → {d!r}" for i, d in dirs.items() if d != name_of[i]]
    if renamed:
        summary.note(said(N_("formats", "Class folders renamed to safe names: {names}."),
                          names=", ".join(renamed)))
    summary.note(said(N_("formats", "Ultralytics numbers classification classes by sorted folder name.")))
    if converted:
        summary.note(converted_note(converted))
    if plan.upright:
        summary.note(upright_note())

