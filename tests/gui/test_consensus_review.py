"""Reviewing after a two-model consensus, with the keyboard and the mouse: disputed suggestions
come first in the Suggestions list and under Enter, agreed ones are marked in the list and drawn
with a double outline, and what is accepted lands in the project."""

from __future__ import annotations

from PySide6.QtCore import Qt

from glancelabel.core.consensus.build import build_consensus
from glancelabel.core.model import Box, Kind, SuggestionState
from glancelabel.core.store.suggestions import NewSuggestion

K = Qt.Key


def consensus_on_img1(driver):
    store, w = driver.store, driver.window
    store.add_labels(["cat", "dog"])
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    image = driver.image_id("img1.jpg")
    a = store.create_run("anthropic", "claude-test")
    b = store.create_run("openai", "gpt-test")
    # both see the cat (IoU 0.9); only a sees a dog; only b sees a second cat
    a_ids = store.add_suggestions(a, image, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 100, 100), confidence=0.9),
        NewSuggestion(Kind.BOX, "dog", dog, Box(300, 200, 80, 80), confidence=0.7)])
    b_ids = store.add_suggestions(b, image, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(15, 10, 100, 100), confidence=0.6),
        NewSuggestion(Kind.BOX, "cat", cat, Box(450, 300, 60, 60), confidence=0.8)])
    result = build_consensus(store, a, b)
    agreed = [i for i, m in w.queue.marks(image).items() if m == "agreed"]
    w.labels_panel.reload()
    w.image_panel.model.reload()
    w.show_image(image)
    driver.wait_image(image)
    return result, a_ids, b_ids, agreed[0]


def rows(w):
    lst = w.review_panel.list
    return [lst.item(r).text().splitlines()[0] for r in range(lst.count())]


def test_disputed_first_agreed_marked_in_list_and_canvas(driver, folder):
    w = driver.open(folder)
    result, a_ids, b_ids, agreed = consensus_on_img1(driver)
    assert (result.agreed, result.disputed) == (1, 2)
    assert rows(w) == ["≠ disputed · dog  70%", "≠ disputed · cat  80%",
                       "✓✓ agreed · cat  75%"]
    assert "Both models agree: claude-test 90%, gpt-test 60%." in \
        w.review_panel.list.item(2).text()
    items = w.canvas.items_by_key
    assert items[("s", agreed)].spec.agreed and items[("s", agreed)].spec.text == "✓✓ cat 75%"
    assert not items[("s", a_ids[1])].spec.agreed and items[("s", a_ids[1])].spec.dashed
    # the two sources are hidden: neither drawn nor listed
    assert ("s", a_ids[0]) not in items and ("s", b_ids[0]) not in items
    # the image list counts the pending suggestions and, of them, the disputed ones
    model = w.image_panel.model
    row = model.index(model.row_of(driver.image_id("img1.jpg")))
    assert model.data(row).endswith("◌3  ≠2")
    assert "2 pending suggestions disputed by two models (reviewed first)" in \
        model.data(row, Qt.ItemDataRole.ToolTipRole)

    # Enter with nothing selected accepts the first disputed one and moves down the list
    driver.key(K.Key_Return)
    assert driver.store.suggestion(a_ids[1]).state == SuggestionState.ACCEPTED
    assert w.canvas.selected_key == ("s", b_ids[1])
    driver.key(K.Key_N)  # the second cat was not there
    assert driver.store.suggestion(b_ids[1]).state == SuggestionState.REJECTED
    assert w.canvas.selected_key == ("s", agreed)
    assert model.data(row).endswith("◌1")  # no disputed one left
    driver.key(K.Key_Return)
    s = driver.store.suggestion(agreed)
    assert s.state == SuggestionState.ACCEPTED
    ann = driver.store.annotation(s.annotation_id)
    # the fused box: corners weighted 0.9 : 0.6
    assert ann.box.x == 0.6 * 10 + 0.4 * 15 and ann.box.w == 100


def test_clicking_the_agreed_row_selects_its_box(driver, folder):
    w = driver.open(folder)
    _result, _a, _b, agreed = consensus_on_img1(driver)
    lst = w.review_panel.list
    rect = lst.visualItemRect(lst.item(2))
    driver.qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.canvas.selected_key == ("s", agreed)
    driver.key(K.Key_Y)
    assert driver.store.suggestion(agreed).state == SuggestionState.ACCEPTED


def test_a_spot_check_of_the_agreed_suggestions_from_the_review_menu(driver, folder):
    from menu_driving import choose, pick, when_modal
    from PySide6.QtWidgets import QDialogButtonBox

    w = driver.open(folder)
    consensus_on_img1(driver)
    seen: dict = {}

    def act(dialog) -> None:
        pick(driver.qtbot, dialog.only, "agreed")
        driver.qtbot.waitUntil(lambda: "of 1 image with suggestions" in dialog.estimate.text())
        seen["estimate"] = dialog.estimate.text()
        create = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        driver.qtbot.mouseClick(create, Qt.MouseButton.LeftButton)

    when_modal(act)
    choose(w, driver.qtbot, "Review", "Start spot-check…")
    assert seen["estimate"].startswith("1 of 1 image with suggestions will be sampled")
    audit = driver.store.audit_row(driver.store.latest_audit_id())
    assert audit["params"]["only"] == "agreed" and audit["params"]["population"] == 1


def test_consensus_of_two_runs_from_the_review_menu_and_its_undo(driver, folder):
    from dialogs_by_hand import to_canvas
    from menu_driving import choose, when_modal

    w = driver.open(folder)
    store = driver.store
    store.add_labels(["cat"])
    cat = store.label_by_name("cat").id
    image = driver.image_id("img1.jpg")
    a = store.create_run("anthropic", "claude-test")
    b = store.create_run("openai", "gpt-test")
    a_id = store.add_suggestions(a, image, [NewSuggestion(Kind.BOX, "cat", cat,
                                                          Box(10, 10, 100, 100), confidence=0.9)])
    store.add_suggestions(b, image, [NewSuggestion(Kind.BOX, "cat", cat, Box(40, 10, 100, 100),
                                                   confidence=0.9)])  # IoU 0.54
    w.labels_panel.reload()
    w.show_image(image)
    driver.wait_image(image)
    seen: dict = {}

    def act(dialog) -> None:
        qtbot = driver.qtbot
        seen["runs"] = (dialog.run_a.currentData(), dialog.run_b.currentData())
        dialog.iou.setFocus()
        qtbot.keyClick(dialog.iou, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.iou, "0.6")  # stricter than their overlap: both disputed
        qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)

    when_modal(act)
    choose(w, driver.qtbot, "Review", "Consensus of two runs…")
    assert seen["runs"] == (a, b)
    assert rows(w) == ["≠ disputed · cat  90%", "≠ disputed · cat  90%"]
    assert w.statusBar().currentMessage().startswith(
        f"Runs {a} and {b} agree on 0 suggestions over 1 image; 2 are disputed")
    to_canvas(driver)
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == (
        f"Undid: build the consensus of runs {a} and {b} (0 agreed suggestions).")
    assert rows(w) == ["cat  90%", "cat  90%"]
    assert store.suggestion(a_id[0]).state == SuggestionState.PENDING
    assert not any(store.q("SELECT 1 FROM suggestions WHERE consensus IS NOT NULL"))
