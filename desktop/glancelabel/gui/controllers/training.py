"""Training a local model from the window (Model → Train a local model…, Ctrl+T).

Opens the Train dialog (non-modal: reviewing goes on while a model trains), prepares the plan for
the chosen task, checks the training environment and creates it on request, and runs the training
(`core.training.job.run_training`) on a thread pool of its own, so the window's other background
work never waits behind a training. Its events reach the dialog on the GUI thread; Cancel sets the
training's cancel event (the trainer stops at its next batch). When a model is registered it is
listed in Settings → AI provider → Local model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ...core.app import settings as settings_mod
from ..i18n import error_text, shown, translate
from ..tasks import Task, TaskRunner
from .ports import Say

if TYPE_CHECKING:
    from ...core.store import Store
    from ..dialogs.train import TrainDialog


class TrainingController:
    def __init__(self, main: QWidget, store: Store, folder: Path, say: Say,
                 settings: settings_mod.Settings | None = None,
                 open_report: Callable[[], None] | None = None) -> None:
        self.main = main
        self.store = store
        self.folder = Path(folder)
        self.say = say
        self.settings = settings  # "Use this model" makes it the local provider's model
        self.last: Any = None  # the last finished TrainResult
        self.open_report = open_report  # the quality report (its held-out comparison)
        self.runner = TaskRunner(2, main)  # a training takes a thread for minutes
        self.dialog: TrainDialog | None = None
        self.task: Task | None = None

    @property
    def training(self) -> bool:
        return self.task is not None

    def open_dialog(self) -> None:
        from ..dialogs.train import TrainDialog

        if self.dialog is None:
            dialog = TrainDialog(self.store.path.parent / "training", self.main)
            dialog.taskChanged.connect(self.replan)
            dialog.startRequested.connect(self.start)
            dialog.cancelRequested.connect(self.cancel)
            dialog.createEnvRequested.connect(self.create_env)
            dialog.useRequested.connect(self.use_model)
            dialog.compareRequested.connect(self.compare)
            self.dialog = dialog
            self.replan(dialog.task())
            self.check_env()
            self.read_history()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    # -- plan and environment -----------------------------------------------------------------
    def replan(self, task: str) -> None:
        from ...core.training.job import TrainRequest, prepare

        def plan_for(request: TrainRequest) -> Any:
            return prepare(self.store, request)

        def show_plan(plan: Any) -> None:
            if self.dialog is not None and self.dialog.task() == task:
                self.dialog.show_plan(plan)

        self.runner.run(plan_for, TrainRequest(task), on_result=show_plan,
                        on_error=lambda exc, _tb: self._plan_failed(task, exc))

    def _plan_failed(self, task: str, exc: BaseException) -> None:
        if self.dialog is not None and self.dialog.task() == task:
            self.dialog.show_plan_error(error_text(exc))

    def read_history(self) -> None:
        """The project's train runs (a run whose trainer died is marked interrupted here)."""
        from ...core.training.records import train_runs

        def show_history(runs: Any) -> None:
            if self.dialog is not None:
                self.dialog.show_history(runs)

        self.runner.run(train_runs, self.store, on_result=show_history,
                        on_error=lambda exc, _tb: self.say(error_text(exc)))

    def check_env(self) -> None:
        from ...core.training.env import env_status

        self.runner.run(env_status, on_result=self._env_shown,
                        on_error=lambda exc, _tb: self.say(error_text(exc)))

    def _env_shown(self, status: Any) -> None:
        if self.dialog is not None:
            self.dialog.show_env(status)

    def create_env(self) -> None:
        from ...core.training.env import create_env

        def make(progress: Any, cancel: Any) -> Any:
            return create_env(on_line=progress, cancel=cancel)

        if self.dialog is not None:
            self.dialog.env_creating(True)
            self.runner.run(make, on_progress=self.dialog.env_line, on_result=self._env_made,
                            on_error=self._env_failed)

    def _env_made(self, status: Any) -> None:
        if self.dialog is not None:
            self.dialog.env_creating(False)
            self.dialog.show_env(status)
        self.say(translate("training", "The training environment is ready.") if status.ready else
                 shown(status.problem_text) if status.problem_text else
                 translate("training", "The training environment is not ready."))

    def _env_failed(self, exc: BaseException, _tb: str) -> None:
        if self.dialog is not None:
            self.dialog.env_creating(False)
            self.dialog.env_label.setText(error_text(exc))
        self.say(error_text(exc))

    def close(self) -> None:
        """The window closes: a training is cancelled (its run is recorded as such and the
        trainer stops at its next batch, or is killed after the grace time) and waited for."""
        if self.task is not None:
            self.task.cancel()
        self.runner.cancel_all()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.runner.wait(40_000)

    # -- training ----------------------------------------------------------------------------
    def start(self, request: Any) -> None:
        from ...core.training.job import run_training

        if self.task is not None or self.dialog is None:
            return
        store, folder = self.store, self.folder

        def train(progress: Any, cancel: Any) -> Any:
            return run_training(store, folder, request, on_event=progress, cancel=cancel)

        dialog = self.dialog
        dialog.training_started()
        self.task = self.runner.run(train, on_progress=dialog.show_event, on_result=self._done,
                                    on_error=self._failed, label=translate("training", "training a local model"))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.say(translate("training", "Cancelling the training: it stops at its next batch."))

    def _done(self, result: Any) -> None:
        self.task = None
        self.last = result
        self.read_history()
        usable = result.status == "done" and result.onnx_path is not None
        if self.dialog is not None:
            self.dialog.training_finished(shown(result.sentence or result.message),
                                          usable=usable and self.settings is not None,
                                          comparable=usable and self.open_report is not None)
        message = shown(result.sentence or result.message)
        if result.status == "done" and result.model_name:
            message = translate("training", "{result} {model} is now listed in Settings → AI provider "
                                "→ Local model.").format(result=message, model=result.model_name)
        self.say(message)

    def use_model(self) -> None:
        """The model just trained answers from now on (the local provider, saved settings)."""
        result = self.last
        if self.settings is None or result is None or result.onnx_path is None:
            return
        self.settings.provider.provider = "local"
        self.settings.provider.local_model_path = str(result.onnx_path)
        settings_mod.save(self.settings)
        self.say(translate("training", "Suggestions now come from the local model {model} (Settings → "
                           "AI provider); I asks about this image, Ctrl+B about many.").format(
                               model=result.model_name))

    def compare(self) -> None:
        if self.open_report is not None:
            self.open_report()

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self.read_history()
        text = error_text(exc)
        if self.dialog is not None:
            self.dialog.training_finished(text)
        self.say(text)
