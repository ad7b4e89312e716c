"""Chinese class names in the English interface are drawn with Simplified Chinese forms too: the
application font lists Noto Sans CJK SC (and the other Simplified Chinese fonts) after its own
family in every language, so fontconfig no longer hands Han text to Noto Sans CJK JP (whose 直 and
角 are drawn the Japanese way) when the interface is English. The tags above a 行人 box and a
pending 红绿灯 suggestion (reached with D), the class list and the Prompt dialog's fixed-width
class list (opened from the Review menu) show them so. On a Japanese system
the English interface leaves the font as it was (Han text keeps the system's own forms)."""

from __future__ import annotations

import pytest
from dialogs_by_hand import to_canvas, when_modal
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from test_zh_canvas import chinese_folder, faces  # noqa: F401 - the fixture: a 行人 box, a 红绿灯 suggestion
from test_zh_visible_text import choose_item

from glancelabel.gui import i18n
from glancelabel.gui.canvas.items import TagItem

SC = "Noto Sans CJK SC"


@pytest.fixture
def simplified_font():
    if SC not in QFontDatabase.families():
        pytest.skip("Noto Sans CJK SC is not installed (Debian: fonts-noto-cjk)")


def test_english_draws_chinese_class_names_in_simplified_forms(
        driver, chinese_folder, qapp, qtbot, simplified_font):  # noqa: F811
    i18n.install(qapp, "en", QLocale("en_US"))
    w = driver.open(chinese_folder)  # on broken.jpg, the first
    driver.key(Qt.Key.Key_D)  # the next image
    driver.wait_image(driver.image_id("img1.jpg"))
    tags = [i for i in w.canvas.scene().items() if isinstance(i, TagItem)]
    assert sorted(t.text for t in tags) and all(t.isVisible() for t in tags)
    assert "行人" in "".join(t.text for t in tags) and "红绿灯" in "".join(t.text for t in tags)
    assert [faces("行人红绿灯直角", t.font) for t in tags] == [{SC}] * 2
    classes = w.labels_panel.list
    names = [classes.item(r).text() for r in range(classes.count())]
    assert any("行人" in n for n in names) and any("红绿灯" in n for n in names), names
    assert faces("行人红绿灯直角", classes.font()) == {SC}
    assert SC not in faces("Open folder", QGuiApplication.font())  # Latin keeps its own family

    seen = {}

    def read(dialog) -> None:
        seen["classes"] = dialog.classes.toPlainText()
        seen["faces"] = faces("行人红绿灯直角", dialog.classes.font())
        seen["latin"] = faces("cat", dialog.classes.font())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    to_canvas(driver)
    when_modal(qtbot, read)
    choose_item(w, qtbot, "prompt")
    qtbot.waitUntil(lambda: "faces" in seen, timeout=20_000)
    assert "行人" in seen["classes"] and "红绿灯" in seen["classes"], seen["classes"]
    assert seen["faces"] == {SC}
    assert SC not in seen["latin"]  # the fixed-width face draws Latin


def test_on_a_japanese_system_english_keeps_the_systems_forms(qapp, simplified_font):
    try:
        i18n.install(qapp, "en", QLocale("ja_JP"))
        kept = QGuiApplication.font().families()
        i18n.install(qapp, "zh_CN", QLocale("ja_JP"))  # Chinese chosen: Simplified forms
        chinese = faces("直角", QGuiApplication.font())
    finally:
        i18n.install(qapp, "en", QLocale("en_US"))
    assert SC not in kept
    assert chinese == {SC}
    assert faces("直角", QGuiApplication.font()) == {SC}
