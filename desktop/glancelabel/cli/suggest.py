"""`suggest` (ask a model about images, concurrently, resumably) and `runs` (what was asked)."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.review.queue import plural
from . import CliError, Handler, add_folder, command, emit_json, open_project, say

if TYPE_CHECKING:
    from ..core.store import Store
    from ..core.suggest.runner import BatchPlan, BatchProgress, BatchRunner, BatchSummary

NOTHING_TO_ASK = ("No image to ask about: every image is done, excluded or has suggestions "
                  "already; add --all to ask about every image again.")


def add_provider_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument("--provider", required=required,
                        choices=("anthropic", "openai", "openai-compatible", "local"),
                        help="who answers (default: the one in settings)")
    parser.add_argument("--model", metavar="MODEL",
                        help="model id (default: the provider's default); with --provider local, "
                             "a local model of the project by name, or an ONNX file")
    parser.add_argument("--base-url", help="API base URL (any provider; e.g. a local server)")
    parser.add_argument("--class", dest="classes", action="append", default=[], metavar="NAME",
                        help="ask only for this class (repeatable; default: all classes)")


def add_scope_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--image", action="append", default=[], metavar="RELPATH",
                        help="only this image, relative to FOLDER (repeatable; default: the "
                             "images not done that have no suggestions yet)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--all", dest="all_images", action="store_true",
                       help="every image, done ones included (asks again about reviewed images)")
    which.add_argument("--only-unlabelled", action="store_true",
                       help="only images with neither annotations nor suggestions")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N images")
    parser.add_argument("--force", action="store_true",
                        help="ask again even when a cached answer exists (costs money)")
    parser.add_argument("--yes", "-y", action="store_true", help="start without asking")


def plan_from_args(args: argparse.Namespace, store: Store) -> BatchPlan:
    """A BatchPlan from settings overridden by the command line options."""
    from ..core.app import settings as settings_mod
    from ..core.suggest.runner import BatchPlan

    prefs = settings_mod.load().provider
    provider = args.provider or prefs.provider
    if provider != prefs.provider:  # settings of another provider do not apply
        prefs = settings_mod.ProviderSettings(provider=provider)
    plan = BatchPlan.from_settings(prefs)
    plan.provider = provider
    if args.model and provider == "local":
        plan.settings = replace(plan.settings, local_model_path=str(_local_model(store, args.model)))
    elif args.model:
        plan.model = args.model
    if args.base_url:
        plan.base_url = args.base_url
    api = getattr(args, "openai_api", None)
    if api:
        if provider != "openai":
            raise CliError("--openai-api applies to --provider openai only.")
        plan.settings = replace(plan.settings, openai_api=api)
    plan.classes = tuple(args.classes)
    plan.force = args.force
    if getattr(args, "limit", None) is not None:
        plan.limit = args.limit
    if args.image:
        ids = []
        for relpath in args.image:
            rel = relpath.replace("\\", "/")
            while rel.startswith("./"):
                rel = rel[2:]
            rec = store.image_by_relpath(rel)
            if rec is None:
                raise CliError(f"{relpath} is not an image of this folder.")
            ids.append(rec.id)
        plan.scope, plan.selection = "selection", tuple(ids)
    elif args.only_unlabelled:
        plan.scope = "unlabelled"
    else:
        plan.scope = "all" if args.all_images else "unasked"
    for name in ("concurrency", "rpm", "tpm"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(plan, name, value)
    if getattr(args, "max_cost", None) is not None:
        plan.spending_cap_usd = args.max_cost
    examples = getattr(args, "examples", None)
    if examples is not None:
        from ..core.suggest.examples import MAX_PER_CLASS

        if not 0 <= examples <= MAX_PER_CLASS:
            raise CliError(f"--examples must be between 0 and {MAX_PER_CLASS}.")
        plan.settings = replace(plan.settings, examples_per_class=examples)
    problems = plan.problems()
    if problems:
        raise CliError(problems[0])
    return plan


def _local_model(store: Store, value: str) -> Path:
    from ..core.suggest.local_model import LocalModelError, resolve_local_model

    try:
        return resolve_local_model(store, value)
    except LocalModelError as exc:
        raise CliError(exc.sentence) from exc


def confirm(args: argparse.Namespace, question: str) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError("Not started: add --yes to start without a question "
                       "(standard input is not a terminal).")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise CliError("Not started.", code=3)


def _provider_error(exc: Exception) -> CliError:
    from ..core.errors import sentence

    return CliError(sentence(exc))


@command("suggest")
def _suggest(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    add_provider_options(parser)
    parser.add_argument("--openai-api", choices=("chat", "responses"),
                        help="the API the openai provider uses: Chat Completions or the "
                             "Responses API (default: the one in settings, else chat)")
    add_scope_options(parser)
    parser.add_argument("--concurrency", type=int, metavar="N",
                        help="requests in flight at once (default 8)")
    parser.add_argument("--rpm", type=int, metavar="N",
                        help="requests per minute (default: learned from the provider)")
    parser.add_argument("--tpm", type=int, metavar="N", help="tokens per minute")
    parser.add_argument("--max-cost", type=float, metavar="USD",
                        help="stop before a request would take the run past this cost")
    parser.add_argument("--retry-failed", action="store_true",
                        help="send the images that failed in this run again")
    parser.add_argument("--examples", type=int, metavar="N",
                        help="send up to N reviewed examples per class with each question "
                             "(picked ones first, then accepted and corrected ones; never "
                             "spot-check or held-out images; 0: none; default: settings)")

    def run(args: argparse.Namespace) -> int:
        from ..core.providers.records import ProviderError
        from ..core.suggest.ask import hidden_note
        from ..core.suggest.runner import BatchRunner

        with open_project(args) as store:
            plan = plan_from_args(args, store)
            if not args.retry_failed and not plan.image_ids(store):
                say(NOTHING_TO_ASK if plan.scope == "unasked" else "No image is in scope.")
                if args.json:
                    emit_json({"images": 0, "succeeded": 0, "failed": 0, "cached": 0,
                               "duplicates": 0, "cost_usd": 0.0, "run": None,
                               "state": "nothing to ask"})
                return 0
            bar = _Bar()
            try:
                runner = BatchRunner(store, plan, cap_action="stop", on_progress=bar.update,
                                     run_kind="batch")
                ctx = runner.ctx
                resumed = store.find_open_run(ctx.provider_name, ctx.model, ctx.prompt_hash,
                                              ctx.params, "batch")
                run_id = runner.prepare() if resumed is not None else None  # else once confirmed
            except ProviderError as exc:
                raise _provider_error(exc) from exc
            _confirm_and_prepare(args, store, plan, runner, run_id)
            summary = _run_interruptibly(runner)
            bar.close()
        s = summary
        say(f"run {s.run_id}: {s.succeeded} answered, {s.cached} from the cache (free), "
            f"{s.failed} failed; {s.input_tokens:,} input / {s.output_tokens:,} output tokens, "
            f"${s.cost_usd:.4f}, {s.seconds:.1f} s{hidden_note(s.duplicates)}")
        if s.message and s.state != "finished":
            say(s.message)
        if args.json:
            emit_json(s.as_json())
        if s.failed:
            say(f"{plural(s.failed, 'image')} failed; see `glancelabel runs` and send "
                f"{'it' if s.failed == 1 else 'them'} again with "
                "--retry-failed.")
            return 1
        return 0 if s.state == "finished" else 1

    return run


def _confirm_and_prepare(args: argparse.Namespace, store: Store, plan: BatchPlan, runner: BatchRunner,
                         run_id: int | None) -> None:
    """Say what the run will cost (and what an open run it resumes did already), ask, then
    make the run when it is a new one (`run_id` None): one refused leaves none behind."""
    ctx = runner.ctx
    if args.retry_failed and run_id is not None:
        n = store.retry_failed(run_id)
        if n:
            say(f"{plural(n, 'failed image')} queued again.")
    ids = (list(plan.image_ids(store)) if run_id is None else
           [j.image_id for j in store.jobs(run_id, ["queued"])])
    est = plan.estimate(store, ids, ctx)
    if ctx.template.examples:
        from ..core.suggest.examples import choice_sentence, choose

        n = plan.settings.examples_per_class
        say(choice_sentence(choose(store, n, [c.name for c in ctx.template.classes]), n))
    say(est.text())
    if run_id is not None:
        counts = store.job_counts(run_id)
        if counts["done"] or counts["cached"] or counts["failed"]:
            say(f"run {run_id} resumed: {counts['done'] + counts['cached']} already "
                f"done, {counts['failed']} failed earlier, {counts['queued']} to go")
    if est.images:
        confirm(args, "Start?")
    if run_id is None:
        runner.prepare(ids)


def _run_interruptibly(runner: BatchRunner) -> BatchSummary:
    """Run in a thread so Ctrl+C cancels cleanly (requests in flight are stored)."""
    out: dict = {}

    def target() -> None:
        try:
            out["summary"] = runner.run()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            out["error"] = exc

    t = threading.Thread(target=target, name="suggest-run", daemon=True)
    t.start()
    try:
        while t.is_alive():
            t.join(0.2)
    except KeyboardInterrupt:
        say("cancelling: requests in flight finish and are stored…")
        runner.cancel()
        t.join()
    if "error" in out:
        raise out["error"]
    return out["summary"]


class _Bar:
    """A tqdm progress bar on a terminal; nothing otherwise."""

    def __init__(self) -> None:
        self._bar: Any = None  # a tqdm bar, made on the first update
        self._enabled = sys.stderr.isatty()
        self._last = 0

    def update(self, p: BatchProgress) -> None:
        if not self._enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=p.total, unit="img", file=sys.stderr, dynamic_ncols=True)
        finished = p.done + p.cached + p.failed
        self._bar.total = p.total
        self._bar.update(finished - self._last)
        self._last = finished
        self._bar.set_postfix_str(f"failed {p.failed}, ${p.cost_usd:.3f}"
                                  + (f", {p.state}" if p.state != "running" else ""))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


@command("runs")
def _runs(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)

    def run(args: argparse.Namespace) -> int:
        from ..core.training.records import mark_interrupted

        with open_project(args, rescan=False) as store:
            mark_interrupted(store)  # a training whose process is gone reads interrupted
            runs = store.run_summaries()
            batches = store.batches()
        for r in runs:
            when = datetime.fromtimestamp(r["created_at"]).strftime("%Y-%m-%d %H:%M")
            say(f"{r['id']:>4}  {when}  {r['provider']}/{r['model']} ({r['kind']}, {r['status']})"
                f"  {plural(r['images'], 'image')}: {r['succeeded']} answered, {r['cached']} cached, "
                f"{r['failed']} failed, {r['pending']} pending;  "
                f"{r['input_tokens']:,}/{r['output_tokens']:,} tokens  ${r['cost_usd']:.4f}")
        if not runs:
            say("no runs yet")
        if args.json:
            out = []
            for r in runs:
                r = dict(r)
                r["when"] = datetime.fromtimestamp(r["created_at"]).isoformat(timespec="seconds")
                r["cost_usd"] = round(r["cost_usd"], 6)
                r["batches"] = [b.id for b in batches if b.run_id == r["id"]]
                out.append(r)
            emit_json({"runs": out, "at": time.time()})
        return 0

    return run
