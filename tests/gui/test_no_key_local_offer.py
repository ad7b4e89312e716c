"""I (ask the AI) with a provider that has no API key: the message says which key is missing and
where it goes (Settings → AI provider, or the environment variable when there is no keyring), and
offers the offline local engine in one click or key; chosen, the local engine answers at once and
stays the provider. Keys and clicks only, checked against the window, the project and the saved
settings."""

from __future__ import annotations

from dialogs_by_hand import to_canvas, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from test_train_use_model import with_model  # noqa: F401 - a fixture: a project with people-1

from glancelabel.core.app import settings as settings_mod


def ask_and_answer(driver, qtbot, act) -> str:
    """I on img1.jpg (D from the first image, broken.jpg); `act(box)` answers the message box;
    returns its text."""
    to_canvas(driver)
    driver.key(Qt.Key.Key_D)
    driver.wait_image(driver.image_id("img1.jpg"))
    seen = []
    state = when_modal(qtbot, act, seen)
    driver.key(Qt.Key.Key_I)
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    qtbot.waitUntil(lambda: not seen[0].isVisible(), timeout=20_000)
    assert isinstance(seen[0], QMessageBox) and state is None
    return seen[0].text()


def test_no_key_offers_the_project_model_and_one_click_makes_it_answer(driver, qtbot, with_model):  # noqa: F811
    w = driver.open(with_model[0])
    image_id = driver.image_id("img1.jpg")
    assert w.settings.provider.provider == "anthropic"

    def click_use(box):
        use = [b for b in box.findChildren(QPushButton) if b.text() == "Use the local engine"]
        if use:
            qtbot.mouseClick(use[0], Qt.MouseButton.LeftButton)
        else:  # nothing offered: the person closes the message
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    text = ask_and_answer(driver, qtbot, click_use)
    assert text == (
        "No Anthropic API key: add one in Settings → AI provider (it is kept in the system "
        "keyring) or set ANTHROPIC_API_KEY in the environment. The offline local engine needs no "
        "key and no network: “Use the local engine” asks this project's model people-1 "
        "(detector: person) instead.")
    qtbot.waitUntil(lambda: bool(w.store.suggestions(image_id)), timeout=20_000)
    (s,) = w.store.suggestions(image_id)
    assert s.raw_label == "person"
    run = next(r for r in w.store.runs() if r.id == s.run_id)
    assert (run.provider, run.model) == ("local", "onnx:people.onnx")
    qtbot.waitUntil(lambda: "Switched" in w.statusBar().currentMessage())
    assert w.statusBar().currentMessage().startswith(
        "Switched to the offline local engine, this project's model people-1 (detector: person) "
        "(Settings → AI provider switches back). ")
    saved = settings_mod.load().provider
    assert (saved.provider, saved.local_model_path) == ("local", w.settings.provider.local_model_path)
    assert saved.local_model_path.endswith("people.onnx")


def test_without_keyring_the_sentence_names_the_variable_and_enter_asks_the_built_in_engine(
        driver, qtbot, folder):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # the keyring fixture puts its own back
    w = driver.open(folder)
    w.store.add_labels(["text"])

    def press_enter(box):
        qtbot.keyClick(box, Qt.Key.Key_Return)

    text = ask_and_answer(driver, qtbot, press_enter)
    assert text == (
        "No Anthropic API key: set ANTHROPIC_API_KEY in the environment (this machine has no "
        "system keyring, so Settings → AI provider cannot store one). The offline local engine "
        "needs no key and no network: “Use the local engine” asks the built-in text reader (it "
        "boxes text and labels it 'text') instead.")
    qtbot.waitUntil(lambda: any(r.provider == "local" for r in w.store.runs()), timeout=60_000)
    qtbot.waitUntil(lambda: not w.image_panel.model.busy, timeout=60_000)
    assert w.statusBar().currentMessage() == (
        "Switched to the offline local engine, the built-in text reader (it boxes text and labels "
        "it 'text') (Settings → AI provider switches back). 0 suggestions for img1.jpg from "
        "rapidocr ($0.0000).")
    assert settings_mod.load().provider.provider == "local"


def test_close_keeps_the_provider(driver, qtbot, folder):
    w = driver.open(folder)

    def close(box):
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    ask_and_answer(driver, qtbot, close)
    assert w.settings.provider.provider == "anthropic"
    assert settings_mod.load().provider.provider == "anthropic"
    assert w.statusBar().currentMessage().startswith("No Anthropic API key: add one in Settings → AI")
