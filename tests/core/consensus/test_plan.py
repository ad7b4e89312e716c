"""Asking a second model: the estimate of both runs, refusals, and a pair of runs against two
fake providers ending in their consensus."""

from __future__ import annotations

import pytest

from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, FastOpenAI, make_images, open_project
from glancelabel.core.consensus.plan import PairPlan, SecondModel, estimate, run_pair
from glancelabel.core.store import consensus as sql
from glancelabel.core.suggest.runner import BatchPlan


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    make_images(tmp_path, 4)
    s = open_project(tmp_path)
    yield s
    s.close()


def test_the_estimate_gives_both_runs_on_the_same_images_and_their_total(store):
    first = BatchPlan(provider="anthropic", model="claude-sonnet-4-5", limit=3)
    pair = PairPlan(first, SecondModel("openai", "gpt-4.1-mini"))
    est = estimate(pair, store)
    a = first.estimate(store)
    b = BatchPlan(provider="openai", model="gpt-4.1-mini").estimate(
        store, first.image_ids(store))
    assert (est.first.cost_usd, est.second.cost_usd) == (a.cost_usd, b.cost_usd)
    assert est.images == 3 and est.second.images == 3
    text = est.text()
    assert text.startswith(a.text()) and "Second model, on the same images:" in text
    assert f"Both models: estimated cost ${a.cost_usd + b.cost_usd:,.2f} now, " \
           f"${a.batch_cost_usd + b.batch_cost_usd:,.2f} through the Batch API." in text


def test_the_same_model_twice_is_refused(store):
    pair = PairPlan(BatchPlan(provider="openai", model="gpt-5"), SecondModel("openai", "gpt-5"))
    assert [str(p) for p in pair.problems()] == ["Choose another provider or model for the second run: the "
                               "consensus needs two different models."]
    assert [str(p) for p in PairPlan(BatchPlan(), SecondModel(iou=0)).problems()] == [
        "The IoU at which boxes agree must be above 0 and at most 1."]


def test_run_pair_asks_both_about_the_same_images_then_builds_the_consensus(store):
    with FastAnthropic() as claude, FastOpenAI() as gpt:
        claude.success_headers = gpt.success_headers = {}
        claude.default_input = CAR_ANSWER
        gpt.default_answer = {"objects": [CAR_ANSWER["objects"][0]], "tags": []}  # no crossing
        first = BatchPlan(provider="anthropic", base_url=claude.base_url, limit=3)
        pair = PairPlan(first, SecondModel("openai", "gpt-4.1-mini", gpt.base_url))
        out = run_pair(store, pair)
        assert len(claude.main_requests()) == 3 and len(gpt.main_requests()) == 3
    assert out.first.succeeded == 3 and out.second.succeeded == 3
    assert sql.looked_at(store, out.first.run_id) == sql.looked_at(store, out.second.run_id)
    # the car agrees on each image; Claude's "zebra crossing" is disputed
    assert (out.consensus.agreed, out.consensus.disputed, out.consensus.images) == (3, 3, 3)
