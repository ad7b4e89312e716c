"""Settings → Team server, driven by keys and clicks: the URL and token go to the keyring only,
and Test connection says who and which version answered (a small fake Label Studio on
127.0.0.1)."""

from __future__ import annotations

import pytest
from fake_ls import current, fake_label_studio
from PySide6.QtCore import Qt

from glancelabel.core.app import settings as settings_mod

TOKEN = "t0ken"


@pytest.fixture
def dialog(qtbot, monkeypatch):
    from glancelabel.gui.dialogs.settings import SettingsDialog

    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    d = SettingsDialog(settings_mod.load())
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    yield d
    d.provider.close_page()
    d.provider.runner.wait(30_000)


def team_page(dialog, qtbot):
    """Reach the Team server tab with Ctrl+Tab, as a person would."""
    for _ in range(dialog.tabs.count()):
        if dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Team server":
            break
        qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Team server"
    return dialog.tabs.currentWidget()


def test_url_and_token_are_kept_in_the_keyring_and_tested(dialog, qtbot, memory_keyring):
    page = team_page(dialog, qtbot)
    assert page.token_edit.echoMode() == page.token_edit.EchoMode.Password
    with fake_label_studio(current()) as url:
        qtbot.keyClicks(page.url_edit, url + "/")
        qtbot.keyClicks(page.token_edit, TOKEN)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert memory_keyring.store[("glancelabel", "label-studio")] == TOKEN
        assert memory_keyring.store[("glancelabel", "label-studio-url")] == url
        assert page.token_edit.text() == ""
        assert page.result.text() == f"Saved the URL {url} and the token in the keyring."
        assert page.token_edit.placeholderText().startswith("stored in the keyring")
        with qtbot.waitSignal(page.tested, timeout=20_000) as seen:
            page.test_button.setFocus()
            qtbot.keyClick(page.test_button, Qt.Key.Key_Space)
        assert seen.args == [True, f"Connected to Label Studio 1.23.2 at {url} as Bo Ek "
                                   "(bo@example.org)."]
        assert page.result.text() == seen.args[1]
        # a wrong token typed (not saved) is tried as typed
        qtbot.keyClicks(page.token_edit, "wrong")
        with qtbot.waitSignal(page.tested, timeout=20_000) as seen:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert seen.args == [False, f"The Label Studio server at {url} refused the access token "
                                    "(Invalid token.); check the token in Settings → Team server."]
    dialog.accept()
    text = settings_mod.settings_file().read_text(encoding="utf-8") \
        if settings_mod.settings_file().exists() else ""
    assert TOKEN not in text and "label-studio" not in text


def test_old_server_is_refused_in_one_sentence(dialog, qtbot, memory_keyring):
    page = team_page(dialog, qtbot)
    with fake_label_studio(current("1.22.1")) as url:
        qtbot.keyClicks(page.url_edit, url)
        qtbot.keyClicks(page.token_edit, TOKEN)
        with qtbot.waitSignal(page.tested, timeout=20_000) as seen:
            qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert seen.args == [False, "The Label Studio server runs version 1.22.1; GlanceLabel needs "
                                "1.23.2 or newer. Ask the server's owner to upgrade it."]
    assert memory_keyring.store.get(("glancelabel", "label-studio")) is None
