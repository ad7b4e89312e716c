"""Suggestions at scale: a Qt-free `BatchPlan` (what to ask, of which images, how fast,
at what cost) and the `BatchRunner` that carries it out.

The runner is plain Python: a pool of `concurrency` worker threads sharing one
`RateLimiter`, `threading.Event`s for pause/resume/cancel, and callbacks for progress and
results (the GUI turns them into signals; the CLI into a progress bar). Every job's state
lives in SQLite, so a killed run resumes where it stopped and re-sends only the jobs that
had not finished. A spending cap pauses (or stops) the run before a request would pass it.

The plan (`BatchPlan`, `Estimate`) lives in `plan` and `missing_key_problem` in `app.secrets`;
this module holds the runner and its progress and summary records, and re-exports them so callers
import everything from here.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..app.secrets import missing_key_problem
from ..heap import background_work, promote_young
from ..i18n import N_, Text, said
from ..model import ImageRecord
from ..providers.records import ProviderError
from ..store import worker_connections
from .ask import (
    InvalidAnswer,
    SuggestContext,
    ask,
    build_context,
    content_hash,
    store_answer,
    store_cached,
)
from .plan import (
    OUTPUT_TOKENS_PER_IMAGE,
    PROMPT_OVERHEAD_TOKENS,
    SCOPES,
    BatchPlan,
    Estimate,
)
from .ratelimit import RateLimiter

if TYPE_CHECKING:
    from ..providers.base import Provider
    from ..store import Store
    from ..store.jobs import JobRow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # per job, for retryable provider errors


# -- progress --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BatchProgress:
    run_id: int
    total: int
    done: int
    cached: int
    failed: int
    remaining: int
    in_flight: int
    images_per_minute: float
    eta_seconds: float | None
    input_tokens: int
    output_tokens: int
    cost_usd: float
    state: str  # running | paused | capped | cancelling | finished | cancelled
    message: str = ""
    rate_limited: int = 0
    text: Text | None = None  # `message` as a marked sentence, when the runner said it


@dataclass(frozen=True, slots=True)
class BatchSummary:
    run_id: int
    images: int
    succeeded: int
    failed: int
    cached: int
    input_tokens: int
    output_tokens: int
    cost_usd: float
    seconds: float
    state: str
    rate_limited: int = 0
    message: str = ""
    duplicates: int = 0  # new suggestions hidden as duplicates (still in the quality figures)

    def as_json(self) -> dict:
        return {"images": self.images, "succeeded": self.succeeded, "failed": self.failed,
                "cached": self.cached, "input_tokens": self.input_tokens,
                "output_tokens": self.output_tokens, "cost_usd": round(self.cost_usd, 6),
                "seconds": round(self.seconds, 3), "run": self.run_id, "state": self.state,
                "rate_limited": self.rate_limited, "duplicates": self.duplicates}


# -- the runner ------------------------------------------------------------------------------
class BatchRunner:
    """Carries out a plan. `prepare()` then `run()` (blocking; call it off the GUI thread);
    `pause()`, `resume()`, `cancel()`, `set_spending_cap()` from any thread."""

    def __init__(self, store: Store, plan: BatchPlan, *, provider: Provider | None = None,
                 on_progress: Callable[[BatchProgress], None] | None = None,
                 on_result: Callable[[int, list[int]], None] | None = None,
                 cap_action: str = "pause", limiter: RateLimiter | None = None,
                 max_attempts: int = MAX_ATTEMPTS, run_kind: str = "batch") -> None:
        problems = plan.problem_texts()
        if problems:
            raise ProviderError(problems[0].template, kind="config", **problems[0].values)
        self.store = store
        self.plan = plan
        self.on_progress = on_progress
        self.on_result = on_result
        self.cap_action = cap_action
        self.max_attempts = max_attempts
        self.run_kind = run_kind
        self.limiter = limiter or RateLimiter(plan.rpm, plan.tpm)
        self.ctx: SuggestContext = build_context(store, plan.provider_settings(),
                                                 provider=provider, classes=plan.classes)
        self.run_id: int | None = None
        self.estimate: Estimate | None = None
        self._resume = threading.Event()
        self._resume.set()
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._cap = plan.spending_cap_usd
        self._reserved = 0.0
        self._per_request = 0.0
        self._tokens_per_request = 0
        self._in_flight = 0
        self._state = "idle"
        self._said: Text | str = ""  # the state's sentence (str(): the message)
        self._counts = {"done": 0, "cached": 0, "failed": 0}
        self._total = 0
        self._first_sent: float | None = None
        self._settled = False  # the heap promoted after the first answer (see `_stored`)
        self._last_stored: float | None = None
        self._started = 0.0

    # -- control (any thread) ----------------------------------------------------------------
    def pause(self, message: Text | str | None = None) -> None:
        self._resume.clear()
        self._set_state("paused", said(N_("batch", "Paused.")) if message is None else message)

    def resume(self) -> None:
        self._set_state("running", "")
        self._resume.set()

    def cancel(self) -> None:
        self._cancel.set()
        self._resume.set()
        self._set_state("cancelling", said(N_("batch", "Cancelling: requests in flight finish "
                                              "and are stored.")))

    def set_spending_cap(self, usd: float | None) -> None:
        with self._lock:
            self._cap = usd

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _set_state(self, state: str, message: Text | str) -> None:
        with self._lock:
            self._state, self._said = state, message
        self._emit()

    def _text(self) -> Text | None:
        return self._said if isinstance(self._said, Text) else None

    # -- setting up --------------------------------------------------------------------------
    def prepare(self, image_ids: Sequence[int] | None = None) -> int:
        """Create (or resume) the run and queue a job per image in scope; returns the run id.
        Like `run`, it talks to the store on a connection of the calling thread's own."""
        with worker_connections():
            return self._prepare(image_ids)

    def _prepare(self, image_ids: Sequence[int] | None) -> int:
        ctx = self.ctx
        ids = list(self.plan.image_ids(self.store) if image_ids is None else image_ids)
        run_id = self.store.find_open_run(ctx.provider_name, ctx.model, ctx.prompt_hash,
                                          ctx.params, self.run_kind)
        if run_id is None:
            run_id = self.store.create_run(ctx.provider_name, ctx.model, kind=self.run_kind,
                                           prompt_hash=ctx.prompt_hash, params=ctx.params)
        else:
            log.info("resuming run %s", run_id)
        self.store.ensure_jobs(run_id, ids)
        self.store.requeue_running(run_id)
        self.run_id = run_id
        self.estimate = self.plan.estimate(self.store, ids, ctx)
        sendable = max(1, self.estimate.to_send)
        self._per_request = (self.estimate.cost_usd or 0.0) / sendable
        self._tokens_per_request = self.estimate.input_tokens // sendable
        return run_id

    # -- running -----------------------------------------------------------------------------
    def run(self) -> BatchSummary:
        """Send every queued job, `plan.concurrency` at a time, and return when they are done
        (or the run is cancelled). This thread and each request thread talk to the store on a
        connection of their own (`worker_connections`): a thread that waits for an answer or
        writes one never holds the connection the caller's other threads (a window's GUI
        thread) read on. Meanwhile garbage collections skip the objects made before (see
        core/heap.py): a full one would otherwise hold the GIL for 100-250 ms."""
        with worker_connections(), background_work():
            promote_young()  # the provider's client, just built, is long-lived too
            return self._run()

    def _run(self) -> BatchSummary:
        run_id = self.run_id if self.run_id is not None else self._prepare(None)
        store = self.store
        counts = store.job_counts(run_id)
        pending = store.jobs(run_id, ["queued"])
        self._total = sum(counts[s] for s in ("queued", "running", "done", "cached", "failed"))
        self._counts = {k: counts[k] for k in ("done", "cached", "failed")}
        images = store.images([j.image_id for j in pending])
        work: queue.SimpleQueue = queue.SimpleQueue()
        for j in pending:
            work.put(j)
        self._started = time.monotonic()
        store.set_run_status(run_id, "running")
        self._set_state("running", "")
        workers = [threading.Thread(target=self._worker, args=(work, images), daemon=True,
                                    name=f"batch-{run_id}-{n}")
                   for n in range(min(self.plan.concurrency, max(1, len(pending))))]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        store.requeue_running(run_id)
        counts = store.job_counts(run_id)
        left = counts["queued"] + counts["running"]
        if self._cancel.is_set() and left:
            state = "capped" if self._state == "capped" else "cancelled"
            store.set_run_status(run_id, "cancelled")
        else:
            state = "finished"
            # failed jobs keep the run open: `retry_failed` and a new start send them again
            store.set_run_status(run_id, "done" if not left and not counts["failed"] else "open")
        with self._lock:
            if state != "capped":
                self._said = (said(N_("batch", "Finished.")) if state == "finished"
                              else said(N_("batch", "Cancelled.")))
            self._state = state
        self._emit()
        run = store.run(run_id)
        assert run is not None  # a run is never deleted
        seconds = ((self._last_stored or 0.0) - self._first_sent) if self._first_sent else 0.0
        return BatchSummary(
            run_id=run_id, images=sum(counts[s] for s in counts), succeeded=counts["done"],
            failed=counts["failed"], cached=counts["cached"], input_tokens=run.input_tokens,
            output_tokens=run.output_tokens, cost_usd=run.cost_usd, seconds=max(0.0, seconds),
            state=state, rate_limited=self.limiter.rate_limited, message=str(self._said),
            duplicates=store.duplicate_count(run_id))

    def _worker(self, work: queue.SimpleQueue, images: dict[int, ImageRecord]) -> None:
        with worker_connections():
            self._work(work, images)

    def _work(self, work: queue.SimpleQueue, images: dict[int, ImageRecord]) -> None:
        while not self._cancel.is_set():
            self._resume.wait()
            if self._cancel.is_set():
                return
            try:
                job = work.get_nowait()
            except queue.Empty:
                return
            try:
                self._one(job, images[job.image_id], work)
            except Exception as exc:  # noqa: BLE001 - a bug must fail the job, not the run
                log.exception("job %s (%s) failed", job.id, job.relpath)
                self.store.fail_job(job.id, f"{type(exc).__name__}: {exc}")
                self._count("failed")

    def _reserve(self) -> bool:
        """Reserve the next request's estimated cost under the cap; False: the cap is hit."""
        with self._lock:
            if self._cap is None:
                return True
            run = self.store.run(self.run_id) if self.run_id is not None else None
            spent = run.cost_usd if run is not None else 0.0
            if spent + self._reserved + self._per_request > self._cap + 1e-12:
                return False
            self._reserved += self._per_request
            return True

    def _release(self) -> None:
        with self._lock:
            if self._cap is not None:
                self._reserved = max(0.0, self._reserved - self._per_request)

    def _cap_reached(self) -> None:
        cap = self._cap or 0.0
        msg = said(N_("batch", "Spending cap of ${cap} reached: the next request would pass it. "
                      "Raise the cap to go on."), cap=f"{cap:.2f}")
        if self.cap_action == "stop":
            self._cancel.set()
            with self._lock:
                self._state, self._said = "capped", msg
            self._emit()
        else:
            self._resume.clear()
            self._set_state("capped", msg)

    def _one(self, job: JobRow, image: ImageRecord, work: queue.SimpleQueue) -> None:
        store, ctx = self.store, self.ctx
        key = ctx.cache_key(content_hash(store, image))
        if not self.plan.force:
            cached = store.cached_response(key)
            if cached is not None:
                ids = store_cached(store, ctx, job.id, image.id, cached)
                self._stored("cached", image.id, ids)
                return
        if not self._reserve():
            work.put(job)
            self._cap_reached()
            return
        try:
            self._ask(job, image, key)
        finally:
            self._release()

    def _ask(self, job: JobRow, image: ImageRecord, key: str) -> None:
        store, ctx = self.store, self.ctx
        request = ctx.request_for(image)
        for attempt in range(1, self.max_attempts + 1):
            if not self.limiter.acquire(self._tokens_per_request, self._cancel):
                store.requeue_job(job.id)
                return
            store.start_job(job.id)
            with self._lock:
                self._in_flight += 1
                if self._first_sent is None:
                    self._first_sent = time.monotonic()
            try:
                result, usage = ask(ctx, request)
                # learnt before `finished` lets the other workers go, so none leaves unpaced
                self.limiter.learn(result.rate_limits)
            except InvalidAnswer as exc:
                store.fail_job(job.id, exc.message, exc.raw, usage=exc.usage)
                self._count("failed")
                return
            except ProviderError as exc:
                self.limiter.learn(exc.rate_limits)
                if exc.kind == "rate_limit":
                    hold = self.limiter.rate_limited_for(exc.retry_after)
                    log.info("429 for %s; the run holds %.1f s", job.relpath, hold)
                elif exc.retryable:
                    self.limiter.overloaded_for(exc.retry_after, attempt)
                if exc.retryable and attempt < self.max_attempts and not self._cancel.is_set():
                    store.requeue_job(job.id, exc.message)
                    continue
                store.fail_job(job.id, exc.message)
                self._count("failed")
                return
            finally:
                self.limiter.finished()
                with self._lock:
                    self._in_flight -= 1
            self.limiter.success()
            self.limiter.settle(self._tokens_per_request, usage[0])
            ids = store_answer(store, ctx, job.id, image.id, key, result, usage,
                               force=self.plan.force)
            self._stored("done", image.id, ids)
            return
        store.requeue_job(job.id)  # pragma: no cover - the loop always returns

    def _count(self, what: str) -> None:
        with self._lock:
            self._counts[what] += 1
            self._last_stored = time.monotonic()
        self._emit()

    def _stored(self, what: str, image_id: int, ids: list[int]) -> None:
        if not self._settled:  # the first answer made the SDK build its response types: they
            self._settled = True  # are long-lived, so later collections skip them too
            promote_young()
        self._count(what)
        if self.on_result is not None:
            self.on_result(image_id, ids)

    # -- progress -----------------------------------------------------------------------------
    def progress(self) -> BatchProgress:
        run = self.store.run(self.run_id) if self.run_id is not None else None
        with self._lock:
            c = dict(self._counts)
            finished = c["done"] + c["failed"]
            elapsed = time.monotonic() - (self._first_sent or time.monotonic())
            remaining = max(0, self._total - c["done"] - c["failed"] - c["cached"])
            # no rate from the first half second's few answers, but one for a run over by then
            measured = elapsed > 0.5 or (not remaining and elapsed > 0)
            ipm = finished / elapsed * 60.0 if measured and finished else 0.0
            eta = remaining / (ipm / 60.0) if ipm else None
            return BatchProgress(
                run_id=self.run_id or 0, total=self._total, done=c["done"], cached=c["cached"],
                failed=c["failed"], remaining=remaining, in_flight=self._in_flight,
                images_per_minute=ipm, eta_seconds=eta if eta is None else math.ceil(eta),
                input_tokens=run.input_tokens if run else 0,
                output_tokens=run.output_tokens if run else 0,
                cost_usd=run.cost_usd if run else 0.0, state=self._state,
                message=str(self._said), rate_limited=self.limiter.rate_limited,
                text=self._text())

    def _emit(self) -> None:
        if self.on_progress is not None and self.run_id is not None:
            try:
                self.on_progress(self.progress())
            except Exception:  # noqa: BLE001 - a broken listener must not stop the run
                log.exception("progress callback failed")


__all__ = [
    # the plan (batch_plan)
    "SCOPES", "OUTPUT_TOKENS_PER_IMAGE", "PROMPT_OVERHEAD_TOKENS", "Estimate",
    "missing_key_problem", "BatchPlan",
    # the runner
    "MAX_ATTEMPTS", "BatchProgress", "BatchSummary", "BatchRunner",
]
