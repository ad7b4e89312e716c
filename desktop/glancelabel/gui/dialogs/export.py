"""The Export dialog: edits a Qt-free `core.formats.ExportPlan` (replaced on every edit, its
`errors()` shown), runs `core.formats.export` off the GUI thread with progress and cancel, and shows
the summary (images, boxes per class, what was left out and why).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...core.formats import FormatError
from ...core.formats.plan import (
    EXPORT_FORMATS,
    LINKS,
    UPRIGHT_HELP,
    ExportPlan,
    PlanError,
    parse_split,
)
from ...core.formats.summary import ExportSummary
from ..binding import Binding
from ..i18n import error_text, shown, translate
from ..tasks import TaskRunner
from .widgets import ClassChecklist, JobDialog

if TYPE_CHECKING:
    from ...core.store import Store

log = logging.getLogger(__name__)


def run_export(store: Store, plan: ExportPlan, folder: Path, progress=None,
               cancel: threading.Event | None = None) -> ExportSummary:
    """Background job. It reads through its own connection to the project file (one connection
    per thread), so the GUI keeps using the store meanwhile."""
    from ...core.formats import export
    from ...core.store import Store

    if str(store.path) == ":memory:":
        return export(store, plan, Path(folder), progress, cancel)
    with Store(store.path) as own:
        return export(own, plan, Path(folder), progress, cancel)


def _split_text(split: tuple[float, ...]) -> str:
    return ",".join(f"{v:g}" for v in split)


class ExportDialog(JobDialog):
    exported = Signal(object)  # ExportSummary, after a successful export
    summary: ExportSummary | None

    def __init__(self, store: Store, folder: Path, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None, plan: ExportPlan | None = None) -> None:
        super().__init__(store, folder, parent, tasks, title=translate("export", "Export"),
                         job="export")
        self._split_error: str | None = None
        self._out_edited = False
        start = plan or ExportPlan()
        if start.out is None:
            start = start.with_(out=start.default_out(self.folder))
        self.plan = start
        self._make_widgets(store)
        self._lay_out()
        self.binding = self._bind()
        self.binding.show(self.plan)
        self._refresh()

    def _make_widgets(self, store: Store) -> None:
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for key, text in EXPORT_FORMATS.items():
            text = translate("formats", text)
            self.format.addItem(text, key)
        self.out = QLineEdit(str(self.plan.out))  # (not bound: its default follows the format)
        self.out.setObjectName("exportOut")
        self.browse = QPushButton(translate("export", "Browse…"))
        self.browse.clicked.connect(self._pick_out)
        self.all_images = QCheckBox(translate("export", "Images not reviewed yet too (default: done images only)"))
        self.include_suggestions = QCheckBox(translate("export", "Pending suggestions too (as predictions / scores)"))
        self.split = QLineEdit(_split_text(self.plan.split))  # (not bound: parsed with errors)
        self.split.setObjectName("exportSplit")
        self.split.setPlaceholderText(translate("export", "train,val[,test], e.g. 0.8,0.2"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.stratify = QCheckBox(translate("export", "Same class proportions in every split"))
        self.link = QComboBox()
        for key, text in LINKS.items():
            text = translate("formats", text)
            self.link.addItem(text, key)
        self.upright = QCheckBox(translate("export", "Write upright copies of EXIF-rotated images"))
        self.upright.setToolTip(translate("formats", UPRIGHT_HELP))
        self.url_prefix = QLineEdit()
        self.folders = QLineEdit()
        self.folders.setPlaceholderText(translate("export", "all folders (or: sub/a, sub/b)"))
        self.classes = ClassChecklist((lab.name for lab in store.labels()), self.plan.classes, 120)
        self.classes.setObjectName("exportClasses")
        self.export_button = QPushButton(translate("export", "Export"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("export", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(translate("export", "Close"))
        self.close_button.clicked.connect(self.reject)

    def _lay_out(self) -> None:
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        upright_help = QLabel(translate("formats", UPRIGHT_HELP))
        upright_help.setWordWrap(True)
        upright_help.setStyleSheet("color: palette(mid)")
        form = QFormLayout()
        form.addRow(translate("export", "Format"), self.format)
        form.addRow(translate("export", "Write to"), out_row)
        form.addRow("", self.all_images)
        form.addRow("", self.include_suggestions)
        self._rows: dict[str, tuple[QWidget, ...]] = {}
        for key, label, widget in (
            ("split", translate("export", "Split"), self.split),
            ("seed", translate("export", "Seed"), self.seed), ("stratify", "", self.stratify),
            ("link", translate("export", "Images"), self.link), ("upright", "", self.upright),
            ("url_prefix", translate("export", "Image URL prefix"), self.url_prefix),
        ):
            form.addRow(label, widget)
            self._rows[key] = (widget, form.labelForField(widget))
        form.addRow("", upright_help)
        self._rows["upright"] += (upright_help,)
        form.addRow(translate("export", "Only folders"), self.folders)
        form.addRow(translate("export", "Classes"), self.classes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)

        self.lay_out_job(form).addLayout(buttons)

    # -- plan <-> widgets ---------------------------------------------------------------------
    def _bind(self) -> Binding:
        """The plan's plain fields follow their widgets; the output path, the split and the
        classes are read in `_edited`."""
        binding = Binding(changed=self._edited)
        for widget, name in ((self.format, "format"), (self.all_images, "all_images"),
                             (self.include_suggestions, "include_suggestions"),
                             (self.seed, "seed"), (self.stratify, "stratify"),
                             (self.link, "link"), (self.upright, "upright"),
                             (self.url_prefix, "url_prefix")):
            binding.bind(widget, name)
        binding.bind(self.folders, "folders", write=", ".join,
                     read=lambda text: tuple(f.strip() for f in text.split(",") if f.strip()))
        self.out.textEdited.connect(self._out_typed)
        self.split.textChanged.connect(self._edited)
        self.classes.itemChanged.connect(self._edited)
        return binding

    def _out_typed(self, _text: str) -> None:
        self._out_edited = True
        self._edited()

    def _edited(self, *_args) -> None:
        fmt = self.binding.values()["format"]
        try:
            split = parse_split(self.split.text())
            self._split_error = None
        except PlanError as exc:
            split = self.plan.split
            self._split_error = error_text(exc)
        out = Path(self.out.text().strip()) if self.out.text().strip() else None
        if fmt != self.plan.format and not self._out_edited:
            out = self.plan.with_(format=fmt).default_out(self.folder)
            self.out.setText(str(out))
        self.plan = self.binding.apply(self.plan, out=out, split=split,
                                       classes=self.classes.chosen())
        if self._task is None and self.summary_text.isVisibleTo(self):
            self.stage.setText("")  # "Done." and its summary told of the export before this change
            self.summary_text.setVisible(False)
        self._refresh()

    def errors(self) -> list[str]:
        errors = [shown(t) for t in self.plan.error_texts(self.folder)]
        if self._split_error and self.plan.uses("split"):
            errors.insert(0, self._split_error)
        if self.classes.none_checked():
            errors.append(translate("export", "Choose at least one class."))
        return errors

    def _refresh(self) -> None:
        for key, widgets in self._rows.items():
            for w in widgets:
                if w is not None:
                    w.setEnabled(self.plan.uses(key))
        self.include_suggestions.setEnabled(
            self.plan.uses("include_suggestions") or self.plan.include_suggestions)
        errors = self.errors()
        self.problem.setText(errors[0] if errors else "")
        running = self._task is not None
        self.export_button.setEnabled(not errors and not running)
        self.cancel_button.setEnabled(running)

    def _pick_out(self) -> None:
        if self.plan.writes_folder:
            path = QFileDialog.getExistingDirectory(self, translate("export", "Export into folder"),
                                                      str(self.folder))
        else:
            path, _ = QFileDialog.getSaveFileName(self, translate("export", "Export to file"), str(self.plan.out),
                                                  "JSON (*.json)")
        if path:
            self._out_edited = True
            self.out.setText(path)
            self._edited()

    # -- running ------------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is not None or self.errors():
            return
        self.summary = None
        self.error = None
        self.summary_text.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.stage.setText(translate("export", "Starting…"))
        self._task = self.tasks.run(
            run_export, self.store, self.plan, self.folder,
            on_result=self._done, on_error=self._failed, on_progress=self._progress,
            on_finished=self._finished,
        )
        self._refresh()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.stage.setText(translate("export", "Cancelling…"))

    def _progress(self, values) -> None:
        stage, done, total = values
        self.stage.setText(translate("export", "{stage}: {done} of {total}").format(
            stage=stage_name(stage), done=done, total=total))
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _done(self, summary: ExportSummary) -> None:
        self.summary = summary
        self.summary_text.setPlainText("\n".join(shown(t) for t in summary.texts(limit=50)))
        self.summary_text.setVisible(True)
        self.stage.setText(translate("export", "Done."))
        self.exported.emit(summary)

    def _failed(self, exc: BaseException, _tb: str) -> None:
        if isinstance(exc, FormatError):
            self.error = error_text(exc)
        else:
            self.error = translate("export", "The export failed: {kind}: {reason} (details in the log "
                                   "file).").format(kind=exc.__class__.__name__, reason=error_text(exc))
        self.stage.setText("")
        self.problem.setText(self.error)

    def _finished(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self._refresh()
        if self.error:
            self.problem.setText(self.error)

    def reject(self) -> None:
        if self._task is not None:
            self.cancel()
            self.tasks.wait(10_000)
        super().reject()


def stage_name(stage: str) -> str:
    """A stage of an export the progress line names (core passes its English word)."""
    names = {"annotations": translate("export", "annotations"), "tasks": translate("export", "tasks"),
             "images": translate("export", "images"), "writing": translate("export", "writing"),
             "writing labels": translate("export", "writing labels"),
             "placing images": translate("export", "placing images"),
             "reading": translate("export", "reading")}
    return names.get(stage, stage)
