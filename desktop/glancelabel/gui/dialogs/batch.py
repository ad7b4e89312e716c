"""The batch dialog (edits a Qt-free `BatchPlan`, shows the estimate; "Ask a second model" makes it
a `PairPlan`: a second run on the same images and their consensus, with the cost of both) and the
progress panel
(runs a `BatchRunner` off the GUI thread: figures, pause/resume/cancel, failures with retry,
provider Batch API jobs with their status, and collecting their results — expired requests
are sent again by core, and the panel says so).

Standalone widgets that take the store; the main window opens the dialog with Ctrl+B and
docks the panel. Core callbacks arrive from worker threads and reach widgets only through
queued signals.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.app.secrets import missing_key_texts
from ...core.consensus.plan import PairPlan, SecondModel, run_pair
from ...core.consensus.plan import estimate as pair_estimate
from ...core.i18n import N_, said
from ...core.suggest.examples import MAX_PER_CLASS as MAX_EXAMPLES
from ...core.suggest.plan import BATCH_RUN_KINDS, run_text
from ...core.suggest.runner import (
    BatchPlan,
    BatchProgress,
    BatchRunner,
    BatchSummary,
)
from ..binding import Binding
from ..controllers.local_offer import (
    LocalEngine,
    key_sentence,
    offer_sentence,
    switch_to_local,
    usable_local_engine,
)
from ..i18n import error_text, kept_error_text, shown, translate
from ..tasks import Gathered, Latest, TaskRunner, start_worker_thread
from .widgets import ClassChecklist

if TYPE_CHECKING:
    from ...core.providers.base import Provider
    from ...core.store import Store

log = logging.getLogger(__name__)

SCOPES = (("unasked", N_("batch", "Images not done and not asked yet")),
          ("unlabelled", N_("batch", "Images without annotations or suggestions")),
          ("selection", N_("batch", "The selected images")),
          ("filter", N_("batch", "Images not done (asks again about those with suggestions)")),
          ("all", N_("batch", "Every image, done ones too (asks again about reviewed images)")))


NOTHING_TO_ASK = {
    "unasked": N_("batch", "No image to ask about: every image is done, excluded or has "
                           "suggestions already. To ask again, choose another set of images above."),
    "unlabelled": N_("batch", "Every image has annotations or suggestions already."),
}
NO_IMAGE_CHOSEN = N_("batch", "No image is in this choice.")


def _none_if_zero(value: float) -> float | None:
    return value or None


def _zero_if_none(value: float | None) -> float:
    return value or 0


class Estimated(NamedTuple):
    """What `_estimate` worked out off the GUI thread."""

    number: int  # of the request: only the newest one is shown
    problems: list[str]  # what stops the plan
    key_problems: list[str]  # missing API keys (with the local engine's offer)
    estimate: Any  # the plan's (or the pair's) estimate; None when stopped or failed
    failure: str | None  # why no estimate could be made
    engine: LocalEngine | None  # the offline engine offered while a key is missing


def _estimate(number: int, plan: BatchPlan, store: Any, no_class: bool,
              pair: PairPlan | None = None) -> Estimated:
    """The plan's problems and estimate, off the GUI thread; with `pair`, of both runs. A
    missing key of the first provider is said as the I key says it, with the local engine
    offered."""
    problems = [shown(t) for t in plan.problem_texts(check_key=False)]  # no key needed for it
    key_problems = [shown(t) for t in missing_key_texts(plan.provider)]
    engine = usable_local_engine(store) if key_problems else None
    if engine is not None:
        key_problems = [f"{key_sentence(plan.provider)} {offer_sentence(engine)}"]
    if pair is not None:
        problems += [shown(p) for p in pair.problems()]
        key_problems += [p for p in map(shown, missing_key_texts(pair.second.provider))
                         if p not in key_problems]
    if no_class:
        problems.append(translate("batch", "Choose at least one class to ask for."))
    if problems:
        return Estimated(number, problems, key_problems, None, None, engine)
    try:
        est = plan.estimate(store) if pair is None else pair_estimate(pair, store)
        return Estimated(number, problems, key_problems, est, None, engine)
    except Exception as exc:  # noqa: BLE001 - shown as one sentence, logged in full
        log.exception("estimate failed")
        failure = translate("batch", "No estimate: {error}").format(error=error_text(exc))
        return Estimated(number, problems, key_problems, None, failure, engine)


class BatchDialog(QDialog):
    """Edit a plan; Start emits `startRequested(plan)`, the Batch API button
    `submitRequested(plan)`."""

    startRequested = Signal(object)
    submitRequested = Signal(object)

    def __init__(self, store: Store, plan: BatchPlan | None = None, *,
                 selection: tuple[int, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...core.providers import PROVIDER_NAMES

        self.setWindowTitle(translate("batch", "Ask the AI about many images"))
        self.store = store
        self.plan = plan or BatchPlan()
        self._estimates: TaskRunner | None = None  # made on the first estimate
        self._estimate_number = 0  # of the newest estimate asked for
        self._engine: LocalEngine | None = None  # offered while a key is missing
        if selection:
            self.plan.selection = tuple(selection)
        self._make_fields(PROVIDER_NAMES, store)
        self._lay_out()
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh_estimate)
        self.binding = self._bind()
        self.binding.show(self.plan)
        self.refresh_estimate()

    def _make_fields(self, provider_names, store: Store) -> None:
        self.provider = QComboBox()
        for name in provider_names:  # the id is the item's data (the binding reads it)
            self.provider.addItem(provider_shown(name), name)
        self.model = QLineEdit()
        self.model.setPlaceholderText(translate("batch", "the provider's default model"))
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText(translate("batch", "default endpoint"))
        self.scope = QComboBox()
        for key, text in SCOPES:
            self.scope.addItem(translate("batch", text), key)
        self.limit = QSpinBox()
        self.limit.setRange(0, 10_000_000)
        self.limit.setSpecialValueText(translate("batch", "no limit"))
        self.classes = ClassChecklist((lab.name for lab in store.labels()), self.plan.classes, 110)
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 64)
        self.rpm = QSpinBox()
        self.rpm.setRange(0, 1_000_000)
        self.rpm.setSpecialValueText(translate("batch", "learn from the provider"))
        self.cap = QDoubleSpinBox()
        self.cap.setRange(0, 1_000_000)
        self.cap.setDecimals(2)
        self.cap.setPrefix(translate("batch", "$"))
        self.cap.setSpecialValueText(translate("batch", "no cap"))
        self.force = QCheckBox(translate("batch", "Ask again even when an answer is cached (costs money)"))
        self.examples = QSpinBox()  # reviewed examples per class (Review → Examples in the prompt)
        self.examples.setRange(0, MAX_EXAMPLES)
        self.examples.setSpecialValueText(translate("batch", "none"))
        self.examples.setValue(self.plan.settings.examples_per_class)
        other = "openai" if self.plan.provider == "anthropic" else "anthropic"
        self.pair = PairPlan(self.plan, SecondModel(other))
        self.ask_second = QCheckBox(translate("batch", "Ask a second model about the same images, then keep what "
                                    "both agree on (disputed ones are reviewed first)"))
        self.second_provider = QComboBox()
        for name in provider_names:
            self.second_provider.addItem(provider_shown(name), name)
        self.second_model = QLineEdit()
        self.second_model.setPlaceholderText(translate("batch", "the provider's default model"))
        self.second_base_url = QLineEdit()
        self.second_base_url.setPlaceholderText(translate("batch", "default endpoint"))

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, w in ((translate("batch", "Provider"), self.provider), (translate("batch", "Model"), self.model),
                         (translate("batch", "Base URL"), self.base_url), (translate("batch", "Images"), self.scope),
                         (translate("batch", "Limit"), self.limit), (translate("batch", "Classes"), self.classes),
                         (translate("batch", "Concurrency"), self.concurrency), (translate("batch", "Requests / minute"), self.rpm),
                         (translate("batch", "Spending cap"), self.cap), (translate("batch", "Examples per class"), self.examples),
                         ("", self.force), ("", self.ask_second),
                         (translate("batch", "Second provider"), self.second_provider),
                         (translate("batch", "Second model"), self.second_model),
                         (translate("batch", "Second base URL"), self.second_base_url)):
            form.addRow(label, w)
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.addButton(translate("batch", "Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button = buttons.addButton(translate("batch", "Submit to Batch API (½ price)"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.local_button = buttons.addButton(translate("batch", "Use the local engine"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.local_button.setObjectName("useLocalEngine")
        self.local_button.hide()  # shown while a key is missing and a local engine is usable
        self.start_button.clicked.connect(self._start)
        self.submit_button.clicked.connect(self._submit)
        self.local_button.clicked.connect(self.use_local)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.estimate_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)

    # -- binding --------------------------------------------------------------------------
    def _bind(self) -> Binding:
        binding = Binding(changed=self._changed)
        for widget, name in ((self.provider, "provider"), (self.scope, "scope"),
                             (self.concurrency, "concurrency"), (self.rpm, "rpm"),
                             (self.force, "force")):
            binding.bind(widget, name)
        binding.bind(self.model, "model", read=str.strip)
        binding.bind(self.base_url, "base_url", read=str.strip)
        binding.bind(self.limit, "limit", read=_none_if_zero, write=_zero_if_none)
        binding.bind(self.cap, "spending_cap_usd", read=_none_if_zero, write=_zero_if_none)
        self.classes.itemChanged.connect(self._changed)  # (a checklist: read in `_changed`)
        binding.watch(self.examples)  # (a setting of the plan's settings: read in `_changed`)
        self.second_binding = Binding(changed=self._changed)
        self.second_binding.bind(self.second_provider, "provider")
        self.second_binding.bind(self.second_model, "model", read=str.strip)
        self.second_binding.bind(self.second_base_url, "base_url", read=str.strip)
        self.second_binding.show(self.pair.second)
        binding.watch(self.ask_second)  # (whether `chosen` is the pair)
        self._show_second()
        return binding

    def _show_second(self) -> None:
        for w in (self.second_provider, self.second_model, self.second_base_url):
            w.setEnabled(self.ask_second.isChecked())

    def _changed(self, *_: Any) -> None:
        self.binding.apply(self.plan, filter_name="new", classes=self.classes.chosen())
        self.plan.settings = replace(self.plan.settings, examples_per_class=self.examples.value())
        if hasattr(self, "second_binding"):
            self.second_binding.apply(self.pair.second)
            self._show_second()
        self._timer.start()

    def chosen(self) -> BatchPlan | PairPlan:
        """What Start runs: the plan, or the pair when a second model is asked too."""
        return self.pair if self.ask_second.isChecked() else self.plan

    def refresh_estimate(self) -> None:
        """Estimate the plan in the background (every in-scope record and a keyring query);
        until the newest estimate arrives the dialog says "Estimating…" and Start waits."""
        self._estimate_number += 1
        self.estimate_label.setText(translate("batch", "Estimating…"))
        self.start_button.setEnabled(False)
        self.submit_button.setEnabled(False)
        if self._estimates is None:
            self._estimates = TaskRunner(1, self)
        pair = copy.deepcopy(self.pair) if self.ask_second.isChecked() else None
        self._estimates.run(_estimate, self._estimate_number, copy.deepcopy(self.plan),
                            self.store, self.classes.none_checked(), pair,
                            on_result=self._estimated)

    def _estimated(self, result: Estimated) -> None:
        number, problems, key_problems, est, failure, engine = result
        if number != self._estimate_number:
            return  # the plan changed meanwhile: a newer estimate follows
        self._engine = engine
        self.local_button.setVisible(engine is not None)
        self.problem_label.setText("\n".join(problems + key_problems))
        ready = not problems and not key_problems
        self.start_button.setEnabled(ready)
        self.submit_button.setEnabled(ready and self.plan.provider in ("anthropic", "openai")
                                      and not self.ask_second.isChecked())
        if problems or est is None:
            self.estimate_label.setText(failure or "")
            return
        self.estimate = est
        self.estimate_label.setText("\n".join(shown(t) for t in est.texts()))
        self.start_button.setEnabled(est.images > 0 and not key_problems)
        if est.images == 0:
            nothing = NOTHING_TO_ASK.get(self.plan.scope, NO_IMAGE_CHOSEN)
            self.problem_label.setText("\n".join([translate("batch", nothing), *key_problems]))

    def use_local(self) -> None:
        """“Use the local engine”: this run asks the offered offline engine (the provider list
        shows “local”); the estimate follows."""
        if self._engine is None:
            return
        self.plan.settings = switch_to_local(self.plan.settings, self._engine)
        self.local_button.hide()
        self.provider.setCurrentIndex(self.provider.findData("local"))  # the binding calls _changed
        self.start_button.setFocus()

    def _start(self) -> None:
        self._changed()
        self.startRequested.emit(self.chosen())
        self.accept()

    def _submit(self) -> None:
        self._changed()
        self.submitRequested.emit(self.plan)
        self.accept()


class _Bridge(QObject):
    """Carries core callbacks (worker threads) to the GUI thread."""

    finished = Signal(object)
    failed = Signal(str)
    batches = Signal(object)
    collected = Signal(object)
    collect_failed = Signal(str)
    status_failed = Signal(str)
    consensus = Signal(str)
    consensus_built = Signal(object)


class BatchProgressPanel(QWidget):
    """Runs plans and shows how they go. `resultsArrived(image_ids)` lets the window refresh
    the images whose suggestions arrived (all since the last time, once an event-loop turn); `batchesCollected(reports)` follows
    a collection of Batch API results; `consensusBuilt(change_set)` carries the consensus a
    run with a second model built (already applied), for the window's undo stack."""

    resultsArrived = Signal(list)
    consensusBuilt = Signal(object)
    runFinished = Signal(object)
    batchesCollected = Signal(object)
    collect_label: QLabel  # made further down in __init__, used by a handler connected before

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 provider: Provider | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.provider = provider  # tests inject one; otherwise from the plan's settings
        self.runner: BatchRunner | None = None
        self.plan: BatchPlan | None = None
        self.last: BatchProgress | None = None
        self.summary: BatchSummary | None = None
        self._thread: threading.Thread | None = None
        self._jobs: list[threading.Thread] = []  # Batch API status refreshes and collections
        self._stopped = False  # the window is closing: late results are not shown
        self._busy = False
        self._cancelled = False
        self._bridge = _Bridge(self)
        self._progress = Latest(self._show, self)  # the newest report, once a turn at most
        self._results = Gathered(self.resultsArrived.emit, self)  # image ids, once a turn
        self._bridge.finished.connect(self._finished)
        self._bridge.failed.connect(self._failed)
        self._bridge.batches.connect(self._show_batches)
        self._bridge.collected.connect(self._collected)
        self._bridge.collect_failed.connect(self._collect_failed)
        self._bridge.status_failed.connect(
            lambda message: self.collect_label.setText(translate(
                "batch", "Could not refresh the Batch API status: {error}").format(error=message)))

        self.state_label = QLabel()  # one line: the run going now, else the newest one
        self.state_label.setWordWrap(True)
        self.consensus_label = QLabel()  # after a run with a second model: their consensus
        self.consensus_label.setWordWrap(True)
        self.consensus_label.hide()  # shown with its sentence (`_say_consensus`)
        self._bridge.consensus.connect(self._say_consensus)
        self._bridge.consensus_built.connect(self._consensus_built)
        self._stop_pair = threading.Event()
        self.counts_label = QLabel()
        self.speed_label = QLabel()
        self.cost_label = QLabel()
        for label in (self.counts_label, self.speed_label, self.cost_label):
            label.setWordWrap(True)  # a long line wraps: the dock below the canvas stays narrow
        self.pause_button = QPushButton(translate("batch", "Pause"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(translate("batch", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.failures = QListWidget()
        self.retry_button = QPushButton(translate("batch", "Retry failed"))
        self.retry_button.clicked.connect(self.retry_failed)
        self.batch_table = QTableWidget(0, 4)
        self.batch_table.setHorizontalHeaderLabels([translate("batch", "Batch"),
                                                    translate("batch", "Provider"),
                                                    translate("batch", "Status"),
                                                    translate("batch", "Requests")])
        self.refresh_batches_button = QPushButton(translate("batch", "Refresh Batch API status"))
        self.refresh_batches_button.clicked.connect(self.refresh_batches)
        self.collect_button = QPushButton(translate("batch", "Collect Batch API results"))
        self.collect_button.clicked.connect(self.collect_batches)
        self.collect_label = QLabel()
        self.collect_label.setWordWrap(True)
        self._lay_out()
        self._set_running(False)
        self._show_batches([])
        self.load_batch_rows()

    def _lay_out(self) -> None:
        """Three columns side by side (the run, its failures, the Batch API jobs) in a dock
        below the canvas, one above the other in a dock at a side (`set_wide`)."""
        row = QHBoxLayout()
        row.addWidget(self.pause_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        run = QVBoxLayout()
        for w in (self.state_label, self.consensus_label, self.counts_label, self.speed_label,
                  self.cost_label):
            run.addWidget(w)
        run.addLayout(row)
        run.addStretch(1)
        failures = QVBoxLayout()
        failures.addWidget(QLabel(translate("batch", "Failures")))
        failures.addWidget(self.failures)
        failures.addWidget(self.retry_button)
        jobs = QVBoxLayout()
        jobs.addWidget(QLabel(translate("batch", "Batch API jobs")))
        jobs.addWidget(self.batch_table)
        jobs.addWidget(self.refresh_batches_button)
        jobs.addWidget(self.collect_button)
        jobs.addWidget(self.collect_label)
        self._columns = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        for column, stretch in ((run, 2), (failures, 1), (jobs, 2)):
            self._columns.addLayout(column, stretch)

    def _say_consensus(self, text: str) -> None:
        """The consensus line; none, and no empty line's room, when there is nothing to say."""
        self.consensus_label.setText(text)
        self.consensus_label.setVisible(bool(text))

    def set_wide(self, wide: bool) -> None:
        """Columns side by side (a dock below or above the canvas, or floating) or one above
        the other (a dock at a side)."""
        self._columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                   else QBoxLayout.Direction.TopToBottom)

    # -- running --------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True from `start` until the run's end has been shown (GUI thread)."""
        return self._busy

    def start(self, plan: BatchPlan | PairPlan, *, retry_run: int | None = None) -> None:
        """Run a plan; a `PairPlan` runs its first plan, then the second model on the same
        images, then builds their consensus (said in `consensus_label`). `retry_run`: that
        run's failed jobs are queued again first (by the worker: a write that would wait for
        the lock while another worker holds it)."""
        if self.running:
            raise RuntimeError("a run is already going")
        pair = plan if isinstance(plan, PairPlan) else None
        plan = plan.first if isinstance(plan, PairPlan) else plan
        self.plan = plan
        b = self._bridge
        self.runner = None  # built by the worker: making the provider's client takes a while
        self._cancelled = False
        self._stop_pair.clear()
        self._say_consensus("")
        store, provider = self.store, self.provider

        def work() -> None:
            try:
                if pair is not None:
                    self._run_pair(pair)
                    return
                runner = BatchRunner(store, plan, provider=provider,
                                     on_progress=self._progress.put,
                                     on_result=lambda i, _ids: self._results.put(i))
                self.runner = runner
                if self._cancelled:
                    runner.cancel()
                if retry_run is not None:  # (this thread talks to the store on its own connection)
                    store.retry_failed(retry_run)
                runner.prepare()
                b.finished.emit(runner.run())
            except Exception as exc:  # noqa: BLE001 - reported on the GUI thread
                log.exception("batch run failed")
                b.failed.emit(error_text(exc))

        self.summary = None
        self.failures.clear()
        self._busy = True
        self._set_running(True)
        self.state_label.setText(translate("batch", "Starting…"))
        self._thread = start_worker_thread(work, "batch-panel")

    def _made(self, runner: BatchRunner) -> None:
        """(worker thread) The runner of the run going now: Pause and Cancel act on it."""
        self.runner = runner
        if self._cancelled:
            runner.cancel()

    def _run_pair(self, pair: PairPlan) -> None:
        """(worker thread) Both runs, then the consensus; the last run's summary ends it."""
        b = self._bridge
        out = run_pair(self.store, pair, provider=self.provider, on_runner=self._made,
                       cancelled=self._stop_pair, on_progress=self._progress.put,
                       on_result=lambda i, _ids: self._results.put(i))
        if out.consensus is not None:
            b.consensus.emit(shown(out.consensus.summary()))
            b.consensus_built.emit(out.consensus.changes)
            for image_id in sorted(out.consensus.image_ids):  # shown again, marked
                self._results.put(image_id)
        elif out.second is None:
            b.consensus.emit(translate("batch", "The second model was not asked: the first run "
                                                "did not finish or asked about no image."))
        else:
            b.consensus.emit(translate("batch", "No consensus was built: the second run did "
                                                "not finish."))
        b.finished.emit(out.second or out.first)

    def toggle_pause(self) -> None:
        if self.runner is None or not self.running:
            return
        if self.runner.paused:
            self.runner.resume()
            self.pause_button.setText(translate("batch", "Pause"))
        else:
            self.runner.pause(said(N_("batch", "Paused: requests in flight finish, no new ones "
                                              "are sent.")))
            self.pause_button.setText(translate("batch", "Resume"))

    def cancel(self) -> None:
        if self.running:
            self._cancelled = True  # seen by the worker if its runner is not built yet
            self._stop_pair.set()  # a second model is not asked after a cancel
            if self.runner is not None:
                self.runner.cancel()

    def retry_failed(self) -> None:
        if self.running or self.plan is None or self.summary is None or not self.summary.failed:
            return
        self.start(self.plan, retry_run=self.summary.run_id)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run and every Batch API refresh or collection end (closing the
        window, tests); False when one is still going after `timeout` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for t in [self._thread, *self._jobs]:
            if t is not None:
                t.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        self._jobs = [t for t in self._jobs if t.is_alive()]
        return not self._jobs and not (self._thread is not None and self._thread.is_alive())

    def stop(self, timeout: float | None = None) -> bool:
        """The window is closing: cancel the run, wait for every worker (the store is closed
        next) and show nothing that arrives later."""
        self._stopped = True
        self.cancel()
        return self.wait(timeout)

    def _spawn(self, work, name: str) -> None:
        self._jobs = [t for t in self._jobs if t.is_alive()]
        self._jobs.append(start_worker_thread(work, name))

    # -- showing (GUI thread) ---------------------------------------------------------------
    def _set_running(self, running: bool) -> None:
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setEnabled(not running and self.failures.count() > 0)
        if not running:
            self.pause_button.setText(translate("batch", "Pause"))

    def refresh_state(self) -> None:
        """The state line from the project when no run is going: the newest batch run
        (direct or through a Batch API) in one sentence."""
        if self.running:
            return
        rows = [r for r in self.store.run_summaries() if r["kind"] in BATCH_RUN_KINDS]
        if not rows:
            self.state_label.setText(translate("batch", "No batch run in this project yet."))
            return
        row = max(rows, key=lambda r: r["id"])
        self.state_label.setText(shown(run_text(row, self.store.duplicate_count(row["id"]))))

    def _show(self, p: BatchProgress) -> None:
        self.last = p
        self.state_label.setText(progress_line(p))
        if p.state == "capped":
            self.pause_button.setText(translate("batch", "Resume"))
        self.counts_label.setText(counts_line(p))
        self.speed_label.setText(speed_line(p))
        self.cost_label.setText(cost_line(p))

    def _finished(self, summary: BatchSummary) -> None:
        self._busy = False
        if self._stopped:
            return
        self.summary = summary
        self.failures.clear()
        for job in self.store.failed_jobs(summary.run_id):
            item = QListWidgetItem(f"{job.relpath}: {kept_error_text(job.error or '')}")
            item.setData(Qt.ItemDataRole.UserRole, job.image_id)
            self.failures.addItem(item)
        self._set_running(False)
        if self.runner is not None:
            self._show(self.runner.progress())
        row = next((r for r in self.store.run_summaries() if r["id"] == summary.run_id), None)
        if row is not None:
            self.state_label.setText(translate("batch", "{state}. {run}").format(
                state=state_word(summary.state), run=shown(run_text(row, summary.duplicates))))
        self.runFinished.emit(summary)

    def _consensus_built(self, changes: Any) -> None:
        if not self._stopped:
            self.consensusBuilt.emit(changes)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.state_label.setText(translate("batch", "Could not run: {error}").format(error=message))
        self._set_running(False)

    # -- Batch API jobs ---------------------------------------------------------------------------
    def load_batch_rows(self) -> None:
        """The Batch API jobs table and the state line, re-read from the project."""
        self._show_batches([(b.id, b.provider, batch_status(b.status, b.collected_at is not None),
                             b.request_count) for b in self.store.batches()])
        self.refresh_state()

    def _show_batches(self, rows) -> None:
        if self._stopped:
            return
        self.batch_table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                self.batch_table.setItem(r, c, QTableWidgetItem(str(v)))

    def refresh_batches(self) -> None:
        """Poll the providers off the GUI thread, then show every batch's status."""
        from ...core.suggest import batch_api

        b = self._bridge

        def work() -> None:
            try:
                statuses = batch_api.refresh(self.store)
                b.batches.emit([(s.id, s.provider, batch_status(s.status, s.collected), s.requests)
                                for s in statuses])
            except Exception as exc:  # noqa: BLE001 - one sentence in the panel
                log.exception("batch status failed")
                b.status_failed.emit(error_text(exc))

        self._spawn(work, "batch-status")

    def collect_batches(self) -> None:
        """Store the results of every ended batch off the GUI thread; core sends expired
        requests again as new batches."""
        from ...core.suggest import batch_api

        b = self._bridge

        def work() -> None:
            try:
                b.collected.emit(batch_api.collect(self.store, provider=self.provider))
            except Exception as exc:  # noqa: BLE001 - one sentence in the panel
                log.exception("batch collect failed")
                b.collect_failed.emit(error_text(exc))

        self.collect_button.setEnabled(False)
        self.collect_label.setText(translate("batch", "Collecting Batch API results…"))
        self._spawn(work, "batch-collect")

    def _collected(self, reports) -> None:
        if self._stopped:
            return
        self.collect_button.setEnabled(True)
        lines = [shown(r.as_text()) for r in reports] + [shown(p) for r in reports
                                                          for p in r.problem_texts]
        self.collect_label.setText("\n".join(lines) or translate(
            "batch", "No batch is ready to collect yet."))
        self.load_batch_rows()
        self.batchesCollected.emit(reports)

    def _collect_failed(self, message: str) -> None:
        self.collect_button.setEnabled(True)
        self.collect_label.setText(translate("batch", "Could not collect: {error}").format(
            error=message))


WORDS = {"running": N_("batch", "Running"), "paused": N_("batch", "Paused"),
         "capped": N_("batch", "Paused at the cap"), "cancelling": N_("batch", "Cancelling"),
         "finished": N_("batch", "Finished"), "cancelled": N_("batch", "Cancelled")}
# the providers' own words for a Batch API job's status (the table shows them translated)
BATCH_STATUSES = (N_("batch status", "submitted"), N_("batch status", "validating"),
                  N_("batch status", "in_progress"), N_("batch status", "finalizing"),
                  N_("batch status", "ended"), N_("batch status", "completed"),
                  N_("batch status", "expired"), N_("batch status", "failed"),
                  N_("batch status", "canceling"), N_("batch status", "cancelling"),
                  N_("batch status", "cancelled"))


def state_word(state: str) -> str:
    """A run's state in a word ('Paused at the cap'), in the interface's language."""
    word = WORDS.get(state)
    return translate("batch", word) if word is not None else state.capitalize()


def progress_line(p: BatchProgress) -> str:
    """'Running.', 'Paused: requests in flight finish…' — the state word once, with the
    runner's message when it adds something (translated when the runner said it: `p.text`)."""
    word = state_word(p.state)
    if p.text is not None:  # the runner's own sentence names the state, except at the cap
        return shown(p.text) if p.state != "capped" else _with_state(word, shown(p.text))
    message = p.message.strip()
    english = WORDS.get(p.state, p.state.capitalize())
    if not message or message.rstrip(".").casefold() == english.casefold():
        return translate("batch", "{state}.").format(state=word)
    if message.casefold().startswith(english.split()[0].casefold()):
        return message
    return _with_state(word, message)


def _with_state(word: str, message: str) -> str:
    return translate("batch", "{state}: {message}").format(state=word, message=message)


def counts_line(p: BatchProgress) -> str:
    return translate("batch", "{done} answered, {cached} from the cache, {failed} failed, "
                              "{remaining} remaining ({in_flight} in flight)").format(
        done=p.done, cached=p.cached, failed=p.failed, remaining=p.remaining,
        in_flight=p.in_flight)


def speed_line(p: BatchProgress) -> str:
    """'12 images/minute, about 2 min left; 3 rate-limited'; a rate under one a minute with a
    decimal ('0.4 images/minute'); none before the runner has measured one (the first half
    second, or a run over by then)."""
    ipm = p.images_per_minute
    if ipm <= 0:
        return (translate("batch", "{count} rate-limited").format(count=p.rate_limited)
                if p.rate_limited else "")
    rate = f"{ipm:.1f}" if ipm < 0.95 else f"{ipm:.0f}"
    line = (translate("batch", "{rate} image/minute") if rate == "1"
            else translate("batch", "{rate} images/minute")).format(rate=rate)
    if p.eta_seconds:  # (none once nothing is left)
        line += translate("batch", ", about {time} left").format(time=_duration(p.eta_seconds))
    if p.rate_limited:
        line += translate("batch", "; {count} rate-limited").format(count=p.rate_limited)
    return line


def cost_line(p: BatchProgress) -> str:
    """'1,200 input / 300 output tokens, $0.0081'."""
    template = (translate("batch", "{input} input / {output} output token, ${cost}")
                if p.output_tokens == 1 else
                translate("batch", "{input} input / {output} output tokens, ${cost}"))
    return template.format(input=f"{p.input_tokens:,}", output=f"{p.output_tokens:,}",
                           cost=f"{p.cost_usd:.4f}")


def batch_status(status: str, collected: bool) -> str:
    """A Batch API job's status as the provider says it ('ended'), translated; '(collected)'
    after it once its results are stored."""
    word = translate("batch status", status)
    return translate("batch", "{status} (collected)").format(status=word) if collected else word


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 90:
        return translate("batch", "{n} s").format(n=seconds)
    if seconds < 5400:
        return translate("batch", "{n} min").format(n=round(seconds / 60))
    return translate("batch", "{n} h").format(n=f"{seconds / 3600:.1f}")


def provider_shown(name: str) -> str:
    """How a provider id reads in the provider boxes: names stay (anthropic, openai,
    openai-compatible); the offline engine is named in the interface's language."""
    return translate("batch", "local") if name == "local" else name
