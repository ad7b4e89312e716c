"""Models on the same held-out images: which one should label the rest? Pure: no project, no store.

Every model (a local model run now, or a stored large-model run) is scored on the same held-out
images against their final annotations. Per class: precision and recall (95 % Wilson intervals) and
average precision (AP, all-point interpolation over the precision-recall curve, one point per
distinct confidence so tied scores are not ordered by chance; 95 % interval from a seeded bootstrap
over images). Boxes match as in the quality report (`match.py`: same class, IoU >= 0.5), so AP is
AP50 and its mean over the classes with annotations is mAP50, the headline for detection; for image
tags the headline is top-1 accuracy (the most confident tag is one of the image's tags), with a
Wilson interval. Each model also carries images per second on this machine and cost per 1,000
images, and `choose` answers which model to use by the rule in `RULE`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..i18n import N_, Text, said
from ..providers.pricing import dollars
from ..spotcheck.summary import Rate
from .counts import ALL, Counts
from .match import Pred, Truth, match_boxes

BOOTSTRAP_SAMPLES = 200
RULE = N_("report", "Rule: the cheapest model per 1,000 images whose {metric} is not worse than "
          "the best model's beyond the intervals (its 95 % interval reaches the best one's lower "
          "end); at equal cost, the faster one.")
METRICS = {"classify": N_("report", "top-1 accuracy"), "detect": N_("report", "mAP50")}


@dataclass(frozen=True)
class ImageScore:
    """One model on one image: each prediction's confidence and whether it was right, per class,
    and how many annotations of each class the image holds."""

    scored: Mapping[str, Sequence[tuple[float, bool]]]
    truths: Mapping[str, int]
    top1: bool | None = None  # tags: the most confident tag is one of the image's tags


def score_boxes(preds: Sequence[Pred], truths: Sequence[Truth]) -> ImageScore:
    result = match_boxes(preds, truths)
    hits = {m.pred for m in result.matches}
    scored: dict[str, list[tuple[float, bool]]] = {}
    for i, p in enumerate(preds):
        conf = 1.0 if p.confidence is None else p.confidence
        scored.setdefault(p.cls, []).append((conf, i in hits))
    return ImageScore(scored, _count(t.cls for t in truths))


def score_tags(tags: Sequence[tuple[str, float | None]], truth: set[str]) -> ImageScore:
    """Suggested tags (class, confidence) against the image's final tags. An image without
    final tags has no right answer: no top-1 (None); its suggested tags are false positives."""
    confidence: dict[str, float] = {}
    for name, conf in tags:  # a class suggested twice counts once, at its higher confidence
        c = 1.0 if conf is None else conf
        confidence[name] = max(c, confidence.get(name, c))
    scored = {name: [(c, name in truth)] for name, c in confidence.items()}
    best = max(confidence.items(), key=lambda nc: nc[1], default=None)
    top1 = None if not truth else best is not None and best[0] in truth
    return ImageScore(scored, _count(truth), top1=top1)


def _count(names: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for n in names:
        out[n] = out.get(n, 0) + 1
    return out


def average_precision(scored: Sequence[tuple[float, bool]], n_truth: int) -> float | None:
    """Area under the interpolated precision-recall curve; None without annotations."""
    if n_truth <= 0:
        return None
    order = sorted(scored, key=lambda s: -s[0])
    points: list[tuple[float, float]] = []  # (recall, precision) after each distinct confidence
    tp = 0
    for i, (conf, hit) in enumerate(order):
        tp += hit
        if i + 1 == len(order) or order[i + 1][0] != conf:
            points.append((tp / n_truth, tp / (i + 1)))
    ap, prev_recall, best = 0.0, 0.0, 0.0
    envelope = []
    for _, precision in reversed(points):
        best = max(best, precision)
        envelope.append(best)
    envelope.reverse()
    for (recall, _), precision in zip(points, envelope, strict=True):
        ap += (recall - prev_recall) * precision
        prev_recall = recall
    return ap


# -- figures ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    value: float | None
    low: float | None = None
    high: float | None = None


@dataclass
class ClassFigures(Counts):
    """One class: the quality report's counts (precision and recall come from them) and AP."""

    name: str = ""
    ap: Interval = field(default_factory=lambda: Interval(None))

    def to_dict(self) -> dict:
        p, r = self.precision, self.recall
        return {"class": self.name, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": p.value, "precision_ci": [p.low, p.high],
                "recall": r.value, "recall_ci": [r.low, r.high],
                "ap": self.ap.value, "ap_ci": [self.ap.low, self.ap.high]}


@dataclass
class ModelFigures:
    """One model on the held-out images."""

    name: str  # "local model shapes-1" or "anthropic/claude-x (run 2)": who it is, in English
    local: bool
    run_id: int | None
    images: int
    classes: list[ClassFigures]
    mean_ap: Interval  # over the classes with annotations
    top1: Rate | None  # tags only
    images_per_second: float | None = None
    cost_per_1000: float | None = None  # None: unknown (no price, or nothing paid for)
    from_own_suggestions: int = 0  # held-out annotations made by accepting this run's suggestions
    title: Text | None = None  # the name as a marked template and values (None: the name itself)

    @property
    def said_name(self) -> Text | str:
        """The name for people, in their language (`Words`)."""
        return self.name if self.title is None else self.title

    @property
    def total(self) -> ClassFigures:
        """Every class's counts summed (its AP is the mean AP)."""
        total = ClassFigures(name=ALL, ap=self.mean_ap)
        for k in self.classes:
            total.add(k)
        return total

    def headline(self, task: str) -> Interval:
        if task == "classify" and self.top1 is not None:
            return Interval(self.top1.value, self.top1.low, self.top1.high)
        return self.mean_ap

    def to_dict(self, task: str) -> dict:
        h = self.headline(task)
        return {"name": self.name, "local": self.local, "run_id": self.run_id,
                "images": self.images, "metric": metric_name(task), "value": h.value,
                "ci": [h.low, h.high], "map50" if task == "detect" else "map": self.mean_ap.value,
                "top1": None if self.top1 is None else self.top1.value,
                "images_per_second": self.images_per_second, "cost_per_1000": self.cost_per_1000,
                "precision": self.total.precision.value, "recall": self.total.recall.value,
                "from_own_suggestions": self.from_own_suggestions,
                "classes": [c.to_dict() for c in self.classes]}


def metric_name(task: str) -> str:
    return str(METRICS["classify" if task == "classify" else "detect"])


def figures(name: str, scores: Sequence[ImageScore], *, local: bool, run_id: int | None = None,
            seed: int = 0, samples: int = BOOTSTRAP_SAMPLES) -> ModelFigures:
    """Per class counts and AP with bootstrap intervals, mean AP and top-1 for these images."""
    point = _ap_by_class(scores)
    names = sorted(set(point) | {n for s in scores for n in s.scored})
    draws, means = bootstrap_aps(scores, names, samples, seed)
    classes = []
    for n in names:
        hits = sum(h for s in scores for _, h in s.scored.get(n, ()))
        predicted = sum(len(s.scored.get(n, ())) for s in scores)
        truths = sum(s.truths.get(n, 0) for s in scores)
        classes.append(ClassFigures(tp=hits, fp=predicted - hits, fn=truths - hits, name=n,
                                    ap=_interval(point.get(n), draws[n])))
    mean = sum(point.values()) / len(point) if point else None
    tops = [s.top1 for s in scores if s.top1 is not None]
    top1 = Rate.of(sum(tops), len(tops)) if tops else None
    return ModelFigures(name, local, run_id, len(scores), classes, _interval(mean, means), top1)


def bootstrap_aps(scores: Sequence[ImageScore], names: Sequence[str], samples: int,
                  seed: int) -> tuple[dict[str, list[float]], list[float]]:
    """AP per class and mean AP on `samples` resamples of the images (with replacement, seeded).

    Vectorised: a resample is a count per image (multinomial), each prediction weighs its image's
    count, and the precision-recall points (one per distinct confidence) come from weighted
    cumulative sums; the same figures as `average_precision` on the resampled list."""
    import numpy as np

    draws: dict[str, list[float]] = {n: [] for n in names}
    if not scores or samples <= 0:
        return draws, []
    n = len(scores)
    counts = np.random.default_rng(seed).multinomial(n, [1.0 / n] * n, size=samples)
    aps = np.full((samples, len(names)), np.nan)
    for j, name in enumerate(names):
        truth = np.array([s.truths.get(name, 0) for s in scores], dtype=float)
        preds = [(c, h, i) for i, s in enumerate(scores) for c, h in s.scored.get(name, ())]
        n_truth = counts @ truth
        valid = n_truth > 0
        if not preds:
            aps[valid, j] = 0.0
            continue
        conf = np.array([p[0] for p in preds], dtype=float)
        order = np.argsort(-conf, kind="stable")
        conf = conf[order]
        hit = np.array([p[1] for p in preds], dtype=float)[order]
        weight = counts[:, np.array([p[2] for p in preds])[order]]
        ends = np.flatnonzero(np.append(conf[1:] != conf[:-1], True))  # last of each tie group
        tp = np.cumsum(weight * hit, axis=1)[:, ends]
        seen = np.cumsum(weight, axis=1)[:, ends]
        precision = np.divide(tp, seen, out=np.zeros_like(tp), where=seen > 0)
        recall = tp / np.where(valid, n_truth, 1.0)[:, None]
        envelope = np.maximum.accumulate(precision[:, ::-1], axis=1)[:, ::-1]
        ap = (np.diff(recall, axis=1, prepend=0.0) * envelope).sum(axis=1)
        aps[valid, j] = ap[valid]
    for j, name in enumerate(names):
        draws[name] = [float(v) for v in aps[:, j] if not np.isnan(v)]
    rated = ~np.isnan(aps)
    means = [float(aps[b, rated[b]].mean()) for b in range(samples) if rated[b].any()]
    return draws, means


def _ap_by_class(scores: Sequence[ImageScore]) -> dict[str, float]:
    truths: dict[str, int] = {}
    scored: dict[str, list[tuple[float, bool]]] = {}
    for s in scores:
        for n, k in s.truths.items():
            truths[n] = truths.get(n, 0) + k
        for n, items in s.scored.items():
            scored.setdefault(n, []).extend(items)
    out = {}
    for n, k in truths.items():
        ap = average_precision(scored.get(n, []), k)
        if ap is not None:
            out[n] = ap
    return out


def _interval(value: float | None, draws: list[float]) -> Interval:
    if value is None or not draws:
        return Interval(value)
    draws = sorted(draws)
    lo = draws[max(0, math.floor(0.025 * len(draws)))]
    hi = draws[min(len(draws) - 1, math.ceil(0.975 * len(draws)) - 1)]
    return Interval(value, min(lo, value), max(hi, value))


# -- the answer -------------------------------------------------------------------------------------
@dataclass
class Comparison:
    task: str  # detect | classify
    images: int  # held-out images
    annotations: int  # their final boxes (detect) or tags (classify)
    models: list[ModelFigures]
    notes: list[Text] = field(default_factory=list)  # one sentence per run left out
    choice: str | None = None  # the chosen model's name
    answer_text: Text | None = None  # which model to use, and why

    @property
    def metric(self) -> str:
        return metric_name(self.task)

    @property
    def metric_said(self) -> Text:
        return said(METRICS["classify" if self.task == "classify" else "detect"])

    @property
    def rule_text(self) -> Text:
        return said(RULE, metric=self.metric_said)

    @property
    def rule(self) -> str:
        return str(self.rule_text)

    @property
    def answer(self) -> str:
        return "" if self.answer_text is None else str(self.answer_text)

    @property
    def skipped(self) -> list[str]:
        return [str(t) for t in self.notes]

    def to_dict(self) -> dict:
        return {"task": self.task, "images": self.images, "annotations": self.annotations,
                "metric": self.metric, "rule": self.rule, "choice": self.choice,
                "answer": self.answer, "skipped": self.skipped,
                "models": [m.to_dict(self.task) for m in self.models]}


def choose(comparison: Comparison) -> Comparison:
    """Fill in `choice` and `answer_text` by the rule; models without a figure cannot be
    chosen."""
    task, metric = comparison.task, comparison.metric_said
    rated = [m for m in comparison.models if m.headline(task).value is not None]
    if not rated:
        comparison.choice = None
        none = (N_("report", "No model can be chosen: no {metric} could be measured on the {n} "
                   "held-out image.") if comparison.images == 1 else
                N_("report", "No model can be chosen: no {metric} could be measured on the {n} "
                   "held-out images."))
        comparison.answer_text = said(none, metric=metric, n=comparison.images)
        return comparison
    best = max(rated, key=lambda m: m.headline(task).value or 0.0)
    floor = best.headline(task).low
    close = [m for m in rated if floor is None or m is best
             or (m.headline(task).high or 0.0) >= floor]
    pick = min(close, key=lambda m: (math.inf if m.cost_per_1000 is None else m.cost_per_1000,
                                     -(m.images_per_second or 0.0), -(m.headline(task).value or 0)))
    comparison.choice = pick.name
    comparison.answer_text = _answer(pick, best, rated, task, metric)
    return comparison


def interval_text(i: Interval) -> str:
    if i.value is None:
        return "–"
    if i.low is None or i.high is None:
        return f"{i.value:.2f}"
    return f"{i.value:.2f} ({i.low:.2f}–{i.high:.2f})"


def cost_text(cost: float | None) -> str:
    return str(cost_said(cost))


def cost_said(cost: float | None, *, per_1000: bool = True) -> Text:
    """"$4.50 per 1,000 images" ("$4.50" without `per_1000`), or "unknown cost"."""
    if cost is None:
        return said(N_("report", "unknown cost"))
    if not per_1000:
        return said(N_("report", "${cost}"), cost=dollars(cost))
    return said(N_("report", "${cost} per 1,000 images"), cost=dollars(cost))


def _answer(pick: ModelFigures, best: ModelFigures, rated: list[ModelFigures], task: str,
            metric: Text) -> Text:
    mine = interval_text(pick.headline(task))
    cost = cost_said(pick.cost_per_1000)
    if pick is best:
        cheaper = [m for m in rated if m is not pick and m.cost_per_1000 is not None
                   and (pick.cost_per_1000 is None or m.cost_per_1000 < pick.cost_per_1000)]
        best_one = (N_("report", "Use {name} for the rest: it has the best {metric}, {value}, at "
                       "{cost}; the cheaper models are worse beyond the intervals.") if cheaper
                    else N_("report", "Use {name} for the rest: it has the best {metric}, {value}, "
                            "at {cost}; no other model is cheaper."))
        return said(best_one, name=pick.said_name, metric=metric, value=mine, cost=cost)
    return said(N_("report", "Use {name} for the rest: its {metric} {value} is within the "
                   "intervals of the best, {best} with {best_value}, at {cost} instead of "
                   "{best_cost}."), name=pick.said_name, metric=metric, value=mine,
                best=best.said_name, best_value=interval_text(best.headline(task)), cost=cost,
                best_cost=cost_said(best.cost_per_1000))
