"""The Qt-free review queue: what is shown, what comes next, and the review verbs."""

from __future__ import annotations

import pytest

from glancelabel.core.model import Box, Kind, ReviewState, SuggestionState
from glancelabel.core.review import ReviewQueue, cycle
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.undo import UndoStack


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite")
    s.add_images([(f"{i}.jpg", 10, 1) for i in range(1, 5)])
    s.set_headers([(i, 200, 100, 1, "JPEG", "ok", None) for i in range(1, 5)])
    s.add_labels(["cat", "dog"])
    yield s
    s.close()


def suggest(store, image_id, *items):
    """items: (raw label, confidence)"""
    cat = store.label_by_name("cat")
    dog = store.label_by_name("dog")
    ids = {"cat": cat.id, "dog": dog.id}
    return store.add_suggestions(
        None, image_id,
        [NewSuggestion(Kind.BOX, raw, ids.get(raw), Box(10 * k, 10, 20, 20), None, conf, "why")
         for k, (raw, conf) in enumerate(items)],
    )


def test_cycle_wraps_and_starts_at_an_end():
    assert cycle([1, 2, 3], 3) == 1
    assert cycle([1, 2, 3], 1, -1) == 3
    assert cycle([1, 2, 3], None) == 1
    assert cycle([1, 2, 3], 99, -1) == 3
    assert cycle([], 1) is None


def test_threshold_hides_low_confidence_and_keeps_unscored(store):
    low, high, unscored = suggest(store, 1, ("cat", 0.2), ("dog", 0.9), ("cat", None))
    q = ReviewQueue(store, threshold=0.5)
    assert [s.id for s in q.shown(1)] == [high, unscored]
    assert q.hidden_count(1) == 1
    q.threshold = 0.0
    assert [s.id for s in q.shown(1)] == [low, high, unscored]


def test_next_pending_moves_forward_and_wraps(store):
    a, b, c = suggest(store, 1, ("cat", 0.9), ("dog", 0.8), ("cat", 0.7))
    q = ReviewQueue(store)
    assert q.next_pending(1) == a
    assert q.next_pending(1, a) == b
    assert q.next_pending(1, c) == a
    q.accept(b)
    assert q.next_pending(1, a) == c
    q.reject(a)
    q.reject(c)
    assert q.next_pending(1) is None


def test_next_image_needing_review_follows_list_order_and_threshold(store):
    suggest(store, 2, ("cat", 0.3))
    suggest(store, 4, ("dog", 0.9))
    q = ReviewQueue(store)
    order = [1, 2, 3, 4]
    assert q.next_image_needing_review(order, 1) == 2
    assert q.next_image_needing_review(order, 2) == 4
    assert q.next_image_needing_review(order, 4) == 2  # wraps
    q.threshold = 0.5
    assert q.next_image_needing_review(order, 1) == 4
    assert q.next_image_needing_review([1, 3], 1) is None


def test_accept_shown_acts_only_on_what_is_shown_and_marks_done(store):
    low, high, unknown = suggest(store, 1, ("cat", 0.2), ("dog", 0.9), ("zebra", 0.95))
    q = ReviewQueue(store, threshold=0.5)
    undo = UndoStack(store.apply)
    cs = q.accept_shown(1)
    undo.push(cs)
    assert store.suggestion(high).state == SuggestionState.ACCEPTED
    assert store.suggestion(low).state == SuggestionState.PENDING  # hidden: untouched
    assert store.suggestion(unknown).state == SuggestionState.PENDING  # needs M first
    assert q.unknown_labels(1) == ["zebra"]
    assert store.image(1).review_state == ReviewState.DONE
    assert [a.label_id for a in store.annotations(1)] == [store.label_by_name("dog").id]
    undo.undo()
    assert store.suggestion(high).state == SuggestionState.PENDING
    assert store.annotations(1) == []
    assert store.image(1).review_state == ReviewState.NEW


def test_reject_shown_and_accept_as_edited(store):
    a, b = suggest(store, 1, ("cat", 0.9), ("dog", 0.8))
    q = ReviewQueue(store)
    q.accept(a, label_id=store.label_by_name("dog").id)
    assert store.suggestion(a).state == SuggestionState.EDITED
    q.reject_shown(1)
    assert store.suggestion(b).state == SuggestionState.REJECTED
    assert store.image(1).review_state == ReviewState.DONE
    # with nothing shown, X and Space still mark the image done
    cs = q.accept_shown(3)
    assert store.image(3).review_state == ReviewState.DONE and not cs.empty
