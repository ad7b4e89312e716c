"""Glance review without Qt: pages of one class, their order, and a page decided as one change set."""

from __future__ import annotations

import pytest

from glancelabel.core.model import Box, Kind, ReviewState, SuggestionState
from glancelabel.core.review.glance import (
    MAX_PAGE,
    MIN_PAGE,
    GlanceOrder,
    GlanceSession,
    accept_tile,
    crop_region,
    decide_page,
    decode_side,
    fit_shape,
    page_shape,
    uncertainty,
)
from glancelabel.core.review.queue import ReviewQueue
from glancelabel.core.review.undo import UndoStack
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite")
    s.add_images([(f"{i}.jpg", 10, 1) for i in range(1, 7)])
    s.set_headers([(i, 400, 300, 1, "JPEG", "ok", None) for i in range(1, 7)])
    s.add_labels(["cat", "dog", "bird"])
    yield s
    s.close()


def suggest(store, image_id, *items):
    """items: (class name, confidence); boxes side by side."""
    return store.add_suggestions(None, image_id, [
        NewSuggestion(Kind.BOX, raw, store.label_by_name(raw).id, Box(60 * k, 10, 40, 40), None,
                      conf, "why") for k, (raw, conf) in enumerate(items)])


def session(store, label="cat", size=MIN_PAGE, order=GlanceOrder.UNCERTAIN, threshold=0.0):
    s = GlanceSession(ReviewQueue(store, threshold), order)
    s.page_size = size
    s.reload()
    s.choose(store.label_by_name(label).id)
    return s


def test_uncertainty_is_largest_at_a_coin_toss():
    assert uncertainty(0.5) == 1.0
    assert uncertainty(0.0) == uncertainty(1.0) == 0.0
    assert uncertainty(0.9) == pytest.approx(0.2)
    assert uncertainty(None) == 1.0


def test_a_page_holds_one_class_in_the_chosen_order(store):
    a, = suggest(store, 1, ("cat", 0.95))
    b, dog = suggest(store, 2, ("cat", 0.55), ("dog", 0.5))
    c, = suggest(store, 3, ("cat", 0.2))
    s = session(store, size=2)
    # the order chooses the page (0.55 is nearest a coin toss, then 0.2); on the page the least
    # confident stand first
    assert [t.id for t in s.page().tiles] == [c, b]
    s.set_order(GlanceOrder.CONFIDENT)
    assert [t.id for t in s.page().tiles] == [b, a]
    s.page_size = 3
    assert [t.id for t in s.page().tiles] == [c, b, a]
    assert {lab.name: n for lab, n in s.classes()} == {"cat": 3, "dog": 1, "bird": 0}
    s.choose(store.label_by_name("dog").id)
    assert [t.id for t in s.page().tiles] == [dog]


def test_the_threshold_hides_what_the_normal_view_hides(store):
    suggest(store, 1, ("cat", 0.95), ("cat", 0.1))
    assert session(store, threshold=0.5).remaining() == 1


def test_space_accepts_unflipped_rejects_flipped_and_one_undo_takes_the_page_back(store):
    a, b = suggest(store, 1, ("cat", 0.9), ("cat", 0.8))
    c, d = suggest(store, 2, ("cat", 0.7), ("dog", 0.6))  # dog keeps image 2 open
    e, = suggest(store, 3, ("cat", 0.4))
    s = session(store, order=GlanceOrder.CONFIDENT)
    page = s.page()
    assert page.flip(b) is True
    page.reclassify(e, store.label_by_name("bird").id)
    outcome = decide_page(s.queue, page)
    assert str(outcome.message()) == ("Accepted 2, accepted 1 as 'bird' and rejected 1 of 4 'cat' "
                                 "suggestions; 2 images done, 1 still has other pending "
                                 "suggestions.")
    states = {sid: store.suggestion(sid).state for sid in (a, b, c, d, e)}
    assert states == {a: SuggestionState.ACCEPTED, b: SuggestionState.REJECTED,
                      c: SuggestionState.ACCEPTED, d: SuggestionState.PENDING,
                      e: SuggestionState.EDITED}
    assert [store.image(i).review_state for i in (1, 2, 3)] == [
        ReviewState.DONE, ReviewState.NEW, ReviewState.DONE]
    bird = [x for x in store.annotations(3)]
    assert [x.label_id for x in bird] == [store.label_by_name("bird").id]
    # one change set: one undo restores everything the page did
    stack = UndoStack(store.apply)
    stack.push(outcome.cs)
    stack.undo()
    assert all(store.suggestion(sid).state == SuggestionState.PENDING for sid in (a, b, c, d, e))
    assert [store.image(i).review_state for i in (1, 2, 3)] == [ReviewState.NEW] * 3
    assert store.annotations(1) == store.annotations(3) == []
    s.reload()
    assert [t.id for t in s.page().tiles] == [e, c, b, a]


def test_pages_follow_one_another_and_a_decision_elsewhere_drops_a_tile(store):
    ids = []
    for image_id in range(1, 7):
        ids += suggest(store, image_id, ("cat", 0.9 - image_id / 100), ("cat", 0.5 + image_id / 100))
    s = session(store, size=5, order=GlanceOrder.CONFIDENT)
    first = s.page()
    assert len(first.tiles) == 5 and s.remaining() == 12
    following = [t.id for t in s.following_ids()]
    assert len(set(following)) == 5 and not set(following) & set(first.ids())
    # both suggestions of an image are cut from one decode: the page asks for its images' others
    assert {t.image_id for t in s.siblings(first.tiles)} == {t.image_id for t in first.tiles}
    assert len(s.siblings(first.tiles)) == 2 * len({t.image_id for t in first.tiles})
    outcome = decide_page(s.queue, first)
    s.decided(first)
    assert s.remaining() == 7
    assert "Accepted 5 of 5 'cat' suggestions" in str(outcome.message())
    second = s.page()
    store.reject_suggestions([second.tiles[0].id])  # decided in the normal view meanwhile
    third = s.page()
    assert second.tiles[0].id not in third.ids() and len(third.tiles) == 5
    # a tile decided elsewhere while its page is on screen is said so, not counted as decided
    store.accept_suggestions([third.tiles[1].id])
    text = str(decide_page(s.queue, third).message())
    assert text.startswith("Accepted 4 of 5 'cat' suggestions; ")
    assert text.endswith("; 1 was decided elsewhere already.")


def test_enter_accepts_one_tile_and_finishes_its_image_when_nothing_is_left(store):
    a, b = suggest(store, 1, ("cat", 0.9), ("cat", 0.8))
    s = session(store)
    page = s.page()
    page.flip(a)
    one = accept_tile(s.queue, page, a)
    assert str(one.text) == "Accepted 'cat' on 1.jpg (1.jpg still has pending suggestions)."
    assert store.suggestion(a).state == SuggestionState.ACCEPTED and a not in page.flipped
    page.reclassify(b, store.label_by_name("dog").id)
    two = accept_tile(s.queue, page, b)
    assert str(two.text) == "Accepted 'cat' as 'dog' on 1.jpg; image done."
    assert store.image(1).review_state == ReviewState.DONE
    assert store.suggestion(b).state == SuggestionState.EDITED
    # Space then has nothing left on the page
    assert str(decide_page(s.queue, page).message()) == (
        "Nothing was left to decide on this page of 'cat' suggestions.")


def test_a_flip_can_be_taken_back_and_a_tile_given_its_own_class_again(store):
    a, = suggest(store, 1, ("cat", 0.9))
    page = session(store).page()
    assert page.flip(a) and not page.flip(a)
    page.reclassify(a, store.label_by_name("dog").id)
    page.reclassify(a, store.label_by_name("cat").id)
    assert page.classes == {} and page.flipped == set()


@pytest.mark.parametrize("size", [(400, 300), (1280, 800), (1920, 1080), (3840, 2160), (200, 150)])
def test_a_page_holds_24_to_60_tiles_whatever_the_window(size):
    shape = page_shape(*size)
    assert MIN_PAGE <= shape.size <= MAX_PAGE, shape
    assert shape.columns * shape.side <= max(size[0], shape.columns * 16)


def test_a_crop_keeps_a_margin_and_stays_inside_the_image():
    region = crop_region(Box(100, 100, 40, 20), 4000, 3000)
    assert region.w == region.h == pytest.approx(60.0)
    assert region.x == pytest.approx(90.0) and region.y == pytest.approx(80.0)
    corner = crop_region(Box(0, 0, 10, 10), 4000, 3000)
    assert corner.x == 0 and corner.y == 0 and corner.w == 24
    # a 60 px region shown 120 px across needs the 4000 px image decoded at 3/4 of 8000 px
    assert decode_side(region, 4000, 3000, 120) == 6000
    # a 375 px region of a 12 MP photo, 118 px across: a quarter-size JPEG draft (1,000 px) is
    # enough; at full sharpness it would take a half-size one (1,259 px asked for)
    assert decode_side(Box(0, 0, 375, 375), 4000, 3000, 118) <= 1000
    whole = Box(0, 0, 4000, 3000)
    assert decode_side(whole, 4000, 3000, 150) == 150


@pytest.mark.parametrize("size", [(1000, 700), (500, 400), (2000, 500), (300, 2000)])
def test_a_page_laid_out_again_fits_its_tiles_in_the_room_there_is(size):
    shape = fit_shape(25, *size)
    assert shape.columns * shape.rows >= 25
    assert shape.columns * shape.side <= size[0] and shape.rows * shape.side <= size[1]
    bigger = fit_shape(25, size[0] * 2, size[1] * 2)
    assert bigger.side >= shape.side
