"""The provider protocol and the records that cross it.

A provider takes a `SuggestRequest` (one image, the project's classes and instructions,
model settings) and returns a `SuggestResult`: proposed boxes and tags in the image's
DISPLAYED frame (after EXIF orientation), what was dropped and why, usage and cost.

The records live in `records.py`, the prompt and response schema in `prompt.py`, tolerant
parsing in `parsing.py`, box conventions in `boxes.py`; all are re-exported here so
callers need one import.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .parsing import parse_response
from .prompt import build_prompt, prompt_hash, response_schema
from .records import (
    BoxConvention,
    ClassSpec,
    Dropped,
    Preview,
    ProposedSuggestion,
    ProviderError,
    SuggestRequest,
    SuggestResult,
    Usage,
)


@runtime_checkable
class Provider(Protocol):
    name: str

    def suggest(self, request: SuggestRequest) -> SuggestResult: ...

    def preview(self, request: SuggestRequest) -> Preview: ...


__all__ = [
    "BoxConvention",
    "ClassSpec",
    "Dropped",
    "Preview",
    "ProposedSuggestion",
    "Provider",
    "ProviderError",
    "SuggestRequest",
    "SuggestResult",
    "Usage",
    "build_prompt",
    "parse_response",
    "prompt_hash",
    "response_schema",
]
