"""The dialogs by keys alone: Tab reaches their controls and leaves their tables, Enter and the
arrows work the controls, Esc closes them, and the window's keys go to the canvas afterwards."""

from __future__ import annotations

import pytest
from dialogs_by_hand import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QKeySequenceEdit, QPushButton

from glancelabel.core.app import settings as settings_mod

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.timeout(60)  # (a dialog nobody answers: a failure, not a hang)


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_a_shortcut_is_changed_by_keys_and_tab_leaves_the_table(driver, folder, qtbot):
    """Settings > Shortcuts: Tab went from the table into the first key editor, which takes Tab as
    the new key (refused: Tab is Next box) and so kept the keys there; now the table is one Tab
    stop, Enter on a row edits its key, and the keys come back to the table."""
    w = driver.open(folder)
    seen = {}

    def use(dialog) -> None:
        _press(qtbot, K.Key_Tab, CTRL)  # the Shortcuts page
        table = dialog.shortcuts.table
        for _ in range(6):
            if QApplication.focusWidget() is table:
                break
            _press(qtbot, K.Key_Tab)
        seen["table"] = QApplication.focusWidget() is table
        _press(qtbot, K.Key_Home)
        _press(qtbot, K.Key_Down)  # Open sample folder: no key yet
        _press(qtbot, K.Key_Return)
        edit = QApplication.focusWidget()
        seen["editor"] = isinstance(edit, QKeySequenceEdit) and table.cellWidget(1, 1) is edit
        _press(qtbot, K.Key_F7)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        seen["row"] = table.currentRow()
        _press(qtbot, K.Key_Tab)
        button = QApplication.focusWidget()
        seen["after"] = button.text() if isinstance(button, QPushButton) else type(button).__name__
        _press(qtbot, K.Key_Escape)

    when_modal(qtbot, use)
    driver.key(K.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert seen == {"table": True, "editor": True, "row": 1, "after": "Restore default shortcuts"}
    assert settings_mod.load().shortcuts == {"open_sample": "F7"}
    assert w.actions_by_id["open_sample"].shortcut().toString() == "F7"


def test_about_tab_leaves_the_components_table_for_the_buttons(driver, folder, qtbot):
    """Help > About: Tab walked the components table cell by cell and never reached the Open
    folder and Close buttons; Enter on Close closes it."""
    w = driver.open(folder)
    seen = []

    def use(dialog) -> None:
        for _ in range(8):
            focus = QApplication.focusWidget()
            seen.append(focus.text() if isinstance(focus, QPushButton) else focus.objectName())
            if seen[-1] == "Close":
                break
            _press(qtbot, K.Key_Tab)
        _press(qtbot, K.Key_Return if seen[-1] == "Close" else K.Key_Escape)

    when_modal(qtbot, use)
    w.actions_by_id["about"].trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert seen[0] == "aboutComponents"
    assert seen[-1] == "Close" and "Open folder" in seen


def test_esc_in_the_prompt_dialog_asks_before_dropping_typed_instructions(driver, folder, qtbot):
    """Review > Prompt…: instructions typed, then Esc: they were dropped without a word. Now Esc
    asks; Enter (Save, the default) keeps them; unchanged, Esc just closes."""
    from glancelabel.core.suggest.ask import INSTRUCTIONS_META_KEY

    w = driver.open(folder)
    asked = []

    def answer_save(box) -> None:
        asked.append(box.text())
        _press(qtbot, K.Key_Return)

    def type_then_esc(dialog) -> None:
        dialog.instructions.setFocus()
        qtbot.keyClicks(dialog.instructions, "Label only cats.")
        when_modal(qtbot, answer_save)
        _press(qtbot, K.Key_Escape)

    when_modal(qtbot, type_then_esc)
    w.actions_by_id["prompt"].trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert asked == ["The instructions were changed. Save them for this project?"]
    assert driver.store.get_meta(INSTRUCTIONS_META_KEY, "") == "Label only cats."

    when_modal(qtbot, lambda dialog: _press(qtbot, K.Key_Escape))  # nothing changed: no question
    w.actions_by_id["prompt"].trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert len(asked) == 1


def test_the_team_fields_are_named_in_the_interface_language(qapp):
    """A screen reader read the team page's two fields in English whatever the language."""
    from lang_kit import language

    from glancelabel.gui.dialogs.team_page import TeamPage

    with language(qapp, "zh_CN"):
        page = TeamPage()
        names = (page.url_edit.accessibleName(), page.token_edit.accessibleName())
        page.deleteLater()
    assert names == ("Label Studio 网址", "访问令牌")
