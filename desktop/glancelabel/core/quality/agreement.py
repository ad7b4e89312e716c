"""Two-model consensus in the quality report: how often two runs agreed, and how people decided
agreed and disputed suggestions.

Figures over every consensus of the project (all images, reviewed or not):
- agreement rate: the share of the two runs' compared suggestions that the other run supported,
  2 x agreed / (2 x agreed + disputed) (each agreed suggestion stands for one of each run);
- acceptance of agreed and of disputed suggestions: accepted (edited ones included) of those
  decided, with a 95 % Wilson interval; how many were edited, rejected, and still pending.
If agreed suggestions are accepted far more often than disputed ones, spot-checking the agreed
ones and reviewing only the disputed ones is where the consensus saves work.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import N_
from ..spotcheck.summary import Rate
from ..store.consensus import AGREED, DISPUTED, decisions_by_mark
from .words import ENGLISH, Words

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class MarkFigures:
    """The decisions on the suggestions of one mark (agreed or disputed)."""

    total: int
    accepted: int  # edited ones included
    edited: int
    rejected: int
    pending: int

    @property
    def acceptance(self) -> Rate:
        return Rate.of(self.accepted, self.accepted + self.rejected)

    @classmethod
    def of(cls, states: dict[str, int]) -> MarkFigures:
        edited = states.get("edited", 0)
        accepted = states.get("accepted", 0) + edited
        return cls(total=sum(states.values()), accepted=accepted, edited=edited,
                   rejected=states.get("rejected", 0), pending=states.get("pending", 0))

    def to_dict(self) -> dict[str, Any]:
        rate = self.acceptance
        return {"suggestions": self.total, "accepted": self.accepted, "edited": self.edited,
                "rejected": self.rejected, "pending": self.pending, "acceptance": rate.value,
                "acceptance_ci_low": rate.low, "acceptance_ci_high": rate.high}


@dataclass(frozen=True)
class Agreement:
    agreed: MarkFigures
    disputed: MarkFigures

    @property
    def rate(self) -> float | None:
        compared = 2 * self.agreed.total + self.disputed.total
        return 2 * self.agreed.total / compared if compared else None

    def to_dict(self) -> dict[str, Any]:
        return {"agreement_rate": self.rate, "agreed": self.agreed.to_dict(),
                "disputed": self.disputed.to_dict()}


def build_agreement(store: Store) -> Agreement | None:
    """The figures, or None when the project has no consensus."""
    by_mark = decisions_by_mark(store)
    if not any(by_mark.values()):
        return None
    return Agreement(MarkFigures.of(by_mark[AGREED]), MarkFigures.of(by_mark[DISPUTED]))


MARKS = (N_("report", "agreed"), N_("report", "disputed"))
HEADINGS = (N_("report", "suggestions"), N_("report", "count"), N_("report", "accepted"),
            N_("report", "edited"), N_("report", "rejected"), N_("report", "pending"),
            N_("report", "acceptance"))


def agreement_section(agreement: Agreement | None, words: Words = ENGLISH) -> str:
    """The report's HTML section (empty without a consensus), in `words`' language."""
    if agreement is None:
        return ""
    e, n = html.escape, words.number
    rows = []
    for name, f in zip(MARKS, (agreement.agreed, agreement.disputed), strict=True):
        r = f.acceptance
        interval = "" if r.value is None else f" ({words.pct(r.low)}–{words.pct(r.high)})"
        rows.append(f"<tr><td>{e(words(name))}</td><td>{n(f.total)}</td><td>{n(f.accepted)}</td>"
                    f"<td>{n(f.edited)}</td><td>{n(f.rejected)}</td><td>{n(f.pending)}</td>"
                    f"<td>{words.pct(r.value)}{e(interval)}</td></tr>")
    rate = words.count(
        agreement.agreed.total,
        N_("report", "Agreement rate {rate}: {n} agreed suggestion (each supported by both runs) "
           "and {disputed} disputed."),
        N_("report", "Agreement rate {rate}: {n} agreed suggestions (each supported by both runs) "
           "and {disputed} disputed."),
        rate=words.pct(agreement.rate), disputed=n(agreement.disputed.total))
    how = words(N_("report", "Acceptance is accepted (edited included) of decided, with its 95 % "
                   "Wilson interval."))
    head = "".join(f"<th>{e(words(h))}</th>" for h in HEADINGS)
    title = words(N_("report", "Two-model consensus"))
    return (f"<h2>{e(title)}</h2><p>{e(words.sentences(rate, how))}</p>"
            f"<table><tr>{head}</tr>" + "".join(rows) + "</table>")
