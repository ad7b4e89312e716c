"""After each review key the panels and the canvas show what they would show built afresh.

The Annotations panel, the Suggestions panel and the canvas update only what changed since the
last refresh (rows and boxes as they were stay as they are); a stale cell, a row left over or a
box stacked out of order would show here: after every key the window's panels and canvas are
compared with new ones filled from the project as it now stands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QHeaderView
from review_kit import store_suggestions

from glancelabel.core.model import Box, SuggestionState
from glancelabel.gui.annotations_panel import AnnotationsPanel
from glancelabel.gui.canvas import CanvasView
from glancelabel.gui.review_panel import MARK_ROLE, ReviewPanel

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def review(driver, folder):
    """img1: three suggestions with a class and one unknown label, overlapping; img2: one."""
    w = driver.open(folder)
    driver.store.add_labels(["cat", "dog"])
    cat, dog = (driver.store.label_by_name(n).id for n in ("cat", "dog"))
    boxes = [Box(10 + 10 * k, 10 + 10 * k, 50, 50) for k in range(4)]
    ids = store_suggestions(driver, {
        "img1.jpg": [("cat", cat, 0.9, boxes[0]), ("dog", dog, 0.8, boxes[1]),
                     ("cat", cat, 0.6, boxes[2]), ("bird", None, 0.5, boxes[3])],
        "img2.png": [("dog", dog, 0.7, boxes[1])],
    })
    w.show_image(driver.image_id("img1.jpg"))
    driver.wait_image(driver.image_id("img1.jpg"))
    return driver, ids


def annotation_rows(panel) -> list[tuple]:
    table = panel.table
    return [tuple((table.item(r, c).text(), table.item(r, c).toolTip(),
                   table.item(r, c).data(Qt.ItemDataRole.UserRole),
                   table.item(r, c).icon().pixmap(12, 12).toImage().pixelColor(6, 6).name())
                  for c in range(3)) for r in range(table.rowCount())]


def suggestion_rows(panel) -> list[tuple]:
    out = []
    for r in range(panel.list.count()):
        item = panel.list.item(r)
        out.append((item.text(), item.data(Qt.ItemDataRole.UserRole), item.data(MARK_ROLE),
                    bool(item.flags() & Qt.ItemFlag.ItemIsSelectable),
                    item.foreground().color().name(),
                    item.icon().pixmap(12, 12).toImage().pixelColor(6, 6).name()))
    return out


def drawn(canvas) -> list[tuple]:
    """The boxes from the bottom of the stack up: key, spec, box, z, selected."""
    items = [i for i in canvas.scene_.items(Qt.SortOrder.AscendingOrder)
             if i.parentItem() is None and hasattr(i, "spec")]
    return [(i.spec.key, i.spec, i.box, i.zValue(), i.selected) for i in items]


def same_as_afresh(w) -> None:
    """The window's panels and canvas show what new ones filled now would show."""
    fresh_canvas = CanvasView()
    fresh_canvas.set_boxes(w.box_specs())
    if w.canvas.selected_key is not None:
        fresh_canvas.select(w.canvas.selected_key)
    assert drawn(w.canvas) == drawn(fresh_canvas)
    assert len(w.canvas.scene_.items()) == len(fresh_canvas.scene_.items())  # none left behind
    fresh = AnnotationsPanel(w.store, fresh_canvas, w, lambda _t: None, w.commit)
    fresh.reload()
    panel = w.annotations_panel
    assert annotation_rows(panel) == annotation_rows(fresh)
    assert panel.summary.text() == fresh.summary.text()
    assert [panel.class_box.itemText(i) for i in range(panel.class_box.count())] == [
        fresh.class_box.itemText(i) for i in range(fresh.class_box.count())]
    header = panel.table.horizontalHeader()
    assert [header.sectionResizeMode(c) for c in (0, 1)] == [
        QHeaderView.ResizeMode.ResizeToContents] * 2
    fresh_review = ReviewPanel(w.store, w.queue, fresh_canvas, w, w.reviewing, lambda: None)
    fresh_review.reload()
    assert suggestion_rows(w.review_panel) == suggestion_rows(fresh_review)
    assert w.review_panel.summary.text() == fresh_review.summary.text()
    assert w.review_panel.current_key() == fresh_review.current_key()


def test_panels_and_canvas_after_enter_n_undo_redo_space(review):
    d, ids = review
    w, store = d.window, d.store
    a, b, c, unknown = ids["img1.jpg"]
    same_as_afresh(w)
    assert len(w.review_panel.keys()) == 4
    d.key(K.Key_Return)  # accepts a: one annotation row, a decided row in the Suggestions panel
    assert store.suggestion(a).state == SuggestionState.ACCEPTED
    assert [r[0] for r in w.annotations_panel.rows()] == ["cat"]
    assert "accepted from the AI (anthropic/claude-test)" in w.annotations_panel.rows()[0][2]
    same_as_afresh(w)
    d.key(K.Key_N)  # rejects b
    assert store.suggestion(b).state == SuggestionState.REJECTED
    same_as_afresh(w)
    d.key(K.Key_Return)  # accepts c: two rows
    assert [r[0] for r in w.annotations_panel.rows()] == ["cat", "cat"]
    same_as_afresh(w)
    d.key(K.Key_Z, CTRL)  # c pending again: one row
    assert store.suggestion(c).state == SuggestionState.PENDING
    assert [r[0] for r in w.annotations_panel.rows()] == ["cat"]
    same_as_afresh(w)
    d.key(K.Key_Z, CTRL)  # b pending again
    d.key(K.Key_Z, CTRL)  # a pending again: no rows
    assert w.annotations_panel.rows() == []
    assert w.review_panel.summary.text().startswith("4 pending")
    same_as_afresh(w)
    d.key(K.Key_Z, CTRL | SHIFT)  # a accepted again
    assert [r[0] for r in w.annotations_panel.rows()] == ["cat"]
    same_as_afresh(w)
    d.key(K.Key_Space)  # accepts what has a class; the unknown label keeps the image open
    assert store.suggestion(c).state == SuggestionState.ACCEPTED
    assert store.suggestion(unknown).state == SuggestionState.PENDING
    assert len(w.annotations_panel.rows()) == 3
    same_as_afresh(w)
    d.key(K.Key_X)  # rejects the unknown one: done, on to img2 (which needs review)
    d.wait_image(d.image_id("img2.png"))
    same_as_afresh(w)
    d.key(K.Key_Z, CTRL)  # back on img1 with the unknown label pending
    d.wait_image(d.image_id("img1.jpg"))
    assert store.suggestion(unknown).state == SuggestionState.PENDING
    same_as_afresh(w)
    d.key(K.Key_D)
    d.wait_image(d.image_id("img2.png"))
    same_as_afresh(w)


def test_a_changed_class_colour_redraws_rows_and_boxes(review):
    """Rows whose text stayed but whose colour changed are redrawn too."""
    d, ids = review
    w, store = d.window, d.store
    d.key(K.Key_Return)
    cat = store.label_by_name("cat")
    w.commit(store.update_label(cat.id, color="#123456"))
    assert annotation_rows(w.annotations_panel)[0][0][3] == "#123456"
    assert w.canvas.items_by_key[("s", ids["img1.jpg"][2])].spec.color == "#123456"
    same_as_afresh(w)


def test_boxes_kept_on_a_refresh_stay_stacked_in_order(review):
    """Overlapping boxes of one kind: a box added between others is stacked where a full redraw
    puts it (the topmost one under the mouse is the same)."""
    d, _ids = review
    w = d.window
    d.key(K.Key_Return)
    kept = dict(w.canvas.items_by_key)
    d.key(K.Key_Return)  # the next one accepted: an annotation row between the kept ones
    assert any(w.canvas.items_by_key.get(k) is item for k, item in kept.items())  # some stayed
    same_as_afresh(w)
    assert all(isinstance(i, QGraphicsItem) for i in w.canvas.items_by_key.values())


def test_an_image_decoded_whole_is_not_decoded_again_when_shown_larger(driver, tmp_path):
    """A small image fitted into the canvas is shown larger than its pixels: it was decoded
    whole, so no sharper decode is asked for (each such image was decoded twice, the second time
    for nothing, on every D / Space / X); a big one still gets its sharper decode when zoomed."""
    from PIL import Image

    folder = tmp_path / "small"
    folder.mkdir()
    Image.new("RGB", (120, 90), (200, 60, 60)).save(folder / "a.jpg")
    Image.new("RGB", (3000, 2000), (60, 200, 60)).save(folder / "b.jpg")
    w = driver.open(folder)
    small = driver.image_id("a.jpg")
    w.show_image(small)
    driver.qtbot.waitUntil(lambda: w.canvas.decoded_width == 120, timeout=10_000)
    w.canvas.fit_action()
    for _ in range(3):
        driver.key(K.Key_Plus)
    assert w.canvas.zoom() > 1.25 * 4  # shown far larger than its pixels
    driver.qtbot.wait(50)
    assert not w.loader.is_pending(small, None) and w.loader.cached(small, None) is None
    assert w.canvas.decoded_width == 120 and w.canvas.image_size == (120, 90)
    big = driver.image_id("b.jpg")
    driver.key(K.Key_D)
    driver.qtbot.waitUntil(lambda: w.current_id == big and 0 < w.canvas.decoded_width < 3000,
                           timeout=10_000)
    for _ in range(4):
        driver.key(K.Key_Plus)
    driver.qtbot.waitUntil(lambda: w.canvas.decoded_width == 3000, timeout=20_000)


def test_d_after_a_decision_marks_the_image_done_and_refreshes_the_next(review):
    """D from an image whose last suggestion was just decided: the image is marked done (once
    the next image shows) and the panels show the next image; Ctrl+Z takes the mark back."""
    from glancelabel.core.model import ReviewState

    d, ids = review
    w, store = d.window, d.store
    img2 = d.image_id("img2.png")
    w.show_image(img2)
    d.wait_image(img2)
    d.key(K.Key_Return)
    assert store.suggestion(ids["img2.png"][0]).state == SuggestionState.ACCEPTED
    assert store.image(img2).review_state == ReviewState.NEW
    d.key(K.Key_D)
    assert store.image(img2).review_state == ReviewState.DONE
    assert w.statusBar().currentMessage() == "Marked img2.png done."
    assert w.current_id != img2
    same_as_afresh(w)
    model = w.image_panel.model
    assert model.data(model.index(model.row_of(img2))).startswith("✓ img2.png")  # its list row
    d.key(K.Key_Z, CTRL)
    assert store.image(img2).review_state == ReviewState.NEW
    d.wait_image(img2)
    assert model.data(model.index(model.row_of(img2))).startswith("   img2.png")
    same_as_afresh(w)
