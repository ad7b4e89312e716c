"""The provider protocol and the records that cross it.

A provider takes a `SuggestRequest` (one image, the project's classes and instructions,
model settings) and returns a `SuggestResult`: proposed boxes and tags in the image's
DISPLAYED frame (after EXIF orientation), what was dropped and why, usage and cost.

The records live in `records.py`, the prompt and response schema in `prompt.py`, tolerant
parsing in `parsing.py`, box conventions in `boxes.py`; all are re-exported here so
callers need one import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

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

if TYPE_CHECKING:  # named here for the Batch API code outside this package
    from ._remote import Answer as Answer
    from ._remote import Built as Built


@dataclass(frozen=True, slots=True)
class Identity:
    """What, besides the image, decides a provider's answer: the model it will use, a hash
    of the prompt (or of the engine's configuration) and any further settings that belong in
    the cache key (e.g. {"api": "responses"})."""

    model: str
    prompt_hash: str
    params: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Provider(Protocol):
    """What every provider offers (the network ones in `_remote.py` and its subclasses, the
    offline engines in `local.py`)."""

    name: str

    def suggest(self, request: SuggestRequest) -> SuggestResult: ...

    def preview(self, request: SuggestRequest) -> Preview: ...

    def identity(self, request: SuggestRequest) -> Identity: ...


@runtime_checkable
class BatchProvider(Provider, Protocol):
    """A provider whose requests can also go through its Batch API (anthropic, openai)."""

    title: str

    def client(self) -> Any: ...

    def for_batch(self) -> BatchProvider: ...

    def build(self, request: SuggestRequest) -> Built: ...

    def finish_batch(self, request: SuggestRequest, answer: Answer, *,
                     sent_size: tuple[int, int], displayed_size: tuple[int, int]
                     ) -> SuggestResult: ...


__all__ = [
    "BatchProvider",
    "BoxConvention",
    "ClassSpec",
    "Dropped",
    "Identity",
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
