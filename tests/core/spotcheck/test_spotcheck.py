"""Spot-check: statistics against independent values, sampling, verdicts, accept-rest and undo."""

from __future__ import annotations

import math
import random

import pytest

from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.spotcheck.sample import (
    EDITED,
    PENDING,
    REJECTED,
    UNCHANGED,
    ImageOutcome,
    SpotCheckError,
    SpotCheckPlan,
    SpotCheckTracker,
    Tone,
    Verdict,
    accept_rest,
    create_spot_check,
    decide,
    describe,
    draw_more,
    draw_sample,
    extend_spot_check_sample,
    more_to_settle,
    sample_size_for_fraction,
    sample_size_for_margin,
    spot_check_status,
    suggestion_outcome,
    summarize,
    undo_accept_rest,
    wilson,
)
from glancelabel.core.spotcheck.sequential import anytime_verdict
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion

Z = 1.959963984540054


def wilson_by_roots(k: float, n: float) -> tuple[float, float]:
    """The Wilson bounds as the roots of (n + z²) p² - (2k + z²) p + k²/n = 0 (independent of the
    centre/half-width form the app uses)."""
    a = n + Z * Z
    b = -(2 * k + Z * Z)
    c = k * k / n
    disc = math.sqrt(b * b - 4 * a * c)
    return (-b - disc) / (2 * a), (-b + disc) / (2 * a)


# -- Wilson ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "k, n, low, high",
    [  # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (no continuity corr.)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0),
    ],
)
def test_wilson_matches_published_values(k, n, low, high):
    lo, hi = wilson(k, n)
    assert round(lo, 4) == low
    assert round(hi, 4) == high


def test_wilson_edges():
    lo, hi = wilson(0, 10)
    assert lo == 0.0
    assert hi == pytest.approx(Z * Z / (10 + Z * Z))  # 0.2775
    assert round(hi, 4) == 0.2775
    lo, hi = wilson(10, 10)
    assert hi == 1.0
    assert lo == pytest.approx(10 / (10 + Z * Z))  # 0.7225
    assert wilson(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson(11, 10)


@pytest.mark.parametrize("k, n", [(1, 2), (3, 7), (50, 100), (95, 100), (999, 1000), (7, 300)])
def test_wilson_agrees_with_quadratic_roots(k, n):
    assert wilson(k, n) == pytest.approx(wilson_by_roots(k, n), abs=1e-12)


# -- sample sizes ------------------------------------------------------------------------------------
def test_fraction_rounds_up_and_keeps_one():
    assert sample_size_for_fraction(0.2, 10) == 2
    assert sample_size_for_fraction(0.2, 11) == 3
    assert sample_size_for_fraction(0.2, 1) == 1
    assert sample_size_for_fraction(0.01, 5) == 1
    assert sample_size_for_fraction(0.1, 30) == 3  # 0.1 * 30 is 3.0000000000000004 in floats
    assert sample_size_for_fraction(1.0, 7) == 7
    assert sample_size_for_fraction(0.2, 0) == 0
    for bad in (0, -0.1, 1.5):
        with pytest.raises(SpotCheckError):
            sample_size_for_fraction(bad, 10)


def test_margin_sample_size_with_finite_population_correction():
    # the textbook figures: ±3 % needs 1068, ±5 % needs 385 from an unlimited population
    assert sample_size_for_margin(0.03, 10**12) == 1068
    assert sample_size_for_margin(0.05, 10**12) == 385
    n0 = Z**2 * 0.25 / 0.03**2
    for population in (50, 1000, 5000):
        expected = math.ceil(n0 / (1 + (n0 - 1) / population))
        assert sample_size_for_margin(0.03, population) == expected
    assert sample_size_for_margin(0.03, 1000) == 517
    assert sample_size_for_margin(0.5, 3) <= 3
    with pytest.raises(SpotCheckError):
        sample_size_for_margin(0, 100)


# -- how many more images settle it ---------------------------------------------------------------
def independent_verdict(k: float, n: float, target: float) -> str:
    if n == 0:
        return "continue"
    lo, hi = wilson_by_roots(k, n)
    if k == n:
        hi = 1.0
    if k == 0:
        lo = 0.0
    return "pass" if lo >= target - 1e-9 else "fail" if hi < target else "continue"


@pytest.mark.parametrize(
    "k, n, target", [(10, 10, 0.95), (20, 20, 0.9), (19, 20, 0.9), (9, 10, 0.95), (45, 50, 0.95),
                     (30, 40, 0.8), (5, 6, 0.5)]
)
def test_more_to_settle_is_the_smallest_settling_count(k, n, target):
    m = more_to_settle(k, n, target)
    p = k / n
    assert m is not None and m > 0
    assert independent_verdict(k + p * m, n + m, target) != "continue"
    assert independent_verdict(k + p * (m - 1), n + m - 1, target) == "continue"


def test_more_to_settle_known_cases():
    # all accepted: the lower bound n/(n + z²) reaches 95 % at n = 73
    assert more_to_settle(10, 10, 0.95) == 63
    assert more_to_settle(0, 0, 0.95) is None  # nothing reviewed yet
    assert more_to_settle(9, 10, 0.9) is None  # the rate sits on the target: it never settles
    assert more_to_settle(3, 10, 0.95) == 0  # already failed
    assert more_to_settle(100, 100, 0.95) == 0  # already passed


# -- sampling ------------------------------------------------------------------------------------------
def population(n: int, rare: int = 0) -> dict[int, frozenset[str]]:
    rng = random.Random(1)
    pop = {i: frozenset({rng.choice(["cat", "dog"])}) for i in range(1, n + 1)}
    for i in range(1, rare + 1):
        pop[i * 7] = frozenset({"owl"})
    return pop


def test_seed_reproduces_the_sample():
    pop = population(500)
    a = draw_sample(pop, 50, seed=42)
    assert a == draw_sample(pop, 50, seed=42)
    assert a != draw_sample(pop, 50, seed=43)
    assert len(a) == 50 and set(a) <= set(pop)
    strat = draw_sample(pop, 50, seed=42, stratify=True)
    assert strat == draw_sample(pop, 50, seed=42, stratify=True)


def test_reviewed_images_count_toward_the_sample():
    pop = population(100)
    reviewed = {3, 4, 5, 999}  # 999 is not in the population
    s = draw_sample(pop, 10, seed=1, reviewed=reviewed)
    assert {3, 4, 5} <= set(s)
    assert 999 not in s
    assert len(s) == 10
    # more reviewed than asked for: all of them are kept, nothing random is added
    many = set(range(1, 21))
    assert set(draw_sample(pop, 10, seed=1, reviewed=many)) == many


def test_stratified_sample_covers_rare_classes():
    pop = population(1000, rare=4)  # 4 owls among 1000 images
    plain_misses = sum(
        1 for seed in range(20)
        if sum(1 for i in draw_sample(pop, 20, seed) if "owl" in pop[i]) < 3
    )
    assert plain_misses > 15  # a plain 2 % sample almost never holds three owls
    for seed in range(20):
        s = draw_sample(pop, 20, seed, stratify=True, min_per_class=3)
        for cls in ("cat", "dog", "owl"):
            assert sum(1 for i in s if cls in pop[i]) >= 3, (seed, cls)
        assert all(s[i] == "owl" for i in s if "owl" in pop[i])  # recorded stratum
    # a class with fewer images than the minimum is taken whole
    tiny = population(200, rare=2)
    s = draw_sample(tiny, 5, 3, stratify=True, min_per_class=3)
    assert {7, 14} <= set(s)


def test_stratified_covers_a_class_that_is_never_the_rarest():
    # "person" appears on every owl image and on 10 others; strata go to the rarer "owl" first
    pop = {i: frozenset({"owl", "person"}) for i in range(1, 6)}
    pop |= {i: frozenset({"person"}) for i in range(6, 16)}
    pop |= {i: frozenset({"car"}) for i in range(16, 400)}
    s = draw_sample(pop, 4, seed=5, stratify=True, min_per_class=3)
    for cls in ("owl", "person", "car"):
        assert sum(1 for i in s if cls in pop[i]) >= 3


# -- outcomes and summaries (hand-made) -----------------------------------------------------------
def row(state, label_id=1, ann=True, ann_label=1, moved=False):
    return {"state": state, "label_id": label_id, "x": 1.0, "y": 2.0, "w": 3.0, "h": 4.0,
            "ann_id": 9 if ann else None, "ann_label_id": ann_label,
            "ax": 1.5 if moved else 1.0, "ay": 2.0, "aw": 3.0, "ah": 4.0}


def test_suggestion_outcome():
    assert suggestion_outcome(row("accepted")) == UNCHANGED
    assert suggestion_outcome(row("accepted", moved=True)) == EDITED  # box changed after accept
    assert suggestion_outcome(row("accepted", ann_label=2)) == EDITED  # class changed after
    assert suggestion_outcome(row("accepted", ann=False)) == REJECTED  # annotation deleted
    assert suggestion_outcome(row("edited")) == EDITED
    assert suggestion_outcome(row("rejected", ann=False)) == REJECTED
    assert suggestion_outcome(row("pending", ann=False)) == PENDING


def test_summarize_hand_made_sample():
    outcomes = [
        ImageOutcome(1, "a", True, (("cat", UNCHANGED), ("dog", UNCHANGED))),  # pass
        ImageOutcome(2, "b", True, (("cat", UNCHANGED),), added=("dog",)),  # dog was missed
        ImageOutcome(3, "c", True, (("cat", EDITED),)),  # fails for cat
        ImageOutcome(4, "d", True, (("dog", REJECTED), ("cat", UNCHANGED))),
        ImageOutcome(5, "e", False, (("cat", PENDING),)),  # not reviewed yet
        ImageOutcome(6, "f", True, (("cat", UNCHANGED),)),  # pass
    ]
    s = summarize(outcomes, target=0.95)
    assert (s.sample_size, s.reviewed, s.accepted) == (6, 5, 2)
    assert (s.acceptance.low, s.acceptance.high) == pytest.approx(wilson_by_roots(2, 5))
    # suggestions decided on reviewed images: 7; accepted unchanged: 5
    assert (s.precision.successes, s.precision.n) == (5, 7)
    # 2 of 5 against 95 %: far enough below that the anytime-valid sequence fails it already
    assert s.verdict == Verdict.FAIL and s.acceptance.high < 0.95
    assert s.decision.headline == "Fail: below the target" and s.decision.remaining == 1
    assert not s.decision.can_accept_rest
    per = {c.name: c for c in s.per_class}
    assert (per["cat"].images, per["cat"].passed) == (5, 4)
    assert (per["cat"].precision.successes, per["cat"].precision.n) == (4, 5)
    assert (per["dog"].images, per["dog"].passed) == (3, 1)  # images 1, 2 (added), 4
    assert (per["dog"].precision.successes, per["dog"].precision.n) == (1, 2)
    assert s.failing_classes == [] and s.open_classes == ["cat", "dog"]  # too few each


def test_each_class_gets_its_own_anytime_valid_verdict():
    """Cats are always right, dogs always rejected, owls half right: at image level, each class
    is decided on the images holding it (an added box of a class fails the image for it)."""
    outcomes = []
    for i in range(60):
        sugg = [("cat", UNCHANGED)]
        if i % 2 == 0:
            sugg.append(("dog", REJECTED))
        if i % 3 == 0:
            sugg.append(("owl", UNCHANGED if i % 2 else EDITED))
        outcomes.append(ImageOutcome(i, f"{i}.jpg", True, tuple(sugg)))
    s = summarize(outcomes, target=0.8)
    per = {c.name: c for c in s.per_class}
    assert (per["cat"].images, per["cat"].passed) == (60, 60)
    assert (per["dog"].images, per["dog"].passed) == (30, 0)
    assert (per["owl"].images, per["owl"].passed) == (20, 10)
    # 10 of 20 owls is below 80 % by the one-look interval, yet too few to settle at every look
    assert s.passed_classes == ["cat"] and s.failing_classes == ["dog"]
    assert s.open_classes == ["owl"] and per["owl"].acceptance.high < 0.8
    assert s.verdict == Verdict.FAIL  # 30 of 60 images pass as a whole
    d = per["cat"].to_dict()
    assert d["verdict"] == "pass" and d["method"] == "anytime-valid beta-binomial mixture"
    assert d["cs_low"] >= 0.8 > d["ci_low"] - 1  # bounds present, the lower one above target


# -- a full scripted scenario on a project -------------------------------------------------------
CLASSES = ["cat", "dog", "bird"]


class Scenario:
    """A project whose images carry known objects, a simulated provider with a known error rate,
    and a scripted reviewer."""

    def __init__(self, path, n_images=300, error_rate=0.03, seed=11, unknown_every=0):
        self.store = Store(path)
        for name in CLASSES:
            self.store.add_label(name)
        self.label = {lab.name: lab.id for lab in self.store.labels()}
        self.store.add_images([(f"img{i:04d}.jpg", 100, i) for i in range(n_images)])
        self.ids = [img.id for img in self.store.all_images()]
        self.store.set_headers([(i, 640, 480, 1, "JPEG", "ok", None) for i in self.ids])
        self.store.set_sort_keys(self.ids)
        rng = random.Random(seed)
        self.truth: dict[int, list[tuple[str, Box]]] = {}
        for i in self.ids:
            objs = []
            for k in range(rng.randint(1, 2)):
                objs.append((rng.choice(CLASSES), Box(20 + 300 * k, 30, 200, 150)))
            self.truth[i] = objs
        self.bad: set[int] = set()
        self.unknown: set[int] = set()
        self.run_id = self.store.create_run("fake", "fake-1", params={"error_rate": error_rate})
        for n, i in enumerate(self.ids):
            items = [NewSuggestion(Kind.BOX, c, self.label[c], b, confidence=0.9)
                     for c, b in self.truth[i]]
            if rng.random() < error_rate:
                self.bad.add(i)
                kind = rng.choice(["wrong_class", "missed", "spurious", "loose"])
                if kind == "wrong_class":
                    c, b = self.truth[i][0]
                    other = next(x for x in CLASSES if x != c)
                    items[0] = NewSuggestion(Kind.BOX, other, self.label[other], b, 0.6)
                elif kind == "missed":
                    items.pop(0)
                elif kind == "spurious":
                    items.append(NewSuggestion(Kind.BOX, "dog", self.label["dog"],
                                               Box(10, 300, 50, 50), 0.3))
                else:
                    c, b = self.truth[i][0]
                    items[0] = NewSuggestion(Kind.BOX, c, self.label[c],
                                             Box(b.x + 30, b.y + 20, b.w, b.h), 0.7)
            if unknown_every and n % unknown_every == 5:
                self.unknown.add(i)
                items.append(NewSuggestion(Kind.BOX, "wombat", None, Box(400, 300, 40, 40), 0.5))
            self.store.add_suggestions(self.run_id, i, items)

    def review(self, image_id: int) -> None:
        """Accept what is right, fix what is loose, reject what is wrong, draw what is missing."""
        covered: set[int] = set()
        for s in self.store.suggestions(image_id, states=["pending"]):
            hit = None
            for k, (c, b) in enumerate(self.truth[image_id]):
                if k in covered or s.label_id != self.label[c]:
                    continue
                if s.box == b:
                    hit = (k, None)
                    break
                if abs(s.box.x - b.x) < 60:
                    hit = (k, b)
            if hit is None:
                self.store.reject_suggestions([s.id])
            else:
                covered.add(hit[0])
                self.store.accept_suggestions([s.id], box=hit[1])
        for k, (c, b) in enumerate(self.truth[image_id]):
            if k not in covered:
                self.store.add_box(image_id, self.label[c], b)
        self.store.set_review_state([image_id], ReviewState.DONE)

    def dump(self) -> dict:
        return {t: [tuple(r) for r in self.store.q(f"SELECT * FROM {t} ORDER BY id")]
                for t in ("images", "annotations", "suggestions")}


@pytest.fixture
def good(tmp_path):
    sc = Scenario(tmp_path / "good.sqlite", n_images=300, error_rate=0.02, unknown_every=100)
    yield sc
    sc.store.close()


def test_scenario_verdict_flips_to_pass_and_rest_is_accepted_and_undone(good):
    store = good.store
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=0.3, seed=7,
                                             target=0.9))
    st = spot_check_status(store, audit_id)
    # images where the model found nothing have no suggestions: they are not in the population
    with_suggestions = store.scalar("SELECT count(DISTINCT image_id) FROM suggestions")
    assert 290 < with_suggestions <= 300
    assert st.population == with_suggestions
    assert st.summary.sample_size == math.ceil(0.3 * with_suggestions)
    assert st.summary.reviewed == 0 and st.verdict == Verdict.CONTINUE
    assert st.summary.more_needed is None
    sample = st.sample_ids
    assert sorted(sample) == store.audit_sample_ids(audit_id) != sample  # a random walk
    assert st.next_unreviewed() == sample[0]
    with pytest.raises(SpotCheckError, match="not passed"):
        accept_rest(store, audit_id)

    verdicts = []
    passed = 0
    tracker = SpotCheckTracker(store, audit_id)
    for n, image_id in enumerate(sample, start=1):
        good.review(image_id)
        passed += image_id not in good.bad and image_id not in good.unknown
        st = spot_check_status(store, audit_id)
        assert tracker.update({image_id})  # re-reading one image gives the full answer
        assert tracker.status().to_dict() == st.to_dict()
        assert (st.summary.reviewed, st.summary.accepted) == (n, passed)
        assert st.summary.verdict == anytime_verdict(passed, n, 0.9)
        verdicts.append(st.summary.verdict)
        # until the confidence sequence settles it, the verdict is open "so far"
        if st.verdict == Verdict.CONTINUE and n < len(sample):
            assert not st.decision.final and st.decision.tone == Tone.PROVISIONAL
            assert st.decision.headline == "Not settled so far"
            assert "so far" in describe(st)
            assert not st.decision.can_accept_rest and not st.decision.can_extend
            with pytest.raises(SpotCheckError, match="not settled so far.*left to review"):
                accept_rest(store, audit_id)
        if st.verdict == Verdict.PASS:  # at any look: it stands, and allows accepting the rest
            assert st.decision.final and st.decision.can_accept_rest
            assert st.decision.tone == Tone.PASS
    assert verdicts[0] == Verdict.CONTINUE and verdicts[-1] == Verdict.PASS
    first_pass = verdicts.index(Verdict.PASS)
    assert all(v == Verdict.CONTINUE for v in verdicts[:first_pass])
    assert st.decision.final and st.decision.can_accept_rest and st.decision.tone == Tone.PASS
    assert "Verdict: Pass: the AI is good enough" in describe(st)
    assert st.next_unreviewed() is None

    sampled = set(sample)
    expected = {
        r[0] for r in store.q("SELECT id, image_id FROM suggestions WHERE state = 'pending'"
                              " AND label_id IS NOT NULL") if r[1] not in sampled
    }
    unknown_rest = {
        r[0] for r in store.q("SELECT id, image_id FROM suggestions WHERE state = 'pending'"
                              " AND label_id IS NULL") if r[1] not in sampled
    }
    assert expected and unknown_rest
    assert st.rest_pending == len(expected) and st.rest_unknown == len(unknown_rest)
    before = good.dump()
    events_before = store.scalar("SELECT count(*) FROM events")

    result = accept_rest(store, audit_id)
    assert not tracker.update(result.changes.touched_images())  # none of them is sampled
    assert tracker.status().to_dict() == spot_check_status(store, audit_id).to_dict()
    assert set(result.accepted) == expected
    assert {d["suggestion_id"] for d in result.skipped_unknown} == unknown_rest
    assert all(d["label"] == "wombat" for d in result.skipped_unknown)
    assert store.scalar("SELECT count(*) FROM events") == events_before + 1  # one step
    rows = store.q("SELECT state, decided_by, audit_id, annotation_id FROM suggestions WHERE id IN"
                   f" ({','.join(map(str, expected))})")
    assert {(r[0], r[1], r[2]) for r in rows} == {("accepted", "spot-check", audit_id)}
    assert all(r[3] is not None for r in rows)
    rest_images = {r[0] for r in store.q("SELECT image_id FROM suggestions WHERE id IN"
                                         f" ({','.join(map(str, expected))})")}
    assert set(result.images) == rest_images and not rest_images & sampled
    assert all(store.image(i).review_state == ReviewState.DONE for i in rest_images)
    untouched = set(good.ids) - sampled - rest_images  # the model found nothing there
    assert all(store.image(i).review_state == ReviewState.NEW for i in untouched)
    assert store.q("SELECT count(*) FROM suggestions WHERE state = 'pending' AND label_id IS NULL"
                   )[0][0] >= len(unknown_rest)
    st = spot_check_status(store, audit_id)
    assert st.rest_accepted == len(expected) and st.rest_pending == 0
    # sampled images were not touched
    assert st.summary.reviewed == len(sample)

    store.apply(result.changes.inverted())
    assert good.dump() == before
    assert spot_check_status(store, audit_id).rest_accepted == 0

    # the same step from the event log (how the CLI undoes it), after a redo
    store.apply(result.changes)
    assert spot_check_status(store, audit_id).rest_accepted == len(expected)
    undo_accept_rest(store, audit_id)
    assert good.dump() == before
    with pytest.raises(SpotCheckError, match="Nothing to undo"):
        undo_accept_rest(store, audit_id)


def test_undo_from_log_refuses_when_labels_changed_since(good):
    store = good.store
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=0.1, seed=3))
    result = accept_rest(store, audit_id, force=True)
    ann = store.row("suggestions", result.accepted[0])["annotation_id"]
    store.update_annotation(ann, box=Box(0, 0, 10, 10))
    with pytest.raises(SpotCheckError, match="changed since"):
        undo_accept_rest(store, audit_id)


def test_bad_model_fails_and_names_the_classes(tmp_path):
    sc = Scenario(tmp_path / "bad.sqlite", n_images=120, error_rate=0.6, seed=5)
    store = sc.store
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=sc.run_id, fraction=0.5, seed=2,
                                             target=0.75))
    sample = spot_check_status(store, audit_id).sample_ids
    verdicts = []
    given = Verdict.CONTINUE  # the first verdict a look gave is kept
    for n, image_id in enumerate(sample, start=1):
        sc.review(image_id)
        st = spot_check_status(store, audit_id)
        ok = sum(1 for i in sample[:n] if i not in sc.bad)
        assert st.summary.accepted == ok
        if given == Verdict.CONTINUE:
            given = anytime_verdict(ok, n, 0.75)
        assert st.summary.verdict == given
        verdicts.append(st.summary.verdict)
    assert verdicts[0] == Verdict.CONTINUE
    assert verdicts[-1] == Verdict.FAIL
    weak = st.summary.weak_classes
    assert weak and set(weak) <= set(CLASSES)
    per = {c.name: c for c in st.summary.per_class}
    assert all(per[c].acceptance.value < 0.75 for c in weak)
    assert st.decision.final and st.decision.headline == "Fail: below the target"
    assert st.decision.extend_refusal().startswith("The spot-check has a final verdict (fail)")
    assert "Verdict: Fail: below the target" in describe(st)
    assert "Weakest classes" in describe(st) or "Failing classes" in describe(st)
    assert st.to_dict()["weak_classes"] == weak
    with pytest.raises(SpotCheckError, match="not passed"):
        accept_rest(store, audit_id)
    pending_before = store.suggestion_counts()["pending"]
    forced = accept_rest(store, audit_id, force=True)
    assert len(forced.accepted) == pending_before
    store.close()


def test_create_audit_options_and_refusals(good):
    store = good.store
    with pytest.raises(SpotCheckError, match="no run 99"):
        create_spot_check(store, SpotCheckPlan(run_id=99))
    with pytest.raises(SpotCheckError, match="either a fraction or a margin"):
        create_spot_check(store, SpotCheckPlan(fraction=0.1, margin=0.05))
    with pytest.raises(SpotCheckError, match="target"):
        create_spot_check(store, SpotCheckPlan(target=1.5))
    empty_run = store.create_run("fake", "empty")
    with pytest.raises(SpotCheckError, match="No image of run"):
        create_spot_check(store, SpotCheckPlan(run_id=empty_run))

    # images reviewed before the spot-check count toward it
    for image_id in good.ids[:5]:
        good.review(image_id)
    a = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, margin=0.1, seed=9))
    row = store.audit_row(a)
    assert row["method"] == "margin" and row["seed"] == 9
    assert row["params"]["requested"] == sample_size_for_margin(0.1, row["params"]["population"])
    st = spot_check_status(store, a)
    assert set(good.ids[:5]) <= set(st.sample_ids)
    assert st.summary.reviewed == 5
    assert st.summary.sample_size == row["params"]["requested"]
    # the same seed over the same project draws the same sample
    b = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, margin=0.1, seed=9))
    assert spot_check_status(store, b).sample_ids == st.sample_ids
    # no seed given: one is drawn and stored
    c = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=0.05))
    assert isinstance(store.audit_row(c)["seed"], int)
    # the latest spot-check is the default
    assert spot_check_status(store).id == c


def test_excluded_images_are_not_sampled_nor_accepted(good):
    store = good.store
    excluded = good.ids[:10]
    store.set_excluded(excluded, True)
    a = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=1.0, seed=1))
    assert not set(excluded) & set(spot_check_status(store, a).sample_ids)
    assert spot_check_status(store, a).population == store.scalar(
        "SELECT count(DISTINCT s.image_id) FROM suggestions s JOIN images i ON i.id = s.image_id"
        " WHERE i.excluded = 0")
    b = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=0.1, seed=1))
    accept_rest(store, b, force=True)
    assert all(store.image(i).review_state == ReviewState.NEW for i in excluded)


def test_audit_over_all_suggestions_and_stratified(tmp_path):
    sc = Scenario(tmp_path / "two.sqlite", n_images=200, error_rate=0.0, seed=3)
    store = sc.store
    other = store.create_run("fake", "fake-2")
    owl = store.add_label("owl").ids("labels")[0]
    for i in sc.ids[150:154]:  # 4 owls from a second run
        store.add_suggestions(other, i, [NewSuggestion(Kind.BOX, "owl", owl, Box(5, 5, 30, 30))])
    a = create_spot_check(store, SpotCheckPlan(run_id=None, fraction=0.02, seed=4, stratify=True))
    st = spot_check_status(store, a)
    strata = {o.stratum for o in st.sample}
    assert "owl" in strata
    shown = [o for o in st.sample if any(c == "owl" for c, _ in o.suggestions)]
    assert len(shown) >= 3
    # the second run only: its four images
    b = create_spot_check(store, SpotCheckPlan(run_id=other, fraction=0.5, seed=4))
    assert spot_check_status(store, b).population == 4
    assert len(spot_check_status(store, b).sample_ids) == 2
    store.close()


def test_status_dict_has_the_documented_keys(good):
    a = create_spot_check(good.store, SpotCheckPlan(run_id=good.run_id, fraction=0.05, seed=1))
    for image_id in spot_check_status(good.store, a).sample_ids[:3]:
        good.review(image_id)
    d = spot_check_status(good.store, a).to_dict()
    for key in ("sample", "reviewed", "accepted", "acceptance", "ci_low", "ci_high", "target",
                "verdict", "per_class", "more_needed", "final", "remaining", "verdict_text",
                "can_accept_rest", "can_extend"):
        assert key in d
    assert d["reviewed"] == 3 and len(d["sample"]) == 15
    assert all(p.startswith("img") for p in d["sample"])
    assert d["verdict"] in ("pass", "fail", "continue")
    assert (d["final"], d["remaining"], d["can_extend"]) == (False, 12, False)
    assert d["verdict_text"].endswith("so far")


# -- the verdict: provisional until the whole sample is reviewed; extending the sample ------------
def test_decide_wording_and_what_it_allows():
    none = decide(0, 0, 4, 0.7)
    assert (none.headline, none.tone, none.final) == ("No verdict yet", Tone.PROVISIONAL, False)
    early = decide(3, 5, 20, 0.9)  # Wilson's one-look interval says fail; five looks cannot
    assert wilson(3, 5)[1] < 0.9
    assert early.verdict == Verdict.CONTINUE and not early.final
    assert (early.headline, early.tone) == ("Not settled so far", Tone.PROVISIONAL)
    assert early.advice.startswith("15 images left to review; pass or fail is shown as soon as")
    assert not early.can_extend and not early.can_accept_rest
    assert early.extend_refusal().startswith("Review the 15 images left in the sample first")
    assert decide(1, 1, 2, 0.9).advice.startswith("1 image left to review")
    fail_early = decide(2, 12, 40, 0.9)  # 2 of 12 at a 90 % target: settled at this look
    assert (fail_early.headline, fail_early.tone, fail_early.final) == (
        "Fail: below the target", Tone.FAIL, True)
    assert fail_early.remaining == 28 and not fail_early.can_extend
    assert "final verdict (fail)" in fail_early.extend_refusal()
    open_ = decide(10, 10, 10, 0.7)  # 10 of 10: Wilson would pass; the sequence not yet
    assert open_.verdict == Verdict.CONTINUE and open_.final and open_.tone == Tone.OPEN
    assert open_.headline == "Not settled: the whole sample leaves it open"
    more = open_.more_needed
    assert more and f"about {more} more images would likely settle it" in open_.advice
    assert wilson(10, 10)[0] > 0.7
    assert decide(10 + more, 10 + more, 10 + more, 0.7).verdict == Verdict.PASS
    assert decide(9 + more, 9 + more, 9 + more, 0.7).verdict == Verdict.CONTINUE
    assert open_.can_extend and open_.extend_refusal() is None and not open_.can_accept_rest
    capped = decide(10, 10, 10, 0.7, available=2)  # more would settle it, 2 are left
    assert more > 2 and capped.can_extend and (capped.more_needed, capped.to_draw) == (more, 2)
    assert capped.advice == (f"Extend the sample (K): about {more} more images would likely "
                             "settle it, but only 2 are left: extending adds all 2.")
    ok = decide(50, 50, 110, 0.7)  # a pass at look 50 of 110 stands and allows the rest
    assert (ok.verdict, ok.final, ok.tone, ok.can_accept_rest) == (Verdict.PASS, True, Tone.PASS, True)
    assert ok.remaining == 60 and "60 sampled images unreviewed" in ok.advice
    assert not ok.can_extend
    assert ok.to_dict()["verdict_method"] == "anytime-valid beta-binomial mixture"


def test_only_a_final_verdict_looks_settled_and_a_final_one_is_never_reopened():
    """A red or green verdict is always final; extending is open only to a final 'continue', so
    a final fail or pass can never turn into 'continue' by drawing more images."""
    for size in range(1, 25):
        for reviewed in range(size + 1):
            for accepted in range(reviewed + 1):
                d = decide(accepted, reviewed, size, 0.8)
                if d.tone in (Tone.PASS, Tone.FAIL):
                    assert d.final and d.verdict == Verdict(str(d.tone))
                if not d.final:
                    assert d.tone == Tone.PROVISIONAL and not d.can_extend
                    assert not d.can_accept_rest
                assert d.can_extend == (d.final and d.verdict == Verdict.CONTINUE)


def test_draw_more_is_seeded_disjoint_and_keeps_the_strata():
    population = {i: ({"cat"} if i % 4 else {"owl"}) for i in range(1, 201)}
    sample = set(range(1, 21))
    a = draw_more(population, sample, 30, "7/extend/1")
    assert a == draw_more(population, sample, 30, "7/extend/1")  # same seed, same images
    assert a != draw_more(population, sample, 30, "7/extend/2")
    assert len(a) == 30 and not set(a) & sample and set(a) <= set(population)
    assert set(a.values()) == {None}
    # reviewed images outside the sample come first, like when the sample was drawn
    b = draw_more(population, sample, 5, 1, reviewed={150, 151, 3})
    assert {150, 151} <= set(b) and 3 not in b and len(b) == 5
    # stratified: in proportion to what is left of each stratum (owls are a quarter)
    c = draw_more(population, sample, 40, 1, stratify=True)
    assert sorted(c.values(), key=str).count("owl") == 10
    assert all(c[i] == ("owl" if i % 4 == 0 else "cat") for i in c)
    # fewer are left than asked: all of them
    assert set(draw_more(population, set(range(1, 196)), 30, 1)) == set(range(196, 201))


def test_extend_after_a_complete_sample_that_leaves_it_open(good):
    store = good.store
    with pytest.raises(SpotCheckError, match="no spot-check yet"):
        extend_spot_check_sample(store)
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=0.02, seed=5,
                                             target=0.9))
    first = spot_check_status(store, audit_id).sample_ids
    good.review(first[0])
    with pytest.raises(SpotCheckError, match=f"Review the {len(first) - 1} images left"):
        extend_spot_check_sample(store, audit_id)
    for image_id in first[1:]:
        good.review(image_id)
    st = spot_check_status(store, audit_id)
    assert st.decision.final and st.verdict == Verdict.CONTINUE and st.decision.can_extend
    assert st.next_unreviewed() is None
    estimate = st.summary.more_needed
    assert estimate and estimate > 5
    with pytest.raises(SpotCheckError, match="at least 1"):
        extend_spot_check_sample(store, audit_id, count=0)

    ext = extend_spot_check_sample(store, audit_id)  # the default: the "about N more" estimate
    assert (ext.requested, ext.estimate, len(ext.added), ext.short) == (estimate, estimate,
                                                                        estimate, False)
    st = spot_check_status(store, audit_id)
    assert set(st.sample_ids) == set(first) | set(ext.added) and not set(first) & set(ext.added)
    assert st.summary.sample_size == len(first) + estimate
    assert not st.decision.final and st.decision.headline.endswith("so far")
    assert st.next_unreviewed() == min(ext.added, key=st.sample_ids.index)
    row = store.audit_row(audit_id)
    assert row["seed"] == 5 and row["params"]["extensions"] == [{"requested": estimate,
                                                                 "added": estimate}]
    # the same seed over the same project draws the same extension
    with store.tx() as c:
        marks = ",".join("?" * len(ext.added))
        c.execute(f"DELETE FROM audit_images WHERE audit_id = ? AND image_id IN ({marks})",
                  (audit_id, *ext.added))
        c.execute("UPDATE audits SET params = json_remove(params, '$.extensions') WHERE id = ?",
                  (audit_id,))
    again = extend_spot_check_sample(store, audit_id, count=estimate)
    assert again.added == ext.added

    for image_id in again.added:
        good.review(image_id)
    st = spot_check_status(store, audit_id)
    assert st.decision.final and st.summary.reviewed == len(first) + estimate
    for _ in range(6):  # "about N more": extend again until the sequence settles it
        if st.verdict != Verdict.CONTINUE:
            break
        assert st.decision.can_extend
        for image_id in extend_spot_check_sample(store, audit_id).added:
            good.review(image_id)
        st = spot_check_status(store, audit_id)
    assert st.decision.final and st.verdict == Verdict.PASS
    with pytest.raises(SpotCheckError, match="final verdict"):
        extend_spot_check_sample(store, audit_id)


def test_extend_says_when_nothing_is_left_to_draw(tmp_path):
    sc = Scenario(tmp_path / "small.sqlite", n_images=10, error_rate=0.0, seed=2)
    audit_id = create_spot_check(sc.store, SpotCheckPlan(run_id=sc.run_id, fraction=1.0, seed=1,
                                                target=0.9))
    for image_id in spot_check_status(sc.store, audit_id).sample_ids:
        sc.review(image_id)
    d = spot_check_status(sc.store, audit_id).decision  # 10 of 10 cannot reach 90 %
    assert d.final and d.verdict == Verdict.CONTINUE and d.available == 0 and not d.can_extend
    assert d.advice.startswith("Every image with suggestions is in the sample already")
    assert d.short == "not settled, and no image is left to draw"
    with pytest.raises(SpotCheckError, match=f"Every image of run {sc.run_id} with suggestions is in "
                       "the sample already; nothing is left to draw"):
        extend_spot_check_sample(sc.store, audit_id)
    sc.store.close()


def test_a_pass_before_the_end_of_the_sample_accepts_the_unreviewed_rest_too(good):
    """The anytime-valid pass stands at the look it appears: accepting the rest then takes the
    pending suggestions of every image nobody reviewed, the unreviewed part of the sample too,
    and the walk through the sample has nothing left."""
    store = good.store
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=good.run_id, fraction=0.3, seed=7,
                                                      target=0.8))
    sample = spot_check_status(store, audit_id).sample_ids
    for n, image_id in enumerate(sample, start=1):  # noqa: B007 (n is read after the loop)
        good.review(image_id)
        st = spot_check_status(store, audit_id)
        if st.verdict != Verdict.CONTINUE:
            break
    assert st.verdict == Verdict.PASS and n < len(sample)
    unreviewed = sample[n:]
    assert st.decision.can_accept_rest and st.decision.remaining == len(unreviewed)
    assert st.next_unreviewed() == unreviewed[0]
    reviewed = set(sample[:n])
    expected = {r[0] for r in store.q("SELECT id, image_id FROM suggestions"
                                      " WHERE state = 'pending' AND label_id IS NOT NULL")
                if r[1] not in reviewed}
    assert st.rest_pending == len(expected)

    result = accept_rest(store, audit_id)
    assert set(result.accepted) == expected and set(unreviewed) <= set(result.images)
    after = spot_check_status(store, audit_id)
    assert after.summary.reviewed == n and after.verdict == Verdict.PASS  # no one looked at them
    assert after.next_unreviewed() is None and after.rest_pending == 0
    assert all(store.image(i).review_state == ReviewState.DONE for i in unreviewed
               if i not in good.unknown)
    store.apply(result.changes.inverted())
    assert spot_check_status(store, audit_id).next_unreviewed() == unreviewed[0]
