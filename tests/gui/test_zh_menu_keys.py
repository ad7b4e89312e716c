"""The Chinese menu bar has the Alt keys of the English one, written the usual Chinese way
(文件(&F)): Alt and the letter opens the menu, in both languages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from glancelabel.gui import i18n

ALT = Qt.KeyboardModifier.AltModifier


def titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.menu() is not None]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_alt_and_the_letter_opens_each_menu(driver, folder, qtbot, qapp, lang):
    i18n.install(qapp, lang)
    try:
        w = driver.open(folder)
        shown = titles(w)
        assert len(shown) == 8
        for text in shown:
            if lang == "zh_CN":
                assert re.fullmatch(r"[^\x00-\x7f]+\(&[A-Z]\)", text), text  # 文件(&F)
            letter = QKeySequence.mnemonic(text)
            assert not letter.isEmpty(), f"{text!r} has no Alt key"
            key = Qt.Key(letter[0].key())
            qtbot.keyClick(w, key, ALT)
            qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
            menu = QApplication.activePopupWidget()
            assert menu.title() == text
            menu.close()
            qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        letters = [QKeySequence.mnemonic(t).toString() for t in shown]
        assert len(set(letters)) == len(letters), letters  # one menu per letter
        if lang == "zh_CN":
            assert shown[0] == "文件(&F)" and letters == ["Alt+F", "Alt+E", "Alt+I", "Alt+R", "Alt+G",
                                                         "Alt+M", "Alt+V", "Alt+H"]
    finally:
        i18n.install(qapp, "en")
