"""Models on the same held-out images: AP, intervals and the rule that picks a model, with
hand-made answers whose figures are known."""

from __future__ import annotations

import pytest

from fakes.heldout import build_heldout_project, register_detector
from glancelabel.core.model import Box
from glancelabel.core.quality.compare import (
    Comparison,
    ImageScore,
    average_precision,
    choose,
    figures,
    score_boxes,
    score_tags,
)
from glancelabel.core.quality.match import Pred, Truth
from glancelabel.core.store import Store


def test_average_precision_by_hand():
    # ranked: hit, miss, hit with 3 annotations -> points (1/3, 1), (1/3, 1/2), (2/3, 2/3)
    assert average_precision([(0.9, True), (0.8, False), (0.7, True)], 3) == pytest.approx(5 / 9)
    assert average_precision([(0.7, True), (0.9, True), (0.8, False)], 3) == pytest.approx(5 / 9)
    assert average_precision([], 2) == 0.0
    assert average_precision([(0.5, False)], 0) is None
    # tied scores give one point whatever their order: recall 1, precision 1/2
    assert average_precision([(1.0, True), (1.0, False)], 1) == 0.5
    assert average_precision([(1.0, False), (1.0, True)], 1) == 0.5


def test_score_boxes_matches_by_class_and_iou():
    truths = [Truth("cat", Box(0, 0, 10, 10)), Truth("dog", Box(50, 50, 10, 10))]
    preds = [Pred("cat", Box(1, 1, 10, 10), 0.9),   # IoU 0.68: hit
             Pred("cat", Box(0, 0, 10, 10), 0.5),   # the cat is taken: miss
             Pred("dog", Box(0, 0, 10, 10), None)]  # wrong place
    s = score_boxes(preds, truths)
    assert s.scored == {"cat": [(0.9, True), (0.5, False)], "dog": [(1.0, False)]}
    assert s.truths == {"cat": 1, "dog": 1} and s.top1 is None


def test_score_tags_top1_and_duplicates():
    s = score_tags([("cat", 0.2), ("dog", 0.7)], {"dog"})
    assert s.top1 is True and s.scored == {"cat": [(0.2, False)], "dog": [(0.7, True)]}
    assert score_tags([("cat", 0.9), ("dog", 0.7)], {"dog"}).top1 is False
    assert score_tags([], {"dog"}).top1 is False


def test_top1_leaves_out_images_without_tags_and_a_repeated_tag_keeps_its_best_confidence():
    """An image nobody tagged (a box-only image among the held-out ones) has no right answer:
    it is no evidence for top-1 accuracy, for the model that tags it nor for the one that does
    not (its tags still count as false positives). A class suggested twice is scored once, at
    its higher confidence."""
    assert score_tags([("cat", 0.9)], set()).top1 is None
    assert score_tags([], set()).top1 is None
    untagged = score_tags([("cat", 0.9)], set())
    assert untagged.scored == {"cat": [(0.9, False)]}
    fig = figures("m", [score_tags([("cat", 0.9)], {"cat"}), untagged, untagged], local=True)
    assert (fig.top1.successes, fig.top1.n) == (1, 1)
    twice = score_tags([("dog", 0.8), ("cat", 0.6), ("dog", 0.3)], {"dog"})
    assert twice.scored["dog"] == [(0.8, True)] and twice.top1 is True


def _images(n_right: int, n_wrong: int) -> list[ImageScore]:
    """n images where the model finds the one cat, n where it boxes nothing right."""
    right = ImageScore({"cat": [(0.9, True)]}, {"cat": 1})
    wrong = ImageScore({"cat": [(0.9, False)]}, {"cat": 1})
    return [right] * n_right + [wrong] * n_wrong


def test_figures_counts_ap_and_bootstrap_interval():
    perfect = figures("p", _images(10, 0), local=True)
    (cat,) = perfect.classes
    assert (cat.tp, cat.fp, cat.fn) == (10, 0, 0)
    assert cat.precision.value == 1.0 and cat.precision.low == pytest.approx(0.722, abs=1e-3)
    assert (perfect.mean_ap.value, perfect.mean_ap.low, perfect.mean_ap.high) == (1.0, 1.0, 1.0)
    half = figures("h", _images(10, 10), local=False, run_id=4)
    assert half.mean_ap.value == pytest.approx(0.25)  # one point: recall 1/2 at precision 1/2
    assert half.mean_ap.low < 0.25 < half.mean_ap.high
    assert half.classes[0].ap == half.mean_ap  # one class: its AP is the mean
    assert figures("h", _images(10, 10), local=False).mean_ap == half.mean_ap  # seeded
    assert half.to_dict("detect")["map50"] == pytest.approx(0.25)


def test_a_class_only_predicted_has_precision_but_no_ap():
    scores = [ImageScore({"cat": [(0.8, True)], "fox": [(0.6, False)]}, {"cat": 1})]
    fig = figures("m", scores, local=True)
    assert [c.name for c in fig.classes] == ["cat", "fox"]
    assert fig.classes[1].ap.value is None and fig.classes[1].precision.value == 0.0
    assert fig.mean_ap.value == 1.0  # over the classes with annotations


def _comparison(*models) -> Comparison:
    return choose(Comparison("detect", 20, 20, list(models)))


def test_the_free_model_within_the_intervals_is_chosen():
    big = figures("anthropic/claude (run 1)", _images(19, 1), local=False, run_id=1)
    big.cost_per_1000 = 4.5
    small = figures("local model shapes", _images(16, 4), local=True)
    small.cost_per_1000 = 0.0
    c = _comparison(big, small)
    assert small.mean_ap.high >= big.mean_ap.low
    assert c.choice == "local model shapes"
    assert c.answer.startswith("Use local model shapes for the rest: its mAP50 0.64 (")  # 0.8 recall x 0.8 precision
    assert "within the intervals of the best, anthropic/claude (run 1) with 0.90 (" in c.answer
    assert c.answer.endswith("at $0.00 per 1,000 images instead of $4.50 per 1,000 images.")
    assert c.rule.startswith("Rule: the cheapest model per 1,000 images whose mAP50")


def test_a_cheaper_model_worse_beyond_the_intervals_is_not_chosen():
    big = figures("openai/gpt (run 2)", _images(40, 0), local=False, run_id=2)
    big.cost_per_1000 = 3.0
    small = figures("local model shapes", _images(10, 30), local=True)
    small.cost_per_1000 = 0.0
    c = _comparison(small, big)
    assert small.mean_ap.high < big.mean_ap.low
    assert c.choice == "openai/gpt (run 2)"
    assert c.answer == ("Use openai/gpt (run 2) for the rest: it has the best mAP50, 1.00 "
                        "(1.00–1.00), at $3.00 per 1,000 images; the cheaper models are worse "
                        "beyond the intervals.")


def test_no_figure_no_choice():
    empty = figures("local model x", [], local=True)
    c = _comparison(empty)
    assert c.choice is None and c.answer == (
        "No model can be chosen: no mAP50 could be measured on the 20 held-out images.")


def test_classify_uses_top1_accuracy():
    tags = [score_tags([("cat", 0.9)], {"cat"})] * 3 + [score_tags([("dog", 0.9)], {"cat"})]
    fig = figures("local model pets", tags, local=True)
    fig.cost_per_1000 = 0.0
    c = choose(Comparison("classify", 4, 4, [fig]))
    assert fig.top1.value == 0.75 and c.metric == "top-1 accuracy"
    assert c.to_dict()["models"][0]["value"] == 0.75
    assert c.answer.startswith("Use local model pets for the rest: it has the best top-1 "
                               "accuracy, 0.75 (")


# -- a project: held-out images, a stored run, a local model run now ------------------------------
@pytest.fixture
def heldout_project(tmp_path):
    store, folder = build_heldout_project(tmp_path)
    yield store, folder
    store.close()


def test_held_out_comparison_of_a_local_model_and_a_stored_run(heldout_project):
    from glancelabel.core.quality.heldout import build_comparisons

    store, folder = heldout_project
    register_detector(store, folder)
    seen = []
    (c,) = build_comparisons(store, folder, on_progress=lambda *a: seen.append(a))
    assert (c.task, c.images, c.annotations) == ("detect", 4, 5)
    local, run_a = c.models
    assert local.name == "local model shapes-1" and run_a.name == "anthropic/claude-sonnet-5-5 (run 1)"
    assert seen[-1] == ("local model shapes-1", 4, 4)
    by_class = {k.name: k for k in local.classes}
    assert (by_class["circle"].tp, by_class["circle"].fp, by_class["circle"].fn) == (4, 0, 0)
    assert (by_class["square"].tp, by_class["square"].fp, by_class["square"].fn) == (1, 3, 0)
    assert by_class["square"].ap.value == 0.25 and local.mean_ap.value == 0.625
    assert local.cost_per_1000 == 0.0 and local.images_per_second > 0
    assert run_a.mean_ap.value == 1.0 and run_a.cost_per_1000 == pytest.approx(100.0)
    assert run_a.from_own_suggestions == 4 and local.from_own_suggestions == 0
    assert run_a.images_per_second is not None and run_a.images_per_second > 0
    assert c.skipped == ["Run 2 (openai/gpt-y) answered 2 of the 4 held-out images, so it is "
                         "left out; ask it about the others to compare it."]
    # four images leave wide intervals: the free model is not worse beyond them
    assert local.mean_ap.high >= run_a.mean_ap.low and c.choice == "local model shapes-1"


def test_named_runs_and_models_and_unknown_ones(heldout_project):
    from glancelabel.core.quality.heldout import CompareError, build_comparisons

    store, folder = heldout_project
    register_detector(store, folder)
    (c,) = build_comparisons(store, folder, run_ids=[1], model_names=["shapes-1"])
    assert [m.name for m in c.models] == ["local model shapes-1", "anthropic/claude-sonnet-5-5 (run 1)"]
    with pytest.raises(CompareError, match=r"no local model named nope \(its local models: "
                                           r"shapes-1\)"):
        build_comparisons(store, folder, model_names=["nope"])
    with pytest.raises(CompareError, match="This project has no run 9."):
        build_comparisons(store, folder, run_ids=[9])


def test_no_held_out_images_no_comparison(tmp_path):
    from glancelabel.core.quality.heldout import build_comparisons

    s = Store(tmp_path / "p.sqlite", tmp_path)
    assert build_comparisons(s, tmp_path) == []
    s.close()


def test_the_quality_report_has_the_held_out_section(heldout_project, tmp_path):
    import html
    import re

    from glancelabel.core.quality.report import build_report, render_html

    store, folder = heldout_project
    register_detector(store, folder)
    report = build_report(store)
    (c,) = report.comparisons
    page = render_html(report)
    assert "<h2 id='compare-detect'>Models on the same held-out images (boxes)</h2>" in page
    assert "4 held-out images (reviewed by a person, never trained on) with 5 boxes." in page
    assert f"<b>{html.escape(c.answer)}</b>" in page and html.escape(c.rule) in page
    assert "<td>local model shapes-1</td><td>0.62 <small>(" in page
    assert "<td>$100.00</td><td>4</td>" in page  # run 1's cost, and its own accepted circles
    assert "Run 2 (openai/gpt-y) answered 2 of the 4 held-out images" in page
    section = page[page.index("compare-detect"):]
    bars = re.findall(r'<rect class="bar"[^>]*fill="(#[0-9a-f]+)"><title>([^<]*)</title>',
                      section)
    assert [(color, title.split(":")[0]) for color, title in bars] == [
        ("#1a7f37", "local model shapes-1"), ("#3cb44b", "anthropic/claude-sonnet-5-5 (run 1)")]
    assert "<h3>local model shapes-1: per class</h3>" in page
    assert report.to_dict()["comparisons"][0]["choice"] == "local model shapes-1"
    assert build_report(store, compare=False).comparisons == []


def test_a_local_model_whose_file_is_gone_is_left_out_with_a_sentence(heldout_project):
    from glancelabel.core.quality.heldout import build_comparisons

    store, folder = heldout_project
    register_detector(store, folder).unlink()
    (c,) = build_comparisons(store, folder)
    assert [m.name for m in c.models] == ["anthropic/claude-sonnet-5-5 (run 1)"]
    assert c.skipped[0].startswith("The local model shapes-1 could not be compared: The ONNX "
                                   "model ") and c.skipped[0].endswith("does not exist.")
    assert c.choice == "anthropic/claude-sonnet-5-5 (run 1)"


def test_the_vectorised_bootstrap_equals_average_precision_on_each_resample():
    import random

    import numpy as np

    from glancelabel.core.quality.compare import bootstrap_aps

    rng = random.Random(3)
    scores = []
    for _ in range(12):
        truths = {c: rng.randint(0, 2) for c in ("a", "b")}
        scored = {c: [(rng.choice([0.2, 0.5, 0.5, 0.9]), rng.random() < 0.6)
                      for _ in range(rng.randint(0, 3))] for c in ("a", "b", "c")}
        scores.append(ImageScore(scored, {k: v for k, v in truths.items() if v}))
    draws, means = bootstrap_aps(scores, ["a", "b", "c"], 25, seed=9)
    counts = np.random.default_rng(9).multinomial(12, [1 / 12] * 12, size=25)
    expected: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    expected_means = []
    for row in counts:
        sample = [s for s, k in zip(scores, row, strict=True) for _ in range(k)]
        aps = {}
        for c in ("a", "b", "c"):
            ap = average_precision([x for s in sample for x in s.scored.get(c, ())],
                                   sum(s.truths.get(c, 0) for s in sample))
            if ap is not None:
                aps[c] = ap
                expected[c].append(ap)
        if aps:
            expected_means.append(sum(aps.values()) / len(aps))
    for c in ("a", "b", "c"):
        assert draws[c] == pytest.approx(expected[c])
    assert expected["c"] == [] and len(expected["a"]) > 20
    assert means == pytest.approx(expected_means)


def test_image_tags_are_compared_by_top1_accuracy(heldout_project):
    from fakes.onnx_models import build_classifier
    from glancelabel.core.model import Kind
    from glancelabel.core.quality.heldout import build_comparisons
    from glancelabel.core.store.suggestions import NewSuggestion
    from glancelabel.core.store.training import register_local_model

    store, folder = heldout_project
    circle = next(lab.id for lab in store.labels() if lab.name == "circle")
    for image_id in (1, 2, 3, 4):  # each held-out image is tagged circle by hand; run 1 said so
        store.add_tag(image_id, circle)
        store.add_suggestions(1, image_id, [NewSuggestion(Kind.TAG, "circle", circle, None, None,
                                                          0.8)])
    path = build_classifier(folder.parent / "cls.onnx", ["circle", "square"], probs=[0.3, 0.7])
    register_local_model(store, "kinds", "classify", str(path), ["circle", "square"], None)
    comparisons = {c.task: c for c in build_comparisons(store, folder)}
    c = comparisons["classify"]
    assert (c.images, c.annotations, c.metric) == (4, 4, "top-1 accuracy")
    local, run = c.models
    assert local.name == "local model kinds" and local.top1.value == 0.0
    assert run.name == "anthropic/claude-sonnet-5-5 (run 1)" and run.top1.value == 1.0
    assert run.from_own_suggestions == 0  # the tags were added by hand
    assert {k.name: (k.tp, k.fp, k.fn) for k in local.classes} == {"circle": (0, 0, 4),
                                                                   "square": (0, 4, 0)}
    assert local.top1.high < run.top1.low and c.choice == run.name
    assert [m.name for m in comparisons["detect"].models] == ["anthropic/claude-sonnet-5-5 (run 1)"]


def test_a_cancelled_comparison_stops_running_local_models(heldout_project):
    import threading

    from glancelabel.core.quality.heldout import CompareCancelled, build_comparisons

    store, folder = heldout_project
    register_detector(store, folder)
    cancel = threading.Event()
    seen = []

    def progress(name, done, total):
        seen.append(done)
        cancel.set()

    with pytest.raises(CompareCancelled, match="The comparison was cancelled."):
        build_comparisons(store, folder, on_progress=progress, cancel=cancel)
    assert seen == [1]  # stopped before the second image


def test_a_model_without_a_price_has_an_unknown_cost(heldout_project):
    from fakes.heldout import CIRCLE
    from glancelabel.core.model import Kind
    from glancelabel.core.quality.compare_html import comparison_section
    from glancelabel.core.quality.heldout import build_comparisons
    from glancelabel.core.store.suggestions import NewSuggestion

    store, folder = heldout_project
    run = store.create_run("anthropic", "mystery-model", kind="batch")
    store.add_run_usage(run, 4000, 800, 0.0)  # the app could not price it
    store.ensure_jobs(run, [1, 2, 3, 4])
    store.set_jobs_state([store.job_for(run, i).id for i in (1, 2, 3, 4)], "done")
    circle = next(lab.id for lab in store.labels() if lab.name == "circle")
    for image_id in (1, 2, 3, 4):
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, "circle", circle, CIRCLE,
                                                            None, 0.9)])
    (c,) = build_comparisons(store, folder, run_ids=[1, run])
    priced, unpriced = c.models
    assert priced.cost_per_1000 == pytest.approx(100.0) and unpriced.cost_per_1000 is None
    assert "<td>unknown cost</td>" in comparison_section([c])
    assert c.choice == priced.name  # never taken for free
