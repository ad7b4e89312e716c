"""The figures of the AI quality report, pure: no project, no store.

`Counts` (true/false positives and negatives, edits, boxes added by hand, with precision and recall
as Wilson-interval rates), `ModelQuality` (one run's counts per class, tags and cost, or all runs
together under the name `ALL`) and `QualityReport` (the whole report). `quality` builds them from a
store and re-exports everything for callers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import N_, Text, said
from ..spotcheck.summary import Rate

if TYPE_CHECKING:
    from .agreement import Agreement
    from .compare import Comparison

ALL = "(all)"


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
        return str(self.title)

    @property
    def title(self) -> Text:
        """The name for people: "anthropic/claude-x (run 2)", or "all runs"."""
        if self.run_id is None and self.provider == ALL:
            return said(N_("report", "all runs"))
        return said(N_("report", "{provider}/{model} (run {run})"), provider=self.provider,
                    model=self.model, run=self.run_id)

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
    comparisons: list[Comparison] = field(default_factory=list)  # models on held-out images
    agreement: Agreement | None = None  # two-model consensus (None: the project has none)

    def to_dict(self) -> dict:
        return {
            "folder": self.folder, "created_at": self.created_at,
            "images_reviewed": self.images_reviewed, "annotations": self.annotations,
            "added_boxes": self.added_boxes,
            "overall": self.overall.to_dict(),
            "models": [m.to_dict() for m in self.models],
            "audits": self.audits,
            "comparisons": [c.to_dict() for c in self.comparisons],
            "agreement": None if self.agreement is None else self.agreement.to_dict(),
        }
