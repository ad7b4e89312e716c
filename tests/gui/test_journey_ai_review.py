"""Journey 2, AI review, driven only by keys and clicks: I asks the (fake) model about an image →
its answer holds a label that is not a class → M maps it → the next image's answer arrives
mapped → Enter, N, Tab, a class key on a suggestion (it stays pending) then Enter (accepted as
edited) → Space → X; the Suggestions panel, the Classes panel and the project agree at each step.
"""

from __future__ import annotations

import pytest
from dialogs_by_hand import click_button, to_canvas, when_modal
from provider_kit import answering, point_settings_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fakes.batch_fakes import make_images
from glancelabel.core.model import SuggestionState

K = Qt.Key

ANSWER = {"objects": [
    {"label": "car", "box": [20, 30, 120, 110], "text": None, "confidence": 0.9,
     "rationale": "a red car"},
    {"label": "zebra crossing", "box": [150, 150, 380, 220], "text": None, "confidence": 0.8,
     "rationale": "white stripes"},
    {"label": "car", "box": [200, 20, 300, 90], "text": None, "confidence": 0.7,
     "rationale": "a parked car"},
    {"label": "car", "box": [10, 200, 90, 280], "text": None, "confidence": 0.6,
     "rationale": "a car in the shade"}], "tags": []}


@pytest.fixture
def fake(monkeypatch):
    with answering(monkeypatch, ANSWER) as f:
        yield f


@pytest.fixture
def street(tmp_path, fake):
    folder = tmp_path / "street"
    make_images(folder, 3, width=400, height=300)
    point_settings_at(fake)
    return folder


def panel_texts(w) -> list[str]:
    lst = w.review_panel.list
    return [lst.item(r).text().split("\n")[0] for r in range(lst.count())]


def states(store, image_id) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in store.suggestions(image_id):
        out[str(s.state)] = out.get(str(s.state), 0) + 1
    return out


def ask(driver, image_id: int) -> None:
    """I, then wait until the answer is stored and shown."""
    w = driver.window
    driver.key(K.Key_I)
    driver.qtbot.waitUntil(lambda: len(driver.store.suggestions(image_id)) == 4
                           and not w.image_panel.model.busy, timeout=30_000)
    driver.qtbot.waitUntil(lambda: len(panel_texts(w)) == 4)


def go_to(driver, image_id: int) -> None:
    """A / D until the image is shown."""
    w = driver.window
    for _ in range(10):
        if w.current_id == image_id:
            break
        driver.key(K.Key_A if w.current_id > image_id else K.Key_D)
        driver.wait_image()
    driver.wait_image(image_id)


def selected(w):
    key = w.canvas.selected_key
    return None if key is None or key[0] != "s" else w.store.suggestion(key[1])


def test_ai_review_journey(driver, street, fake):
    w = driver.open(street)
    qtbot = driver.qtbot
    store = w.store
    for name in ("car", "crossing"):
        w.commit(store.add_label(name))
    car, crossing = store.label_by_name("car").id, store.label_by_name("crossing").id
    first, second, third = (driver.image_id(f"img000{i}.jpg") for i in range(3))
    assert w.current_id == first
    to_canvas(driver)

    # I: four suggestions, one with a label that is not a class
    ask(driver, first)
    assert len(fake.main_requests()) == 1
    texts = panel_texts(w)
    assert sum("zebra crossing  (unknown label: M maps it)" in t for t in texts) == 1
    assert "4 suggestions for img0000.jpg" in w.statusBar().currentMessage()

    # M maps it to "crossing" (the dialog lists "add as a new class" first, then the classes)
    asked: list[str] = []

    def choose_crossing(dialog) -> None:
        asked.append(dialog.windowTitle())
        target = QApplication.focusWidget()
        qtbot.keyClick(target, K.Key_Down)
        qtbot.keyClick(target, K.Key_Down)
        click_button(qtbot, dialog)

    when_modal(qtbot, choose_crossing)
    driver.key(K.Key_M)
    assert asked == ["Map an unknown label"]
    to_canvas(driver)
    assert [(m.raw_label, m.label_id) for m in store.label_mappings()] == [
        ("zebra crossing", crossing)]
    assert not any("unknown label" in t for t in panel_texts(w))
    mappings = w.labels_panel.mappings
    assert [mappings.item(r).text() for r in range(mappings.count())] == [
        "“zebra crossing” → crossing"]

    # the next image's answer uses the mapping: nothing unknown arrives
    driver.key(K.Key_D)
    driver.wait_image(second)
    assert store.image(first).review_state == "new"  # 4 still pending there
    ask(driver, second)
    got = store.suggestions(second)
    assert sorted(s.label_id for s in got) == sorted([car, crossing, car, car])
    assert [s.raw_label for s in got if s.label_id == crossing] == ["zebra crossing"]
    assert not any("unknown label" in t for t in panel_texts(w))
    assert w.review_panel.summary.text() == "4 pending"

    # Enter accepts the selected suggestion, N rejects the next one
    driver.key(K.Key_Return)
    assert states(store, second) == {"accepted": 1, "pending": 3}
    driver.key(K.Key_N)
    assert states(store, second) == {"accepted": 1, "rejected": 1, "pending": 2}
    assert w.review_panel.summary.text() == "2 pending, 2 decided"

    # Tab to a pending suggestion; a class key changes its class only: it stays pending
    driver.key(K.Key_Tab)
    for _ in range(6):
        if selected(w) is not None and selected(w).state is SuggestionState.PENDING:
            break
        driver.key(K.Key_Tab)
    target = selected(w)
    assert target is not None and target.state is SuggestionState.PENDING
    new_class, key = (crossing, K.Key_2) if target.label_id == car else (car, K.Key_1)
    driver.key(key)
    now = store.suggestion(target.id)
    assert now.state is SuggestionState.PENDING and now.label_id == new_class
    assert states(store, second) == {"accepted": 1, "rejected": 1, "pending": 2}
    name = store.label(new_class).name
    row = w.review_panel.keys().index(("s", target.id))
    assert panel_texts(w)[row].startswith(name) and "accepted" not in panel_texts(w)[row]

    # Enter accepts it, as edited
    driver.key(K.Key_Return)
    assert store.suggestion(target.id).state is SuggestionState.EDITED
    row = w.review_panel.keys().index(("s", target.id))
    assert panel_texts(w)[row].endswith("— accepted (edited)")
    edited = store.annotations(second)
    assert new_class in [a.label_id for a in edited]

    # Space accepts the last one, marks the image done and goes on
    driver.key(K.Key_Space)
    assert states(store, second) == {"accepted": 2, "edited": 1, "rejected": 1}
    assert store.image(second).review_state == "done"
    assert "Accepted 1" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.current_id != second)  # on to an image that needs review
    go_to(driver, third)

    # X on the third image, after asking: every suggestion rejected, done, on to the next
    ask(driver, third)
    driver.key(K.Key_X)
    assert states(store, third) == {"rejected": 4}
    assert store.image(third).review_state == "done"
    driver.qtbot.waitUntil(lambda: w.current_id != third)

    # the Suggestions panel and the project agree, image by image
    counts = store.suggestion_counts()
    assert counts == {"pending": 4, "rejected": 5, "edited": 1, "accepted": 3}
    for image_id, summary in ((first, "4 pending"), (second, "0 pending, 4 decided"),
                              (third, "0 pending, 4 decided")):
        go_to(driver, image_id)
        assert w.review_panel.summary.text() == summary
        texts = panel_texts(w)
        s = states(store, image_id)
        assert sum(t.endswith("— accepted") for t in texts) == s.get("accepted", 0)
        assert sum(t.endswith("— accepted (edited)") for t in texts) == s.get("edited", 0)
        assert sum(t.endswith("— rejected") for t in texts) == s.get("rejected", 0)
    assert len(fake.main_requests()) == 3
