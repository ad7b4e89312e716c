"""Spot-check outcomes and summaries, pure: what happened to each sampled image, and the rates.

`suggestion_outcome` classifies one suggestion row (unchanged, edited, rejected, pending);
`ImageOutcome` holds one sampled image's suggestions and hand-added classes and says whether it
passed; `summarize` turns the outcomes into a `Summary`: image-level acceptance and suggestion
precision as `Rate`s with their Wilson intervals (figures), the anytime-valid bounds of the
acceptance, the `Decision` (verdict, whether it stands, its wording: `verdict`), and a `ClassStatus`
per class with the same anytime-valid verdict at image level: an image counts for a class when the
class was predicted on it or added by hand, and passes for it when every suggestion of that class
was accepted unchanged and nothing of that class was added (`ImageOutcome.passed_for`).
`sample` re-exports everything for callers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .sequential import METHOD_ID, anytime_bounds, anytime_verdict, first_verdict
from .stats import Verdict, wilson
from .verdict import Decision, decide

# -- outcomes ------------------------------------------------------------------------------------
UNCHANGED, EDITED, REJECTED, PENDING = "unchanged", "edited", "rejected", "pending"


@dataclass(frozen=True, slots=True)
class ImageOutcome:
    """What happened to one sampled image: each suggestion's (class, outcome) and added classes."""

    image_id: int
    relpath: str
    reviewed: bool
    suggestions: tuple[tuple[str, str], ...] = ()
    added: tuple[str, ...] = ()
    stratum: str | None = None
    done: bool = False  # finished by anyone (accepting the rest closes unreviewed ones too)

    @property
    def passed(self) -> bool:
        return (
            self.reviewed
            and not self.added
            and all(outcome == UNCHANGED for _c, outcome in self.suggestions)
        )

    def passed_for(self, cls: str) -> bool:
        return (
            self.reviewed
            and cls not in self.added
            and all(o == UNCHANGED for c, o in self.suggestions if c == cls)
        )

    def classes(self) -> set[str]:
        return {c for c, _o in self.suggestions} | set(self.added)


def suggestion_outcome(row: Mapping) -> str:
    """unchanged | edited | rejected | pending, for a suggestion row joined with its annotation
    (ann_id, ann_label_id, ax, ay, aw, ah). An accepted suggestion whose annotation was changed
    afterwards counts as edited; one whose annotation is gone counts as rejected."""
    state = row["state"]
    if state == "pending":
        return PENDING
    if state == "rejected":
        return REJECTED
    if state == "edited":
        return EDITED
    if row["ann_id"] is None:
        return REJECTED
    if row["ann_label_id"] != row["label_id"]:
        return EDITED
    if row["x"] is not None:
        for a, b in (("x", "ax"), ("y", "ay"), ("w", "aw"), ("h", "ah")):
            if row[b] is None or abs(row[a] - row[b]) > 1e-6:
                return EDITED
    return UNCHANGED


# -- summaries -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Rate:
    successes: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float | None:
        return self.successes / self.n if self.n else None

    @classmethod
    def of(cls, successes: int, n: int) -> Rate:
        low, high = wilson(successes, n)
        return cls(successes, n, low, high)


@dataclass(frozen=True, slots=True)
class ClassStatus:
    name: str
    images: int  # reviewed sampled images where the class was predicted or added
    passed: int
    acceptance: Rate
    precision: Rate  # suggestions accepted unchanged / decided suggestions of the class
    verdict: Verdict  # anytime-valid, at image level
    bounds: tuple[float, float] = (0.0, 1.0)  # the anytime-valid bounds of the acceptance

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "images": self.images,
            "accepted": self.passed,
            "acceptance": self.acceptance.value,
            "ci_low": self.acceptance.low,
            "ci_high": self.acceptance.high,
            "suggestions_decided": self.precision.n,
            "suggestions_unchanged": self.precision.successes,
            "precision": self.precision.value,
            "precision_ci_low": self.precision.low,
            "precision_ci_high": self.precision.high,
            "verdict": str(self.verdict),
            "method": METHOD_ID,
            "cs_low": self.bounds[0],
            "cs_high": self.bounds[1],
        }


@dataclass(frozen=True)
class Summary:
    """Statistics of a sample, pure: built from image outcomes by `summarize`."""

    target: float
    sample_size: int
    reviewed: int
    accepted: int
    acceptance: Rate
    precision: Rate
    verdict: Verdict
    more_needed: int | None
    per_class: list[ClassStatus] = field(default_factory=list)
    decision: Decision | None = None
    bounds: tuple[float, float] = (0.0, 1.0)  # anytime-valid bounds of the acceptance

    @property
    def final(self) -> bool:
        """Every sampled image is reviewed: the verdict stands."""
        return self.decision is not None and self.decision.final

    @property
    def failing_classes(self) -> list[str]:
        """Classes whose own anytime-valid verdict is fail."""
        return [c.name for c in self.per_class if c.verdict == Verdict.FAIL]

    @property
    def passed_classes(self) -> list[str]:
        """Classes whose own anytime-valid verdict is pass."""
        return [c.name for c in self.per_class if c.verdict == Verdict.PASS]

    @property
    def open_classes(self) -> list[str]:
        """Classes whose own verdict is still open."""
        return [c.name for c in self.per_class if c.verdict == Verdict.CONTINUE]

    @property
    def weak_classes(self) -> list[str]:
        """Classes whose observed acceptance is below the target, worst first."""
        weak = [(value, c.name) for c in self.per_class
                if (value := c.acceptance.value) is not None and value < self.target]
        return [name for _value, name in sorted(weak)]


def walked(outcomes: Iterable[ImageOutcome], cls: str | None = None) -> list[ImageOutcome]:
    """The reviewed images at the start of the walk (outcomes in the walk's order; with `cls`,
    those holding that class), up to the first one left to review; images closed unreviewed by
    'accept the rest' are passed over (they will never be reviewed). This sequence only grows as
    people review along the walk, so a verdict it gave is kept; reviews further on count in the
    current counts' verdict only."""
    out = []
    for o in outcomes:
        if cls is not None and cls not in o.classes():
            continue
        if o.reviewed:
            out.append(o)
        elif not o.done:
            break
    return out


def _class_verdict(outcomes: list[ImageOutcome], cls: str, passed: int, images: int,
                   target: float) -> Verdict:
    """A class's verdict: kept from its walked sequence, else from its current counts."""
    kept = first_verdict((o.passed_for(cls) for o in walked(outcomes, cls)), target)
    return kept if kept != Verdict.CONTINUE else anytime_verdict(passed, images, target)


def summarize(outcomes: Iterable[ImageOutcome], target: float,
              available: int | None = None) -> Summary:
    """`available`: images that could still be drawn into the sample (None: unknown)."""
    outcomes = list(outcomes)
    reviewed = [o for o in outcomes if o.reviewed]
    passed = sum(1 for o in reviewed if o.passed)
    acceptance = Rate.of(passed, len(reviewed))
    decided = [oc for o in reviewed for oc in o.suggestions if oc[1] != PENDING]
    precision = Rate.of(sum(1 for _c, oc in decided if oc == UNCHANGED), len(decided))
    kept = first_verdict((o.passed for o in walked(outcomes)), target)
    decision = decide(passed, len(reviewed), len(outcomes), target, available, kept)
    classes = sorted({c for o in reviewed for c in o.classes()})
    per_class = []
    for c in classes:
        imgs = [o for o in reviewed if c in o.classes()]
        ok = sum(1 for o in imgs if o.passed_for(c))
        cdec = [oc for _cls, oc in decided if _cls == c]
        rate = Rate.of(ok, len(imgs))
        per_class.append(
            ClassStatus(
                name=c, images=len(imgs), passed=ok, acceptance=rate,
                precision=Rate.of(sum(1 for oc in cdec if oc == UNCHANGED), len(cdec)),
                verdict=_class_verdict(outcomes, c, ok, len(imgs), target),
                bounds=anytime_bounds(ok, len(imgs)),
            )
        )
    return Summary(
        target=target, sample_size=len(outcomes), reviewed=len(reviewed), accepted=passed,
        acceptance=acceptance, precision=precision, verdict=decision.verdict,
        more_needed=decision.more_needed, per_class=per_class, decision=decision,
        bounds=anytime_bounds(passed, len(reviewed)),
    )
