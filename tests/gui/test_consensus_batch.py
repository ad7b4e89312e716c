"""Ctrl+B → "Ask a second model": the dialog shows what both runs cost, Start asks both fake
providers about the same images, and the Batch runs panel says what their consensus is; the
review then shows the agreed suggestions marked, and Ctrl+Z takes the consensus back in one step.
Driven with keys and clicks."""

from __future__ import annotations

from dialogs_by_hand import to_canvas, when_modal
from provider_kit import point_settings_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QPushButton

from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, FastOpenAI, make_images
from glancelabel.core.store import consensus as sql

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def button(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_ask_a_second_model_from_the_batch_dialog(driver, tmp_path, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    folder = tmp_path / "cars"
    make_images(folder, 3)
    seen: dict = {}
    with FastAnthropic() as claude, FastOpenAI() as gpt:
        claude.success_headers = gpt.success_headers = {}
        claude.default_input = CAR_ANSWER  # a car and a "zebra crossing"
        gpt.default_answer = {"objects": [CAR_ANSWER["objects"][0]], "tags": []}
        point_settings_at(claude, concurrency=1)
        w = driver.open(folder)
        w.commit(w.store.add_label("car"))

        def act(dialog) -> None:
            qtbot = driver.qtbot
            assert not dialog.second_provider.isEnabled()
            qtbot.mouseClick(dialog.ask_second, LEFT, pos=dialog.ask_second.rect().center())
            assert dialog.ask_second.isChecked() and dialog.second_provider.isEnabled()
            assert dialog.second_provider.currentText() == "openai"  # the other provider
            dialog.second_base_url.setFocus()
            qtbot.keyClicks(dialog.second_base_url, gpt.base_url)
            qtbot.waitUntil(lambda: "Both models: estimated cost" in dialog.estimate_label.text()
                            and button(dialog, "Start").isEnabled(), timeout=20_000)
            seen["estimate"] = dialog.estimate_label.text()
            seen["submit"] = button(dialog, "Submit to Batch API (½ price)").isEnabled()
            qtbot.mouseClick(button(dialog, "Start"), LEFT)

        when_modal(driver.qtbot, act)
        driver.key(K.Key_B, Qt.KeyboardModifier.ControlModifier)
        panel = w.findChild(QDockWidget, "dock_batch").widget()
        driver.qtbot.waitUntil(lambda: panel.consensus_label.text() != "", timeout=60_000)
        assert panel.consensus_label.isVisible()  # (hidden, taking no line, until there is one)
        assert len(claude.main_requests()) == 3 and len(gpt.main_requests()) == 3
    assert seen["estimate"].startswith("3 images; anthropic / ")
    assert "\nSecond model, on the same images:\n3 images; openai / " in seen["estimate"]
    assert not seen["submit"]  # a pair runs directly, not through a Batch API
    runs = [r for r in w.store.runs() if r.kind == "consensus"]
    assert len(runs) == 1
    a, b = runs[0].params["runs"]
    assert panel.consensus_label.text() == (
        f"Runs {a} and {b} agree on 3 suggestions over 3 images; 3 are disputed and reviewed "
        f"first (consensus run {runs[0].id}).")
    # the review shows it: on the image on screen, the disputed crossing first, the car agreed
    driver.qtbot.waitUntil(lambda: w.review_panel.list.count() == 2)
    first, second = (w.review_panel.list.item(r).text().splitlines()[0] for r in (0, 1))
    assert first.startswith("≠ disputed · zebra crossing") and second.startswith("✓✓ agreed · car")
    assert len(sql.marked_ids(w.store, "agreed")) == 3
    # the consensus is one step on the undo stack: Ctrl+Z takes it back, the runs' own
    # suggestions stay (pending, shown again), and the project file holds no agreed or disputed one
    undo = w.actions_by_id["undo"]
    assert undo.text() == f"Undo: build the consensus of runs {a} and {b} (3 agreed suggestions)"
    before_states = dict(w.store.q("SELECT id, state FROM suggestions WHERE run_id IN (?, ?)",
                                   (a, b)))
    to_canvas(driver)
    driver.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == (
        f"Undid: build the consensus of runs {a} and {b} (3 agreed suggestions).")
    assert sql.marked_ids(w.store, "agreed") == set() == sql.marked_ids(w.store, "disputed")
    assert w.store.scalar("SELECT count(*) FROM suggestions WHERE run_id = ?", (runs[0].id,)) == 0
    states = dict(w.store.q("SELECT id, state FROM suggestions WHERE run_id IN (?, ?)", (a, b)))
    assert states.keys() == before_states.keys() and set(states.values()) == {"pending"}
    driver.qtbot.waitUntil(lambda: w.review_panel.list.count() == 3)  # both cars and the crossing
    assert w.actions_by_id["redo"].text().startswith("Redo: build the consensus of runs")
