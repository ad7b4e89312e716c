"""The prompt dialog opened with no image on screen says so in the interface's language (the
Chinese dialog showed "Open an image to see what would be sent for it." in English)."""

from __future__ import annotations

from glancelabel.gui import i18n
from glancelabel.gui.dialogs.prompt import PromptDialog


def test_no_image_is_said_in_chinese(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        w = driver.open(folder)
        dialog = PromptDialog(driver.store, w.settings, None, w)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: bool(dialog.caption.text()))
        assert dialog.caption.text() == "请先打开一张图片，才能看到会为它发送的内容。"
        dialog.reject()
    finally:
        i18n.install(qapp, "en")
