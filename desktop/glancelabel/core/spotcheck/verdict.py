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
permissions and the wording from here. The wording is `Text` (core.i18n): marked templates and
their values, so the interface shows it translated; `headline`, `advice`, `short` and
`extend_refusal()` give the English sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..i18n import N_, Sentences, Text, said
from .sequential import METHOD_ID, anytime_more_to_settle, anytime_verdict
from .stats import Verdict

CI_METHOD = "95 % Wilson interval (a figure read at one look, not a verdict)"


class Tone(StrEnum):
    """How a verdict should look: only PASS and FAIL look settled (green, red)."""

    PASS = "pass"
    FAIL = "fail"
    OPEN = "open"  # the whole sample is reviewed and leaves it open
    PROVISIONAL = "provisional"  # open so far: more of the sample is to be reviewed


VERDICT_WORDS = {Verdict.PASS: N_("spotcheck", "pass"), Verdict.FAIL: N_("spotcheck", "fail"),
                 Verdict.CONTINUE: N_("spotcheck", "continue")}


def verdict_word(verdict: Verdict) -> Text:
    """The verdict as a word for people: pass, fail, continue."""
    return said(VERDICT_WORDS[verdict])


def standing(verdict: Verdict) -> Text:
    """A class's verdict as a table shows it: pass, fail, or not settled so far."""
    if verdict == Verdict.CONTINUE:
        return said(N_("spotcheck", "not settled so far"))
    return verdict_word(verdict)


NO_VERDICT = N_("spotcheck", "No verdict yet")
NOTHING_LEFT = said(N_("errors", "Every image with suggestions is in the sample already; nothing "
                       "is left to draw, so the verdict stays open at this target."))


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict  # the anytime-valid verdict at this look
    final: bool  # the verdict stands: settled, or open after the whole sample
    remaining: int  # sampled images not reviewed yet
    more_needed: int | None  # about how many more images would settle an open verdict
    headline_text: Text  # "Not settled so far", "Pass: …", "Not settled: …"
    advice_text: Sentences  # what to do next, one or two sentences
    tone: Tone
    available: int | None = None  # images with suggestions outside the sample (None: unknown)
    method: str = METHOD_ID  # what gave the verdict

    @property
    def headline(self) -> str:
        return str(self.headline_text)

    @property
    def advice(self) -> str:
        return str(self.advice_text)

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
    def short_text(self) -> Text:
        """A few words for a status bar: "not settled so far", "pass: accept the rest", …"""
        if self.can_accept_rest:
            return said(N_("spotcheck", "pass: accept the rest in the Spot-check panel"))
        if self.can_extend:
            return said(N_("spotcheck", "not settled by the whole sample: K extends it"))
        if self.final and self.verdict == Verdict.CONTINUE:
            return said(N_("spotcheck", "not settled, and no image is left to draw"))
        if self.final:
            return said(N_("spotcheck", "fail"))
        if self.headline_text.template == NO_VERDICT:
            return said(N_("spotcheck", "no verdict yet"))
        return said(N_("spotcheck", "not settled so far"))

    @property
    def short(self) -> str:
        return str(self.short_text)

    def extend_refusal_text(self) -> Text | None:
        """Why the sample cannot be extended now (one sentence), or None when it can."""
        if self.can_extend:
            return None
        if self.final and self.verdict == Verdict.CONTINUE:
            return NOTHING_LEFT
        if not self.final:
            if self.remaining == 1:
                return said(N_("errors", "Review the {count} image left in the sample first; extend "
                               "it only when the whole sample leaves the verdict open."),
                            count=self.remaining)
            return said(N_("errors", "Review the {count} images left in the sample first; extend it "
                           "only when the whole sample leaves the verdict open."),
                        count=self.remaining)
        return said(N_("errors", "The spot-check has a final verdict ({verdict}); extending the "
                       "sample would not change it."), verdict=verdict_word(self.verdict))

    def extend_refusal(self) -> str | None:
        refusal = self.extend_refusal_text()
        return None if refusal is None else str(refusal)

    def to_dict(self) -> dict:
        return {"final": self.final, "remaining": self.remaining,
                "verdict_text": self.headline, "advice": self.advice,
                "can_accept_rest": self.can_accept_rest, "can_extend": self.can_extend,
                "verdict_method": self.method, "ci_method": CI_METHOD}


def _more_words(more: int | None) -> Text:
    if more is None:
        return said(N_("spotcheck", "the rate sits on the target, so more images may not settle it"))
    if more == 1:
        return said(N_("spotcheck", "about {count} more image would likely settle it"), count=more)
    return said(N_("spotcheck", "about {count} more images would likely settle it"), count=more)


def _stands(verdict: Verdict, accepted: int, reviewed: int, target: float) -> list[Text]:
    if verdict == anytime_verdict(accepted, reviewed, target):
        return []
    return [said(N_("spotcheck", "It was given at an earlier look and stands: later reviews do "
                    "not take it back."))]


def _pass_advice(remaining: int) -> list[Text]:
    out = [said(N_("spotcheck", "Accept the rest accepts the pending suggestions of the images "
                   "nobody reviewed (one step; Undo restores them)."))]
    if remaining == 1:
        out.append(said(N_("spotcheck", "It holds now, with {count} sampled image unreviewed: the "
                           "verdict stays valid however often you look."), count=remaining))
    elif remaining:
        out.append(said(N_("spotcheck", "It holds now, with {count} sampled images unreviewed: "
                           "the verdict stays valid however often you look."), count=remaining))
    return out


def _left_to_review(remaining: int, more: int | None) -> Text:
    if remaining == 1:
        return said(N_("spotcheck", "{count} image left to review; pass or fail is shown as soon "
                       "as the anytime-valid bounds clear the target ({more})."),
                    count=remaining, more=_more_words(more))
    return said(N_("spotcheck", "{count} images left to review; pass or fail is shown as soon as "
                   "the anytime-valid bounds clear the target ({more})."),
                count=remaining, more=_more_words(more))


def _open_advice(more: int | None, available: int | None) -> Text:
    """What to do when the whole sample leaves the verdict open."""
    if available == 0:
        return NOTHING_LEFT
    if more is None:
        return said(N_("spotcheck", "The rate sits on the target, so more images may not settle "
                       "it; extend the sample (K) to look further."))
    if available is None or more <= available:
        return said(N_("spotcheck", "Extend the sample (K): {more}."), more=_more_words(more))
    if available == 1:
        return said(N_("spotcheck", "Extend the sample (K): {more}, but only {available} is left: "
                       "extending adds it."), more=_more_words(more), available=available)
    return said(N_("spotcheck", "Extend the sample (K): {more}, but only {available} are left: "
                   "extending adds all {available}."), more=_more_words(more), available=available)


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
        return Decision(verdict, False, remaining, more, said(NO_VERDICT),
                        Sentences([said(N_("spotcheck", "Review a sampled image to begin."))]),
                        Tone.PROVISIONAL, available)
    stands = _stands(verdict, accepted, reviewed, target)
    if verdict == Verdict.PASS:
        return Decision(verdict, True, remaining, more,
                        said(N_("spotcheck", "Pass: the AI is good enough for the rest")),
                        Sentences([*_pass_advice(remaining), *stands]), Tone.PASS, available)
    if verdict == Verdict.FAIL:
        fix = said(N_("spotcheck", "Narrow the classes, change the prompt or model, or train a "
                      "model."))
        return Decision(verdict, True, remaining, more,
                        said(N_("spotcheck", "Fail: below the target")),
                        Sentences([fix, *stands]), Tone.FAIL, available)
    if remaining:
        return Decision(verdict, False, remaining, more,
                        said(N_("spotcheck", "Not settled so far")),
                        Sentences([_left_to_review(remaining, more)]), Tone.PROVISIONAL,
                        available)
    return Decision(verdict, True, 0, more,
                    said(N_("spotcheck", "Not settled: the whole sample leaves it open")),
                    Sentences([_open_advice(more, available)]), Tone.OPEN, available)
