"""The Train dialog (Model → Train a local model…, Ctrl+T): what will be trained on, the settings,
the training environment, and the progress of a training with a small live plot.

The dialog only shows and asks; `controllers/training.py` prepares the plan (counts per class and
split, warnings, defaults: `core.training.job.prepare`), checks and creates the environment and runs
the training off the GUI thread, and hands the results back through the `show_*` methods.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import N_, said
from ...core.training.env import CREATE_HINT, NOT_READY
from ...core.training.records import message_of
from ..i18n import shown, translate
from .widgets import read_only_item

TASKS = (("detect", N_("train", "Detect objects (boxes)")),
         ("classify", N_("train", "Classify images (one tag each)")))
METRIC_TITLE = {"detect": N_("train", "val mAP50"), "classify": N_("train", "val top-1")}
METRIC_KEY = {"detect": "mAP50", "classify": "top1"}
METRIC_COLOR = "#1a7f37"
LOSS_COLOR = "#f58231"


class TrainingPlot(QWidget):
    """The val metric (0-1) and the first loss (scaled to its largest value) per epoch."""

    MARGIN = 28

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.metric_name = METRIC_TITLE["detect"]
        self.epochs = 0
        self.metric_points: list[tuple[int, float]] = []
        self.loss_points: list[tuple[int, float]] = []

    def reset(self, task: str, epochs: int) -> None:
        self.metric_name, self.epochs = METRIC_TITLE[task], epochs
        self.metric_points, self.loss_points = [], []
        self.update()

    def add(self, epoch: int, metric: float | None, loss: float | None) -> None:
        if metric is not None:
            self.metric_points.append((epoch, metric))
        if loss is not None:
            self.loss_points.append((epoch, loss))
        self.update()

    def _plot_rect(self) -> QRectF:
        m = self.MARGIN
        return QRectF(m, 20, max(10, self.width() - 2 * m), max(10, self.height() - 20 - m))

    def polyline(self, which: str) -> list[QPointF]:
        """The points of one line in widget coordinates (layout only, for tests)."""
        plot = self._plot_rect()
        values = self.metric_points if which == "metric" else self.loss_points
        top = 1.0 if which == "metric" else max((v for _, v in values), default=1.0) or 1.0
        span = max(1, self.epochs or max((e for e, _ in values), default=1))
        return [QPointF(plot.left() + plot.width() * e / span,
                        plot.bottom() - plot.height() * min(1.0, max(0.0, v / top)))
                for e, v in values]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        plot = self._plot_rect()
        grid = QColor(text)
        grid.setAlpha(50)
        p.setPen(QPen(grid))
        p.drawRect(plot)
        p.setPen(text)
        p.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 18),
                   Qt.AlignmentFlag.AlignLeft, translate("train", "epoch 0"))
        p.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 18),
                   Qt.AlignmentFlag.AlignRight, f"{self.epochs}")
        legend = ((translate("train", self.metric_name), METRIC_COLOR), (translate("train", "loss (scaled)"), LOSS_COLOR))
        for i, (name, color) in enumerate(legend):
            p.fillRect(QRectF(plot.left() + 130 * i, 4, 10, 10), QColor(color))
            p.drawText(QPointF(plot.left() + 130 * i + 14, 14), name)
        for which, color in (("metric", METRIC_COLOR), ("loss", LOSS_COLOR)):
            points = self.polyline(which)
            p.setPen(QPen(QColor(color), 2))
            for a, b in zip(points, points[1:], strict=False):
                p.drawLine(a, b)
            for pt in points:
                p.drawEllipse(pt, 2.5, 2.5)
        if not self.metric_points and not self.loss_points:
            p.setPen(text)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, translate("train", "no epoch yet"))
        p.end()


DIALOG_HINT = N_("train", "“Create the training environment” below makes it (about 6 GB on disk; a few "
                 "minutes), or run `glancelabel train-env create`")


class TrainDialog(QDialog):
    taskChanged = Signal(str)
    startRequested = Signal(object)  # a TrainRequest
    cancelRequested = Signal()
    createEnvRequested = Signal()
    useRequested = Signal()  # use the model just trained for suggestions
    compareRequested = Signal()  # open the quality report's held-out comparison

    def __init__(self, default_out: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("train", "Train a local model"))
        self.setObjectName("trainDialog")
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 60 if screen is not None else 820
        self.resize(660, max(min(820, room), 400))  # the title bar and the buttons on the screen
        self.default_out = default_out
        self.training = False
        self.env_ready = False
        self.plan_ok = False
        self._started = False  # a training was started in this dialog
        self._make_widgets()
        self._lay_out()
        self.task_box.currentIndexChanged.connect(lambda _i: self.taskChanged.emit(self.task()))
        self.start_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self.use_button.clicked.connect(self.useRequested.emit)
        self.compare_button.clicked.connect(self.compareRequested.emit)
        self.env_button.clicked.connect(self.createEnvRequested.emit)
        self.browse_button.clicked.connect(self._browse)
        self._update_buttons()

    def _make_widgets(self) -> None:
        self.task_box = QComboBox()
        self.task_box.setObjectName("trainTask")
        for key, title in TASKS:
            self.task_box.addItem(translate("train", title), key)
        self.counts = QTableWidget(0, 3)
        self.counts.setObjectName("trainCounts")
        self.counts.setTabKeyNavigation(False)  # Tab goes on to the next control, not cell by cell
        self.counts.setHorizontalHeaderLabels((translate("train", "class"), translate("train", "train"),
                                               translate("train", "val")))
        self.counts.verticalHeader().setVisible(False)
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.setMaximumHeight(140)
        self.split_label = self._label("trainSplit", translate("train", "Reading the reviewed images…"))
        self.warnings = self._label("trainWarnings", "")
        self.epochs = QSpinBox()
        self.epochs.setObjectName("trainEpochs")
        self.epochs.setRange(1, 1000)
        self.imgsz = QSpinBox()
        self.imgsz.setObjectName("trainImgsz")
        self.imgsz.setRange(32, 4096)
        self.imgsz.setSingleStep(32)
        self.imgsz.setSuffix(translate("train", " px"))
        self.weights = QLineEdit()
        self.weights.setObjectName("trainWeights")
        self.out = QLineEdit(str(self.default_out))
        self.out.setObjectName("trainOut")
        self.browse_button = QPushButton(translate("train", "&Browse…"))
        self.browse_button.setObjectName("trainOutBrowse")
        self.env_label = self._label("trainEnv", translate("train", "Checking the training environment…"))
        self.env_button = QPushButton(translate("train", "Create the training &environment"))
        self.env_button.setObjectName("createEnv")
        self.env_button.setVisible(False)
        self.env_log = QPlainTextEdit()
        self.env_log.setObjectName("envLog")
        self.env_log.setReadOnly(True)
        self.env_log.setVisible(False)
        self.epoch_label = self._label("trainEpoch", translate("train", "Not started."))
        self.figures = self._label("trainFigures", "")
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.plot = TrainingPlot()
        self.plot.setObjectName("trainPlot")
        self.message = self._label("trainMessage", "")
        self.history = self._label("trainHistory", "")
        self.start_button = QPushButton(translate("train", "&Train"))
        self.start_button.setObjectName("trainStart")
        self.cancel_button = QPushButton(translate("train", "&Cancel training"))
        self.cancel_button.setObjectName("trainCancel")
        self.use_button = QPushButton(translate("train", "&Use this model for suggestions"))
        self.use_button.setObjectName("trainUse")
        self.use_button.setVisible(False)
        self.compare_button = QPushButton(translate("train", "Co&mpare with the other models…"))
        self.compare_button.setObjectName("trainCompare")
        self.compare_button.setVisible(False)

    @staticmethod
    def _label(name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _lay_out(self) -> None:
        from ...core.training.env import LICENCE_NOTE

        data = QGroupBox(translate("train", "What it learns from"))
        data_layout = QFormLayout(data)
        data_layout.addRow(translate("train", "T&ask"), self.task_box)
        data_layout.addRow(self.counts)
        data_layout.addRow(self.split_label)
        data_layout.addRow(self.warnings)
        settings = QGroupBox(translate("train", "Settings"))
        form = QFormLayout(settings)
        form.addRow(translate("train", "E&pochs"), self.epochs)
        form.addRow(translate("train", "&Image size"), self.imgsz)
        form.addRow(translate("train", "&Weights"), self.weights)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse_button)
        out_label = QLabel(translate("train", "&Output folder"))
        out_label.setBuddy(self.out)
        form.addRow(out_label, out_row)
        env = QGroupBox(translate("train", "Training environment"))
        env_layout = QVBoxLayout(env)
        env_layout.addWidget(self.env_label)
        env_layout.addWidget(self._label("trainLicence", translate(LICENCE_NOTE.context, LICENCE_NOTE)))
        env_layout.addWidget(self.env_button)
        env_layout.addWidget(self.env_log)
        progress = QGroupBox(translate("train", "Progress"))
        progress_layout = QVBoxLayout(progress)
        for w in (self.epoch_label, self.progress, self.figures, self.plot, self.message):
            progress_layout.addWidget(w)
        after = QHBoxLayout()
        after.addWidget(self.use_button)
        after.addWidget(self.compare_button)
        after.addStretch(1)
        progress_layout.addLayout(after)
        progress_layout.addWidget(self.history)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for box in (data, settings, env, progress):
            body_layout.addWidget(box)
        scroll = QScrollArea()  # small screens: the buttons stay in view
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    # -- what the controller calls -----------------------------------------------------------
    def task(self) -> str:
        return str(self.task_box.currentData())

    def show_plan(self, plan: Any) -> None:
        """A `core.training.job.TrainingPlan`: counts, defaults, warnings and errors."""
        req = plan.request
        rows = sorted(plan.class_counts.items())
        self.counts.setRowCount(len(rows))
        row_h = self.counts.verticalHeader().defaultSectionSize()
        self.counts.setMaximumHeight(min(140, self.counts.horizontalHeader().height()
                                         + row_h * max(1, len(rows)) + 6))
        for r, (name, c) in enumerate(rows):
            for col, text in enumerate((name, str(c["train"]), str(c["val"]))):
                self.counts.setItem(r, col, read_only_item(text, align_right=col > 0))
        split = plan.split_counts
        self.split_label.setText((translate("train", "{n} image to train on, {val} held out for val "
                                            "(reviewed by a person, never trained on, kept for comparing "
                                            "models).") if split["train"] == 1 else
                                  translate("train", "{n} images to train on, {val} held out for val "
                                            "(reviewed by a person, never trained on, kept for comparing "
                                            "models).")).format(n=split["train"], val=split["val"]))
        self.warnings.setText("\n".join(shown(t) for t in [*plan.errors, *plan.warnings]))
        self.epochs.setValue(int(req.epochs))
        self.imgsz.setValue(int(req.imgsz))
        self.weights.setText(str(req.weights))
        self.plan_ok = not plan.errors
        self._update_buttons()

    def show_plan_error(self, sentence: str) -> None:
        self.counts.setRowCount(0)
        self.split_label.setText(sentence)
        self.warnings.setText("")
        self.plan_ok = False
        self._update_buttons()

    def show_env(self, status: Any) -> None:
        """A `core.training.env.EnvStatus`."""
        self.env_ready = bool(status.ready)
        if status.ready:
            versions = ", ".join(f"{k} {v}" for k, v in status.versions.items() if v)
            device = (translate("train", "GPU: {name}").format(name=status.gpu_name) if status.gpu
                      else translate("train", "no GPU: trains on the CPU"))
            self.env_label.setText(translate("train", "Installed at {path} (Python {python}; {versions}; "
                                             "{device}).").format(path=status.path, python=status.python,
                                                                 versions=versions, device=device))
        else:  # here the way forward is the button under the sentence
            problem = shown(status.problem_text or said(NOT_READY))
            self.env_label.setText(problem.replace(shown(said(CREATE_HINT)), translate("train", DIALOG_HINT)))
        self.env_button.setVisible(not status.ready)
        self._update_buttons()

    def show_history(self, runs: Any) -> None:
        """The project's train runs (`core.training.records.train_runs`), newest first: each
        one's final sentence (interrupted ones say so), or that it is running."""
        lines = []
        for run in reversed(list(runs)):
            text = shown(message_of(run.params) or "") or translate(
                "train", "Training run {id} is {status}.").format(id=run.id, status=run.status)
            lines.append(text)
        self.history.setText(translate("train", "Earlier trainings:") + "\n" + "\n".join(lines[:5])
                             if lines else "")

    def env_line(self, line: str) -> None:
        self.env_log.setVisible(True)
        self.env_log.appendPlainText(shown(line))

    def env_creating(self, busy: bool) -> None:
        self.env_button.setEnabled(not busy)
        if busy:
            self.env_label.setText(translate("train", "Creating the training environment (several GB; a few "
                                   "minutes)…"))

    def training_started(self) -> None:
        self.training = True
        self._started = True
        self.message.setText("")
        self.use_button.setVisible(False)
        self.compare_button.setVisible(False)
        self.epoch_label.setText(translate("train", "Preparing the training data…"))
        self.plot.reset(self.task(), self.epochs.value())
        self.progress.setRange(0, self.epochs.value())
        self.progress.setValue(0)
        self._update_buttons()

    def show_event(self, event: dict) -> None:
        """One event of the training (see core/training/job.py)."""
        kind = event.get("event")
        if kind == "prepared":
            split = event.get("split") or {}
            n = split.get("train", 0)
            self.epoch_label.setText((translate("train", "Exported {n} image to train on and {val} for val; "
                                                "starting…") if n == 1 else
                                      translate("train", "Exported {n} images to train on and {val} for "
                                                "val; starting…")).format(n=n, val=split.get("val", 0)))
        elif kind == "started":
            self.epoch_label.setText(translate("train", "Training {weights} at {size} px on {device} "
                                               "(Ultralytics {version})…").format(
                weights=event.get("weights"), size=event.get("imgsz"),
                device=event.get("device") or translate("train", "auto"), version=event.get("ultralytics")))
        elif kind == "epoch":
            self._show_epoch(event)
        elif kind == "cancelled":
            self.epoch_label.setText(translate("train", "Cancelling…"))

    def _show_epoch(self, event: dict) -> None:
        epoch, epochs = int(event.get("epoch", 0)), int(event.get("epochs", 0))
        losses = event.get("losses") or {}
        metrics = event.get("metrics") or {}
        metric = metrics.get(METRIC_KEY[self.task()])
        self.epoch_label.setText(translate("train", "Epoch {epoch} of {epochs}").format(epoch=epoch,
                                                                                        epochs=epochs))
        self.progress.setRange(0, max(1, epochs))
        self.progress.setValue(epoch)
        parts = [f"{k} {v:.3f}" for k, v in losses.items() if isinstance(v, int | float)]
        if metric is not None:
            parts.append(f"{translate('train', METRIC_TITLE[self.task()])} {metric:.3f}")
        self.figures.setText(", ".join(parts))
        first_loss = next((v for v in losses.values() if isinstance(v, int | float)), None)
        self.plot.add(epoch, metric, first_loss)

    def training_finished(self, sentence: str, *, usable: bool = False,
                          comparable: bool = False) -> None:
        """The run ended with this sentence; `usable`: it registered a model (which the quality
        report can then compare: `comparable`)."""
        self.training = False
        self.message.setText(sentence)
        self.use_button.setVisible(usable)
        self.compare_button.setVisible(comparable)
        self._update_buttons()

    def request(self) -> Any:
        from ...core.training.job import TrainRequest

        out = self.out.text().strip()
        return TrainRequest(self.task(), epochs=self.epochs.value(), imgsz=self.imgsz.value(),
                            weights=self.weights.text().strip() or None,
                            out=Path(out).expanduser() if out else None)

    # -- inside ------------------------------------------------------------------------------
    def _start(self) -> None:
        if self.start_button.isEnabled():
            self.startRequested.emit(self.request())

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, translate("train", "Output folder for trained models"),
                                                  self.out.text() or str(self.default_out))
        if chosen:
            self.out.setText(chosen)

    def _update_buttons(self) -> None:
        self.start_button.setEnabled(self.env_ready and self.plan_ok and not self.training)
        missing = [] if self.env_ready else [translate("train", "the training environment (above)")]
        missing += [] if self.plan_ok else [translate("train", "done images with boxes")]
        why = translate("train", "Train needs {what} first.").format(
            what=translate("train", " and ").join(missing)) if missing else ""
        self.start_button.setToolTip(why)
        if not self._started:
            self.epoch_label.setText(translate("train", "Not started: {why}").format(why=why) if why
                                     else translate("train", "Not started."))
        self.cancel_button.setEnabled(self.training)
        for w in (self.task_box, self.epochs, self.imgsz, self.weights, self.out,
                  self.browse_button):
            w.setEnabled(not self.training)
