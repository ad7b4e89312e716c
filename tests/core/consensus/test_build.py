"""Consensus of two runs in a project: what is written, what review and quality then see,
undo, and running it again."""

from __future__ import annotations

import pytest

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.consensus.build import ConsensusError, build_consensus
from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.report import build_report
from glancelabel.core.store import consensus as sql
from glancelabel.core.store.suggestions import NewSuggestion


@pytest.fixture
def project(tmp_path):
    make_images(tmp_path, 3)
    store = open_project(tmp_path, classes=("car", "person"))
    yield store
    store.close()


def suggest(store, run_id, image_id, *items):
    return store.add_suggestions(run_id, image_id, [
        NewSuggestion(Kind.TAG if b is None else Kind.BOX, name, store.label_by_name(name).id
                      if store.label_by_name(name) else None,
                      None if b is None else Box(*b), confidence=c)
        for name, b, c in items])


def two_runs(store):
    a = store.create_run("anthropic", "claude-sonnet-5")
    b = store.create_run("openai", "gpt-5")
    img = [i.id for i in store.all_images()]
    a_ids = suggest(store, a, img[0], ("car", (0, 0, 10, 10), 0.8), ("person", (50, 50, 5, 5), 0.6))
    b_ids = suggest(store, b, img[0], ("car", (1, 0, 10, 10), 0.8), ("car", (70, 0, 9, 9), 0.5))
    a_ids += suggest(store, a, img[1], ("car", (0, 0, 20, 20), 0.9))
    b_ids += suggest(store, b, img[1], ("car", (0, 0, 20, 20), 0.7))
    only_a = suggest(store, a, img[2], ("car", (5, 5, 5, 5), 0.9))  # b never looked at img 2
    return a, b, img, a_ids, b_ids, only_a


def test_agreed_pairs_merge_into_one_suggestion_linked_to_both_sources(project):
    store = project
    a, b, img, a_ids, b_ids, only_a = two_runs(store)
    pending_before = store.pending_counts(img)
    result = build_consensus(store, a, b)
    assert (result.agreed, result.disputed, result.images) == (2, 2, 2)
    assert result.text() == ("Runs 1 and 2 agree on 2 suggestions over 2 images; 2 are disputed "
                             "and reviewed first (consensus run 3).")
    run = store.run(result.run_id)
    assert run.kind == "consensus" and run.model == "anthropic/claude-sonnet-5 + openai/gpt-5"
    marks = sql.marks_on(store, img[0])
    agreed = [sid for sid, m in marks.items() if m == "agreed"]
    assert len(agreed) == 1
    s = store.suggestion(agreed[0])
    assert s.run_id == result.run_id and s.state.value == "pending" and s.confidence == 0.8
    assert s.box == Box(0.5, 0.0, 10.0, 10.0)  # equal confidences: the mean of the corners
    assert s.rationale == "Both models agree: claude-sonnet-5 80%, gpt-5 80%."
    sources = sql.sources_of(store, agreed)[agreed[0]]
    assert [(x["id"], x["run_id"], x["confidence"]) for x in sources] == [
        (a_ids[0], a, 0.8), (b_ids[0], b, 0.8)]
    for sid in (a_ids[0], b_ids[0]):  # hidden from review, kept with its own box
        assert store.suggestion(sid).state.value == "duplicate"
    assert store.suggestion(a_ids[0]).box == Box(0, 0, 10, 10)
    assert {sid for sid, m in marks.items() if m == "disputed"} == {a_ids[1], b_ids[1]}
    assert sql.marks_on(store, img[2]) == {}  # only one run looked there
    assert store.suggestion(only_a[0]).state.value == "pending"
    # two pending sources became one agreed suggestion on images 0 and 1
    after = store.pending_counts(img)
    assert [after[i] for i in img] == [pending_before[img[0]] - 1, pending_before[img[1]] - 1, 1]


def test_undo_takes_the_consensus_back_and_a_second_build_adds_only_new_images(project):
    store = project
    a, b, img, a_ids, b_ids, _ = two_runs(store)
    result = build_consensus(store, a, b)
    store.apply(result.changes.inverted())
    assert all(store.suggestion(i).state.value == "pending" for i in a_ids + b_ids)
    assert sql.marks_on(store, img[0]) == {} and sql.marks_on(store, img[1]) == {}
    again = build_consensus(store, a, b)
    assert (again.agreed, again.disputed, again.run_id) == (2, 2, result.run_id)
    # nothing new: nothing written
    third = build_consensus(store, a, b)
    assert (third.agreed, third.disputed, third.images) == (0, 0, 0) and third.changes.empty
    assert third.text() == "Runs 1 and 2 have no new suggestions on images both looked at."
    suggest(store, b, img[2], ("car", (5, 5, 5, 6), 0.9))  # b now looks at image 2 too
    fourth = build_consensus(store, b, a)  # either order: the same consensus run
    assert (fourth.agreed, fourth.disputed, fourth.images, fourth.run_id) == (
        1, 0, 1, result.run_id)


def test_each_runs_quality_figures_still_count_its_own_suggestions(project):
    store = project
    a, b, img, a_ids, b_ids, _ = two_runs(store)
    build_consensus(store, a, b)
    for image_id in img[:2]:  # a person accepts what is shown (agreed and disputed) on both
        from glancelabel.core.review.queue import ReviewQueue

        ReviewQueue(store).accept_shown(image_id)
    report = build_report(store, with_audits=False)
    by_run = {m.run_id: m for m in report.models}
    # run a: car (img 0), person (img 0), car (img 1) all match an accepted annotation
    assert (by_run[a].box_total.tp, by_run[a].box_total.fp) == (3, 0)
    # run b: its car on img 0 matches the fused annotation (IoU 0.9), the far car too, img 1 too
    assert (by_run[b].box_total.tp, by_run[b].box_total.fp) == (3, 0)


def test_refusals_are_one_sentence(project):
    store = project
    a, b, *_ = two_runs(store)
    with pytest.raises(ConsensusError, match="Choose two different runs"):
        build_consensus(store, a, a)
    with pytest.raises(ConsensusError, match="There is no run 99 in this project."):
        build_consensus(store, a, 99)
    with pytest.raises(ConsensusError, match="IoU threshold"):
        build_consensus(store, a, b, threshold=0.0)
    c = build_consensus(store, a, b).run_id
    with pytest.raises(ConsensusError, match=f"Run {c} is itself a consensus"):
        build_consensus(store, a, c)


def test_merged_sources_are_not_counted_as_duplicates_of_their_run(project):
    store = project
    a, b, *_ = two_runs(store)
    assert (store.duplicate_count(a), store.duplicate_count(b)) == (0, 0)
    build_consensus(store, a, b)
    assert (store.duplicate_count(a), store.duplicate_count(b)) == (0, 0)
