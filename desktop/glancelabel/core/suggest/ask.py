"""Ask a provider about images and store what it says: the glue between providers and store.

`suggest_image` serves the I key (one image, in the background); the batch runner
(`batch.py`) and the Batch APIs (`batch_api.py`) reuse `SuggestContext`, `ask` and the
`store_*` functions so all three store answers the same way:

- the response cache key is image content hash + provider + model + prompt hash +
  parameters; a hit costs nothing, sends nothing and says so (`force` re-asks);
- each suggestion's class name is mapped to the project's class id, an unknown label is
  kept with no class and its raw text;
- suggestions, cache row, job state and run totals are committed in one transaction;
- manual annotations are never touched.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..app.settings import ProviderSettings
from ..errors import GlanceLabelError
from ..i18n import N_, Text, counted, said
from ..model import Box, ImageRecord, Kind
from ..providers.records import (
    CUT_OFF,
    ClassSpec,
    ProposedSuggestion,
    ProviderError,
    SuggestRequest,
    SuggestResult,
)
from ..store.jobs import CachedResponse, JobRow
from ..store.suggestions import NewSuggestion
from .examples import choose, prompt_examples

if TYPE_CHECKING:
    from ..providers.base import Provider
    from ..store import Store

log = logging.getLogger(__name__)

INSTRUCTIONS_META_KEY = "instructions"  # per-project prompt instructions (meta table)
MAX_WAIT = 60.0  # never wait longer than this for one retry-after


class InvalidAnswer(GlanceLabelError):
    """The model's answer was not valid even after one repair attempt."""

    def __init__(self, template: str, /, raw: str, usage: tuple[int, int, float],
                 **values: Any) -> None:
        super().__init__(template, **values)
        self.raw = raw
        self.usage = usage


@dataclass(frozen=True, slots=True)
class SuggestOutcome:
    """What asking about one image did; `message` is one sentence for the status bar. When
    asking failed or was cancelled, `error` is that sentence as an error of the family (an
    interface shows it translated)."""

    image_id: int
    suggestion_ids: list[int]
    cached: bool
    dropped: list[str]
    cost_usd: float
    message: str
    run_id: int | None = None
    failed: bool = False
    error_kind: str | None = None
    error: GlanceLabelError | None = None
    text: Text | None = None  # `message` as a marked template plus values (an interface translates it)


def hidden_note(duplicates: int) -> str:
    """'; 1 duplicate hidden' (what the image already held), or nothing."""
    return str(hidden_text(duplicates))


def hidden_text(duplicates: int) -> Text | str:
    """`hidden_note` as a marked template ("" when there is none)."""
    if not duplicates:
        return ""
    return counted(duplicates, N_("suggest", "; {count} duplicate hidden"),
                   N_("suggest", "; {count} duplicates hidden"))


# -- the question --------------------------------------------------------------------------
def make_provider(config: ProviderSettings) -> Provider:
    """The provider object for these settings (keys come from the keyring/environment)."""
    from ..providers import get_provider
    from ..providers.pricing import user_price_path

    if config.provider == "local":
        return get_provider("local", model_path=config.local_model_path or None)
    return get_provider(config.provider, base_url=config.base_url or None,
                        model=config.model or None,
                        api=config.openai_api if config.provider == "openai" else None,
                        price_path=user_price_path())


def _convention(value: str | None) -> str | None:
    return value if value and value not in ("auto", "default") else None


@dataclass
class SuggestContext:
    """One question asked of many images: provider, model, prompt and parameters."""

    provider: Provider
    provider_name: str
    model: str
    prompt_hash: str
    params: dict[str, Any]
    template: SuggestRequest
    folder: Path
    labels_by_name: dict[str, int] = field(default_factory=dict)

    def request_for(self, image: ImageRecord) -> SuggestRequest:
        size = (image.width, image.height) if image.width and image.height else None
        t = self.template
        return SuggestRequest(
            image_path=self.folder / image.relpath, classes=t.classes,
            instructions=t.instructions, model=t.model, orientation=image.orientation,
            oriented_size=size, box_convention=t.box_convention, max_side=t.max_side,
            timeout=t.timeout, max_retries=0, temperature=t.temperature,
            max_output_tokens=t.max_output_tokens, examples=t.examples)

    def cache_key(self, content_hash: str) -> str:
        blob = orjson.dumps({"content": content_hash, "provider": self.provider_name,
                             "model": self.model, "prompt": self.prompt_hash,
                             "params": self.params}, option=orjson.OPT_SORT_KEYS)
        return hashlib.sha256(blob).hexdigest()

    def label_id(self, name: str | None) -> int | None:
        if name is None:
            return None
        return self.labels_by_name.get(" ".join(name.split()).casefold())


def build_context(store: Store, config: ProviderSettings, *, provider: Provider | None = None,
                  classes: Sequence[str] | None = None) -> SuggestContext:
    """Resolve provider, model, prompt hash and parameters for questions about this project.

    `classes` limits the class list sent to the model (names; default all classes)."""
    provider = provider if provider is not None else make_provider(config)
    labels = store.labels()
    if classes:
        wanted = {" ".join(c.split()).casefold() for c in classes}
        unknown = wanted - {lab.name.casefold() for lab in labels}
        if unknown:
            raise ProviderError(N_("errors", "The project has no class named {name!r}."),
                                kind="config", name=sorted(unknown)[0])
        labels = [lab for lab in labels if lab.name.casefold() in wanted]
    specs = tuple(ClassSpec(lab.name, lab.description) for lab in labels)
    instructions = store.get_meta(INSTRUCTIONS_META_KEY, "") or ""
    template = SuggestRequest(
        image_path=Path("."), classes=specs, instructions=instructions,
        model=config.model or "", box_convention=_convention(config.box_convention),
        max_side=config.max_side or None, timeout=config.timeout, max_retries=0,
        temperature=config.temperature, examples=prompt_examples(store, choose(
            store, config.examples_per_class if provider.name != "local" else 0,
            [lab.name for lab in labels])))  # the offline engines take no prompt
    name = provider.name
    identity = provider.identity(template)
    model, phash = identity.model, identity.prompt_hash
    params = {"box_convention": template.box_convention, "max_side": template.max_side,
              "temperature": template.temperature,
              "max_output_tokens": template.max_output_tokens,
              "base_url": config.base_url or None}
    if template.examples:  # runs without examples keep their cache keys
        params["examples_per_class"] = config.examples_per_class
    params.update(identity.params)  # e.g. the API, when not the default (chat runs keep their keys)
    folder = store.folder
    if folder is None:
        raise ProviderError(N_("errors", "The project does not know its image folder."),
                            kind="config")
    return SuggestContext(provider=provider, provider_name=name, model=model,
                          prompt_hash=phash, params=params, template=template,
                          folder=Path(folder),
                          labels_by_name={lab.name.casefold(): lab.id for lab in labels})


def content_hash(store: Store, image: ImageRecord) -> str:
    """The image file's content hash (stored; computed again when the file changed)."""
    from ..folder.imaging import ImageProblem
    from ..folder.scan import ensure_content_hash

    folder = store.folder
    if folder is None:
        raise ProviderError(N_("errors", "The project does not know its image folder."),
                            kind="config")
    try:
        return ensure_content_hash(store, folder, image.id)
    except (ImageProblem, KeyError) as exc:
        reason = exc if isinstance(exc, ImageProblem) else str(exc) or "the file is missing"
        raise ProviderError(N_("errors", "The image {name} could not be read: {reason}."),
                            kind="image", name=image.relpath, reason=reason) from exc


def invalid_reason(result: SuggestResult) -> Text | None:
    """Why a result is not a usable answer, or None when it is."""
    if result.suggestions:
        return None
    if any(d.reason == CUT_OFF for d in result.dropped):  # its text is no refusal
        return said(N_("errors", "The answer was cut off at the output token limit before it "
                       "held a complete suggestion."))
    if result.refusal:
        return said(N_("errors", "The model did not answer with suggestions: {refusal}"),
                    refusal=result.refusal[:200])
    shape = [d for d in result.dropped if d.reason.startswith("the answer")]
    if shape:
        return said(N_("errors", "The answer did not follow the schema: {reason}."),
                    reason=shape[0].reason)
    return None


def usage_of(result: SuggestResult) -> tuple[int, int, float]:
    u = result.usage
    return (u.input_tokens + u.cache_read_tokens + u.cache_write_tokens, u.output_tokens,
            float(result.cost_usd or 0.0))


def add_usage(a: tuple[int, int, float], b: tuple[int, int, float]) -> tuple[int, int, float]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def ask(ctx: SuggestContext, request: SuggestRequest, *,
        call: Callable[[SuggestRequest], SuggestResult] | None = None
        ) -> tuple[SuggestResult, tuple[int, int, float]]:
    """One question with one repair attempt for an answer that is not valid.

    Returns the result and the usage of every attempt; raises `ProviderError` (from the
    provider) or `InvalidAnswer` (after the repair attempt failed too)."""
    call = call or ctx.provider.suggest
    result = call(request)
    usage = usage_of(result)
    why = invalid_reason(result)
    if why is None:
        return result, usage
    log.info("invalid answer for %s (%s); asking once more", request.image_path.name, why)
    second = call(request)
    usage = add_usage(usage, usage_of(second))
    why2 = invalid_reason(second)
    if why2 is None:
        return second, usage
    raise InvalidAnswer(why2.template, raw=second.raw_response or result.raw_response,
                        usage=usage, **why2.values)


# -- storing ---------------------------------------------------------------------------------
def _new(ctx: SuggestContext, s: ProposedSuggestion) -> NewSuggestion:
    return NewSuggestion(kind=s.kind, raw_label=s.raw_label, label_id=ctx.label_id(s.label),
                         box=s.box, text=s.text, confidence=s.confidence, rationale=s.rationale)


def _cached_items(ctx: SuggestContext, result: dict) -> list[NewSuggestion]:
    out = []
    for s in result.get("suggestions", []):
        box = Box(*s["box"]) if s.get("box") else None
        out.append(NewSuggestion(kind=Kind(s["kind"]), raw_label=s["raw_label"],
                                 label_id=ctx.label_id(s.get("label")), box=box,
                                 text=s.get("text"), confidence=s.get("confidence"),
                                 rationale=s.get("rationale", "")))
    return out


def result_record(result: SuggestResult) -> dict:
    """The cacheable form of a result: suggestions with class NAMES, and what was dropped."""
    return {
        "suggestions": [
            {"kind": str(s.kind), "raw_label": s.raw_label, "label": s.label,
             "box": s.box.as_list() if s.box else None, "text": s.text,
             "confidence": s.confidence, "rationale": s.rationale}
            for s in result.suggestions],
        "dropped": [f"{d.item}: {d.reason}" for d in result.dropped],
    }


def store_answer(store: Store, ctx: SuggestContext, job_id: int, image_id: int, key: str,
                 result: SuggestResult, usage: tuple[int, int, float], *,
                 force: bool = False) -> list[int]:
    """Store a fresh answer: suggestions + cache row + job done + run usage, one transaction."""
    record = result_record(result)
    response = CachedResponse(key, ctx.provider_name, result.model or ctx.model,
                              result.raw_response, record, usage[0], usage[1], usage[2])
    return store.complete_job(job_id, image_id, [_new(ctx, s) for s in result.suggestions],
                              state="done", response_key=key, response=response, usage=usage,
                              replace_pending_of_key=force)


def store_cached(store: Store, ctx: SuggestContext, job_id: int, image_id: int,
                 cached: CachedResponse) -> list[int]:
    """A cache hit: no request, no cost. The image gets the cached suggestions unless it
    already has them (from an earlier run of the same question)."""
    items = [] if store.image_has_answer(image_id, cached.key) else _cached_items(
        ctx, cached.result)
    return store.complete_job(job_id, image_id, items, state="cached", response_key=cached.key)


def interactive_run(store: Store, ctx: SuggestContext) -> int:
    """The run that collects I-key answers for this configuration (created once)."""
    run_id = store.latest_run(ctx.provider_name, ctx.model, ctx.prompt_hash, ctx.params,
                              "interactive")
    if run_id is None:
        run_id = store.create_run(ctx.provider_name, ctx.model, kind="interactive",
                                  prompt_hash=ctx.prompt_hash, params=ctx.params)
    return run_id


# -- the I key ---------------------------------------------------------------------------------
def suggest_image(store: Store, image_id: int, config: ProviderSettings, *,
                  cancel: threading.Event | None = None, force: bool = False,
                  provider: Provider | None = None) -> SuggestOutcome:
    """Ask the configured provider about one image and store the answer.

    Runs in a background thread. The answer is stored for `image_id` even when the user has
    moved on to another image; `cancel` stops it before the request is sent (or while it
    waits to retry), never after an answer arrived. Never raises for a provider problem:
    the outcome says what happened in one sentence."""
    image = store.image(image_id)
    if image is None:
        gone = GlanceLabelError(N_("errors", "That image is no longer in the project."))
        return SuggestOutcome(image_id, [], False, [], 0.0, gone.message, failed=True,
                              error_kind="config", error=gone)
    try:
        ctx = build_context(store, config, provider=provider)
        key = ctx.cache_key(content_hash(store, image))
    except ProviderError as exc:
        log.warning("suggest %s: %s", image.relpath, exc.message, exc_info=True)
        return SuggestOutcome(image_id, [], False, [], 0.0, exc.message, failed=True,
                              error_kind=exc.kind, error=exc)
    run_id = interactive_run(store, ctx)
    store.ensure_jobs(run_id, [image_id])
    job = store.job_for(run_id, image_id)
    assert job is not None  # just ensured
    name = image.relpath
    if not force:
        reused = _cached_outcome(store, ctx, job, image_id, name, key, run_id)
        if reused is not None:
            return reused
    if provider is None:
        from ..app.secrets import missing_key_problem, missing_key_text

        if missing_key_problem(config.provider):
            store.requeue_job(job.id)
            text = missing_key_text(config.provider)
            no_key = ProviderError(text.template, kind="auth", **text.values)
            return SuggestOutcome(image_id, [], False, [], 0.0, no_key.message, run_id=run_id,
                                  failed=True, error_kind="auth", error=no_key)
    attempts = max(0, config.max_retries) + 1
    for attempt in range(attempts):
        if cancel is not None and cancel.is_set():
            store.requeue_job(job.id)
            stopped = GlanceLabelError(N_("errors", "Asking about {name} was cancelled; nothing "
                                          "was sent."), name=name)
            return SuggestOutcome(image_id, [], False, [], 0.0, stopped.message, run_id=run_id,
                                  error_kind="cancelled", error=stopped)
        store.start_job(job.id)
        try:
            result, usage = ask(ctx, ctx.request_for(image))
        except InvalidAnswer as exc:
            store.fail_job(job.id, exc.message, exc.raw, usage=exc.usage)
            invalid = GlanceLabelError(N_("errors", "{name}: {reason}"), name=name, reason=exc)
            return SuggestOutcome(image_id, [], False, [], exc.usage[2], invalid.message,
                                  run_id=run_id, failed=True, error_kind="bad_response",
                                  error=invalid)
        except ProviderError as exc:
            log.warning("suggest %s: %r", name, exc)
            if exc.retryable and attempt + 1 < attempts:
                wait = min(MAX_WAIT, exc.retry_after if exc.retry_after is not None
                           else 2.0 ** attempt)
                store.requeue_job(job.id, exc.message)
                if cancel is not None and cancel.wait(wait):
                    continue  # reported as cancelled at the top of the loop
                if cancel is None:
                    threading.Event().wait(wait)
                continue
            store.fail_job(job.id, exc.message)
            return SuggestOutcome(image_id, [], False, [], 0.0, exc.message, run_id=run_id,
                                  failed=True, error_kind=exc.kind, error=exc)
        except Exception as exc:  # noqa: BLE001 - one sentence to the user, traceback to the log
            log.exception("suggest %s failed", name)
            store.fail_job(job.id, f"{type(exc).__name__}: {exc}")
            failure = GlanceLabelError(N_("errors", "Asking about {name} failed: {reason}"),
                                       name=name, reason=str(exc))
            return SuggestOutcome(image_id, [], False, [], 0.0, failure.message, run_id=run_id,
                                  failed=True, error_kind="error", error=failure)
        ids = store_answer(store, ctx, job.id, image_id, key, result, usage, force=force)
        return _answered(store, ctx, image_id, name, ids, result, usage[2], run_id)
    raise AssertionError("unreachable")  # pragma: no cover


def _answered(store: Store, ctx: SuggestContext, image_id: int, name: str, ids: list[int],
              result: SuggestResult, cost: float, run_id: int) -> SuggestOutcome:
    """What to say about a stored answer."""
    dropped = [f"{d.item}: {d.reason}" for d in result.dropped]
    duplicates = store.duplicates_among(ids)
    n = len(ids) - duplicates
    price = (said(N_("suggest", " (${cost})"), cost=f"{cost:.4f}") if result.cost_usd is not None
             else said(N_("suggest", " (no price known)")))
    gone = said(N_("suggest", "; {count} dropped"), count=len(dropped)) if dropped else ""
    text = counted(n, N_("suggest", "{count} suggestion for {image} from {model}{price}{dropped}{hidden}."),
                   N_("suggest", "{count} suggestions for {image} from {model}{price}{dropped}{hidden}."),
                   image=name, model=ctx.model, price=price, dropped=gone,
                   hidden=hidden_text(duplicates))
    return SuggestOutcome(image_id, ids, False, dropped, cost, str(text), run_id=run_id, text=text)


def _cached_outcome(store: Store, ctx: SuggestContext, job: JobRow, image_id: int, name: str, key: str,
                    run_id: int) -> SuggestOutcome | None:
    """The cached answer for this request reused (stored for the image unless it is there
    already); None when nothing is cached."""
    cached = store.cached_response(key)
    if cached is None:
        return None
    already = job.state in ("done", "cached") and job.response_key == key
    ids = [] if already else store_cached(store, ctx, job.id, image_id, cached)
    duplicates = store.duplicates_among(ids)
    n = len(ids) - duplicates
    what = (counted(n, N_("suggest", "{count} suggestion added{hidden}"),
                    N_("suggest", "{count} suggestions added{hidden}"), hidden=hidden_text(duplicates))
            if ids else said(N_("suggest", "its suggestions are already here")))
    text = said(N_("suggest", "Cached answer for {image} reused ({what}); no request was sent, nothing "
                   "paid."), image=name, what=what)
    return SuggestOutcome(image_id, ids, True, list(cached.result.get("dropped", [])), 0.0, str(text),
                          run_id=run_id, text=text)
