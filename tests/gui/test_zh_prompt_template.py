"""Review → Prompt…: the Simplified Chinese instructions template, chosen with the mouse and keys
and saved, is what the next question to the model carries; English stays the default."""

from __future__ import annotations

from menu_driving import pick
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from glancelabel.core.providers.prompt import build_prompt, default_instructions
from glancelabel.core.providers.templates import instruction_template
from glancelabel.core.suggest.ask import INSTRUCTIONS_META_KEY


def test_chinese_template_fills_the_editor_and_is_saved(driver, folder, qtbot):
    from glancelabel.gui.dialogs.prompt import PromptDialog

    w = driver.open(folder)
    store = driver.store
    store.add_labels(["行人", "红绿灯"])
    p = w.settings.provider
    p.provider, p.model, p.base_url = "anthropic", "claude-haiku-4-5", "http://127.0.0.1:9"
    dialog = PromptDialog(store, w.settings, store.image_by_relpath("img1.jpg"), w)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.template.currentData() == "en" and dialog.instructions_text() == ""
    pick(qtbot, dialog.template, "zh_CN")
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Use this template")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    chinese = instruction_template("zh_CN")
    assert dialog.instructions_text() == chinese and "类别名称必须与列表中写法完全一致" in chinese
    dialog.save_and_close()
    assert store.get_meta(INSTRUCTIONS_META_KEY, "") == chinese
    parts = build_prompt(dialog.class_specs, chinese, "pixels", (100, 80))
    assert chinese in parts.shared and "行人" in parts.shared
    # the default is unchanged: English
    assert instruction_template("en") == default_instructions()
    assert build_prompt(dialog.class_specs, "", "pixels", (100, 80)).shared.count(
        default_instructions()) == 1
