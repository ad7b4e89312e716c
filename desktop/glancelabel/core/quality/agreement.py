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

from ..review.queue import plural
from ..spotcheck.summary import Rate
from ..store.consensus import AGREED, DISPUTED, decisions_by_mark

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


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def agreement_section(agreement: Agreement | None) -> str:
    """The report's HTML section (empty without a consensus)."""
    if agreement is None:
        return ""
    rows = []
    for name, f in (("agreed", agreement.agreed), ("disputed", agreement.disputed)):
        r = f.acceptance
        interval = "" if r.value is None else f" ({_pct(r.low)}–{_pct(r.high)})"
        rows.append(f"<tr><td>{name}</td><td>{f.total}</td><td>{f.accepted}</td>"
                    f"<td>{f.edited}</td><td>{f.rejected}</td><td>{f.pending}</td>"
                    f"<td>{_pct(r.value)}{html.escape(interval)}</td></tr>")
    a = agreement.agreed.total
    return ("<h2>Two-model consensus</h2>"
            f"<p>Agreement rate {_pct(agreement.rate)}: {plural(a, 'agreed suggestion')} "
            f"(each supported by both runs) and {agreement.disputed.total} disputed. "
            "Acceptance is accepted (edited included) of decided, with its 95 % Wilson "
            "interval.</p><table><tr><th>suggestions</th><th>count</th><th>accepted</th>"
            "<th>edited</th><th>rejected</th><th>pending</th><th>acceptance</th></tr>"
            + "".join(rows) + "</table>")
