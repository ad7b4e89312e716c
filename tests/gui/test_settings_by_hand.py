"""File → Settings… (Ctrl+,) from the window: the AI provider page leaves no empty gap where a
model note would go when there is none (the empty note kept its row: a blank line between Model
and Base URL), for each provider chosen with the mouse and arrow keys."""

from __future__ import annotations

import pytest
from menu_driving import pick, when_modal
from PySide6.QtCore import QPoint, Qt

pytestmark = pytest.mark.timeout(120)


def test_no_empty_row_between_model_and_base_url(driver, folder, qtbot):
    driver.open(folder)
    seen = {}

    def use(dialog) -> None:
        page = dialog.provider
        for name in ("openai_compat", "openai", "anthropic"):
            pick(qtbot, page.provider_box, name)
            qtbot.wait(20)
            below_model = page.model_box.mapTo(dialog, QPoint(0, page.model_box.height())).y()
            base_url_top = page.base_url.mapTo(dialog, QPoint(0, 0)).y()
            seen[name] = (page.model_note.text(), page.model_note.isVisible(), base_url_top - below_model)

    state = when_modal(use)
    driver.key(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert "dialog" in state and len(seen) == 3
    for name, (text, visible, gap) in seen.items():
        assert text == "" and not visible, name
        assert gap <= 12, f"{name}: {gap} px of nothing between the model and the base URL"
