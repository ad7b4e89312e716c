"""The main window: image list, canvas, labels and review panels, status bar.

It owns no truth: it shows what the store holds (the image on screen, its boxes, the list) and
hands keys and mouse gestures to its controllers (gui/controllers/: opening, navigation, editing,
reviewing, asking, batch, spot-check, project), each given only what it uses. Each store verb's ChangeSet is
pushed onto the undo stack (controllers/changes.py) and the window re-reads the images it touched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QToolBar

from ..core.app import settings as settings_mod
from ..core.model import FileState, ImageRecord, Label
from ..core.review.changes import ChangeSet
from ..core.review.queue import ReviewQueue
from ..core.review.undo import UndoStack
from ..core.store import Store
from . import actions as actions_mod
from .annotations_panel import AnnotationsPanel
from .canvas import BoxSpec, CanvasView
from .controllers.asking import AskController
from .controllers.batch import BatchController
from .controllers.changes import ChangeRecorder
from .controllers.editing import EditingController
from .controllers.examples import ExamplesController
from .controllers.glance import GlanceController
from .controllers.navigation import NavigationController
from .controllers.opening import OpeningController
from .controllers.project import ProjectController
from .controllers.reviewing import ReviewingController
from .controllers.spotcheck import SpotCheckMode
from .controllers.team import TeamController
from .controllers.training import TrainingController
from .i18n import problem_text, translate
from .icons import app_icon, icon
from .image_list import ImageListPanel
from .image_loader import ImageLoader
from .labels_panel import LabelsPanel
from .layout import StatusLine, WindowLayout
from .review_panel import ReviewPanel
from .saving import WindowWrites, write_soon
from .tags_panel import TagsPanel, with_tags_strip
from .tasks import TaskRunner

log = logging.getLogger(__name__)

NO_CLASS_COLOR = "#c8c8c8"


def alive(method):
    """Background results that arrive after the window closed (and its store with it) are
    dropped: they are already stored, there is just nothing left to show them in."""

    def wrapper(self, *args, **kwargs):
        if self.is_closed:
            return None
        return method(self, *args, **kwargs)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def missing_sentence(relpath: str) -> str:
    return translate("MainWindow", "{image} is missing from the folder (moved or deleted).\nIts labels are kept.").format(
        image=relpath)


class MainWindow(QMainWindow):
    image_shown = Signal(int)  # an image id whose pixels are now on the canvas
    list_ready = Signal()  # the folder scan (without headers) is in the list
    scan_done = Signal()  # headers read too
    closed = Signal()

    def __init__(self, store: Store, settings: settings_mod.Settings, folder: Path, opener=None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.folder = Path(folder)
        self.queue = ReviewQueue(store, settings.confidence_threshold)
        self.is_closed = False
        self.current_id: int | None = None
        self.current_record: ImageRecord | None = None
        self.runner = TaskRunner(1, self)
        self.loader = ImageLoader(parent=self)
        self.loader.loaded.connect(self._image_loaded)
        self.loader.failed.connect(self._image_failed)
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{self.folder.name} — GlanceLabel")
        self.setWindowIcon(app_icon())
        self.canvas = CanvasView()
        self.image_panel = ImageListPanel(store)
        self.status_line = StatusLine(self.statusBar(), self.canvas, self.image_panel, self)
        sl = self.status_line  # its labels, by the names the tests read
        self.status_index, self.status_size, self.status_zoom = sl.index, sl.size, sl.zoom
        self.status_excluded, self.status_problem, self.status_work = sl.excluded, sl.problem, sl.work
        self.frame = WindowLayout(self, settings, lambda: self.queue.threshold, self.say_later)
        self.labels_panel = LabelsPanel(store)
        self.actions_by_id: dict = {}  # filled once the controllers exist (their handlers)
        self._make_controllers(opener)
        self._make_panels()
        self._connect()
        self.actions_by_id.update(
            actions_mod.build_actions(self, settings.shortcuts, self.canvas, icon))
        menus = actions_mod.build_menus(self.menuBar(), self.actions_by_id)
        toolbar = QToolBar(translate("MainWindow", "Toolbar"))
        toolbar.setObjectName("toolbar")
        actions_mod.build_toolbar(toolbar, self.actions_by_id)
        self.addToolBar(toolbar)
        self.resize(1280, 800)
        self.frame.finish(menus["View"], toolbar, self.actions_by_id["reset_layout"])
        self.update_undo_actions()
        self.spot_check.update_actions()

    def _make_controllers(self, opener) -> None:
        """The controllers, each given only what it uses; `say` looks the window's up when
        called (so it can be replaced)."""
        store, queue, canvas, images = self.store, self.queue, self.canvas, self.image_panel
        say = self.say_later
        self.opening = OpeningController(store, self.folder, self.runner, images, canvas, self,
                                         self.status_work, self, list_ready=self.list_ready.emit,
                                         scan_done=self.scan_done.emit)
        self.changes = ChangeRecorder(store, self, say)
        self.saving = WindowWrites(store, self.changes, self, say, self.statusBar())
        self.navigation = NavigationController(store, queue, canvas, images, self, self.changes,
                                               say, self.statusBar().clearMessage)
        self.spot_check = SpotCheckMode(self, store, self.runner, queue, canvas, images, self, say,
                                        self.commit, self.status_work, self.actions_by_id)
        self.reviewing = ReviewingController(
            store, queue, canvas, images, self, self.changes, say, self,
            review_key=lambda: self.review_panel.current_key(),
            reload_labels=self.labels_panel.reload, go_relative=self.navigation.go_relative,
            end_of_sample_note=self.spot_check.end_of_sample_note)
        self.editing = EditingController(
            store, canvas, self, self.changes, say, self,
            select_label=self.labels_panel.select,
            select_in_list=lambda key: self.review_panel.select_key(key),
            go_relative=self.navigation.go_relative, reject_current=self.reviewing.reject_current)
        self.asking = AskController(store, self.settings, queue, images, self, say,
                                    self.status_work, self, canvas)
        self.examples = ExamplesController(store, self.settings, self, say, self, canvas,
                                           self.runner)
        self.batch = BatchController(self, store, self.settings, self.runner, queue, canvas,
                                     images, self, say, self.status_work, self.spot_check,
                                     self.commit)
        self.team = TeamController(self, store, self.folder, say, self.commit)
        self.training = TrainingController(self, store, self.folder, say, self.settings,
                                           open_report=lambda: self.project.open_report())
        self.project = ProjectController(self, store, self.folder, self.settings, self.runner,
                                         self.changes, images, self, say, self.spot_check,
                                         self.actions_by_id, opener)

    def _make_panels(self) -> None:
        self.tags_panel = TagsPanel(self.store, self, self.reviewing)
        self.setCentralWidget(with_tags_strip(self.tags_panel, self.canvas))
        self.glance = GlanceController(self, self.store, self.queue, self.canvas, self.changes, self,
                                       self.say_later, self.folder, self.actions_by_id)
        self.review_panel = ReviewPanel(self.store, self.queue, self.canvas, self,
                                        self.reviewing, self.asking.ask_ai, tasks=self.runner)
        self.annotations_panel = AnnotationsPanel(self.store, self.canvas, self, self.say_later,
                                                  self.commit)
        self.frame.add_main_docks({"images": self.image_panel, "labels": self.labels_panel,
                                   "review": self.review_panel, "annotations": self.annotations_panel})

    def _connect(self) -> None:
        canvas, editing = self.canvas, self.editing
        canvas.drawn.connect(editing.on_drawn)
        canvas.edited.connect(editing.on_edited)
        canvas.selection_changed.connect(self._selection_changed)
        canvas.zoom_changed.connect(lambda _z: self.update_status())
        canvas.sharper_wanted.connect(self._want_sharper)
        self.image_panel.activated.connect(self.show_image)
        self.image_panel.model.threshold = self.queue.threshold
        self.image_panel.model.modelReset.connect(self.update_status)  # filter, search: "n / N"
        self.labels_panel.changed.connect(self.commit)
        self.labels_panel.chosen.connect(editing.label_chosen)
        self.list_ready.connect(self.spot_check.list_ready)

    def say(self, text: str) -> None:
        self.status_line.say(text)

    def update_status(self, problem: str | None = None) -> None:
        self.status_line.update(problem)

    def say_later(self, text: str) -> None:
        """`say`, looked up when called (tests replace the window's `say`)."""
        self.say(text)

    @property
    def undo_stack(self) -> UndoStack:
        return self.changes.undo_stack

    @property
    def scanning(self) -> bool:
        """The folder scan or its header reads are still going."""
        return self.opening.scanning

    def start(self) -> None:
        """List the project's images and show the last one, then rescan the folder and read
        the image headers, in the background (see controllers/opening.py)."""
        self.opening.start()

    # -- showing an image -------------------------------------------------------------------
    def display_side(self, rec=None) -> int:
        """The long side to decode at: what the image covers when fitted in the canvas, rounded
        up to a 256 px step (so a prefetched copy still fits after a small resize)."""
        vp = self.canvas.viewport()
        vw, vh = max(vp.width(), 256), max(vp.height(), 256)
        if rec is not None and rec.width and rec.height:
            scale = min(vw / rec.width, vh / rec.height)
            side = max(rec.width, rec.height) * scale
        else:
            side = max(vw, vh)
        side *= self.canvas.devicePixelRatioF()
        return int(-(-side // 256) * 256)

    def image_path(self, rec) -> Path:
        return self.folder / rec.relpath

    def show_image(self, image_id: int, keep_view: bool = False) -> None:
        rec = self.store.image(image_id)
        if rec is None:
            return
        changed_image = image_id != self.current_id
        self.current_id = image_id
        self.current_record = rec
        if changed_image:
            if self.changes.edited_on not in (None, image_id):
                self.changes.edited_on = None  # left by the list, not by D: no longer "just edited"
            self.store.set_meta_soon("last_image", str(image_id))  # never waits for the scan
            self.canvas.cancel_drawing()
            self.canvas.select(None)
        self.image_panel.show_current(image_id)
        w, h = rec.width or 0, rec.height or 0
        message = None
        decoded = None
        if rec.file_state == FileState.MISSING:
            message = missing_sentence(rec.relpath)
        elif rec.file_state == FileState.UNREADABLE:
            problem = problem_text(rec.problem) if rec.problem else ""
            message = translate("MainWindow", "{image} cannot be shown.\n{problem}").format(
                image=rec.relpath, problem=problem).strip()
        else:
            known = (w, h) if w and h else None
            decoded = self.loader.request(image_id, self.image_path(rec), self.display_side(rec), known)
        if decoded is not None:
            self.canvas.set_image(decoded.qimage, decoded.full_width, decoded.full_height,
                                  fit=not keep_view)
            self.image_shown.emit(image_id)
        elif changed_image or message:
            self.canvas.set_image(None, w, h, fit=not keep_view)
        self.canvas.set_message(message)
        self.refresh_boxes()
        self.update_status()
        if changed_image:
            self._prefetch(-1 if self.navigation.last_step < 0 else 1)

    def _prefetch(self, step: int = 1) -> None:
        """Decode the neighbours in the background: two ahead in the direction of travel, one
        behind."""
        ids = self.image_panel.model.ids()
        row = None if self.current_id is None else self.image_panel.model.row_of(self.current_id)
        if row is None:
            return
        for r in (row + step, row + 2 * step, row - step):
            if 0 <= r < len(ids):
                rec = self.store.image(ids[r])
                if rec is not None and rec.file_state in (FileState.OK, FileState.UNKNOWN):
                    known = (rec.width, rec.height) if rec.width and rec.height else None
                    self.loader.request(rec.id, self.image_path(rec), self.display_side(rec),
                                        known, prefetch=True)

    @alive
    def _image_loaded(self, decoded) -> None:
        if decoded.image_id != self.current_id:
            return  # a prefetch, or an image the user already left: it stays in the cache
        first = self.canvas.decoded_width == 0
        if not first and decoded.qimage.width() <= self.canvas.decoded_width:
            return
        self.canvas.set_image(decoded.qimage, decoded.full_width, decoded.full_height, fit=first)
        self.canvas.set_message(None)
        self.refresh_boxes()
        self.update_status()
        self.image_shown.emit(decoded.image_id)

    @alive
    def _marked_missing(self, image_id: int) -> None:
        self.image_panel.model.refresh([image_id])

    @alive
    def _image_failed(self, image_id: int, _max_side, message: str, missing: bool) -> None:
        if missing:  # the same words whether the file was found gone now or before
            write_soon(self.store, self.runner, Store.mark_missing, [image_id],  # never waits
                       on_result=lambda _none: self._marked_missing(image_id),
                       on_error=lambda exc, _tb="": log.warning("%s", exc), waiting=lambda: None)
            rec = self.store.image(image_id)
            message = missing_sentence(rec.relpath if rec else translate("MainWindow", "This image"))
        else:
            log.info("image %s could not be shown: %s", image_id, message)
            rec = self.store.image(image_id)
            message = translate("MainWindow", "{image} cannot be shown.\n{problem}").format(
                image=rec.relpath if rec else translate("MainWindow", "This image"),
                problem=problem_text(message))
        if image_id == self.current_id:
            self.current_record = self.store.image(image_id)
            self.canvas.set_message(message)
            self.update_status(problem=message)

    def _want_sharper(self) -> None:
        rec = self.current_record
        if rec is None or rec.file_state == FileState.MISSING:
            return
        if self.loader.cached(rec.id, None) is None and not self.loader.is_pending(rec.id, None):
            known = (rec.width, rec.height) if rec.width and rec.height else None
            self.loader.request(rec.id, self.image_path(rec), None, known)

    # -- boxes ------------------------------------------------------------------------------
    def box_specs(self) -> list[BoxSpec]:
        if self.current_id is None:
            return []
        labels: dict[int | None, Label] = {lab.id: lab for lab in self.store.labels()}
        specs = []
        for ann in self.store.annotations(self.current_id):
            if ann.box is None:
                continue
            lab = labels.get(ann.label_id)
            specs.append(BoxSpec(("a", ann.id), ann.box, lab.color if lab else NO_CLASS_COLOR,
                                 lab.name if lab else "no class"))
        marks = self.queue.marks(self.current_id)  # two-model consensus
        for s in self.queue.shown(self.current_id):
            if s.box is None:
                continue
            lab = labels.get(s.label_id)
            name = lab.name if lab else translate("MainWindow", "{label} (unknown)").format(
                label=s.raw_label)
            conf = "" if s.confidence is None else f" {s.confidence:.0%}"
            agreed = marks.get(s.id) == "agreed"
            specs.append(BoxSpec(("s", s.id), s.box, lab.color if lab else NO_CLASS_COLOR,
                                 ("✓✓ " if agreed else "") + name + conf, dashed=True,
                                 agreed=agreed))
        return specs

    def refresh_boxes(self) -> None:
        self.canvas.set_boxes(self.box_specs())
        self.review_panel.reload()
        self.annotations_panel.reload()
        self.tags_panel.reload()

    def _selection_changed(self, key) -> None:
        self.review_panel.select_key(key)
        self.annotations_panel.select_key(key)

    def select_suggestion(self, sid: int | None) -> None:
        """Select a suggestion on the canvas, or in the Suggestions panel when it has no box."""
        key = None if sid is None else ("s", sid)
        if key in self.canvas.keys():
            self.canvas.select(key)
        else:
            self.canvas.select(None)
            self.review_panel.select_key(key)

    # -- change sets ------------------------------------------------------------------------
    def commit(self, cs: ChangeSet | None) -> None:
        """Record an applied change set for undo and refresh what it touched."""
        self.changes.commit(cs)

    def after_change(self, cs: ChangeSet | None) -> None:
        if cs is None or any(c.table in ("labels", "label_mappings") for c in cs.changes):
            self.labels_panel.reload()
            self.image_panel.model.refresh_all()
            self.refresh_boxes()
        if cs is not None:
            touched = cs.touched_images()
            self.image_panel.model.refresh(touched)
            if self.current_id in touched or cs.image_id is None:
                self.current_record = self.store.image(self.current_id) if self.current_id else None
                self.refresh_boxes()
        self.update_status()
        self.update_undo_actions()
        self.spot_check.on_change(cs)
        self.glance.on_change(cs)

    def update_undo_actions(self) -> None:
        undo, redo = self.actions_by_id["undo"], self.actions_by_id["redo"]
        undo.setEnabled(self.undo_stack.can_undo())
        redo.setEnabled(self.undo_stack.can_redo())
        done, undone = self.undo_stack.last_done(), self.undo_stack.last_undone()
        undo.setText(translate("MainWindow", "Undo: {change}").format(change=self.undo_stack.describe(done))
                     if done else translate("actions", "Undo"))
        redo.setText(translate("MainWindow", "Redo: {change}").format(change=self.undo_stack.describe(undone))
                     if undone else translate("actions", "Redo"))

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.saving.may_close():  # decisions the disk refused: the person chooses
            event.ignore()
            return
        self.is_closed = True
        self.frame.save()
        self.batch.close()
        self.runner.cancel_all()
        self.loader.runner.cancel_all()
        self.asking.close()
        self.training.close()
        self.team.close()
        self.runner.wait(10_000)
        self.loader.runner.wait(10_000)
        self.asking.wait(10_000)
        self.opening.close()
        super().closeEvent(event)
        self.closed.emit()
