"""The image list while the AI is asked (I): a spinner glyph on that image's row until its answer
is stored; pending counts that follow the confidence slider."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.suggest import ask as suggest
from glancelabel.gui.image_list import SPINNER

K = Qt.Key


def row_text(w, image_id, role=Qt.ItemDataRole.DisplayRole):
    model = w.image_panel.model
    return model.data(model.index(model.row_of(image_id)), role)


def test_spinner_on_the_asked_image_until_the_answer_is_stored(driver, folder, monkeypatch):
    w = driver.open(folder)
    img1 = driver.image_id("img1.jpg")
    release = threading.Event()
    asked = []

    def slow_suggest(store, image_id, config, **_kw):
        asked.append(image_id)
        release.wait(30)
        return suggest.SuggestOutcome(image_id, [], False, [], 0.0, "0 suggestions for img1.jpg.")

    monkeypatch.setattr(suggest, "suggest_image", slow_suggest)
    said = []
    monkeypatch.setattr(w, "say", said.append)
    w.show_image(img1)
    driver.wait_image(img1)
    driver.key(K.Key_I)
    assert row_text(w, img1)[0] in SPINNER
    assert "Asking the AI" in row_text(w, img1, Qt.ItemDataRole.ToolTipRole)
    driver.qtbot.waitUntil(lambda: asked == [img1])
    first = row_text(w, img1)[0]
    driver.qtbot.waitUntil(lambda: row_text(w, img1)[0] != first, timeout=5_000)  # it turns
    driver.key(K.Key_I)  # asking again while the answer is on its way does not send twice
    assert said and "Already asking" in said[-1]
    # the user moves on: the spinner stays on the image that was asked about
    driver.key(K.Key_D)
    driver.wait_image()
    assert row_text(w, img1)[0] in SPINNER
    assert row_text(w, w.current_id)[0] not in SPINNER
    release.set()
    driver.qtbot.waitUntil(lambda: not w.image_panel.model.busy, timeout=10_000)
    assert row_text(w, img1)[0] not in SPINNER and "img1.jpg" in row_text(w, img1)
    assert asked == [img1]
    assert not w.status_work.text()


def test_pending_counts_follow_the_confidence_slider(driver, folder):
    w = driver.open(folder)
    store = driver.store
    store.add_labels(["cat"])
    cat = store.label_by_name("cat").id
    img1 = driver.image_id("img1.jpg")
    run = store.create_run("anthropic", "claude-test")
    store.add_suggestions(run, img1, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 50, 50), None, conf, "")
        for conf in (0.9, 0.6, 0.3)
    ] + [NewSuggestion(Kind.TAG, "cat", cat, None, None, None, "no confidence: always shown")])
    w.image_panel.model.refresh_all()
    assert "◌4" in row_text(w, img1)
    w.review_panel.slider.setValue(50)
    assert "◌3" in row_text(w, img1)
    assert "1 hidden below the confidence slider" in row_text(w, img1, Qt.ItemDataRole.ToolTipRole)
    w.review_panel.slider.setValue(95)
    assert "◌1" in row_text(w, img1)  # only the one without a confidence
    w.review_panel.slider.setValue(0)
    assert "◌4" in row_text(w, img1)
    assert "hidden" not in row_text(w, img1, Qt.ItemDataRole.ToolTipRole)
