"""Ctrl+B with a provider that has no API key: the Batch dialog says which key is missing and
where it goes, as I does, and offers the offline local engine with a button beside Start; one
click makes the run ask it, and Start runs it. With the key there the button is not shown. Keys
and clicks only, checked against the dialog and the project."""

from __future__ import annotations

from dialogs_by_hand import when_modal
from PySide6.QtCore import Qt
from test_train_use_model import with_model  # noqa: F401 - a fixture: a project with people-1

LEFT = Qt.MouseButton.LeftButton


def open_batch(driver, qtbot, act) -> list:
    seen: list = []
    when_modal(qtbot, act, seen)
    driver.key(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=20_000)
    return seen


def test_no_key_offers_the_local_engine_and_one_click_runs_the_batch_on_it(
        driver, qtbot, with_model):  # noqa: F811
    w = driver.open(with_model[0])
    assert w.settings.provider.provider == "anthropic"
    shown: dict = {}

    def use_local_then_start(dialog) -> None:
        qtbot.waitUntil(lambda: dialog.local_button.isVisible(), timeout=20_000)
        shown["problem"] = dialog.problem_label.text()
        shown["start before"] = dialog.start_button.isEnabled()
        assert dialog.local_button.text() == "Use the local engine"
        qtbot.mouseClick(dialog.local_button, LEFT)
        assert dialog.provider.currentText() == "local" and not dialog.local_button.isVisible()
        qtbot.waitUntil(dialog.start_button.isEnabled, timeout=20_000)
        shown["problem after"] = dialog.problem_label.text()
        qtbot.mouseClick(dialog.start_button, LEFT)

    open_batch(driver, qtbot, use_local_then_start)
    assert shown["problem"] == (
        "No Anthropic API key: add one in Settings → AI provider (it is kept in the system "
        "keyring) or set ANTHROPIC_API_KEY in the environment. The offline local engine needs no "
        "key and no network: “Use the local engine” asks this project's model people-1 "
        "(detector: person) instead.")
    assert shown["start before"] is False and shown["problem after"] == ""
    qtbot.waitUntil(lambda: any(r.provider == "local" for r in w.store.runs())
                    and not w.batch.panel().running, timeout=60_000)
    [run] = [r for r in w.store.runs() if r.provider == "local"]
    assert run.model == "onnx:people.onnx"
    image_id = driver.image_id("img1.jpg")
    assert [s.raw_label for s in w.store.suggestions(image_id)] == ["person"]
    assert w.settings.provider.provider == "anthropic"  # the offer changes this run only


def test_with_the_key_there_is_no_offer(driver, qtbot, with_model, monkeypatch):  # noqa: F811
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    driver.open(with_model[0])
    shown: dict = {}

    def look_then_close(dialog) -> None:
        qtbot.waitUntil(dialog.start_button.isEnabled, timeout=20_000)
        shown["offered"] = dialog.local_button.isVisible()
        shown["problem"] = dialog.problem_label.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    open_batch(driver, qtbot, look_then_close)
    assert shown == {"offered": False, "problem": ""}


def test_the_offer_needs_an_engine_that_can_run(tmp_path, with_model, monkeypatch):  # noqa: F811
    """Offered: the project's model whose file is there, else the built-in text reader when
    RapidOCR is installed; with neither, nothing is offered (the dialog keeps core's sentence)."""
    import importlib.util

    from glancelabel.core.store import Store
    from glancelabel.gui.dialogs.batch import usable_local_engine

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: None
                        if name == "rapidocr_onnxruntime" else real(name, *args))
    folder, model = with_model
    with Store(folder / ".glancelabel" / "project.sqlite", folder) as store:
        engine = usable_local_engine(store)
        assert engine is not None and engine.model_path == str(model)
        model.unlink()  # the model's file is gone, and RapidOCR is not installed
        assert usable_local_engine(store) is None
    with Store(tmp_path / "empty.sqlite") as empty:
        assert usable_local_engine(empty) is None
        monkeypatch.setattr(importlib.util, "find_spec", real)
        assert usable_local_engine(empty).model_path == ""  # the built-in text reader
