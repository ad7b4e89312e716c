"""`batch submit|status|collect|cancel`: the providers' Batch APIs (half price, within 24 h)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..core.review.queue import plural
from . import CliError, Handler, add_folder, command, emit_json, open_project, say
from .suggest import (
    NOTHING_TO_ASK,
    add_provider_options,
    add_scope_options,
    confirm,
    plan_from_args,
)

if TYPE_CHECKING:
    from ..core.store import Store

ACTIONS = ("submit", "status", "collect", "cancel")


@command("batch")
def _batch(parser: argparse.ArgumentParser) -> Handler:
    parser.add_argument("action", choices=ACTIONS, help="what to do with provider batches")
    add_folder(parser)
    add_provider_options(parser)
    add_scope_options(parser)
    parser.add_argument("--batch", type=int, metavar="ID",
                        help="only this batch (its id in `batch status`)")

    def run(args: argparse.Namespace) -> int:
        from ..core.providers.records import ProviderError
        from ..core.suggest import batch_api

        with open_project(args, rescan=args.action == "submit") as store:
            try:
                if args.action == "submit":
                    return _submit(args, store)
                if args.action == "status":
                    statuses = batch_api.refresh(store, args.batch)
                    for s in statuses:
                        counts = ", ".join(f"{k} {v}" for k, v in s.counts.items() if v)
                        say(f"batch {s.id} ({s.provider} {s.remote_id}, run {s.run_id}): "
                            f"{s.status}{' — collected' if s.collected else ''}"
                            f"{' — ready to collect' if s.ready else ''}"
                            f"; {plural(s.requests, 'request')}"
                            + (f" ({counts})" if counts else ""))
                    if not statuses:
                        say("no batches in this project")
                    if args.json:
                        emit_json({"batches": [s.as_json() for s in statuses]})
                    return 0
                if args.action == "collect":
                    reports = batch_api.collect(store, args.batch)
                    for r in reports:
                        say(r.text())
                        for p in r.problems:
                            say(f"  {p}")
                    if not reports:
                        say("no batch is ready to collect yet")
                    if args.json:
                        emit_json({"collected": [r.as_json() for r in reports],
                                   "stored": sum(r.stored for r in reports),
                                   "failed": sum(r.failed for r in reports),
                                   "refused": sum(r.refused for r in reports),
                                   "duplicates": sum(r.duplicates for r in reports),
                                   "resent": sum(r.resent for r in reports),
                                   "resent_batches": [b for r in reports
                                                      for b in r.resent_batches]})
                    return 1 if any(r.refused for r in reports) else 0
                statuses = batch_api.cancel(store, args.batch)
                for s in statuses:
                    say(f"batch {s.id}: {s.status}")
                if args.json:
                    emit_json({"batches": [s.as_json() for s in statuses]})
                return 0
            except batch_api.BatchApiError as exc:
                raise CliError(str(exc)) from exc
            except ProviderError as exc:
                raise CliError(exc.message) from exc

    return run


def _submit(args: argparse.Namespace, store: Store) -> int:
    from ..core.suggest import batch_api
    from ..core.suggest.ask import build_context

    if not args.provider:
        raise CliError("Name the provider: --provider anthropic or --provider openai.")
    if args.provider not in batch_api.SUPPORTED:
        raise CliError(f"{args.provider} has no Batch API; use anthropic or openai, or "
                       "`glancelabel suggest` to ask directly.")
    plan = plan_from_args(args, store)
    if not plan.image_ids(store):
        raise CliError(NOTHING_TO_ASK if plan.scope == "unasked" else "No image is in scope.")
    ctx = build_context(store, plan.provider_settings(), classes=plan.classes)
    est = plan.estimate(store, None, ctx)
    say(est.text())
    if est.to_send:
        confirm(args, "Submit to the Batch API?")
    run_id, batch_ids, cached = batch_api.submit(store, plan, provider=ctx.provider)
    requests = sum(row.request_count for row in map(store.batch, batch_ids) if row is not None)
    say(f"run {run_id}: {plural(requests, 'request')} in {plural(len(batch_ids), 'batch', 'batches')}"
        + (f", {cached} answered from the cache" if cached else "")
        + "; collect with `glancelabel batch collect`.")
    if args.json:
        emit_json({"run": run_id, "batches": batch_ids, "requests": requests, "cached": cached,
                   "estimated_cost_usd": est.batch_cost_usd})
    return 0
