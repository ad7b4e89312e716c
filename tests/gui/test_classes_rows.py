"""The Classes panel's rows, with the app's style sheet (as `glancelabel` starts), lie one below
the other: each starts where the one above ends. They were laid out before the style sheet's
padding came and stayed 16 px apart while each was 22 px high, overlapping, until a reload (a new
class, a mapping) spread them out: the list changed its look under the person's eyes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from glancelabel.gui import icons

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def styled(qapp):
    qapp.setStyleSheet(icons.stylesheet())  # what make_qapp's theme does
    yield
    qapp.setStyleSheet("")


def row_steps(view) -> list[tuple[int, int]]:
    """(distance to the next row's top, this row's height) for each row but the last."""
    rects = [view.visualItemRect(view.item(i)) for i in range(view.count())]
    return [(b.top() - a.top(), a.height()) for a, b in zip(rects, rects[1:], strict=False)]


def test_class_rows_do_not_overlap_from_the_start(driver, project_folder, qtbot, styled):
    w = driver.open(project_folder)
    view = w.labels_panel.list
    qtbot.waitUntil(lambda: view.count() == 3)
    steps = row_steps(view)
    assert steps and all(step == height for step, height in steps), steps
    assert steps[0][1] > view.fontMetrics().height() + 4  # (the style sheet's padding is in)
    # a click on the middle of the second row picks that row
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(view.item(1)).center())
    assert view.currentRow() == 1
    shown = row_steps(view)
    assert shown == steps  # (and nothing moves afterwards)
