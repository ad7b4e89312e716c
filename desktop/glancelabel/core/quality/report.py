"""The AI quality report: how good were the suggestions, measured against what people decided.

Only images a person reviewed count (done, and not accepted by a spot-check or bulk action). For
each run (provider/model) and each such image the run looked at, the run's box suggestions — all of
them, whatever was decided — are matched to the image's final box annotations: per class, greedily
by confidence, each suggestion takes the unmatched annotation of its class with the highest
IoU >= 0.5. Matched: true positive; unmatched suggestion: false positive; unmatched annotation
(including every box a person drew that the AI missed): false negative. Image tags are compared as
sets. Precision and recall carry 95 % Wilson intervals. Also: suggestions accepted after an edit
(how much the box moved, as IoU), boxes people added, and cost per accepted label.

Pure parts live apart: matching in `quality_match`, the figures (`Counts`, `ModelQuality`,
`QualityReport`) in `quality_counts`, the HTML page and its SVG plots in `quality_html`. This module
builds the report from a store (`build_report`), writes the CSV (`write_csv`) and re-exports the
rest, so callers import everything from here. Writers: `write_html` (one self-contained file,
plots as inline SVG) and `write_csv`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..geometry import iou
from ..model import Box
from ..spotcheck.sample import EDITED, spot_check_status, suggestion_outcome
from ..store.audits import class_name
from .agreement import build_agreement
from .counts import ALL, Counts, ModelQuality, QualityReport
from .heldout import build_comparisons
from .html import (
    PLOT_HEIGHT,
    PLOT_TOP,
    PRECISION_COLOR,
    RECALL_COLOR,
    Series,
    class_chart,
    model_chart,
    render_html,
    svg_bar_chart,
    write_html,
)
from .match import IOU_THRESHOLD, Match, MatchResult, Pred, Truth, match_boxes

if TYPE_CHECKING:
    from ..model import Run
    from ..store import Store

# job states meaning "the model looked at this image" (it may have found nothing): asked, or
# answered from the cache (store/jobs.py JOB_STATES lists every state a job takes)
FINISHED_JOB_STATES = ("done", "cached")


# -- building ---------------------------------------------------------------------------------------
def _box(r: Mapping[str, Any], prefix: str = "") -> Box | None:
    x = r[prefix + "x"]
    if x is None:
        return None
    return Box(x, r[prefix + "y"], r[prefix + "w"], r[prefix + "h"])


def _known_box(r: Mapping[str, Any]) -> Box:
    """The box of a row whose x was checked to be set."""
    return Box(r["x"], r["y"], r["w"], r["h"])


def build_report(store: Store, *, threshold: float = IOU_THRESHOLD, with_audits: bool = True,
                 compare: bool = True) -> QualityReport:
    """The report; with `compare`, also the models on the held-out images (`heldout`: runs
    the project's local models on them)."""
    images = store.quality_images()
    reviewed = {r["id"] for r in images}
    suggestions = store.quality_suggestions()
    annotations = store.quality_annotations()
    runs: dict[int | None, Run] = {r.id: r for r in store.runs()}
    finished: dict[int | None, set[int]] = {
        run_id: ids for run_id, ids in store.run_finished_images(FINISHED_JOB_STATES).items()}
    accepted_by_run = store.accepted_counts_by_run()

    truth_boxes: dict[int, list[Truth]] = {}
    truth_tags: dict[int, set[str]] = {}
    manual: dict[int, list[str]] = {}
    for a in annotations:
        name = a["label_name"] if a["label_name"] is not None else "(no class)"
        if a["kind"] == "tag":
            truth_tags.setdefault(a["image_id"], set()).add(name)
        elif a["x"] is not None:
            truth_boxes.setdefault(a["image_id"], []).append(Truth(name, _known_box(a)))
            if a["source"] == "manual":
                manual.setdefault(a["image_id"], []).append(name)

    by_run: dict[int | None, dict[int, list[dict]]] = {}
    for s in suggestions:
        by_run.setdefault(s["run_id"], {}).setdefault(s["image_id"], []).append(s)

    models: list[ModelQuality] = []
    seen: set[int] = set()
    for run_id in sorted(set(by_run) | set(finished), key=lambda r: (r is None, r or 0)):
        per_image = by_run.get(run_id, {})
        evaluated = sorted(reviewed & (set(per_image) | finished.get(run_id, set())))
        if not evaluated:
            continue
        seen.update(evaluated)
        run = runs.get(run_id)
        mq = ModelQuality(
            run_id=run_id,
            provider=run.provider if run else "(none)",
            model=run.model if run else "(none)",
            images=len(evaluated),
            accepted_labels=accepted_by_run.get(run_id, 0),
            cost_usd=run.cost_usd if run else 0.0,
        )
        has_tags = any(s["kind"] == "tag" for rows in per_image.values() for s in rows)
        for image_id in evaluated:
            rows = per_image.get(image_id, [])
            _score_boxes(mq, rows, truth_boxes.get(image_id, []), manual.get(image_id, []),
                         threshold)
            if has_tags:
                _score_tags(mq, rows, truth_tags.get(image_id, set()))
        models.append(mq)

    overall = ModelQuality(run_id=None, provider=ALL, model=ALL)
    overall.images = len(seen)
    for mq in models:
        overall.tag_images += mq.tag_images
        overall.tag_exact += mq.tag_exact
        overall.accepted_labels += mq.accepted_labels
        overall.cost_usd += mq.cost_usd
        for table, mine in ((overall.boxes, mq.boxes), (overall.tags, mq.tags)):
            for name, c in mine.items():
                table.setdefault(name, Counts()).add(c)
    audits = []
    if with_audits:
        for row in store.audit_rows():
            st = spot_check_status(store, row["id"]).to_dict()
            st.pop("sample")
            audits.append(st)
    folder = store.folder
    return QualityReport(
        images_reviewed=len(reviewed), annotations=len(annotations),
        added_boxes=sum(len(v) for v in manual.values()),
        models=models, overall=overall, audits=audits,
        folder=None if folder is None else str(folder),
        comparisons=[] if not compare or folder is None else build_comparisons(store, folder),
        agreement=build_agreement(store),
    )


def _score_boxes(mq: ModelQuality, rows: list[dict], truths: list[Truth], manual: list[str],
                 threshold: float) -> None:
    preds, keep = [], []
    for s in rows:
        if s["kind"] != "box" or s["x"] is None:
            continue
        preds.append(Pred(class_name(s["label_name"], s["raw_label"]), _known_box(s),
                          s["confidence"]))
        keep.append(s)
    result = match_boxes(preds, truths, threshold)
    for m in result.matches:
        mq.cls(mq.boxes, preds[m.pred].cls).tp += 1
    for i in result.false_positives:
        mq.cls(mq.boxes, preds[i].cls).fp += 1
    for i in result.false_negatives:
        mq.cls(mq.boxes, truths[i].cls).fn += 1
    for name in manual:
        mq.cls(mq.boxes, name).added += 1
    for p, s in zip(preds, keep, strict=True):
        if suggestion_outcome(s) != EDITED:
            continue
        c = mq.cls(mq.boxes, p.cls)
        c.edited += 1
        if s["ann_id"] is not None and s["ann_label_id"] != s["label_id"]:
            c.relabelled += 1
        final = _box(s, "a")
        if final is not None and final != p.box:
            c.edit_ious.append(iou(p.box, final))


def _score_tags(mq: ModelQuality, rows: list[dict], truth: set[str]) -> None:
    suggested = {class_name(s["label_name"], s["raw_label"]) for s in rows if s["kind"] == "tag"}
    for name in suggested & truth:
        mq.cls(mq.tags, name).tp += 1
    for name in suggested - truth:
        mq.cls(mq.tags, name).fp += 1
    for name in truth - suggested:
        mq.cls(mq.tags, name).fn += 1
    mq.tag_images += 1
    mq.tag_exact += suggested == truth


# -- CSV -------------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "run_id", "provider", "model", "kind", "class", "images", "tp", "fp", "fn",
    "precision", "precision_ci_low", "precision_ci_high", "recall", "recall_ci_low",
    "recall_ci_high", "f1", "edited", "relabelled", "moved_boxes", "mean_iou_edited", "added",
    "tag_accuracy", "accepted_labels", "cost_usd", "cost_per_accepted_label",
)


def csv_rows(report: QualityReport) -> Iterable[dict]:
    for mq in [*report.models, report.overall]:
        run = {"run_id": "" if mq.run_id is None else mq.run_id, "provider": mq.provider,
               "model": mq.model}
        yield {**run, "kind": "box", "class": ALL, "images": mq.images,
               **mq.box_total.to_dict(), "tag_accuracy": mq.tag_accuracy,
               "accepted_labels": mq.accepted_labels, "cost_usd": mq.cost_usd,
               "cost_per_accepted_label": mq.cost_per_accepted}
        for name, c in sorted(mq.boxes.items()):
            yield {**run, "kind": "box", "class": name, **c.to_dict()}
        if mq.tag_images:
            yield {**run, "kind": "tag", "class": ALL, "images": mq.tag_images,
                   **mq.tag_total.to_dict(), "tag_accuracy": mq.tag_accuracy}
            for name, c in sorted(mq.tags.items()):
                yield {**run, "kind": "tag", "class": name, **c.to_dict()}


def write_csv(report: QualityReport, path: Path | str) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for row in csv_rows(report):
            w.writerow({k: _csv_value(row.get(k)) for k in CSV_COLUMNS})
    tmp.replace(path)
    return path


def _csv_value(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.6g}"
    return v


__all__ = [
    # matching (quality_match)
    "IOU_THRESHOLD", "Pred", "Truth", "Match", "MatchResult", "match_boxes",
    # figures (quality_counts)
    "ALL", "Counts", "ModelQuality", "QualityReport",
    # HTML and SVG plots (quality_html)
    "PLOT_TOP", "PLOT_HEIGHT", "PRECISION_COLOR", "RECALL_COLOR", "Series", "svg_bar_chart",
    "class_chart", "model_chart", "render_html", "write_html",
    # building and CSV
    "FINISHED_JOB_STATES", "build_report", "CSV_COLUMNS", "csv_rows", "write_csv",
]
