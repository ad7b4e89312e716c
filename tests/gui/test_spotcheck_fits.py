"""The Spot-check panel in a window of an ordinary size (1360 x 820, the docs' screenshots):
every sentence shows in full, the per-class table shows its rows, and every button can be
reached, whatever the dock's height."""

from __future__ import annotations

from menu_driving import choose, when_modal
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion


def fully_shown(label: QLabel) -> bool:
    return not label.text() or label.height() >= label.heightForWidth(label.width())


def test_the_panel_fits_sentences_table_and_buttons(driver, qtbot, tmp_path):
    folder = tmp_path / "pets"
    folder.mkdir()
    for i in range(30):
        Image.new("RGB", (64, 48), (i * 8, 90, 160)).save(folder / f"p{i:02d}.jpg")
    w = driver.open(folder)
    w.resize(1360, 820)
    store = w.store
    store.add_labels(["cat", "dog", "bird"])
    ids = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("fake", "m")
    for n, image_id in enumerate(w.image_panel.model.ids()):
        name = ("cat", "dog", "bird")[n % 3]
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, name, ids[name],
                                                            Box(4, 4, 30, 20), 0.9)])
    w.image_panel.model.reload()

    def create(dialog):
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    when_modal(create)
    choose(w, qtbot, "Review", "Start spot-check…")
    qtbot.waitUntil(lambda: w.spot_check.active)
    panel = w.spot_check.panel
    # one sampled image reviewed: the per-class table has rows
    w.activateWindow()  # as the desktop does when the dialog closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
    driver.wait_image()
    driver.key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.status.summary.reviewed == 1)
    qtbot.wait(50)  # the dock is laid out again
    labels = [lab for lab in w.spot_check.dock.findChildren(QLabel) if lab.isVisible()
              and lab.wordWrap()]
    assert labels and all(fully_shown(lab) for lab in labels), [
        (lab.text(), lab.height(), lab.heightForWidth(lab.width())) for lab in labels
        if not fully_shown(lab)]
    table = panel.table
    assert table.rowCount() >= 1
    assert table.viewport().height() >= table.rowHeight(0) * min(table.rowCount(), 3)
    # a click in the table, then Tab reaches every button, each scrolled into view
    buttons = [b for b in w.spot_check.dock.findChildren(QPushButton) if b.isVisible()]
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(0, 0)).center())
    assert QApplication.focusWidget() is table
    seen = set()
    for _ in range(30):
        focus = QApplication.focusWidget()
        if isinstance(focus, QPushButton):
            seen.add(focus)
            assert focus.visibleRegion().boundingRect() == focus.rect(), focus.text()
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    # and Shift+Tab from the table the button above it
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(0, 0)).center())
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    seen.add(QApplication.focusWidget())
    assert {b for b in buttons if b.isEnabled()} <= seen
