"""Claude through the Anthropic Messages API: base64 image, tool use for structured output.

The SDK is imported only when a call is made. The pinned SDK's `messages.create` takes no
`temperature`, so none is sent. Retries and timeout come from the request
(`max_retries=0` lets the batch runner own the 429 policy).
"""

from __future__ import annotations

import base64
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
from .catalog import Listed
from .prepare import PreparedImage
from .prompt import TOOL_DESCRIPTION, TOOL_NAME, PromptParts, content_blocks, response_schema
from .records import CUT_OFF, Dropped, ProviderError, SuggestRequest, Usage


class AnthropicProvider(RemoteProvider):
    name = "anthropic"
    title = "Anthropic"

    def client(self) -> Any:
        """The SDK client (created once; raises ProviderError when there is no key)."""
        with self._lock:
            if self._client_obj is None:
                anthropic = import_sdk("anthropic")

                key = self._api_key or get_key(self.name)
                if not key:
                    text = missing_key_text(self.name)
                    raise ProviderError(text.template, kind="auth", **text.values)
                self._client_obj = anthropic.Anthropic(api_key=key, base_url=self.base_url,
                                                       max_retries=0, timeout=60.0,
                                                       http_client=guarded_http_client())
            return self._client_obj

    def listed_models(self) -> list[Listed]:
        """The models the key may use, from `GET /v1/models` (every lifecycle), with each
        one's lifecycle and retirement date."""
        anthropic = import_sdk("anthropic")

        client = self.client().with_options(timeout=15.0, max_retries=1)
        try:
            return [Listed(m.id, m.lifecycle, m.retires_at.date() if m.retires_at else None,
                           m.display_name)
                    for m in client.models.list(lifecycle=["active", "deprecated", "retired"],
                                                limit=1000)]
        except (anthropic.AnthropicError, ValueError) as exc:
            raise map_sdk_error(exc, anthropic, self.title) from exc

    def params(self, request: SuggestRequest, resolved: Resolved, image: PreparedImage,
               parts: PromptParts) -> dict[str, Any]:
        """The `messages.create` body (also a Message Batches `params` entry)."""
        params: dict[str, Any] = {
            "model": resolved.model,
            "max_tokens": request.max_output_tokens,
            "system": [{"type": "text", "text": parts.system}],
            "tools": [{"name": TOOL_NAME, "description": TOOL_DESCRIPTION,
                       "input_schema": response_schema(resolved.convention)}],
            "tool_choice": {"type": "tool", "name": TOOL_NAME},
            "messages": [{"role": "user", "content": content_blocks(parts, {
                "type": "image", "source": {
                    "type": "base64", "media_type": image.media_type,
                    "data": base64.b64encode(image.data).decode("ascii")}}, api="anthropic")}],
        }
        # No temperature: the Messages API of the pinned SDK (anthropic 2.x) has no such
        # parameter; `request.temperature` applies to the OpenAI-style providers only.
        return params

    def _call(self, built: Built) -> Answer:
        anthropic = import_sdk("anthropic")

        request = built.request
        client = self.client().with_options(timeout=request.timeout,
                                            max_retries=request.max_retries)
        try:
            raw = client.messages.with_raw_response.create(**built.params)
            headers = rate_limit_headers(raw.headers)
            message = raw.parse()
        except (anthropic.AnthropicError, ValueError) as exc:
            raise map_sdk_error(exc, anthropic, self.title) from exc
        if not isinstance(message, anthropic.BaseModel):
            raise ProviderError(N_("errors", "Anthropic sent a response that is not a message."),
                                kind="bad_response", rate_limits=headers)
        answer = answer_from_message(message.model_dump(mode="json"))
        answer.headers = headers
        return answer


def answer_from_message(message: dict[str, Any]) -> Answer:
    """An `Answer` from a Messages API response (a dict, as in Batch results too)."""
    content = message.get("content")
    if not isinstance(content, list):
        raise ProviderError(N_("errors", "Anthropic sent a message without content blocks."),
                            kind="bad_response")
    u = message.get("usage") or {}
    usage = Usage(input_tokens=int(u.get("input_tokens") or 0),
                  output_tokens=int(u.get("output_tokens") or 0),
                  cache_read_tokens=int(u.get("cache_read_input_tokens") or 0),
                  cache_write_tokens=int(u.get("cache_creation_input_tokens") or 0))
    stop = message.get("stop_reason")
    notes: list[Dropped] = []
    if stop == "max_tokens":
        notes.append(Dropped("answer", CUT_OFF))
    tool_input = next((b.get("input") for b in content if isinstance(b, dict)
                       and b.get("type") == "tool_use" and b.get("name") == TOOL_NAME), None)
    text = "\n".join(b.get("text", "") for b in content
                     if isinstance(b, dict) and b.get("type") == "text").strip()
    refusal = (text or "The model declined to answer.") if stop == "refusal" else None
    if isinstance(tool_input, dict | list):
        return Answer(tool_input, usage, refusal=refusal, notes=notes,
                      model=message.get("model"))
    if tool_input is not None:
        notes.append(Dropped(str(tool_input)[:160], "the tool input is not a JSON object"))
    return Answer(text if text else None, usage, refusal=refusal, notes=notes,
                  model=message.get("model"))
