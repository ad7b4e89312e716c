"""Settings → Test connection, through Ctrl+, and clicks: the sentence that comes back is in the
interface's language (in Chinese it was English: "… answered in 0.0 s with model …"), and the
provider is named as it is written ("Testing Anthropic…", not "Testing anthropic…")."""

from __future__ import annotations

import pytest
from menu_driving import pick, when_modal
from PySide6.QtCore import Qt
from test_zh_visible_text import english

from fakes import FakeAnthropic, FakeOpenAI
from glancelabel.core.app import secrets
from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(120)
LEFT = Qt.MouseButton.LeftButton


def test_connection(driver, folder, qtbot, provider, base_url, model) -> tuple[str, str]:
    """(what the page says while testing, what it says after) for `provider` at `base_url`."""
    driver.open(folder)
    seen = {}

    def use(dialog) -> None:
        page = dialog.provider
        pick(qtbot, page.provider_box, provider)
        qtbot.mouseClick(page.base_url, LEFT)
        qtbot.keyClicks(page.base_url, base_url)
        page.model_box.setFocus()
        page.model_box.lineEdit().selectAll()
        qtbot.keyClicks(page.model_box.lineEdit(), model)
        with qtbot.waitSignal(page.tested, timeout=30_000):
            qtbot.mouseClick(page.test_button, LEFT)
            seen["testing"] = page.test_result.text()
        seen["result"] = page.test_result.text()

    state = when_modal(use)
    driver.key(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert "dialog" in state
    return seen["testing"], seen["result"]


test_connection.__test__ = False  # (a helper)


def test_the_answer_is_chinese_for_the_openai_compatible_server(driver, folder, qtbot, qapp, memory_keyring):
    secrets.set_key("openai-compatible", "sk-local")
    i18n.install(qapp, "zh_CN")
    try:
        with FakeOpenAI() as fake:
            testing, result = test_connection(driver, folder, qtbot, "openai-compatible", fake.base_url,
                                              "gpt-4.1-mini")
    finally:
        i18n.install(qapp, "en")
    assert testing == "正在测试 OpenAI 兼容服务器…"
    assert result.startswith("OpenAI 兼容服务器 在 ") and "秒内用模型 gpt-4.1-mini 作答：对空白测试图片给出 0 条建议" in result
    assert not english(result), result


def test_testing_names_anthropic_with_its_capital(driver, folder, qtbot, memory_keyring):
    secrets.set_key("anthropic", "sk-ant-test")
    with FakeAnthropic() as fake:
        testing, result = test_connection(driver, folder, qtbot, "anthropic", fake.base_url, "claude-haiku-4-5")
    assert testing == "Testing Anthropic…"
    assert result.startswith("Anthropic answered in ") and "0 suggestions for a blank test image" in result
