"""Per-class spot-checks in a project: after the classes that passed are accepted, the images that
still hold an open class can be drawn and reviewed, and count as a person's review."""

from __future__ import annotations

import random

import pytest

from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.spotcheck.sample import (
    REJECTED,
    UNCHANGED,
    ImageOutcome,
    SpotCheckPlan,
    Verdict,
    accept_rest,
    create_spot_check,
    extend_spot_check_sample,
    spot_check_status,
    summarize,
)
from glancelabel.core.spotcheck.sequential import anytime_verdict, first_verdict
from glancelabel.core.spotcheck.summary import walked
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion

CAT, DOG, OWL = Box(4, 4, 30, 20), Box(40, 30, 10, 10), Box(2, 30, 12, 12)


def classes_project(path):
    """60 images: a right cat on each, a wrong dog on every other one, a right owl on four."""
    store = Store(path)
    store.add_labels(["cat", "dog", "owl"])
    ids = {n: store.label_by_name(n).id for n in ("cat", "dog", "owl")}
    store.add_images([(f"p{i:02d}.png", 100, i) for i in range(60)])
    images = [img.id for img in store.all_images()]
    store.set_headers([(i, 64, 48, 1, "PNG", "ok", None) for i in images])
    store.set_sort_keys(images)
    run = store.create_run("fake", "fake-1")
    owls = []
    for i, image_id in enumerate(images):
        items = [NewSuggestion(Kind.BOX, "cat", ids["cat"], CAT, 0.9)]
        if i % 2 == 0:
            items.append(NewSuggestion(Kind.BOX, "dog", ids["dog"], DOG, 0.4))
        if i % 15 == 7:
            items.append(NewSuggestion(Kind.BOX, "owl", ids["owl"], OWL, 0.8))
            owls.append(image_id)
        store.add_suggestions(run, image_id, items)
    return store, ids, owls


def review(store, ids, image_id):
    """Accept the cat and the owl, reject the dog, finish the image."""
    pending = store.suggestions(image_id, states=["pending"])
    wrong = [s.id for s in pending if s.label_id == ids["dog"]]
    if wrong:
        store.reject_suggestions(wrong)
    store.accept_suggestions([s.id for s in pending if s.id not in wrong])
    store.set_review_state([image_id], ReviewState.DONE)


def test_extending_for_an_open_class_after_the_passed_ones_were_accepted(tmp_path):
    store, ids, owls = classes_project(tmp_path / "p.sqlite")
    audit = create_spot_check(store, SpotCheckPlan(fraction=0.5, seed=4, target=0.8,
                                                   stratify=True, min_per_class=2))
    sample = spot_check_status(store, audit).sample_ids
    for image_id in sample:
        review(store, ids, image_id)
    st = spot_check_status(store, audit)
    per = {c.name: c for c in st.summary.per_class}
    assert (per["cat"].verdict, per["dog"].verdict, per["owl"].verdict) == (
        Verdict.PASS, Verdict.FAIL, Verdict.CONTINUE)
    owls_out = sorted(set(owls) - set(sample))
    assert owls_out and per["owl"].images == len(owls) - len(owls_out)

    accept_rest(store, audit, classes=["cat"])  # the cats of the rest, owl images' cats too
    ext = extend_spot_check_sample(store, audit, cls="owl")
    assert ext.added == owls_out  # every owl left out of the sample is drawn
    for image_id in ext.added:
        review(store, ids, image_id)
    st = spot_check_status(store, audit)
    reviewed = {o.image_id for o in st.sample if o.reviewed}
    assert set(owls_out) <= reviewed  # a person finished them: they are evidence
    owl = next(c for c in st.summary.per_class if c.name == "owl")
    assert (owl.images, owl.passed) == (len(owls), len(owls))
    # their cats were accepted by the spot-check, unseen: they are no evidence about cats
    cat = next(c for c in st.summary.per_class if c.name == "cat")
    assert cat.images == len(sample)
    assert st.summary.reviewed == len(sample) + len(owls_out)
    store.close()


def test_the_walk_through_the_sample_is_in_random_order_so_a_trend_in_the_folder_misleads_no_verdict(
        tmp_path):
    """The folder's first half is labelled right, its second half wrong (a camera's day, then
    its night): the true acceptance is 50 %. Walking the sample in folder order, the first
    thirty reviews are all right and the anytime-valid test would pass at a 70 % target. The walk
    follows a seeded random order of the sample, so no early look passes, and it fails."""
    store = Store(tmp_path / "trend.sqlite")
    store.add_labels(["cat"])
    cat = store.label_by_name("cat").id
    store.add_images([(f"t{i:03d}.png", 100, i) for i in range(300)])
    images = [img.id for img in store.all_images()]
    store.set_headers([(i, 64, 48, 1, "PNG", "ok", None) for i in images])
    store.set_sort_keys(images)
    run = store.create_run("fake", "fake-1")
    for image_id in images:
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, "cat", cat, CAT, 0.9)])
    wrong = set(images[150:])
    audit = create_spot_check(store, SpotCheckPlan(fraction=0.2, seed=7, target=0.7))
    st = spot_check_status(store, audit)
    assert sorted(st.sample_ids) != st.sample_ids  # not the folder's order
    assert st.sample_ids == spot_check_status(store, audit).sample_ids  # but always the same one
    verdicts = []
    while (image_id := st.next_unreviewed()) is not None:
        [s] = store.suggestions(image_id, states=["pending"])
        if image_id in wrong:
            store.reject_suggestions([s.id])
        else:
            store.accept_suggestions([s.id])
        store.set_review_state([image_id], ReviewState.DONE)
        st = spot_check_status(store, audit)
        verdicts.append(st.verdict)
    assert len(verdicts) == 60 and Verdict.PASS not in verdicts
    assert verdicts[-1] == Verdict.FAIL
    store.close()


def test_a_verdict_once_given_is_kept_when_later_reviews_bring_the_counts_back():
    """Twenty right images pass a 70 % target (anytime-valid); the next ten are wrong, and the
    counts alone (20 of 30) would read "not settled" again. The pass stands: the chance that the
    mixture ever reaches 1/alpha is what Ville's inequality bounds. The same for a class."""
    walk = [ImageOutcome(i, f"i{i}.png", True, (("cat", UNCHANGED if i < 20 else REJECTED),))
            for i in range(30)]
    assert anytime_verdict(20, 20, 0.7) == Verdict.PASS
    assert anytime_verdict(20, 30, 0.7) == Verdict.CONTINUE  # the counts alone
    assert first_verdict([True] * 20 + [False] * 10, 0.7) == Verdict.PASS
    s = summarize(walk, 0.7)
    assert s.verdict == Verdict.PASS and s.decision.can_accept_rest and s.more_needed == 0
    assert s.decision.headline == "Pass: the AI is good enough for the rest"
    assert s.decision.advice.endswith(
        " It was given at an earlier look and stands: later reviews do not take it back.")
    assert "earlier look" not in summarize(walk[:20], 0.7).decision.advice
    assert [c.verdict for c in s.per_class] == [Verdict.PASS]
    # the order is the walk's: the same outcomes, the ten wrong ones first, failed at the
    # tenth look, and that stands
    assert anytime_verdict(0, 10, 0.7) == Verdict.FAIL
    later = summarize(walk[20:] + walk[:20], 0.7)
    assert later.verdict == Verdict.FAIL and not later.decision.can_accept_rest


@pytest.mark.parametrize("target", [0.5, 0.8, 0.95])
def test_kept_verdicts_on_a_sample_without_replacement_stay_within_their_error(target):
    """A sample is drawn without replacement and walked in a random order; with the rate exactly
    on the target (the worst case for both), a kept pass and a kept fail each happen in at most
    2.5 % of walks through half of a 200-image population (simulated, seeded)."""
    rng = random.Random(3)
    population = [True] * round(200 * target) + [False] * round(200 * (1 - target))
    verdicts = [first_verdict(rng.sample(population, 100), target) for _ in range(1000)]
    assert verdicts.count(Verdict.PASS) <= 25 and verdicts.count(Verdict.FAIL) <= 25


def test_only_the_walked_start_of_the_sample_keeps_a_verdict():
    """Reviews are kept along the walk up to the first image left to review; images further on
    count in the current figures only, so a verdict they gave can still change. Images that
    'accept the rest' closed unreviewed are passed over."""
    def image(i, reviewed=True, right=True, done=False):
        return ImageOutcome(i, f"i{i}.png", reviewed, (("cat", UNCHANGED if right else REJECTED),),
                            done=done or reviewed)

    skipped = image(0, reviewed=False)
    ahead = [image(i) for i in range(1, 21)] + [image(i, right=False) for i in range(21, 31)]
    s = summarize([skipped, *ahead], 0.7)
    assert s.verdict == Verdict.CONTINUE  # 20 of 30, read now; the pass at 20 was not walked
    assert [c.verdict for c in s.per_class] == [Verdict.CONTINUE]
    closed = image(0, reviewed=False, done=True)  # closed by accepting the rest
    assert summarize([closed, *ahead], 0.7).verdict == Verdict.PASS
    assert [o.image_id for o in walked([image(1), skipped, image(2)])] == [1]
    assert [o.image_id for o in walked([image(1), closed, image(2)])] == [1, 2]
