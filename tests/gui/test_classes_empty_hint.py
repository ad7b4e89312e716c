"""A project with no class yet says in the Classes panel how to make one (the panel was an empty
white list), in English and Chinese; the line goes once "+" has added a class, and comes back
when Ctrl+Z takes it away."""

from __future__ import annotations

import pytest
from dialogs_by_hand import to_canvas, type_and_ok
from lang_kit import language
from PySide6.QtCore import Qt
from test_classes_panel import clicked_with_dialog, tool

HINT = {"en": "No classes yet: + adds one, Import reads them from classes.txt or data.yaml, or ask "
              "the AI (I) and M makes a label it gives a class.",
        "zh_CN": "还没有类别：点 + 添加，“导入”从 classes.txt 或 data.yaml 读取，或让 AI 标注（I）后按 M "
                 "把它给出的标签设为类别。"}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_class_yet_says_how_to_make_one(driver, folder, qtbot, qapp, lang):
    with language(qapp, lang):
        w = driver.open(folder)
        panel = w.labels_panel
        qtbot.waitUntil(panel.isVisible)
        assert panel.list.count() == 0
        assert panel.empty_hint.isVisible() and panel.empty_hint.text() == HINT[lang]
        clicked_with_dialog(qtbot, tool(panel, "+"), type_and_ok(qtbot, "cat"))
        qtbot.waitUntil(lambda: panel.list.count() == 1)
        assert not panel.empty_hint.isVisible()
        to_canvas(driver)
        driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: panel.list.count() == 0)
        assert panel.empty_hint.isVisible()
