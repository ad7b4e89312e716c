"""When an image is done, and what Space, X, D, 0 and Ctrl+Z say: keys and mouse only, checked
against what the window shows and what the project file holds."""

from __future__ import annotations

import pytest
from dialogs_by_hand import click_button, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from review_kit import store_suggestions

from glancelabel.core.model import Box, ReviewState, SuggestionState

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project(driver, folder):
    """cat and dog are classes; img1 has a cat, a dog and two suggestions with labels that are no
    class ('fox', twice), img2 only 'zebra' and 'fox' ones, img4 one dog."""
    driver.open(folder)
    store = driver.store
    store.add_labels(["cat", "dog"])
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    ids = store_suggestions(driver, {
        "img1.jpg": [("cat", cat, 0.9, Box(10, 10, 50, 50)), ("dog", dog, 0.9, Box(100, 100, 60, 60)),
                     ("fox", None, 0.9, Box(300, 200, 40, 40)),
                     ("fox", None, 0.9, Box(400, 300, 40, 40))],
        "img2.png": [("zebra", None, 0.9, Box(5, 5, 30, 30)), ("fox", None, 0.9, Box(50, 50, 30, 30))],
        "img4.jpg": [("dog", dog, 0.9, Box(50, 50, 100, 100))],
    })
    return driver, ids, cat, dog


def go_to(d, relpath):
    d.window.show_image(d.image_id(relpath))
    d.wait_image(d.image_id(relpath))


def status(d) -> str:
    return d.window.statusBar().currentMessage()


def test_space_with_only_unknown_labels_accepts_none_says_so_and_stays(project):
    d, ids, cat, dog = project
    go_to(d, "img2.png")
    img2 = d.image_id("img2.png")
    d.key(K.Key_Space)
    assert status(d) == "Accepted 0 of 2: 'zebra' and 'fox' are not classes yet — M maps them."
    assert d.window.current_id == img2  # does not move on
    assert d.store.image(img2).review_state == ReviewState.NEW  # not done
    assert all(d.store.suggestion(s).state == SuggestionState.PENDING for s in ids["img2.png"])
    assert d.window.canvas.selected_key == ("s", ids["img2.png"][0])


def test_space_accepts_what_it_can_and_finishes_only_when_nothing_stays_pending(project):
    d, ids, cat, dog = project
    w, store = d.window, d.store
    go_to(d, "img1.jpg")
    img1 = d.image_id("img1.jpg")
    a, b, fox1, fox2 = ids["img1.jpg"]
    d.key(K.Key_Space)
    assert status(d) == "Accepted 2 of 4: 'fox' is not a class yet — M maps it."
    assert store.suggestion(a).state == store.suggestion(b).state == SuggestionState.ACCEPTED
    assert store.suggestion(fox1).state == SuggestionState.PENDING
    assert w.current_id == img1 and store.image(img1).review_state == ReviewState.NEW
    assert w.actions_by_id["undo"].text() == "Undo: accept 2 suggestions on img1.jpg"
    # M on the selected 'fox': the real dialog, plain text (no symbol a font may lack)
    seen = []

    def choose_new_class(dialog):
        combo = dialog.findChild(QComboBox)
        texts = [combo.itemText(i) for i in range(combo.count())]
        assert texts[0] == "Add “fox” as a new class"
        assert "for this and every later answer" in dialog.labelText()
        assert all(ch.isprintable() and ord(ch) < 0x2190 for t in texts for ch in t)
        click_button(d.qtbot, dialog)

    when_modal(d.qtbot, choose_new_class, seen)
    d.key(K.Key_M)
    assert seen and store.label_by_name("fox") is not None
    d.qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)  # keys go on reviewing
    d.key(K.Key_Space)  # now everything can be accepted: done, and on to the next image
    assert store.suggestion(fox2).state == SuggestionState.ACCEPTED
    assert store.image(img1).review_state == ReviewState.DONE
    assert w.current_id == d.image_id("img2.png")
    assert status(d) == "Accepted 2 suggestions; image done."
    assert w.actions_by_id["undo"].text() == "Undo: accept 2 suggestions on img1.jpg and mark it done"


def test_x_says_what_it_rejected_and_undo_names_it(project):
    d, ids, cat, dog = project
    w = d.window
    go_to(d, "img4.jpg")
    d.key(K.Key_X)
    assert d.store.suggestion(ids["img4.jpg"][0]).state == SuggestionState.REJECTED
    assert d.store.image(d.image_id("img4.jpg")).review_state == ReviewState.DONE
    assert status(d).startswith("Rejected 1 suggestion; image done.")
    assert w.actions_by_id["undo"].text() == "Undo: reject 'dog' on img4.jpg and mark it done"
    d.key(K.Key_Z, CTRL)
    assert status(d) == "Undid: reject 'dog' on img4.jpg and mark it done."
    assert d.store.image(d.image_id("img4.jpg")).review_state == ReviewState.NEW
    assert w.actions_by_id["redo"].text() == "Redo: reject 'dog' on img4.jpg and mark it done"


def draw_on_img3(d) -> int:
    """Go to img3.jpg and draw a box on it (W, then a drag); returns the image's id."""
    go_to(d, "img3.jpg")
    d.key(K.Key_W)
    d.drag(20, 20, 120, 150)
    return d.image_id("img3.jpg")


def test_draw_then_d_marks_the_image_done(project):
    d, ids, cat, dog = project
    w, store = d.window, d.store
    img3 = draw_on_img3(d)
    assert store.image(img3).review_state == ReviewState.NEW  # drawing alone: not done
    assert [a.label_id for a in store.annotations(img3)] == [cat]
    d.key(K.Key_D)
    assert w.current_id == d.image_id("img4.jpg")
    assert store.image(img3).review_state == ReviewState.DONE
    assert status(d) == "Marked img3.jpg done."
    assert w.actions_by_id["undo"].text() == "Undo: mark img3.jpg done"
    d.key(K.Key_Z, CTRL)
    assert store.image(img3).review_state == ReviewState.NEW
    assert status(d) == "Undid: mark img3.jpg done."
    assert w.current_id == img3


def test_an_edit_left_by_a_click_in_the_list_does_not_make_d_finish_it_later(project, qtbot):
    d, ids, cat, dog = project
    w, store = d.window, d.store
    img3 = draw_on_img3(d)
    view = w.image_panel.view
    for relpath in ("img4.jpg", "img3.jpg"):  # away by a click in the list, and back
        row = w.image_panel.model.row_of(d.image_id(relpath))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(w.image_panel.model.index(row)).center())
        d.wait_image(d.image_id(relpath))
    w.canvas.setFocus()
    d.key(K.Key_D)
    assert w.current_id == d.image_id("img4.jpg")
    assert store.image(img3).review_state == ReviewState.NEW  # D decided nothing on img3 now


def test_d_on_an_untouched_image_never_marks_it_done(project):
    d, ids, cat, dog = project
    store = d.store
    go_to(d, "img3.jpg")
    d.key(K.Key_D)
    assert d.window.current_id == d.image_id("img4.jpg")
    d.key(K.Key_Right)  # the last image: nowhere to go, and nothing decided on it either
    assert d.window.current_id == d.image_id("img4.jpg")
    assert store.image(d.image_id("img3.jpg")).review_state == ReviewState.NEW
    assert store.image(d.image_id("img4.jpg")).review_state == ReviewState.NEW
    assert not d.window.undo_stack.can_undo()


def test_d_with_a_suggestion_pending_does_not_mark_done_and_says_why(project):
    d, ids, cat, dog = project
    store = d.store
    go_to(d, "img1.jpg")
    img1 = d.image_id("img1.jpg")
    d.key(K.Key_Return)  # the person decided one, three are still pending
    d.key(K.Key_D)
    assert d.window.current_id == d.image_id("img2.png")
    assert store.image(img1).review_state == ReviewState.NEW
    assert status(d).startswith("img1.jpg is not done: 3 suggestions still pending")


def test_decide_every_suggestion_then_d_marks_done(project):
    d, ids, cat, dog = project
    go_to(d, "img4.jpg")
    img4 = d.image_id("img4.jpg")
    d.key(K.Key_Return)  # accept the only suggestion: nothing left pending
    assert d.store.image(img4).review_state == ReviewState.NEW
    d.key(K.Key_D)
    assert d.store.image(img4).review_state == ReviewState.DONE


def test_zero_says_which_image_it_finished_with_plurals(project):
    d, ids, cat, dog = project
    go_to(d, "img3.jpg")
    d.key(K.Key_W)
    d.drag(20, 20, 120, 150)
    d.key(K.Key_0)
    assert status(d) == "Marked img3.jpg done (1 annotation)."
    assert d.store.image(d.image_id("img3.jpg")).review_state == ReviewState.DONE


def test_a_click_instead_of_a_drag_clears_the_drawing_hint(project):
    d, ids, cat, dog = project
    go_to(d, "img3.jpg")
    d.key(K.Key_W)
    assert status(d).startswith("Drag to draw a box")
    d.drag(20, 20, 20, 20)
    assert "Drag to draw" not in status(d) and d.store.annotations(d.image_id("img3.jpg")) == []
    d.key(K.Key_W)
    d.key(K.Key_Escape)
    assert status(d) == "No box drawn."


def test_l_on_a_selected_suggestion_changes_its_class_only(project):
    d, ids, cat, dog = project
    w, store = d.window, d.store
    go_to(d, "img4.jpg")
    (s,) = ids["img4.jpg"]
    d.key(K.Key_Tab)
    assert w.canvas.selected_key == ("s", s)
    seen = []

    def pick_cat(dialog):
        seen.append(dialog.windowTitle())
        d.qtbot.keyClicks(dialog.search, "ca")
        d.qtbot.keyClick(dialog.search, K.Key_Return)

    when_modal(d.qtbot, pick_cat)
    d.key(K.Key_L)
    assert seen == ["Pick a class"]
    d.qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
    sug = store.suggestion(s)
    assert sug.state == SuggestionState.PENDING and sug.label_id == cat
    assert w.canvas.selected_key == ("s", s)
    assert w.canvas.items_by_key[("s", s)].spec.text.startswith("cat")
    assert w.actions_by_id["undo"].text() == "Undo: change a suggestion to 'cat' on img4.jpg"
    d.key(K.Key_Return)
    assert store.suggestion(s).state == SuggestionState.EDITED
    assert [a.label_id for a in store.annotations(d.image_id("img4.jpg"))] == [cat]


def test_adding_a_label_as_a_new_class_is_one_undo_step(project):
    d, ids, cat, dog = project
    w, store = d.window, d.store
    go_to(d, "img2.png")
    zebra, fox = ids["img2.png"]

    def choose_new_class(dialog):
        combo = dialog.findChild(QComboBox)
        assert combo.itemText(0) == "Add “zebra” as a new class"
        click_button(d.qtbot, dialog)

    seen = []
    when_modal(d.qtbot, choose_new_class, seen)
    d.key(K.Key_M)  # the selected suggestion says 'zebra'
    assert seen
    d.qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
    added = store.label_by_name("zebra")
    assert added is not None and store.suggestion(zebra).label_id == added.id
    assert w.actions_by_id["undo"].text() == "Undo: add class zebra from the suggested label"
    d.key(K.Key_Z, CTRL)  # once: the class, the mapping and the re-classed suggestion go
    assert store.label_by_name("zebra") is None
    assert store.mapped_label("zebra") is None
    assert store.suggestion(zebra).label_id is None
    assert "zebra (unknown)" in w.canvas.items_by_key[("s", zebra)].spec.text
    assert [lab.name for lab in store.labels()] == ["cat", "dog"]
