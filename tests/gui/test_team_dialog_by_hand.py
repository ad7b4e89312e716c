"""File → Team server (Label Studio)… through the menu bar: its explanation sits right below the
fields (the dialog was made taller than its contents and the extra height showed as an empty band
above the text), and Push with no project named says so in the same place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from test_zh_visible_text import choose_item

pytestmark = pytest.mark.timeout(120)


def gap(dialog) -> int:
    below_fields = dialog.root_edit.mapTo(dialog, QPoint(0, dialog.root_edit.height())).y()
    return dialog.message.mapTo(dialog, QPoint(0, 0)).y() - below_fields


def test_the_explanation_follows_the_fields(driver, folder, qtbot):
    w = driver.open(folder)
    choose_item(w, qtbot, "team")  # (a window of its own, not modal)
    qtbot.waitUntil(lambda: w.team.dialog is not None and w.team.dialog.isVisible())
    dialog = w.team.dialog
    qtbot.waitExposed(dialog)
    assert gap(dialog) <= 16, f"{gap(dialog)} px of nothing above {dialog.message.text()[:30]!r}…"
    assert dialog.message.text().startswith("Push sends each image as a task")
    qtbot.mouseClick(dialog.push_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Name the Label Studio project first." and gap(dialog) <= 16
    dialog.close()
