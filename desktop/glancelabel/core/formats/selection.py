"""What an export takes from the project: images, classes, boxes, tags, suggestions and splits.

Default: `done` images with their accepted annotations. Excluded, unreadable and missing images
(and images whose size is not known yet) are left out and reported, never silently. So are images
holding a box without a class: written without it, such an image would read as one with fewer
objects (or a background image) — a wrong negative in training data.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..i18n import N_, Marked, Text, counted, said
from ..model import Label
from .plan import ExportPlan, split_names
from .summary import (
    EXCLUDED,
    MISSING,
    NOT_REVIEWED,
    SIZE_UNKNOWN,
    UNCLASSED,
    UNREADABLE,
    ExportSummary,
)

if TYPE_CHECKING:
    from ..store import Store


class ExportImage(NamedTuple):
    id: int
    relpath: str
    width: int
    height: int
    orientation: int
    review_state: str


@dataclass
class Selection:
    labels: list[Label]  # exported classes, in class order
    images: list[ExportImage]
    # image_id -> [(annotation id, label_id, x, y, w, h)] (only exported classes)
    boxes: dict[int, list[tuple]] = field(default_factory=dict)
    # image_id -> [(annotation id, label_id)]
    tags: dict[int, list[tuple]] = field(default_factory=dict)
    # image_id -> [suggestion row of ExchangeMixin.export_suggestion_rows]
    suggestions: dict[int, list[tuple]] = field(default_factory=dict)

    @property
    def label_ids(self) -> dict[int, int]:
        """label id -> 0-based index in the exported class list."""
        return {lab.id: i for i, lab in enumerate(self.labels)}


def _in_folders(relpath: str, folders: tuple[str, ...]) -> bool:
    if not folders:
        return True
    for f in folders:
        f = f.replace("\\", "/").strip("/")
        if not f or relpath.startswith(f + "/"):
            return True
    return False


def select(
    store: Store, plan: ExportPlan, summary: ExportSummary, *, boxes: bool = True, tags: bool = False,
    suggestions: tuple[str, ...] | None = None, leave_out_unclassed: bool = True,
) -> Selection:
    """Read what `plan` exports. `suggestions`: the suggestion states to read (None: none).
    `leave_out_unclassed`: leave out images with a box without a class (every format that writes
    boxes; a tags-only or suggestions-only format passes False)."""
    labels = store.labels()
    if plan.classes:
        wanted = {" ".join(c.split()).casefold() for c in plan.classes}
        unknown = wanted - {lab.name.casefold() for lab in labels}
        for name in sorted(unknown):
            summary.notes.append(f"No class named {name!r} in the project; ignored.")
        labels = [lab for lab in labels if lab.name.casefold() in wanted]
    label_set = {lab.id for lab in labels}
    states = set(plan.states)

    unclassed = store.unclassed_box_images() if leave_out_unclassed else set()
    images: list[ExportImage] = []
    for image_id, rel, w, h, orientation, file_state, review, excluded in store.export_image_rows():
        if not _in_folders(rel, plan.folders):
            continue
        if excluded:
            summary.leave_out(EXCLUDED, rel)
        elif file_state == "missing":
            summary.leave_out(MISSING, rel)
        elif file_state == "unreadable":
            summary.leave_out(UNREADABLE, rel)
        elif review not in states:
            summary.leave_out(NOT_REVIEWED, rel)
        elif not w or not h:
            summary.leave_out(SIZE_UNKNOWN, rel)
        elif image_id in unclassed:
            summary.leave_out(UNCLASSED, rel)
        else:
            images.append(ExportImage(image_id, rel, int(w), int(h), orientation or 1, review))
    sel = Selection(labels, images)
    kept = {im.id for im in images}
    rel_of = {im.id: im.relpath for im in images}

    if boxes:
        out: dict[int, list[tuple]] = defaultdict(list)
        for image_id, ann_id, label_id, x, y, w, h in store.export_box_rows():
            if image_id not in kept:
                continue
            if label_id in label_set:
                out[image_id].append((ann_id, label_id, x, y, w, h))
            elif label_id is None:
                summary.skip(rel_of[image_id], said(N_("formats", "box {id} has no class"), id=ann_id))
        sel.boxes = out
    if tags:
        tag_out: dict[int, list[tuple]] = defaultdict(list)
        for image_id, ann_id, label_id, _text in store.export_tag_rows():
            if image_id in kept and label_id in label_set:
                tag_out[image_id].append((ann_id, label_id))
        sel.tags = tag_out
    if suggestions is not None:
        sug: dict[int, list[tuple]] = defaultdict(list)
        for row in store.export_suggestion_rows(suggestions):
            if row[0] in kept:
                sug[row[0]].append(row)
        sel.suggestions = sug
    return sel


def no_exported_class(sid: int, raw: str) -> Text:
    return said(N_("formats", "suggestion {id} ({label}) has no exported class"), id=sid, label=repr(raw))


def count_tags_left(store: Store, sel: Selection, summary: ExportSummary, fmt: str) -> None:
    """Say how many image tags a box-only format leaves out."""
    kept = {im.id for im in sel.images}
    n = sum(1 for r in store.export_tag_rows() if r[0] in kept)
    if n:
        summary.note(counted(n, N_("formats", "{count} image tag is not part of {format} (it holds boxes "
                                   "only)."),
                             N_("formats", "{count} image tags are not part of {format} (it holds boxes "
                                "only)."), format=said(fmt) if isinstance(fmt, Marked) else fmt))


# -- splits -------------------------------------------------------------------------------------


def _rank(seed: int, relpath: str) -> bytes:
    return hashlib.blake2b(f"{seed}\x00{relpath}".encode(), digest_size=8).digest()


def _cut(n: int, fractions: tuple[float, ...]) -> list[int]:
    """Counts per part for n items (largest remainder; ties go to the earlier part)."""
    raw = [n * f for f in fractions]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def assign_splits(
    images: list[ExportImage],
    fractions: tuple[float, ...],
    seed: int,
    strata: dict[int, str] | None = None,
) -> dict[int, str]:
    """image id -> split name. Deterministic for a seed: images are ordered by a seeded hash of
    their relpath and cut in the given proportions (per stratum when `strata` is given), so an image
    keeps its split when others are added, as far as the proportions allow."""
    names = split_names(fractions)
    groups: dict[str, list[ExportImage]] = defaultdict(list)
    for im in images:
        groups[strata.get(im.id, "") if strata else ""].append(im)
    out: dict[int, str] = {}
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda im: _rank(seed, im.relpath))
        start = 0
        for name, count in zip(names, _cut(len(members), fractions), strict=True):
            for im in members[start:start + count]:
                out[im.id] = name
            start += count
    return out


def class_strata(sel: Selection) -> dict[int, str]:
    """Stratum per image: its rarest class (by images holding it); '' for background images."""
    per_class: dict[int, int] = defaultdict(int)
    present: dict[int, set[int]] = {}
    for im in sel.images:
        ids = {b[1] for b in sel.boxes.get(im.id, ())} | {t[1] for t in sel.tags.get(im.id, ())}
        present[im.id] = ids
        for lid in ids:
            per_class[lid] += 1
    return {
        image_id: (str(min(ids, key=lambda i: (per_class[i], i))) if ids else "")
        for image_id, ids in present.items()
    }


def strata_from_pairs(sel: Selection, pairs: list[tuple]) -> dict[int, str]:
    """class_strata from distinct (image_id, label_id) pairs, without reading every box."""
    exported = set(sel.label_ids)
    kept = {im.id for im in sel.images}
    present: dict[int, set[int]] = {im.id: set() for im in sel.images}
    per_class: dict[int, int] = defaultdict(int)
    for image_id, label_id in pairs:
        if image_id in kept and label_id in exported:
            present[image_id].add(label_id)
            per_class[label_id] += 1
    return {
        image_id: (str(min(ids, key=lambda i: (per_class[i], i))) if ids else "")
        for image_id, ids in present.items()
    }
