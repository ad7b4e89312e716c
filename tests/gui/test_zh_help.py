"""F1 in the Chinese interface: pressed in the window, the help speaks Chinese (title, how to
review, task headings, actions, column names) and each word its filter box suggests as an example
("空格", "类别", "放大"), typed in as an input method commits it, finds keys."""

from __future__ import annotations

import re

from control_walk import visible_texts
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from test_help import run_help
from test_zh_visible_text import english

from glancelabel.gui import i18n


def test_f1_speaks_chinese_and_its_suggested_filter_words_find_keys(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        driver.open(folder)

        def look(dialog, seen):
            seen["title"] = dialog.windowTitle()
            seen["intro"] = dialog.findChild(QLabel, "helpIntro").text()
            seen["groups"] = dialog.groups()
            seen["texts"] = visible_texts(dialog)
            box = QApplication.focusWidget()
            seen["examples"] = re.findall(r"“([^”]+)”", box.placeholderText())
            for word in seen["examples"]:
                QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                typed = QInputMethodEvent()
                typed.setCommitString(word)  # what a Chinese input method sends
                QApplication.sendEvent(box, typed)
                seen[word] = dialog.texts()

        seen = run_help(driver, qtbot, look)
    finally:
        i18n.install(qapp, "en")
    assert seen["title"] == "如何审核，以及快捷键"
    assert "如何审核" in seen["intro"] and "抽检" in seen["intro"]
    assert seen["groups"] == ["审核", "绘制", "浏览", "项目"]
    found = [f"{t!r} ({where})" for where, t in seen["texts"] if english(t)]
    assert found == [], found
    assert seen["examples"] == ["空格", "类别", "放大"]
    for word in seen["examples"]:
        assert seen[word], f"the suggested filter word {word} finds no key"
        assert all(word in " ".join(row) for row in seen[word]), seen[word]
