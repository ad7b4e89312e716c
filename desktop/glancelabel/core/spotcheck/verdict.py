"""The spot-check verdict, in one place: what the reviewed sample allows people to conclude, what
they may do next, and the words the app and the CLI show for it.

Today's rule: the 95 % Wilson interval of the image acceptance against the target (`verdict_for`)
gives pass, fail or continue; that verdict is only *final* once every sampled image is reviewed.
Until then it is shown as provisional ("Fail so far"), because reading the interval after every
image is many looks at the data and an early red "Fail" could still turn into "continue". On a
final pass the rest may be accepted; on a final "continue" the sample may be extended (K); a final
pass or fail is never reopened by extending. A look-proof (anytime-valid) method replaces `decide`
and nothing else: every caller reads the verdict, the permissions and the wording from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..review.queue import plural
from .stats import Verdict, more_to_settle, verdict_for, wilson


class Tone(StrEnum):
    """How a verdict should look: only PASS and FAIL look settled (green, red)."""

    PASS = "pass"
    FAIL = "fail"
    OPEN = "open"  # final "continue": the whole sample leaves it open
    PROVISIONAL = "provisional"  # the sample is not fully reviewed yet


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict  # what the interval says now
    final: bool  # the whole sample is reviewed: the verdict stands
    remaining: int  # sampled images not reviewed yet
    more_needed: int | None  # about how many more images would settle an open verdict
    headline: str  # "Fail so far", "Pass: …", "Not settled: …"
    advice: str  # what to do next, one or two sentences
    tone: Tone
    available: int | None = None  # images with suggestions outside the sample (None: unknown)

    @property
    def can_accept_rest(self) -> bool:
        return self.final and self.verdict == Verdict.PASS

    @property
    def can_extend(self) -> bool:
        return self.final and self.verdict == Verdict.CONTINUE and self.available != 0

    @property
    def to_draw(self) -> int | None:
        """How many images extending draws by default: the estimate, at most what is left."""
        if self.more_needed is None or self.available is None:
            return self.more_needed
        return min(self.more_needed, self.available)

    @property
    def short(self) -> str:
        """A few words for a status bar: "fail so far", "pass: accept the rest", …"""
        if self.can_accept_rest:
            return "pass: accept the rest in the Spot-check panel"
        if self.can_extend:
            return "not settled by the whole sample: K extends it"
        if self.final and self.verdict == Verdict.CONTINUE:
            return "not settled, and no image is left to draw"
        if self.final:
            return "fail"
        return self.headline.lower()

    def extend_refusal(self) -> str | None:
        """Why the sample cannot be extended now (one sentence), or None when it can."""
        if self.can_extend:
            return None
        if self.final and self.verdict == Verdict.CONTINUE:
            return NOTHING_LEFT
        if not self.final:
            return (f"Review the {plural(self.remaining, 'image')} left in the sample first; "
                    "extend it only when the whole sample leaves the verdict open.")
        return (f"The spot-check has a final verdict ({self.verdict}); extending the sample "
                "would not change it.")

    def to_dict(self) -> dict:
        return {"final": self.final, "remaining": self.remaining,
                "verdict_text": self.headline, "advice": self.advice,
                "can_accept_rest": self.can_accept_rest, "can_extend": self.can_extend}


def interval_verdict(successes: int, n: int, target: float) -> Verdict:
    """The verdict of an acceptance of successes / n against the target (per class too)."""
    low, high = wilson(successes, n)
    return verdict_for(low, high, target)


NOTHING_LEFT = ("Every image with suggestions is in the sample already; nothing is left to draw, so "
                "the verdict stays open at this target.")


def decide(accepted: int, reviewed: int, sample_size: int, target: float,
           available: int | None = None) -> Decision:
    """The verdict of a spot-check whose sample of `sample_size` images has `reviewed` reviewed,
    `accepted` of them accepted unchanged; `available`: images that could still be drawn into
    the sample (None: unknown)."""
    verdict = interval_verdict(accepted, reviewed, target)
    more = more_to_settle(accepted, reviewed, target)
    remaining = max(0, sample_size - reviewed)
    final = reviewed > 0 and remaining == 0
    if not reviewed:
        return Decision(verdict, False, remaining, more, "No verdict yet",
                        "Review a sampled image to begin.", Tone.PROVISIONAL, available)
    if not final:
        headline = {Verdict.PASS: "Pass so far", Verdict.FAIL: "Fail so far",
                    Verdict.CONTINUE: "Not settled so far"}[verdict]
        advice = (f"{plural(remaining, 'image')} left to review; the verdict is final when the "
                  "whole sample is reviewed.")
        return Decision(verdict, False, remaining, more, headline, advice, Tone.PROVISIONAL,
                        available)
    if verdict == Verdict.PASS:
        return Decision(verdict, True, 0, more, "Pass: the AI is good enough for the rest",
                        "Accept the rest accepts the pending suggestions outside the sample "
                        "(one step; Undo restores them).", Tone.PASS, available)
    if verdict == Verdict.FAIL:
        return Decision(verdict, True, 0, more, "Fail: below the target",
                        "Narrow the classes, change the prompt or model, or train a model.",
                        Tone.FAIL, available)
    if available == 0:
        advice = NOTHING_LEFT
    elif more is None:
        advice = ("The rate sits on the target, so more images may not settle it; extend the "
                  "sample (K) to look further.")
    else:
        words = "image would" if more == 1 else "images would"
        advice = f"Extend the sample (K): about {more} more {words} likely settle it"
        if available is not None and more > available:
            advice += (f", but only {available} {'is' if available == 1 else 'are'} left: "
                       "extending adds "
                       + ("it" if available == 1 else f"all {available}"))
        advice += "."
    return Decision(verdict, True, 0, more, "Not settled: the whole sample leaves it open",
                    advice, Tone.OPEN, available)
