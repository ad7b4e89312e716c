"""Fake provider servers for tests: real sockets on 127.0.0.1, driven by the real SDKs.

- `FakeAnthropic`: Messages API (`/v1/messages`) and Message Batches.
- `FakeOpenAI`: Chat Completions (`/v1/chat/completions`), Responses (`/v1/responses`),
  Files and Batches.

Both share `FakeServer` (scripted replies, per-request latency, in-flight counters,
429 with retry-after, seeded failure mixes, and a record of every request). Both refuse what the
real APIs refuse, with their status codes and error bodies, check their own answers against the
documented response schemas (`api_rules`, `schemas/`), and list models at `GET /v1/models`.
"""

from .anthropic_fake import (
    FakeAnthropic,
    anthropic_model,
    anthropic_text_message,
    anthropic_tool_message,
)
from .http_fake import FakeServer, RecordedRequest, Reply
from .openai_fake import (
    FakeOpenAI,
    openai_chat_completion,
    openai_error,
    openai_model,
    openai_response,
)

__all__ = [
    "FakeAnthropic",
    "FakeOpenAI",
    "FakeServer",
    "RecordedRequest",
    "Reply",
    "anthropic_model",
    "anthropic_text_message",
    "anthropic_tool_message",
    "openai_chat_completion",
    "openai_error",
    "openai_model",
    "openai_response",
]
