"""Asking a second model: the plan of a batch run followed by a second run on the same images
and their consensus (the batch dialog's "Ask a second model").

`PairPlan` holds the first run's `BatchPlan` and the second model (`SecondModel`); `estimate`
gives both runs' tokens and cost before anything is sent (`PairEstimate`: the second model is
estimated on exactly the images of the first); `run_pair` asks the first model, then the second
about every image the first one looked at, then builds their consensus (`build_consensus`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..i18n import N_, Text, said
from ..providers.pricing import dollars
from ..store import consensus as sql
from ..suggest.runner import BatchPlan, BatchRunner, BatchSummary
from .build import ConsensusResult, build_consensus
from .match import AGREE_IOU

if TYPE_CHECKING:
    from ..providers.base import Provider
    from ..store import Store
    from ..suggest.plan import Estimate


@dataclass
class SecondModel:
    provider: str = "openai"
    model: str = ""
    base_url: str = ""
    iou: float = AGREE_IOU


@dataclass
class PairPlan:
    first: BatchPlan
    second: SecondModel = field(default_factory=SecondModel)

    def second_plan(self, image_ids: tuple[int, ...]) -> BatchPlan:
        """The second run's plan: the first's settings with the second model, on these images."""
        return replace(self.first, provider=self.second.provider, model=self.second.model,
                       base_url=self.second.base_url, scope="selection", selection=image_ids,
                       limit=None, spending_cap_usd=None)

    def problems(self) -> list[Text]:
        """What keeps the pair from starting (the first plan's own problems are its own)."""
        a, b = self.first, self.second
        if (a.provider, a.model) == (b.provider, b.model):
            return [said(N_("consensus", "Choose another provider or model for the second run: the "
                            "consensus needs two different models."))]
        if not 0 < b.iou <= 1:
            return [said(N_("consensus", "The IoU at which boxes agree must be above 0 and at most "
                            "1."))]
        return []


@dataclass(frozen=True)
class PairEstimate:
    first: Estimate
    second: Estimate

    @property
    def images(self) -> int:
        return self.first.images

    def text(self) -> str:
        """Both estimates in English, a line each."""
        return "\n".join(str(line) for line in self.texts())

    def texts(self) -> list[Text | str]:
        """The first run's estimate, the second's under a heading, and the cost of both."""
        return [*self.first.texts(), self.second_heading(), *self.second.texts(), self.both()]

    @staticmethod
    def second_heading() -> Text:
        return said(N_("consensus", "Second model, on the same images:"))

    def both(self) -> Text:
        """The cost of both runs, one sentence."""
        def total(a: float | None, b: float | None) -> Text | str:
            if a is None or b is None:
                return said(N_("consensus", "unknown (a model has no price in the table)"))
            return f"${dollars(a + b)}"

        return said(N_("consensus", "Both models: estimated cost {now} now, {batch} through the "
                       "Batch API."), now=total(self.first.cost_usd, self.second.cost_usd),
                    batch=total(self.first.batch_cost_usd, self.second.batch_cost_usd))


def estimate(pair: PairPlan, store: Store) -> PairEstimate:
    ids = tuple(pair.first.image_ids(store))
    return PairEstimate(pair.first.estimate(store, ids),
                        pair.second_plan(ids).estimate(store, ids))


@dataclass(frozen=True)
class PairOutcome:
    first: BatchSummary
    second: BatchSummary | None  # None: the first run was cancelled or asked nothing
    consensus: ConsensusResult | None


def run_pair(store: Store, pair: PairPlan, *, provider: Provider | None = None,
             on_runner: Callable[[BatchRunner], None] | None = None,
             cancelled: threading.Event | None = None, **callbacks: Any) -> PairOutcome:
    """Ask the first model, then the second about the images the first looked at, then build
    the consensus. `provider` (tests inject one) serves the first run only; `on_runner`
    receives each runner as it is made (to pause or cancel it); `callbacks` (on_progress,
    on_result) go to both runners."""
    summaries: list[BatchSummary] = []
    plans = [pair.first]
    while plans:
        runner = BatchRunner(store, plans.pop(), provider=None if summaries else provider,
                             **callbacks)
        if on_runner is not None:
            on_runner(runner)
        runner.prepare()
        summaries.append(runner.run())
        if len(summaries) == 1 and summaries[0].state == "finished" and not (
                cancelled is not None and cancelled.is_set()):
            looked = sql.looked_at(store, summaries[0].run_id)
            if looked:
                plans.append(pair.second_plan(tuple(sorted(looked))))
    if len(summaries) < 2 or summaries[1].state != "finished":
        return PairOutcome(summaries[0], summaries[1] if len(summaries) > 1 else None, None)
    return PairOutcome(summaries[0], summaries[1],
                       build_consensus(store, summaries[0].run_id, summaries[1].run_id,
                                       pair.second.iou))
