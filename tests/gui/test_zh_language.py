"""The interface language: chosen in Settings (saved at once, applied at the next start), and a
Chinese start shows Chinese in the window's own text and in Qt's standard buttons."""

from __future__ import annotations

from menu_driving import pick, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from glancelabel.core.app import settings as settings_mod
from glancelabel.gui import i18n


def test_language_chosen_in_settings_is_saved_and_applies_at_the_next_start(driver, folder, qtbot):
    window = driver.open(folder)
    seen: dict = {}

    def use(dialog):
        tabs = dialog.tabs
        index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Language")
        qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton,
                         pos=tabs.tabBar().tabRect(index).center())
        page = tabs.widget(index)
        assert [page.choice.itemText(i) for i in range(page.choice.count())] == [
            "As the system", "English", "简体中文"]
        pick(qtbot, page.choice, "zh_CN")
        seen["note"] = page.note.text()
        seen["saved"] = settings_mod.load().language
        seen["window"] = window.windowTitle()
        qtbot.waitUntil(lambda: not dialog.provider.runner.busy, timeout=20_000)

    state = when_modal(use)
    driver.key(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "saved" in seen, timeout=20_000)
    assert "dialog" in state
    assert seen["saved"] == "zh_CN"
    assert seen["note"] == "Saved. The new language applies when GlanceLabel starts again."
    # nothing changed language under the person's hands
    assert i18n.translate("StartScreen", "Recent folders") == "Recent folders"


def test_a_chinese_start_shows_the_start_screen_and_standard_buttons_in_chinese(qapp, qtbot):
    from glancelabel.gui.start_screen import StartScreen

    try:
        assert i18n.install(qapp, "zh_CN") == "zh_CN"
        screen = StartScreen([])
        qtbot.addWidget(screen)
        texts = [b.text().strip() for b in screen.findChildren(QPushButton)]
        assert "打开文件夹…" in texts and "打开示例文件夹" in texts
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close
                               | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == sorted(["关闭", "取消"])
    finally:
        i18n.install(qapp, "en")
