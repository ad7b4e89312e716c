"""A spot-check of agreed (or disputed) suggestions only: its population, how sampled images are
judged, and 'accept the rest' taking those suggestions only."""

from __future__ import annotations

import pytest

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.consensus.build import build_consensus
from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.review.queue import ReviewQueue
from glancelabel.core.spotcheck.sample import (
    SpotCheckError,
    SpotCheckPlan,
    accept_rest,
    create_spot_check,
    spot_check_status,
)
from glancelabel.core.store import consensus as sql
from glancelabel.core.store.suggestions import NewSuggestion


@pytest.fixture
def project(tmp_path):
    """10 images: both runs see the car on each (agreed); run a also sees a dog on the even ones
    (disputed)."""
    make_images(tmp_path, 10)
    store = open_project(tmp_path, classes=("car", "dog"))
    car, dog = store.label_by_name("car").id, store.label_by_name("dog").id
    a, b = store.create_run("anthropic", "m1"), store.create_run("openai", "m2")
    for k, image in enumerate(store.all_images()):
        extra = [NewSuggestion(Kind.BOX, "dog", dog, Box(60, 40, 20, 20), 0.5)] if k % 2 == 0 else []
        store.add_suggestions(a, image.id, [NewSuggestion(Kind.BOX, "car", car,
                                                          Box(0, 0, 30, 30), 0.9), *extra])
        store.add_suggestions(b, image.id, [NewSuggestion(Kind.BOX, "car", car,
                                                          Box(1, 1, 30, 30), 0.8)])
    build_consensus(store, a, b)
    yield store
    store.close()


def test_agreed_only_judges_the_agreed_suggestions_and_accepts_only_them(project):
    store = project
    dog = store.label_by_name("dog").id
    audit = create_spot_check(store, SpotCheckPlan(only="agreed", fraction=0.3, seed=4))
    status = spot_check_status(store, audit)
    assert status.audit["params"]["only"] == "agreed" and status.population == 10
    agreed, disputed = sql.marked_ids(store, "agreed"), sql.marked_ids(store, "disputed")
    queue = ReviewQueue(store)
    sampled = status.sample_ids
    for image_id in sampled:
        for s in queue.shown(image_id):
            if s.id in disputed:
                queue.reject(s.id)  # the dog was not there
            else:
                queue.accept(s.id)
        store.add_box(image_id, dog, Box(70, 50, 10, 10))  # a dog both models missed
        store.set_review_state([image_id], ReviewState.DONE)
    status = spot_check_status(store, audit)
    s = status.summary
    # the agreed car on every sampled image was right: each passes, the rejected dog and the
    # box drawn by hand are not the agreed suggestions' doing
    assert (s.reviewed, s.accepted) == (len(sampled), len(sampled))
    rest_agreed = {sid for sid in agreed if store.suggestion(sid).state.value == "pending"}
    assert status.rest_pending == len(rest_agreed) == 10 - len(sampled)
    result = accept_rest(store, audit, force=True)
    assert set(result.accepted) == rest_agreed
    for image in store.all_images():
        if image.id in sampled:
            continue
        left = [x for x in store.suggestions(image.id, states=["pending"])]
        assert all(x.id in disputed for x in left)  # the disputed dog stays for review
        assert store.image(image.id).review_state == (ReviewState.NEW if left else ReviewState.DONE)


def test_a_plain_spot_check_still_counts_every_suggestion_and_hand_drawn_box(project):
    store = project
    audit = create_spot_check(store, SpotCheckPlan(fraction=0.3, seed=4))
    queue = ReviewQueue(store)
    first = spot_check_status(store, audit).sample_ids[0]
    queue.accept_shown(first)
    store.add_box(first, store.label_by_name("dog").id, Box(70, 50, 10, 10))
    s = spot_check_status(store, audit).summary
    assert (s.reviewed, s.accepted) == (1, 0)  # something was added by hand: the image fails


def test_disputed_only_draws_from_images_with_disputed_suggestions(project):
    store = project
    audit = create_spot_check(store, SpotCheckPlan(only="disputed", fraction=0.5, seed=1))
    status = spot_check_status(store, audit)
    with_dog = {s_image for s_image in (store.suggestion(i).image_id
                                        for i in sql.marked_ids(store, "disputed"))}
    assert status.population == 5 and set(status.sample_ids) <= with_dog
    with pytest.raises(SpotCheckError, match="Choose 'agreed' or 'disputed' for only"):
        create_spot_check(store, SpotCheckPlan(only="both"))


def test_no_consensus_no_agreed_population(tmp_path):
    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    run = store.create_run("anthropic", "m1")
    store.add_suggestions(run, store.all_images()[0].id,
                          [NewSuggestion(Kind.BOX, "car", store.label_by_name("car").id,
                                         Box(0, 0, 5, 5))])
    with pytest.raises(SpotCheckError, match="No image of this project has agreed suggestions "
                                             "to spot-check."):
        create_spot_check(store, SpotCheckPlan(only="agreed"))
    store.close()
