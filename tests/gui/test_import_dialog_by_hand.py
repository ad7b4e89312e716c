"""File → Import… (Ctrl+I) as a person meets it, in Chinese: before anything is chosen the dialog
says what to do in the text colour (it was red, as if something had gone wrong already); a
folder typed for COCO, which is one file, is a problem said in Chinese with the format's
Chinese name (it was English) and in red."""

from __future__ import annotations

import pytest
from menu_driving import when_modal
from PySide6.QtCore import Qt

from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(120)


def test_the_first_step_is_not_red_and_a_folder_for_coco_is_said_in_chinese(driver, folder, qtbot, qapp,
                                                                           tmp_path):
    i18n.install(qapp, "zh_CN")
    try:
        driver.open(folder)
        seen = {}

        def use(dialog) -> None:
            seen["start"] = (dialog.problem.text(), dialog.problem.styleSheet(), dialog.import_button.isEnabled())
            qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
            qtbot.keyClicks(dialog.path, str(tmp_path))  # a folder, for the COCO format
            seen["folder"] = (dialog.problem.text(), dialog.problem.styleSheet(),
                              dialog.import_button.isEnabled())

        state = when_modal(use)
        driver.key(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        assert "dialog" in state
        text, style, enabled = seen["start"]
        assert text == "请选择要导入的数据集文件或文件夹。" and "#c0392b" not in style and not enabled
        text, style, enabled = seen["folder"]
        assert text == "COCO 检测 JSON 是单个文件；请选择该文件，而不是文件夹。", text
        assert "#c0392b" in style and not enabled
    finally:
        i18n.install(qapp, "en")
