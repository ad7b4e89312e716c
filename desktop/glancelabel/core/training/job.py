"""One training: hold the split, export the data, run the worker, record the run, register the model.

    plan = prepare(store, folder, TrainRequest("detect"))          # counts, defaults, warnings
    result = run_training(store, folder, plan.request, on_event, cancel)   # blocking

`run_training` blocks; call it from a worker thread. `on_event` gets the worker's events (dicts
with an "event" key, see worker.py) on the calling thread. Setting `cancel` asks the worker to stop
at its next batch; it is killed when it has not answered within CANCEL_GRACE seconds. The run is a
`runs` row of kind `train` (provider `ultralytics`); its record is updated every epoch, so a run whose
app was killed keeps what it had, and reads `interrupted` (see records.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock

from ..errors import GlanceLabelError
from ..i18n import N_, Text, said, stored
from ..store.training import register_local_model, update_run_params
from .dataset import FEW_EXAMPLES, Selected, default_imgsz, export_training_data, select_and_hold
from .env import config_dir, env_dir, missing_problem, worker_command, worker_env
from .records import mark_interrupted

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_EPOCHS = 50
DEFAULT_WEIGHTS = {"detect": "yolo11n.pt", "classify": "yolo11n-cls.pt"}
CANCEL_GRACE = 30.0
TASKS = ("detect", "classify")
METRIC = {"detect": "mAP50", "classify": "top1"}

Event = dict[str, Any]
# the worker's failures (worker.py: _Failure) by kind, as it words them, to say them translated
WORKER_SENTENCES = {
    "download": N_("training", "Could not download the pretrained weights {weights} ({detail}). "
                   "With no network, train from scratch with --weights {stem}.yaml, or give the "
                   "path of a .pt file."),
    "weights": N_("training", "Could not load the weights {weights}: {detail}."),
}


class TrainingError(GlanceLabelError):
    """A training that cannot start (no environment, no images, bad request)."""


@dataclass(frozen=True)
class TrainRequest:
    task: str
    epochs: int | None = None  # None: DEFAULT_EPOCHS
    imgsz: int | None = None  # None: from the data
    weights: str | None = None  # None: DEFAULT_WEIGHTS[task] (pretrained, downloaded once)
    out: Path | None = None  # None: <project folder>/training; each run in run-<id> inside
    seed: int = 0
    val_fraction: float = 0.2
    batch: int = 16
    device: str = ""  # "" lets Ultralytics choose (a GPU when one is visible), or "cpu", "0"

    def errors(self) -> list[Text]:
        out = []
        if self.task not in TASKS:
            out.append(said(N_("errors", "The task must be detect or classify, not {task}."),
                            task=repr(self.task)))
        if self.epochs is not None and self.epochs < 1:
            out.append(said(N_("errors", "Train for at least 1 epoch.")))
        if self.imgsz is not None and not 32 <= self.imgsz <= 4096:
            out.append(said(N_("errors", "The image size must be between 32 and 4096 pixels.")))
        if not 0 < self.val_fraction < 1:
            out.append(said(N_("errors", "The val fraction must be between 0 and 1.")))
        if self.batch < 1:
            out.append(said(N_("errors", "The batch size must be at least 1.")))
        return out


@dataclass
class TrainingPlan:
    request: TrainRequest  # defaults filled in
    selected: Selected
    warnings: list[Text] = field(default_factory=list)  # str() gives the English
    errors: list[Text] = field(default_factory=list)

    @property
    def split_counts(self) -> dict[str, int]:
        return self.selected.split_counts

    @property
    def class_counts(self) -> dict[str, dict[str, int]]:
        return self.selected.class_counts


@dataclass
class TrainResult:
    run_id: int
    status: str  # done | cancelled | failed
    message: str  # `sentence` in English
    model_name: str | None = None
    onnx_path: Path | None = None
    class_names: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    epochs_run: int = 0
    seconds: float = 0.0
    split: dict[str, int] = field(default_factory=dict)
    converted: list[str] = field(default_factory=list)
    out: Path | None = None
    sentence: Text | None = None  # the message as a marked template and values

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("sentence")
        d["onnx_path"] = None if self.onnx_path is None else str(self.onnx_path)
        d["out"] = None if self.out is None else str(self.out)
        return d


def few_examples(class_counts: dict[str, dict[str, int]]) -> list[Text]:
    """A warning for each class with fewer than FEW_EXAMPLES training examples."""
    out = []
    for name, c in class_counts.items():
        if c["train"] == 0:
            out.append(said(N_("training", "{name} has no training examples; the model will not "
                               "learn it."), name=repr(name)))
        elif c["train"] == 1:
            out.append(said(N_("training", "{name} has only {count} training example (fewer than "
                               "{few}); the model will hardly learn it."),
                            name=repr(name), count=1, few=FEW_EXAMPLES))
        elif c["train"] < FEW_EXAMPLES:
            out.append(said(N_("training", "{name} has only {count} training examples (fewer than "
                               "{few}); the model will hardly learn it."),
                            name=repr(name), count=c["train"], few=FEW_EXAMPLES))
    return out


def prepare(store: Store, request: TrainRequest) -> TrainingPlan:
    """Hold the split for the task's images and fill in the defaults; cheap (no subprocess)."""
    problems = request.errors()
    if problems:
        raise TrainingError(problems[0].template, **problems[0].values)
    selected = select_and_hold(store, request.task, request.seed, request.val_fraction)
    train_sides = [s for s, i in zip(selected.sides, selected.split, strict=True)
                   if selected.split[i] == "train"]
    weights = request.weights or DEFAULT_WEIGHTS[request.task]
    if Path(weights).expanduser().exists():  # a file of the user's: the worker runs elsewhere
        weights = str(Path(weights).expanduser().resolve())
    request = replace(
        request, epochs=request.epochs or DEFAULT_EPOCHS,
        imgsz=request.imgsz or default_imgsz(train_sides or selected.sides), weights=weights,
    )
    plan = TrainingPlan(request, selected)
    counts = selected.split_counts
    if counts["train"] == 0:  # said once: no word on val or on each class's examples
        plan.errors.append(said(N_("errors", "No done images with boxes to train on; review some "
                                   "images first.")) if request.task == "detect" else
                           said(N_("errors", "No done images with tagged images (one tag each) to "
                                   "train on; review some images first.")))
    else:
        if counts["val"] == 0:
            plan.errors.append(said(N_("errors", "No image is held out for val (it needs at least "
                                       "2 done images, one reviewed by a person).")))
        plan.warnings.extend(few_examples(selected.class_counts))
    if len(selected.convert) == 1:
        plan.warnings.append(said(N_("training", "{count} image will be converted to PNG for "
                                     "Ultralytics, which cannot read them as they are."), count=1))
    elif selected.convert:
        plan.warnings.append(said(N_("training", "{count} images will be converted to PNG for "
                                     "Ultralytics, which cannot read them as they are."),
                                  count=len(selected.convert)))
    return plan


def run_training(store: Store, folder: Path, request: TrainRequest,
                 on_event: Callable[[Event], None] | None = None,
                 cancel: threading.Event | None = None) -> TrainResult:
    """Train (blocking). Raises TrainingError before the run starts; afterwards every outcome is a
    TrainResult with its status and one sentence."""
    problem = missing_problem(env_dir())
    if problem:
        raise TrainingError(problem.template, **problem.values)
    mark_interrupted(store)
    plan = prepare(store, request)
    if plan.errors:
        raise TrainingError(plan.errors[0].template, **plan.errors[0].values)
    req = plan.request
    root = (req.out or store.path.parent / "training").expanduser().resolve()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TrainingError(N_("errors", "Training runs cannot be written to {root} ({error}); "
                               "choose another folder."),
                            root=root, error=exc.strerror or exc) from exc
    run_id = store.create_run("ultralytics", str(req.weights), kind="train", params={
        **_request_params(req), "split": plan.split_counts, "classes": plan.selected.classes,
        "val_image_ids": sorted(i for i, s in plan.selected.split.items() if s == "val"),
        "pid": os.getpid(),
    })
    out = root / f"run-{run_id}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with FileLock(str(out / ".running.lock")):
            update_run_params(store, run_id, {"out": str(out), "lock": str(out / ".running.lock")},
                              status="running")
            return _Training(store, Path(folder), plan, run_id, out, on_event, cancel).run()
    except BaseException as exc:  # a failure of our own: the record says so, then it goes on
        failed = said(N_("training", "Training run {run} failed: {error}."), run=run_id, error=exc)
        update_run_params(store, run_id, {"message": str(failed), "sentence": stored(failed)},
                          status="failed")
        raise


def worker_failure(event: Event) -> Text:
    """The sentence of the worker's error event: from its kind and values when it gives them
    (worker.py), else its own words."""
    template = WORKER_SENTENCES.get(str(event.get("kind")))
    values = event.get("values")
    if template is not None and isinstance(values, dict):
        text = said(template, **values)
        try:
            str(text)
            return text
        except (KeyError, IndexError, ValueError):  # another worker's values: its own words
            pass
    message = event.get("message")
    if message:
        return said(N_("training", "{message}"), message=str(message))
    return said(N_("training", "The trainer failed."))


def own_session() -> dict[str, Any]:
    """Popen options that keep the worker out of the terminal's Ctrl+C (the app cancels it)."""
    if os.name == "nt":
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    return {"start_new_session": True}


def _request_params(req: TrainRequest) -> dict[str, Any]:
    return {"task": req.task, "epochs": req.epochs, "imgsz": req.imgsz, "weights": req.weights,
            "seed": req.seed, "val_fraction": req.val_fraction, "batch": req.batch,
            "device": req.device}


class _Training:
    """The state of one run while its worker trains."""

    def __init__(self, store: Store, folder: Path, plan: TrainingPlan, run_id: int, out: Path,
                 on_event: Callable[[Event], None] | None, cancel: threading.Event | None) -> None:
        self.store, self.folder, self.plan, self.run_id, self.out = store, folder, plan, run_id, out
        self.emit = on_event or (lambda _e: None)
        self.cancel = cancel or threading.Event()
        self.started = time.monotonic()
        self.history: list[dict[str, Any]] = []
        self.result = TrainResult(run_id, "failed", "", split=plan.split_counts,
                                  converted=plan.selected.convert, out=out)
        self.stderr: deque[str] = deque(maxlen=40)
        self.stderr_reader: threading.Thread | None = None

    def run(self) -> TrainResult:
        try:
            summary = export_training_data(self.store, self.folder, self.plan.selected,
                                           self.out / "dataset")
        except GlanceLabelError as exc:
            return self.finish("failed", said(N_("training", "The training data could not be "
                                                 "written: {error}"), error=exc))
        data = self.out / "dataset" / ("data.yaml" if self.plan.request.task == "detect" else "")
        update_run_params(self.store, self.run_id, {"dataset": str(self.out / "dataset"),
                                                    "converted": self.result.converted})
        self.emit({"event": "prepared", "run_id": self.run_id, "split": self.plan.split_counts,
                   "dataset": str(self.out / "dataset"), "converted": len(self.result.converted),
                   "notes": summary.notes})
        try:
            proc = self.start(str(data))
        except OSError as exc:
            return self.finish("failed", said(N_("training", "The trainer could not be started: "
                                                 "{error}."), error=exc))
        return self.talk(proc)

    def start(self, data: str) -> subprocess.Popen[str]:
        req = self.plan.request
        # Ultralytics downloads pretrained weights into its working folder and looks there
        # first: one folder beside the environment keeps them for every later run
        weights = config_dir(env_dir()) / "weights"
        weights.mkdir(parents=True, exist_ok=True)
        proc = subprocess.Popen(
            worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
            env=worker_env(), cwd=str(weights), bufsize=1, **own_session())
        assert proc.stdin is not None
        try:
            proc.stdin.write(json.dumps({
                "cmd": "train", "data": data, "out": str(self.out), "config_dir":
                str(config_dir(env_dir())), **_request_params(req)}) + "\n")
            proc.stdin.flush()
        except BrokenPipeError:
            pass  # it ended before reading: talk() reports its standard error
        self.stderr_reader = threading.Thread(target=self.read_stderr, args=(proc,), daemon=True)
        self.stderr_reader.start()
        threading.Thread(target=self.watch_cancel, args=(proc,), daemon=True).start()
        return proc

    def read_stderr(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip():
                self.stderr.append(line.rstrip())

    def watch_cancel(self, proc: subprocess.Popen[str]) -> None:
        while proc.poll() is None:
            if self.cancel.wait(0.2):
                try:
                    assert proc.stdin is not None
                    proc.stdin.write(json.dumps({"cmd": "cancel"}) + "\n")
                    proc.stdin.flush()
                except (OSError, ValueError):
                    pass
                try:
                    proc.wait(CANCEL_GRACE)
                except subprocess.TimeoutExpired:
                    proc.kill()
                return

    def talk(self, proc: subprocess.Popen[str]) -> TrainResult:
        assert proc.stdout is not None and proc.stdin is not None
        outcome: TrainResult | None = None
        try:
            for line in proc.stdout:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if isinstance(event, dict) and "event" in event:
                    outcome = self.handle(event) or outcome
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass
            proc.wait()
            if self.stderr_reader is not None:
                self.stderr_reader.join(5)
        if outcome is not None:
            return outcome
        if self.cancel.is_set():
            return self.finish("cancelled", self.cancelled_sentence())
        if self.stderr:
            return self.finish("failed", said(N_("training", "The trainer stopped without a "
                                                 "result ({error})."), error=self.stderr[-1]))
        return self.finish("failed", said(N_("training", "The trainer stopped without a result "
                                             "(exit status {code})."), code=proc.returncode))

    def handle(self, event: Event) -> TrainResult | None:
        kind = event["event"]
        if kind == "epoch":
            self.history.append({k: event.get(k) for k in ("epoch", "losses", "metrics")})
            self.result.epochs_run = int(event.get("epoch", 0))
            self.result.metrics = dict(event.get("metrics") or {})
            update_run_params(self.store, self.run_id, {
                "metrics": {**self.result.metrics, "epoch": self.result.epochs_run},
                "history": self.history})
        elif kind == "final":  # the best weights' val figures
            self.result.metrics = dict(event.get("metrics") or {})
            update_run_params(self.store, self.run_id, {
                "metrics": {**self.result.metrics, "epoch": self.result.epochs_run,
                            "best": True}})
        self.emit(event)
        if kind == "exported":
            return self.register(event)
        if kind == "cancelled":
            return self.finish("cancelled", self.cancelled_sentence())
        if kind == "error":
            return self.finish("failed", worker_failure(event))
        return None

    def cancelled_sentence(self) -> Text:
        if self.result.epochs_run == 1:
            return said(N_("training", "Training run {run} was cancelled after {count} epoch; no "
                           "model was registered."), run=self.run_id, count=1)
        return said(N_("training", "Training run {run} was cancelled after {count} epochs; no model "
                       "was registered."), run=self.run_id, count=self.result.epochs_run)

    def register(self, event: Event) -> TrainResult:
        req = self.plan.request
        onnx = self.out / "model.onnx"
        try:
            shutil.copyfile(event["onnx"], onnx)
        except OSError as exc:
            return self.finish("failed", said(N_("training", "The trained model could not be saved "
                                                 "to {path} ({error}); no model was registered."),
                                              path=onnx, error=exc.strerror or exc))
        names = [str(n) for n in event.get("names") or []]
        name = f"{req.task}-run{self.run_id}"
        register_local_model(self.store, name, str(req.task), str(onnx), names, self.run_id)
        self.result.model_name, self.result.onnx_path, self.result.class_names = name, onnx, names
        metric = METRIC[str(req.task)]
        value = self.result.metrics.get(metric)
        shown = (said(N_("training", "val {metric} {value}"), metric=metric, value=f"{value:.3f}")
                 if isinstance(value, float | int) else said(N_("training", "no val figure")))
        figures = {"name": name, "count": self.result.epochs_run, "figure": shown, "path": onnx,
                   "seconds": f"{time.monotonic() - self.started:.0f}"}
        if self.result.epochs_run == 1:
            return self.finish("done", said(N_("training", "Trained {name} for {count} epoch in "
                                               "{seconds} s: {figure}; saved as {path}."), **figures))
        return self.finish("done", said(N_("training", "Trained {name} for {count} epochs in "
                                           "{seconds} s: {figure}; saved as {path}."), **figures))

    def finish(self, status: str, sentence: Text) -> TrainResult:
        message = str(sentence)
        self.result.status, self.result.message, self.result.sentence = status, message, sentence
        self.result.seconds = round(time.monotonic() - self.started, 3)
        update_run_params(self.store, self.run_id, {
            "message": message, "sentence": stored(sentence), "seconds": self.result.seconds,
            "model_path": None if self.result.onnx_path is None else str(self.result.onnx_path),
            "model_name": self.result.model_name}, status=status)
        self.emit({"event": "finished", **self.result.as_dict()})
        return self.result
