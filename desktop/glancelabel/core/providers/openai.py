"""GPT-class models through OpenAI: data-URL image, strict JSON schema.

Two APIs carry the same question: Chat Completions (`chat`, the default, and the only one
the Batch API takes) and the Responses API (`responses`). Both send the same prompt text
and the same prepared image, and their answers become the same `Answer`, so parsing,
box mapping, error handling and cost are shared. The SDK is imported only when a call is
made. Retries and timeout come from the request.
"""

from __future__ import annotations

import base64
import copy
from dataclasses import replace
from typing import Any

from ..app.secrets import get_key, missing_key_text
from ..i18n import N_
from ._remote import (
    Answer,
    Built,
    RemoteProvider,
    Resolved,
    guarded_http_client,
    import_sdk,
    map_sdk_error,
    rate_limit_headers,
)
from .base import Identity
from .catalog import Listed
from .prepare import PreparedImage
from .prompt import PromptParts, content_blocks, response_schema
from .records import CUT_OFF, Dropped, ProviderError, SuggestRequest, Usage

SCHEMA_NAME = "image_suggestions"
APIS = ("chat", "responses")  # Chat Completions, Responses API
FILTERED = "The provider's content filter stopped the answer."


class OpenAIProvider(RemoteProvider):
    name = "openai"
    title = "OpenAI"
    key_required = True
    max_tokens_param = "max_completion_tokens"

    def __init__(self, *, api: str = "chat", **kw: Any) -> None:
        if api not in APIS:
            raise ProviderError(N_("errors", "Unknown OpenAI API {api!r}; use one of {choices}."),
                                kind="config", api=api, choices=", ".join(APIS))
        super().__init__(**kw)
        self.api = api

    def _missing_key(self) -> ProviderError:
        text = missing_key_text("openai")
        return ProviderError(text.template, kind="auth", **text.values)

    def client(self) -> Any:
        """The SDK client (created once; raises ProviderError when a key is missing)."""
        with self._lock:
            if self._client_obj is None:
                openai = import_sdk("openai")

                key = self._api_key or get_key(self.name)
                if not key:
                    if self.key_required:
                        raise self._missing_key()
                    key = "no-key"  # local servers ignore it; the SDK insists on one
                self._client_obj = openai.OpenAI(api_key=key, base_url=self.base_url,
                                                 max_retries=0, timeout=60.0,
                                                 http_client=guarded_http_client())
            return self._client_obj

    def listed_models(self) -> list[Listed]:
        """The models the key may use, from `GET /v1/models` (ids only: OpenAI's list gives
        no retirement dates; the installed SDK's notes do)."""
        openai = import_sdk("openai")

        client = self.client().with_options(timeout=15.0, max_retries=1)
        try:
            return [Listed(m.id) for m in client.models.list()]
        except (openai.OpenAIError, ValueError) as exc:
            raise map_sdk_error(exc, openai, self.title) from exc

    def with_api(self, api: str) -> OpenAIProvider:
        """This provider (same key, base URL, model, prices and client) on another API."""
        if api == self.api:
            return self
        other = copy.copy(self)
        other.api = api
        return other

    def for_batch(self) -> OpenAIProvider:
        return self.with_api("chat")

    def identity(self, request: SuggestRequest) -> Identity:
        """As for every network provider; the API joins the cache key when it is not the
        default, so chat runs keep their cache keys."""
        ident = super().identity(request)
        return ident if self.api == "chat" else replace(ident, params={"api": self.api})

    def response_format(self, resolved: Resolved) -> dict[str, Any] | None:
        return {"type": "json_schema", "json_schema": {
            "name": SCHEMA_NAME, "strict": True, "schema": response_schema(resolved.convention)}}

    def params(self, request: SuggestRequest, resolved: Resolved, image: PreparedImage,
               parts: PromptParts) -> dict[str, Any]:
        """The request body of the chosen API: `chat.completions.create` (also a Batch API
        line's `body`) or `responses.create`."""
        data_url = (f"data:{image.media_type};base64,"
                    + base64.b64encode(image.data).decode("ascii"))
        fmt = self.response_format(resolved)
        if self.api == "responses":
            params: dict[str, Any] = {
                "model": resolved.model,
                "instructions": parts.system,
                "input": [{"role": "user", "content": content_blocks(parts, {
                    "type": "input_image", "image_url": data_url, "detail": "high"},
                    api="responses")}],
                "max_output_tokens": request.max_output_tokens,
                "store": False,  # like Chat Completions: the answer is not kept by OpenAI
            }
            if fmt is not None:
                params["text"] = {"format": responses_format(fmt)}
        else:
            params = {
                "model": resolved.model,
                "messages": [
                    {"role": "system", "content": parts.system},
                    {"role": "user", "content": content_blocks(parts, {
                        "type": "image_url", "image_url": {"url": data_url, "detail": "high"}},
                        api="chat")},
                ],
                self.max_tokens_param: request.max_output_tokens,
            }
            if fmt is not None:
                params["response_format"] = fmt
        if request.temperature is not None and resolved.info.supports_temperature:
            params["temperature"] = request.temperature
        return params

    def _create(self, built: Built, params: dict[str, Any]) -> Answer:
        openai = import_sdk("openai")

        request = built.request
        client = self.client().with_options(timeout=request.timeout,
                                            max_retries=request.max_retries)
        responses = self.api == "responses"
        endpoint = client.responses if responses else client.chat.completions
        try:
            raw = endpoint.with_raw_response.create(**params)
            headers = rate_limit_headers(raw.headers)
            obj = raw.parse()
        except (openai.OpenAIError, ValueError) as exc:
            raise map_sdk_error(exc, openai, self.title) from exc
        if not isinstance(obj, openai.BaseModel):
            if responses:
                raise ProviderError(N_("errors", "{provider} sent a response that is not a "
                                       "response object."), kind="bad_response",
                                    rate_limits=headers, provider=self.title)
            raise ProviderError(N_("errors", "{provider} sent a response that is not a chat "
                                   "completion."), kind="bad_response", rate_limits=headers,
                                provider=self.title)
        read = answer_from_response if responses else answer_from_completion
        answer = read(obj.model_dump(mode="json"), self.title)
        answer.headers = headers
        return answer

    def _call(self, built: Built) -> Answer:
        return self._create(built, built.params)


def responses_format(fmt: dict[str, Any]) -> dict[str, Any]:
    """A Chat Completions `response_format` as the Responses API's `text.format`: the same
    fields, without the chat wrapper (`{"type": "json_schema", "json_schema": {...}}` becomes
    `{"type": "json_schema", "name": ..., "strict": ..., "schema": ...}`)."""
    return {"type": fmt["type"], **fmt.get(fmt["type"], {})}


def _usage(input_tokens: Any, details: Any, output_tokens: Any) -> Usage:
    """Usage with cached input apart (both APIs count cached tokens in the input total)."""
    cached = int(((details if isinstance(details, dict) else {}).get("cached_tokens")) or 0)
    return Usage(input_tokens=max(0, int(input_tokens or 0) - cached),
                 output_tokens=int(output_tokens or 0), cache_read_tokens=cached)


def answer_from_completion(completion: dict[str, Any], title: str = "OpenAI") -> Answer:
    """An `Answer` from a chat completion (a dict, as in Batch API output lines too)."""
    choices = completion.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise ProviderError(N_("errors", "{provider} sent a completion without choices."),
                            kind="bad_response", provider=title)
    choice = choices[0]
    message = choice.get("message") or {}
    u = completion.get("usage") or {}
    usage = _usage(u.get("prompt_tokens"), u.get("prompt_tokens_details"),
                   u.get("completion_tokens"))
    notes: list[Dropped] = []
    finish = choice.get("finish_reason")
    if finish == "length":
        notes.append(Dropped("answer", CUT_OFF))
    refusal = message.get("refusal") or None
    if finish == "content_filter" and not refusal:
        refusal = FILTERED
    content = message.get("content")
    if isinstance(content, list):  # some servers send content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str) or not content.strip():
        content = None
    return Answer(content, usage, refusal=refusal, notes=notes, model=completion.get("model"))


def answer_from_response(response: dict[str, Any], title: str = "OpenAI") -> Answer:
    """An `Answer` from a Responses API response object (a dict).

    The text is what the SDK's `output_text` joins (the `output_text` parts of the
    "message" items; reasoning items are skipped); a "refusal" part is the refusal. A
    response that stopped early (`status` "incomplete") says why in a note."""
    output = response.get("output")
    if not isinstance(output, list):
        raise ProviderError(N_("errors", "{provider} sent a response without output."),
                            kind="bad_response", provider=title)
    status = response.get("status")
    if status == "failed":
        given = response.get("error")
        err: dict[str, Any] = given if isinstance(given, dict) else {}
        code = err.get("code") or "failed"
        retry = code in ("server_error", "rate_limit_exceeded")
        raise ProviderError(N_("errors", "{provider} could not answer ({code}): {detail}"),
                            retryable=retry, kind="server" if retry else "bad_response",
                            provider=title, code=code, detail=err.get("message") or status)
    if status not in (None, "completed", "incomplete"):
        raise ProviderError(N_("errors", "{provider} sent an unfinished response (status "
                               "{state})."), kind="bad_response", provider=title, state=status)
    u = response.get("usage") or {}
    usage = _usage(u.get("input_tokens"), u.get("input_tokens_details"), u.get("output_tokens"))
    parts = [p for item in output if isinstance(item, dict) and item.get("type") == "message"
             for p in (item.get("content") or []) if isinstance(p, dict)]
    text = "".join(p.get("text") or "" for p in parts if p.get("type") == "output_text")
    refusal = "\n".join(p.get("refusal") or "" for p in parts
                        if p.get("type") == "refusal").strip() or None
    notes: list[Dropped] = []
    if status == "incomplete":
        reason = (response.get("incomplete_details") or {}).get("reason")
        if reason == "max_output_tokens":
            notes.append(Dropped("answer", CUT_OFF))
        elif reason == "content_filter":
            refusal = refusal or FILTERED
        else:
            why = reason or "no reason given"
            notes.append(Dropped("answer", f"the answer is incomplete ({why}); later items "
                                 "may be missing"))
    return Answer(text if text.strip() else None, usage, refusal=refusal, notes=notes,
                  model=response.get("model"))
