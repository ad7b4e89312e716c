"""Spot-check: sample the AI-suggested images, measure acceptance as reviews arrive, decide.

Vocabulary (docs/GLOSSARY.md): a *spot-check* (table `audits`) draws a seeded random sample of the
images that have suggestions of one run (or of any run). People review the sample with the usual
keys. An image of the sample *passes* when a person finished it (done), every suggestion of the run
on it was accepted unchanged, and nothing had to be added by hand. From the passes we get the
image-level acceptance with a 95 % Wilson score interval (no continuity correction); the verdict
compares the interval with the target: pass when the lower bound reaches it, fail when the upper
bound is below it, otherwise continue (with an estimate of how many more images would settle it).
On pass, `accept_rest` accepts every pending suggestion of the images outside the sample in one
undoable change set, recorded as decided by "spot-check" with the spot-check id.

Statistics are pure functions (`wilson`, `sample_size_*`, `more_to_settle`, `draw_sample`,
`summarize`) so they are tested without a project; `create_audit`, `audit_status`, `accept_rest`
and `undo_accept_rest` bind them to a store.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from .changes import ChangeSet
from .store.audits import class_name

Z95 = 1.959963984540054  # two-sided 95 % normal quantile
EPS = 1e-9


class AuditError(ValueError):
    """A spot-check request that cannot be done; the message is one sentence for the user."""


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    CONTINUE = "continue"


# -- statistics ---------------------------------------------------------------------------------
def wilson(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, without continuity correction; (0, 1) when n = 0.
    Counts may be fractional (used for projections)."""
    if n <= 0:
        return 0.0, 1.0
    if successes < 0 or successes > n + EPS:
        raise ValueError(f"successes {successes} outside 0..{n}")
    p = min(successes / n, 1.0)
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0))
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return low, high


def verdict_for(low: float, high: float, target: float) -> Verdict:
    if low >= target - EPS:
        return Verdict.PASS
    if high < target:
        return Verdict.FAIL
    return Verdict.CONTINUE


def more_to_settle(
    successes: int, n: int, target: float, *, limit: int = 1_000_000, z: float = Z95
) -> int | None:
    """How many more images would likely settle the verdict, assuming the observed rate holds:
    the smallest m > 0 at which the interval of (successes + p*m) / (n + m) clears the target or
    falls below it. 0 when already settled; None with no reviews yet, when the rate equals the
    target (it never settles), or when more than `limit` would be needed."""
    if n <= 0:
        return None
    low, high = wilson(successes, n, z)
    if verdict_for(low, high, target) != Verdict.CONTINUE:
        return 0
    p = successes / n

    def settled(m: int) -> bool:
        lo, hi = wilson(successes + p * m, n + m, z)
        return verdict_for(lo, hi, target) != Verdict.CONTINUE

    # the interval narrows around p as m grows, so "settled" is monotone in m
    hi_m = 1
    while not settled(hi_m):
        if hi_m >= limit:
            return None
        hi_m = min(hi_m * 2, limit)
    return _bisect(settled, hi_m // 2, hi_m)


def _bisect(pred, lo: int, hi: int) -> int:
    """Smallest m in (lo, hi] with pred(m) true, given pred(hi) and pred monotone."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return hi


def sample_size_for_fraction(fraction: float, population: int) -> int:
    """ceil(fraction * population), at least one image, at most the population."""
    if not 0 < fraction <= 1:
        raise AuditError("The fraction to check must be above 0 and at most 1 (for example 0.2).")
    if population <= 0:
        return 0
    return min(population, max(1, math.ceil(fraction * population - EPS)))


def sample_size_for_margin(margin: float, population: int, *, z: float = Z95, p: float = 0.5) -> int:
    """Images needed to estimate a proportion within ±margin at 95 % (normal approximation,
    worst case p = 0.5) with the finite population correction n = n0 / (1 + (n0 - 1) / N)."""
    if not 0 < margin < 1:
        raise AuditError("The margin of error must be above 0 and below 1 (for example 0.03).")
    if population <= 0:
        return 0
    n0 = z * z * p * (1 - p) / (margin * margin)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, max(1, math.ceil(n - EPS)))


# -- sampling ------------------------------------------------------------------------------------
def strata_of(population: Mapping[int, Iterable[str]]) -> dict[int, str | None]:
    """Each image's stratum: its rarest predicted class (fewest images), ties by name."""
    counts: dict[str, int] = {}
    for classes in population.values():
        for c in set(classes):
            counts[c] = counts.get(c, 0) + 1
    out: dict[int, str | None] = {}
    for image_id, classes in population.items():
        classes = list(set(classes))
        out[image_id] = min(classes, key=lambda c: (counts[c], c)) if classes else None
    return out


def _allocate(sizes: Mapping[str | None, int], total: int, floor: int) -> dict[str | None, int]:
    """Proportional allocation by largest remainder, each stratum at least min(size, floor)."""
    n = sum(sizes.values())
    keys = sorted(sizes, key=lambda k: (k is None, k or ""))
    if n == 0:
        return {k: 0 for k in keys}
    exact = {k: total * sizes[k] / n for k in keys}
    alloc = {k: math.floor(exact[k]) for k in keys}
    left = total - sum(alloc.values())
    for k in sorted(keys, key=lambda k: -(exact[k] - alloc[k]))[:left]:
        alloc[k] += 1
    return {k: min(sizes[k], max(alloc[k], min(sizes[k], floor))) for k in keys}


def draw_sample(
    population: Mapping[int, Iterable[str]],
    size: int,
    seed: int,
    *,
    reviewed: Iterable[int] = (),
    stratify: bool = False,
    min_per_class: int = 3,
) -> dict[int, str | None]:
    """A seeded sample of `population` (image id -> predicted classes): image id -> stratum.

    Reviewed images of the population are always in it (they count toward `size`); the rest is
    drawn with `random.Random(seed)`. Stratified: proportional allocation over strata (the rarest
    class of each image), then every class with at least `min_per_class` images gets that many
    sampled images showing it, so rare classes are covered; the sample may exceed `size` then.
    """
    rng = random.Random(seed)
    ids = sorted(population)
    done = set(reviewed) & set(ids)
    size = min(size, len(ids))
    if not stratify:
        sample = {i: None for i in sorted(done)}
        rest = [i for i in ids if i not in done]
        need = max(0, size - len(sample))
        for i in sorted(rng.sample(rest, min(need, len(rest)))):
            sample[i] = None
        return dict(sorted(sample.items()))

    strata = strata_of(population)
    members: dict[str | None, list[int]] = {}
    for i in ids:
        members.setdefault(strata[i], []).append(i)
    alloc = _allocate({k: len(v) for k, v in members.items()}, size, min_per_class)
    sample: dict[int, str | None] = {}
    for key in sorted(members, key=lambda k: (k is None, k or "")):
        group = members[key]
        chosen = [i for i in group if i in done]
        rest = [i for i in group if i not in done]
        need = max(0, alloc[key] - len(chosen))
        chosen += rng.sample(rest, min(need, len(rest)))
        for i in chosen:
            sample[i] = key
    # top up classes that are never an image's rarest class yet appear too rarely in the sample
    by_class: dict[str, list[int]] = {}
    for i in ids:
        for c in set(population[i]):
            by_class.setdefault(c, []).append(i)
    for c in sorted(by_class):
        have = sum(1 for i in by_class[c] if i in sample)
        want = min(len(by_class[c]), min_per_class)
        if have < want:
            rest = [i for i in by_class[c] if i not in sample]
            for i in rng.sample(rest, want - have):
                sample[i] = strata[i]
    return dict(sorted(sample.items()))


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
    verdict: Verdict

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

    @property
    def failing_classes(self) -> list[str]:
        """Classes whose own interval is below the target."""
        return [c.name for c in self.per_class if c.verdict == Verdict.FAIL]

    @property
    def weak_classes(self) -> list[str]:
        """Classes whose observed acceptance is below the target, worst first."""
        weak = [c for c in self.per_class if c.acceptance.n and c.acceptance.value < self.target]
        return [c.name for c in sorted(weak, key=lambda c: (c.acceptance.value, c.name))]


def summarize(outcomes: Iterable[ImageOutcome], target: float) -> Summary:
    outcomes = list(outcomes)
    reviewed = [o for o in outcomes if o.reviewed]
    passed = sum(1 for o in reviewed if o.passed)
    acceptance = Rate.of(passed, len(reviewed))
    decided = [oc for o in reviewed for oc in o.suggestions if oc[1] != PENDING]
    precision = Rate.of(sum(1 for _c, oc in decided if oc == UNCHANGED), len(decided))
    verdict = verdict_for(acceptance.low, acceptance.high, target)
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
                verdict=verdict_for(rate.low, rate.high, target),
            )
        )
    return Summary(
        target=target, sample_size=len(outcomes), reviewed=len(reviewed), accepted=passed,
        acceptance=acceptance, precision=precision, verdict=verdict,
        more_needed=more_to_settle(passed, len(reviewed), target), per_class=per_class,
    )


# -- spot-checks in a project ------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditPlan:
    """What the user asks for. Exactly one of fraction / margin decides the sample size."""

    run_id: int | None = None
    fraction: float | None = None  # None: 0.2 unless a margin is given
    margin: float | None = None
    stratify: bool = False
    seed: int | None = None
    target: float = 0.95
    min_per_class: int = 3

    def validate(self) -> None:
        if self.margin is not None and self.fraction is not None:
            raise AuditError("Choose either a fraction or a margin of error, not both.")
        if self.margin is None:
            sample_size_for_fraction(self.fraction if self.fraction is not None else 0.2, 1)
        else:
            sample_size_for_margin(self.margin, 1)
        if not 0 < self.target < 1:
            raise AuditError("The target acceptance must be above 0 and below 1 (for example 0.95).")
        if self.min_per_class < 1:
            raise AuditError("The minimum number of images per class must be at least 1.")


def create_audit(store, plan: AuditPlan) -> int:
    """Draw the sample and store the spot-check; returns its id."""
    plan.validate()
    if plan.run_id is not None and store.run(plan.run_id) is None:
        raise AuditError(f"There is no run {plan.run_id} in this project.")
    population = store.audit_population(plan.run_id)
    if not population:
        scope = f"run {plan.run_id}" if plan.run_id is not None else "this project"
        raise AuditError(f"No image of {scope} has suggestions to spot-check.")
    if plan.margin is not None:
        method, size = "margin", sample_size_for_margin(plan.margin, len(population))
    else:
        fraction = plan.fraction if plan.fraction is not None else 0.2
        method, size = "fraction", sample_size_for_fraction(fraction, len(population))
    seed = plan.seed if plan.seed is not None else random.SystemRandom().randrange(2**31)
    reviewed = store.person_reviewed_ids(list(population))
    sample = draw_sample(
        population, size, seed, reviewed=reviewed, stratify=plan.stratify,
        min_per_class=plan.min_per_class,
    )
    params = {
        "fraction": None if method == "margin" else (plan.fraction or 0.2),
        "margin": plan.margin,
        "stratify": plan.stratify,
        "min_per_class": plan.min_per_class,
        "population": len(population),
        "requested": size,
        "already_reviewed": len(reviewed),
    }
    return store.insert_audit(
        run_id=plan.run_id, seed=seed, method=method, params=params, target=plan.target,
        sample=sample,
    )


def resolve_audit(store, audit_id: int | None = None) -> dict:
    """The audit row for an id, or the latest one; AuditError when there is none."""
    if audit_id is None:
        audit_id = store.latest_audit_id()
        if audit_id is None:
            raise AuditError("This project has no spot-check yet; create one first.")
    row = store.audit_row(audit_id)
    if row is None:
        raise AuditError(f"There is no spot-check {audit_id} in this project.")
    return row


def sample_outcomes(
    store, audit: Mapping, image_ids: Iterable[int] | None = None
) -> list[ImageOutcome]:
    """Outcomes of the sampled images (or of some of them), in display order."""
    ids = None if image_ids is None else list(image_ids)
    sample = store.audit_sample(audit["id"], ids)
    by_image: dict[int, list[tuple[str, str]]] = {r["image_id"]: [] for r in sample}
    for row in store.audit_sample_suggestions(audit["id"], audit["run_id"], ids):
        by_image[row["image_id"]].append(
            (class_name(row["label_name"], row["raw_label"]), suggestion_outcome(row))
        )
    added: dict[int, list[str]] = {}
    for image_id, name in store.audit_sample_added(audit["id"], ids):
        added.setdefault(image_id, []).append(name if name is not None else "(no class)")
    return [
        ImageOutcome(
            image_id=r["image_id"], relpath=r["relpath"], reviewed=r["reviewed"],
            suggestions=tuple(by_image[r["image_id"]]), added=tuple(added.get(r["image_id"], ())),
            stratum=r["stratum"],
        )
        for r in sample
    ]


@dataclass(frozen=True)
class AuditStatus:
    audit: dict
    summary: Summary
    sample: list[ImageOutcome]
    population: int
    rest_pending: int  # pending suggestions accept-rest would accept
    rest_unknown: int  # pending suggestions with an unknown label it would skip
    rest_images: int
    rest_accepted: int  # suggestions this spot-check already accepted (0 after undo)

    @property
    def id(self) -> int:
        return self.audit["id"]

    @property
    def verdict(self) -> Verdict:
        return self.summary.verdict

    @property
    def sample_ids(self) -> list[int]:
        return [o.image_id for o in self.sample]

    def next_unreviewed(self, after: int | None = None) -> int | None:
        """The next sampled image (in display order, after `after`, wrapping) not reviewed yet."""
        ids = self.sample_ids
        pending = {o.image_id for o in self.sample if not o.reviewed}
        if not pending:
            return None
        start = ids.index(after) + 1 if after in ids else 0
        for k in range(len(ids)):
            i = ids[(start + k) % len(ids)]
            if i in pending:
                return i
        return None

    def to_dict(self) -> dict:
        s = self.summary
        return {
            "audit_id": self.id,
            "run_id": self.audit["run_id"],
            "seed": self.audit["seed"],
            "method": self.audit["method"],
            "params": self.audit["params"],
            "population": self.population,
            "sample_size": s.sample_size,
            "sample": [o.relpath for o in self.sample],
            "reviewed": s.reviewed,
            "accepted": s.accepted,
            "acceptance": s.acceptance.value,
            "ci_low": s.acceptance.low,
            "ci_high": s.acceptance.high,
            "precision": s.precision.value,
            "precision_ci_low": s.precision.low,
            "precision_ci_high": s.precision.high,
            "suggestions_decided": s.precision.n,
            "target": s.target,
            "verdict": str(s.verdict),
            "more_needed": s.more_needed,
            "failing_classes": s.failing_classes,
            "weak_classes": s.weak_classes,
            "per_class": [c.to_dict() for c in s.per_class],
            "rest": {"images": self.rest_images, "pending": self.rest_pending,
                     "unknown_labels": self.rest_unknown, "accepted": self.rest_accepted},
        }


class AuditTracker:
    """Follows one spot-check as decisions arrive, re-reading only what a decision touched.

    `update(image_ids)` after a decision on those images (sampled ones are re-read, others only
    change the counts of the rest); `reload()` re-reads everything; `status()` is the current
    AuditStatus. `audit_status(store, id)` is a one-shot tracker."""

    def __init__(self, store, audit_id: int | None = None) -> None:
        self.store = store
        self.audit = resolve_audit(store, audit_id)
        self.reload()

    @property
    def id(self) -> int:
        return self.audit["id"]

    def reload(self) -> None:
        outcomes = sample_outcomes(self.store, self.audit)
        self._order = [o.image_id for o in outcomes]
        self._outcomes = {o.image_id: o for o in outcomes}
        self._read_rest()

    def _read_rest(self) -> None:
        self._rest = self.store.audit_rest_counts(self.id, self.audit["run_id"])
        self._rest_accepted = len(self.store.audit_spot_checked(self.id))

    def update(self, image_ids: Iterable[int]) -> bool:
        """Re-read after a change to these images; True when a sampled image was among them."""
        ids = set(image_ids)
        inside = [i for i in ids if i in self._outcomes]
        for o in sample_outcomes(self.store, self.audit, inside) if inside else ():
            self._outcomes[o.image_id] = o
        if len(inside) < len(ids):
            self._read_rest()
        return bool(inside)

    def status(self) -> AuditStatus:
        outcomes = [self._outcomes[i] for i in self._order]
        return AuditStatus(
            audit=self.audit, summary=summarize(outcomes, self.audit["target"]), sample=outcomes,
            population=int(self.audit["params"].get("population", len(outcomes))),
            rest_pending=self._rest["pending"], rest_unknown=self._rest["unknown"],
            rest_images=self._rest["images"], rest_accepted=self._rest_accepted,
        )


def audit_status(store, audit_id: int | None = None) -> AuditStatus:
    return AuditTracker(store, audit_id).status()


def describe(status: AuditStatus) -> str:
    """One or two sentences for people: progress, acceptance, verdict."""
    s = status.summary
    head = f"{s.reviewed} of {s.sample_size} sampled images reviewed"
    if not s.reviewed:
        return head + "; review some to see the acceptance."
    rate = (
        f"{s.accepted} accepted unchanged: {pct(s.acceptance.value)} "
        f"(95 % interval {pct(s.acceptance.low)}–{pct(s.acceptance.high)}), target {pct(s.target)}"
    )
    if s.verdict == Verdict.PASS:
        tail = "pass: the lower bound reaches the target."
    elif s.verdict == Verdict.FAIL:
        tail = "fail: the upper bound is below the target."
        per = {c.name: c for c in s.per_class}
        if s.failing_classes:
            tail += " Failing classes: " + ", ".join(s.failing_classes) + "."
        elif s.weak_classes:
            tail += " Weakest classes: " + ", ".join(
                f"{n} ({pct(per[n].acceptance.value)})" for n in s.weak_classes[:5]) + "."
    elif s.more_needed is None:
        tail = "keep reviewing (the rate sits on the target; more images may not settle it)."
    else:
        tail = f"keep reviewing: about {s.more_needed} more images would likely settle it."
    return f"{head}; {rate}. Verdict: {tail}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


@dataclass(frozen=True)
class AcceptRest:
    changes: ChangeSet
    accepted: list[int]  # suggestion ids
    images: list[int]
    skipped_unknown: list[dict]  # {"suggestion_id", "image_id", "relpath", "label"}

    def to_dict(self, relpaths: Mapping[int, str] | None = None) -> dict:
        d = asdict(self)
        d.pop("changes")
        if relpaths is not None:
            d["images"] = [relpaths.get(i, str(i)) for i in self.images]
        return d


def accept_rest(store, audit_id: int | None = None, *, force: bool = False) -> AcceptRest:
    """Accept every pending suggestion of the images outside the sample (one change set)."""
    status = audit_status(store, audit_id)
    if status.verdict != Verdict.PASS and not force:
        s = status.summary
        raise AuditError(
            f"The spot-check has not passed (verdict {s.verdict}: {s.accepted} of {s.reviewed} "
            f"accepted, 95 % interval {pct(s.acceptance.low)}–{pct(s.acceptance.high)} against a "
            f"target of {pct(s.target)}); review more images, or force it."
        )
    rest = store.audit_rest_pending(status.id, status.audit["run_id"])
    ids = [r["id"] for r in rest if r["label_id"] is not None]
    skipped = [
        {"suggestion_id": r["id"], "image_id": r["image_id"], "relpath": r["relpath"],
         "label": r["raw_label"]}
        for r in rest if r["label_id"] is None
    ]
    cs = store.accept_suggestions(
        ids, decided_by="spot-check", audit_id=status.id, mark_done=True, verb="audit.accept_rest"
    )
    accepted = [c.id for c in cs.changes if c.table == "suggestions"]
    images = sorted({r["image_id"] for r in rest if r["label_id"] is not None})
    return AcceptRest(cs, accepted, images, skipped)


def undo_accept_rest(store, audit_id: int | None = None) -> ChangeSet:
    """Undo the latest 'accept the rest' of a spot-check from the event log (for the CLI; the
    app undoes it from its undo stack). Refuses when those labels were changed since."""
    audit = resolve_audit(store, audit_id)
    accepted = set(store.audit_spot_checked(audit["id"]))
    if not accepted:
        raise AuditError("Nothing to undo: this spot-check has not accepted the rest.")
    for _event_id, cs in store.events_with_verb("audit.accept_rest"):
        if accepted & set(cs.ids("suggestions")):
            if not store.rows_match(cs.changes):
                raise AuditError(
                    "Some of the labels the spot-check accepted were changed since; undo those "
                    "changes first (in the app) or review them one by one."
                )
            return store.apply(cs.inverted())
    raise AuditError("The record of that 'accept the rest' is missing from the event log.")
