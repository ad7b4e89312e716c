"""Matching two runs' suggestions on one image, pure: no project, no store.

Two suggestions *agree* when they are of the same kind and class and, for boxes, overlap with an
IoU at or above the threshold (0.5 by default). Boxes are paired greedily: every pair of the same
class at or above the threshold, highest IoU first (ties: the first run's order, then the
second's), each suggestion in at most one pair. Image tags agree when both runs give the same
class (one pair per class). Whatever is left unpaired is *disputed*.

An agreed pair becomes one suggestion: its box is the confidence-weighted mean of the two boxes'
corners (weighted box fusion, Solovyev, Wang and Gabruseva, "Weighted boxes fusion: Ensembling
boxes from different object detection models", Image and Vision Computing 107, 2021), with equal
weights when either model gave no confidence; its confidence is the mean of the two (each
model's own confidence stays on its source suggestion). Boxes are in the displayed frame (after
the EXIF orientation), as every box of the project, so both runs compare in the same frame.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from ..geometry import iou
from ..i18n import N_, Text, said
from ..model import Box, Kind

AGREE_IOU = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    """One pending suggestion of a run: `cls` is its class (an id, or the normalised raw label
    when the label is not a class yet), anything hashable that is equal for the same class."""

    id: int
    kind: Kind
    cls: Hashable
    box: Box | None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    a: Candidate
    b: Candidate
    iou: float | None  # None for image tags

    @property
    def box(self) -> Box | None:
        if self.a.box is None or self.b.box is None:
            return None
        return fuse_boxes(self.a.box, self.a.confidence, self.b.box, self.b.confidence)

    @property
    def confidence(self) -> float | None:
        return fuse_confidence(self.a.confidence, self.b.confidence)


@dataclass(frozen=True)
class ImageMatch:
    pairs: list[Pair]
    disputed: list[Candidate]  # of either run, unpaired


def threshold_problem(threshold: float) -> Text | None:
    """Why `threshold` cannot be an IoU threshold (one sentence), else None."""
    if 0.0 < threshold <= 1.0:
        return None
    return said(N_("errors", "The IoU threshold must be above 0 and at most 1, not {threshold}."),
                threshold=f"{threshold:g}")


def check_threshold(threshold: float) -> None:
    problem = threshold_problem(threshold)
    if problem is not None:
        raise ValueError(str(problem))


def match_image(a: Sequence[Candidate], b: Sequence[Candidate],
                threshold: float = AGREE_IOU) -> ImageMatch:
    """Pair the suggestions of two runs on one image (see the module's rules)."""
    check_threshold(threshold)
    options: list[tuple[float, int, int]] = []
    for i, sa in enumerate(a):
        if sa.kind is not Kind.BOX or sa.box is None:
            continue
        for j, sb in enumerate(b):
            if sb.kind is Kind.BOX and sb.box is not None and sb.cls == sa.cls:
                v = iou(sa.box, sb.box)
                if v >= threshold:
                    options.append((-v, i, j))
    pairs: list[Pair] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for neg, i, j in sorted(options):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append(Pair(a[i], b[j], -neg))
    for i, sa in enumerate(a):
        if sa.kind is not Kind.TAG:
            continue
        free = [j for j, sb in enumerate(b)
                if j not in used_b and sb.kind is Kind.TAG and sb.cls == sa.cls]
        if free:
            used_a.add(i)
            used_b.add(free[0])
            pairs.append(Pair(sa, b[free[0]], None))
    disputed = ([s for i, s in enumerate(a) if i not in used_a]
                + [s for j, s in enumerate(b) if j not in used_b])
    return ImageMatch(pairs, disputed)


def _weights(ca: float | None, cb: float | None) -> tuple[float, float]:
    if ca is None or cb is None or ca + cb <= 0:
        return 0.5, 0.5
    return ca / (ca + cb), cb / (ca + cb)


def fuse_boxes(a: Box, ca: float | None, b: Box, cb: float | None) -> Box:
    """The confidence-weighted mean of two boxes' corners (equal weights without confidences)."""
    wa, wb = _weights(ca, cb)
    x1 = wa * a.x + wb * b.x
    y1 = wa * a.y + wb * b.y
    x2 = wa * a.x2 + wb * b.x2
    y2 = wa * a.y2 + wb * b.y2
    return Box(x1, y1, x2 - x1, y2 - y1)


def fuse_confidence(ca: float | None, cb: float | None) -> float | None:
    """The mean of the two confidences (one alone when the other model gave none)."""
    known = [c for c in (ca, cb) if c is not None]
    return sum(known) / len(known) if known else None
