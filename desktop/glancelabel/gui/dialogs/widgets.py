"""Widgets the dialogs share: the class checklist, the problem line, stage, progress bar and
summary box of a job that runs in the background, the dialog that runs such a job (export,
import), read-only table cells, and a short form's size."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..tasks import Task, TaskRunner

if TYPE_CHECKING:
    from ...core.store import Store


class ClassChecklist(QListWidget):
    """The project's classes, each with a check box; all checked when `chosen` is empty."""

    def __init__(self, names: Iterable[str], chosen: Sequence[str], max_height: int) -> None:
        super().__init__()
        self.setMaximumHeight(max_height)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            wanted = not chosen or name in chosen
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            self.addItem(item)

    def checked(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def chosen(self) -> tuple[str, ...]:
        """The checked names, or () when every class is checked (a plan's "all classes")."""
        checked = self.checked()
        return () if len(checked) == self.count() else tuple(checked)

    def none_checked(self) -> bool:
        """Classes listed but none checked: nothing to ask for or export."""
        return bool(self.count()) and not self.checked()


RED = "#c0392b"  # a problem line's colour


class JobWidgets(NamedTuple):
    problem: QLabel  # why the job cannot start (red)
    stage: QLabel  # what it is doing
    progress: QProgressBar  # hidden until it runs
    result: QPlainTextEdit  # its summary, hidden until it ends


def job_widgets(name: str) -> JobWidgets:
    """The widgets of a background job's dialog; object names `{name}Problem`, `{name}Summary`."""
    problem = QLabel()
    problem.setObjectName(f"{name}Problem")
    problem.setWordWrap(True)
    problem.setStyleSheet(f"color: {RED}")
    progress = QProgressBar()
    progress.setVisible(False)
    result = QPlainTextEdit()
    result.setObjectName(f"{name}Summary")
    result.setReadOnly(True)
    result.setVisible(False)
    return JobWidgets(problem, QLabel(), progress, result)


class JobDialog(QDialog):
    """A dialog that runs one background job on the project (Export, Import): its title, the
    object names `{job}Dialog`, `{job}Problem`, `{job}Summary`, the store and folder, a task runner
    (its own unless one is given), the job's widgets (`job_widgets`) and what the job left:
    `summary`, or the `error` sentence; `_task` while it runs."""

    summary: Any

    def __init__(self, store: Store, folder: Path, parent: QWidget | None,
                 tasks: TaskRunner | None, *, title: str, job: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(f"{job}Dialog")
        self.store = store
        self.folder = Path(folder)
        self.tasks = tasks or TaskRunner(1, self)
        self.summary = None
        self.error: str | None = None
        self._task: Task | None = None
        self.problem, self.stage, self.progress, self.summary_text = job_widgets(job)

    def lay_out_job(self, form: QLayout) -> QVBoxLayout:
        """The dialog's layout: the form, then the job's problem line, stage, progress bar and
        summary (which takes the spare height); the caller adds what follows."""
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for w in (self.problem, self.stage, self.progress):
            layout.addWidget(w)
        layout.addWidget(self.summary_text, 1)
        return layout


def read_only_item(text: str, align_right: bool = True) -> QTableWidgetItem:
    """A table cell that can be selected but not edited (numbers right-aligned)."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def fit_form(dialog: QDialog, problem: QLabel) -> None:
    """A short form is as large as its contents and no larger: the dialog takes its layout's
    size and grows or shrinks with it (so a window manager draws no resize handle, an empty
    strip below the buttons), and `problem` takes no room until it says something."""
    layout = dialog.layout()
    assert layout is not None, "fit_form is called once the dialog has its layout"
    layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
    problem.setVisible(bool(problem.text()))
