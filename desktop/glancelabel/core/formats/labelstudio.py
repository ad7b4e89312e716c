"""Label Studio JSON tasks: export and import.

Export: one task per image (`data.image` = URL prefix + relpath, `meta.relpath`), accepted
annotations as one `annotations` entry (rectangles in percent of `original_width`/`original_height`,
tags as `choices`), pending suggestions as `predictions` (one per run, with `model_version` and
`score`). A labelling config (`<name>.label_config.xml`) is written beside it.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlparse
from xml.sax.saxutils import quoteattr

import orjson

from ..i18n import N_, said
from ..model import Box, Kind
from .files import atomic_file, atomic_write_bytes, read_json
from .importer import Dataset, ListedImage, Record
from .plan import ExportPlan
from .selection import ExportImage, Selection, no_exported_class, select
from .summary import ExportSummary, FormatError, Progress, check_cancel

if TYPE_CHECKING:
    from ..store import Store


def label_config(names: list[str]) -> str:
    labels = "".join(f"    <Label value={quoteattr(n)}/>\n" for n in names)
    choices = "".join(f"    <Choice value={quoteattr(n)}/>\n" for n in names)
    return (
        "<View>\n"
        '  <Image name="image" value="$image"/>\n'
        '  <RectangleLabels name="label" toName="image">\n'
        f"{labels}"
        "  </RectangleLabels>\n"
        '  <Choices name="tags" toName="image" choice="multiple">\n'
        f"{choices}"
        "  </Choices>\n"
        "</View>\n"
    )


def rect_result(rid: str, name: str, x: float, y: float, w: float, h: float, width: int,
                height: int, score: float | None = None) -> dict:
    """A box in displayed-frame pixels as a Label Studio rectangle (percent of the oriented
    width and height, which is the frame Label Studio's browser view shows)."""
    item = {
        "id": rid, "type": "rectanglelabels", "from_name": "label", "to_name": "image",
        "original_width": width, "original_height": height, "image_rotation": 0,
        "value": {"x": x * 100.0 / width, "y": y * 100.0 / height, "width": w * 100.0 / width,
                  "height": h * 100.0 / height, "rotation": 0, "rectanglelabels": [name]},
    }
    if score is not None:
        item["score"] = score
    return item


def choice_result(rid: str, name: str, score: float | None = None) -> dict:
    """An image tag as a Label Studio choice."""
    item: dict[str, object] = {"id": rid, "type": "choices", "from_name": "tags", "to_name": "image",
            "value": {"choices": [name]}}
    if score is not None:
        item["score"] = score
    return item


def export(
    store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
    cancel: threading.Event | None,
) -> None:
    out = plan.target
    sel = select(store, plan, summary, tags=True,
                 suggestions=("pending",) if plan.include_suggestions else None)
    name_of = {lab.id: lab.name for lab in sel.labels}
    tasks = []
    total = len(sel.images)
    for n, im in enumerate(sel.images, 1):
        result = []
        for ann_id, label_id, x, y, w, h in sel.boxes.get(im.id, ()):
            result.append(rect_result(f"a{ann_id}", name_of[label_id], x, y, w, h, im.width, im.height))
            summary.per_class[name_of[label_id]] += 1
            summary.boxes += 1
        for ann_id, label_id in sel.tags.get(im.id, ()):
            result.append(choice_result(f"a{ann_id}", name_of[label_id]))
            summary.tags += 1
        task = {
            "id": im.id,
            "data": {"image": plan.url_prefix + quote(im.relpath, safe="/")},
            "meta": {"relpath": im.relpath},
            "annotations": (
                [{"result": result, "was_cancelled": False, "ground_truth": False}]
                if result or im.review_state == "done" else []
            ),
        }
        if plan.include_suggestions:
            task["predictions"] = _predictions(sel, im, name_of, summary)
        tasks.append(task)
        if n % 5000 == 1:
            check_cancel(cancel)
            progress("tasks", n, total)
    check_cancel(cancel)
    with atomic_file(out) as fh:
        fh.write(orjson.dumps(tasks))
    config = out.with_name(out.stem + ".label_config.xml")
    atomic_write_bytes(config, label_config([lab.name for lab in sel.labels]).encode("utf-8"))
    summary.images = total
    summary.files += [out, config]
    summary.note(said(N_("formats", "Image URLs start with {prefix}: in Label Studio add a local files "
                         "storage for {folder} (LOCAL_FILES_SERVING_ENABLED=true, "
                         "LOCAL_FILES_DOCUMENT_ROOT at or above it) and use the labelling config "
                         "written beside."), prefix=repr(plan.url_prefix), folder=str(Path(folder).resolve())))


def _predictions(sel: Selection, im: ExportImage, name_of: dict[int, str],
                 summary: ExportSummary) -> list[dict]:
    by_run: dict = defaultdict(list)
    for s in sel.suggestions.get(im.id, ()):
        sid, kind, raw, label_id, x, y, w, h, text, conf, _state, provider, model, run_id = s[1:15]
        if label_id not in name_of:
            summary.skip(im.relpath, no_exported_class(sid, raw))
            continue
        if kind == "box" and x is not None:
            item = rect_result(f"s{sid}", name_of[label_id], x, y, w, h, im.width, im.height, conf)
        elif kind == "tag":
            item = choice_result(f"s{sid}", name_of[label_id], conf)
        else:
            continue
        by_run[(run_id, provider, model)].append((item, conf))
        summary.suggestions += 1
    preds = []
    for (_run_id, provider, model), items in by_run.items():
        scores = [c for _, c in items if c is not None]
        preds.append({
            "model_version": f"{provider or 'unknown'}/{model or 'unknown'}",
            "score": sum(scores) / len(scores) if scores else None,
            "result": [item for item, _ in items],
        })
    return preds


# -- import --------------------------------------------------------------------------------------

_UPLOAD = re.compile(r"^/data/upload/\d+/(?:[0-9a-f]{8}-)?(.+)$")


def image_refs(value: str) -> list[str]:
    """Names a Label Studio image URL may stand for, most specific first."""
    if "?d=" in value:
        return [unquote(value.split("?d=", 1)[1])]
    m = _UPLOAD.match(value)
    if m:
        return [unquote(m.group(1))]
    parsed = urlparse(value)
    if parsed.scheme in ("http", "https", "s3", "gs", "azure-blob"):
        path = unquote(parsed.path).lstrip("/")
        return [path, path.rsplit("/", 1)[-1]] if path else []
    return [unquote(value)]


def read(source: Path, dataset: Dataset) -> None:
    source = Path(source)
    name = source.name
    data = read_json(source)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise FormatError(N_("errors", "{name} is not a list of Label Studio tasks."), name=name)
    ignored = 0
    for i, task in enumerate(data):
        where = f"{name} task[{i}]"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            dataset.skip(where, N_("formats", "task without 'data'"))
            continue
        value = task["data"].get("image")
        if not isinstance(value, str):
            value = next((v for v in task["data"].values() if isinstance(v, str)), None)
        refs = []
        meta = task.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("relpath"), str):
            refs.append(meta["relpath"])
        if value:
            refs += image_refs(value)
        if not refs:
            dataset.skip(where, N_("formats", "task without an image"))
            continue
        listed = ListedImage(where, refs, None, base=source.parent)
        dataset.images.append(listed)
        sources = []
        anns = [a for a in task.get("annotations") or []
                if isinstance(a, dict) and not a.get("was_cancelled")]
        if anns:
            sources.append(("annotations[0]", anns[0], None))
        for j, pred in enumerate(task.get("predictions") or []):
            if isinstance(pred, dict):
                sources.append((f"predictions[{j}]", pred, pred.get("score")))
        for label, entry, score in sources:
            if label.startswith("predictions") and not dataset.as_suggestions:
                ignored += 1
                continue
            for k, item in enumerate(entry.get("result") or []):
                _read_item(item, f"{where} {label} result[{k}]", listed, score, dataset)
    if ignored:
        dataset.notes.append(
            f"{ignored} predictions were not imported as annotations; import as suggestions "
            "to review them."
        )


def _read_item(item: object, where: str, listed: ListedImage, score: float | None,
               dataset: Dataset) -> None:
    if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
        dataset.skip(where, N_("formats", "result without 'value'"))
        return
    value = item["value"]
    score = item.get("score", score)
    score = float(score) if isinstance(score, int | float) else None
    kind = item.get("type")
    if kind == "choices":
        for choice in value.get("choices") or []:
            dataset.records.append(Record(where, listed, Kind.TAG, str(choice), score=score))
        return
    if kind not in ("rectanglelabels", "rectangle", "labels"):
        dataset.skip(where, said(N_("formats", "result type {kind} is not imported (boxes and choices "
                                    "only)"), kind=repr(kind)))
        return
    names = value.get("rectanglelabels") or value.get("labels") or []
    if not names:
        dataset.skip(where, N_("formats", "rectangle without a label"))
        return
    if value.get("rotation"):
        dataset.skip(where, N_("formats", "rotated rectangles are not imported"))
        return
    try:
        x, y, w, h = (float(value[k]) for k in ("x", "y", "width", "height"))
    except (KeyError, TypeError, ValueError):
        dataset.skip(where, N_("formats", "rectangle needs numeric x, y, width, height"))
        return
    if len(names) > 1:
        dataset.warn(where, said(N_("formats", "several labels {names}; the first is used"), names=names))
    ow, oh = item.get("original_width"), item.get("original_height")
    if isinstance(ow, int | float) and isinstance(oh, int | float) and ow > 0 and oh > 0:
        if listed.size is None:
            listed.size = (float(ow), float(oh))
        sx, sy = listed.size[0] / 100.0, listed.size[1] / 100.0
        box = Box(x * sx, y * sy, w * sx, h * sy)
        rel = False
    else:
        box = Box(x / 100.0, y / 100.0, w / 100.0, h / 100.0)
        rel = True
    dataset.records.append(
        Record(where, listed, Kind.BOX, str(names[0]), box, relative=rel, score=score)
    )
