"""Glance review, Qt-free: one class's pending suggestions as pages of tiles, decided a page at a time.

A `GlanceSession` lists the shown pending suggestions of one class (the review queue's rule: at or
above the confidence threshold) in a chosen order, and hands them out a page at a time. On a
`GlancePage` the person flips tiles to reject (X/N), gives tiles another class (1-9) and accepts
single tiles at once (Enter/Y); Space decides the rest of the page with `decide_page`:

- unflipped tiles are accepted (with their new class, recorded as edited, when they were given one),
  flipped tiles are rejected;
- an image becomes done only when nothing shown on it stays pending, the rule Space follows in the
  normal view, so another class's suggestion on it keeps it open;
- everything is written in one transaction and returned as one change set, so one Ctrl+Z takes the
  whole page back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ..i18n import N_, Text, said
from ..model import Box, Kind, Label, ReviewState, Suggestion, SuggestionState
from .changes import ChangeSet, RowChange
from .describe import and_list
from .queue import ReviewQueue, is_shown

if TYPE_CHECKING:
    from ..store import Store

GLANCE_VERB = "suggestion.glance"
MIN_PAGE, MAX_PAGE = 24, 60  # tiles on a page, whatever the window's size


class GlanceOrder(StrEnum):
    UNCERTAIN = "uncertain"  # largest uncertainty first
    CONFIDENT = "confident"  # highest confidence first


ORDER_NAMES = {GlanceOrder.UNCERTAIN: N_("glance", "Most uncertain first"),
               GlanceOrder.CONFIDENT: N_("glance", "Most confident first")}


def uncertainty(confidence: float | None) -> float:
    """1 at confidence 0.5 (a coin toss) down to 0 at 0 or 1; 1 without a confidence (the model
    said nothing about it)."""
    if confidence is None:
        return 1.0
    return 1.0 - abs(2.0 * min(max(confidence, 0.0), 1.0) - 1.0)


def ordered(suggestions: Iterable[Suggestion], order: GlanceOrder) -> list[Suggestion]:
    """The suggestions in glance order; ties keep the image order (then the suggestion id)."""
    items = list(suggestions)
    if order is GlanceOrder.UNCERTAIN:
        return sorted(items, key=lambda s: -uncertainty(s.confidence))
    return sorted(items, key=lambda s: -_confidence_or_none_first(s))


def _confidence_or_none_first(s: Suggestion) -> float:
    return s.confidence if s.confidence is not None else -1.0


# -- the page's shape and a tile's picture ---------------------------------------------------
@dataclass(frozen=True)
class PageShape:
    columns: int
    rows: int
    side: int  # a tile's side in pixels, spacing included

    @property
    def size(self) -> int:
        return self.columns * self.rows


def page_shape(width: int, height: int, largest: int = 200, smallest: int = 96) -> PageShape:
    """The largest square tiles (between `smallest` and `largest` px) of which 24-60 fit in
    width x height; when even the smallest leave fewer than 24, tiles shrink below it."""
    width, height = max(width, 1), max(height, 1)
    for side in range(largest, smallest - 1, -4):
        columns, rows = width // side, height // side
        if columns * rows >= MIN_PAGE:
            columns = min(columns, MAX_PAGE)
            rows = max(1, min(rows, MAX_PAGE // columns))
            return PageShape(columns, rows, side)
    columns = max(width // smallest, 1)
    while columns * max(height // max(width // columns, 1), 1) < MIN_PAGE and columns < MIN_PAGE:
        columns += 1
    side = max(width // columns, 16)
    rows = min(max(math.ceil(MIN_PAGE / columns), height // side), MAX_PAGE // columns or 1)
    return PageShape(columns, rows, side)


def fit_shape(count: int, width: int, height: int, largest: int = 200) -> PageShape:
    """The largest square tiles (at most `largest` px) that show `count` tiles in width x height:
    a page laid out again when the window changes size."""
    for side in range(largest, 15, -2):
        columns = max(width // side, 1)
        rows = max(math.ceil(count / columns), 1)
        if rows * side <= height and columns * side <= width:
            return PageShape(columns, rows, side)
    columns = max(width // 16, 1)
    return PageShape(columns, max(math.ceil(count / columns), 1), 16)


def crop_region(box: Box, width: int, height: int, margin: float = 0.25,
                least: float = 24.0) -> Box:
    """The square a box tile shows: the box and a margin of `margin` times its longer side all
    round (at least `least` px across), moved inside the image where it can be."""
    side = max(max(box.w, box.h) * (1.0 + 2.0 * margin), least)
    side = min(side, float(max(width, height)))
    cx, cy = box.x + box.w / 2.0, box.y + box.h / 2.0
    x = min(max(cx - side / 2.0, 0.0), max(width - side, 0.0))
    y = min(max(cy - side / 2.0, 0.0), max(height - side, 0.0))
    return Box(x, y, side, side)


SHARPNESS = 0.75  # a tile may be drawn from a decode this much smaller than the tile


def decode_side(region: Box, width: int, height: int, tile: int) -> int:
    """The long side to decode an image at so that `region` comes out at least SHARPNESS x
    `tile` px across (a whole-image thumbnail: the region is the image). A glance needs no more,
    and JPEG draft decoding at a quarter of the size instead of a half is about three times
    faster on 12-megapixel photos."""
    across = max(min(region.w, region.h), 1.0)
    return max(int(math.ceil(max(width, height) * tile * SHARPNESS / across)), tile)


# -- pages -----------------------------------------------------------------------------------
@dataclass
class GlancePage:
    """One page of tiles and what the person has marked on it so far."""

    label_id: int
    tiles: list[Suggestion]
    flipped: set[int] = field(default_factory=set)  # to be rejected
    classes: dict[int, int] = field(default_factory=dict)  # suggestion id -> new class
    decided: dict[int, str] = field(default_factory=dict)  # decided one at a time: state

    def ids(self) -> list[int]:
        return [s.id for s in self.tiles]

    def open_ids(self) -> list[int]:
        """Tiles not decided yet (Space decides these)."""
        return [s.id for s in self.tiles if s.id not in self.decided]

    def flip(self, sid: int) -> bool:
        """X/N: reject this tile with the page, or take that back. True when it is flipped now."""
        if sid in self.decided:
            return sid in self.flipped
        if sid in self.flipped:
            self.flipped.discard(sid)
            return False
        self.flipped.add(sid)
        return True

    def reclassify(self, sid: int, label_id: int) -> None:
        """1-9: accept this tile as another class with the page (its own class: as suggested)."""
        self.flipped.discard(sid)
        if label_id == self.label_id:
            self.classes.pop(sid, None)
        else:
            self.classes[sid] = label_id


def _decided_counts(cs: ChangeSet) -> tuple[int, int, dict[int, int], list[int]]:
    """Accepted, rejected, accepted as another class (by class), images made done: read from
    the applied change set, so the sentence says what was written."""
    accepted = rejected = 0
    done = [c.id for c in cs.changes if c.table == "images" and c.id is not None
            and (c.after or {}).get("review_state") == str(ReviewState.DONE)]
    classes: dict[int, int] = {}
    for c in cs.changes:
        state = (c.after or {}).get("state") if c.table == "suggestions" else None
        if state == SuggestionState.REJECTED:
            rejected += 1
        elif state in (SuggestionState.ACCEPTED, SuggestionState.EDITED):
            accepted += 1
    for c in cs.changes:
        if c.table == "annotations" and c.before is None and c.after is not None:
            classes[c.after["label_id"]] = classes.get(c.after["label_id"], 0) + 1
    return accepted, rejected, classes, done


@dataclass(frozen=True)
class PageOutcome:
    """What Space did on a page: the applied change set and a sentence saying exactly that."""

    cs: ChangeSet
    label: Label
    names: dict[int, str]  # class id -> name, for the classes tiles were given
    total: int  # tiles Space decided
    left_open: int  # images of those tiles that still hold pending suggestions

    def counts(self) -> tuple[int, int, dict[int, int], list[int]]:
        return _decided_counts(self.cs)

    def message(self) -> Text:
        """"Accepted 20, accepted 1 as 'dog' and rejected 4 of 25 'cat' suggestions; 17 images
        done, 2 still have other pending suggestions." (str() in English)."""
        accepted, rejected, classes, done = self.counts()
        if self.total == 0:
            return said(N_("glance", "Nothing was left to decide on this page of '{name}' suggestions."),
                        name=self.label.name)
        parts: list[Text] = []
        own = classes.get(self.label.id, 0)
        if own or (accepted and not classes):
            parts.append(said(N_("glance", "Accepted {n}") if not parts else N_("glance", "accepted {n}"),
                              n=own))
        for label_id, n in classes.items():
            if label_id != self.label.id:
                other = self.names.get(label_id, "?")
                parts.append(said(N_("glance", "Accepted {n} as '{other}'") if not parts
                                  else N_("glance", "accepted {n} as '{other}'"), n=n, other=other))
        if rejected:
            parts.append(said(N_("glance", "Rejected {n}") if not parts else N_("glance", "rejected {n}"),
                              n=rejected))
        if not parts:
            parts.append(said(N_("glance", "Decided none")))
        main = said(N_("glance", "{decisions} of {n} '{name}' suggestion; {images} done") if self.total == 1
                    else N_("glance", "{decisions} of {n} '{name}' suggestions; {images} done"),
                    decisions=and_list(parts), n=self.total, name=self.label.name,
                    images=said(N_("glance", "{n} image") if len(done) == 1 else N_("glance", "{n} images"),
                                n=len(done)))
        left: Text | str = ""
        if self.left_open:
            left = said(N_("glance", ", {n} still has other pending suggestions") if self.left_open == 1
                        else N_("glance", ", {n} still have other pending suggestions"), n=self.left_open)
        gone = self.total - accepted - rejected
        elsewhere: Text | str = ""
        if gone:
            elsewhere = said(N_("glance", "; {n} was decided elsewhere already") if gone == 1
                             else N_("glance", "; {n} were decided elsewhere already"), n=gone)
        return said(N_("glance", "{main}{left}{elsewhere}."), main=main, left=left, elsewhere=elsewhere)


def _done_changes(queue: ReviewQueue, image_ids: Iterable[int]) -> tuple[list[RowChange], int]:
    """Images (of the given ones) to mark done now that nothing shown on them is pending, and
    how many stay open. Read inside the caller's transaction: it sees the page's decisions."""
    store = queue.store
    to_mark, left = [], 0
    for image_id in sorted(set(image_ids)):
        if queue.shown(image_id):
            left += 1
        else:
            to_mark.append(image_id)
    return store.review_state_changes(to_mark, ReviewState.DONE), left


def _one_set(parts: Sequence[ChangeSet], image_ids: set[int], meta: dict) -> ChangeSet:
    changes = tuple(c for cs in parts for c in cs.changes)
    image_id = next(iter(image_ids)) if len(image_ids) == 1 else None
    return ChangeSet(GLANCE_VERB, changes, image_id, meta)


def decide_page(queue: ReviewQueue, page: GlancePage) -> PageOutcome:
    """Space: accept the page's open unflipped tiles (as their new class where given), reject the
    flipped ones, mark done the images left with nothing shown pending; one transaction, one
    change set."""
    store: Store = queue.store
    label = store.label(page.label_id)
    if label is None:
        raise ValueError("the class of this page is gone")
    open_ids = page.open_ids()
    keep = [sid for sid in open_ids if sid not in page.flipped and sid not in page.classes]
    moved: dict[int, list[int]] = {}
    for sid in open_ids:
        if sid not in page.flipped and sid in page.classes:
            moved.setdefault(page.classes[sid], []).append(sid)
    rejected = [sid for sid in open_ids if sid in page.flipped]
    images = {s.image_id for s in page.tiles if s.id in open_ids}
    with store.decision():  # queued behind a worker's write like every verb (pending.py)
        parts = [store.accept_suggestions(keep)] if keep else []
        parts += [store.accept_suggestions(ids, label_id=lab) for lab, ids in moved.items()]
        if rejected:
            parts.append(store.reject_suggestions(rejected))
        done, left = _done_changes(queue, images)
        if done:
            parts.append(store.apply(ChangeSet("image.done", tuple(done))))
    cs = _one_set(parts, images, {"label": label.name})
    names = {lab: (found.name if (found := store.label(lab)) else "another class") for lab in moved}
    for sid in open_ids:
        page.decided[sid] = "rejected" if sid in page.flipped else "accepted"
    return PageOutcome(cs, label, names, len(open_ids), left)


@dataclass(frozen=True)
class TileOutcome:
    cs: ChangeSet
    text: Text  # str() in English


def accept_tile(queue: ReviewQueue, page: GlancePage, sid: int) -> TileOutcome:
    """Enter/Y: accept this one tile now (as its new class when it was given one), and mark its
    image done when nothing shown on it stays pending."""
    store: Store = queue.store
    s = store.suggestion(sid)
    if s is None or s.state != SuggestionState.PENDING:
        return TileOutcome(ChangeSet(GLANCE_VERB, ()),
                           said(N_("glance", "That suggestion is already decided.")))
    new_class = page.classes.get(sid)
    with store.decision():
        parts = [store.accept_suggestions([sid], label_id=new_class if new_class else ...)]
        done, left = _done_changes(queue, [s.image_id])
        if done:
            parts.append(store.apply(ChangeSet("image.done", tuple(done))))
    page.flipped.discard(sid)
    page.decided[sid] = "accepted"
    rec = store.image(s.image_id)
    label = store.label(page.label_id)
    meta = {"label": label.name} if label else {}
    return TileOutcome(_one_set(parts, {s.image_id}, meta),
                       _tile_text(store, label, new_class, rec.relpath if rec else None, done, left))


def _tile_text(store: Store, label: Label | None, new_class: int | None, where: str | None,
               done: Sequence[RowChange], left: int) -> Text:
    """"Accepted 'cat' as 'dog' on img.jpg; image done." and its kin."""
    name: Text = (said(N_("glance", "'{name}'"), name=label.name) if label
                  else said(N_("glance", "the suggestion")))
    if new_class:
        other = store.label(new_class)
        name = said(N_("glance", "{name} as '{other}'"), name=name, other=other.name if other else "?")
    image: Text | str = where or said(N_("glance", "its image"))
    if done:
        return said(N_("glance", "Accepted {name} on {image}; image done."), name=name, image=image)
    if left:
        return said(N_("glance", "Accepted {name} on {image} ({image} still has pending suggestions)."),
                    name=name, image=image)
    return said(N_("glance", "Accepted {name} on {image}."), name=name, image=image)


# -- the session -----------------------------------------------------------------------------
def _from_row(row: tuple) -> Suggestion:
    """A suggestion from a row of `Store.export_suggestion_rows`."""
    image_id, sid, kind, raw, label_id, x, y, w, h, text, conf, state, _p, _m, run_id, why = row
    box = None if x is None else Box(x, y, w, h)
    return Suggestion(sid, run_id, image_id, Kind(kind), raw, label_id, box, text, conf, why or "",
                      SuggestionState(state))


class GlanceSession:
    """One class's shown pending suggestions in glance order, a page at a time."""

    def __init__(self, queue: ReviewQueue, order: GlanceOrder = GlanceOrder.UNCERTAIN) -> None:
        self.queue = queue
        self.order = order
        self.label_id: int | None = None
        self.page_size = MIN_PAGE
        self._by_class: dict[int, list[Suggestion]] = {}
        self._list: list[Suggestion] = []

    @property
    def store(self) -> Store:
        return self.queue.store

    def reload(self) -> None:
        """Read every shown pending suggestion with a class again, by class, in the image list's
        order (one query: 40,000 suggestions in well under a second)."""
        position = {image_id: k for k, image_id in enumerate(self.store.image_ids("needs_review"))}
        by_class: dict[int, list[Suggestion]] = {}
        for row in self.store.export_suggestion_rows([SuggestionState.PENDING]):
            s = _from_row(row)
            if s.label_id is not None and s.image_id in position and is_shown(s, self.queue.threshold):
                by_class.setdefault(s.label_id, []).append(s)
        for items in by_class.values():
            items.sort(key=lambda s: (position[s.image_id], s.id))
        self._by_class = by_class
        self._sort()

    def _sort(self) -> None:
        items = self._by_class.get(self.label_id, []) if self.label_id is not None else []
        self._list = ordered(items, self.order)

    def classes(self) -> list[tuple[Label, int]]:
        """Every class with its number of shown pending suggestions, in class order."""
        return [(lab, len(self._by_class.get(lab.id, []))) for lab in self.store.labels()]

    def choose(self, label_id: int) -> None:
        self.label_id = label_id
        self._sort()

    def set_order(self, order: GlanceOrder) -> None:
        self.order = order
        self._sort()

    def remaining(self) -> int:
        return len(self._list)

    def page(self) -> GlancePage | None:
        """The first page of what is still pending (None without a class). The order chooses
        which suggestions make the page; on it they stand least confident first, so the tiles
        most likely to need a flip are where the selection starts (top left)."""
        if self.label_id is None:
            return None
        tiles = sorted(self._still_pending(self.page_size), key=_confidence_or_none_first)
        return GlancePage(self.label_id, tiles)

    def siblings(self, tiles: Iterable[Suggestion]) -> list[Suggestion]:
        """Every listed suggestion on the images of `tiles` (whatever page it falls on): their
        pictures are best cut from one decode of each image."""
        images = {s.image_id for s in tiles}
        return [s for s in self._list if s.image_id in images]

    def following_ids(self) -> list[Suggestion]:
        """The tiles of the page after this one (what to prefetch)."""
        return self._list[self.page_size: 2 * self.page_size]

    def _still_pending(self, n: int) -> list[Suggestion]:
        """The first n of the list still pending as this class, dropping those decided (or given
        another class) elsewhere meanwhile."""
        while True:
            head = self._list[:n]
            rows = self.store.rows("suggestions", [s.id for s in head])
            gone = {s.id for s in head if s.id not in rows or rows[s.id]["state"] != "pending"
                    or rows[s.id]["label_id"] != self.label_id}
            if not gone:
                return head
            self._drop(gone)

    def _drop(self, ids: set[int]) -> None:
        self._list = [s for s in self._list if s.id not in ids]
        if self.label_id is not None:
            self._by_class[self.label_id] = [s for s in self._by_class.get(self.label_id, [])
                                              if s.id not in ids]

    def decided(self, page: GlancePage) -> None:
        """Forget the page's decided tiles (they are pending no longer)."""
        self._drop(set(page.decided))

