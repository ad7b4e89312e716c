"""Batch APIs through the real SDKs against fakes of /v1/messages/batches and
/v1/files + /v1/batches (the Anthropic results URL points back at the fake)."""

from __future__ import annotations

import json

import pytest

from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, FastOpenAI, make_images, open_project
from fakes.http_fake import error_reply
from glancelabel.core import batch_api
from glancelabel.core.batch import BatchPlan
from glancelabel.core.paths import project_path
from glancelabel.core.store import Store


@pytest.fixture(autouse=True)
def _keys(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")


@pytest.fixture
def anthropic_fake():
    with FastAnthropic() as f:
        f.default_input = CAR_ANSWER
        yield f


@pytest.fixture
def openai_fake():
    with FastOpenAI() as f:
        f.default_answer = CAR_ANSWER
        yield f


def test_anthropic_submit_poll_collect_after_reopening(tmp_path, anthropic_fake):
    fake = anthropic_fake
    make_images(tmp_path, 5)
    store = open_project(tmp_path)
    fake.batch_polls_until_ended = 3
    plan = BatchPlan(provider="anthropic", base_url=fake.base_url)
    run_id, batch_ids, cached = batch_api.submit(store, plan, limits=(2, 10**9))
    assert cached == 0 and len(batch_ids) == 3  # split at the request limit
    created = [r for r in fake.requests if r.path == "/v1/messages/batches"]
    assert [len(r.json["requests"]) for r in created] == [2, 2, 1]
    first = created[0].json["requests"][0]
    assert first["custom_id"].startswith("job-")
    assert first["params"]["tool_choice"]["type"] == "tool"
    assert first["params"]["messages"][0]["content"][-1]["type"] == "image"
    assert fake.main_requests() == []  # nothing went to the interactive endpoint
    assert store.job_counts(run_id)["submitted"] == 5
    store.close()

    # the app is closed and opened again later: everything needed is in the project
    store = Store(project_path(tmp_path), tmp_path)
    statuses = batch_api.refresh(store)
    assert [s.status for s in statuses] == ["in_progress"] * 3
    assert batch_api.collect(store) == []  # nothing ended yet: nothing stored
    reports = batch_api.collect(store)
    assert sum(r.stored for r in reports) == 5 and sum(r.refused for r in reports) == 0
    results_gets = [r for r in fake.requests if r.path.endswith("/results")]
    assert len(results_gets) == 3  # fetched from the absolute results_url on the fake
    counts = store.job_counts(run_id)
    assert counts["done"] == 5 and counts["submitted"] == 0
    run = store.run(run_id)
    assert run.kind == "batch-api" and run.status == "done"
    # the Batch price: half of the standard one
    from glancelabel.core.providers.pricing import load_price_table
    from glancelabel.core.providers.records import Usage

    full = load_price_table().cost(run.model, Usage(run.input_tokens, run.output_tokens),
                                   provider="anthropic")
    assert run.cost_usd == pytest.approx(full / 2)
    image = store.all_images()[0]
    assert sorted(s.raw_label for s in store.suggestions(image.id)) == ["car", "zebra crossing"]
    # collecting again stores nothing twice
    assert batch_api.collect(store) == []
    assert len(store.suggestions(image.id)) == 2


def test_custom_id_mismatch_is_refused(tmp_path, anthropic_fake):
    fake = anthropic_fake
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    run_id, (batch_id,), _ = batch_api.submit(
        store, BatchPlan(provider="anthropic", base_url=fake.base_url))
    remote = store.batch(batch_id).remote_id
    results = fake.batches[remote]["results"]
    results[0]["custom_id"] = "job-999999"  # not a request of this batch
    results.append(dict(results[1]))  # a duplicate
    (report,) = batch_api.collect(store)
    assert report.refused == 2 and report.stored == 2
    assert any("job-999999" in p for p in report.problems)
    counts = store.job_counts(run_id)
    # the image whose answer never came back is a retryable failure, not lost
    assert counts["done"] == 2 and counts["failed"] == 1
    assert store.retry_failed(run_id) == 1
    _, again, _ = batch_api.submit(store, BatchPlan(provider="anthropic",
                                                    base_url=fake.base_url))
    (r2,) = batch_api.collect(store, again[0])
    assert r2.stored == 1 and store.job_counts(run_id)["done"] == 3


def test_errored_requests_become_retryable_failures_and_cancel(tmp_path, anthropic_fake):
    fake = anthropic_fake
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    fake.push(error_reply(500, "overloaded inside the batch"))
    run_id, (batch_id,), _ = batch_api.submit(
        store, BatchPlan(provider="anthropic", base_url=fake.base_url))
    (report,) = batch_api.collect(store)
    assert report.failed == 1 and report.stored == 2
    (failed,) = store.failed_jobs(run_id)
    assert "errored" in failed.error
    # cancel: a running batch's unanswered requests come back cancelled and retryable
    store.retry_failed(run_id)
    fake.batch_polls_until_ended = 5
    _, (b2,), _ = batch_api.submit(store, BatchPlan(provider="anthropic",
                                                    base_url=fake.base_url))
    (st,) = batch_api.cancel(store, b2)
    assert st.status == "ended"
    (r,) = batch_api.collect(store, b2)
    assert r.failed == 1 and "canceled" in store.failed_jobs(run_id)[0].error


def test_openai_files_and_batches(tmp_path, openai_fake):
    fake = openai_fake
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    fake.batch_polls_until_completed = 1
    plan = BatchPlan(provider="openai", base_url=fake.base_url)
    run_id, (batch_id,), _ = batch_api.submit(store, plan)
    upload = next(r for r in fake.requests if r.path == "/v1/files")
    assert b'"url": "/v1/chat/completions"' in upload.body.replace(b'":"', b'": "') or \
        b"/v1/chat/completions" in upload.body
    created = next(r for r in fake.requests if r.path == "/v1/batches")
    assert created.json["endpoint"] == "/v1/chat/completions"
    assert created.json["completion_window"] == "24h"
    # tamper with the output file: one line for a request this batch never sent
    b = fake.batches[store.batch(batch_id).remote_id]
    out = fake.files[b["output_file_id"]]
    lines = out["data"].decode().splitlines()
    bad = json.loads(lines[0])
    bad["custom_id"] = "job-424242"
    out["data"] = ("\n".join(lines + [json.dumps(bad)]) + "\n").encode()
    (report,) = batch_api.collect(store)
    assert report.stored == 4 and report.refused == 1
    assert store.job_counts(run_id)["done"] == 4
    image = store.all_images()[0]
    assert len(store.suggestions(image.id)) == 2


def test_providers_without_a_batch_api_are_refused(tmp_path):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    with pytest.raises(batch_api.BatchApiError, match="no Batch API"):
        batch_api.submit(store, BatchPlan(provider="openai-compatible",
                                          base_url="http://127.0.0.1:9/v1"))


@pytest.mark.parametrize("pass_provider", [False, True])
def test_openai_responses_setting_still_batches_chat_completions(tmp_path, openai_fake,
                                                                  pass_provider):
    from dataclasses import replace

    from glancelabel.core.suggest import build_context

    fake = openai_fake
    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    plan = BatchPlan(provider="openai", base_url=fake.base_url)
    plan.settings = replace(plan.settings, openai_api="responses")
    provider = None
    if pass_provider:  # as `glancelabel batch submit` does
        provider = build_context(store, plan.provider_settings()).provider
        assert provider.api == "responses"
    run_id, (batch_id,), _ = batch_api.submit(store, plan, provider=provider)
    data = next(f["data"] for f in fake.files.values() if f["object"]["purpose"] == "batch")
    lines = [json.loads(x) for x in data.splitlines()]
    assert [line["url"] for line in lines] == ["/v1/chat/completions"] * 2
    assert all("messages" in line["body"] and "input" not in line["body"] for line in lines)
    assert "api" not in store.run(run_id).params  # the run records what was sent: chat
    assert fake.responses_requests() == [] and fake.main_requests() == []
    (report,) = batch_api.collect(store)
    assert report.stored == 2
