"""Reviewing AI suggestions with the keyboard only, checking the database after each step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from review_kit import store_suggestions

from glancelabel.core.model import Box, ReviewState, SuggestionState

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def review(driver, folder):
    w = driver.open(folder)
    store = driver.store
    store.add_labels(["cat", "dog"])
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    ids = store_suggestions(driver, {
        "img1.jpg": [("cat", cat, 0.9, Box(10, 10, 50, 50)), ("dog", dog, 0.8, Box(100, 100, 60, 60)),
                     ("cat", cat, 0.3, Box(200, 200, 40, 40))],
        "img2.png": [("zebra", None, 0.95, Box(5, 5, 30, 30))],
        "img4.jpg": [("dog", dog, 0.7, Box(50, 50, 100, 100))],
    })
    img1 = driver.image_id("img1.jpg")
    w.show_image(img1)
    driver.wait_image(img1)
    return driver, ids, cat, dog


def state(store, sid):
    return store.suggestion(sid).state


def test_suggestions_are_drawn_dashed_and_listed_with_rationale_and_model(review):
    d, ids, cat, dog = review
    w = d.window
    a, b, c = ids["img1.jpg"]
    items = w.canvas.items_by_key
    assert {("s", a), ("s", b), ("s", c)} <= set(items)
    assert items[("s", a)].spec.dashed and items[("s", a)].spec.text == "cat 90%"
    texts = [w.review_panel.list.item(r).text() for r in range(w.review_panel.list.count())]
    assert "looks like a dog" in texts[1] and "anthropic · claude-test" in texts[1]
    # the image list shows the pending count
    row = w.image_panel.model.row_of(d.image_id("img1.jpg"))
    assert "◌3" in w.image_panel.model.data(w.image_panel.model.index(row))
    w.image_panel.set_filter("needs_review")
    assert len(w.image_panel.model.ids()) == 3


def test_keyboard_review_accept_reject_undo_edit_and_space(review):
    d, ids, cat, dog = review
    w, store = d.window, d.store
    a, b, c = ids["img1.jpg"]
    d.key(K.Key_Return)  # nothing selected: accepts the first pending
    assert state(store, a) == SuggestionState.ACCEPTED
    assert w.canvas.selected_key == ("s", b)  # and moves to the next pending
    d.key(K.Key_N)
    assert state(store, b) == SuggestionState.REJECTED
    assert w.canvas.selected_key == ("s", c)
    d.key(K.Key_Z, CTRL)  # undo the rejection
    assert state(store, b) == SuggestionState.PENDING
    d.key(K.Key_Tab)
    assert w.canvas.selected_key[0] in ("a", "s")
    w.canvas.select(("s", b))
    d.key(K.Key_1)  # class 1 on a suggestion: its class only, it stays pending and selected
    assert state(store, b) == SuggestionState.PENDING and store.suggestion(b).label_id == cat
    assert w.canvas.selected_key == ("s", b)
    assert w.canvas.items_by_key[("s", b)].spec.text.startswith("cat")
    assert w.review_panel.list.item(0).text().startswith("cat")  # the list says so at once
    assert [x.label_id for x in store.annotations(d.image_id("img1.jpg"))] == [cat]
    d.key(K.Key_Return)  # Enter accepts it: recorded as edited (counts against the AI)
    assert state(store, b) == SuggestionState.EDITED
    assert [x.label_id for x in store.annotations(d.image_id("img1.jpg"))] == [cat, cat]
    d.key(K.Key_Space)  # accept the rest that is shown, next image needing review
    assert state(store, c) == SuggestionState.ACCEPTED
    assert store.image(d.image_id("img1.jpg")).review_state == ReviewState.DONE
    assert w.current_id == d.image_id("img2.png")


def test_confidence_slider_hides_and_space_acts_only_on_shown(review):
    d, ids, cat, dog = review
    w, store = d.window, d.store
    a, b, c = ids["img1.jpg"]
    w.review_panel.slider.setValue(50)
    assert ("s", c) not in w.canvas.items_by_key
    assert "1 hidden below 50%" in w.review_panel.summary.text()
    d.key(K.Key_Space)
    assert state(store, a) == state(store, b) == SuggestionState.ACCEPTED
    assert state(store, c) == SuggestionState.PENDING


def test_drag_a_suggestion_changes_its_box_only_until_enter_accepts_it_as_edited(review):
    d, ids, cat, dog = review
    w, store = d.window, d.store
    a = ids["img1.jpg"][0]
    d.drag(30, 30, 40, 45)
    s = store.suggestion(a)
    assert s.state == SuggestionState.PENDING and s.label_id == cat  # the box only
    assert [round(v) for v in s.box.as_list()] == [20, 25, 50, 50]
    assert w.canvas.selected_key == ("s", a)
    assert w.canvas.box_of(("s", a)) == s.box
    d.key(K.Key_Right)  # a nudge moves the selected suggestion, the image stays
    assert [round(v) for v in store.suggestion(a).box.as_list()] == [21, 25, 50, 50]
    assert w.current_id == d.image_id("img1.jpg") and w.canvas.selected_key == ("s", a)
    assert "Enter or Y accepts it as edited" in w.statusBar().currentMessage()
    assert w.actions_by_id["undo"].text() == "Undo: move or resize the suggestion 'cat' on img1.jpg"
    d.key(K.Key_Y)
    s = store.suggestion(a)
    assert s.state == SuggestionState.EDITED
    ann = store.annotation(s.annotation_id)
    assert [round(v) for v in ann.box.as_list()] == [21, 25, 50, 50]
    assert w.actions_by_id["undo"].text() == "Undo: accept 'cat' on img1.jpg"


def test_unknown_label_is_mapped_with_M_then_accepted(review, monkeypatch):
    d, ids, cat, dog = review
    w, store = d.window, d.store
    img2 = d.image_id("img2.png")
    w.show_image(img2)
    d.wait_image(img2)
    (z,) = ids["img2.png"]
    assert "zebra (unknown)" in w.canvas.items_by_key[("s", z)].spec.text
    d.key(K.Key_Return)  # cannot accept an unknown label: told to map it first
    assert state(store, z) == SuggestionState.PENDING
    from glancelabel.gui.controllers import reviewing

    monkeypatch.setattr(
        reviewing.QInputDialog, "getItem",
        lambda *a, **k: (reviewing.ADD_NEW.format("zebra"), True),
    )
    d.key(K.Key_M)
    zebra = store.label_by_name("zebra")
    assert zebra is not None and store.suggestion(z).label_id == zebra.id
    d.key(K.Key_Y)
    assert state(store, z) == SuggestionState.ACCEPTED


def test_x_rejects_all_and_goes_to_the_next_image_needing_review(review):
    d, ids, cat, dog = review
    w, store = d.window, d.store
    d.key(K.Key_X)
    assert all(state(store, s) == SuggestionState.REJECTED for s in ids["img1.jpg"])
    assert w.current_id == d.image_id("img2.png")
    d.key(K.Key_Z, CTRL)
    assert all(state(store, s) == SuggestionState.PENDING for s in ids["img1.jpg"])
    assert w.current_id == d.image_id("img1.jpg")  # undo brings the decision's image back


def test_ask_ai_reports_a_missing_provider_plainly(review, monkeypatch):
    d, ids, cat, dog = review
    w = d.window
    shown = []
    from glancelabel.gui.controllers import reviewing

    monkeypatch.setattr(reviewing.QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(reviewing.QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    # a missing key opens a message offering the local engine: read it and close it
    monkeypatch.setattr(reviewing.QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    w.settings.provider.provider = "anthropic"  # no key in the test keyring or environment
    d.key(K.Key_I)
    assert "Asking the AI" in w.status_work.text()  # in the background: the window stays live
    d.qtbot.waitUntil(lambda: bool(shown), timeout=120_000)
    assert shown[0].startswith("No Anthropic API key: ")  # one sentence naming it, not a crash
    assert not w.status_work.text()
