"""COCO detection export (one JSON file, optional detections file); the import is coco_read.py.

Export: `images` lists every exported image with its project id (stable across exports), oriented
width/height and its path relative to the folder; `categories` are the classes in class order with
ids from 1; `annotations` keep their project ids and carry `bbox [x, y, w, h]` in absolute float
pixels, `area` and `iscrowd: 0`. With pending suggestions, a second file `<name>.detections.json`
holds them in COCO results format (`image_id`, `category_id`, `bbox`, `score`), ready for
`COCO.loadRes` and COCOeval.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from ..i18n import N_, counted, said
from ..store.exchange import (
    box_rows_between,
    can_spawn,
    open_readonly,
    readonly_uri,
    spawn_python,
    stop_helper,
)
from .files import atomic_file
from .plan import ExportPlan
from .selection import Selection, count_tags_left, no_exported_class, select
from .summary import ExportSummary, FormatError, Progress, check_cancel

if TYPE_CHECKING:
    from ..store import Store

CHUNK = 50_000
_third = itemgetter(2)
SPLIT_AT = 200_000  # boxes from which a helper process serialises half of them


def detections_path(out: Path) -> Path:
    return out.with_name(out.stem + ".detections.json")


def export(
    store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
    cancel: threading.Event | None,
) -> None:
    out = plan.target.expanduser().resolve()
    sel = select(store, plan, summary, boxes=False,
                 suggestions=("pending",) if plan.include_suggestions else None)
    cat_of = {lab.id: i + 1 for i, lab in enumerate(sel.labels)}
    kept = {im.id for im in sel.images}
    all_kept = len(kept) == store.image_count()
    lo, top = store.annotation_id_range()
    helper = None
    hi = top
    if top - lo + 1 >= SPLIT_AT and can_spawn(store):
        # the upper part of the annotations is serialised by a helper process meanwhile (this
        # process also lists the images, so it takes a little less)
        hi = lo + int((top - lo) * 0.45)
        part = out.with_name(f".{out.name}.part")
        helper = spawn_python("glancelabel.core.formats.coco", "_part_main", {
            "uri": readonly_uri(store.path), "lo": hi + 1, "hi": top, "out": str(part),
            "kept": None if all_kept else sorted(kept), "cat_of": list(cat_of.items()),
        })
    count_tags_left(store, sel, summary, N_("formats", "COCO detection"))
    label_counts: Counter = Counter()
    no_class: list[tuple] = []
    boxes = 0
    try:
        with atomic_file(out) as fh:
            fh.write(_head(sel, folder))
            first = True
            for rows in store.iter_box_rows_between(0, hi, CHUNK):
                data, n = annotation_items(rows, None if all_kept else kept, cat_of, label_counts,
                                           no_class)
                if n:
                    fh.write(data if first else b"," + data)
                    first = False
                    boxes += n
                check_cancel(cancel)
                progress("annotations", rows[-1][1] - lo, top - lo + 1)
            if helper is not None:
                result = _finish_helper(helper, cancel)
                boxes += result["boxes"]
                label_counts.update(dict(result["per_category"]))
                no_class += [tuple(x) for x in result["no_class"]]
                if result["boxes"]:
                    if not first:
                        fh.write(b",")
                    with open(part, "rb") as src:
                        shutil.copyfileobj(src, fh, 1 << 22)
            fh.write(b"]}")
            check_cancel(cancel)
            if plan.include_suggestions:
                _write_detections(sel, cat_of, out, summary)
    finally:
        if helper is not None:
            _stop_helper(helper, part)
    rel_of = {im.id: im.relpath for im in sel.images}
    for image_id, ann_id in no_class:
        summary.skip(rel_of[image_id], said(N_("formats", "box {id} has no class"), id=ann_id))
    for lab in sel.labels:
        if label_counts[cat_of[lab.id]]:
            summary.per_class[lab.name] = label_counts[cat_of[lab.id]]
    summary.images = len(sel.images)
    summary.boxes = boxes
    summary.files.append(out)
    summary.note(said(N_("formats", "file_name is relative to the image folder; point your loader's "
                         "image root at {folder}."), folder=str(Path(folder).resolve())))


def _head(sel: Selection, folder: Path) -> bytes:
    """The file up to its annotations: info, images and categories."""
    images = [
        {"id": im.id, "file_name": im.relpath, "width": im.width, "height": im.height}
        for im in sel.images
    ]
    categories = [
        {"id": i + 1, "name": lab.name, "supercategory": "none"} for i, lab in enumerate(sel.labels)
    ]
    info = {
        "description": f"GlanceLabel export of {Path(folder).name}",
        "version": "1.0",
        "year": time.gmtime().tm_year,
        "date_created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    return (b'{"info":' + orjson.dumps(info) + b',"licenses":[],"images":' + orjson.dumps(images)
            + b',"categories":' + orjson.dumps(categories) + b',"annotations":[')


def _stop_helper(helper: tuple[subprocess.Popen[bytes], Path], part: Path) -> None:
    """The helper process gone and its files removed (after it finished, or on an error)."""
    stop_helper(*helper)
    part.unlink(missing_ok=True)


def annotation_items(rows: list[tuple], kept: set[int] | None, cat_of: dict[int, int],
                     counts: Counter, no_class: list) -> tuple[bytes, int]:
    """COCO annotation objects for box rows (image_id, id, label_id, x, y, w, h) as JSON array
    items without the brackets; counts per category id; rows without a class go to no_class."""
    if kept is None:
        items = [
            {"id": ann_id, "image_id": image_id, "category_id": cat_of[label_id],
             "bbox": [x, y, w, h], "area": w * h, "iscrowd": 0}
            for image_id, ann_id, label_id, x, y, w, h in rows if label_id in cat_of
        ]
    else:
        items = [
            {"id": ann_id, "image_id": image_id, "category_id": cat_of[label_id],
             "bbox": [x, y, w, h], "area": w * h, "iscrowd": 0}
            for image_id, ann_id, label_id, x, y, w, h in rows
            if image_id in kept and label_id in cat_of
        ]
    if len(items) < len(rows):
        no_class += [(r[0], r[1]) for r in rows
                     if r[2] is None and (kept is None or r[0] in kept)]
    if kept is None:  # count label ids in C, then by category
        by_label = Counter(map(_third, rows))
        for label_id, n in by_label.items():
            if label_id in cat_of:
                counts[cat_of[label_id]] += n
    else:
        counts.update(a["category_id"] for a in items)
    return orjson.dumps(items)[1:-1], len(items)


def _part_main(job_path: str) -> None:
    """Helper process: serialise the annotations with lo <= id <= hi into job["out"] (array items,
    comma-separated) and print {"boxes", "per_category", "no_class"} (or {"error"}) as JSON."""
    gc.disable()  # millions of short-lived rows and dicts, no cycles
    try:
        job = orjson.loads(Path(job_path).read_bytes())
        kept = None if job["kept"] is None else set(job["kept"])
        cat_of = dict(job["cat_of"])
        counts: Counter = Counter()
        no_class: list = []
        boxes = 0
        conn = open_readonly(job["uri"])
        try:
            with open(job["out"], "wb") as fh:
                for rows in box_rows_between(conn, job["lo"], job["hi"], CHUNK):
                    data, n = annotation_items(rows, kept, cat_of, counts, no_class)
                    if n:
                        fh.write(data if not boxes else b"," + data)
                        boxes += n
        finally:
            conn.close()
        result = {"boxes": boxes, "per_category": list(counts.items()), "no_class": no_class}
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as one line
        result = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.buffer.write(orjson.dumps(result))
    sys.stdout.flush()


def _finish_helper(helper: tuple[subprocess.Popen[bytes], Path],
                   cancel: threading.Event | None) -> dict:
    proc, _job = helper
    assert proc.stdout is not None  # spawned with a pipe
    out = proc.stdout.read()
    proc.wait()
    try:
        result = orjson.loads(out)
    except orjson.JSONDecodeError:
        result = {"error": f"the helper process ended with status {proc.returncode}"}
    if "error" in result:
        raise FormatError(N_("errors", "Writing the annotations failed: {reason}."),
                          reason=result["error"])
    check_cancel(cancel)
    return result


def _write_detections(sel: Selection, cat_of: dict[int, int], out: Path,
                      summary: ExportSummary) -> None:
    rows = []
    rel_of = {im.id: im.relpath for im in sel.images}
    no_score = 0
    for image_id, items in sel.suggestions.items():
        for s in items:
            sid, kind, raw, label_id, x, y, w, h = s[1:9]
            conf = s[10]
            if kind != "box" or x is None:
                continue
            if label_id not in cat_of:
                summary.skip(rel_of[image_id], no_exported_class(sid, raw))
                continue
            if conf is None:
                no_score += 1
            rows.append({"id": sid, "image_id": image_id, "category_id": cat_of[label_id],
                         "bbox": [x, y, w, h], "score": 1.0 if conf is None else conf})
    path = detections_path(out)
    with atomic_file(path) as fh:
        fh.write(orjson.dumps(rows))
    summary.suggestions = len(rows)
    summary.files.append(path)
    if no_score:
        summary.note(counted(no_score, N_("formats", "{count} suggestion had no confidence; written with "
                                          "score 1.0."),
                             N_("formats", "{count} suggestions had no confidence; written with score 1.0.")))
