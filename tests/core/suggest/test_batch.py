"""The batch runner against fake provider servers driven by the real SDKs.

Assertions are on what the fake observed and what the store holds, never on wall-clock time.
"""

from __future__ import annotations

import threading

import pytest

from fakes.batch_fakes import (
    CAR_ANSWER,
    FastAnthropic,
    FastOpenAI,
    image_size_of,
    make_images,
    open_project,
)
from fakes.http_fake import Reply
from glancelabel.core.app.settings import ProviderSettings
from glancelabel.core.suggest.ratelimit import RateLimiter, parse_reset
from glancelabel.core.suggest.runner import BatchPlan, BatchRunner


@pytest.fixture
def fake():
    with FastAnthropic() as f:
        f.success_headers = {}  # no learned limits unless a test sets them
        f.default_input = CAR_ANSWER
        yield f


def plan_for(fake, **kw) -> BatchPlan:
    return BatchPlan(provider="anthropic", base_url=fake.base_url, **kw)


def test_in_flight_reaches_concurrency_and_never_exceeds_it(tmp_path, fake):
    make_images(tmp_path, 24)
    store = open_project(tmp_path)
    fake.latency = 0.15
    seen = []
    runner = BatchRunner(store, plan_for(fake, concurrency=4), on_progress=seen.append)
    summary = runner.run()
    assert summary.succeeded == 24 and summary.failed == 0
    assert fake.max_in_flight == 4
    assert len(fake.main_requests()) == 24
    assert seen[-1].state == "finished" and seen[-1].remaining == 0
    assert max(p.in_flight for p in seen) <= 4
    # every image got its answer: two suggestions, one mapped, one unknown with its raw label
    for image in store.all_images():
        kinds = sorted((s.raw_label, s.label_id is None) for s in store.suggestions(image.id))
        assert kinds == [("car", False), ("zebra crossing", True)]
    counts = store.job_counts(summary.run_id)
    assert counts["done"] == 24 and counts["queued"] == counts["running"] == 0


def test_a_run_over_within_half_a_second_reports_its_rate(tmp_path, fake, monkeypatch):
    """The first half second's answers give no rate while a run goes (too few to measure), but
    a run over by then has one: its answers over the time they took, not "0 images/minute".
    The runner's clock here moves 1 ms a reading, so the run is over within half a second."""
    import glancelabel.core.suggest.runner as runner_mod

    class Clock:
        def __init__(self) -> None:
            self.now, self.lock = 1000.0, threading.Lock()

        def monotonic(self) -> float:
            with self.lock:
                self.now += 0.001
                return self.now

    clock = Clock()
    monkeypatch.setattr(runner_mod, "time", clock)
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    seen = []
    summary = BatchRunner(store, plan_for(fake, concurrency=1), on_progress=seen.append).run()
    assert summary.succeeded == 3 and 0 < summary.seconds < 0.5
    assert seen[-1].state == "finished" and seen[-1].images_per_minute > 0
    running = [p for p in seen if p.state == "running" and p.remaining]
    assert running and all(p.images_per_minute == 0 for p in running)


def test_429_with_retry_after_pauses_the_whole_run_and_everything_completes(tmp_path, fake):
    make_images(tmp_path, 12)
    store = open_project(tmp_path)
    fake.latency = 0.2
    fake.rate_limit(3, retry_after=0.6)
    summary = BatchRunner(store, plan_for(fake, concurrency=3)).run()
    assert summary.succeeded == 12 and summary.failed == 0
    reqs = sorted(fake.main_requests(), key=lambda r: r.started)
    limited = [r for r in reqs if r.status == 429]
    assert len(limited) == 3 and summary.rate_limited == 3
    # the fake saw the pause: after each 429 was answered, no new request arrived within
    # its retry-after (50 ms allowed for requests already leaving when it came back)
    for r in limited:
        early = [q for q in reqs if r.finished + 0.05 < q.started < r.finished + 0.55]
        assert early == []
    # every image was answered exactly once
    sizes = [image_size_of(r) for r in reqs if r.status == 200]
    assert len(sizes) == 12 and len(set(sizes)) == 12


class _RecordingLimiter(RateLimiter):
    """Notes the learned requests-per-minute limit each time a request's end lets waiting
    workers go (`finished`)."""

    def __init__(self) -> None:
        super().__init__()
        self.known_at_finish: list[int] = []

    def finished(self) -> None:
        self.known_at_finish.append(self.learned_rpm)
        super().finished()


def test_learned_rate_limit_spaces_requests(tmp_path, fake):
    make_images(tmp_path, 8)
    store = open_project(tmp_path)
    fake.success_headers = {"anthropic-ratelimit-requests-limit": "600"}
    limiter = _RecordingLimiter()
    BatchRunner(store, plan_for(fake, concurrency=2), limiter=limiter).run()
    assert limiter.learned_rpm == 600
    # the probe's answer teaches the limit before its end lets the other worker go: no request
    # leaves unpaced between the two
    assert limiter.known_at_finish[0] == 600, limiter.known_at_finish
    pace = limiter.requests_per_second()  # 600 a minute at the safety share: 9.5 a second
    assert pace == pytest.approx(600 / 60 * 0.95)
    probe, *rest = sorted(fake.main_requests(), key=lambda r: r.started)
    taught = probe.answered  # the limit is learnt from this answer, so after this moment
    # From then on the limiter hands out slots 1/pace apart, the first at once. A request
    # reaches the fake at its slot or later, never earlier (a busy machine only delays it), so
    # on the fake's clock the j-th of the rest starts at least (j - 1) / pace after `taught`
    # (j from 1). Without the limiter two workers against an instant fake send the rest
    # within a few ms of each other. 1 ms a slot allows for the timer's rounding.
    after = [round(r.started - taught, 3) for r in rest]
    short = [(j, t) for j, t in enumerate(after, start=1) if t < (j - 1) / pace - 0.001 * j]
    assert short == [], (short, after)


def test_cache_hits_make_no_request_and_force_asks_again(tmp_path, fake):
    make_images(tmp_path, 5)
    store = open_project(tmp_path)
    first = BatchRunner(store, plan_for(fake)).run()
    assert first.succeeded == 5 and len(fake.main_requests()) == 5
    pending_before = store.suggestion_counts()["pending"]
    # by default images that already have suggestions are not asked again
    assert BatchRunner(store, plan_for(fake)).run().images == 0
    second = BatchRunner(store, plan_for(fake, scope="all")).run()
    assert second.cached == 5 and second.succeeded == 0
    assert second.cost_usd == 0 and second.input_tokens == 0
    assert len(fake.main_requests()) == 5  # nothing was sent
    assert store.suggestion_counts()["pending"] == pending_before  # no duplicates
    forced = BatchRunner(store, plan_for(fake, scope="all", force=True)).run()
    assert forced.succeeded == 5 and len(fake.main_requests()) == 10
    # a forced re-ask replaces the pending suggestions of the same question
    assert store.suggestion_counts()["pending"] == pending_before


def test_default_scope_skips_done_and_asked_images_and_all_asks_every_one(tmp_path, fake):
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    done = store.image_by_relpath("img0000.jpg").id
    store.set_review_state([done], "done")
    BatchRunner(store, plan_for(fake, limit=1)).run()  # asks about img0001 only
    asked = store.image_by_relpath("img0001.jpg").id
    assert len(fake.main_requests()) == 1 and store.suggestions(asked)
    rest = BatchRunner(store, plan_for(fake))
    names = [store.image(i).relpath for i in rest.plan.image_ids(store)]
    assert names == ["img0002.jpg", "img0003.jpg"]
    assert len(BatchRunner(store, plan_for(fake, scope="all")).plan.image_ids(store)) == 4


def test_same_model_asked_again_hides_duplicates_and_counts_them(tmp_path, fake):
    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    first = BatchRunner(store, plan_for(fake)).run()
    pending = store.suggestion_counts()["pending"]
    assert first.duplicates == 0 and pending > 0
    # another question (a different temperature) to the same model: same boxes come back
    again = BatchRunner(store, plan_for(fake, scope="all",
                                        settings=ProviderSettings(temperature=0.5))).run()
    assert again.succeeded == 2 and again.duplicates == pending
    assert again.as_json()["duplicates"] == pending
    assert store.suggestion_counts()["pending"] == pending  # nothing new to review
    assert store.scalar("SELECT sum(pending) FROM images") == pending


def test_identical_files_share_one_answer(tmp_path, fake):
    make_images(tmp_path, 2)
    (tmp_path / "copy.jpg").write_bytes((tmp_path / "img0000.jpg").read_bytes())
    store = open_project(tmp_path)
    summary = BatchRunner(store, plan_for(fake, concurrency=1)).run()
    assert len(fake.main_requests()) == 2
    assert summary.cached == 1 and summary.succeeded == 2
    copy = store.image_by_relpath("copy.jpg")
    assert len(store.suggestions(copy.id)) == 2


def test_manual_annotations_are_never_touched(tmp_path, fake):
    from glancelabel.core.model import Box

    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    image = store.image_by_relpath("img0000.jpg")
    car = store.label_by_name("car")
    store.add_box(image.id, car.id, Box(1, 1, 10, 10))
    before = [(a.id, a.box, a.label_id) for a in store.annotations(image.id)]
    BatchRunner(store, plan_for(fake)).run()
    assert [(a.id, a.box, a.label_id) for a in store.annotations(image.id)] == before
    only = BatchRunner(store, plan_for(fake, scope="unlabelled", force=True))
    assert only.plan.image_ids(store) == []


def test_invalid_answer_gets_one_repair_attempt_then_fails_with_raw_text(tmp_path, fake):
    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    image = store.image_by_relpath("img0000.jpg")
    bad = fake.ok({"id": "m", "type": "message", "role": "assistant", "model": "m",
                   "content": [{"type": "text", "text": "I see a nice picture."}],
                   "stop_reason": "end_turn", "stop_sequence": None,
                   "usage": {"input_tokens": 10, "output_tokens": 5}})
    fake.responder = lambda req: bad if image_size_of(req) == (100, 80) else \
        fake.ok(__import__("fakes").anthropic_tool_message(CAR_ANSWER))
    summary = BatchRunner(store, plan_for(fake, concurrency=1)).run()
    assert summary.failed == 1 and summary.succeeded == 1
    asked = [image_size_of(r) for r in fake.main_requests()]
    assert asked.count((100, 80)) == 2  # the answer and one repair attempt
    job = store.failed_jobs(summary.run_id)[0]
    assert job.image_id == image.id
    assert "I see a nice picture." in job.raw and job.error
    assert summary.input_tokens == 10 * 2 + 1200  # both attempts are counted


def test_server_errors_retry_and_non_retryable_fail_with_reason(tmp_path, fake):
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    fake.push(Reply(status=500, json={"type": "error", "error": {"type": "api_error",
                                                                  "message": "boom"}}))
    summary = BatchRunner(store, plan_for(fake, concurrency=1)).run()
    assert summary.succeeded == 3 and len(fake.main_requests()) == 4
    fake.push_error(400, "image too large")
    forced = BatchRunner(store, plan_for(fake, concurrency=1, force=True, scope="all")).run()
    assert forced.failed == 1 and forced.succeeded == 2
    failed = store.failed_jobs(forced.run_id)
    assert "image too large" in failed[0].error
    # retry: one flag/click puts it back in the queue; the next run sends only it
    assert store.retry_failed(forced.run_id) == 1
    n = len(fake.main_requests())
    again = BatchRunner(store, plan_for(fake, concurrency=1, force=True, scope="all")).run()
    assert again.run_id == forced.run_id and again.failed == 0
    assert len(fake.main_requests()) == n + 1


def test_resume_after_a_crash_resends_only_unfinished_jobs(tmp_path, fake):
    make_images(tmp_path, 6)
    store = open_project(tmp_path)
    runner = BatchRunner(store, plan_for(fake, concurrency=1))
    run_id = runner.prepare()
    jobs = store.jobs(run_id)
    # as if killed mid-run: two stored, one in flight
    runner.run_id = run_id
    for job in jobs[:2]:
        store.start_job(job.id)
        store.complete_job(job.id, job.image_id, [], state="done")
    store.start_job(jobs[2].id)
    again = BatchRunner(store, plan_for(fake, concurrency=2))
    assert again.prepare() == run_id
    summary = again.run()
    assert summary.succeeded == 6
    asked = {image_size_of(r) for r in fake.main_requests()}
    assert len(fake.main_requests()) == 4
    assert (100, 80) not in asked and (101, 80) not in asked and (102, 80) in asked


def test_pause_resume_and_cancel(tmp_path, fake):
    make_images(tmp_path, 10)
    store = open_project(tmp_path)
    fake.latency = 0.05
    first_done = threading.Event()
    runner = BatchRunner(store, plan_for(fake, concurrency=1),
                         on_result=lambda image_id, ids: first_done.set())
    runner.pause()
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("s", runner.run()))
    t.start()
    assert not first_done.wait(0.3)  # paused before the start: nothing is sent
    assert fake.main_requests() == []
    runner.resume()
    assert first_done.wait(10)
    runner.cancel()
    t.join(10)
    s = out["s"]
    assert s.state == "cancelled"
    assert 1 <= s.succeeded < 10
    counts = store.job_counts(s.run_id)
    assert counts["running"] == 0 and counts["queued"] == 10 - s.succeeded
    assert len(fake.main_requests()) == s.succeeded  # nothing half-written or lost
    rest = BatchRunner(store, plan_for(fake, concurrency=3)).run()
    assert rest.run_id == s.run_id and rest.succeeded == 10


def test_spending_cap_pauses_before_passing_it(tmp_path, fake):
    make_images(tmp_path, 8)
    store = open_project(tmp_path)
    plan = plan_for(fake, concurrency=1)
    runner = BatchRunner(store, plan, cap_action="stop")
    runner.prepare()
    per = runner._per_request
    assert per > 0
    runner.set_spending_cap(per * 3.5)
    s = runner.run()
    assert s.state == "capped" and "cap" in s.message
    assert 1 <= s.succeeded <= 3
    assert len(fake.main_requests()) == s.succeeded
    # the GUI way: pause at the cap, raise it, resume
    capped = threading.Event()
    gui = BatchRunner(store, plan_for(fake, concurrency=1),
                      on_progress=lambda p: p.state == "capped" and capped.set())
    gui.prepare()
    gui.set_spending_cap(store.run(gui.run_id).cost_usd + per * 1.5)
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("s", gui.run()))
    t.start()
    assert capped.wait(10) and gui.paused
    gui.set_spending_cap(None)
    gui.resume()
    t.join(10)
    assert out["s"].state == "finished" and store.job_counts(gui.run_id)["queued"] == 0


def test_openai_runner(tmp_path):
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    with FastOpenAI() as f:
        f.success_headers = {}
        f.default_answer = CAR_ANSWER
        s = BatchRunner(store, BatchPlan(provider="openai", base_url=f.base_url)).run()
        assert s.succeeded == 4 and len(f.main_requests()) == 4
        assert all(r.headers.get("x-stainless-retry-count") in (None, "0")
                   for r in f.main_requests())


def test_estimate_and_plan_problems(tmp_path, fake):
    make_images(tmp_path, 3, width=1000, height=1000)
    store = open_project(tmp_path)
    plan = plan_for(fake, model="claude-sonnet-4-5")
    est = plan.estimate(store)
    assert est.images == 3 and est.cached == 0
    # 1000x1000 is sent as 1000x1000 (under 1568 px... but over 1568 tokens: shrunk)
    assert est.input_tokens > 3 * 1000
    assert est.cost_usd == pytest.approx(
        (est.input_tokens * 3.0 + est.output_tokens * 15.0) / 1e6)
    assert est.batch_cost_usd == pytest.approx(est.cost_usd / 2)
    assert "Batch API" in est.text()
    assert BatchPlan(provider="nope").problems()
    assert BatchPlan(concurrency=0).problems()
    assert BatchPlan(scope="selection").problems() == ["No images are selected."]
    assert plan_for(fake, limit=2).image_ids(store) == store.image_ids()[:2]


def test_parse_reset_and_limiter_hold():
    assert parse_reset("1m30s") == 90
    assert parse_reset("120ms") == pytest.approx(0.12)
    clock = [100.0]
    lim = RateLimiter(rpm=60, clock=lambda: clock[0])
    assert lim.requests_per_second() == 1.0  # a setting is used as given
    hold = lim.rate_limited_for(500)
    assert hold == lim.max_backoff  # bounded
    assert lim.on_hold and lim.requests_per_second() < 1.0


def test_estimate_counts_one_image_right(tmp_path, fake):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    assert plan_for(fake).estimate(store).text().startswith("1 image; anthropic / ")
