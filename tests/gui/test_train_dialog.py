"""Model → Train a local model… (Ctrl+T): the Train dialog driven with keys and clicks against a
stand-in trainer (tests/training/fake_worker.py speaks the worker's JSON-lines protocol, so no
torch is needed): the counts per class and split, the environment, the progress and live plot,
Cancel, and the run and model the project then holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from menu_driving import choose, pick, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from glancelabel.core.app import settings as settings_mod
from glancelabel.core.store.training import local_models
from glancelabel.core.training.env import CREATE_HINT, EnvStatus, missing_problem
from glancelabel.core.training.job import TrainRequest, prepare
from glancelabel.gui.dialogs.local_models import NONE_CHOSEN
from glancelabel.gui.dialogs.train import DIALOG_HINT

FAKE_WORKER = Path(__file__).parents[1] / "training" / "fake_worker.py"


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    """A folder of 30 reviewed shapes images (boxes and one tag each) and a stand-in trainer."""
    from training.trainkit import shapes_project

    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(FAKE_WORKER))
    monkeypatch.setenv("GLANCELABEL_TRAIN_ENV", str(tmp_path / "no-env"))
    store, _ = shapes_project(tmp_path / "shapes", 30, gif=False)
    store.close()
    return tmp_path / "shapes"


def open_train_dialog(driver, qtbot, *, by_key: bool = True):
    w = driver.window
    if by_key:
        qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    else:
        choose(w, qtbot, "Model", "Train a local model…")
    qtbot.waitUntil(lambda: w.training.dialog is not None and w.training.dialog.isVisible())
    dialog = w.training.dialog
    qtbot.waitUntil(lambda: dialog.counts.rowCount() > 0 and dialog.env_label.text()
                    .startswith("Installed at"), timeout=10_000)
    return dialog


def set_epochs(qtbot, dialog, n: int) -> None:
    qtbot.mouseClick(dialog.epochs, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.epochs, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.epochs, str(n))
    assert dialog.epochs.value() == n


def test_train_shows_counts_trains_and_registers_the_model(driver, qtbot, shapes):
    w = driver.open(shapes)
    dialog = open_train_dialog(driver, qtbot)
    plan = prepare(w.store, TrainRequest("detect"))  # the same held split: the dialog's figures
    rows = {dialog.counts.item(r, 0).text(): (dialog.counts.item(r, 1).text(),
                                              dialog.counts.item(r, 2).text())
            for r in range(dialog.counts.rowCount())}
    assert rows == {k: (str(v["train"]), str(v["val"])) for k, v in plan.class_counts.items()}
    split = plan.split_counts
    assert dialog.split_label.text().startswith(
        f"{split['train']} images to train on, {split['val']} held out for val")
    assert dialog.warnings.text() == "\n".join(map(str, plan.warnings))
    assert (dialog.weights.text(), dialog.imgsz.value(), dialog.epochs.value()) == (
        "yolo11n.pt", plan.request.imgsz, 50)
    assert "Ultralytics (AGPL-3.0)" in dialog.findChild(type(dialog.split_label),
                                                       "trainLicence").text()
    assert dialog.env_label.text().endswith("no GPU: trains on the CPU).")
    assert not dialog.env_button.isVisible() and not dialog.cancel_button.isEnabled()

    set_epochs(qtbot, dialog, 3)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Trained detect-run"),
                    timeout=20_000)
    assert dialog.epoch_label.text() == "Epoch 3 of 3" and dialog.progress.value() == 3
    qtbot.waitUntil(lambda: dialog.history.text().splitlines()[1:2] == [dialog.message.text()])
    assert dialog.figures.text() == "box_loss 0.333, val mAP50 0.750"
    assert len(dialog.plot.polyline("metric")) == 3 and len(dialog.plot.polyline("loss")) == 3
    ys = [p.y() for p in dialog.plot.polyline("metric")]
    assert ys[0] > ys[1] > ys[2]  # the metric rose each epoch: drawn higher
    (model,) = local_models(w.store)
    run = next(r for r in w.store.runs() if r.kind == "train")
    assert (model.name, model.task, model.run_id) == (f"detect-run{run.id}", "detect", run.id)
    assert Path(model.path).is_file() and run.status == "done"
    assert model.class_names == ["circle", "square"] or model.class_names == ["square", "circle"]
    assert dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert f"detect-run{run.id} is now listed in Settings" in w.statusBar().currentMessage()
    assert dialog.use_button.isVisible()
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert (w.settings.provider.provider, w.settings.provider.local_model_path) == (
        "local", model.path)
    assert settings_mod.load().provider.local_model_path == model.path  # saved
    assert w.statusBar().currentMessage().startswith(
        f"Suggestions now come from the local model detect-run{run.id} (Settings → AI provider)")

    # the report compares it on the held-out images (the stand-in's "ONNX" is no model: said so)
    seen_report = {}

    def read_report(report_dialog):
        panel = report_dialog.compare_panel
        qtbot.waitUntil(lambda: "could not be compared" in panel.notes.text(), timeout=20_000)
        seen_report["notes"], seen_report["answer"] = panel.notes.text(), panel.answer.text()

    state = when_modal(read_report)
    assert dialog.compare_button.isVisible()
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert "dialog" in state
    assert seen_report["notes"].startswith(
        f"The local model detect-run{run.id} could not be compared: The ONNX model model.onnx "
        "could not be loaded:")
    assert (f"<b>No model can be chosen: no mAP50 could be measured on the {split['val']} "
            "held-out images.</b>") in seen_report["answer"]

    # Settings → AI provider lists it by name; choosing it makes it the local provider's model
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    w.activateWindow()
    w.canvas.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
    seen = {}

    def use(settings_dialog):
        page = settings_dialog.provider
        qtbot.waitUntil(lambda: not page.runner.busy, timeout=20_000)  # see test_train_use_model
        pick(qtbot, page.provider_box, "local")
        box = page.findChild(QComboBox, "localModelList")
        seen["entries"] = [box.itemText(i) for i in range(box.count())]
        pick(qtbot, box, model.path)
        seen["path"] = page.local_path.text()

    state = when_modal(use)
    driver.key(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert "dialog" in state
    assert seen["entries"] == [NONE_CHOSEN, f"detect-run{run.id} (detector: "
                                            f"{', '.join(model.class_names)})"]
    assert seen["path"] == model.path and w.settings.provider.local_model_path == model.path


def test_cancel_stops_the_training_cleanly(driver, qtbot, shapes, monkeypatch):
    monkeypatch.setenv("FAKE_EPOCH_SECONDS", "0.3")
    w = driver.open(shapes)
    dialog = open_train_dialog(driver, qtbot, by_key=False)
    idx = dialog.task_box.findData("classify")
    qtbot.mouseClick(dialog.task_box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    dialog.task_box.setFocus()
    qtbot.keyClick(dialog.task_box, Qt.Key.Key_Down)
    assert dialog.task_box.currentIndex() == idx
    qtbot.waitUntil(lambda: dialog.weights.text() == "yolo11n-cls.pt", timeout=10_000)
    set_epochs(qtbot, dialog, 40)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.epoch_label.text().startswith("Epoch 1 of 40"), timeout=20_000)
    assert not dialog.task_box.isEnabled() and not dialog.start_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was cancelled after" in dialog.message.text(), timeout=20_000)
    run = next(r for r in w.store.runs() if r.kind == "train")
    assert dialog.message.text().startswith(f"Training run {run.id} was cancelled after ")
    assert dialog.message.text().endswith("; no model was registered.")
    assert run.status == "cancelled" and local_models(w.store) == []
    assert dialog.start_button.isEnabled() and dialog.task_box.isEnabled()


def test_a_missing_environment_is_said_and_can_be_created(driver, qtbot, shapes, monkeypatch,
                                                           tmp_path):
    from glancelabel.core.training import env as env_mod

    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER")
    made = []

    def fake_create(python=None, *, env=None, on_line=None, cancel=None):
        for line in ("Collecting ultralytics", "Successfully installed ultralytics"):
            on_line(line)
        made.append(True)
        return EnvStatus(tmp_path / "no-env", True, None, "3.11", {"ultralytics": "8.4.190"})

    monkeypatch.setattr(env_mod, "create_env", fake_create)
    w = driver.open(shapes)
    qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.training.dialog is not None)
    dialog = w.training.dialog
    qtbot.waitUntil(lambda: dialog.env_button.isVisible(), timeout=10_000)
    # the sentence names the button under it as the way forward (not "in the Train dialog")
    assert dialog.env_label.text() == str(missing_problem(tmp_path / "no-env")).replace(
        CREATE_HINT, DIALOG_HINT)
    assert dialog.env_label.text() == (
        f"The training environment is not set up ({tmp_path / 'no-env'} has no Python); "
        "“Create the training environment” below makes it (about 6 GB on disk; a few minutes), "
        "or run `glancelabel train-env create`.")
    assert dialog.env_button.text().replace("&", "") == "Create the training environment"
    assert not dialog.start_button.isEnabled()
    assert dialog.epoch_label.text() == "Not started: Train needs the training environment (above) first."
    assert dialog.start_button.toolTip() == "Train needs the training environment (above) first."
    # the dialog fits the screen: its buttons are on it
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    qtbot.mouseClick(dialog.env_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(made) and dialog.env_label.text().startswith("Installed at"),
                    timeout=10_000)
    assert dialog.env_log.toPlainText().splitlines() == [
        "Collecting ultralytics", "Successfully installed ultralytics"]
    assert not dialog.env_button.isVisible() and dialog.start_button.isEnabled()
    assert w.statusBar().currentMessage() == "The training environment is ready."
    assert dialog.epoch_label.text() == "Not started." and dialog.start_button.toolTip() == ""



@pytest.mark.train
def test_the_dialog_trains_with_the_real_engine(driver, qtbot, tmp_path, monkeypatch):
    """-m train: the same clicks against the real trainer in the training environment (made by
    .ci/run in its cache folder, or where GLANCELABEL_TRAIN_ENV points)."""
    import os

    from glancelabel.core.providers.yolo_onnx import YoloOnnxDetector, open_model
    from training.trainkit import shapes_project

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    env = Path(os.environ.get("GLANCELABEL_TRAIN_ENV") or cache / "glancelabel-ci" / "train-env")
    if not (env / "bin" / "python").exists():
        pytest.fail(f"no training environment at {env}: run `glancelabel train-env create`")
    monkeypatch.setenv("GLANCELABEL_TRAIN_ENV", str(env))
    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER", raising=False)
    store, _ = shapes_project(tmp_path / "shapes", 24, gif=False)
    store.close()
    w = driver.open(tmp_path / "shapes")
    qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.training.dialog is not None)
    dialog = w.training.dialog
    qtbot.waitUntil(lambda: dialog.env_label.text().startswith("Installed at"), timeout=120_000)
    assert "ultralytics 8." in dialog.env_label.text()
    set_epochs(qtbot, dialog, 2)
    qtbot.mouseClick(dialog.imgsz, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.imgsz, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.imgsz, "64")
    qtbot.mouseClick(dialog.weights, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.weights, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.weights, "yolo11n.yaml")  # from scratch: no download
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.training, timeout=600_000)
    assert dialog.message.text().startswith("Trained detect-run"), dialog.message.text()
    assert dialog.epoch_label.text() == "Epoch 2 of 2"
    assert len(dialog.plot.polyline("metric")) == 2 and "box_loss" in dialog.figures.text()
    (model,) = local_models(w.store)
    engine = open_model(model.path)
    assert isinstance(engine, YoloOnnxDetector) and engine.names == model.class_names


def test_closing_the_window_stops_the_training(driver, qtbot, shapes, monkeypatch, tmp_path):
    import os

    from glancelabel.core.store import Store

    pid_file = tmp_path / "worker.pid"
    monkeypatch.setenv("FAKE_EPOCH_SECONDS", "0.3")
    monkeypatch.setenv("FAKE_PID_FILE", str(pid_file))
    w = driver.open(shapes)
    project = w.store.path
    dialog = open_train_dialog(driver, qtbot)
    set_epochs(qtbot, dialog, 200)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.epoch_label.text().startswith("Epoch 1 of 200"),
                    timeout=20_000)
    pid = int(pid_file.read_text())
    driver.close()
    with pytest.raises(ProcessLookupError):  # the trainer is not left running
        for _ in range(100):
            os.kill(pid, 0)
            qtbot.wait(50)
    store = Store(project, shapes)
    try:
        (run,) = [r for r in store.runs() if r.kind == "train"]
        assert run.status == "cancelled" and run.params["message"].startswith(
            f"Training run {run.id} was cancelled after ")
        assert local_models(store) == []
    finally:
        store.close()


def test_a_failed_training_says_why_and_can_be_started_again(driver, qtbot, shapes, monkeypatch):
    monkeypatch.setenv("FAKE_FAIL", "download")
    w = driver.open(shapes)
    dialog = open_train_dialog(driver, qtbot)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.training and bool(dialog.message.text()), timeout=20_000)
    assert dialog.message.text() == (
        "Could not download the pretrained weights yolo11n.pt (no network). With no network, "
        "train from scratch with --weights yolo11n.yaml, or give the path of a .pt file.")
    assert w.statusBar().currentMessage() == dialog.message.text()
    (run,) = [r for r in w.store.runs() if r.kind == "train"]
    assert run.status == "failed" and local_models(w.store) == []
    assert not dialog.use_button.isVisible() and not dialog.compare_button.isVisible()
    assert dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_few_examples_are_warned_about(driver, qtbot, tmp_path, monkeypatch):
    from training.trainkit import shapes_project

    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(FAKE_WORKER))
    store, _ = shapes_project(tmp_path / "few", 12, gif=False)
    store.close()
    w = driver.open(tmp_path / "few")
    dialog = open_train_dialog(driver, qtbot)
    plan = prepare(w.store, TrainRequest("detect"))
    assert plan.warnings and dialog.warnings.text() == "\n".join(map(str, plan.warnings))
    for name, counts in plan.class_counts.items():
        assert (f"'{name}' has only {counts['train']} training example"
                in dialog.warnings.text()) == (counts["train"] < 10)
    assert dialog.start_button.isEnabled()  # a warning, not a refusal


def test_nothing_reviewed_nothing_to_train(driver, qtbot, folder, monkeypatch):
    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(FAKE_WORKER))
    w = driver.open(folder)
    qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.training.dialog is not None)
    dialog = w.training.dialog
    qtbot.waitUntil(lambda: "review some images first" in dialog.warnings.text()
                    and dialog.env_label.text().startswith("Installed at"), timeout=10_000)
    assert dialog.warnings.text().startswith(
        "No done images with boxes to train on; review some images first.")
    assert dialog.split_label.text().startswith("0 images to train on, 0 held out for val")
    assert dialog.counts.rowCount() == 0 and not dialog.start_button.isEnabled()
    assert dialog.epoch_label.text() == "Not started: Train needs done images with boxes first."


def test_nothing_done_is_said_once_with_classes(driver, qtbot, folder, monkeypatch):
    """Classes but no done image: the plan says there is nothing to train on, once; not that
    each class has 'only 0 training examples', nor that nothing is held out for val."""
    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(FAKE_WORKER))
    w = driver.open(folder)
    w.store.add_labels(["cat", "dog"])
    qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.training.dialog is not None)
    dialog = w.training.dialog
    qtbot.waitUntil(lambda: "review some images first" in dialog.warnings.text(),
                    timeout=10_000)
    assert dialog.warnings.text() == (
        "No done images with boxes to train on; review some images first.")
    assert not dialog.start_button.isEnabled()


def test_an_interrupted_training_is_listed_as_such(driver, qtbot, shapes, tmp_path):
    from glancelabel.core.store import Store
    from glancelabel.core.store.training import update_run_params

    store = Store(shapes / ".glancelabel" / "project.sqlite", shapes)
    run = store.create_run("ultralytics", "yolo11n.pt", kind="train", params={
        "task": "detect", "epochs": 50, "lock": str(tmp_path / "gone.lock"),
        "metrics": {"mAP50": 0.2, "epoch": 2}})
    update_run_params(store, run, {}, status="running")  # its app was killed mid-training
    store.close()
    w = driver.open(shapes)
    dialog = open_train_dialog(driver, qtbot)
    qtbot.waitUntil(lambda: bool(dialog.history.text()), timeout=10_000)
    assert dialog.history.text() == (
        f"Earlier trainings:\nTraining run {run} was interrupted after 2 of 50 epochs (the app or "
        "the trainer stopped); no model was registered.")
    assert next(r for r in w.store.runs() if r.id == run).status == "interrupted"
