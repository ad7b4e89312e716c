"""The Qt-free review queue: what is shown, what comes next, and the review verbs."""

from __future__ import annotations

import pytest

from glancelabel.core.model import Box, Kind, ReviewState, SuggestionState
from glancelabel.core.review.queue import ReviewQueue, cycle
from glancelabel.core.review.undo import UndoStack
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


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


def test_next_image_needing_review_reads_only_as_far_as_it_needs(tmp_path, monkeypatch):
    """Space / X ask it on every press: the images just after the current one are looked at
    first, and the list of every image needing review is read only when none of them needs it;
    the answers are the same as a walk of the whole order (wrapping, both directions, below the
    threshold hidden)."""
    from glancelabel.core.review import queue as queue_mod

    s = Store(tmp_path / "p.sqlite")
    n = queue_mod.NEAR * 3
    s.add_images([(f"{i}.jpg", 10, 1) for i in range(1, n + 1)])
    s.add_labels(["cat", "dog"])
    order = s.image_ids()
    far, near, low = order[2 * queue_mod.NEAR], order[5], order[3]
    suggest(s, far, ("cat", 0.9))
    suggest(s, near, ("dog", 0.8))
    suggest(s, low, ("cat", 0.2))
    q = ReviewQueue(s, threshold=0.5)

    def walked(current, step=1):  # what a walk of the whole order finds
        start = order.index(current)
        for k in range(1, n + 1):
            image_id = order[(start + k * step) % n]
            if q.needs_review(image_id):
                return image_id
        return None

    every = s.image_ids
    monkeypatch.setattr(s, "image_ids", lambda *a, **k: pytest.fail("read every image"))
    assert q.next_image_needing_review(order, order[0]) == near == walked(order[0])
    back = order[queue_mod.NEAR]  # near is fewer than NEAR images before it
    assert q.next_image_needing_review(order, back, -1) == near == walked(back, -1)
    monkeypatch.setattr(s, "image_ids", every)
    for current, step in ((near, 1), (far, 1), (order[-1], 1), (order[1], -1), (near, -1)):
        assert q.next_image_needing_review(order, current, step) == walked(current, step)
    assert q.next_image_needing_review(order, near) == far
    assert q.next_image_needing_review(order, far) == near  # wraps
    q.reject(s.suggestions(near)[0].id)
    q.reject(s.suggestions(far)[0].id)
    assert q.next_image_needing_review(order, order[0]) is None  # the low one is hidden
    s.close()


def test_accept_shown_acts_only_on_what_is_shown_and_keeps_an_unknown_label_open(store):
    low, high, unknown = suggest(store, 1, ("cat", 0.2), ("dog", 0.9), ("zebra", 0.95))
    q = ReviewQueue(store, threshold=0.5)
    undo = UndoStack(store.apply)
    outcome = q.accept_shown(1)
    undo.push(outcome.cs)
    assert store.suggestion(high).state == SuggestionState.ACCEPTED
    assert store.suggestion(low).state == SuggestionState.PENDING  # hidden: untouched
    assert store.suggestion(unknown).state == SuggestionState.PENDING  # needs M first
    assert q.unknown_labels(1) == ["zebra"]
    # a suggestion is still pending: the image is not done
    assert store.image(1).review_state == ReviewState.NEW and not outcome.done
    assert str(outcome.message()) == "Accepted 1 of 2: 'zebra' is not a class yet — M maps it."
    assert [a.label_id for a in store.annotations(1)] == [store.label_by_name("dog").id]
    undo.undo()
    assert store.suggestion(high).state == SuggestionState.PENDING
    assert store.annotations(1) == []
    assert store.image(1).review_state == ReviewState.NEW


def test_accept_shown_with_only_unknown_labels_accepts_nothing_and_says_so(store):
    suggest(store, 2, ("zebra", 0.9), ("zebra", 0.8), ("fox", 0.7))
    outcome = ReviewQueue(store).accept_shown(2)
    assert outcome.cs.empty and outcome.decided == 0 and not outcome.done
    assert store.image(2).review_state == ReviewState.NEW
    assert str(outcome.message()) == ("Accepted 0 of 3: 'zebra' and 'fox' are not classes yet"
                                 " — M maps them.")


def test_accept_shown_marks_done_when_nothing_stays_pending(store):
    suggest(store, 2, ("cat", 0.9), ("dog", 0.8))
    outcome = ReviewQueue(store).accept_shown(2)
    assert outcome.done and store.image(2).review_state == ReviewState.DONE
    assert str(outcome.message()) == "Accepted 2 suggestions; image done."
    suggest(store, 3, ("cat", 0.9))
    assert str(ReviewQueue(store).reject_shown(3).message()) == "Rejected 1 suggestion; image done."
    assert str(ReviewQueue(store).reject_shown(4).message()) == "Nothing was pending here; image done."


def test_reject_shown_and_accept_as_edited(store):
    a, b = suggest(store, 1, ("cat", 0.9), ("dog", 0.8))
    q = ReviewQueue(store)
    q.accept(a, label_id=store.label_by_name("dog").id)
    assert store.suggestion(a).state == SuggestionState.EDITED
    q.reject_shown(1)
    assert store.suggestion(b).state == SuggestionState.REJECTED
    assert store.image(1).review_state == ReviewState.DONE
    # with nothing shown, X and Space still mark the image done
    cs = q.accept_shown(3).cs
    assert store.image(3).review_state == ReviewState.DONE and not cs.empty


def test_a_pending_suggestion_edited_keeps_pending_and_is_accepted_as_edited(store):
    a, b, c = suggest(store, 1, ("cat", 0.9), ("dog", 0.8), ("cat", 0.7))
    dog = store.label_by_name("dog").id
    undo = UndoStack(store.apply)
    undo.push(store.edit_suggestion(a, label_id=dog))  # class only
    s = store.suggestion(a)
    assert s.state == SuggestionState.PENDING and s.label_id == dog and s.box == Box(0, 10, 20, 20)
    undo.push(store.edit_suggestion(b, box=Box(30, 30, 40, 40)))  # box only
    s = store.suggestion(b)
    assert s.state == SuggestionState.PENDING and s.label_id == dog and s.box == Box(30, 30, 40, 40)
    q = ReviewQueue(store)
    q.accept(a)
    q.accept(b)
    q.accept(c)
    assert store.suggestion(a).state == SuggestionState.EDITED
    assert store.suggestion(b).state == SuggestionState.EDITED
    assert store.suggestion(c).state == SuggestionState.ACCEPTED  # as the model said it
    ann = store.annotation(store.suggestion(b).annotation_id)
    assert ann.box == Box(30, 30, 40, 40) and ann.label_id == dog


def test_an_edit_put_back_as_the_model_said_is_accepted_not_edited(store):
    (a,) = suggest(store, 1, ("cat", 0.9))
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    undo = UndoStack(store.apply)
    undo.push(store.edit_suggestion(a, label_id=dog))
    undo.undo()
    assert store.suggestion(a).label_id == cat
    store.edit_suggestion(a, label_id=dog)
    store.edit_suggestion(a, label_id=cat)
    ReviewQueue(store).accept(a)
    assert store.suggestion(a).state == SuggestionState.ACCEPTED


def test_editing_a_decided_suggestion_is_refused(store):
    (a,) = suggest(store, 1, ("cat", 0.9))
    ReviewQueue(store).reject(a)
    from glancelabel.core.store.annotations import AnnotationError

    with pytest.raises(AnnotationError):
        store.edit_suggestion(a, box=Box(1, 1, 5, 5))
