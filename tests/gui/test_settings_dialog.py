"""The settings dialog's AI provider page: saving, keys (keyring only, masked, with their source),
the no-keyring message, and Test connection against the fake servers (off the GUI thread)."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fakes import FakeAnthropic, FakeOpenAI
from glancelabel.core.app import secrets
from glancelabel.core.app import settings as settings_mod

SECRET = "sk-test-0123456789abcdefXYZW"


@pytest.fixture
def dialog(qtbot):
    from glancelabel.gui.dialogs.settings import SettingsDialog

    settings = settings_mod.load()
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    yield d
    d.provider.close_page()
    d.provider.runner.wait(30_000)


def choose(page, provider: str) -> None:
    page.provider_box.setCurrentIndex(page.provider_box.findData(provider))


def test_provider_page_saves_settings_and_never_the_key(dialog, qtbot, memory_keyring):
    page = dialog.provider
    choose(page, "openai")
    page.model_box.setEditText("gpt-4.1-mini")
    page.base_url.setText("http://127.0.0.1:9/v1")
    page.convention_box.setCurrentIndex(page.convention_box.findData("norm1000"))
    page.max_side.setValue(1024)
    page.timeout.setValue(30)
    page.max_retries.setValue(4)
    page.temperature.setValue(0.3)
    page.local_path.setText("/models/det.onnx")
    assert page.key_edit.echoMode() == page.key_edit.EchoMode.Password
    page.key_edit.setText(SECRET)
    qtbot.mouseClick(page.save_key_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.store[("glancelabel", "openai")] == SECRET
    assert page.key_edit.text() == ""
    assert "sk-t…XYZW" in page.key_source.text() and "keyring" in page.key_source.text()
    assert SECRET not in page.key_source.text()
    dialog.accept()  # closing saves

    text = settings_mod.settings_file().read_text(encoding="utf-8")
    assert SECRET not in text and "sk-t" not in text
    saved = json.loads(text)["provider"]
    assert saved["provider"] == "openai" and saved["model"] == "gpt-4.1-mini"
    assert saved["base_url"] == "http://127.0.0.1:9/v1"
    assert saved["box_convention"] == "norm1000" and saved["max_side"] == 1024
    assert saved["timeout"] == 30.0 and saved["max_retries"] == 4
    assert saved["temperature"] == pytest.approx(0.3)
    assert saved["local_model_path"] == "/models/det.onnx"
    assert not any("key" in k for k in saved)
    p = settings_mod.load().provider
    assert (p.provider, p.model, p.max_side) == ("openai", "gpt-4.1-mini", 1024)


def test_openai_api_choice_round_trips_and_applies_to_openai_only(qtbot, memory_keyring):
    from glancelabel.gui.dialogs.settings import SettingsDialog

    settings = settings_mod.load()
    assert settings.provider.openai_api == "chat"
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    page = d.provider
    choose(page, "anthropic")
    assert not page.api_box.isEnabled()
    choose(page, "openai")
    assert page.api_box.isEnabled() and page.api_box.currentData() == "chat"
    assert page.api_box.itemText(page.api_box.currentIndex()) == "Chat Completions"
    page.api_box.setCurrentIndex(page.api_box.findData("responses"))
    d.accept()  # closing saves
    d.provider.runner.wait(30_000)
    assert json.loads(settings_mod.settings_file().read_text(encoding="utf-8"))[
        "provider"]["openai_api"] == "responses"

    again = SettingsDialog(settings_mod.load())  # shown again as saved
    qtbot.addWidget(again)
    assert again.provider.api_box.currentData() == "responses"
    again.provider.close_page()
    again.provider.runner.wait(30_000)


def test_remove_key_and_local_provider_needs_none(dialog, qtbot, memory_keyring):
    page = dialog.provider
    secrets.set_key("anthropic", SECRET)
    choose(page, "openai")
    choose(page, "anthropic")
    assert "keyring" in page.key_source.text()
    assert page.remove_key_button.isEnabled()
    qtbot.mouseClick(page.remove_key_button, Qt.MouseButton.LeftButton)
    assert ("glancelabel", "anthropic") not in memory_keyring.store
    assert "No key set" in page.key_source.text() and "ANTHROPIC_API_KEY" in page.key_source.text()
    choose(page, "local")
    assert not page.key_edit.isEnabled() and not page.model_box.isEnabled()
    assert page.local_path.isEnabled()
    assert "no key" in page.keyring_note.text()


def test_no_keyring_says_so_and_the_environment_key_is_shown_masked(qtbot, monkeypatch):
    import keyring
    from keyring.backends import fail

    from glancelabel.gui.dialogs.settings import SettingsDialog

    keyring.set_keyring(fail.Keyring())  # what a headless Linux machine has
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    settings = settings_mod.load()
    settings.provider.provider = "anthropic"
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    page = d.provider
    note = page.keyring_note.text()
    assert "No system keyring" in note
    assert "ANTHROPIC_API_KEY" in note and "OPENAI_API_KEY" not in note
    assert not page.key_edit.isEnabled() and not page.save_key_button.isEnabled()
    source = page.key_source.text()
    assert "environment variable ANTHROPIC_API_KEY" in source and "sk-t…XYZW" in source
    assert SECRET not in source
    choose(page, "openai")
    assert "No key set" in page.key_source.text() and "OPENAI_API_KEY" in page.key_source.text()
    assert "set OPENAI_API_KEY in the environment" in page.keyring_note.text()
    d.provider.close_page()


RED = "#b03a2e"


def test_no_keyring_local_engine_note_is_not_an_error(driver, folder, qtbot, monkeypatch):
    """File → Settings… (Ctrl+,) on a machine without a keyring, the local engine typed into the
    provider box: "needs no key" is plain information, not red; back on Anthropic the missing
    keyring is red and names ANTHROPIC_API_KEY."""
    import keyring
    from keyring.backends import fail
    from menu_driving import pick, when_modal

    keyring.set_keyring(fail.Keyring())
    driver.open(folder)
    seen = {}

    def use(dialog):
        page = dialog.provider
        box = page.provider_box
        qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                         pos=dialog.tabs.tabBar().tabRect(0).center())
        for name in ("local", "anthropic"):
            pick(qtbot, box, name)
            seen[box.currentData()] = (page.keyring_note.text(), page.keyring_note.styleSheet())

    state = when_modal(use)
    driver.key(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert "dialog" in state
    note, style = seen["local"]
    assert note == "The local engine needs no key." and RED not in style
    note, style = seen["anthropic"]
    assert "set ANTHROPIC_API_KEY in the environment" in note and RED in style


def test_missing_key_without_keyring_names_the_environment_variable(driver, folder, qtbot):
    """No keyring, no key: I (ask the AI) and Review → Batch… say which environment variable to
    set instead of sending the person to a Settings page that cannot store a key."""
    import keyring
    from keyring.backends import fail
    from menu_driving import choose, when_modal

    keyring.set_keyring(fail.Keyring())
    w = driver.open(folder)
    texts = {}
    state = when_modal(lambda box: texts.update(ask=box.text()))
    driver.key(Qt.Key.Key_I)
    qtbot.waitUntil(lambda: "ask" in texts, timeout=20_000)
    assert "dialog" in state
    assert "No Anthropic API key: set ANTHROPIC_API_KEY in the environment" in texts["ask"]
    assert "add one in Settings" not in texts["ask"]

    def read_batch(d) -> None:  # the estimate (and its key check) arrives in the background
        def shown() -> str:
            return "\n".join(lb.text() for lb in d.findChildren(QLabel) if lb.isVisible())

        qtbot.waitUntil(lambda: "Estimating" not in shown(), timeout=20_000)
        texts["batch"] = shown()

    state = when_modal(read_batch)
    choose(w, qtbot, "Review", "Batch")
    assert "dialog" in state
    assert "set ANTHROPIC_API_KEY in the environment" in texts["batch"]
    assert "add one in Settings" not in texts["batch"]


def test_missing_key_with_a_keyring_points_to_settings(memory_keyring):
    assert secrets.missing_key_message("anthropic") == (
        "No Anthropic API key: add one in Settings or set ANTHROPIC_API_KEY.")
    assert "OPENAI_API_KEY" in secrets.missing_key_message("openai")


def test_connection_success_runs_in_the_background(dialog, qtbot):
    page = dialog.provider
    secrets.set_key("anthropic", SECRET)
    with FakeAnthropic(latency=0.3) as fake:
        choose(page, "anthropic")
        page.base_url.setText(fake.base_url)
        page.model_box.setEditText("claude-haiku-4-5")
        with qtbot.waitSignal(page.tested, timeout=30_000) as blocker:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
            # the click returned before the answer: the page says it is testing
            assert not page.test_button.isEnabled()
            assert page.test_result.text().startswith("Testing")
        ok, sentence = blocker.args
        assert ok, sentence
        assert sentence.startswith("Anthropic answered") and "claude-haiku-4-5" in sentence
        assert page.test_result.text() == sentence and page.test_button.isEnabled()
        (req,) = fake.main_requests()
        assert req.auth_key == SECRET
        src = next(b for b in req.json["messages"][0]["content"] if b["type"] == "image")["source"]
        assert Image.open(io.BytesIO(base64.b64decode(src["data"]))).size == (64, 48)


def test_connection_reports_a_refused_key_in_one_sentence(dialog, qtbot):
    page = dialog.provider
    with FakeOpenAI(require_key="the-right-key") as fake:
        choose(page, "openai")
        page.base_url.setText(fake.base_url)
        page.key_edit.setText("sk-wrong-key-000000000000")  # tried before it is saved
        with qtbot.waitSignal(page.tested, timeout=30_000) as blocker:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        ok, sentence = blocker.args
        assert not ok
        assert sentence == "OpenAI refused the API key: Incorrect API key provided: sk-***."
        assert "sk-wrong" not in sentence
        assert fake.main_requests()[0].auth_key == "sk-wrong-key-000000000000"
    assert secrets.get_key("openai") is None  # testing does not store the typed key
    assert "sk-wrong" not in settings_mod.settings_file().read_text(encoding="utf-8")


def test_connection_uses_the_chosen_openai_api(dialog, qtbot):
    page = dialog.provider
    with FakeOpenAI() as fake:
        choose(page, "openai")
        page.base_url.setText(fake.base_url)
        page.key_edit.setText(SECRET)
        page.api_box.setCurrentIndex(page.api_box.findData("responses"))
        with qtbot.waitSignal(page.tested, timeout=30_000) as blocker:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        ok, sentence = blocker.args
        assert ok, sentence
        assert len(fake.responses_requests()) == 1 and fake.responses_requests()[0].auth_key == SECRET
        assert not [r for r in fake.main_requests() if r.path.endswith("/chat/completions")]
