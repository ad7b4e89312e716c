"""Review after a consensus: disputed suggestions first, agreed ones last, Enter follows that
order (the queue's next pending), and a single model's image keeps the id order."""

from __future__ import annotations

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.consensus.build import build_consensus
from glancelabel.core.model import Box, Kind
from glancelabel.core.review.queue import ReviewQueue
from glancelabel.core.store.suggestions import NewSuggestion


def test_disputed_first_then_single_model_then_agreed(tmp_path):
    make_images(tmp_path, 1)
    store = open_project(tmp_path, classes=("car", "person"))
    car, person = store.label_by_name("car").id, store.label_by_name("person").id
    image = store.all_images()[0].id
    a, b, c = (store.create_run(p, m) for p, m in
               (("anthropic", "m1"), ("openai", "m2"), ("local", "m3")))
    # ids in insertion order: a's car (agreed), a's person (disputed), b's car (agreed),
    # then a third model's box (no consensus)
    store.add_suggestions(a, image, [NewSuggestion(Kind.BOX, "car", car, Box(0, 0, 30, 30), 0.9),
                                     NewSuggestion(Kind.BOX, "person", person,
                                                   Box(40, 40, 9, 9), 0.9)])
    store.add_suggestions(b, image, [NewSuggestion(Kind.BOX, "car", car, Box(1, 1, 30, 30), 0.9)])
    third = store.add_suggestions(c, image, [NewSuggestion(Kind.BOX, "car", car,
                                                           Box(60, 5, 10, 10), 0.9)])
    queue = ReviewQueue(store)
    before = [s.id for s in queue.shown(image)]
    assert before == sorted(before)  # no consensus yet: id order
    result = build_consensus(store, a, b)
    marks = queue.marks(image)
    agreed = next(i for i, m in marks.items() if m == "agreed")
    disputed = next(i for i, m in marks.items() if m == "disputed")
    assert [s.id for s in queue.shown(image)] == [disputed, third[0], agreed]
    assert result.agreed == 1 and result.disputed == 1
    # Enter's "next pending" walks the same order and wraps; after a decision too
    assert queue.next_pending(image) == disputed
    assert queue.next_pending(image, disputed) == third[0]
    assert queue.next_pending(image, third[0]) == agreed
    assert queue.next_pending(image, agreed) == disputed
    queue.accept(disputed)
    assert queue.next_pending(image, disputed) == third[0]
    queue.reject(third[0])
    assert queue.next_pending(image, third[0]) == agreed
    store.close()
