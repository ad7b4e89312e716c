"""The View menu lists every panel (checkable, docks made later too) and resets the layout.

Driven like a person: the menu is opened with a click on the menu bar (or Alt+V) and its entries
are clicked."""

from __future__ import annotations

from menu_driving import click_entry, entries, open_menu
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu

from glancelabel.core.app import settings as settings_mod

LEFT = Qt.MouseButton.LeftButton


def dock(window, name: str) -> QDockWidget:
    return window.findChild(QDockWidget, f"dock_{name}")


def test_view_menu_lists_every_panel_and_brings_a_closed_one_back(driver, folder, qtbot):
    w = driver.open(folder)
    menu = open_menu(qtbot, w, "View")
    shown = entries(menu)
    for title in ("Images", "Classes", "Suggestions", "Annotations", "Toolbar", "Reset layout"):
        assert title in shown, f"{title} is not in the View menu: {list(shown)}"
    assert shown["Classes"].isCheckable() and shown["Classes"].isChecked()
    click_entry(qtbot, menu, "Classes")  # close the Classes panel from the menu
    assert not dock(w, "labels").isVisible()

    menu = open_menu(qtbot, w, "View")
    assert not entries(menu)["Classes"].isChecked()
    click_entry(qtbot, menu, "Classes")
    assert dock(w, "labels").isVisible()

    # a panel closed with its own close button is found in the View menu, unchecked
    suggestions = dock(w, "review")
    suggestions.close()
    menu = open_menu(qtbot, w, "View")
    assert not entries(menu)["Suggestions"].isChecked()
    click_entry(qtbot, menu, "Suggestions")
    assert suggestions.isVisible()


def test_docks_made_later_are_listed_too(driver, folder, qtbot):
    w = driver.open(folder)
    assert dock(w, "batch") is None  # the Batch progress dock is made on first use
    review = open_menu(qtbot, w, "Review")
    click_entry(qtbot, review, "Batch progress")
    qtbot.waitUntil(lambda: dock(w, "batch") is not None and dock(w, "batch").isVisible())
    title = dock(w, "batch").windowTitle()

    menu = open_menu(qtbot, w, "View")
    assert entries(menu)[title].isChecked()
    click_entry(qtbot, menu, title)
    assert not dock(w, "batch").isVisible()
    menu = open_menu(qtbot, w, "View")
    assert not entries(menu)[title].isChecked()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_reset_layout_shows_the_main_panels_and_replaces_the_saved_layout(driver, folder, qtbot):
    w = driver.open(folder)
    for title in ("Classes", "Annotations"):
        menu = open_menu(qtbot, w, "View")
        click_entry(qtbot, menu, title)
    dock(w, "review").setFloating(True)  # (the title bar's float button)
    assert not dock(w, "labels").isVisible() and not dock(w, "annotations").isVisible()
    driver.close()  # the layout is saved: Classes and Annotations stay closed

    w = driver.open(folder)
    assert not dock(w, "labels").isVisible() and not dock(w, "annotations").isVisible()
    assert dock(w, "review").isFloating()
    menu = open_menu(qtbot, w, "View")
    assert not entries(menu)["Classes"].isChecked()
    click_entry(qtbot, menu, "Reset layout")

    for name in ("images", "labels", "review", "annotations"):
        d = dock(w, name)
        assert d.isVisible() and not d.isFloating(), name
    assert not w.tabifiedDockWidgets(dock(w, "review"))
    for name in ("images", "annotations"):
        assert w.dockWidgetArea(dock(w, name)) == Qt.DockWidgetArea.LeftDockWidgetArea
    for name in ("labels", "review"):
        assert w.dockWidgetArea(dock(w, name)) == Qt.DockWidgetArea.RightDockWidgetArea
    # the Annotations panel is below the image list, which keeps most of the height
    assert dock(w, "annotations").y() > dock(w, "images").y()
    assert dock(w, "images").height() > dock(w, "annotations").height()
    assert "Layout reset" in w.statusBar().currentMessage()
    # the saved layout was replaced at once (not only on close)
    assert settings_mod.load().window_state == w.settings.window_state
    menu = open_menu(qtbot, w, "View")
    assert entries(menu)["Classes"].isChecked()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    driver.close()

    w = driver.open(folder)
    for name in ("images", "labels", "review", "annotations"):
        assert dock(w, name).isVisible() and not dock(w, name).isFloating(), name


def test_view_menu_opens_with_alt_v(driver, folder, qtbot):
    w = driver.open(folder)
    qtbot.keyClick(w, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert "Annotations" in entries(menu)
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_reset_layout_puts_a_later_panel_back_in_its_place(driver, folder, qtbot):
    w = driver.open(folder)
    review = open_menu(qtbot, w, "Review")
    click_entry(qtbot, review, "Batch progress")
    qtbot.waitUntil(lambda: dock(w, "batch") is not None and dock(w, "batch").isVisible())
    batch = dock(w, "batch")
    area = w.dockWidgetArea(batch)
    batch.setFloating(True)  # (the title bar's float button)
    menu = open_menu(qtbot, w, "View")
    click_entry(qtbot, menu, "Reset layout")
    assert batch.isVisible() and not batch.isFloating()
    assert w.dockWidgetArea(batch) == area
    for name in ("images", "labels", "review", "annotations"):
        assert dock(w, name).isVisible(), name
