"""The Qt-free plan of a batch run: what to ask, of which images, how fast, at what cost.

`BatchPlan` is what the batch dialog and the CLI edit: provider, model, scope, limits, rate limits
and spending cap; `problems()` says what is wrong with it, one sentence each (`missing_key_problem`
for a provider without its key), `image_ids()` picks the images in scope and `estimate()` gives the
tokens and cost (`Estimate`) before anything is sent. `batch` re-exports everything for callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..app.settings import ProviderSettings
from ..i18n import N_, Text, said
from .ask import SuggestContext

if TYPE_CHECKING:
    from ..store import Store

# unasked: not done, not excluded, no suggestions yet (the default: never pays twice for an
# image); all: every image, done ones included (asking again is an explicit choice)
SCOPES = ("unasked", "all", "unlabelled", "selection", "filter")
OUTPUT_TOKENS_PER_IMAGE = 250  # assumption for estimates: a dozen objects with rationales
PROMPT_OVERHEAD_TOKENS = 350  # tool/schema definition and message framing


# -- the plan ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Estimate:
    provider: str
    model: str
    images: int
    cached: int  # known cache hits (images whose content hash is already known)
    input_tokens: int
    output_tokens: int
    cost_usd: float | None  # None: the model has no published price in the table
    batch_cost_usd: float | None  # the same through the provider's Batch API
    price_source: str = ""
    warning: Text | str = ""  # the model retires soon (or has retired): a sentence with the date
    examples_note: str = ""  # the examples' share: the cost with and without them
    examples_text: Text | None = None  # the same, marked (an interface translates it)

    @property
    def to_send(self) -> int:
        return self.images - self.cached

    def text(self) -> str:
        """The estimate in English, a line each."""
        return "\n".join(str(line) for line in self.texts())

    def texts(self) -> list[Text | str]:
        """The estimate's lines as marked sentences (context batch; the examples note and the
        retirement warning as they are given)."""
        from ..providers.pricing import dollars, unknown_price_text

        what = {"count": self.images, "provider": self.provider, "model": self.model}
        if self.cached:
            first = said(N_("batch", "{count} image, {cached} already answered (free); {provider} "
                            "/ {model}") if self.images == 1 else
                         N_("batch", "{count} images, {cached} already answered (free); "
                            "{provider} / {model}"), cached=self.cached, **what)
        else:
            first = said(N_("batch", "{count} image; {provider} / {model}") if self.images == 1
                         else N_("batch", "{count} images; {provider} / {model}"), **what)
        lines: list[Text | str] = [first, said(
            N_("batch", "about {input:,} input and {output:,} output tokens"),
            input=self.input_tokens, output=self.output_tokens)]
        if self.cost_usd is None or self.batch_cost_usd is None:
            lines.append(unknown_price_text(self.model))
        else:
            lines.append(said(N_("batch", "estimated cost ${now} now, ${batch} through the Batch "
                                 "API (results within 24 h)"),
                              now=dollars(self.cost_usd), batch=dollars(self.batch_cost_usd)))
        lines += [line for line in (self.examples_text or self.examples_note, self.warning)
                  if line]
        return lines


@dataclass
class BatchPlan:
    """What a run asks, of which images, how fast and at what cost (edited by the dialog)."""

    provider: str = "anthropic"
    model: str = ""
    base_url: str = ""
    scope: str = "unasked"  # unasked | all | unlabelled | selection | filter
    selection: tuple[int, ...] = ()  # image ids, for scope "selection"
    filter_name: str = "new"  # a store image filter, for scope "filter"
    limit: int | None = None
    classes: tuple[str, ...] = ()  # class names to ask for; empty: all classes
    concurrency: int = 8
    rpm: int = 0
    tpm: int = 0
    spending_cap_usd: float | None = None
    force: bool = False
    settings: ProviderSettings = field(default_factory=ProviderSettings)

    @classmethod
    def from_settings(cls, s: ProviderSettings, **kw: Any) -> BatchPlan:
        plan = cls(provider=s.provider, model=s.model, base_url=s.base_url,
                   concurrency=s.concurrency or 8, rpm=s.rpm, tpm=s.tpm, settings=s)
        for k, v in kw.items():
            setattr(plan, k, v)
        return plan

    def provider_settings(self) -> ProviderSettings:
        return replace(self.settings, provider=self.provider, model=self.model,
                       base_url=self.base_url, concurrency=self.concurrency, rpm=self.rpm,
                       tpm=self.tpm)

    def problems(self, *, check_key: bool = True) -> list[str]:
        """What is wrong with the plan, one sentence each (empty: ready to start)."""
        return [str(t) for t in self.problem_texts(check_key=check_key)]

    def problem_texts(self, *, check_key: bool = True) -> list[Text]:
        """`problems()` as marked sentences (an interface shows them translated)."""
        from ..providers import PROVIDER_NAMES

        out = []
        if self.provider not in PROVIDER_NAMES:
            out.append(said(N_("errors", "Unknown provider {name!r}; choose one of {choices}."),
                            name=self.provider, choices=", ".join(PROVIDER_NAMES)))
        if self.scope not in SCOPES:
            out.append(said(N_("errors", "Unknown scope {scope!r}; choose one of {choices}."),
                            scope=self.scope, choices=", ".join(SCOPES)))
        if self.scope == "selection" and not self.selection:
            out.append(said(N_("errors", "No images are selected.")))
        if not 1 <= self.concurrency <= 64:
            out.append(said(N_("errors", "Concurrency must be between 1 and 64.")))
        if self.rpm < 0 or self.tpm < 0:
            out.append(said(N_("errors", "Rate limits cannot be negative.")))
        if self.limit is not None and self.limit < 1:
            out.append(said(N_("errors", "The limit must be at least 1 image.")))
        if self.spending_cap_usd is not None and self.spending_cap_usd < 0:
            out.append(said(N_("errors", "The spending cap cannot be negative.")))
        if check_key:
            from ..app.secrets import missing_key_texts

            out.extend(missing_key_texts(self.provider))
        return out

    def image_ids(self, store: Store) -> list[int]:
        """The images in scope, in display order, limited."""
        if self.scope == "selection":
            ids = store.suggestable_image_ids(within=self.selection)
        elif self.scope == "filter":
            ids = store.suggestable_image_ids(within=store.image_ids(self.filter_name))
        else:
            ids = store.suggestable_image_ids(only_unlabelled=self.scope == "unlabelled",
                                              unasked=self.scope == "unasked")
        return ids[: self.limit] if self.limit else ids

    def estimate(self, store: Store, image_ids: Sequence[int] | None = None,
                 context: SuggestContext | None = None) -> Estimate:
        """Tokens and cost before starting, from the price table and the image-token rule."""
        from ..providers.prepare import estimate_tokens, target_size
        from ..providers.pricing import load_price_table, user_price_path
        from ..providers.prompt import build_prompt
        from ..providers.records import Usage

        ids = list(self.image_ids(store) if image_ids is None else image_ids)
        table = load_price_table(user_price_path())
        model = self.model or table.default_model(self.provider)
        if self.provider == "local":
            model = model if self.settings.local_model_path == "" else "onnx"
        info = table.info(model, self.provider)
        names = self.classes or tuple(lab.name for lab in store.labels())
        from ..providers.records import ClassSpec

        prompt = build_prompt(tuple(ClassSpec(n) for n in names), "", info.box_convention,
                              (1000, 1000))
        text_tokens = (len(prompt.system) + len(prompt.user_text)) // 4 + PROMPT_OVERHEAD_TOKENS
        max_side = self.settings.max_side or None
        images = store.images(ids)
        cached = 0
        per_size: dict[tuple[int, int], int] = {}
        total_in = 0
        for image_id in ids:
            image = images.get(image_id)
            if image is None:
                continue
            if (context is not None and not self.force and image.content_hash
                    and store.cached_response(context.cache_key(image.content_hash))):
                cached += 1
                continue
            size = (image.width or 1568, image.height or 1568)
            tokens = per_size.get(size)
            if tokens is None:
                sent = target_size(info.image_rule, *size, max_side)
                tokens = per_size[size] = estimate_tokens(info.image_rule, *sent)
            total_in += tokens + text_tokens
        n = len(ids) - cached
        total_out = n * OUTPUT_TOKENS_PER_IMAGE
        cost: float | None
        batch_cost: float | None
        if self.provider == "local":
            cost = batch_cost = 0.0
        else:
            usage = Usage(input_tokens=total_in, output_tokens=total_out)
            cost = table.cost(model, usage, provider=self.provider)
            batch_cost = table.cost(model, usage, provider=self.provider, batch=True)
        from ..providers.catalog import retirement_text
        from .example_cost import estimate_examples

        ex = estimate_examples(store, self, table, model, info, n, text_tokens, cost, batch_cost)
        if ex is not None:
            total_in, cost, batch_cost = total_in + ex.input_tokens, ex.cost, ex.batch_cost
        return Estimate(self.provider, model, len(ids), cached, total_in, total_out, cost,
                        batch_cost, info.source,
                        retirement_text(self.provider, model, table) or "",
                        ex.text() if ex is not None else "",
                        ex.as_text() if ex is not None else None)


# -- describing a run ------------------------------------------------------------------------------
BATCH_RUN_KINDS = ("batch", "batch-api")  # the runs the batch panel speaks of


def run_text(row: dict, duplicates: int = 0) -> Text:
    """One sentence about a run (a row of `store.run_summaries()`): what was asked, what came
    back, marked (context batch; str() gives the English).

    'Run 3 (anthropic / claude-x, Batch API): 6 images, 5 answered, 1 waiting at the provider;
    2 duplicates hidden.'"""
    from .ask import hidden_text

    api = row["kind"] == "batch-api"
    parts = said(N_("batch", "{count} answered"), count=row["succeeded"])
    more = [(row["cached"], N_("batch", "{count} from the cache")),
            (row["failed"], N_("batch", "{count} failed")),
            (row["pending"], N_("batch", "{count} waiting at the provider") if api
             else N_("batch", "{count} to go"))]
    for count, template in more:
        if count:
            parts = said(N_("batch", "{first}, {next}"), first=parts,
                         next=said(template, count=count))
    n = row["images"]
    if api:
        template = (N_("batch", "Run {run} ({provider} / {model}, Batch API): {count} image, "
                       "{parts}{hidden}.") if n == 1 else
                    N_("batch", "Run {run} ({provider} / {model}, Batch API): {count} images, "
                       "{parts}{hidden}."))
    else:
        template = (N_("batch", "Run {run} ({provider} / {model}): {count} image, "
                       "{parts}{hidden}.") if n == 1 else
                    N_("batch", "Run {run} ({provider} / {model}): {count} images, "
                       "{parts}{hidden}."))
    return said(template, run=row["id"], provider=row["provider"], model=row["model"], count=n,
                parts=parts, hidden=hidden_text(duplicates))
