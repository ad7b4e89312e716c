"""Import machinery shared by the formats.

A format's `read(source, dataset)` fills a `Dataset`: the images it lists (with the names it uses for
them and the size it states) and its records (class name + box or tag). `apply` then matches the
names to the project's images (never reading or writing any file they name), reconciles sizes,
clamps boxes, matches class names case-insensitively, skips what cannot be imported with a reason,
and writes the rest in one transaction, as annotations or as suggestions of an import run.

An import as annotations done from the window is one undo step: with `record_undo`, the summary
carries the change set of what was written (classes added, annotations inserted, images marked
done), built from the written rows and pushed as already applied. Imports of more than `UNDO_ROWS`
annotations are written all the same but not recorded, and the summary says so.
"""

from __future__ import annotations

import posixpath
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..geometry import clamp_box, is_degenerate, normalized, scale_box, stored_box_to_displayed
from ..i18n import N_, Text, counted, said
from ..model import Box, Kind
from ..review.changes import ChangeSet, RowChange
from ..store.labels import LabelError, clean_name
from .files import reference_to_relpath
from .plan import ImportPlan
from .summary import ImportSummary, Progress, Skipped, check_cancel

if TYPE_CHECKING:
    from ..store import Store

# The most annotations one import keeps in memory as an undo step: each is a dict of its row (about
# a kilobyte), and undoing or redoing it writes them all to the event log once more.
UNDO_ROWS = 200_000


@dataclass(eq=False)
class ListedImage:
    where: str  # dataset file and record
    refs: list[str]  # names the dataset uses for the image, most specific first
    size: tuple[float, float] | None = None  # (width, height) the dataset states
    base: Path | None = None  # folder that relative names in `refs` start from
    base_first: bool = False  # names are relative to `base` rather than to the project folder
    stems: bool = False  # refs may lack the extension (YOLO label files)
    claimed: frozenset[str] = frozenset()  # relpaths other records name exactly (not this one)


@dataclass(eq=False)
class Record:
    where: str
    image: ListedImage
    kind: Kind
    label: str
    box: Box | None = None  # absolute pixels in the dataset's frame, or 0-1 when `relative`
    relative: bool = False
    score: float | None = None
    text: str | None = None


@dataclass
class Dataset:
    source: Path
    images: list[ListedImage] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    class_order: list[str] = field(default_factory=list)  # the dataset's class list, in order
    as_suggestions: bool = False  # readers may take predictions too
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, where: str, reason: str | Text) -> None:
        self.skipped.append(Skipped.of(where, reason))

    def warn(self, where: str, reason: str | Text) -> None:
        self.warnings.append(Skipped.of(where, reason))

    def release(self) -> None:
        """Empty the image and record lists, a piece at a time (see `drop_in_pieces`)."""
        drop_in_pieces(self.records)
        drop_in_pieces(self.images)


def drop_in_pieces(items: list[Any], piece: int = 2000) -> None:
    """Empty `items` from the end, `piece` at a time. Freeing 200,000 records in one go is one
    call that holds the GIL for about 200 ms, which the window's GUI thread would wait for; between
    pieces it gets its turn."""
    while items:
        del items[-piece:]


class ProjectImage(NamedTuple):
    id: int
    relpath: str
    width: int | None
    height: int | None
    orientation: int
    file_state: str
    review_state: str


_AMBIGUOUS = object()


class ImageIndex:
    """Finds project images by the names a dataset uses: exact relpath, relpath without extension,
    then a file name that only one image in the project has."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.folder = Path(folder).resolve()
        self.by_rel: dict[str, ProjectImage] = {}
        self.by_stem: dict[str, list[ProjectImage]] = defaultdict(list)
        self.by_name: dict[str, object] = {}
        for row in store.export_image_rows():
            im = ProjectImage(row[0], row[1], row[2], row[3], row[4] or 1, row[5], row[6])
            self.by_rel[im.relpath] = im
            self.by_stem[posixpath.splitext(im.relpath)[0]].append(im)
            name = posixpath.basename(im.relpath).casefold()
            self.by_name[name] = _AMBIGUOUS if name in self.by_name else im

    def find(self, listed: ListedImage) -> tuple[ProjectImage | None, Text | str]:
        candidates: list[str] = []
        for ref in listed.refs:
            roots = (listed.base, self.folder) if listed.base_first else (self.folder, listed.base)
            for root in roots:
                if root is None:
                    continue
                rel = reference_to_relpath(ref, self.folder, root)
                if rel is not None and rel not in candidates:
                    candidates.append(rel)
        if not candidates:
            shown = listed.refs[0] if listed.refs else ""
            return None, said(N_("formats", "{ref} points outside the project folder"), ref=repr(shown))
        for rel in candidates:
            if rel in self.by_rel:
                return self.by_rel[rel], ""
        for rel in candidates:
            for stem in ((rel, posixpath.splitext(rel)[0]) if listed.stems
                         else (posixpath.splitext(rel)[0],)):
                hits = [im for im in self.by_stem.get(stem, ()) if im.relpath not in listed.claimed]
                if len(hits) == 1:
                    return hits[0], ""
                if len(hits) > 1 and listed.stems and stem == rel:
                    return None, said(N_("formats", "{ref} matches several images ({images})"),
                                      ref=repr(rel), images=", ".join(im.relpath for im in hits))
        for rel in candidates:
            if listed.stems:
                break
            hit = self.by_name.get(posixpath.basename(rel).casefold())
            if isinstance(hit, ProjectImage):
                return hit, ""
            if hit is _AMBIGUOUS:
                return None, said(N_("formats", "{name} matches several images in the project; give "
                                     "its path relative to the folder"),
                                  name=repr(posixpath.basename(rel)))
        return None, said(N_("formats", "{ref} is not an image of the project folder"),
                          ref=repr(listed.refs[0]))


def _size(im: ProjectImage) -> tuple[int, int]:
    """The image's displayed size (images without one are set aside before their boxes)."""
    assert im.width and im.height, im.relpath
    return im.width, im.height


BoxMap = Callable[[Box], Box]


def _frame(listed: ListedImage, im: ProjectImage) -> tuple[BoxMap | None, Text | str, Text | str]:
    """How boxes stated in the dataset's frame map to the image's displayed frame.

    Returns (function or None, note, error)."""
    width, height = _size(im)
    if listed.size is None or (abs(listed.size[0] - width) < 0.5 and abs(listed.size[1] - height) < 0.5):
        return None, "", ""
    dw, dh = listed.size
    if im.orientation in (5, 6, 7, 8) and abs(dw - height) < 0.5 and abs(dh - width) < 0.5:
        return (
            lambda b: stored_box_to_displayed(b, int(dw), int(dh), im.orientation),
            said(N_("formats", "its size is the un-rotated one: boxes mapped from the stored frame to "
                    "the displayed (EXIF-rotated) frame")),
            "",
        )
    if abs(dw / dh - width / height) <= 0.01 * (width / height):
        sx, sy = width / dw, height / dh
        return (lambda b: scale_box(b, sx, sy),
                said(N_("formats", "its size {w}×{h} differs from the image's {width}×{height}: boxes "
                        "scaled"), w=f"{dw:g}", h=f"{dh:g}", width=width, height=height),
                "")
    return None, "", said(N_("formats", "its size {w}×{h} does not match the image's {width}×{height}"),
                          w=f"{dw:g}", h=f"{dh:g}", width=width, height=height)


def _same_box(a: tuple, b: tuple, tol: float) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(a, b, strict=True))


def apply(
    store: Store,
    plan: ImportPlan,
    dataset: Dataset,
    folder: Path,
    summary: ImportSummary,
    progress: Progress,
    cancel: threading.Event | None = None,
    *,
    record_undo: bool = False,
) -> None:
    """Match, check and write a read dataset into the project. With `record_undo`, an import as
    annotations leaves its change set in `summary.changes` (see the module's docstring)."""
    summary.skipped.extend(dataset.skipped)
    summary.warnings.extend(dataset.warnings)
    summary.notes.extend(dataset.notes)
    # 1. images
    matched = _match_images(ImageIndex(store, folder), dataset, summary, progress, cancel)
    listed_ids = {im.id for im, _fn in matched.images.values()}
    summary.images = len(listed_ids)
    # 2. classes
    added_labels: list[RowChange] = []
    label_ids, label_names = _resolve_classes(store, plan, dataset, summary, added_labels)
    # 3. records
    existing: dict[int, list[tuple]] = defaultdict(list)
    if plan.as_ == "annotations":
        for image_id, label_id, kind, x, y, w, h in store.annotation_keys():
            if image_id in listed_ids:
                existing[image_id].append((label_id, kind, (x, y, w, h)))
    rows: list[tuple] = []
    total = len(dataset.records)
    for n, rec in enumerate(dataset.records, 1):
        if n % 20000 == 0:
            check_cancel(cancel)
            progress("checking records", n, total)
        row = _record_row(rec, plan, matched, label_ids, existing, summary)
        if row is not None:
            rows.append(row[0])
            summary.per_class[label_names[row[1]]] += 1
    # 4. write
    check_cancel(cancel)
    progress("writing", 0, 1)
    meta = {"format": plan.format, "source": str(plan.source)}
    if plan.as_ == "annotations":
        _write_annotations(store, rows, listed_ids, matched.bad, meta, summary,
                           added_labels, record_undo)
    elif rows:
        _write_suggestions(store, plan, rows, meta, summary)
    drop_in_pieces(rows)
    progress("writing", 1, 1)


@dataclass
class _Matched:
    """The dataset's images found in the project: id(ListedImage) -> (project image, how its
    boxes map to the displayed frame); `bad`: project ids with something skipped (not marked
    done)."""

    images: dict[int, tuple[ProjectImage, BoxMap | None]] = field(default_factory=dict)
    bad: set[int] = field(default_factory=set)


def _match_images(index: ImageIndex, dataset: Dataset, summary: ImportSummary,
                  progress: Progress, cancel: threading.Event | None) -> _Matched:
    matched = _Matched()
    total = len(dataset.images)
    for n, listed in enumerate(dataset.images, 1):
        im, reason = index.find(listed)
        if im is None:
            summary.skip(listed.where, reason)
        elif im.file_state in ("missing", "unreadable"):
            summary.skip(listed.where, said(N_("formats", "{image} is missing"), image=im.relpath)
                         if im.file_state == "missing" else
                         said(N_("formats", "{image} is unreadable"), image=im.relpath))
        elif not im.width or not im.height:
            summary.skip(listed.where, said(N_("formats", "the size of {image} is not known yet (rescan)"),
                                            image=im.relpath))
        else:
            fn, note, error = _frame(listed, im)
            if error:
                summary.skip(listed.where, said(N_("formats", "{image}: {problem}; its records are skipped"),
                                                image=im.relpath, problem=error))
                matched.bad.add(im.id)
            else:
                matched.images[id(listed)] = (im, fn)
                if note:
                    summary.warn(listed.where, said(N_("formats", "{image}: {note}"), image=im.relpath,
                                                    note=note))
        if n % 2000 == 0:
            check_cancel(cancel)
            progress("matching images", n, total)
    return matched


def _record_row(rec: Record, plan: ImportPlan, matched: _Matched, label_ids: dict[str, int],
                existing: dict[int, list[tuple]],
                summary: ImportSummary) -> tuple[tuple, int] | None:
    """The row to write for one record and its label id; None when it is skipped (the summary
    says why) or already in the project."""
    found = matched.images.get(id(rec.image))
    if found is None:
        return None  # the image's own skip says why
    im, frame = found
    key = " ".join(rec.label.split()).casefold()
    label_id = label_ids.get(key)
    if label_id is None:
        summary.skip(rec.where, f"class {rec.label!r} is not in the project (new classes "
                                "are refused)" if not plan.new_classes
                     else f"class name {rec.label!r} is not valid")
        matched.bad.add(im.id)
        return None
    box = None
    if rec.kind == Kind.BOX:
        box = _fit_box(rec, im, frame, summary)
        if box is None:
            matched.bad.add(im.id)
            return None
    coords = (box.x, box.y, box.w, box.h) if box else (None,) * 4
    if plan.as_ != "annotations":
        return (im.id, str(rec.kind), rec.label, label_id, *coords, rec.text, rec.score,
                f"imported from {rec.where}"), label_id
    tol = max(0.01, 2e-6 * max(_size(im)))
    present = existing[im.id]
    dup = next((
        i for i, (lid, kind, c) in enumerate(present)
        if lid == label_id and kind == str(rec.kind)
        and (box is None or (c[0] is not None and _same_box(c, coords, tol)))
    ), None)
    if dup is not None:  # already in the project: each one present absorbs one record
        present.pop(dup)
        summary.duplicates += 1
        return None
    return (im.id, label_id, str(rec.kind), *coords, rec.text), label_id


def _write_annotations(store: Store, rows: list[tuple], listed_ids: set[int], bad: set[int],
                       meta: dict[str, str], summary: ImportSummary,
                       added_labels: list[RowChange], record_undo: bool) -> None:
    record = record_undo and len(rows) <= UNDO_ROWS
    written = store.import_annotations(rows, listed_ids - bad, meta, record=record)
    summary.annotations = written.added
    summary.marked_done = len(written.changed)
    if record:
        summary.changes = ChangeSet(
            "import.annotations", (*added_labels, *(written.changes or ())),
            meta={**meta, "added": written.added},  # (the undo text's count)
        )
    elif record_undo:
        summary.note(said(N_("formats", "This import cannot be undone with Ctrl+Z: it added {count} "
                             "annotations, more than the {limit} one undo step keeps in memory. The "
                             "steps before it cannot be undone any more either (they may depend on "
                             "what it changed)."), count=f"{written.added:,}", limit=f"{UNDO_ROWS:,}"))
    held = listed_ids & bad
    if held:
        summary.note(counted(len(held), N_("formats", "{count} image with skipped records was not "
                                           "marked done; review it."),
                             N_("formats", "{count} images with skipped records were not marked done; "
                                "review them.")))


def _write_suggestions(store: Store, plan: ImportPlan, rows: list[tuple], meta: dict[str, str],
                       summary: ImportSummary) -> None:
    summary.run_id = store.create_run(
        provider="import", model=f"{plan.format}:{Path(plan.source).name}", kind="import",
        params={"source": str(plan.source)},
    )
    summary.suggestions = store.import_suggestions(summary.run_id, rows, meta)
    hidden = store.hide_duplicates(summary.run_id)
    if hidden:
        summary.note(counted(hidden, N_("formats", "{count} of them repeats what the images already "
                                        "held (an annotation, or an earlier import of the same file): "
                                        "stored as duplicates, hidden from review."),
                             N_("formats", "{count} of them repeat what the images already held (an "
                                "annotation, or an earlier import of the same file): stored as "
                                "duplicates, hidden from review.")))


def _resolve_classes(
    store: Store, plan: ImportPlan, dataset: Dataset, summary: ImportSummary,
    added: list[RowChange] | None = None,
) -> tuple[dict[str, int], dict[int, str]]:
    """(casefolded name -> label id, label id -> name); adds new classes (in the dataset's order)
    when the plan allows it, their row changes appended to `added`."""
    labels = store.labels()
    ids = {lab.name.casefold(): lab.id for lab in labels}
    names = {lab.id: lab.name for lab in labels}
    mapped = {k: v for k, v in store.mapping_table().items() if k not in ids}
    ids.update(mapped)  # the project's label mappings (M), before any new class is made
    wanted: list[str] = []
    seen: set[str] = set()
    for name in [*dataset.class_order, *(r.label for r in dataset.records)]:
        key = " ".join(name.split()).casefold()
        if key not in seen:
            seen.add(key)
            wanted.append(name)
    refused = []
    for name in wanted:
        key = " ".join(name.split()).casefold()
        if key in ids:
            continue
        if not plan.new_classes:
            refused.append(name)
            continue
        try:
            clean = clean_name(name)
            cs = store.add_label(clean)
        except LabelError as exc:
            summary.note(said(N_("formats", "Class {name} was not added: {reason}"), name=repr(name),
                              reason=str(exc)))
            continue
        if added is not None:
            added.extend(cs.changes)
        lab = store.label_by_name(clean)
        assert lab is not None  # just added
        ids[key] = lab.id
        names[lab.id] = lab.name
        summary.new_classes.append(lab.name)
    if refused:
        summary.note(said(N_("formats", "Classes not in the project, refused: {names}."),
                          names=", ".join(refused)))
    used = [f"{name!r} → {names[mapped[k]]}" for name in wanted
            if (k := " ".join(name.split()).casefold()) in mapped]
    if used:
        summary.note(said(N_("formats", "Mapped by the project's label mappings: {names}."),
                          names=", ".join(used)))
    return ids, names


def _fit_box(rec: Record, im: ProjectImage, frame: BoxMap | None, summary: ImportSummary
             ) -> Box | None:
    b = rec.box
    assert b is not None  # a box record has its box
    width, height = _size(im)
    if rec.relative:
        b = Box(b.x * width, b.y * height, b.w * width, b.h * height)
    elif frame is not None:
        b = frame(b)
    b = normalized(b)
    eps = 1e-9 * max(width, height)
    if b.x >= 0 and b.y >= 0 and b.x + b.w <= width + eps and b.y + b.h <= height + eps:
        fitted = b  # inside: keep the numbers exactly as the dataset wrote them
    else:
        fitted = clamp_box(b, width, height)
    if fitted.w <= 0 or fitted.h <= 0:
        summary.skip(rec.where, said(N_("formats", "box {box} lies outside the image ({width}×{height})"),
                                     box=_fmt(b), width=im.width, height=im.height))
        return None
    tol = max(0.01, 2e-6 * max(width, height))
    if is_degenerate(fitted, 1.0 - tol):
        summary.skip(rec.where, said(N_("formats", "box {box} is smaller than one pixel"), box=_fmt(b)))
        return None
    if not _same_box((b.x, b.y, b.w, b.h), (fitted.x, fitted.y, fitted.w, fitted.h), tol):
        summary.warn(rec.where, said(N_("formats", "box {box} reaches outside the image ({width}×{height}); "
                                        "clamped to {clamped}"), box=_fmt(b), width=im.width,
                                     height=im.height, clamped=_fmt(fitted)))
    return fitted


def _fmt(b: Box) -> str:
    return f"[{b.x:g}, {b.y:g}, {b.w:g}, {b.h:g}]"
