"""GPT-class models through OpenAI Chat Completions: data-URL image, strict JSON schema.

The SDK is imported only when a call is made. Retries and timeout come from the request.
"""

from __future__ import annotations

import base64
from typing import Any

from ..secrets import get_key
from ._remote import (
    Answer,
    Built,
    RemoteProvider,
    Resolved,
    guarded_http_client,
    map_sdk_error,
    rate_limit_headers,
)
from .prepare import PreparedImage
from .prompt import PromptParts, response_schema
from .records import Dropped, ProviderError, SuggestRequest, Usage

SCHEMA_NAME = "image_suggestions"


class OpenAIProvider(RemoteProvider):
    name = "openai"
    title = "OpenAI"
    key_required = True
    max_tokens_param = "max_completion_tokens"

    def _missing_key(self) -> ProviderError:
        return ProviderError("No OpenAI API key: add one in Settings or set OPENAI_API_KEY.",
                             kind="auth")

    def client(self) -> Any:
        """The SDK client (created once; raises ProviderError when a key is missing)."""
        with self._lock:
            if self._client_obj is None:
                import openai

                key = self._api_key or get_key(self.name)
                if not key:
                    if self.key_required:
                        raise self._missing_key()
                    key = "no-key"  # local servers ignore it; the SDK insists on one
                self._client_obj = openai.OpenAI(api_key=key, base_url=self.base_url,
                                                 max_retries=0, timeout=60.0,
                                                 http_client=guarded_http_client())
            return self._client_obj

    def response_format(self, resolved: Resolved) -> dict[str, Any] | None:
        return {"type": "json_schema", "json_schema": {
            "name": SCHEMA_NAME, "strict": True, "schema": response_schema(resolved.convention)}}

    def params(self, request: SuggestRequest, resolved: Resolved, image: PreparedImage,
               parts: PromptParts) -> dict[str, Any]:
        """The `chat.completions.create` body (also a Batch API line's `body`)."""
        data_url = (f"data:{image.media_type};base64,"
                    + base64.b64encode(image.data).decode("ascii"))
        params: dict[str, Any] = {
            "model": resolved.model,
            "messages": [
                {"role": "system", "content": parts.system},
                {"role": "user", "content": [
                    {"type": "text", "text": parts.shared},
                    {"type": "text", "text": parts.per_image},
                    {"type": "image_url", "image_url": {"url": data_url, "detail": "high"}},
                ]},
            ],
            self.max_tokens_param: request.max_output_tokens,
        }
        fmt = self.response_format(resolved)
        if fmt is not None:
            params["response_format"] = fmt
        if request.temperature is not None and resolved.info.supports_temperature:
            params["temperature"] = request.temperature
        return params

    def _create(self, built: Built, params: dict[str, Any]) -> Answer:
        import openai

        request = built.request
        client = self.client().with_options(timeout=request.timeout,
                                            max_retries=request.max_retries)
        try:
            raw = client.chat.completions.with_raw_response.create(**params)
            headers = rate_limit_headers(raw.headers)
            completion = raw.parse()
        except (openai.OpenAIError, ValueError) as exc:
            raise map_sdk_error(exc, openai, self.title) from exc
        if not isinstance(completion, openai.BaseModel):
            raise ProviderError(f"{self.title} sent a response that is not a chat completion.",
                                kind="bad_response", rate_limits=headers)
        answer = answer_from_completion(completion.model_dump(mode="json"), self.title)
        answer.headers = headers
        return answer

    def _call(self, built: Built) -> Answer:
        return self._create(built, built.params)


def answer_from_completion(completion: dict[str, Any], title: str = "OpenAI") -> Answer:
    """An `Answer` from a chat completion (a dict, as in Batch API output lines too)."""
    choices = completion.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise ProviderError(f"{title} sent a completion without choices.", kind="bad_response")
    choice = choices[0]
    message = choice.get("message") or {}
    u = completion.get("usage") or {}
    cached = int(((u.get("prompt_tokens_details") or {}).get("cached_tokens")) or 0)
    usage = Usage(input_tokens=max(0, int(u.get("prompt_tokens") or 0) - cached),
                  output_tokens=int(u.get("completion_tokens") or 0), cache_read_tokens=cached)
    notes: list[Dropped] = []
    finish = choice.get("finish_reason")
    if finish == "length":
        notes.append(Dropped("answer", "the answer was cut off at the output token limit; "
                             "later items may be missing"))
    refusal = message.get("refusal") or None
    if finish == "content_filter" and not refusal:
        refusal = "The provider's content filter stopped the answer."
    content = message.get("content")
    if isinstance(content, list):  # some servers send content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str) or not content.strip():
        content = None
    return Answer(content, usage, refusal=refusal, notes=notes, model=completion.get("model"))
