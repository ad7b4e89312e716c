"""Suggestions JSON for scripts: export.

    {"format": "glancelabel-suggestions", "version": 1, "folder": ..., "images": [
      {"relpath", "width", "height", "review_state", "suggestions": [
        {"id", "kind", "label", "raw_label", "text", "class", "box": [x, y, w, h] | null,
         "confidence", "state", "provider", "model", "run_id", "rationale"}]}]}

`label` is what the model wrote; for OCR (a suggestion with text) it is the text read. `class` is the
mapped class name, or null for an unknown label. Boxes are in the displayed (EXIF-rotated) frame;
width and height are the oriented ones. Every readable, not excluded image is listed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from .files import atomic_file
from .plan import ExportPlan
from .selection import select
from .summary import ExportSummary, Progress, check_cancel

if TYPE_CHECKING:
    from ..store import Store


def export(
    store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
    cancel: threading.Event | None,
) -> None:
    sel = select(store, plan, summary, boxes=False,
                 suggestions=("pending", "accepted", "rejected", "edited"),
                 leave_out_unclassed=False)
    name_of = {lab.id: lab.name for lab in store.labels()}
    images = []
    total = len(sel.images)
    for n, im in enumerate(sel.images, 1):
        items = []
        for (_image_id, sid, kind, raw, label_id, x, y, w, h, text, conf, state, provider, model,
             run_id, rationale) in sel.suggestions.get(im.id, ()):
            items.append({
                "id": sid, "kind": kind, "label": text if text else raw, "raw_label": raw,
                "text": text, "class": name_of.get(label_id) if label_id is not None else None,
                "box": None if x is None else [x, y, w, h], "confidence": conf, "state": state,
                "provider": provider, "model": model, "run_id": run_id, "rationale": rationale,
            })
            if label_id is not None and label_id in name_of:
                summary.per_class[name_of[label_id]] += 1
        summary.suggestions += len(items)
        images.append({"relpath": im.relpath, "width": im.width, "height": im.height,
                       "review_state": im.review_state, "suggestions": items})
        if n % 5000 == 1:
            check_cancel(cancel)
            progress("images", n, total)
    check_cancel(cancel)
    doc = {"format": "glancelabel-suggestions", "version": 1,
           "folder": str(Path(folder).resolve()), "images": images}
    with atomic_file(plan.target) as fh:
        fh.write(orjson.dumps(doc))
    summary.images = total
    summary.files.append(plan.target)
