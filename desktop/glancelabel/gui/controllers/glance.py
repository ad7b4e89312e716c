"""Glance review (G): a grid of one class's pending suggestions, decided a page at a time.

The grid takes the canvas's place in the window (a stacked widget) and gives it back on Esc or G.
The decisions are core/review/glance.py verbs, committed through the ChangeRecorder like every
other decision, so the normal view's undo stack holds them too: one Ctrl+Z takes back a whole page
(and shows it again with its flips). Thumbnails come from gui/glance/thumbs.py; the next page's are
asked for as soon as a page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMainWindow, QSizePolicy, QStackedWidget, QWidget

from ...core.consensus.build import rationale_text
from ...core.i18n import N_
from ...core.model import FileState, ImageRecord, Suggestion, SuggestionState
from ...core.review.changes import ChangeSet
from ...core.review.glance import (
    ORDER_NAMES,
    GlanceOrder,
    GlancePage,
    GlanceSession,
    accept_tile,
    crop_region,
    decide_page,
    fit_shape,
    page_shape,
)
from ...core.review.queue import ReviewQueue, cycle
from ...core.store.pending import BehindLargerChange
from ..actions import IMAGE_EDITS
from ..glance.grid import GAP, GlancePanel, TileView
from ..glance.thumbs import ThumbnailCache, TileJob
from ..i18n import error_text, shown, translate
from .changes import ChangeRecorder
from .ports import ImageView, Say

NOT_OPEN = N_("glance", "Glance review is not open: G opens it.")
MARKS = {"agreed": "✓✓ ", "disputed": "≠ "}  # a two-model consensus's marks, as in the list
MARK_TIPS = {"agreed": N_("glance", " (both models agree)"),
             "disputed": N_("glance", " (disputed: the two models disagree)")}


class GlanceController:
    def __init__(self, window: QMainWindow, store: Any, queue: ReviewQueue, canvas: QWidget,
                 changes: ChangeRecorder, view: ImageView, say: Say, folder: Path,
                 actions: dict) -> None:
        self.store = store
        self.canvas = canvas
        self.changes = changes
        self.view = view
        self.say = say
        self.folder = Path(folder)
        self.actions = actions  # the window's actions by id (G and F1 work in the grid too)
        self.session = GlanceSession(queue)
        self.grid = GlancePanel({str(k): translate("glance", v) for k, v in ORDER_NAMES.items()})
        # hidden in the stack, the grid must not widen the window's minimum size
        self.grid.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.grid.setMinimumSize(1, 1)
        self.tiles = self.grid.tiles
        self.cache = ThumbnailCache(parent=window)
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("centralStack")
        central = window.takeCentralWidget()
        assert central is not None  # the canvas and its tags strip
        self.stack.addWidget(central)
        self.stack.addWidget(self.grid)
        window.setCentralWidget(self.stack)
        self.page: GlancePage | None = None
        self.records: dict[int, ImageRecord] = {}
        self._history: list[tuple[ChangeSet, GlancePage]] = []
        self._own = False  # our own commit is under way: on_change leaves the page alone
        self._turned_off: list[Any] = []  # the image edits glance review turned off
        self.picture_side = 112  # px: the tiles' pictures, chosen with each page's size
        self.tiles.image_for = lambda sid: self.cache.get(sid, self.picture_side)
        self.tiles.problem_for = self.cache.problems.get
        self.tiles.window_actions = self._window_actions
        self.tiles.clicked.connect(self.open_tile)
        self.tiles.stray_key.connect(lambda text: self.say(translate(
            "glance", "“{key}” does nothing in glance review: arrows move, X flips a tile, Space "
            "accepts the page, Esc goes back to the images.").format(key=text)))
        self.cache.ready.connect(self._tile_ready)
        self.cache.failed.connect(lambda sid, _why: self._tile_ready(sid))
        self.grid.class_chosen.connect(self.choose_class)
        self.grid.order_chosen.connect(lambda value: self.set_order(GlanceOrder(value)))
        window.closed.connect(self.cache.close)  # type: ignore[attr-defined]

    @property
    def active(self) -> bool:
        return self.stack.currentWidget() is self.grid

    def _window_actions(self) -> list:
        """G (leave) and F1 / ? (the key list) keep their window meaning in the grid."""
        return [act for act in (self.actions.get("glance"), self.actions.get("help")) if act]

    # -- entering and leaving --------------------------------------------------------------
    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        self.session.reload()
        counts = {lab.id: n for lab, n in self.session.classes()}
        if not any(counts.values()):
            self.say(translate("glance", "No pending suggestion with a class to glance at: ask the "
                               "AI first (I, or Ctrl+B for a batch), or map unknown labels (M)."))
            return
        label_id = self.session.label_id
        if label_id is None or not counts.get(label_id):
            label_id = self._class_on_screen(counts) or max(counts, key=lambda k: counts[k])
        self.stack.setCurrentWidget(self.grid)
        self._image_edits(on=False)
        layout = self.grid.layout()
        if layout is not None:
            layout.activate()  # the tiles' real size now: the page's size depends on it
        self.tiles.setFocus()
        self.choose_class(label_id, announce=False)
        self.view.refresh_boxes()  # the panels say they show the selected tile's image
        name = self._label_name()
        n = self.session.remaining()
        self.say((translate("glance", "Glance review of '{name}': {n} pending suggestion. X flips a "
                            "tile to reject, Space accepts the page, Esc goes back.") if n == 1 else
                  translate("glance", "Glance review of '{name}': {n} pending suggestions. X flips a "
                            "tile to reject, Space accepts the page, Esc goes back.")
                  ).format(name=name, n=n))

    def _image_edits(self, on: bool) -> None:
        """The Edit menu's entries that change the image in the normal view (draw, classes,
        nudges, copy and paste…) are off while the grid hides that view; leaving turns back on
        those glance review turned off."""
        if not on:
            self._turned_off = [act for aid in IMAGE_EDITS
                                if (act := self.actions.get(aid)) is not None and act.isEnabled()]
        for act in self._turned_off:
            act.setEnabled(on)
        if on:
            self._turned_off = []

    def _follow(self) -> None:
        """The normal view behind the grid, and so the Suggestions and Annotations panels, show
        the selected tile's image with its suggestion selected (while it is pending)."""
        if not self.active or self.page is None or not self.page.tiles:
            return
        s = self.page.tiles[min(self.tiles.selected, len(self.page.tiles) - 1)]
        if self.view.current_id != s.image_id:
            self.view.show_image(s.image_id)
        current = self.store.suggestion(s.id)
        self.view.select_suggestion(s.id if current and current.state == SuggestionState.PENDING
                                    else None)

    def _class_on_screen(self, counts: dict[int, int]) -> int | None:
        """The class of the first pending suggestion on the image in the normal view."""
        image_id = self.view.current_id
        for s in self.session.queue.shown(image_id) if image_id is not None else []:
            if s.label_id is not None and counts.get(s.label_id):
                return s.label_id
        return None

    def leave(self, quiet: bool = False) -> None:
        if not self.active:
            if not quiet:
                self.say(translate("glance", NOT_OPEN))
            return
        self.stack.setCurrentIndex(0)
        self._image_edits(on=True)
        self.canvas.setFocus()
        self.view.refresh_boxes()
        if not quiet:
            left = self.session.remaining()
            page = self.page
            marked = [sid for sid in page.open_ids() if sid in page.flipped or sid in page.classes
                      ] if page is not None else []
            wait = ""
            if marked:
                wait = (translate("glance", " ({n} tile marked in glance review waits for its Space)")
                        if len(marked) == 1 else
                        translate("glance", " ({n} tiles marked in glance review wait for their Space)")
                        ).format(n=len(marked))
            self.say((translate("glance", "Back to the images; {n} suggestion of '{name}' is still "
                                "pending{wait}.") if left == 1 else
                      translate("glance", "Back to the images; {n} suggestions of '{name}' are still "
                                "pending{wait}.")).format(n=left, name=self._label_name(), wait=wait))

    def open_tile(self, index: int) -> None:
        """A click on a tile: that image in the normal view, its suggestion selected."""
        if self.page is None or not 0 <= index < len(self.page.tiles):
            return
        s = self.page.tiles[index]
        self.leave(quiet=True)
        self.view.show_image(s.image_id)
        current = self.store.suggestion(s.id)
        self.view.select_suggestion(s.id if current and current.state == SuggestionState.PENDING
                                    else None)
        rec = self.records.get(s.image_id)
        self.say(translate("glance", "Opened {image} (G goes back to the grid).").format(
            image=rec.relpath if rec else translate("glance", "the image")))

    # -- the class, the order, the page --------------------------------------------------------
    def choose_class(self, label_id: int, announce: bool = True) -> None:
        old = self.page
        self.session.choose(label_id)
        self._new_page(carry=old)
        if self.active:
            self.tiles.setFocus()  # after a choice in the combo box, the keys go to the tiles
        if announce:
            n = self.session.remaining()
            self.say((translate("glance", "'{name}': {n} pending suggestion.") if n == 1 else
                      translate("glance", "'{name}': {n} pending suggestions.")
                      ).format(name=self._label_name(), n=n))

    def next_class(self, step: int) -> None:
        if not self._check_open():
            return
        with_pending = [lab.id for lab, n in self.session.classes() if n]
        target = cycle(with_pending, self.session.label_id, step)
        if target is None:
            self.say(translate("glance", "No class has pending suggestions left."))
            return
        self.choose_class(target)

    def set_order(self, order: GlanceOrder) -> None:
        self.session.set_order(order)
        self.grid.set_order(str(order))
        self._new_page(carry=self.page)
        if self.active:
            self.tiles.setFocus()
        self.say(translate("glance", "{order}.").format(order=translate("glance", ORDER_NAMES[order])))

    def toggle_order(self) -> None:
        if not self._check_open():
            return
        other = (GlanceOrder.CONFIDENT if self.session.order is GlanceOrder.UNCERTAIN
                 else GlanceOrder.UNCERTAIN)
        self.set_order(other)

    def _new_page(self, page: GlancePage | None = None, carry: GlancePage | None = None) -> None:
        """Show `page`, else the session's first page (keeping the marks of `carry` on the
        tiles it shares), and ask for its pictures and the next page's."""
        shape = page_shape(*self.grid.tile_area())
        self.session.page_size = shape.size
        self.picture_side = max(shape.side - GAP, 16)
        self.page = page or self.session.page()
        if carry is not None and self.page is not None and page is None:
            ids = set(self.page.ids())
            self.page.flipped = {sid for sid in carry.flipped if sid in ids}
            self.page.classes = {k: v for k, v in carry.classes.items() if k in ids}
        self.tiles.selected = 0
        self._show()
        self.tiles.largest = shape.side
        self.tiles.shape = fit_shape(len(self.tiles.tiles), *self.grid.tile_area(), shape.side)
        self._ask_pictures()

    def _show(self) -> None:
        page = self.page
        tiles = page.tiles if page is not None else []
        self.records = self.store.images([s.image_id for s in tiles])
        rows = self.store.rows("suggestions", [s.id for s in tiles])
        self.tiles.tiles = [self._view(s, (rows.get(s.id) or {}).get("consensus")) for s in tiles]
        self.tiles.selected = min(self.tiles.selected, max(len(tiles) - 1, 0))
        self.tiles.empty_text = translate("glance", "No '{name}' suggestion is pending.\nTab: the "
                                          "next class · Esc: back to the images").format(
                                              name=self._label_name())
        counts = self.session.classes()
        self.grid.set_classes([(lab.id, f"{lab.name} ({n})") for lab, n in counts],
                              self.session.label_id)
        self.grid.set_order(str(self.session.order))
        n, left = len(tiles), self.session.remaining()
        self.grid.summary.setText(translate("glance", "{tiles} · {pending}").format(
            tiles=(translate("glance", "{n} tile on this page") if n == 1 else
                   translate("glance", "{n} tiles on this page")).format(n=n),
            pending=(translate("glance", "{n} pending suggestion of this class") if left == 1 else
                     translate("glance", "{n} pending suggestions of this class")).format(n=left)))
        self.tiles.update()
        self._follow()

    def _view(self, s: Suggestion, mark: str | None = None) -> TileView:
        """What a tile shows; `mark` is its two-model consensus mark (agreed, disputed), shown
        before the file name as in the Suggestions list (✓✓, ≠)."""
        page = self.page
        assert page is not None
        rec = self.records.get(s.image_id)
        name = MARKS.get(mark or "", "") + (Path(rec.relpath).name if rec else "?")
        conf = "" if s.confidence is None else f" {s.confidence:.0%}"
        outline = None
        if s.box is not None and rec is not None and rec.width and rec.height:
            r = crop_region(s.box, rec.width, rec.height)
            outline = ((s.box.x - r.x) / r.w, (s.box.y - r.y) / r.h, s.box.w / r.w, s.box.h / r.h)
        state = page.decided.get(s.id) or ("flipped" if s.id in page.flipped else "open")
        new = page.classes.get(s.id)
        new_label = self.store.label(new) if new is not None else None
        label = self.store.label(page.label_id)
        why = f": “{shown(rationale_text(s.rationale))}”" if s.rationale else ""
        consensus = translate("glance", MARK_TIPS[mark]) if mark in MARK_TIPS else ""
        tip = f"{rec.relpath if rec else name} — '{s.raw_label}'{conf}{why}{consensus}"
        return TileView(s.id, name + conf, outline, state,
                        f"→ {new_label.name}" if new_label else None,
                        label.color if label else "#c8c8c8", tip)

    def _jobs(self, suggestions: list[Suggestion]) -> list[TileJob]:
        records = self.store.images([s.image_id for s in suggestions])
        jobs = []
        for s in suggestions:
            rec = records.get(s.image_id)
            if rec is not None and rec.file_state == FileState.MISSING:
                self.cache.problems[s.id] = translate("glance", "{image} is missing from the "
                                                      "folder").format(image=rec.relpath)
            if rec is None or rec.file_state == FileState.MISSING or not rec.width or not rec.height:
                continue  # (a size not read yet: the tile waits for the scan)
            region = crop_region(s.box, rec.width, rec.height) if s.box is not None else None
            jobs.append(TileJob(s.id, self.folder / rec.relpath, rec.width, rec.height, region))
        return jobs

    def _ask_pictures(self) -> None:
        """This page's pictures, then the next page's; each image is decoded once for all its
        tiles of this class, on later pages too."""
        side = self.picture_side
        if self.page is not None:
            self.cache.request(self._jobs(self.session.siblings(self.page.tiles)), side)
        following = self.session.siblings(self.session.following_ids())
        self.cache.request(self._jobs(following), side, prefetch=True)

    def _tile_ready(self, sid: int) -> None:
        if self.page is None or not self.active:
            return
        ids = self.page.ids()
        if sid in ids:
            self.tiles.update(self.tiles.tile_rect(ids.index(sid)))

    def waiting_pictures(self) -> int:
        """Tiles of the page on screen whose picture is still being made."""
        return 0 if self.page is None else self.cache.waiting(self.page.ids(), self.picture_side)

    # -- keys on tiles ----------------------------------------------------------------------
    def _check_open(self) -> bool:
        if not self.active:
            self.say(translate("glance", NOT_OPEN))
        return self.active

    def _selected(self) -> Suggestion | None:
        if not self._check_open() or self.page is None or not self.page.tiles:
            return None
        return self.page.tiles[min(self.tiles.selected, len(self.page.tiles) - 1)]

    def move(self, step: tuple[int, int]) -> None:
        if not self._check_open() or self.page is None or not self.page.tiles:
            return
        index = self.tiles.selected + step[0] + step[1] * self.tiles.shape.columns
        self.tiles.selected = min(max(index, 0), len(self.page.tiles) - 1)
        self.tiles.update()
        self._follow()

    def _to_next_unmarked(self, sid: int) -> None:
        """After X or Enter: select the next tile nobody has marked or decided yet, in the page's
        order (least confident first: the next most doubtful one), wrapping to the top; stay when
        every tile is marked."""
        page = self.page
        if page is None or sid not in page.ids():
            return
        marked = page.flipped | set(page.classes) | set(page.decided)
        here = page.ids().index(sid)
        count = len(page.tiles)
        for step in range(1, count):
            index = (here + step) % count
            if page.tiles[index].id not in marked:
                self.tiles.selected = index
                return

    def _caption(self, s: Suggestion) -> str:
        rec = self.records.get(s.image_id)
        return translate("glance", "'{name}' on {image}").format(
            name=self._label_name(), image=rec.relpath if rec else translate("glance", "its image"))

    def _undecided(self) -> Suggestion | None:
        """The selected tile when it is not decided yet (else say so)."""
        s = self._selected()
        if s is not None and self.page is not None and s.id in self.page.decided:
            self.say((translate("glance", "{tile} is already rejected.")
                      if self.page.decided[s.id] == "rejected" else
                      translate("glance", "{tile} is already accepted.")).format(tile=self._caption(s)))
            return None
        return s

    def flip(self) -> None:
        s = self._undecided()
        if s is None or self.page is None:
            return
        if self.page.flip(s.id):
            self._to_next_unmarked(s.id)
            self.say(translate("glance", "{tile} will be rejected when Space accepts the page."
                               ).format(tile=self._caption(s)))
        else:
            self.say(translate("glance", "{tile} will be accepted with the page again.").format(
                tile=self._caption(s)))
        self._show()

    def reclassify(self, n: int) -> None:
        s = self._undecided()
        if s is None or self.page is None:
            return
        label = self.store.label_by_hotkey(n)
        if label is None:
            self.say(translate("glance", "There is no class {n} yet: add classes in the Classes "
                               "panel.").format(n=n))
            return
        self.page.reclassify(s.id, label.id)
        if label.id == self.page.label_id:
            self.say(translate("glance", "{tile} will be accepted as suggested.").format(
                tile=self._caption(s)))
        else:
            self.say(translate("glance", "{tile} will be accepted as '{name}' with the page "
                               "(recorded as edited).").format(tile=self._caption(s), name=label.name))
        self._show()

    def accept_tile(self) -> None:
        s = self._undecided()
        if s is None or self.page is None:
            return
        try:
            outcome = accept_tile(self.session.queue, self.page, s.id)
        except BehindLargerChange as exc:  # a larger change still saving changes it: said
            self.say(error_text(exc))
            return
        self._commit(outcome.cs)
        self._to_next_unmarked(s.id)
        self.session.decided(self.page)  # the counts shown leave it out at once
        self._show()
        self.say(shown(outcome.text))

    def accept_page(self) -> None:
        if not self._check_open() or self.page is None:
            return
        if not self.page.tiles:
            self.say(translate("glance", "No '{name}' suggestion is pending: Tab goes to the next "
                               "class, Esc back to the images.").format(name=self._label_name()))
            return
        page = self.page
        try:
            outcome = decide_page(self.session.queue, page)
        except BehindLargerChange as exc:
            self.say(error_text(exc))
            return
        self._commit(outcome.cs)
        if not outcome.cs.empty:
            self._history = [*self._history[-99:], (outcome.cs, page)]
        self.session.decided(page)
        self._new_page()
        note = shown(outcome.message())
        if not self.session.remaining():
            note = translate("glance", "{done} No '{name}' suggestion is left: Tab goes to the next "
                             "class, Esc back to the images.").format(done=note, name=self._label_name())
        self.say(note)

    def _commit(self, cs: ChangeSet) -> None:
        self._own = True
        try:
            self.changes.commit(cs)
        finally:
            self._own = False

    def undo(self) -> None:
        """Ctrl+Z: undo the last change; a page comes back with its flips and classes."""
        if not self._check_open():
            return
        try:
            cs = self.changes.undo_stack.undo()
        except BehindLargerChange as exc:  # the step stays: Ctrl+Z again once it is shown
            self.say(error_text(exc))
            return
        if cs is None:
            self.say(self.changes.nothing_to("undo"))
            return
        self._own = True
        try:
            self.view.after_change(cs)
        finally:
            self._own = False
        self.changes.edited_on = None
        page = next((p for c, p in self._history if c is cs), None)
        self.session.reload()
        if page is None:
            self._new_page(carry=self.page)
            self.say(translate("changes", "Undid: {change}.").format(
                change=self.changes.undo_stack.describe(cs)))
            return
        self._history = [(c, p) for c, p in self._history if c is not cs]
        pending = {sid for sid, row in self.store.rows("suggestions", page.ids()).items()
                   if row["state"] == "pending"}
        page.decided = {sid: v for sid, v in page.decided.items() if sid not in pending}
        self.session.choose(page.label_id)
        self._new_page(page=page)
        self.say((translate("glance", "Undid the page: {n} suggestion of '{name}' is pending again, "
                            "with its flip; Space decides it again.") if len(pending) == 1 else
                  translate("glance", "Undid the page: {n} suggestions of '{name}' are pending again, "
                            "with their flips; Space decides them again.")
                  ).format(n=len(pending), name=self._label_name()))

    def on_change(self, cs: ChangeSet | None) -> None:
        """A change made elsewhere (redo, a batch's answers): read the page again."""
        if self._own or not self.active:
            return
        self.session.reload()
        self._new_page(carry=self.page)

    def _label_name(self) -> str:
        label = self.store.label(self.session.label_id) if self.session.label_id else None
        return label.name if label else "?"
