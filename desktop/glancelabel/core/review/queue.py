"""The review queue, Qt-free: which suggestion or image comes next, and the review verbs.

The GUI asks this module what to show next and calls its verbs; every verb returns the applied
`ChangeSet` (already committed by the store) so the caller can push it onto the undo stack and
refresh what `cs.touched_images()` names. The rules:

- the suggestions *shown* on an image are its pending ones at or above the confidence threshold
  (a suggestion without a confidence is always shown); bulk verbs act only on what is shown;
- the shown suggestions of an image come in review order: those two models dispute first, then
  those of a single model, then those two models agree on (two-model consensus), by id within each;
- "next pending" moves forward through the shown pending suggestions of one image in that order,
  wrapping;
- "next image that needs review" moves forward through the list order, wrapping, to an image with
  a pending suggestion at or above the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import EllipsisType
from typing import TYPE_CHECKING, TypeVar

from ..i18n import N_, Text, said
from ..model import Box, ReviewState, Suggestion, SuggestionState
from ..store.consensus import AGREED, DISPUTED, marks_on
from .changes import ChangeSet
from .describe import and_list

if TYPE_CHECKING:
    from ..store import Store

T = TypeVar("T")


def is_shown(s: Suggestion, threshold: float) -> bool:
    return s.confidence is None or s.confidence >= threshold


# review order of the consensus marks: disputed first, single-model next, agreed last
REVIEW_RANK = {DISPUTED: 0, None: 1, AGREED: 2}
NEAR = 256  # images after the current one looked at first for the next needing review


def cycle(keys: Sequence[T], current: T | None, step: int = 1) -> T | None:
    """The key after (step=1) or before (step=-1) `current` in `keys`, wrapping; the first (or
    last) when `current` is not among them; None when there are none (Tab / Shift+Tab)."""
    if not keys:
        return None
    if current not in keys:
        return keys[0] if step > 0 else keys[-1]
    index = next(i for i, k in enumerate(keys) if k == current)
    return keys[(index + step) % len(keys)]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 box', '2 boxes', '0 suggestions'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class BulkOutcome:
    """What Space or X did on one image: the applied change set and exactly what it decided."""

    cs: ChangeSet
    word: str  # "Accepted" | "Rejected"
    decided: int  # suggestions accepted or rejected
    shown: int  # shown pending suggestions before
    unknown: list[str]  # raw labels left pending because they are not classes yet
    done: bool  # the image is done now

    def message(self) -> Text:
        """"Accepted 2 suggestions; image done." or why the image stays open (str() in English)."""
        accepted = self.word == "Accepted"
        if self.shown == 0:
            return said(N_("review", "Nothing was pending here; image done."))
        if self.done:
            if accepted:
                return said(N_("review", "Accepted {n} suggestion; image done.") if self.decided == 1
                            else N_("review", "Accepted {n} suggestions; image done."), n=self.decided)
            return said(N_("review", "Rejected {n} suggestion; image done.") if self.decided == 1
                        else N_("review", "Rejected {n} suggestions; image done."), n=self.decided)
        names = and_list([said(N_("review", "'{name}'"), name=n) for n in self.unknown])
        if len(self.unknown) == 1:
            why = said(N_("review", "{names} is not a class yet — M maps it"), names=names)
        else:
            why = said(N_("review", "{names} are not classes yet — M maps them"), names=names)
        return said(N_("review", "Accepted {n} of {shown}: {why}.") if accepted
                    else N_("review", "Rejected {n} of {shown}: {why}."),
                    n=self.decided, shown=self.shown, why=why)


@dataclass
class ReviewQueue:
    """Review decisions over one store, with a confidence threshold (the panel's slider)."""

    store: Store
    threshold: float = 0.0

    # -- what is shown --------------------------------------------------------------------
    def shown(self, image_id: int) -> list[Suggestion]:
        """Suggestions drawn for an image: pending ones above the threshold, in review order
        (decided ones are not drawn: their annotations are)."""
        return [s for _key, s in self._ordered(image_id)]

    def _ordered(self, image_id: int) -> list[tuple[tuple[int, int], Suggestion]]:
        """(review-order key, suggestion) of the shown suggestions, sorted."""
        pending = [s for s in self.store.suggestions(image_id, states=[SuggestionState.PENDING])
                   if is_shown(s, self.threshold)]
        marks = marks_on(self.store, image_id) if pending else {}
        return sorted(((REVIEW_RANK[marks.get(s.id)], s.id), s) for s in pending)

    def marks(self, image_id: int) -> dict[int, str]:
        """Suggestion id -> 'agreed' | 'disputed' on this image (two-model consensus)."""
        return marks_on(self.store, image_id)

    def hidden_count(self, image_id: int) -> int:
        pending = self.store.suggestions(image_id, states=[SuggestionState.PENDING])
        return sum(1 for s in pending if not is_shown(s, self.threshold))

    def next_pending(self, image_id: int, after: int | None = None) -> int | None:
        """The shown pending suggestion after suggestion id `after` in review order (wrapping;
        `after` may be decided by now), else None."""
        ordered = self._ordered(image_id)
        if not ordered:
            return None
        if after is None:
            return ordered[0][1].id
        key = (REVIEW_RANK[self.marks(image_id).get(after)], after)
        later = [s.id for k, s in ordered if k > key]
        return later[0] if later else ordered[0][1].id

    def needs_review(self, image_id: int) -> bool:
        return bool(self.shown(image_id))

    def next_image_needing_review(
        self, order: Sequence[int], current: int | None, step: int = 1
    ) -> int | None:
        """The next image in `order` (after `current`, wrapping) with a shown pending suggestion;
        None when no image needs review. `current` itself is considered last.

        A key press calls it: the images just after `current` are looked at first, by their
        pending counts (NEAR of them), so where many images need review it reads no more than
        those; only when none of them does is the list of all images needing review read."""
        n = len(order)
        if not n:
            return None
        start = order.index(current) if current in order else -1
        near = [order[(start + k * step) % n] for k in range(1, min(NEAR, n) + 1)]
        pending = self.store.pending_counts(near)
        for image_id in near:
            if pending.get(image_id) and self.needs_review(image_id):
                return image_id
        candidates = set(self.store.image_ids("needs_review"))
        if not candidates:
            return None
        for k in range(len(near) + 1, n + 1):
            image_id = order[(start + k * step) % n]
            if image_id in candidates and self.needs_review(image_id):
                return image_id
        return None

    # -- decisions ------------------------------------------------------------------------
    def accept(
        self, sid: int, *, label_id: int | None | EllipsisType = ..., box: Box | None = None
    ) -> ChangeSet:
        """Accept one suggestion; a changed class or box records it as edited."""
        return self.store.accept_suggestions([sid], label_id=label_id, box=box)

    def reject(self, sid: int) -> ChangeSet:
        return self.store.reject_suggestions([sid])

    def accept_shown(self, image_id: int) -> BulkOutcome:
        """Space: accept every shown pending suggestion that has a class. Suggestions with an
        unknown label stay pending (they need M first); the image is marked done only when
        nothing shown stays pending, so an image is never done with a question left open."""
        shown = self.shown(image_id)
        ids = [s.id for s in shown if s.label_id is not None]
        unknown = self.unknown_labels(image_id)
        left = len(shown) - len(ids)
        cs = self.store.accept_suggestions(ids, decided_by="person", mark_done=not left,
                                           verb="suggestion.accept_all")
        if not shown:  # nothing to accept: still a decision that the image is done
            cs = self.store.set_review_state([image_id], ReviewState.DONE)
        return BulkOutcome(cs, "Accepted", len(ids), len(shown), unknown, done=not left)

    def reject_shown(self, image_id: int) -> BulkOutcome:
        """X: reject every shown pending suggestion and mark the image done."""
        ids = [s.id for s in self.shown(image_id)]
        if not ids:
            cs = self.store.set_review_state([image_id], ReviewState.DONE)
        else:
            cs = self.store.reject_suggestions(ids, mark_done=True)
        return BulkOutcome(cs, "Rejected", len(ids), len(ids), [], done=True)

    def decide_marked(self, image_id: int, mark: str, *, accept: bool) -> BulkOutcome:
        """`review --only agreed|disputed`: accept (or reject) the shown suggestions with this
        consensus mark (unknown labels stay pending when accepting); the image is marked done
        only when nothing shown stays pending on it."""
        shown = self.shown(image_id)
        marks = self.marks(image_id)
        mine = [s for s in shown if marks.get(s.id) == mark]
        ids = [s.id for s in mine if s.label_id is not None or not accept]
        unknown = list(dict.fromkeys(s.raw_label for s in mine if s.label_id is None))
        done = len(ids) == len(shown)
        if accept:
            cs = self.store.accept_suggestions(ids, decided_by="person", mark_done=done,
                                               verb="suggestion.accept_all")
        else:
            cs = self.store.reject_suggestions(ids, mark_done=done)
        return BulkOutcome(cs, "Accepted" if accept else "Rejected", len(ids), len(mine),
                           unknown if accept else [], done=done)

    def unknown_labels(self, image_id: int) -> list[str]:
        """Raw labels of shown suggestions that are not mapped to a class yet, in order."""
        out: list[str] = []
        for s in self.shown(image_id):
            if s.label_id is None and s.raw_label not in out:
                out.append(s.raw_label)
        return out

