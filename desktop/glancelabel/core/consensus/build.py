"""Building the consensus of two runs in a project: one undoable change set.

`build_consensus(store, run_a, run_b, threshold)` takes the images both runs looked at and, on
each, the two runs' pending suggestions that no consensus has marked yet; it pairs them
(`match.match_image`) and writes, as one change set ("consensus.build", undoable like a decision):

- for each agreed pair, a new pending suggestion of the pair's consensus run (kind 'consensus',
  made on first use and kept for later images), marked 'agreed', with the fused box and
  confidence and a rationale naming both models' confidences;
- on the two sources, `agreed_id` = that suggestion and state 'duplicate': hidden from review,
  kept (with their own boxes and confidences) for each run's quality figures;
- on every unpaired suggestion, the mark 'disputed' (it stays pending in its own run; review
  shows disputed suggestions first).

Running it again after more images were asked adds only what is new.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import GlanceLabelError
from ..i18n import N_, Text, said
from ..model import Box, Kind, Run
from ..review.changes import ChangeSet, Ref, RowChange
from ..store import consensus as sql
from ..store.mappings import label_key
from .match import AGREE_IOU, Candidate, Pair, match_image, threshold_problem

if TYPE_CHECKING:
    from ..store import Store


class ConsensusError(GlanceLabelError, ValueError):
    """A consensus request that cannot be done; one sentence for the user."""


@dataclass(frozen=True)
class ConsensusPlan:
    """What the Consensus dialog asks for: two runs (None: none chosen) and the overlap from
    which their boxes agree."""

    run_a: int | None = None
    run_b: int | None = None
    iou: float = AGREE_IOU


@dataclass(frozen=True)
class ConsensusResult:
    run_id: int  # the consensus run
    runs: tuple[int, int]
    threshold: float
    images: int  # images both runs looked at with something new to compare
    agreed: int
    disputed: int
    changes: ChangeSet
    image_ids: frozenset[int] = frozenset()  # the images compared (their marks changed)

    def to_dict(self) -> dict[str, Any]:
        return {"agreed": self.agreed, "disputed": self.disputed, "images": self.images,
                "run": self.run_id, "runs": list(self.runs), "iou": self.threshold}

    def text(self) -> str:
        return str(self.summary())

    def summary(self) -> Text:
        """What the consensus found, one sentence (`text()` is its English)."""
        a, b = self.runs
        if not self.images:
            return said(N_("consensus", "Runs {a} and {b} have no new suggestions on images both "
                           "looked at."), a=a, b=b)
        agreed = (said(N_("consensus", "{count} suggestion"), count=self.agreed)
                  if self.agreed == 1 else said(N_("consensus", "{count} suggestions"),
                                                count=self.agreed))
        images = (said(N_("consensus", "{count} image"), count=self.images) if self.images == 1
                  else said(N_("consensus", "{count} images"), count=self.images))
        if self.disputed == 1:
            return said(N_("consensus", "Runs {a} and {b} agree on {agreed} over {images}; "
                           "{disputed} is disputed and reviewed first (consensus run {run})."),
                        a=a, b=b, agreed=agreed, images=images, disputed=self.disputed,
                        run=self.run_id)
        return said(N_("consensus", "Runs {a} and {b} agree on {agreed} over {images}; {disputed} "
                       "are disputed and reviewed first (consensus run {run})."),
                    a=a, b=b, agreed=agreed, images=images, disputed=self.disputed,
                    run=self.run_id)


def _run(store: Store, run_id: int) -> Run:
    run = store.run(run_id)
    if run is None:
        raise ConsensusError(N_("errors", "There is no run {run} in this project."), run=run_id)
    if run.kind == sql.CONSENSUS_KIND:
        raise ConsensusError(N_("errors", "Run {run} is itself a consensus; choose two runs of "
                                "models."), run=run_id)
    return run


def _candidate(row: dict[str, Any]) -> Candidate:
    cls = (("id", row["label_id"]) if row["label_id"] is not None
           else ("raw", label_key(row["raw_label"])))
    box = None if row["x"] is None else Box(row["x"], row["y"], row["w"], row["h"])
    return Candidate(row["id"], Kind(row["kind"]), cls, box, row["confidence"])


AGREED_WHY = N_("consensus", "Both models agree: {first}, {second}.")
NO_CONFIDENCE = N_("consensus", "{model} (no confidence)")
_AGREED_WHY = re.compile(r"Both models agree: (.+), (.+)\.")


def _confidence_text(model: str, confidence: float | None) -> Text | str:
    return said(NO_CONFIDENCE, model=model) if confidence is None else f"{model} {confidence:.0%}"


def rationale_text(rationale: str) -> Text | str:
    """A suggestion's rationale as the interface should say it: the one an agreed suggestion of
    a consensus keeps (in English, "Both models agree: …") as a Text, any other as written."""
    found = _AGREED_WHY.fullmatch(rationale)
    if found is None:
        return rationale
    sides = [said(NO_CONFIDENCE, model=side.removesuffix(" (no confidence)"))
             if side.endswith(" (no confidence)") else side for side in found.groups()]
    return said(AGREED_WHY, first=sides[0], second=sides[1])


def _agreed_row(pair: Pair, rows: dict[int, dict[str, Any]], run_id: int,
                models: tuple[str, str]) -> dict[str, Any]:
    a, b = rows[pair.a.id], rows[pair.b.id]
    box = pair.box
    why = str(said(AGREED_WHY, first=_confidence_text(models[0], a["confidence"]),
                   second=_confidence_text(models[1], b["confidence"])))
    return {"run_id": run_id, "image_id": a["image_id"], "kind": a["kind"],
            "raw_label": a["raw_label"], "label_id": a["label_id"],
            "x": None if box is None else box.x, "y": None if box is None else box.y,
            "w": None if box is None else box.w, "h": None if box is None else box.h,
            "text": a["text"] if a["text"] is not None else b["text"],
            "confidence": pair.confidence, "rationale": why, "state": "pending",
            "consensus": sql.AGREED}


def _changes(pairs: Sequence[Pair], disputed: Sequence[Candidate], rows: dict[int, dict[str, Any]],
             run_id: int, models: tuple[str, str]) -> list[RowChange]:
    inserts = [RowChange("suggestions", None, None, _agreed_row(p, rows, run_id, models))
               for p in pairs]
    updates = [
        RowChange("suggestions", source.id, {"state": "pending", "agreed_id": None},
                  {"state": "duplicate", "agreed_id": Ref(position)})
        for position, p in enumerate(pairs) for source in (p.a, p.b)
    ]
    marks = [RowChange("suggestions", c.id, {"consensus": None}, {"consensus": sql.DISPUTED})
             for c in disputed]
    return inserts + updates + marks


def build_consensus(store: Store, run_a: int, run_b: int,
                    threshold: float = AGREE_IOU) -> ConsensusResult:
    """Mark what two runs agree on and what they dispute (see the module's rules)."""
    problem = threshold_problem(threshold)
    if problem is not None:
        raise ConsensusError(problem.template, **problem.values)
    if run_a == run_b:
        raise ConsensusError(N_("errors", "Choose two different runs (both were run {run})."),
                             run=run_a)
    ra, rb = _run(store, run_a), _run(store, run_b)
    images = sorted(sql.looked_at(store, run_a) & sql.looked_at(store, run_b))
    rows = {r["id"]: r for run in (run_a, run_b) for r in sql.open_suggestions(store, run, images)}
    by_image: dict[int, tuple[list[Candidate], list[Candidate]]] = {}
    for r in rows.values():
        side = by_image.setdefault(r["image_id"], ([], []))
        side[0 if r["run_id"] == run_a else 1].append(_candidate(r))
    pairs: list[Pair] = []
    disputed: list[Candidate] = []
    for image_id in sorted(by_image):
        found = match_image(*by_image[image_id], threshold=threshold)
        pairs += found.pairs
        disputed += found.disputed
    run_id = sql.consensus_run_of(store, run_a, run_b)
    if run_id is None:
        run_id = store.create_run(
            sql.CONSENSUS_KIND, f"{ra.provider}/{ra.model} + {rb.provider}/{rb.model}",
            kind=sql.CONSENSUS_KIND, params={"runs": [run_a, run_b], "iou": threshold})
    changes = _changes(pairs, disputed, rows, run_id, (ra.model, rb.model))
    cs = store.apply(ChangeSet("consensus.build", tuple(changes),
                               next(iter(by_image)) if len(by_image) == 1 else None,
                               {"runs": [run_a, run_b], "iou": threshold}))
    return ConsensusResult(run_id, (run_a, run_b), threshold, len(by_image), len(pairs),
                           len(disputed), cs, frozenset(by_image))
