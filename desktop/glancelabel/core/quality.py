"""The AI quality report: how good were the suggestions, measured against what people decided.

Only images a person reviewed count (done, and not accepted by a spot-check or bulk action). For
each run (provider/model) and each such image the run looked at, the run's box suggestions — all of
them, whatever was decided — are matched to the image's final box annotations: per class, greedily
by confidence, each suggestion takes the unmatched annotation of its class with the highest
IoU >= 0.5. Matched: true positive; unmatched suggestion: false positive; unmatched annotation
(including every box a person drew that the AI missed): false negative. Image tags are compared as
sets. Precision and recall carry 95 % Wilson intervals. Also: suggestions accepted after an edit
(how much the box moved, as IoU), boxes people added, and cost per accepted label.

Writers: `write_html` (one self-contained file, plots as inline SVG drawn here) and `write_csv`.
"""

from __future__ import annotations

import csv
import html
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .audit import EDITED, Rate, audit_status, pct, suggestion_outcome
from .geometry import iou
from .model import Box
from .store.audits import class_name

IOU_THRESHOLD = 0.5
# job states meaning "the model looked at this image" (it may have found nothing)
FINISHED_JOB_STATES = ("done", "succeeded", "completed", "ok", "cached")
ALL = "(all)"


# -- matching --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pred:
    cls: str
    box: Box
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Truth:
    cls: str
    box: Box


@dataclass(frozen=True, slots=True)
class Match:
    pred: int
    truth: int
    iou: float


@dataclass(frozen=True)
class MatchResult:
    matches: list[Match]
    false_positives: list[int]  # indices into preds
    false_negatives: list[int]  # indices into truths


def match_boxes(
    preds: Sequence[Pred], truths: Sequence[Truth], threshold: float = IOU_THRESHOLD
) -> MatchResult:
    """Greedy matching by confidence (highest first; none counts as lowest; ties keep order):
    each prediction takes the unmatched truth of its class with the highest IoU >= threshold."""
    order = sorted(
        range(len(preds)),
        key=lambda i: (preds[i].confidence is None, -(preds[i].confidence or 0.0), i),
    )
    taken: set[int] = set()
    matches: list[Match] = []
    fps: list[int] = []
    for pi in order:
        p = preds[pi]
        best, best_iou = None, threshold
        for ti, t in enumerate(truths):
            if ti in taken or t.cls != p.cls:
                continue
            v = iou(p.box, t.box)
            if v >= best_iou and (best is None or v > best_iou):
                best, best_iou = ti, v
        if best is None:
            fps.append(pi)
        else:
            taken.add(best)
            matches.append(Match(pi, best, best_iou))
    fns = [ti for ti in range(len(truths)) if ti not in taken]
    return MatchResult(matches, sorted(fps), fns)


# -- counts ----------------------------------------------------------------------------------------
@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    edited: int = 0  # suggestions accepted after an edit (box or class)
    relabelled: int = 0  # of those, with another class
    edit_ious: list[float] = field(default_factory=list)  # IoU(suggested, final) of moved boxes
    added: int = 0  # annotations people drew by hand

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.edited += other.edited
        self.relabelled += other.relabelled
        self.edit_ious.extend(other.edit_ious)
        self.added += other.added

    @property
    def precision(self) -> Rate:
        return Rate.of(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> Rate:
        return Rate.of(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else None

    @property
    def mean_edit_iou(self) -> float | None:
        return sum(self.edit_ious) / len(self.edit_ious) if self.edit_ious else None

    def to_dict(self) -> dict:
        p, r = self.precision, self.recall
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": p.value, "precision_ci_low": p.low, "precision_ci_high": p.high,
            "recall": r.value, "recall_ci_low": r.low, "recall_ci_high": r.high,
            "f1": self.f1, "edited": self.edited, "relabelled": self.relabelled,
            "moved_boxes": len(self.edit_ious), "mean_iou_edited": self.mean_edit_iou,
            "added": self.added,
        }


def _total(per_class: dict[str, Counts]) -> Counts:
    total = Counts()
    for c in per_class.values():
        total.add(c)
    return total


@dataclass
class ModelQuality:
    """Quality of one run (or of all runs together when run_id is None and name is ALL)."""

    run_id: int | None
    provider: str
    model: str
    images: int = 0
    boxes: dict[str, Counts] = field(default_factory=dict)
    tags: dict[str, Counts] = field(default_factory=dict)
    tag_images: int = 0
    tag_exact: int = 0  # images whose suggested tag set equals the final one
    accepted_labels: int = 0  # over every image, whoever decided
    cost_usd: float = 0.0

    @property
    def name(self) -> str:
        if self.run_id is None and self.provider == ALL:
            return "all runs"
        return f"{self.provider}/{self.model} (run {self.run_id})"

    @property
    def box_total(self) -> Counts:
        return _total(self.boxes)

    @property
    def tag_total(self) -> Counts:
        return _total(self.tags)

    @property
    def tag_accuracy(self) -> float | None:
        return self.tag_exact / self.tag_images if self.tag_images else None

    @property
    def cost_per_accepted(self) -> float | None:
        return self.cost_usd / self.accepted_labels if self.accepted_labels else None

    def cls(self, table: dict[str, Counts], name: str) -> Counts:
        return table.setdefault(name, Counts())

    def to_dict(self) -> dict:
        return {
            "run_id": self.run_id, "provider": self.provider, "model": self.model,
            "name": self.name, "images": self.images,
            "boxes": self.box_total.to_dict(),
            "per_class": {k: v.to_dict() for k, v in sorted(self.boxes.items())},
            "tags": None if not self.tag_images else {
                **self.tag_total.to_dict(), "images": self.tag_images,
                "exact": self.tag_exact, "accuracy": self.tag_accuracy,
                "per_class": {k: v.to_dict() for k, v in sorted(self.tags.items())},
            },
            "accepted_labels": self.accepted_labels, "cost_usd": self.cost_usd,
            "cost_per_accepted_label": self.cost_per_accepted,
        }


@dataclass
class QualityReport:
    images_reviewed: int
    annotations: int  # final boxes and tags on reviewed images
    added_boxes: int  # drawn by hand on reviewed images
    models: list[ModelQuality]
    overall: ModelQuality
    audits: list[dict] = field(default_factory=list)
    folder: str | None = None
    created_at: float = field(default_factory=time.time)

    def to_dict(self) -> dict:
        return {
            "folder": self.folder, "created_at": self.created_at,
            "images_reviewed": self.images_reviewed, "annotations": self.annotations,
            "added_boxes": self.added_boxes,
            "overall": self.overall.to_dict(),
            "models": [m.to_dict() for m in self.models],
            "audits": self.audits,
        }


# -- building ---------------------------------------------------------------------------------------
def _box(r, prefix: str = "") -> Box | None:
    x = r[prefix + "x"]
    if x is None:
        return None
    return Box(x, r[prefix + "y"], r[prefix + "w"], r[prefix + "h"])


def build_report(store, *, threshold: float = IOU_THRESHOLD, with_audits: bool = True) -> QualityReport:
    images = store.quality_images()
    reviewed = {r["id"] for r in images}
    suggestions = store.quality_suggestions()
    annotations = store.quality_annotations()
    runs = {r.id: r for r in store.runs()}
    finished = store.run_finished_images(FINISHED_JOB_STATES)
    accepted_by_run = store.accepted_counts_by_run()

    truth_boxes: dict[int, list[Truth]] = {}
    truth_tags: dict[int, set[str]] = {}
    manual: dict[int, list[str]] = {}
    for a in annotations:
        name = a["label_name"] if a["label_name"] is not None else "(no class)"
        if a["kind"] == "tag":
            truth_tags.setdefault(a["image_id"], set()).add(name)
        elif a["x"] is not None:
            truth_boxes.setdefault(a["image_id"], []).append(Truth(name, _box(a)))
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
            st = audit_status(store, row["id"]).to_dict()
            st.pop("sample")
            audits.append(st)
    folder = store.folder
    return QualityReport(
        images_reviewed=len(reviewed),
        annotations=len(annotations),
        added_boxes=sum(len(v) for v in manual.values()),
        models=models, overall=overall, audits=audits,
        folder=None if folder is None else str(folder),
    )


def _score_boxes(mq: ModelQuality, rows: list[dict], truths: list[Truth], manual: list[str],
                 threshold: float) -> None:
    preds, keep = [], []
    for s in rows:
        if s["kind"] != "box" or s["x"] is None:
            continue
        preds.append(Pred(class_name(s["label_name"], s["raw_label"]), _box(s), s["confidence"]))
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


def _csv_value(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.6g}"
    return v


# -- SVG plots --------------------------------------------------------------------------------------
PLOT_TOP, PLOT_HEIGHT = 48, 200
PRECISION_COLOR = "#4363d8"
RECALL_COLOR = "#f58231"


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    values: list[Rate]


def svg_bar_chart(title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    """Grouped bars on a 0-100 % axis with Wilson error bars; one self-contained <svg>."""
    labels = [c if len(c) <= 22 else c[:21] + "…" for c in categories]
    group_w = max(28, 18 * len(series) + 14)
    # rotated category labels hang to the left of their group: make room for the first one
    left = max(48, int(5.2 * len(labels[0]) - group_w / 2) + 8) if labels else 48
    right, top, bottom, plot_h = 16, PLOT_TOP, 100, PLOT_HEIGHT
    width = max(360, 16 + 8 * len(title), left + right + group_w * max(1, len(categories)))
    height = top + plot_h + bottom
    bar_w = (group_w - 14) / max(1, len(series))
    e = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{e(title)}" '
        'font-family="sans-serif" font-size="11">',
        f'<text x="8" y="16" font-size="13" font-weight="bold">{e(title)}</text>',
    ]

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                   f'{int(tick * 100)} %</text>')
    for gi, (cat, label) in enumerate(zip(categories, labels, strict=True)):
        gx = left + gi * group_w + 7
        for si, s in enumerate(series):
            rate = s.values[gi]
            x = gx + si * bar_w
            if rate.value is not None:
                out.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y(rate.value):.1f}" width="{bar_w - 2:.1f}" '
                    f'height="{plot_h * rate.value:.1f}" fill="{s.color}">'
                    f'<title>{e(cat)} {e(s.name)}: {pct(rate.value)} ({rate.successes}/{rate.n}, '
                    f'95 % {pct(rate.low)}–{pct(rate.high)})</title></rect>'
                )
                cx = x + (bar_w - 2) / 2
                out.append(
                    f'<path class="err" d="M{cx:.1f},{y(rate.low):.1f}V{y(rate.high):.1f}'
                    f'M{cx - 3:.1f},{y(rate.low):.1f}h6M{cx - 3:.1f},{y(rate.high):.1f}h6" '
                    'stroke="#222" fill="none"/>'
                )
        lx, ly = gx + group_w / 2 - 7, top + plot_h + 12
        out.append(f'<text x="{lx:.1f}" y="{ly}" text-anchor="end" '
                   f'transform="rotate(-35 {lx:.1f} {ly})">{e(label)}</text>')
    for si, s in enumerate(series):
        lx = left + 100 * si
        out.append(f'<rect x="{lx}" y="25" width="10" height="10" fill="{s.color}"/>'
                   f'<text x="{lx + 14}" y="34">{e(s.name)}</text>')
    out.append("</svg>")
    return "".join(out)


def class_chart(report: QualityReport) -> str:
    names = sorted(report.overall.boxes)
    return svg_bar_chart(
        "Boxes per class: precision and recall (95 % Wilson intervals)", names,
        [Series("precision", PRECISION_COLOR, [report.overall.boxes[n].precision for n in names]),
         Series("recall", RECALL_COLOR, [report.overall.boxes[n].recall for n in names])],
    )


def model_chart(report: QualityReport) -> str:
    return svg_bar_chart(
        "Precision and recall per model", [m.name for m in report.models],
        [Series("precision", PRECISION_COLOR, [m.box_total.precision for m in report.models]),
         Series("recall", RECALL_COLOR, [m.box_total.recall for m in report.models])],
    )


# -- HTML ------------------------------------------------------------------------------------------
def _rate_cell(rate: Rate) -> str:
    if rate.value is None:
        return "–"
    return f"{pct(rate.value)} <small>({pct(rate.low)}–{pct(rate.high)})</small>"


def _num(v, fmt: str = "{:.3f}") -> str:
    return "–" if v is None else fmt.format(v)


def _counts_rows(table: dict[str, Counts]) -> str:
    e = html.escape
    rows = []
    for name, c in sorted(table.items()):
        rows.append(
            f"<tr><td>{e(name)}</td><td>{c.tp}</td><td>{c.fp}</td><td>{c.fn}</td>"
            f"<td>{_rate_cell(c.precision)}</td><td>{_rate_cell(c.recall)}</td>"
            f"<td>{_num(c.f1)}</td><td>{c.edited}</td><td>{_num(c.mean_edit_iou)}</td>"
            f"<td>{c.added}</td></tr>"
        )
    return "".join(rows)


_CLASS_HEAD = ("<tr><th>class</th><th>TP</th><th>FP</th><th>FN</th><th>precision</th>"
               "<th>recall</th><th>F1</th><th>edited</th><th>mean IoU of moved boxes</th>"
               "<th>added by hand</th></tr>")

_CSS = """body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;
text-align:right}td:first-child,th:first-child{text-align:left}small{color:#666}
.pass{color:#1a7f37}.fail{color:#c62828}.continue{color:#9a6700}"""


def render_html(report: QualityReport) -> str:
    e = html.escape
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(report.created_at))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>GlanceLabel AI quality report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>AI quality report</h1>",
        f"<p>{e(report.folder or '')} — {when}. {report.images_reviewed} images reviewed by a "
        f"person, {report.annotations} final annotations, {report.added_boxes} boxes drawn by hand. "
        f"Boxes match when the class agrees and IoU ≥ {IOU_THRESHOLD}.</p>",
    ]
    if not report.models:
        parts.append("<p>No reviewed image has AI suggestions yet: review some images first.</p>")
    else:
        parts.append("<h2>Models</h2><table><tr><th>model</th><th>images</th><th>precision</th>"
                     "<th>recall</th><th>F1</th><th>tag accuracy</th><th>edited</th>"
                     "<th>mean IoU of moved boxes</th><th>added by hand</th>"
                     "<th>accepted labels</th><th>cost</th><th>cost per accepted label</th></tr>")
        for m in [*report.models, report.overall]:
            t = m.box_total
            parts.append(
                f"<tr><td>{e(m.name)}</td><td>{m.images}</td><td>{_rate_cell(t.precision)}</td>"
                f"<td>{_rate_cell(t.recall)}</td><td>{_num(t.f1)}</td>"
                f"<td>{_num(m.tag_accuracy, '{:.1%}')}</td><td>{t.edited}</td>"
                f"<td>{_num(t.mean_edit_iou)}</td><td>{t.added}</td><td>{m.accepted_labels}</td>"
                f"<td>${m.cost_usd:.4f}</td><td>{_num(m.cost_per_accepted, '${:.5f}')}</td></tr>"
            )
        parts.append("</table>")
        parts.append(f"<figure>{model_chart(report)}</figure>")
        parts.append(f"<figure>{class_chart(report)}</figure>")
        for m in [*report.models, report.overall]:
            parts.append(f"<h2>{e(m.name)}: boxes per class</h2><table>{_CLASS_HEAD}"
                         f"{_counts_rows(m.boxes)}</table>")
            if m.tag_images:
                parts.append(f"<h3>Tags ({m.tag_exact} of {m.tag_images} images exactly right)"
                             f"</h3><table>{_CLASS_HEAD}{_counts_rows(m.tags)}</table>")
    if report.audits:
        parts.append("<h2>Spot-checks</h2><table><tr><th>spot-check</th><th>run</th>"
                     "<th>reviewed</th><th>accepted</th><th>acceptance</th><th>target</th>"
                     "<th>verdict</th><th>failing classes</th></tr>")
        for a in report.audits:
            rate = Rate.of(a["accepted"], a["reviewed"])
            parts.append(
                f"<tr><td>{a['audit_id']}</td><td>{a['run_id'] if a['run_id'] is not None else 'all'}"
                f"</td><td>{a['reviewed']} of {a['sample_size']}</td><td>{a['accepted']}</td>"
                f"<td>{_rate_cell(rate)}</td><td>{pct(a['target'])}</td>"
                f"<td class='{e(a['verdict'])}'>{e(a['verdict'])}</td>"
                f"<td>{e(', '.join(a['failing_classes']))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_html(report: QualityReport, path: Path | str) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)
    return path
