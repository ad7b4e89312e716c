"""Models on the same held-out images: AP, intervals and the rule that picks a model, with
hand-made answers whose figures are known."""

from __future__ import annotations

import pytest

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
