"""What examples in the prompt add to a run's cost, before it starts.

Every request of a run sends the same examples in its prefix. Anthropic caches that prefix when
it is at least the model's minimum cacheable length (`MIN_CACHEABLE`): the first requests
(as many as are sent at once, `concurrency`) write it at 1.25x the input price, later ones read
it at 0.1x while the entry lives (5 minutes from its last use: a run keeps it alive). OpenAI
caches prefixes of 1,024 tokens or more by itself (no write surcharge). Below the minimum every
request pays the examples in full. Batch API cache hits are best effort, so the Batch API
figure assumes none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import N_, Text, counted, said
from ..providers.examples import EXAMPLE_MAX_SIDE, EXAMPLES_INTRO, example_text
from ..providers.prepare import estimate_tokens, target_size
from ..providers.pricing import dollars
from ..providers.records import BoxConvention, Usage
from .examples import choose, prompt_examples

if TYPE_CHECKING:
    from ..providers.pricing import ModelInfo, PriceTable
    from ..store import Store
    from .plan import BatchPlan

# Anthropic's minimum cacheable prompt length by model family (prompt caching guide); newer
# models the guide does not list: 2,048 for Sonnet, 4,096 for Opus and Haiku (their latest)
MIN_CACHEABLE = (
    ("claude-opus-4-5", 4096), ("claude-opus-4-6", 4096), ("claude-haiku-4-5", 4096),
    ("claude-sonnet-4-6", 2048), ("claude-3-5-haiku", 2048), ("claude-3-haiku", 2048),
    ("claude-sonnet-4-5", 1024), ("claude-opus-4-1", 1024), ("claude-opus-4", 1024),
    ("claude-sonnet-4", 1024), ("claude-3-7-sonnet", 1024), ("claude-sonnet", 2048),
)
OPENAI_MIN_CACHEABLE = 1024
TOOL_OVERHEAD = 313  # Anthropic's tool-use system prompt with a forced tool choice


def min_cacheable(provider: str, model: str) -> int | None:
    """The shortest prefix the provider caches for this model (None: it never caches)."""
    if provider == "anthropic":
        return next((n for prefix, n in MIN_CACHEABLE if model.startswith(prefix)), 4096)
    if provider == "openai":
        return OPENAI_MIN_CACHEABLE
    return None


@dataclass(frozen=True, slots=True)
class ExamplesEstimate:
    images: int  # example images sent with each request
    tokens: int  # their tokens in each request (images and answers)
    cached: bool  # the shared prefix is long enough to be cached
    input_tokens: int  # what they add to the run's input tokens
    cost: float | None  # the run's cost with them (None: unknown price)
    batch_cost: float | None
    cost_without: float | None

    def text(self) -> str:
        """The examples' share of the estimate, in English."""
        return str(self.as_text())

    def as_text(self) -> Text:
        """The same as a marked sentence (context batch)."""
        how = (said(N_("batch", "cached after the first requests")) if self.cached else
               said(N_("batch", "too short a prefix to be cached: paid in full every request")))
        head = counted(self.images,
                       N_("batch", "Examples: {count} example image, about {tokens:,} tokens a "
                          "request ({how})"),
                       N_("batch", "Examples: {count} example images, about {tokens:,} tokens a "
                          "request ({how})"), tokens=self.tokens, how=how)
        if self.cost is None or self.cost_without is None:
            return said(N_("batch", "{head}."), head=head)
        share: Text | str = ""
        if self.cost_without:
            share = said(N_("batch", ", {percent} %"),
                         percent=f"{100 * (self.cost - self.cost_without) / self.cost_without:+.0f}")
        return said(N_("batch", "{head}: ${cost} with them, ${without} without{share}."),
                    head=head, cost=dollars(self.cost), without=dollars(self.cost_without),
                    share=share)


def estimate_examples(store: Store, plan: BatchPlan, table: PriceTable, model: str,
                      info: ModelInfo, requests: int, prefix_tokens: int,
                      cost: float | None, batch_cost: float | None) -> ExamplesEstimate | None:
    """The run's estimate with the plan's examples (None when it sends none). `prefix_tokens`
    is the shared prompt's own length; `cost` and `batch_cost` are the run's without examples."""
    per_class = plan.settings.examples_per_class
    if per_class <= 0 or plan.provider == "local":
        return None
    names = list(plan.classes) or [lab.name for lab in store.labels()]
    examples = prompt_examples(store, choose(store, per_class, names))
    if not examples:
        return None
    conv = BoxConvention(plan.settings.box_convention
                         if plan.settings.box_convention not in ("", "auto", "default")
                         else info.box_convention)
    tokens = len(EXAMPLES_INTRO) // 4
    for i, ex in enumerate(examples, 1):
        sent = target_size(info.image_rule, *ex.displayed_size, EXAMPLE_MAX_SIDE)
        tokens += (estimate_tokens(info.image_rule, *sent)
                   + len(example_text(i, len(examples), ex, conv, sent)) // 4)
    minimum = min_cacheable(plan.provider, model)
    cached = minimum is not None and prefix_tokens + tokens >= minimum and requests > 1
    if cached:
        writers = min(requests, max(1, plan.concurrency))
        write = writers * (prefix_tokens + tokens) if plan.provider == "anthropic" else 0
        full = 0 if plan.provider == "anthropic" else writers * tokens
        read_tokens = (requests - writers) * (prefix_tokens + tokens)
        # the prefix itself was counted as plain input in `cost`: it moves to writes and reads
        moved = -writers * prefix_tokens if plan.provider == "anthropic" else 0
        online = Usage(input_tokens=full + moved - (requests - writers) * prefix_tokens,
                       cache_read_tokens=read_tokens, cache_write_tokens=write)
    else:
        online = Usage(input_tokens=requests * tokens)
    extra = table.cost(model, online, provider=plan.provider)
    extra_batch = table.cost(model, Usage(input_tokens=requests * tokens),
                             provider=plan.provider, batch=True)
    return ExamplesEstimate(
        len(examples), tokens, cached, requests * tokens,
        None if cost is None or extra is None else cost + extra,
        None if batch_cost is None or extra_batch is None else batch_cost + extra_batch,
        cost)
