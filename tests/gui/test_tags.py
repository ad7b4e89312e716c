"""Image-level tags: T with the class picker, Shift+1…9 toggles, chips that remove, undo, and
tag suggestions accepted or rejected from the review panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from glancelabel.core.model import Kind, ReviewState, SuggestionState
from glancelabel.core.store.suggestions import NewSuggestion

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def tagging(driver, folder):
    w = driver.open(folder)
    store = driver.store
    store.add_labels(["cat", "dog", "outdoor"])
    w.labels_panel.reload()
    img1 = driver.image_id("img1.jpg")
    w.show_image(img1)
    driver.wait_image(img1)
    ids = {name: store.label_by_name(name).id for name in ("cat", "dog", "outdoor")}
    return driver, img1, ids


def tags(store, image_id):
    return sorted(a.label_id for a in store.annotations(image_id) if a.kind is Kind.TAG)


def test_t_picks_a_class_and_shift_digits_toggle_tags_with_undo(tagging, qtbot):
    d, img1, ids = tagging
    w, store = d.window, d.store
    seen = []

    def pick():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle())
        dialog.activateWindow()
        dialog.search.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search)
        qtbot.keyClicks(dialog.search, "outd")
        qtbot.keyClick(dialog.search, K.Key_Return)

    QTimer.singleShot(0, pick)
    d.key(K.Key_T)
    assert seen == ["Tag this image"]
    assert tags(store, img1) == [ids["outdoor"]]
    assert store.image(img1).review_state == ReviewState.NEW  # done only when the person says so
    assert w.tags_panel.tags() == [(ids["outdoor"], "outdoor")]
    assert not w.tags_panel.empty.isVisible()
    w.activateWindow()  # the picker is gone: the window and its canvas have the keys again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)

    d.key(K.Key_1, SHIFT)  # class 1 = cat: tag on
    assert tags(store, img1) == sorted([ids["outdoor"], ids["cat"]])
    assert [name for _i, name in w.tags_panel.tags()] == ["outdoor", "cat"]
    d.key(K.Key_1, SHIFT)  # and off again
    assert tags(store, img1) == [ids["outdoor"]]
    d.key(K.Key_Z, CTRL)  # undo the removal
    assert tags(store, img1) == sorted([ids["outdoor"], ids["cat"]])
    assert ids["cat"] in dict(w.tags_panel.tags())
    d.key(K.Key_Z, CTRL)  # undo the adding
    d.key(K.Key_Z, CTRL)  # undo the T tag
    assert tags(store, img1) == []
    assert w.tags_panel.tags() == []
    d.key(K.Key_Z, CTRL | SHIFT)  # redo the T tag
    assert tags(store, img1) == [ids["outdoor"]]
    # boxes are untouched by any of it
    assert [a for a in store.annotations(img1) if a.kind is Kind.BOX] == []


def test_chip_removes_its_tag_and_undo_brings_it_back(tagging, qtbot):
    d, img1, ids = tagging
    w, store = d.window, d.store
    d.key(K.Key_2, SHIFT)
    chip = w.tags_panel.chips[ids["dog"]]
    assert chip.text().startswith("dog")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert tags(store, img1) == []
    assert w.tags_panel.chips == {}
    assert QApplication.focusWidget() is w.canvas  # keys go on working
    d.key(K.Key_Z, CTRL)
    assert tags(store, img1) == [ids["dog"]]
    # tags belong to their image
    d.key(K.Key_D)
    d.wait_image()
    assert w.tags_panel.tags() == []
    d.key(K.Key_A)
    d.wait_image(img1)
    assert [name for _i, name in w.tags_panel.tags()] == ["dog"]


def test_shift_digit_without_that_class_says_so(tagging):
    d, img1, ids = tagging
    said = []
    d.window.say = said.append
    d.key(K.Key_7, SHIFT)
    assert said and "no class 7" in said[0]
    assert tags(d.store, img1) == []


def test_tag_suggestions_are_accepted_or_rejected_and_shown_as_tags(tagging):
    d, img1, ids = tagging
    w, store = d.window, d.store
    run = store.create_run("anthropic", "claude-test")
    s_dog, s_cat = store.add_suggestions(run, img1, [
        NewSuggestion(Kind.TAG, "dog", ids["dog"], None, None, 0.8, "A dog is in view."),
        NewSuggestion(Kind.TAG, "cat", ids["cat"], None, None, 0.7, "Maybe a cat."),
    ])
    w.refresh_boxes()
    panel = w.review_panel
    assert panel.keys() == [("s", s_dog), ("s", s_cat)]
    assert panel.list.item(0).text().startswith("image tag: dog  80%")
    panel.list.setCurrentRow(0)
    w.canvas.setFocus()
    d.key(K.Key_Return)
    assert store.suggestion(s_dog).state == SuggestionState.ACCEPTED
    assert tags(store, img1) == [ids["dog"]]
    assert w.tags_panel.tags() == [(ids["dog"], "dog")]
    d.key(K.Key_N)  # the next pending one: the cat tag
    assert store.suggestion(s_cat).state == SuggestionState.REJECTED
    assert tags(store, img1) == [ids["dog"]]
    # removing the accepted tag's chip counts its suggestion as rejected after all; undo restores
    w.reviewing.remove_tags([a.id for a in store.annotations(img1) if a.kind is Kind.TAG])
    assert store.suggestion(s_dog).state == SuggestionState.REJECTED
    d.key(K.Key_Z, CTRL)
    assert store.suggestion(s_dog).state == SuggestionState.ACCEPTED
    assert w.tags_panel.tags() == [(ids["dog"], "dog")]
