"""What the network providers share: request resolution, preview, result assembly,
SDK error mapping and rate-limit headers. Provider modules add only the API call."""

from __future__ import annotations

import email.utils
import importlib
import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import GlanceLabelError
from ..heap import collector_paused
from ..i18n import N_
from .base import Identity
from .examples import prepare_examples
from .parsing import parse_response
from .prepare import PreparedImage, prepare_image
from .pricing import ModelInfo, PriceTable, load_price_table
from .prompt import PromptParts, build_prompt, prompt_hash, response_schema
from .records import (
    BoxConvention,
    Dropped,
    Preview,
    ProposedSuggestion,
    ProviderError,
    SuggestRequest,
    SuggestResult,
    Usage,
)

_RATE_PREFIXES = ("anthropic-ratelimit-", "x-ratelimit-")
_RATE_EXTRA = ("retry-after", "retry-after-ms")


def rate_limit_headers(headers: Any) -> dict[str, str]:
    """The rate-limit related headers of a response, lower-case names."""
    if headers is None:
        return {}
    out: dict[str, str] = {}
    for k, v in headers.items():
        name = k.lower()
        if name.startswith(_RATE_PREFIXES) or name in _RATE_EXTRA:
            out[name] = v
    return out


def parse_retry_after(headers: Any) -> float | None:
    """Seconds to wait, from `retry-after-ms` or `retry-after` (seconds or HTTP date)."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    ra = headers.get("retry-after")
    if not ra:
        return None
    try:
        return max(0.0, float(ra))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(ra)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _body_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return err["message"]
    return str(getattr(exc, "message", "") or exc)


def mid_sentence(title: str) -> str:
    """A provider's title, written to start a sentence ("The OpenAI-compatible server"), as it
    reads inside one ("the OpenAI-compatible server"); a name ("OpenAI") as it is."""
    return title[0].lower() + title[1:] if title.startswith(("The ", "A ")) else title


def map_sdk_error(exc: BaseException, sdk: Any, title: str) -> ProviderError:
    """One `ProviderError` for any exception raised by the anthropic or openai SDK."""
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc.__cause__, AnswerTooLarge):
        return ProviderError(N_("errors", "{provider} sent {what}; it was not read further."),
                             kind="bad_response", provider=title, what=exc.__cause__)
    if isinstance(exc, sdk.APITimeoutError):
        return ProviderError(N_("errors", "{provider} did not answer in time."), retryable=True,
                             kind="timeout", provider=title)
    if isinstance(exc, sdk.APIConnectionError):
        return ProviderError(N_("errors", "Could not connect to {provider}: {reason}."),
                             retryable=True, kind="connection", provider=mid_sentence(title),
                             reason=str(exc).rstrip(". "))
    if isinstance(exc, sdk.APIStatusError):
        status = exc.status_code
        headers = getattr(exc.response, "headers", None)
        limits = rate_limit_headers(headers)
        after = parse_retry_after(headers)
        detail = _body_message(exc)
        if status == 429:
            return ProviderError(N_("errors", "{provider} rate limit reached: {detail}"),
                                 retryable=True, retry_after=after, status=status,
                                 kind="rate_limit", rate_limits=limits, provider=title,
                                 detail=detail)
        if status == 529 or "overloaded" in detail.lower():
            return ProviderError(N_("errors", "{provider} is overloaded; try again later."),
                                 retryable=True, retry_after=after, status=status,
                                 kind="overloaded", rate_limits=limits, provider=title)
        if status >= 500:
            return ProviderError(N_("errors", "{provider} had a server error ({code}): {detail}"),
                                 retryable=True, retry_after=after, status=status,
                                 kind="server", rate_limits=limits, provider=title, code=status,
                                 detail=detail)
        if status in (408, 409):
            return ProviderError(N_("errors", "{provider} asked to try again ({code}): {detail}"),
                                 retryable=True, retry_after=after, status=status,
                                 kind="server", rate_limits=limits, provider=title, code=status,
                                 detail=detail)
        if status == 401:
            return ProviderError(N_("errors", "{provider} refused the API key: {detail}"),
                                 status=status, kind="auth", provider=title, detail=detail)
        if status == 403:
            return ProviderError(N_("errors", "{provider} denied permission: {detail}"),
                                 status=status, kind="auth", provider=title, detail=detail)
        if status == 404:
            return ProviderError(N_("errors", "{provider} does not know this model or endpoint: "
                                    "{detail}"), status=status, kind="not_found",
                                 provider=title, detail=detail)
        return ProviderError(N_("errors", "{provider} rejected the request ({code}): {detail}"),
                             status=status, kind="bad_request", provider=title, code=status,
                             detail=detail)
    if isinstance(exc, getattr(sdk, "APIResponseValidationError", ())):
        return ProviderError(N_("errors", "{provider} sent a response of an unexpected shape."),
                             kind="bad_response", provider=title)
    if isinstance(exc, ValueError):  # e.g. a 200 whose body is not JSON
        return ProviderError(N_("errors", "{provider} sent a response that is not valid JSON."),
                             kind="bad_response", provider=title)
    return ProviderError(N_("errors", "{provider} failed: {reason}"), kind="error",
                         provider=title, reason=str(exc))


MAX_ANSWER_BYTES = 8_000_000  # a 4096-token answer is ~20 kB; anything near this is not one
_GUARDED_PATHS = ("/messages", "/chat/completions", "/responses")


def _pair(size: tuple[int, int]) -> tuple[int, int]:
    """A size as a tuple (a request built from JSON may hold a list)."""
    w, h = size
    return w, h


class AnswerTooLarge(GlanceLabelError):
    pass


def import_sdk(name: str) -> Any:
    """A provider SDK's module (`anthropic`, `openai`), its first import run with no garbage
    collection (core/heap.collector_paused): that import builds thousands of long-lived types,
    and the collections it set off held the GIL for 25-50 ms each, stalling the window."""
    if name in sys.modules:
        return importlib.import_module(name)  # (waits for an import still going elsewhere)
    with collector_paused():
        return importlib.import_module(name)


_ssl_lock = threading.Lock()
_ssl_context: Any = None


def shared_ssl_context() -> Any:
    """The one certificate-verifying SSL context every provider client of this process uses
    (httpx's default, built once). Building one reads the system's certificate store, holding
    the GIL for 20-90 ms: a context per client, so per run, stalled the window that long at
    each run's start. An SSL context is safe to share between connections and threads."""
    global _ssl_context
    with _ssl_lock:
        if _ssl_context is None:
            import httpx2

            _ssl_context = httpx2.create_ssl_context()
        return _ssl_context


def guarded_http_client(timeout: float = 60.0) -> Any:
    """An httpx2 client for the SDKs whose answers to a model call are bounded: at most
    MAX_ANSWER_BYTES, and a whole answer within twice the read timeout (plus 1 s). httpx's own
    timeouts are per read, so a server trickling a byte a second would otherwise hold a request
    (and its worker thread) forever. Batch result downloads are not limited. It verifies
    certificates with `shared_ssl_context()`."""
    import httpx2

    class _Bounded(httpx2.SyncByteStream):
        def __init__(self, inner: Any, deadline: float, limit: int) -> None:
            self.inner, self.deadline, self.limit = inner, deadline, limit

        def __iter__(self) -> Iterator[bytes]:
            total = 0
            for chunk in self.inner:
                total += len(chunk)
                if total > self.limit:
                    raise AnswerTooLarge(N_("errors", "the answer is larger than {limit:,} bytes"),
                                         limit=self.limit)
                if time.monotonic() > self.deadline:
                    raise httpx2.ReadTimeout("the answer did not finish in time")
                yield chunk

        def close(self) -> None:
            self.inner.close()

    class _Transport(httpx2.HTTPTransport):
        def handle_request(self, request: Any) -> Any:
            started = time.monotonic()
            response = super().handle_request(request)
            if request.method != "POST" or not request.url.path.endswith(_GUARDED_PATHS):
                return response
            read = (request.extensions.get("timeout") or {}).get("read") or timeout
            return httpx2.Response(
                response.status_code, headers=response.headers, request=request,
                extensions=response.extensions,
                stream=_Bounded(response.stream, started + 2 * read + 1, MAX_ANSWER_BYTES))

    ssl_context = shared_ssl_context()
    return httpx2.Client(transport=_Transport(verify=ssl_context), verify=ssl_context,
                         timeout=timeout, follow_redirects=True)


@dataclass
class Answer:
    """What a provider's API call produced, before parsing."""

    content: str | dict | list | None
    usage: Usage
    headers: dict[str, str] = field(default_factory=dict)
    refusal: str | None = None
    notes: list[Dropped] = field(default_factory=list)
    model: str | None = None


@dataclass(frozen=True)
class Resolved:
    model: str
    info: ModelInfo
    convention: BoxConvention


class RemoteProvider:
    """Base of the network providers. Subclasses set `name`, `title` and `_call`."""

    name = "remote"
    title = "The provider"

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None,
                 model: str | None = None, prices: PriceTable | None = None,
                 price_path: str | None = None) -> None:
        self._api_key = api_key
        self.base_url = base_url
        self.model = model
        self.prices = prices or load_price_table(price_path)
        self._client_obj: Any = None
        self._lock = threading.Lock()

    # -- resolution and preview ----------------------------------------------------
    def resolve(self, request: SuggestRequest) -> Resolved:
        model = request.model or self.model or self.prices.default_model(self.name)
        if not model:
            raise ProviderError(N_("errors", "No model is set for {provider}."), kind="config",
                                provider=mid_sentence(self.title))
        info = self.prices.info(model, self.name)
        conv = BoxConvention(request.box_convention or info.box_convention)
        return Resolved(model, info, conv)

    def for_batch(self) -> RemoteProvider:
        """This provider as its Batch API takes requests (the same one, but for OpenAI's
        Responses API: the Batch API takes Chat Completions)."""
        return self

    def identity(self, request: SuggestRequest) -> Identity:
        resolved = self.resolve(request)
        return Identity(resolved.model,
                        prompt_hash(request.classes, request.instructions, resolved.convention,
                                    request.examples))

    def _prepare(self, request: SuggestRequest) -> tuple[Resolved, PreparedImage, PromptParts]:
        resolved = self.resolve(request)
        image = prepare_image(request.image_path, resolved.info.image_rule,
                              max_side=request.max_side, orientation=request.orientation)
        parts = build_prompt(request.classes, request.instructions, resolved.convention,
                             image.sent_size, prepare_examples(request.examples,
                                                               resolved.info.image_rule,
                                                               resolved.convention))
        return resolved, image, parts

    def preview(self, request: SuggestRequest) -> Preview:
        resolved, image, parts = self._prepare(request)
        return Preview(
            provider=self.name, model=resolved.model, system=parts.system,
            user_text=parts.user_text, image_bytes=image.data, media_type=image.media_type,
            sent_size=image.sent_size, displayed_size=self._displayed(request, image),
            box_convention=resolved.convention.value,
            schema=response_schema(resolved.convention),
            prompt_hash=prompt_hash(request.classes, request.instructions, resolved.convention,
                                    request.examples),
            estimated_image_tokens=image.estimated_tokens, examples=parts.examples)

    @staticmethod
    def _displayed(request: SuggestRequest, image: PreparedImage) -> tuple[int, int]:
        return _pair(request.oriented_size) if request.oriented_size else image.displayed_size

    # -- the call --------------------------------------------------------------------
    def build(self, request: SuggestRequest) -> Built:
        """Everything needed to send `request`: resolved model, image, prompt, API params.

        The batch runner and Batch API code reuse `build` and `finish` around their own
        transport; `suggest` is `finish(build(request), <one API call>)`.
        """
        resolved, image, parts = self._prepare(request)
        return Built(request, resolved, image, parts, self.params(request, resolved, image, parts))

    def params(self, request: SuggestRequest, resolved: Resolved, image: PreparedImage,
               parts: PromptParts) -> dict[str, Any]:
        raise NotImplementedError

    def _call(self, built: Built) -> Answer:
        raise NotImplementedError

    def suggest(self, request: SuggestRequest) -> SuggestResult:
        built = self.build(request)
        return self.finish(built, self._call(built))

    def finish(self, built: Built, answer: Answer, *, batch: bool = False) -> SuggestResult:
        """Parse and validate an answer into a result (boxes in the displayed frame)."""
        return self._result(built.request, built.resolved, built.image.sent_size,
                            self._displayed(built.request, built.image), answer, batch)

    def finish_batch(self, request: SuggestRequest, answer: Answer, *,
                     sent_size: tuple[int, int], displayed_size: tuple[int, int]
                     ) -> SuggestResult:
        """A Batch API answer to `request` as a result. The image was prepared (at
        `sent_size`) when the batch was submitted, so nothing is read or encoded again."""
        displayed = _pair(request.oriented_size) if request.oriented_size else displayed_size
        return self._result(request, self.resolve(request), sent_size, displayed, answer, True)

    def _result(self, request: SuggestRequest, resolved: Resolved, sent_size: tuple[int, int],
                displayed: tuple[int, int], answer: Answer, batch: bool) -> SuggestResult:
        notes = list(answer.notes)
        parsed_sugg: tuple[ProposedSuggestion, ...] = ()
        parsed_drop: tuple[Dropped, ...] = ()
        refusal: str | None
        if answer.content is None:
            refusal = answer.refusal or "(empty answer)"
            raw = answer.refusal or ""
        else:
            parsed = parse_response(answer.content, classes=request.classes,
                                    convention=resolved.convention,
                                    sent_size=sent_size, displayed_size=displayed)
            parsed_sugg, parsed_drop = parsed.suggestions, parsed.dropped
            refusal = answer.refusal or parsed.refusal
            raw = answer.content if isinstance(answer.content, str) else json.dumps(
                answer.content, ensure_ascii=False)
        return SuggestResult(
            suggestions=parsed_sugg, dropped=(*notes, *parsed_drop), usage=answer.usage,
            cost_usd=self.prices.cost(resolved.model, answer.usage, provider=self.name,
                                      batch=batch),
            raw_response=raw, provider=self.name, model=resolved.model,
            prompt_hash=prompt_hash(request.classes, request.instructions, resolved.convention,
                                    request.examples),
            refusal=refusal, rate_limits=answer.headers, sent_size=sent_size,
            displayed_size=displayed, box_convention=resolved.convention.value)


@dataclass(frozen=True)
class Built:
    request: SuggestRequest
    resolved: Resolved
    image: PreparedImage
    parts: PromptParts
    params: dict[str, Any]
