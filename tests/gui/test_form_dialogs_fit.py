"""The short forms opened from the Review menu (Consensus of two runs…, Start spot-check…) are
as large as their contents: no strip is left empty below the buttons (a window manager draws a
resize handle under a resizable window, which read as an empty frame), no empty line takes room
above them, and a problem sentence, once there is one, shows in full."""

from __future__ import annotations

from menu_driving import choose, pick, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion


def two_runs(driver) -> None:
    store = driver.store
    store.add_labels(["cat"])
    cat = store.label_by_name("cat").id
    image = driver.image_id("img1.jpg")
    for provider in ("anthropic", "openai"):
        run = store.create_run(provider, "m")
        store.add_suggestions(run, image, [NewSuggestion(Kind.BOX, "cat", cat,
                                                         Box(10, 10, 100, 100), confidence=0.9)])


def look(dialog, problem) -> dict:
    buttons = dialog.findChild(QDialogButtonBox)
    return dict(fixed=dialog.minimumSize() == dialog.maximumSize() == dialog.size(),
                problem_shown=problem.isVisible(),
                below_buttons=dialog.height() - buttons.geometry().bottom(),
                margin=dialog.layout().contentsMargins().bottom())


def test_consensus_dialog_fits_and_shows_a_problem_in_full(driver, folder):
    w = driver.open(folder)
    two_runs(driver)
    seen: dict = {}

    def act(dialog) -> None:
        qtbot = driver.qtbot
        seen["before"] = look(dialog, dialog.problem)
        pick(qtbot, dialog.run_b, dialog.run_a.currentData())  # both runs the same: refused
        qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.problem.isVisible())
        seen["after"] = look(dialog, dialog.problem)
        seen["text"] = dialog.problem.text()
        seen["fits"] = dialog.problem.height() >= dialog.problem.heightForWidth(
            dialog.problem.width())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(act)
    choose(w, driver.qtbot, "Review", "Consensus of two runs…")
    before, after = seen["before"], seen["after"]
    assert before["fixed"] and after["fixed"]
    assert not before["problem_shown"] and after["problem_shown"]
    assert before["below_buttons"] <= before["margin"] + 1  # nothing below the buttons
    assert seen["text"] == "Choose two different runs (both were run 1)."
    assert seen["fits"]


def test_new_spot_check_dialog_fits(driver, folder):
    w = driver.open(folder)
    two_runs(driver)
    seen: dict = {}

    def act(dialog) -> None:
        seen.update(look(dialog, dialog.error))
        driver.qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(act)
    choose(w, driver.qtbot, "Review", "Start spot-check…")
    assert seen["fixed"]
    assert not seen["problem_shown"]
    assert seen["below_buttons"] <= seen["margin"] + 1
