"""A run asked with examples and one without, side by side on the same held-out images."""

from __future__ import annotations

from fakes.heldout import CIRCLE, SQUARE, build_heldout_project
from glancelabel.core.model import Kind
from glancelabel.core.quality.heldout import build_comparisons
from glancelabel.core.store.suggestions import NewSuggestion


def test_the_comparison_names_the_run_with_examples_and_scores_both(tmp_path):
    store, folder = build_heldout_project(tmp_path)
    labels = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("anthropic", "claude-sonnet-5-5", kind="batch",
                           params={"examples_per_class": 2})
    store.ensure_jobs(run, [1, 2, 3, 4])
    store.set_jobs_state([store.job_for(run, i).id for i in (1, 2, 3, 4)], "done")
    for image in (1, 2, 3, 4):  # the circle on images 1-3 (not 4), and image 1's square
        items = ([NewSuggestion(Kind.BOX, "circle", labels["circle"], CIRCLE, None, 0.9)]
                 if image < 4 else [])
        if image == 1:
            items.append(NewSuggestion(Kind.BOX, "square", labels["square"], SQUARE, None, 0.8))
        store.add_suggestions(run, image, items)

    (detect,) = build_comparisons(store, folder)
    by_name = {m.name: m for m in detect.models}
    plain = by_name["anthropic/claude-sonnet-5-5 (run 1)"]
    taught = by_name[f"anthropic/claude-sonnet-5-5 (run {run}, with 2 examples a class)"]
    assert plain.mean_ap.value == 1.0 and taught.mean_ap.value < 1.0
    circle = {k.name: k for k in taught.classes}["circle"]
    assert (circle.tp, circle.fn) == (3, 1)
