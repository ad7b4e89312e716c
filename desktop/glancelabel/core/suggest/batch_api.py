"""The providers' Batch APIs: half the price, answers within 24 hours.

`submit` builds one request per queued job (the same body the provider sends
interactively), splits them at the provider's size limits, sends each part and records the
batch ids in the project (`batches` table; each job becomes `submitted`). `refresh` polls
the status; `collect` reads the results into suggestions — also days later, after the app
was closed: everything needed lives in the project. Results whose `custom_id` is not one
this project sent in that batch are refused. Errored and cancelled requests become failed
jobs with the reason, retryable with `retry_failed` and a new submit.

Expired requests (the provider did not get to them within 24 hours: Anthropic's result type
"expired", OpenAI's error code "batch_expired", or an OpenAI batch that ended "expired"
without a result for them) are sent again by `collect`, through `submit`, as a new batch
of the same run, so cache hits and the rules of `submit` apply to them too. The new batch's
`detail["resent"]` maps each resent request to the batch it expired in; a request of that
map that expires again becomes a failed job ("expired twice"), never sent a third time.
When the new batch cannot be created, the expired jobs stay `queued` with the reason (the
next submit sends them) and the batch's other results are stored all the same.

Anthropic Message Batches: POST /v1/messages/batches, results from the batch's absolute
`results_url`. OpenAI Batch API: a JSONL file (POST /v1/files), POST /v1/batches, output
file content. OpenAI-compatible servers and the offline engines have no Batch API.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import orjson

from ..app.settings import ProviderSettings
from ..i18n import N_, Text, counted, said
from ..providers.base import BatchProvider, Provider
from ..providers.records import ProviderError
from .ask import (
    SuggestContext,
    build_context,
    content_hash,
    hidden_text,
    invalid_reason,
    store_answer,
    store_cached,
    usage_of,
)
from .batch_transports import BatchApiError as BatchApiError  # re-exported: callers catch it here
from .batch_transports import sdk_call as _sdk_call
from .batch_transports import transport as _transport
from .runner import BatchPlan

if TYPE_CHECKING:
    from ..store import Store
    from ..store.jobs import BatchRow

log = logging.getLogger(__name__)

SUPPORTED = ("anthropic", "openai")
# (requests, bytes) per batch, a little under the providers' published limits
LIMITS = {"anthropic": (100_000, 250 * 1024 * 1024), "openai": (50_000, 190 * 1024 * 1024)}
RUN_KIND = "batch-api"
EXPIRED_TWICE = ("The batch request expired twice in the Batch API; resend it with "
                 "--retry-failed or ask interactively.")


@dataclass(frozen=True, slots=True)
class BatchStatus:
    id: int  # row id in the project
    run_id: int
    provider: str
    remote_id: str
    status: str  # the provider's own word
    ready: bool  # results can be collected
    requests: int
    counts: dict[str, int] = field(default_factory=dict)
    collected: bool = False

    def as_json(self) -> dict:
        return {"id": self.id, "run": self.run_id, "provider": self.provider,
                "remote_id": self.remote_id, "status": self.status, "ready": self.ready,
                "requests": self.requests, "counts": self.counts, "collected": self.collected}


@dataclass
class CollectReport:
    batch_id: int
    stored: int = 0  # jobs whose answer was stored
    failed: int = 0  # errored, cancelled, expired twice, invalid or missing
    refused: int = 0  # results with a custom_id this batch did not send
    skipped: int = 0  # results for jobs already finished (never stored twice)
    suggestions: int = 0
    duplicates: int = 0  # of those, hidden as duplicates
    resent: int = 0  # expired requests sent again in a new batch
    resent_batches: list[int] = field(default_factory=list)  # their batch row ids
    problems: list[str] = field(default_factory=list)  # in English (the CLI, --json)
    problem_texts: list[Text] = field(default_factory=list)  # the same, as marked sentences

    def add_problem(self, text: Text) -> None:
        self.problem_texts.append(text)
        self.problems.append(str(text))

    def as_json(self) -> dict:
        return {"batch": self.batch_id, "stored": self.stored, "failed": self.failed,
                "refused": self.refused, "skipped": self.skipped,
                "suggestions": self.suggestions, "duplicates": self.duplicates,
                "resent": self.resent,
                "resent_batches": self.resent_batches, "problems": self.problems[:20]}

    def text(self) -> str:
        """One line for the CLI and the batch panel (in English)."""
        return str(self.as_text())

    def as_text(self) -> Text:
        """The line as a marked sentence (context batch)."""
        resent: Text | str = ""
        if self.resent:
            resent = counted(self.resent,
                             N_("batch", "; {count} expired request was sent again (batch {ids})"),
                             N_("batch", "; {count} expired requests were sent again (batch "
                                "{ids})"), ids=", ".join(str(b) for b in self.resent_batches))
        return said(
            N_("batch", "batch {batch}: {answers} ({suggestions}{hidden}), {failed} failed, "
               "{refused} refused, {skipped} already stored{resent}"),
            batch=self.batch_id,
            answers=counted(self.stored, N_("batch", "{count} answer stored"),
                            N_("batch", "{count} answers stored")),
            suggestions=counted(self.suggestions, N_("batch", "{count} suggestion"),
                                N_("batch", "{count} suggestions")),
            hidden=hidden_text(self.duplicates), failed=self.failed, refused=self.refused,
            skipped=self.skipped, resent=resent)


# -- submit ----------------------------------------------------------------------------------
def _chunks(items: list[tuple[str, dict, int]], max_requests: int, max_bytes: int
            ) -> Iterator[list[tuple[str, dict, int]]]:
    part: list[tuple[str, dict, int]] = []
    size = 0
    for item in items:
        if part and (len(part) >= max_requests or size + item[2] > max_bytes):
            yield part
            part, size = [], 0
        part.append(item)
        size += item[2]
    if part:
        yield part


def submit(store: Store, plan: BatchPlan, *, provider: Provider | None = None,
           image_ids: Sequence[int] | None = None,
           limits: tuple[int, int] | None = None, run_id: int | None = None,
           resent: Mapping[int, int] | None = None) -> tuple[int, list[int], int]:
    """Send the plan's queued jobs to the provider's Batch API.

    `image_ids`: only the queued jobs of these images (default: the plan's scope and
    whatever the run still has queued). `run_id`: send them as batches of this run (default:
    the open run of the same configuration, else a new one). `resent`: job id → batch row id
    it expired in, for the jobs `collect` sends again (recorded in the new batch's detail).

    Returns (run id, new batch row ids, cache hits stored without a request)."""
    if plan.provider not in SUPPORTED:
        raise BatchApiError(N_("errors", "{provider} has no Batch API; use anthropic or openai."),
                            provider=plan.provider)
    settings = plan.provider_settings()
    if plan.provider == "openai":
        # The Batch API takes Chat Completions lines only: an openai provider set to the
        # Responses API sends its batches (and records its runs) as chat.
        settings = replace(settings, openai_api="chat")
        if isinstance(provider, BatchProvider):
            provider = provider.for_batch()
    ctx = build_context(store, settings, provider=provider, classes=plan.classes)
    transport = _transport(ctx.provider)
    ids = list(plan.image_ids(store) if image_ids is None else image_ids)
    if run_id is None:
        run_id = store.find_open_run(ctx.provider_name, ctx.model, ctx.prompt_hash,
                                     ctx.params, RUN_KIND)
    if run_id is None:
        run_id = store.create_run(ctx.provider_name, ctx.model, kind=RUN_KIND,
                                  prompt_hash=ctx.prompt_hash, params=ctx.params)
    store.ensure_jobs(run_id, ids)
    store.requeue_running(run_id)
    jobs = store.jobs(run_id, ["queued"])
    if image_ids is not None:
        wanted = set(ids)
        jobs = [j for j in jobs if j.image_id in wanted]
    images = store.images([j.image_id for j in jobs])
    items: list[tuple[str, dict, int]] = []
    meta: dict[str, list] = {}
    cached = 0
    for job in jobs:
        image = images[job.image_id]
        try:
            key = ctx.cache_key(content_hash(store, image))
            hit = None if plan.force else store.cached_response(key)
            if hit is not None:
                store_cached(store, ctx, job.id, image.id, hit)
                cached += 1
                continue
            built = transport.provider.build(ctx.request_for(image))
        except ProviderError as exc:
            store.fail_job(job.id, exc.message)
            continue
        cid = f"job-{job.id}"
        body = built.params
        items.append((cid, body, len(orjson.dumps(body)) + 100))
        meta[cid] = [job.id, image.id, key, *built.image.sent_size]
    max_requests, max_bytes = limits or LIMITS[ctx.provider_name]
    batch_ids = []
    for part in _chunks(items, max_requests, max_bytes):
        remote_id = _sdk_call(transport.create, [(cid, body) for cid, body, _ in part],
                              what=said(N_("errors", "create the batch")))
        detail: dict[str, Any] = {"jobs": {cid: meta[cid] for cid, _, _ in part},
                  "classes": [c.name for c in ctx.template.classes], "status": "submitted"}
        if plan.force:
            detail["force"] = True  # a resend of its expired requests skips the cache too
        again = {cid: resent[meta[cid][0]] for cid, _, _ in part
                 if resent and meta[cid][0] in resent}
        if again:
            detail["resent"] = again
        batch_ids.append(store.add_batch(run_id, ctx.provider_name, remote_id,
                                         [meta[cid][0] for cid, _, _ in part], detail))
        log.info("submitted batch %s (%d requests) for run %s", remote_id, len(part), run_id)
    if not store.job_counts(run_id)["queued"] and not store.job_counts(run_id)["submitted"]:
        store.set_run_status(run_id, "done")
    return run_id, batch_ids, cached


# -- status, collect, cancel ----------------------------------------------------------------------
def _run_settings(store: Store, run_id: int, classes: Sequence[str]
                  ) -> tuple[ProviderSettings, list[str]]:
    """A run's provider settings, and those of its batch's classes the project still has."""
    run = store.run(run_id)
    if run is None:
        raise BatchApiError(N_("errors", "The project has no run {run}."), run=run_id)
    p = run.params or {}
    temperature = p.get("temperature")
    cfg = ProviderSettings(provider=run.provider, model=run.model,
                           base_url=p.get("base_url") or "",
                           box_convention=p.get("box_convention") or "",
                           max_side=p.get("max_side") or 0,
                           temperature=temperature if temperature is not None else 0.0)
    known = {lab.name.casefold() for lab in store.labels()}
    return cfg, [c for c in classes if c.casefold() in known]


def _context_for(store: Store, run_id: int, classes: Sequence[str], provider: Provider | None = None
                 ) -> SuggestContext:
    cfg, keep = _run_settings(store, run_id, classes)
    return build_context(store, cfg, provider=provider, classes=keep or None)


def _select(store: Store, batch_id: int | None, open_only: bool = True) -> list:
    if batch_id is not None:
        row = store.batch(batch_id)
        if row is None:
            raise BatchApiError(N_("errors", "The project has no batch {batch}."), batch=batch_id)
        return [row]
    return store.batches(open_only=open_only)


def refresh(store: Store, batch_id: int | None = None, *, provider: Provider | None = None) -> list[BatchStatus]:
    """Ask the provider how each open batch (or the one given) is doing."""
    out = []
    for row in _select(store, batch_id, open_only=False):
        if row.collected_at is not None or row.status in ("cancelled", "failed"):
            out.append(_status(row, row.status, False, {}, row.collected_at is not None))
            continue
        ctx = _context_for(store, row.run_id, row.detail.get("classes", []), provider)
        status, ready, counts = _sdk_call(_transport(ctx.provider).retrieve, row.remote_id,
                                          what=said(N_("errors", "report the batch status")))
        store.update_batch(row.id, status)
        out.append(_status(row, status, ready, counts, False))
    return out


def _status(row: BatchRow, status: str, ready: bool, counts: dict, collected: bool
            ) -> BatchStatus:
    return BatchStatus(row.id, row.run_id, row.provider, row.remote_id, status, ready,
                       row.request_count, counts, collected)


def collect(store: Store, batch_id: int | None = None, *, provider: Provider | None = None
            ) -> list[CollectReport]:
    """Store the results of every ended batch (or the one given); others are left alone.
    Expired requests are sent again once, as a new batch of the same run."""
    reports = []
    for row in _select(store, batch_id):
        if row.collected_at is not None:
            continue
        ctx = _context_for(store, row.run_id, row.detail.get("classes", []), provider)
        transport = _transport(ctx.provider)
        status, ready, _ = _sdk_call(transport.retrieve, row.remote_id,
                                     what=said(N_("errors", "report the batch status")))
        store.update_batch(row.id, status)
        if not ready:
            continue
        report = CollectReport(row.id)
        jobs_meta: dict[str, list] = row.detail.get("jobs", {})
        resent_before = row.detail.get("resent", {})
        expired: list[int] = []  # job ids to send again
        seen: set[str] = set()
        results = _sdk_call(lambda t=transport, r=row.remote_id: list(t.results(r)),
                            what=said(N_("errors", "send the batch results")))
        for cid, kind, payload in results:
            meta = jobs_meta.get(cid)
            if meta is None or cid in seen:
                report.refused += 1
                report.add_problem(
                    said(N_("batch", "refused a result for {id}: not a request of this batch"),
                         id=repr(cid)) if meta is None
                    else said(N_("batch", "duplicate result {id}"), id=repr(cid)))
                log.warning("batch %s: refused result custom_id=%r", row.remote_id, cid)
                continue
            seen.add(cid)
            job_id, image_id, key, sw, sh = meta
            job = store.job(job_id)
            if job is None or job.image_id != image_id or job.state != "submitted":
                report.skipped += 1
                continue
            if kind == "expired" and cid not in resent_before:
                expired.append(job_id)
                continue
            if kind != "succeeded":
                store.fail_job(job_id, EXPIRED_TWICE if kind == "expired"
                               else f"The batch request was {kind}: {payload}")
                report.failed += 1
                continue
            _store_result(store, ctx, transport, job_id, image_id, key, (sw, sh), payload, report)
        for cid, meta in jobs_meta.items():
            if cid not in seen:
                job = store.job(meta[0])
                if job is None or job.state != "submitted":
                    continue
                if status == "expired" and cid not in resent_before:
                    expired.append(job.id)
                    continue
                store.fail_job(job.id, EXPIRED_TWICE if status == "expired" else
                               f"The batch ended ({status}) without a result for this image.")
                report.failed += 1
        if expired:  # queued before the batch counts as collected: a crash loses nothing
            store.set_jobs_state(expired, "queued", "The batch request expired; it is sent "
                                 "again.")
        store.update_batch(row.id, status, collected=True)
        if expired:
            _resend(store, row, expired, report, provider)
        counts = store.job_counts(row.run_id)
        if not counts["queued"] and not counts["submitted"] and not counts["running"]:
            store.set_run_status(row.run_id, "done")
        reports.append(report)
    return reports


def _store_result(store: Store, ctx: SuggestContext, transport: Any, job_id: int, image_id: int,
                  key: str, sent: tuple[int, int], payload: Any, report: CollectReport) -> None:
    """One succeeded request's answer checked and stored (or its job failed, saying why)."""
    image = store.image(image_id)
    if image is None:  # (its jobs keep an image in the project)
        report.skipped += 1
        return
    try:
        request = ctx.request_for(image)
        displayed = (image.width, image.height) if image.width and image.height else sent
        result = transport.provider.finish_batch(
            request, transport.answer(transport.provider, payload), sent_size=sent,
            displayed_size=displayed)
    except ProviderError as exc:
        store.fail_job(job_id, exc.message, orjson.dumps(payload).decode()[:20000])
        report.failed += 1
        return
    usage = usage_of(result)
    why = invalid_reason(result)
    if why is not None:
        store.fail_job(job_id, str(why), result.raw_response, usage=usage)
        report.failed += 1
        return
    ids = store_answer(store, ctx, job_id, image_id, key, result, usage)
    report.stored += 1
    report.suggestions += len(ids)
    report.duplicates += store.duplicates_among(ids)


def _resend(store: Store, row: BatchRow, job_ids: list[int], report: CollectReport,
            provider: Provider | None) -> None:
    """Send a collected batch's expired (now queued) jobs again, as a new batch of its run."""
    cfg, classes = _run_settings(store, row.run_id, row.detail.get("classes", []))
    plan = BatchPlan.from_settings(cfg, classes=tuple(classes),
                                   force=bool(row.detail.get("force")))
    image_ids = [j.image_id for j in map(store.job, job_ids) if j is not None]
    try:
        _, _, cached = submit(store, plan, provider=provider, image_ids=image_ids,
                              run_id=row.run_id, resent=dict.fromkeys(job_ids, row.id))
        report.stored += cached
    except (BatchApiError, ProviderError) as exc:
        why = exc.sentence.rstrip(".")
        wanted = set(job_ids)
        left = [j.id for j in store.jobs(row.run_id, ["queued"]) if j.id in wanted]
        store.set_jobs_state(left, "queued", f"The batch request expired and could not be "
                             f"sent again ({why}); the next batch submit sends it.")
        report.add_problem(counted(
            len(left), N_("batch", "{count} expired request could not be sent again ({reason}); "
                                   "it stays queued and the next `glancelabel batch submit` "
                                   "sends it."),
            N_("batch", "{count} expired requests could not be sent again ({reason}); they stay "
                        "queued and the next `glancelabel batch submit` sends them."),
            reason=why))
        log.warning("batch %s: resending %d expired requests failed: %s", row.remote_id,
                    len(left), why)
    for b in store.batches(row.run_id):
        n = sum(1 for origin in b.detail.get("resent", {}).values() if origin == row.id)
        if n:
            report.resent_batches.append(b.id)
            report.resent += n


def cancel(store: Store, batch_id: int | None = None, *, provider: Provider | None = None) -> list[BatchStatus]:
    """Ask the provider to cancel open batches; their unanswered requests come back as
    cancelled at collection and become retryable failed jobs."""
    out = []
    for row in _select(store, batch_id):
        if row.collected_at is not None:
            continue
        ctx = _context_for(store, row.run_id, row.detail.get("classes", []), provider)
        status = _sdk_call(_transport(ctx.provider).cancel, row.remote_id,
                           what=said(N_("errors", "cancel the batch")))
        store.update_batch(row.id, status)
        out.append(_status(row, status, False, {}, False))
    return out
