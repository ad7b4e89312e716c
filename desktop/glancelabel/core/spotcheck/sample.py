"""Spot-check: sample the AI-suggested images, measure acceptance as reviews arrive, decide.

Vocabulary (docs/GLOSSARY.md): a *spot-check* (table `audits`) draws a seeded random sample of the
images that have suggestions of one run (or of any run). People review the sample with the usual
keys. An image of the sample *passes* when a person finished it (done), every suggestion of the run
on it was accepted unchanged, and nothing had to be added by hand. From the passes we get the
image-level acceptance. Pass and fail come from an anytime-valid confidence sequence
(`sequential`: a beta-binomial mixture, valid however often it is looked at), at any look;
until it settles, the running acceptance is shown with its 95 % Wilson interval as "so far".
All of that, and its wording, is `verdict.decide`. When the whole sample leaves the verdict
open, `extend_spot_check_sample` draws more images into the sample (same seed and
stratification). On a pass, `accept_rest` accepts every pending suggestion of the images nobody
reviewed in one undoable change set, recorded as decided by "spot-check" with the spot-check id.
Each class gets the same verdict at image level (`summary`); `accept_rest(classes=...)` accepts
only the classes that passed and leaves the others pending, and `extend_spot_check_sample(
classes=...)` draws more images holding a class whose verdict is still open.

Statistics are pure functions (`wilson`, `sample_size_*`, `draw_sample` in `stats`; the
confidence sequence in `sequential`; `suggestion_outcome`, `summarize` in `summary`) so they are tested without a
project; this module binds them to a store (`create_spot_check`, `spot_check_status`, `SpotCheckTracker`,
`accept_rest`, `undo_accept_rest`) and re-exports them, so callers import everything from here.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ..consensus.only import keep as keep_only
from ..consensus.only import only_problem, only_word, rest_by_class, rest_counts
from ..consensus.only import population as only_population
from ..i18n import N_, Sentences, Text, said
from ..review.changes import ChangeSet
from ..review.queue import plural
from ..store.audits import MACHINE_DECIDERS, class_name
from .sequential import anytime_more_to_settle
from .stats import (
    EPS,
    Z95,
    SpotCheckError,
    Verdict,
    draw_more,
    draw_sample,
    more_to_settle,
    sample_size_for_fraction,
    sample_size_for_margin,
    strata_of,
    verdict_for,
    wilson,
)
from .summary import (
    EDITED,
    PENDING,
    REJECTED,
    UNCHANGED,
    ClassStatus,
    ImageOutcome,
    Rate,
    Summary,
    suggestion_outcome,
    summarize,
)
from .verdict import NO_VERDICT, NOTHING_LEFT, Decision, Tone, decide, verdict_word

if TYPE_CHECKING:
    from ..store import Store


# -- spot-checks in a project ------------------------------------------------------------------------
@dataclass(frozen=True)
class SpotCheckPlan:
    """What the user asks for. Exactly one of fraction / margin decides the sample size."""

    run_id: int | None = None
    fraction: float | None = None  # None: 0.2 unless a margin is given
    margin: float | None = None
    stratify: bool = False
    seed: int | None = None
    target: float = 0.95
    min_per_class: int = 3
    only: str | None = None  # 'agreed' | 'disputed': those suggestions only (consensus.only)

    def validate(self) -> None:
        problem = only_problem(self.only)
        if problem is not None:
            raise SpotCheckError(problem.template, **problem.values)
        if self.margin is not None and self.fraction is not None:
            raise SpotCheckError(N_("errors", "Choose either a fraction or a margin of error, not "
                                    "both."))
        if self.margin is None:
            sample_size_for_fraction(self.fraction if self.fraction is not None else 0.2, 1)
        else:
            sample_size_for_margin(self.margin, 1)
        if not 0 < self.target < 1:
            raise SpotCheckError(N_("errors", "The target acceptance must be above 0 and below 1 "
                                    "(for example 0.95)."))
        if self.min_per_class < 1:
            raise SpotCheckError(N_("errors", "The minimum number of images per class must be at "
                                    "least 1."))


def create_spot_check(store: Store, plan: SpotCheckPlan) -> int:
    """Draw the sample and store the spot-check; returns its id."""
    plan.validate()
    if plan.run_id is not None and store.run(plan.run_id) is None:
        raise SpotCheckError(N_("errors", "There is no run {run} in this project."), run=plan.run_id)
    population = only_population(store, plan.only, plan.run_id)
    if not population:
        nothing = _nothing_to_check(plan.run_id, plan.only)
        raise SpotCheckError(nothing.template, **nothing.values)
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
        "only": plan.only,
    }
    return store.insert_audit(
        run_id=plan.run_id, seed=seed, method=method, params=params, target=plan.target,
        sample=sample,
    )


def _nothing_to_check(run_id: int | None, only: str | None) -> Text:
    if run_id is None and only is None:
        return said(N_("errors", "No image of this project has suggestions to spot-check."))
    if run_id is None:
        return said(N_("errors", "No image of this project has {only} suggestions to "
                       "spot-check."), only=only_word(only or ""))
    if only is None:
        return said(N_("errors", "No image of run {run} has suggestions to spot-check."),
                    run=run_id)
    return said(N_("errors", "No image of run {run} has {only} suggestions to spot-check."),
                run=run_id, only=only_word(only))


def resolve_spot_check(store: Store, audit_id: int | None = None) -> dict:
    """The audit row for an id, or the latest one; SpotCheckError when there is none."""
    if audit_id is None:
        audit_id = store.latest_audit_id()
        if audit_id is None:
            raise SpotCheckError(N_("errors", "This project has no spot-check yet; create one "
                                    "first."))
    row = store.audit_row(audit_id)
    if row is None:
        raise SpotCheckError(N_("errors", "There is no spot-check {audit} in this project."),
                             audit=audit_id)
    return row


def walk_order(audit: Mapping, rows: list[dict]) -> list[dict]:
    """The sample's rows in the order people review it: each draw (the first sample, then each
    extension, by `pos`) in its own seeded random order. The anytime-valid verdict may be read at
    every look only when the order of the reviews tells nothing about their outcomes; the
    folder's order can (a camera's day images first, then its night), so the walk never
    follows it."""
    rows = sorted(rows, key=lambda r: r["pos"])
    sizes = [int(e.get("added", 0)) for e in audit["params"].get("extensions", ())]
    out: list[dict] = []
    for k, size in enumerate([max(0, len(rows) - sum(sizes)), *sizes]):
        group = sorted(rows[len(out):len(out) + size], key=lambda r: r["image_id"])
        random.Random(f"{audit['seed']}/walk/{k}").shuffle(group)
        out += group
    return out + rows[len(out):]


# the class of a box a person added with none (a plain string: it is a key of the figures)
NO_CLASS = str(N_("spotcheck", "(no class)"))


def sample_outcomes(
    store: Store, audit: Mapping, image_ids: Iterable[int] | None = None
) -> list[ImageOutcome]:
    """Outcomes of the sampled images (or of some of them), in the order of the walk."""
    ids = None if image_ids is None else list(image_ids)
    sample = walk_order(audit, store.audit_sample(audit["id"], ids))
    by_image: dict[int, list[tuple[str, str]]] = {r["image_id"]: [] for r in sample}
    only = audit["params"].get("only")
    rows = store.audit_sample_suggestions(audit["id"], audit["run_id"], ids)
    for row in keep_only(store, only, rows):
        if row["decided_by"] in MACHINE_DECIDERS:  # accepted unseen (a passed class): no evidence
            continue
        by_image[row["image_id"]].append(
            (class_name(row["label_name"], row["raw_label"]), suggestion_outcome(row))
        )
    added: dict[int, list[str]] = {}
    for image_id, name in store.audit_sample_added(audit["id"], ids) if only is None else ():
        added.setdefault(image_id, []).append(name if name is not None else NO_CLASS)
    return [
        ImageOutcome(
            image_id=r["image_id"], relpath=r["relpath"], reviewed=r["reviewed"],
            suggestions=tuple(by_image[r["image_id"]]), added=tuple(added.get(r["image_id"], ())),
            stratum=r["stratum"], done=r["done"],
        )
        for r in sample
    ]


@dataclass(frozen=True)
class SpotCheckStatus:
    audit: dict
    summary: Summary
    sample: list[ImageOutcome]
    population: int
    rest_pending: int  # pending suggestions accept-rest would accept
    rest_unknown: int  # pending suggestions with an unknown label it would skip
    rest_images: int
    rest_accepted: int  # suggestions this spot-check already accepted (0 after undo)
    rest_by_class: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # (pending, images)

    def rest_of_classes(self, classes: Iterable[str]) -> tuple[int, int]:
        """(pending suggestions, images holding them) of these classes among the rest; images
        holding several of the classes may be counted once per class (an upper bound)."""
        pairs = [self.rest_by_class.get(c, (0, 0)) for c in classes]
        return sum(p for p, _i in pairs), sum(i for _p, i in pairs)

    @property
    def id(self) -> int:
        return self.audit["id"]

    @property
    def verdict(self) -> Verdict:
        return self.summary.verdict

    @property
    def decision(self) -> Decision:
        decision = self.summary.decision
        assert decision is not None  # summarize() always decides
        return decision

    @property
    def sample_ids(self) -> list[int]:
        return [o.image_id for o in self.sample]

    def next_unreviewed(self, after: int | None = None) -> int | None:
        """The next sampled image (in the walk's order, after `after`, wrapping) nobody reviewed
        or finished yet (accepting the rest on a pass closes the unreviewed ones)."""
        ids = self.sample_ids
        pending = {o.image_id for o in self.sample if not o.reviewed and not o.done}
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
            "cs_low": s.bounds[0],
            "cs_high": s.bounds[1],
            "precision": s.precision.value,
            "precision_ci_low": s.precision.low,
            "precision_ci_high": s.precision.high,
            "suggestions_decided": s.precision.n,
            "target": s.target,
            "verdict": str(s.verdict),
            **self.decision.to_dict(),
            "more_needed": s.more_needed,
            "failing_classes": s.failing_classes,
            "passed_classes": s.passed_classes,
            "weak_classes": s.weak_classes,
            "per_class": [c.to_dict() for c in s.per_class],
            "rest": {"images": self.rest_images, "pending": self.rest_pending,
                     "unknown_labels": self.rest_unknown, "accepted": self.rest_accepted,
                     "by_class": {name: {"pending": p, "images": i}
                                  for name, (p, i) in sorted(self.rest_by_class.items())}},
        }


class SpotCheckTracker:
    """Follows one spot-check as decisions arrive, re-reading only what a decision touched.

    `update(image_ids)` after a decision on those images (sampled ones are re-read, others only
    change the counts of the rest); `reload()` re-reads everything; `status()` is the current
    SpotCheckStatus. `spot_check_status(store, id)` is a one-shot tracker."""

    def __init__(self, store: Store, audit_id: int | None = None) -> None:
        self.store = store
        self.audit = resolve_spot_check(store, audit_id)
        self.reload()

    @property
    def id(self) -> int:
        return self.audit["id"]

    def reload(self) -> None:
        self.audit = resolve_spot_check(self.store, self.id)  # its params change when extended
        outcomes = sample_outcomes(self.store, self.audit)
        self._order = [o.image_id for o in outcomes]
        self._outcomes = {o.image_id: o for o in outcomes}
        self._read_rest()

    def _read_rest(self) -> None:
        only = self.audit["params"].get("only")
        run_id = self.audit["run_id"]
        if only is None:
            self._rest = self.store.audit_rest_counts(self.id, run_id)
            self._rest_by_class = self.store.audit_rest_by_class(run_id)
            # the rest counts unreviewed sampled images too: keep what each adds, so that a
            # decision in the sample updates the counts without reading the whole rest again
            self._sample_rest = self.store.audit_rest_parts(run_id, self._order)
        else:
            rows = keep_only(self.store, only, self.store.audit_rest_pending(self.id, run_id))
            self._rest, self._rest_by_class = rest_counts(rows), rest_by_class(rows)
        self._rest_accepted = len(self.store.audit_spot_checked(self.id))

    def _shift_rest(self, parts: Mapping[str | None, int], sign: int) -> None:
        """Add (sign +1) or take away (-1) one image's part of the rest counts."""
        classed = {c: n for c, n in parts.items() if c is not None}
        self._rest["pending"] += sign * sum(classed.values())
        self._rest["unknown"] += sign * parts.get(None, 0)
        self._rest["images"] += sign * bool(classed)
        by_class = dict(self._rest_by_class)
        for c, n in classed.items():
            pending, images = by_class.get(c, (0, 0))
            by_class[c] = (pending + sign * n, images + sign)
        self._rest_by_class = {c: v for c, v in by_class.items() if v[0] > 0}

    def update(self, image_ids: Iterable[int]) -> bool:
        """Re-read after a change to these images; True when a sampled image was among them."""
        ids = set(image_ids)
        inside = [i for i in ids if i in self._outcomes]
        for o in sample_outcomes(self.store, self.audit, inside) if inside else ():
            self._outcomes[o.image_id] = o
        if len(inside) < len(ids) or self.audit["params"].get("only") is not None:
            if ids:
                self._read_rest()
        elif inside:
            fresh = self.store.audit_rest_parts(self.audit["run_id"], inside)
            for i in inside:
                self._shift_rest(self._sample_rest.pop(i, {}), -1)
                if i in fresh:
                    self._sample_rest[i] = fresh[i]
                    self._shift_rest(fresh[i], +1)
            self._rest_accepted = len(self.store.audit_spot_checked(self.id))
        return bool(inside)

    def status(self) -> SpotCheckStatus:
        outcomes = [self._outcomes[i] for i in self._order]
        population = int(self.audit["params"].get("population", len(outcomes)))
        return SpotCheckStatus(
            audit=self.audit, sample=outcomes, population=population,
            summary=summarize(outcomes, self.audit["target"],
                              available=max(0, population - len(outcomes))),
            rest_pending=self._rest["pending"], rest_unknown=self._rest["unknown"],
            rest_images=self._rest["images"], rest_accepted=self._rest_accepted,
            rest_by_class=self._rest_by_class,
        )


def spot_check_status(store: Store, audit_id: int | None = None) -> SpotCheckStatus:
    return SpotCheckTracker(store, audit_id).status()


def describe(status: SpotCheckStatus) -> str:
    """A few sentences for people: progress, acceptance, verdict (its words from `decide`)."""
    return str(describe_text(status))


def describe_text(status: SpotCheckStatus) -> Sentences:
    """`describe`'s sentences as marked templates and values (the interface translates them)."""
    s = status.summary
    d = status.decision
    if s.sample_size == 1:
        head = said(N_("spotcheck", "{reviewed} of {count} sampled image reviewed"),
                    reviewed=s.reviewed, count=s.sample_size)
    else:
        head = said(N_("spotcheck", "{reviewed} of {count} sampled images reviewed"),
                    reviewed=s.reviewed, count=s.sample_size)
    if not s.reviewed:
        return Sentences([said(N_("spotcheck", "{head}; review some to see the acceptance."),
                               head=head)])
    figures = {"accepted": s.accepted, "rate": pct(s.acceptance.value),
               "low": pct(s.acceptance.low), "high": pct(s.acceptance.high),
               "cs_low": pct(s.bounds[0]), "cs_high": pct(s.bounds[1]), "target": pct(s.target)}
    if d.settled:
        rate = said(N_("spotcheck", "{accepted} accepted unchanged: {rate} (95 % Wilson interval "
                       "{low}–{high}; anytime-valid bounds {cs_low}–{cs_high}), target {target}"),
                    **figures)
    else:
        rate = said(N_("spotcheck", "{accepted} accepted unchanged so far: {rate} (95 % Wilson "
                       "interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high}), target "
                       "{target}"), **figures)
    out = [said(N_("spotcheck", "{head}; {rate}. Verdict: {headline}."), head=head, rate=rate,
                headline=d.headline_text), *d.advice_text]
    return Sentences(out + _class_lists(s))


def _class_lists(s: Summary) -> list[Text]:
    """The classes that failed (or the weakest) on a fail, and those that passed on their own."""
    out = []
    if s.verdict == Verdict.FAIL:
        per = {c.name: c for c in s.per_class}
        if s.failing_classes:
            out.append(said(N_("spotcheck", "Failing classes: {names}."),
                            names=", ".join(s.failing_classes)))
        elif s.weak_classes:
            out.append(said(N_("spotcheck", "Weakest classes: {names}."), names=", ".join(
                f"{n} ({pct(per[n].acceptance.value)})" for n in s.weak_classes[:5])))
    if s.passed_classes and s.verdict != Verdict.PASS:
        out.append(said(N_("spotcheck", "Classes that passed: {names}."),
                        names=", ".join(s.passed_classes)))
    return out


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


def _refuse_rest(status: SpotCheckStatus, classes: list[str] | None) -> None:
    """Raise when the verdict does not allow accepting the rest (of these classes)."""
    s = status.summary
    if classes is not None:
        verdicts = {c.name: c.verdict for c in s.per_class}
        unknown = [c for c in classes if c not in verdicts]
        if unknown:
            raise SpotCheckError(N_("errors", "No reviewed sampled image holds the class {name}, "
                                    "so it has no verdict yet."), name=repr(unknown[0]))
        open_ = [c for c in classes if verdicts[c] != Verdict.PASS]
        if open_:
            raise SpotCheckError(
                N_("errors", "The class {name} has not passed ({verdict}); only classes that "
                   "passed can be accepted. Or force it."),
                name=repr(open_[0]), verdict=verdict_word(verdicts[open_[0]]))
        return
    if not status.decision.can_accept_rest:
        raise SpotCheckError(
            N_("errors", "The spot-check has not passed ({verdict}: {accepted} of {reviewed} "
               "reviewed of {count} sampled accepted, 95 % Wilson interval {low}–{high} against a "
               "target of {target}); {advice} Or force it."),
            verdict=_lowered(status.decision.headline_text.template if s.reviewed else NO_VERDICT),
            accepted=s.accepted, reviewed=s.reviewed, count=s.sample_size,
            low=pct(s.acceptance.low), high=pct(s.acceptance.high), target=pct(s.target),
            advice=status.decision.advice_text)


LOWERED = {"No verdict yet": N_("spotcheck", "no verdict yet"),
           "Fail: below the target": N_("spotcheck", "fail: below the target"),
           "Not settled so far": N_("spotcheck", "not settled so far"),
           "Not settled: the whole sample leaves it open":
               N_("spotcheck", "not settled: the whole sample leaves it open")}


def _lowered(headline: str) -> Text:
    """A headline that has not passed, in lower case (inside a sentence)."""
    return said(LOWERED[headline])


def accept_rest(store: Store, audit_id: int | None = None, *, force: bool = False,
                classes: Iterable[str] | None = None) -> AcceptRest:
    """Accept every pending suggestion of the images nobody reviewed (one change set). With
    `classes`, only the suggestions of those classes (each must have passed unless forced); the
    others stay pending, and only images left with nothing pending are marked done."""
    status = spot_check_status(store, audit_id)
    wanted = None if classes is None else sorted(set(classes))
    if wanted is not None and not wanted:
        raise SpotCheckError(N_("errors", "No class has passed yet, so there is nothing to accept "
                                "by class."))
    if not force:
        _refuse_rest(status, wanted)
    rest_all = store.audit_rest_pending(status.id, status.audit["run_id"])
    only = status.audit["params"].get("only")  # the other suggestions stay pending
    rest = keep_only(store, only, rest_all)
    take = [r for r in rest if r["label_id"] is not None
            and (wanted is None or r["label_name"] in wanted)]
    skipped = [
        {"suggestion_id": r["id"], "image_id": r["image_id"], "relpath": r["relpath"],
         "label": r["raw_label"]}
        for r in rest if r["label_id"] is None
    ]
    taken = {r["id"] for r in take}
    unfinished = {r["image_id"] for r in rest_all if r["id"] not in taken}
    partial = wanted is not None or only is not None
    finish = [r["id"] for r in take if r["image_id"] not in unfinished or not partial]
    keep_open = [r["id"] for r in take if r["image_id"] in unfinished and partial]
    meta = {"audit_id": status.id, "classes": wanted}
    with store.tx():  # one transaction, one undoable step
        parts = [store.accept_suggestions(ids, decided_by="spot-check", audit_id=status.id,
                                          mark_done=done, verb="audit.accept_rest")
                 for ids, done in ((finish, True), (keep_open, False)) if ids]
    cs = ChangeSet("audit.accept_rest", tuple(c for part in parts for c in part.changes),
                   None, meta)
    accepted = [c.id for c in cs.changes if c.table == "suggestions" and c.id is not None]
    images = sorted({r["image_id"] for r in take})
    return AcceptRest(cs, accepted, images, skipped)


@dataclass(frozen=True)
class Extension:
    audit_id: int
    requested: int
    estimate: int | None  # the "about N more images" estimate it started from
    added: list[int]  # image ids, in id order

    @property
    def short(self) -> bool:
        return len(self.added) < self.requested


def _class_extension(status: SpotCheckStatus, cls: str) -> int | None:
    """Refuse extending for a class that is settled, unknown or still has sampled images to
    review; else the "about N more" estimate for it (None: unknown)."""
    per = {c.name: c for c in status.summary.per_class}
    c = per.get(cls)
    if c is None:
        raise SpotCheckError(N_("errors", "No reviewed sampled image holds the class {name}; "
                                "review the sample first."), name=repr(cls))
    if c.verdict != Verdict.CONTINUE:
        raise SpotCheckError(N_("errors", "The class {name} has a verdict already ({verdict}); "
                                "extending the sample for it would not change it."),
                             name=repr(cls), verdict=verdict_word(c.verdict))
    waiting = sum(1 for o in status.sample if not o.reviewed and cls in o.classes())
    if waiting == 1:
        raise SpotCheckError(N_("errors", "Review the {count} sampled image holding {name} first; "
                                "extend for it only when they leave its verdict open."),
                             count=waiting, name=repr(cls))
    if waiting:
        raise SpotCheckError(N_("errors", "Review the {count} sampled images holding {name} "
                                "first; extend for it only when they leave its verdict open."),
                             count=waiting, name=repr(cls))
    return anytime_more_to_settle(c.passed, c.images, status.summary.target)


def extend_spot_check_sample(store: Store, audit_id: int | None = None, count: int | None = None,
                             *, cls: str | None = None) -> Extension:
    """Draw `count` more images (default: the "about N more" estimate) into the sample of a
    spot-check whose whole sample left the verdict open; same seed and stratification, from the
    images with suggestions that are not in the sample yet. With `cls`, only images holding
    suggestions of that class, whose own verdict is still open (whatever the overall one)."""
    status = spot_check_status(store, audit_id)
    decision = status.decision
    if cls is not None:
        estimate = _class_extension(status, cls)
    else:
        refusal = decision.extend_refusal_text()
        if refusal is not None and refusal != NOTHING_LEFT:  # (what is left is counted below)
            raise SpotCheckError(refusal.template, **refusal.values)
        estimate = decision.more_needed
    audit = status.audit
    machine = store.machine_finished_ids()
    population = {i: c for i, c in only_population(store, audit["params"].get("only"),
                                                    audit["run_id"]).items()
                  if i not in machine}
    pool = population if cls is None else {i: c for i, c in population.items() if cls in c}
    sample = set(status.sample_ids)
    left = sum(1 for i in pool if i not in sample)
    if count is None and cls is None:
        count = decision.to_draw or status.summary.sample_size
    elif count is None:
        count = max(1, min(estimate or status.summary.sample_size, left))
    if count < 1:
        raise SpotCheckError(N_("errors", "The number of images to add must be at least 1."))
    if not left:
        drawn_all = _all_drawn(audit["run_id"], cls)
        raise SpotCheckError(drawn_all.template, **drawn_all.values)
    params = dict(audit["params"])
    extensions = [*params.get("extensions", ()),
                  {"requested": count} | ({} if cls is None else {"class": cls})]
    drawn = draw_more(
        pool, sample, count, f"{audit['seed']}/extend/{len(extensions)}",
        reviewed=store.person_reviewed_ids(list(pool)),
        stratify=bool(params.get("stratify")),
    )
    extensions[-1]["added"] = len(drawn)
    params.update(extensions=extensions, population=len(population))
    store.extend_audit_sample(status.id, drawn, params)
    return Extension(status.id, count, estimate, list(drawn))


def _all_drawn(run_id: int | None, cls: str | None) -> Text:
    if run_id is None and cls is None:
        return said(N_("errors", "Every image of this project with suggestions is in the sample "
                       "already; nothing is left to draw, so the verdict stays open at this "
                       "target."))
    if run_id is None:
        return said(N_("errors", "Every image of this project with suggestions of {name} is in the "
                       "sample already; nothing is left to draw, so the verdict stays open at "
                       "this target."), name=repr(cls))
    if cls is None:
        return said(N_("errors", "Every image of run {run} with suggestions is in the sample "
                       "already; nothing is left to draw, so the verdict stays open at this "
                       "target."), run=run_id)
    return said(N_("errors", "Every image of run {run} with suggestions of {name} is in the sample "
                   "already; nothing is left to draw, so the verdict stays open at this target."),
                run=run_id, name=repr(cls))


def undo_accept_rest(store: Store, audit_id: int | None = None) -> ChangeSet:
    """Undo this spot-check's 'accept the rest' from the event log (for the CLI; the app undoes
    it from its undo stack): every logged step that accepted suggestions still accepted by it.
    Refuses when those labels were changed since."""
    audit = resolve_spot_check(store, audit_id)
    accepted = set(store.audit_spot_checked(audit["id"]))
    if not accepted:
        raise SpotCheckError(N_("errors", "Nothing to undo: this spot-check has not accepted the "
                                "rest."))
    steps, left = [], set(accepted)
    for _event_id, cs in store.events_with_verb("audit.accept_rest"):  # newest first
        if left & set(cs.ids("suggestions")):
            steps.append(cs)
            left -= set(cs.ids("suggestions"))
        if not left:
            break
    if left:
        raise SpotCheckError(N_("errors", "The record of that 'accept the rest' is missing from "
                                "the event log."))
    changes = tuple(c for cs in reversed(steps) for c in cs.changes)  # oldest first
    if not store.rows_match(changes):
        raise SpotCheckError(N_("errors", "Some of the labels the spot-check accepted were changed "
                                "since; undo those changes first (in the app) or review them one "
                                "by one."))
    return store.apply(ChangeSet("audit.accept_rest", changes, None).inverted())


__all__ = [
    # statistics and sampling (audit_stats)
    "Z95", "EPS", "SpotCheckError", "Verdict", "wilson", "verdict_for", "more_to_settle",
    "sample_size_for_fraction", "sample_size_for_margin", "strata_of", "draw_sample", "draw_more",
    # the verdict and its wording (audit_verdict)
    "Decision", "Tone", "decide", "plural",
    # outcomes and summaries (audit_summary)
    "UNCHANGED", "EDITED", "REJECTED", "PENDING", "ImageOutcome", "suggestion_outcome", "Rate",
    "ClassStatus", "Summary", "summarize",
    # spot-checks in a project
    "SpotCheckPlan", "create_spot_check", "resolve_spot_check", "sample_outcomes", "SpotCheckStatus", "SpotCheckTracker",
    "spot_check_status", "describe", "describe_text", "pct", "AcceptRest", "accept_rest", "Extension", "extend_spot_check_sample",
    "undo_accept_rest",
]
