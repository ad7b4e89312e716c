"""Records that cross the provider boundary (requests, results, errors).

Import them from `glancelabel.core.providers.base`; this module exists so the prompt and
parsing modules can use them without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glancelabel.core.errors import GlanceLabelError
from glancelabel.core.model import Box, Kind

if TYPE_CHECKING:
    from .examples import PromptExample, SentExample


class BoxConvention(StrEnum):
    """How a model writes box coordinates (corners, in the image it was sent)."""

    PIXELS = "pixels"  # [x_min, y_min, x_max, y_max] in pixels of the sent image
    NORM1 = "norm1"  # same order, 0-1 of width/height
    NORM1000 = "norm1000"  # same order, 0-1000
    YXYX1000 = "yxyx1000"  # Gemini / Qwen3-VL: [y_min, x_min, y_max, x_max] in 0-1000


@dataclass(frozen=True, slots=True)
class ClassSpec:
    """One class of the project as the model sees it."""

    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class SuggestRequest:
    """Everything a provider needs to suggest labels for one image.

    `orientation` / `oriented_size` come from the store when known; None means "read the
    file". `model=""` and `box_convention=None` mean the defaults of the price table.
    `max_side` caps the sent image's long edge below the provider's own limit.
    """

    image_path: Path
    classes: tuple[ClassSpec, ...] = ()
    instructions: str = ""
    model: str = ""
    orientation: int | None = None
    oriented_size: tuple[int, int] | None = None
    box_convention: BoxConvention | str | None = None
    max_side: int | None = None
    timeout: float = 60.0
    max_retries: int = 2
    temperature: float | None = 0.0
    max_output_tokens: int = 4096
    examples: tuple[PromptExample, ...] = ()  # reviewed images sent before this one

    def __post_init__(self) -> None:
        object.__setattr__(self, "image_path", Path(self.image_path))
        object.__setattr__(self, "classes", tuple(
            c if isinstance(c, ClassSpec) else ClassSpec(*c) if isinstance(c, tuple)
            else ClassSpec(str(c)) for c in self.classes))
        if self.box_convention is not None:
            object.__setattr__(self, "box_convention", BoxConvention(self.box_convention))


@dataclass(frozen=True, slots=True)
class ProposedSuggestion:
    """One suggestion as returned by a provider, before it is stored."""

    kind: Kind
    raw_label: str  # as the model wrote it
    label: str | None  # the project's class name it maps to; None = unknown
    box: Box | None  # displayed frame; None for tags
    text: str | None = None  # text read (OCR), if any
    confidence: float | None = None
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class Dropped:
    """Something in a response that was not kept, with the reason in one sentence."""

    item: str  # short JSON/text excerpt of what was dropped
    reason: str


# The note (item "answer") of an answer that stopped at the output token limit.
CUT_OFF = "the answer was cut off at the output token limit; later items may be missing"


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0


@dataclass(frozen=True, slots=True)
class SuggestResult:
    suggestions: tuple[ProposedSuggestion, ...]
    dropped: tuple[Dropped, ...]
    usage: Usage
    cost_usd: float | None  # None when the model has no price in the table
    raw_response: str  # the model's answer (tool input as JSON, or the text)
    provider: str
    model: str
    prompt_hash: str
    refusal: str | None = None  # set when the model declined or answered without JSON
    rate_limits: dict[str, str] = field(default_factory=dict)
    sent_size: tuple[int, int] | None = None
    displayed_size: tuple[int, int] | None = None
    box_convention: str = BoxConvention.PIXELS.value

    @property
    def boxes(self) -> tuple[ProposedSuggestion, ...]:
        return tuple(s for s in self.suggestions if s.kind is Kind.BOX)

    @property
    def tags(self) -> tuple[ProposedSuggestion, ...]:
        return tuple(s for s in self.suggestions if s.kind is Kind.TAG)


@dataclass(frozen=True, slots=True)
class Preview:
    """Exactly what a provider would send for a request (text parts and the image)."""

    provider: str
    model: str
    system: str
    user_text: str
    image_bytes: bytes
    media_type: str
    sent_size: tuple[int, int]
    displayed_size: tuple[int, int]
    box_convention: str
    schema: dict[str, Any]
    prompt_hash: str
    estimated_image_tokens: int | None = None
    examples: tuple[SentExample, ...] = ()  # sent between the class list and the image

    @property
    def text(self) -> str:
        return f"{self.system}\n\n{self.user_text}"


class ProviderError(GlanceLabelError):
    """One clear failure from a provider.

    `retryable` says whether trying again later can help (rate limits, overload, timeouts,
    5xx); `retry_after` is the server's advice in seconds when it gave one; `status` is
    the HTTP status when there was one. `kind` is a short machine word: rate_limit,
    overloaded, server, timeout, connection, auth, bad_request, not_found, bad_response,
    unavailable, config.
    """

    def __init__(self, template: str, /, *, retryable: bool = False,
                 retry_after: float | None = None, status: int | None = None,
                 kind: str = "error", rate_limits: dict[str, str] | None = None,
                 **values: Any) -> None:
        super().__init__(template, **values)
        self.retryable = retryable
        self.retry_after = retry_after
        self.status = status
        self.kind = kind
        self.rate_limits = dict(rate_limits or {})

    def __repr__(self) -> str:
        return (f"ProviderError({self.message!r}, retryable={self.retryable}, "
                f"retry_after={self.retry_after}, status={self.status}, kind={self.kind!r})")
