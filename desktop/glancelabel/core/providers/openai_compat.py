"""Any OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp): the openai SDK with
the user's base URL. Nothing leaves the machine when the server is local.

Servers differ: some ignore the JSON schema, some reject it. The answer is parsed
tolerantly either way, and when a server rejects `response_format` with a 400 the call is
repeated once without it (and the provider stops sending it).
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_
from ._remote import Answer, Built, Resolved
from .openai import OpenAIProvider
from .records import Dropped, ProviderError

DEFAULT_BASE_URL = "http://127.0.0.1:11434/v1"  # Ollama
STRUCTURED_MODES = ("json_schema", "json_object", "none")


class OpenAICompatibleProvider(OpenAIProvider):
    name = "openai-compatible"
    title = "The OpenAI-compatible server"
    key_required = False
    max_tokens_param = "max_tokens"

    def __init__(self, *, base_url: str | None = None, structured: str = "json_schema",
                 **kw: Any) -> None:
        if structured not in STRUCTURED_MODES:
            raise ProviderError(N_("errors", "Unknown structured-output mode {mode!r}; use one "
                                   "of {choices}."), kind="config", mode=structured,
                                choices=", ".join(STRUCTURED_MODES))
        super().__init__(base_url=(base_url or DEFAULT_BASE_URL).rstrip("/"), **kw)
        self.structured = structured

    def response_format(self, resolved: Resolved) -> dict[str, Any] | None:
        if self.structured == "json_schema":
            return super().response_format(resolved)
        if self.structured == "json_object":
            return {"type": "json_object"}
        return None

    def _call(self, built: Built) -> Answer:
        try:
            return self._create(built, built.params)
        except ProviderError as exc:
            if exc.status not in (400, 422) or "response_format" not in built.params:
                raise
            params = {k: v for k, v in built.params.items() if k != "response_format"}
            answer = self._create(built, params)
            self.structured = "none"
            answer.notes.insert(0, Dropped(
                "response_format", f"the server rejected the JSON schema ({exc.message}); "
                "asked again without it"))
            return answer
