"""F1: how to review above the keys, the keys grouped by task (review keys first), a filter box
that narrows the rows as you type. Opened with F1 in the real window and typed into."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from glancelabel.gui import actions as actions_mod

K = Qt.Key


def run_help(driver, qtbot, steps) -> dict:
    """Press F1; when the dialog is up, call steps(dialog, seen) (which types into it), then
    close it with Esc. Returns what was seen."""
    seen: dict = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():  # (typing goes to the active window)
            QTimer.singleShot(10, answer)
            return
        try:
            steps(dialog, seen)
        finally:
            QTest.keyClick(dialog, K.Key_Escape)

    QTimer.singleShot(0, answer)
    driver.key(K.Key_F1)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    return seen


def test_f1_explains_the_review_loop_and_groups_the_keys(driver, folder, qtbot):
    driver.open(folder)

    def look(dialog, seen):
        seen["title"] = dialog.windowTitle()
        seen["intro"] = dialog.findChild(QLabel, "helpIntro").text()
        seen["groups"] = dialog.groups()
        seen["rows"] = dialog.texts()
        seen["focus_on_filter"] = QApplication.focusWidget() is dialog.filter_edit

    seen = run_help(driver, qtbot, look)
    intro = seen["intro"]
    for step in ("Ask", "Decide", "Space", "Spot-check", "Export"):
        assert step in intro
    assert intro.index("Ask") < intro.index("Decide") < intro.index("Spot-check") < intro.index("Export")
    assert ("1–9 or L on a selected suggestion changes its class only; dragging, resizing or nudging "
            "it changes its box only; it stays pending until Enter/Y accepts it as edited.") in intro
    assert ("An image is done only when you say so: Space, X or 0, or D/→ after you decided or "
            "edited something on it with nothing left pending.") in intro
    assert seen["groups"] == ["Review", "Draw", "Navigate", "Project"]
    rows = seen["rows"]
    assert rows[0][:2] == ("Review", "Accept suggestion") and "Y" in rows[0][2]
    assert [r[1] for r in rows[:4]] == ["Accept suggestion", "Reject suggestion",
                                        "Accept all shown, next image", "Reject all shown, next image"]
    assert ("Review", "Exclude / include this image", "E") in rows
    assert ("Draw", "Draw a box", "W") in rows
    assert ("Navigate", "First image", "Home") in rows
    assert ("Navigate", "Search the image list", "Ctrl+F") in rows
    assert ("Project", "Reset layout", "") in rows
    assert any(r[0] == "Review" and r[2] == "K" for r in rows)  # K: extend the spot-check sample
    # the groups come in one block each
    groups = [r[0] for r in rows]
    assert groups == sorted(groups, key=["Review", "Draw", "Navigate", "Project"].index)
    assert seen["focus_on_filter"]


def test_every_row_of_the_action_table_lands_in_a_group():
    rows = actions_mod.help_rows({})
    assert {r[0] for r in rows} == set(actions_mod.GROUPS)
    # a row added without a group takes its menu's task (e.g. K in the Review menu)
    for spec in actions_mod.ACTIONS:
        assert actions_mod.group_of(spec) in actions_mod.GROUPS


def test_the_filter_box_narrows_the_rows_as_you_type(driver, folder, qtbot):
    driver.open(folder)

    def type_into(dialog, seen):
        box = QApplication.focusWidget()
        QTest.keyClicks(box, "space")
        seen["space"] = dialog.texts()
        seen["space_groups"] = dialog.groups()
        QTest.keyClick(box, K.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(box, "zoom in")
        seen["zoom"] = dialog.texts()
        QTest.keyClicks(box, "zzz")
        seen["nothing"] = dialog.texts()
        seen["nothing_says"] = dialog.empty.isVisible() and dialog.empty.text()
        QTest.keyClick(box, K.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(box, K.Key_Backspace)
        seen["all"] = dialog.texts()

    seen = run_help(driver, qtbot, type_into)
    assert seen["space"] and all("space" in " ".join(r).lower() for r in seen["space"])
    assert ("Review", "Accept all shown, next image", "Space") in seen["space"]
    assert seen["space_groups"] == ["Review"]
    assert [r[1] for r in seen["zoom"]] == ["Zoom in"]
    assert seen["nothing"] == [] and seen["nothing_says"] == "No key matches the filter."
    assert len(seen["all"]) == len(actions_mod.help_rows({}))
