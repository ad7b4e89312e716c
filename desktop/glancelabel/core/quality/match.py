"""Box matching for the AI quality report, pure: no project, no store.

A run's box suggestions (`Pred`) are matched to the final annotations (`Truth`) of one image by
`match_boxes`: per class, greedily by confidence, each prediction takes the unmatched truth with the
highest IoU >= `IOU_THRESHOLD`. `quality` re-exports everything for callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..geometry import iou
from ..model import Box

IOU_THRESHOLD = 0.5


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
