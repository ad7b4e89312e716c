"""In Chinese, Han characters are drawn with a font of Simplified Chinese forms: fontconfig alone
may pick a Japanese CJK font (Debian's fonts-noto-cjk gives Noto Sans CJK JP first, whose 直 and 角
are drawn the Japanese way), so the application font lists the Simplified Chinese fonts right after
its own family. Latin text keeps that family; English keeps the list too (class names such as 行人
are Chinese in either interface, see test_en_han_font.py)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication, QTextLayout

from glancelabel.gui import i18n


def families(text: str) -> list[str]:
    """The fonts the application font draws `text` with, run by run."""
    layout = QTextLayout(text, QGuiApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [run.rawFont().familyName() for run in layout.glyphRuns()]


def test_chinese_draws_han_with_simplified_forms_and_english_keeps_them(qapp):
    wanted = "Noto Sans CJK SC"
    if wanted not in QFontDatabase.families():
        pytest.skip("Noto Sans CJK SC is not installed (Debian: fonts-noto-cjk)")
    before = QGuiApplication.font()
    i18n.install(qapp, "zh_CN")
    try:
        used = families("打开文件夹直角")
        assert used == [wanted], used
        latin = families("Open")
        assert wanted not in latin  # Latin keeps the application's own family
    finally:
        i18n.install(qapp, "en")
    assert QFontInfo(QGuiApplication.font()).family() == QFontInfo(before).family()
    assert families("直角") == [wanted]
