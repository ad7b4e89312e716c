"""Entering a spot-check, the image list shows only the sample, so it keeps the height its rows
need and the spot-check dock below it takes the rest (it got about a third of the column, its
figures cut off below the fold)."""

from __future__ import annotations

from dialogs_by_hand import click_button, when_modal
from menu_driving import choose
from PySide6.QtWidgets import QDockWidget, QScrollArea


def test_the_spot_check_dock_gets_the_room_the_short_list_leaves(driver, project_folder):
    w = driver.open(project_folder)
    qtbot = driver.qtbot
    w.resize(1360, 820)
    images = w.findChild(QDockWidget, "dock_images")
    qtbot.waitUntil(lambda: images.height() > 500)
    when_modal(qtbot, lambda dialog: (click_button(qtbot, dialog), qtbot.waitUntil(
        lambda: not dialog.isVisible(), timeout=20_000)))
    choose(w, qtbot, "Review", "Start spot-check…")
    qtbot.waitUntil(lambda: w.spot_check.active, timeout=20_000)
    dock = w.findChild(QDockWidget, "dock_spotcheck")
    scroll = dock.findChild(QScrollArea, "spotCheckScroll")
    view = w.image_panel.view
    qtbot.waitUntil(lambda: dock.height() > 0 and view.viewport().height() > 0)
    column = dock.height() + images.height()
    qtbot.waitUntil(lambda: dock.height() >= 0.7 * column)
    # the sample's rows (here one) still show in full
    last = view.visualRect(view.model().index(view.model().rowCount() - 1, 0))
    assert view.model().rowCount() >= 1 and last.bottom() <= view.viewport().height()
    assert scroll.verticalScrollBar().maximum() < scroll.widget().sizeHint().height() // 2
