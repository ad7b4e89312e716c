"""Review → Consensus of two runs…: choose two runs of models already made and the overlap at
which their boxes agree; Build merges what they agree on and marks what they dispute
(`core.consensus.build`), as one step the Edit menu can undo. The form edits a `ConsensusPlan`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.consensus.build import (
    ConsensusPlan,
    ConsensusResult,
    build_consensus,
)
from ...core.i18n import N_
from ...core.store.consensus import CONSENSUS_KIND
from ..binding import Binding
from ..i18n import error_text, translate
from ..saving import write_soon
from .widgets import fit_form

if TYPE_CHECKING:
    from ...core.store import Store

NEEDS_TWO = N_("consensus", "This project needs two runs of models first (Ctrl+B asks a model "
              "about many images).")


class ConsensusDialog(QDialog):
    """Edits a Qt-free `ConsensusPlan` (`self.plan`, bound by gui/binding.py). `built_now` is
    emitted with the consensus built (already committed), and `built` holds it."""

    built_now = Signal(object)  # ConsensusResult

    def __init__(self, store: Store, parent: QWidget | None = None,
                 plan: ConsensusPlan | None = None, tasks=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("consensus", "Consensus of two runs"))
        self.store = store
        self._tasks = tasks  # gui.tasks.TaskRunner: Build runs off the GUI thread
        self.built: ConsensusResult | None = None
        runs = [r for r in store.runs() if r.kind != CONSENSUS_KIND]
        newest = [r.id for r in runs[-2:]] if len(runs) >= 2 else [None, None]
        self.plan = plan or ConsensusPlan(*newest)
        self.run_a, self.run_b = QComboBox(), QComboBox()
        for box in (self.run_a, self.run_b):
            for r in runs:
                box.addItem(translate("consensus", "Run {id}: {provider} / {model}").format(
                    id=r.id, provider=r.provider, model=r.model), r.id)
        self.iou = QDoubleSpinBox()
        self.iou.setRange(0.05, 1.0)
        self.iou.setSingleStep(0.05)
        self.iou.setDecimals(2)
        self.problem = QLabel(translate("consensus", NEEDS_TWO) if len(runs) < 2 else "")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b")
        self._lay_out(len(runs) >= 2)
        self.binding = Binding(changed=self._edited)
        for widget, name in ((self.run_a, "run_a"), (self.run_b, "run_b"), (self.iou, "iou")):
            self.binding.bind(widget, name)
        self.binding.show(self.plan)

    def _lay_out(self, two_runs: bool) -> None:
        form = QFormLayout()
        form.addRow(translate("consensus", "First run"), self.run_a)
        form.addRow(translate("consensus", "Second run"), self.run_b)
        form.addRow(translate("consensus", "Boxes agree from IoU"), self.iou)
        note = QLabel(translate("consensus", "Suggestions of the same class whose boxes overlap this much (image tags: "
                      "the same class) become one agreed suggestion; the rest are disputed and "
                      "come first in review."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.build_button = buttons.addButton(translate("consensus", "Build"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.build_button.setEnabled(two_runs)
        self.build_button.clicked.connect(self.build)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_form(self, self.problem)

    def _edited(self) -> None:
        self.plan = self.binding.apply(self.plan)

    def build(self) -> None:
        plan = self.plan
        if plan.run_a is None or plan.run_b is None:
            return  # (Build is off: the project has fewer than two runs)
        if not self.build_button.isEnabled():
            return  # building already
        write_soon(self.store, self._tasks, build_consensus, plan.run_a, plan.run_b, plan.iou,
                   on_result=self._built, on_error=self._not_built, waiting=self._building)

    def _building(self) -> None:
        """Built on a background task (gui/saving.py): Build off until it lands."""
        self.build_button.setEnabled(False)
        self.problem.setText(translate("consensus", "Building the consensus…"))
        self.problem.setStyleSheet("")
        self.problem.show()

    def _built(self, result: ConsensusResult) -> None:
        self.built = result
        self.built_now.emit(result)  # also when Cancel closed the dialog while it was built
        if self.isVisible():
            self.accept()

    def _not_built(self, exc: BaseException, _traceback: str = "") -> None:
        self.build_button.setEnabled(True)
        self.problem.setStyleSheet("color: #c0392b")
        self.problem.setText(error_text(exc))
        self.problem.show()
