"""The import dialog: a dataset (COCO, YOLO, VOC, Label Studio, labelme) into the open project, as
annotations or as suggestions to review.

It edits a Qt-free `core.formats.ImportPlan` (bound to its widgets by `gui/binding.py`, replaced
on every edit, its `errors()` shown), runs `core.formats.import_dataset` off the GUI thread with
progress and cancel, and shows the summary: counts, new classes, and every skipped record with its
reason. `imported(summary)` tells the window to re-read what it shows (in the event-loop turn
after the one that shows the summary); an import as annotations comes with `summary.changes` for
its undo stack.
"""

from __future__ import annotations

import logging
import operator
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.formats import IMPORT_FORMATS, FormatError, ImportPlan, ImportSummary
from ..binding import Binding
from ..i18n import error_text, shown, translate
from ..tasks import TaskRunner
from .widgets import RED, JobDialog

if TYPE_CHECKING:
    from ...core.store import Store

log = logging.getLogger(__name__)

# what each format reads: a file, a folder, or either
SOURCE_KIND = {"coco": "file", "labelstudio": "file", "yolo": "either", "voc": "either",
               "labelme": "either"}
FILE_FILTERS = {
    "coco": "COCO JSON (*.json);;All files (*)",
    "labelstudio": "Label Studio JSON (*.json);;All files (*)",
    "yolo": "YOLO data.yaml or classes.txt (*.yaml *.yml *.txt);;All files (*)",
    "voc": "Pascal VOC XML (*.xml);;All files (*)",
    "labelme": "labelme JSON (*.json);;All files (*)",
}
SKIPPED_ROWS = 2000  # rows shown in the table; the summary says how many more


def run_import(store: Store, plan: ImportPlan, folder: Path, progress=None,
               cancel: threading.Event | None = None) -> ImportSummary:
    """Background job: read the sizes of images the scan has not measured yet (boxes need them),
    then import, recording an import as annotations as one undo step for the window."""
    from ...core.folder.scan import read_headers
    from ...core.formats import import_dataset

    if progress is not None:
        progress("reading image sizes", 0, 1)
    read_headers(store, Path(folder), cancel=cancel)
    return import_dataset(store, plan, Path(folder), progress, cancel, record_undo=True)


def _source(text: str) -> Path:
    """The path typed (Path("") for none)."""
    text = text.strip()
    return Path(text).expanduser() if text else Path("")


def _source_text(source: Path) -> str:
    return "" if str(source) in ("", ".") else str(source)


class ImportDialog(JobDialog):
    imported = Signal(object)  # ImportSummary, after a successful import
    summary: ImportSummary | None

    def __init__(self, store: Store, folder: Path, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None, plan: ImportPlan | None = None) -> None:
        super().__init__(store, folder, parent, tasks,
                         title=translate("import_dialog", "Import a dataset"), job="import")
        self.plan = plan or ImportPlan("coco", Path(""))
        self._lay_out(self._make_form())
        self.binding = self._bind()
        self.binding.show(self.plan)
        self._edited()

    def _make_form(self) -> QFormLayout:
        self.format = QComboBox()
        self.format.setObjectName("importFormat")
        for key, text in IMPORT_FORMATS.items():
            text = translate("formats", text)
            self.format.addItem(text, key)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(translate("import_dialog", "dataset file or folder"))
        self.browse_file = QPushButton(translate("import_dialog", "File…"))
        self.browse_folder = QPushButton(translate("import_dialog", "Folder…"))
        self.browse_file.clicked.connect(self._pick_file)
        self.browse_folder.clicked.connect(self._pick_folder)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse_file)
        path_row.addWidget(self.browse_folder)

        self.as_annotations = QRadioButton(translate("import_dialog", "Annotations (the truth; listed images become done)"))
        self.as_suggestions = QRadioButton(translate("import_dialog", "Suggestions to review (e.g. a vendor's labels)"))
        self.as_group = QButtonGroup(self)
        for button, value in ((self.as_annotations, "annotations"),
                              (self.as_suggestions, "suggestions")):
            button.setProperty("value", value)  # the plan's `as_` (binding.py)
            self.as_group.addButton(button)
        as_box = QVBoxLayout()
        as_box.setContentsMargins(0, 0, 0, 0)
        as_box.addWidget(self.as_annotations)
        as_box.addWidget(self.as_suggestions)
        self.no_new_classes = QCheckBox(translate("import_dialog", "Refuse classes the project does not have "
                                        "(their records are skipped)"))

        form = QFormLayout()
        form.addRow(translate("import_dialog", "Format"), self.format)
        form.addRow(translate("import_dialog", "From"), path_row)
        form.addRow(translate("import_dialog", "Import as"), as_box)
        form.addRow("", self.no_new_classes)
        return form

    def _lay_out(self, form: QFormLayout) -> None:
        self.skipped = QTableWidget(0, 2)
        self.skipped.setObjectName("importSkipped")
        self.skipped.setTabKeyNavigation(False)  # Tab goes on to the next control, not cell by cell
        self.skipped.setHorizontalHeaderLabels([translate("import_dialog", "Where"),
                                                translate("import_dialog", "Why it was skipped")])
        self.skipped.verticalHeader().setVisible(False)
        self.skipped.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.skipped.horizontalHeader().setStretchLastSection(True)
        self.skipped.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(translate("import_dialog", "Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)

        layout = self.lay_out_job(form)
        layout.addWidget(self.skipped, 2)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    # -- plan <-> widgets ---------------------------------------------------------------------
    def _bind(self) -> Binding:
        """Every field of the plan follows its widget (binding.py)."""
        binding = Binding(changed=self._edited)
        binding.bind(self.format, "format")
        binding.bind(self.path, "source", read=_source, write=_source_text)
        binding.bind(self.as_group, "as_")
        binding.bind(self.no_new_classes, "new_classes", read=operator.not_, write=operator.not_)
        return binding

    def _edited(self) -> None:
        self.plan = self.binding.apply(self.plan)
        kind = SOURCE_KIND.get(self.plan.format, "either")
        self.browse_folder.setEnabled(kind != "file")
        self.problem.setText("\n".join(self.problems()))
        # nothing chosen yet is the first step, not a problem: said in the text colour, not red
        self.problem.setStyleSheet("" if not _source_text(self.plan.source) else f"color: {RED}")
        self.import_button.setEnabled(not self.problems() and self._task is None)

    def problems(self) -> list[str]:
        if not _source_text(self.plan.source):
            return [translate("import_dialog", "Choose the dataset file or folder to import.")]
        errors = [shown(t) for t in self.plan.error_texts()]
        if SOURCE_KIND.get(self.plan.format) == "file" and Path(self.plan.source).is_dir():
            errors.append(translate("import_dialog", "{format} is one file; choose the file, not a "
                                    "folder.").format(format=translate("formats", IMPORT_FORMATS[self.plan.format])))
        return errors

    def _pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("import_dialog", "Dataset file"), self._start_dir(),
                                              FILE_FILTERS.get(self.plan.format, "").replace(
                                                  "All files", translate("import_dialog", "All files")))
        if name:
            self.path.setText(name)

    def _pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, translate("import_dialog", "Dataset folder"), self._start_dir())
        if name:
            self.path.setText(name)

    def _start_dir(self) -> str:
        text = self.path.text().strip()
        return str(Path(text).parent) if text else str(self.folder.parent)

    # -- running ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        self._edited()
        problems = self.problems()
        if problems or self.running:
            return
        self.summary, self.error = None, None
        self._set_running(True)
        self.stage.setText(translate("import_dialog", "Starting…"))
        self._task = self.tasks.run(
            run_import, self.store, self.plan, self.folder,
            on_progress=self._progressed, on_result=self._done, on_error=self._failed,
            long=True,
        )
        ahead = self.tasks.waiting_for(self._task)
        if ahead:  # the window's one worker is busy: say with what, until the import starts
            self.stage.setText(translate("import_dialog", "Import waits for: {tasks}…").format(
                tasks=", ".join(ahead)))
            self._task.signals.started.connect(lambda: self.stage.setText(translate("import_dialog", "Starting…")))

    def _set_running(self, running: bool) -> None:
        for w in (self.format, self.path, self.browse_file, self.browse_folder,
                  self.as_annotations, self.as_suggestions, self.no_new_classes):
            w.setEnabled(not running)
        if not running:
            self.browse_folder.setEnabled(SOURCE_KIND.get(self.plan.format) != "file")
        self.import_button.setEnabled(not running and not self.problems())
        self.progress.setVisible(running)
        self.close_button.setText(translate("import_dialog", "Cancel"))

    def _progressed(self, value) -> None:
        stage, done, total = value
        names = {"reading": translate("import_dialog", "Reading…"),
                 "checking records": translate("import_dialog", "Checking records…"),
                 "matching images": translate("import_dialog", "Matching images…"),
                 "writing": translate("import_dialog", "Writing…")}
        self.stage.setText(names.get(stage, f"{stage.capitalize()}…"))
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(min(done, total))

    def _done(self, summary: ImportSummary) -> None:
        self._task = None
        self.summary = summary
        self._set_running(False)
        skipped = len(summary.skipped)
        self.stage.setText(translate("import_dialog", "Imported.") if not skipped else
                           (translate("import_dialog", "Imported; {n} record was skipped (below).")
                            if skipped == 1 else
                            translate("import_dialog", "Imported; {n} records were skipped (below).")
                            ).format(n=skipped))
        self.summary_text.setPlainText("\n".join(shown(t) for t in summary.texts(limit=20)))
        self.summary_text.setVisible(True)
        self._show_skipped(summary)
        self.close_button.setText(translate("import_dialog", "Close"))
        self.import_button.setText(translate("import_dialog", "Import again"))
        # the window re-reads what it shows in the next turn of the event loop: this dialog's
        # lines are drawn first, and the two never hold the GUI thread in one turn
        QTimer.singleShot(0, self, lambda: self.imported.emit(summary))

    def _show_skipped(self, summary: ImportSummary) -> None:
        rows = summary.skipped[:SKIPPED_ROWS]
        self.skipped.setRowCount(len(rows))
        for r, s in enumerate(rows):
            for c, text in enumerate((s.where, shown(s.text) if s.text is not None else s.reason)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                self.skipped.setItem(r, c, item)
        self.skipped.setVisible(bool(rows))

    def _failed(self, exc: BaseException, _tb: str = "") -> None:
        self._task = None
        self._set_running(False)
        if isinstance(exc, FormatError):
            self.error = error_text(exc)
        else:  # the traceback is in the log (tasks.py)
            self.error = translate("import_dialog", "The import failed: {reason}. The details are in the "
                                   "log.").format(reason=error_text(exc))
        self.stage.setText("")
        self.problem.setText(self.error)
        self.close_button.setText(translate("import_dialog", "Close"))

    def _close_or_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.stage.setText(translate("import_dialog", "Cancelling…"))
            return
        self.reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: closing cancels the run
        if self._task is not None:
            self._task.cancel()
            self.tasks.wait(30_000)
        super().done(result)
