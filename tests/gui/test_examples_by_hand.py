"""Review → Examples in the prompt… in Chinese: the list says in Chinese how each image was picked
and whether it is sent (it read "(picked for you, not sent)" in English), and Pick for me with
nothing to pick says why, rather than "Kept 0 examples picked for you."."""

from __future__ import annotations

import pytest
from dialogs_by_hand import when_modal
from PySide6.QtCore import Qt
from test_examples_gui import reviewed
from test_zh_visible_text import choose_item

from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(120)
LEFT = Qt.MouseButton.LeftButton


def use_dialog(driver, qtbot) -> dict:
    """The dialog opened through the Review menu: its list, then Pick for me clicked."""
    seen: dict = {}

    def use(dialog) -> None:
        seen["list"] = [dialog.listing.item(i).text() for i in range(dialog.listing.count())]
        qtbot.mouseClick(dialog.pick_button, LEFT)
        qtbot.waitUntil(lambda: dialog.summary.text() != seen.get("before", ""), timeout=5000)
        seen["summary"] = dialog.summary.text()
        seen["after"] = [dialog.listing.item(i).text() for i in range(dialog.listing.count())]
        dialog.reject()

    when_modal(qtbot, use)
    choose_item(driver.window, qtbot, "examples")
    qtbot.waitUntil(lambda: "after" in seen, timeout=10_000)
    return seen


def test_nothing_to_pick_is_said(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        driver.open(folder)
        seen = use_dialog(driver, qtbot)
        assert seen["list"] == [] and seen["after"] == []
        assert seen["summary"] == ("还没有可作为示例的图片：请先接受或修正一些建议（抽检图片和留出集图片永远"
                                   "不会用作示例）。")
    finally:
        i18n.install(qapp, "en")


def test_the_list_is_chinese_and_a_second_pick_says_all_are_picked(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        driver.folder = folder
        reviewed(driver)
        seen = use_dialog(driver, qtbot)
        assert seen["list"] == ["cat：img1.jpg（为您挑选，不发送）", "cat：img4.jpg（为您挑选，不发送）"]
        assert seen["after"] == ["cat：img1.jpg（已挑选，不发送）", "cat：img4.jpg（已挑选，不发送）"]
        assert seen["summary"].startswith("已保留为您挑选的 2 个示例。")
        again = use_dialog(driver, qtbot)
        assert again["summary"] == "所有可作为示例的图片都已挑选。"
    finally:
        i18n.install(qapp, "en")
