"""Batch APIs through the real SDKs against fakes of /v1/messages/batches and
/v1/files + /v1/batches (the Anthropic results URL points back at the fake)."""

from __future__ import annotations

import json

import pytest

from fakes.batch_fakes import (
    CAR_ANSWER,
    FastAnthropic,
    FastOpenAI,
    about_sizes,
    make_images,
    open_project,
    size_in,
)
from fakes.http_fake import error_reply
from glancelabel.core.app.paths import project_path
from glancelabel.core.store import Store
from glancelabel.core.suggest import batch_api
from glancelabel.core.suggest.runner import BatchPlan


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
    # each problem is a marked sentence too (the batch panel shows it translated), same English
    assert [str(t) for t in report.problem_texts] == report.problems
    assert "refused a result for 'job-999999': not a request of this batch" in report.problems
    assert {(t.context, t.template) for t in report.problem_texts} == {
        ("batch", "refused a result for {id}: not a request of this batch"),
        ("batch", "duplicate result {id}")}
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

    from glancelabel.core.suggest.ask import build_context

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


# -- expired requests are sent again once -------------------------------------------------------
@pytest.fixture(params=["anthropic", "openai-error-file", "openai-left-out"])
def expiring_fake(request):
    """(provider name, fake) for each way a provider reports expired requests."""
    if request.param == "anthropic":
        with FastAnthropic() as f:
            f.default_input = CAR_ANSWER
            yield "anthropic", f
    else:
        with FastOpenAI() as f:
            f.default_answer = CAR_ANSWER
            f.expired_in_error_file = request.param == "openai-error-file"
            yield "openai", f


def sent_batches(name: str, fake) -> list[list[tuple[str, tuple[int, int] | None]]]:
    """(custom_id, image size) of the requests of every batch the fake received, in order."""
    if name == "anthropic":
        return [[(i["custom_id"], size_in(i["params"])) for i in r.json["requests"]]
                for r in fake.requests
                if r.method == "POST" and r.path == "/v1/messages/batches"]
    return [[(x["custom_id"], size_in(x["body"])) for x in map(json.loads, f["data"].splitlines())]
            for f in fake.files.values() if f["object"]["purpose"] == "batch"]


def _job_ids(store, run_id: int, sizes) -> set[str]:
    widths = {w for w, _ in sizes}
    return {f"job-{j.id}" for j in store.jobs(run_id)
            if store.image(j.image_id).width in widths}


def test_expired_requests_are_sent_again_in_a_new_batch(tmp_path, expiring_fake):
    name, fake = expiring_fake
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    fake.expires = about_sizes({(101, 80), (103, 80)})
    plan = BatchPlan(provider=name, base_url=fake.base_url)
    run_id, (b1,), _ = batch_api.submit(store, plan)
    fake.expires = None  # the provider has time for them now

    (report,) = batch_api.collect(store)
    assert (report.stored, report.failed, report.resent) == (2, 0, 2)
    (b2,) = report.resent_batches
    assert report.as_json()["resent"] == 2 and report.as_json()["resent_batches"] == [b2]
    assert "2 expired requests were sent again (batch " in report.text()
    first, again = sent_batches(name, fake)
    assert len(first) == 4
    expired = _job_ids(store, run_id, [(101, 80), (103, 80)])
    assert {cid for cid, _ in again} == expired
    assert sorted(size for _, size in again) == [(101, 80), (103, 80)]
    new = store.batch(b2)
    assert new.run_id == run_id and new.request_count == 2
    assert new.detail["resent"] == dict.fromkeys(expired, b1)
    counts = store.job_counts(run_id)
    assert counts["done"] == 2 and counts["submitted"] == 2 and counts["failed"] == 0
    assert store.run(run_id).status != "done"

    (r2,) = batch_api.collect(store)
    assert (r2.batch_id, r2.stored, r2.failed, r2.resent) == (b2, 2, 0, 0)
    assert store.job_counts(run_id)["done"] == 4 and store.run(run_id).status == "done"
    assert len(sent_batches(name, fake)) == 2
    assert all(len(store.suggestions(i.id)) == 2 for i in store.all_images())
    assert batch_api.collect(store) == []


def test_a_request_that_expires_twice_fails_and_is_not_sent_a_third_time(tmp_path,
                                                                         expiring_fake):
    name, fake = expiring_fake
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    fake.expires = about_sizes({(101, 80)})  # the provider never gets to this one
    run_id, _, _ = batch_api.submit(store, BatchPlan(provider=name, base_url=fake.base_url))
    (r1,) = batch_api.collect(store)
    assert (r1.stored, r1.resent) == (2, 1)
    (r2,) = batch_api.collect(store)
    assert (r2.stored, r2.failed, r2.resent, r2.resent_batches) == (0, 1, 0, [])
    assert [len(b) for b in sent_batches(name, fake)] == [3, 1]
    (failed,) = store.failed_jobs(run_id)
    assert store.image(failed.image_id).width == 101
    assert failed.error == batch_api.EXPIRED_TWICE
    assert "expired twice" in failed.error and "--retry-failed" in failed.error
    assert store.run(run_id).status == "done"
    assert batch_api.collect(store) == []
    assert len(sent_batches(name, fake)) == 2


@pytest.mark.parametrize("status", [500, 400])
def test_a_resend_that_cannot_be_created_leaves_the_jobs_queued(tmp_path, expiring_fake,
                                                                 status):
    name, fake = expiring_fake
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    fake.expires = about_sizes({(101, 80)})
    plan = BatchPlan(provider=name, base_url=fake.base_url)
    run_id, batch_ids, _ = batch_api.submit(store, plan, limits=(2, 10**9))
    assert len(batch_ids) == 2
    fake.expires = None
    # the SDKs retry a 500 twice: every attempt fails
    fake.batch_create_errors.extend(
        [error_reply(status, "the batch service is down", {"retry-after-ms": "1"})] * 3)

    reports = batch_api.collect(store)
    assert [r.batch_id for r in reports] == batch_ids  # the other batch was collected too
    assert sum(r.stored for r in reports) == 3 and sum(r.resent for r in reports) == 0
    assert any("could not be sent again" in p and "batch service is down" in p
               for r in reports for p in r.problems)
    (problem,) = [t for r in reports for t in r.problem_texts]
    assert str(problem).startswith("1 expired request could not be sent again (")
    assert str(problem).endswith("); it stays queued and the next `glancelabel batch submit` "
                                 "sends it.")
    assert problem.template.startswith("{count} expired request could not")
    (queued,) = store.jobs(run_id, ["queued"])
    assert store.image(queued.image_id).width == 101
    assert "could not be sent again" in queued.error
    assert store.job_counts(run_id)["done"] == 3 and store.run(run_id).status != "done"
    assert len(store.batches(run_id)) == 2

    # nothing is lost: the next submit sends it, in the same run
    fake.batch_create_errors.clear()
    again_run, (b3,), _ = batch_api.submit(store, plan)
    assert again_run == run_id
    assert [size for _, size in sent_batches(name, fake)[-1]] == [(101, 80)]
    (r3,) = batch_api.collect(store, b3)
    assert r3.stored == 1 and store.job_counts(run_id)["done"] == 4
