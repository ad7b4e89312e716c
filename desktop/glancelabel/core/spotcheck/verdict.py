"""The spot-check verdict, in one place: what the reviewed sample allows people to conclude, what
they may do next, and the words the app and the CLI show for it.

Pass and fail come only from the anytime-valid confidence sequence of `sequential`
(`anytime_verdict`): it may be read after every reviewed image, and the first verdict a look
gives along the walk stands from then on, before the end of the sample too (`first_verdict` over
`summary.walked`, the reviewed start of the walk: later reviews that bring the counts back do not
take it back; reviews ahead of an image left to review count in the current counts only). While it leaves the verdict open, people see the
running acceptance with its ordinary 95 % Wilson interval, labelled "so far" (a figure, never a
verdict). "Accept the rest" is allowed on an anytime-valid pass only; extending the sample (K) when
the whole sample is reviewed and the verdict is still open. Every caller reads the verdict, the
permissions and the wording from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..review.queue import plural
from .sequential import METHOD_ID, anytime_more_to_settle, anytime_verdict
from .stats import Verdict

CI_METHOD = "95 % Wilson interval (a figure read at one look, not a verdict)"


class Tone(StrEnum):
    """How a verdict should look: only PASS and FAIL look settled (green, red)."""

    PASS = "pass"
    FAIL = "fail"
    OPEN = "open"  # the whole sample is reviewed and leaves it open
    PROVISIONAL = "provisional"  # open so far: more of the sample is to be reviewed


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict  # the anytime-valid verdict at this look
    final: bool  # the verdict stands: settled, or open after the whole sample
    remaining: int  # sampled images not reviewed yet
    more_needed: int | None  # about how many more images would settle an open verdict
    headline: str  # "Not settled so far", "Pass: …", "Not settled: …"
    advice: str  # what to do next, one or two sentences
    tone: Tone
    available: int | None = None  # images with suggestions outside the sample (None: unknown)
    method: str = METHOD_ID  # what gave the verdict

    @property
    def settled(self) -> bool:
        return self.verdict != Verdict.CONTINUE

    @property
    def can_accept_rest(self) -> bool:
        return self.verdict == Verdict.PASS

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
        """A few words for a status bar: "not settled so far", "pass: accept the rest", …"""
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
                "can_accept_rest": self.can_accept_rest, "can_extend": self.can_extend,
                "verdict_method": self.method, "ci_method": CI_METHOD}


NOTHING_LEFT = ("Every image with suggestions is in the sample already; nothing is left to draw, so "
                "the verdict stays open at this target.")


def _more_words(more: int | None) -> str:
    if more is None:
        return "the rate sits on the target, so more images may not settle it"
    return f"about {more} more {'image' if more == 1 else 'images'} would likely settle it"


def decide(accepted: int, reviewed: int, sample_size: int, target: float,
           available: int | None = None, kept: Verdict = Verdict.CONTINUE) -> Decision:
    """The verdict of a spot-check whose sample of `sample_size` images has `reviewed` reviewed,
    `accepted` of them accepted unchanged; `available`: images that could still be drawn into
    the sample (None: unknown); `kept`: a verdict an earlier look gave (`first_verdict`), which
    stands whatever the counts say now."""
    verdict = kept if kept != Verdict.CONTINUE else anytime_verdict(accepted, reviewed, target)
    more = anytime_more_to_settle(accepted, reviewed, target) if verdict == Verdict.CONTINUE else 0
    remaining = max(0, sample_size - reviewed)
    if not reviewed:
        return Decision(verdict, False, remaining, more, "No verdict yet",
                        "Review a sampled image to begin.", Tone.PROVISIONAL, available)
    stands = (" It was given at an earlier look and stands: later reviews do not take it back."
              if verdict != anytime_verdict(accepted, reviewed, target) else "")
    if verdict == Verdict.PASS:
        early = (f" It holds now, with {plural(remaining, 'sampled image')} unreviewed: the "
                 "verdict stays valid however often you look." if remaining else "")
        return Decision(verdict, True, remaining, more, "Pass: the AI is good enough for the rest",
                        "Accept the rest accepts the pending suggestions of the images nobody "
                        "reviewed (one step; Undo restores them)." + early + stands, Tone.PASS,
                        available)
    if verdict == Verdict.FAIL:
        return Decision(verdict, True, remaining, more, "Fail: below the target",
                        "Narrow the classes, change the prompt or model, or train a model."
                        + stands, Tone.FAIL, available)
    if remaining:
        advice = (f"{plural(remaining, 'image')} left to review; pass or fail is shown as soon as "
                  f"the anytime-valid bounds clear the target ({_more_words(more)}).")
        return Decision(verdict, False, remaining, more, "Not settled so far", advice,
                        Tone.PROVISIONAL, available)
    if available == 0:
        advice = NOTHING_LEFT
    elif more is None:
        advice = ("The rate sits on the target, so more images may not settle it; extend the "
                  "sample (K) to look further.")
    else:
        advice = f"Extend the sample (K): {_more_words(more)}"
        if available is not None and more > available:
            advice += (f", but only {available} {'is' if available == 1 else 'are'} left: "
                       "extending adds "
                       + ("it" if available == 1 else f"all {available}"))
        advice += "."
    return Decision(verdict, True, 0, more, "Not settled: the whole sample leaves it open",
                    advice, Tone.OPEN, available)
