"""The Export dialog as a person uses it, in Chinese: every class unticked with the keyboard
says why Export is off, in Chinese; after an export, changing the format takes away "Done." and
the summary of the export before (they read as if the new choice had been exported)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_export_dialog import open_dialog, project  # noqa: F401  (the fixture)

from glancelabel.gui import i18n

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def untick_all(qtbot, dialog) -> None:
    """Each class unticked with Space, walking the list with Down."""
    classes = dialog.classes
    qtbot.mouseClick(classes.viewport(), LEFT, pos=classes.visualItemRect(classes.item(0)).center())
    for i in range(classes.count()):
        if classes.item(i).checkState() == Qt.CheckState.Checked:
            qtbot.keyClick(classes, K.Key_Space)
        qtbot.keyClick(classes, K.Key_Down)


def test_no_class_ticked_is_said_in_chinese(qtbot, qapp, project, tmp_path):  # noqa: F811
    store, folder = project
    i18n.install(qapp, "zh_CN")
    try:
        dialog = open_dialog(qtbot, store, folder)
        dialog.show()
        qtbot.waitExposed(dialog)
        untick_all(qtbot, dialog)
        assert dialog.classes.chosen() == ()
        assert dialog.problem.text() == "请至少选择一个类别。"
        assert dialog.problem.isVisible() and not dialog.export_button.isEnabled()
    finally:
        i18n.install(qapp, "en")


def test_a_new_choice_after_an_export_takes_done_away(qtbot, project, tmp_path):  # noqa: F811
    store, folder = project
    dialog = open_dialog(qtbot, store, folder)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
    assert dialog.stage.text() == "Done."
    assert dialog.summary_text.isVisible() and "photos-coco.json" in dialog.summary_text.toPlainText()
    dialog.format.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.format)
    qtbot.keyClick(dialog.format, K.Key_Down)  # YOLO detection
    assert dialog.plan.format == "yolo"
    assert dialog.stage.text() == "" and not dialog.summary_text.isVisible()
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
    assert dialog.stage.text() == "Done." and "photos-yolo" in dialog.summary_text.toPlainText()
