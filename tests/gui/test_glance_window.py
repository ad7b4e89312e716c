"""Glance review in the real window, driven by keys and the mouse: the grid a person sees, the
sentence in the status bar and what the project holds after each step."""

from __future__ import annotations

import threading

import pytest
from menu_driving import entries, open_menu, pick
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from glancelabel.core.model import Box, Kind, ReviewState, SuggestionState
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui.glance import thumbs

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
N_IMAGES = 40


@pytest.fixture
def many(tmp_path):
    """40 JPEGs of 320 x 240, each with a red square at (100, 60, 80, 80)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(N_IMAGES):
        im = Image.new("RGB", (320, 240), (40, 40 + i, 120))
        im.paste((230, 20, 20), (100, 60, 180, 140))
        im.save(folder / f"p{i:02d}.jpg", quality=95)
    return folder


@pytest.fixture
def glance(driver, many):
    """The window on `many`: classes cat, dog, bird; every image has a 'cat' box on its red square
    (confidence falling with the image number); p00-p04 also have a 'dog' box."""
    w = driver.open(many)
    store = driver.store
    store.add_labels(["cat", "dog", "bird"])
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    run = store.create_run("anthropic", "claude-test")
    for i in range(N_IMAGES):
        items = [NewSuggestion(Kind.BOX, "cat", cat, Box(100, 60, 80, 80), None, 0.99 - i / 100,
                               "whiskers")]
        if i < 5:
            items.append(NewSuggestion(Kind.BOX, "dog", dog, Box(10, 10, 40, 40), None, 0.6, "tail"))
        store.add_suggestions(run, driver.image_id(f"p{i:02d}.jpg"), items)
    w.labels_panel.reload()
    w.image_panel.model.reload()
    messages: list[str] = []
    w.statusBar().messageChanged.connect(messages.append)
    return driver, messages


def press(driver, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    driver.qtbot.keyClick(target, key, modifier)


def open_glance(driver, class_key=None):
    """G, then (optionally) the class by Tab presses until the combo shows it; the pictures
    of the page arrive."""
    w = driver.window
    press(driver, K.Key_G)
    assert w.glance.active and QApplication.focusWidget() is w.glance.tiles
    driver.qtbot.waitUntil(lambda: w.glance.waiting_pictures() == 0, timeout=20_000)


def shown(w):
    """What the grid shows: (caption, state, new class) per tile."""
    return [(t.caption, t.state, t.new_class) for t in w.glance.tiles.tiles]


def test_g_shows_one_class_with_pictures_x_flips_space_decides_the_page(glance):
    driver, messages = glance
    w, store = driver.window, driver.store
    open_glance(driver)
    g = w.glance
    assert w.centralWidget().currentWidget() is g.grid
    assert g.grid.class_box.currentText() == "cat (40)"
    tiles = shown(w)
    size = len(tiles)
    assert 24 <= size <= 40
    assert g.tiles.rect().contains(g.tiles.tile_rect(size - 1))  # every tile is on screen
    # most uncertain first: confidence nearest 0.5 (p40 would be 0.59: p39 is 0.60, p38 0.61 …)
    assert tiles[0] == ("p39.jpg 60%", "open", None)
    assert messages[-1] == ("Glance review of 'cat': 40 pending suggestions. X flips a tile to "
                            "reject, Space accepts the page, Esc goes back.")
    picture = g.cache.get(g.page.tiles[0].id, g.picture_side)
    assert picture is not None and picture.pixelColor(picture.width() // 2,
                                                      picture.height() // 2).red() > 180
    # arrows move, X flips: the tile shows it and the status bar says what will happen
    press(driver, K.Key_Right)
    press(driver, K.Key_Right)
    press(driver, K.Key_Down)
    index = 2 + g.tiles.shape.columns
    assert g.tiles.selected == index
    flipped = g.page.tiles[index]
    press(driver, K.Key_X)
    assert shown(w)[index][1] == "flipped"
    name = store.image(flipped.image_id).relpath
    assert messages[-1] == f"'cat' on {name} will be rejected when Space accepts the page."
    assert g.tiles.selected == index + 1  # X moved on to the next tile, as N does on an image
    # 2 gives the second tile class dog
    press(driver, K.Key_Left)
    press(driver, K.Key_Left)
    press(driver, K.Key_Up)
    moved = g.page.tiles[1]
    press(driver, K.Key_2)
    assert shown(w)[1][2] == "→ dog"
    page_ids = g.page.ids()
    press(driver, K.Key_Space)
    done = sum(1 for sid in page_ids
               if store.image(store.suggestion(sid).image_id).review_state == ReviewState.DONE)
    images_with_dog = {driver.image_id(f"p{i:02d}.jpg") for i in range(5)}
    left_open = len({store.suggestion(sid).image_id for sid in page_ids} & images_with_dog)
    expected = (f"Accepted {size - 2}, accepted 1 as 'dog' and rejected 1 of {size} 'cat' "
                f"suggestions; {done} images done")
    expected += (f", {left_open} still {'has' if left_open == 1 else 'have'} other pending "
                 "suggestions." if left_open else ".")
    assert messages[-1] == expected
    assert done == size - left_open
    # the Edit menu names the page's decisions exactly, as the other undo texts do
    menu = open_menu(driver.qtbot, w, "Edit")
    undo_text = next(t for t in entries(menu) if t.startswith("Undo"))
    assert undo_text == (f"Undo: accept {size - 2}, accept 1 as 'dog' and reject 1 of {size} 'cat' "
                         f"suggestions on {size} images and mark {done} images done")
    driver.qtbot.keyClick(menu, K.Key_Escape)
    driver.qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    if QApplication.focusWidget() is w.menuBar():  # Esc leaves the menu bar highlighted: again
        driver.qtbot.keyClick(w.menuBar(), K.Key_Escape)
    assert QApplication.focusWidget() is g.tiles
    assert store.suggestion(flipped.id).state == SuggestionState.REJECTED
    assert store.suggestion(moved.id).state == SuggestionState.EDITED
    assert [a.label_id for a in store.annotations(moved.image_id)] == [store.label_by_name("dog").id]
    # the next page is shown: the rest of the class, none of the decided tiles
    assert not set(page_ids) & set(g.page.ids())
    assert len(g.page.tiles) == min(40 - size, size)
    assert g.grid.class_box.currentText() == f"cat ({40 - size})"
    # Ctrl+Z takes the whole page back and shows it again with its flip and class
    press(driver, K.Key_Z, CTRL)
    assert all(store.suggestion(sid).state == SuggestionState.PENDING for sid in page_ids)
    assert all(store.image(store.suggestion(sid).image_id).review_state == ReviewState.NEW
               for sid in page_ids)
    assert store.annotations(moved.image_id) == []
    assert g.page.ids() == page_ids
    assert shown(w)[index][1] == "flipped" and shown(w)[1][2] == "→ dog"
    assert messages[-1] == (f"Undid the page: {size} suggestions of 'cat' are pending again, "
                            "with their flips; Space decides them again.")


def test_enter_accepts_one_tile_and_a_click_opens_its_image(glance):
    driver, messages = glance
    w, store = driver.window, driver.store
    open_glance(driver)
    g = w.glance
    first = g.page.tiles[0]
    relpath = store.image(first.image_id).relpath
    press(driver, K.Key_Return)
    assert store.suggestion(first.id).state == SuggestionState.ACCEPTED
    assert store.image(first.image_id).review_state == ReviewState.DONE
    assert shown(w)[0][1] == "accepted"
    assert messages[-1] == f"Accepted 'cat' on {relpath}; image done."
    assert g.grid.class_box.currentText() == "cat (39)"
    assert g.grid.summary.text() == (f"{len(g.page.tiles)} tiles on this page · 39 pending "
                                     "suggestions of this class")
    assert g.tiles.selected == 1  # Enter moved on to the next tile
    press(driver, K.Key_Left)
    press(driver, K.Key_X)  # a decided tile stays decided
    assert messages[-1] == f"'cat' on {relpath} is already accepted."
    # a click on the third tile: that image in the normal view, its suggestion selected
    third = g.page.tiles[2]
    centre = g.tiles.tile_rect(2).center()
    driver.qtbot.mouseClick(g.tiles, Qt.MouseButton.LeftButton, pos=QPoint(centre))
    assert not g.active and w.centralWidget().currentIndex() == 0
    driver.wait_image(third.image_id)
    assert w.current_id == third.image_id
    assert w.canvas.selected_key == ("s", third.id)
    assert messages[-1] == f"Opened {store.image(third.image_id).relpath} (G goes back to the grid)."


def test_tab_changes_the_class_the_order_key_reorders_esc_and_g_leave(glance):
    driver, messages = glance
    w = driver.window
    open_glance(driver)
    g = w.glance
    press(driver, K.Key_Tab)
    assert g.grid.class_box.currentText() == "dog (5)"
    assert QApplication.focusWidget() is g.tiles and not g.tiles.focusNextPrevChild(True)
    assert [c for c, _s, _n in shown(w)] == [f"p{i:02d}.jpg 60%" for i in range(5)]
    assert messages[-1] == "'dog': 5 pending suggestions."
    press(driver, K.Key_Tab)  # bird has none: back to cat
    assert g.grid.class_box.currentText() == "cat (40)"
    press(driver, K.Key_O)
    # the 25 most confident (p00-p24) make the page, least confident first on it
    assert g.grid.order_box.currentText() == "Most confident first"
    assert shown(w)[0][0] == f"p{len(shown(w)) - 1:02d}.jpg {99 - len(shown(w)) + 1}%"
    assert shown(w)[-1][0] == "p00.jpg 99%"
    before = w.current_id
    press(driver, K.Key_D)  # the normal view's D must not move the hidden image
    assert w.current_id == before and g.active
    assert messages[-1].startswith("“d” does nothing in glance review")
    press(driver, K.Key_Escape)
    assert not g.active and QApplication.focusWidget() is w.canvas
    assert messages[-1] == "Back to the images; 40 suggestions of 'cat' are still pending."
    press(driver, K.Key_G)
    assert g.active
    press(driver, K.Key_X)
    flipped = g.page.tiles[0].id
    press(driver, K.Key_Escape)
    assert messages[-1] == ("Back to the images; 40 suggestions of 'cat' are still pending (1 tile "
                            "marked in glance review waits for its Space).")
    press(driver, K.Key_G)  # the mark is still there
    assert g.page.tiles[0].id == flipped and shown(w)[0][1] == "flipped"
    press(driver, K.Key_G)
    assert not g.active


def test_without_pending_suggestions_g_says_why_and_stays(driver, folder):
    w = driver.open(folder)
    messages: list[str] = []
    w.statusBar().messageChanged.connect(messages.append)
    driver.key(K.Key_G)
    assert not w.glance.active
    assert messages[-1].startswith("No pending suggestion with a class to glance at")


def test_pictures_are_made_off_the_gui_thread_and_right_way_up(driver, tmp_path, monkeypatch):
    """An EXIF-rotated photo (stored 400 x 200, shown 200 x 400) with a green square where the
    box is in the displayed frame: its tile is green in the middle; a tag's tile is portrait."""
    folder = tmp_path / "rotated"
    folder.mkdir()
    shown_im = Image.new("RGB", (200, 400), (30, 30, 160))
    shown_im.paste((20, 220, 20), (20, 300, 80, 360))
    exif = Image.Exif()
    exif[0x0112] = 6
    shown_im.transpose(Image.Transpose.ROTATE_90).save(folder / "r.jpg", exif=exif, quality=95)
    threads = []
    real = thumbs.render_tiles
    monkeypatch.setattr(thumbs, "render_tiles",
                        lambda jobs, side: threads.append(threading.current_thread()) or real(jobs, side))
    w = driver.open(folder)
    store = driver.store
    store.add_labels(["leaf"])
    leaf = store.label_by_name("leaf").id
    image_id = driver.image_id("r.jpg")
    store.add_suggestions(None, image_id, [
        NewSuggestion(Kind.BOX, "leaf", leaf, Box(20, 300, 60, 60), None, 0.9, ""),
        NewSuggestion(Kind.TAG, "leaf", leaf, None, None, 0.8, ""),
    ])
    open_glance(driver)
    g = w.glance
    box_tile, tag_tile = sorted(g.page.tiles, key=lambda s: s.kind != Kind.BOX)
    crop = g.cache.get(box_tile.id, g.picture_side)
    middle = crop.pixelColor(crop.width() // 2, crop.height() // 2)
    assert middle.green() > 180 and middle.red() < 80
    whole = g.cache.get(tag_tile.id, g.picture_side)
    assert whole.height() == 2 * whole.width() or abs(whole.height() - 2 * whole.width()) <= 2
    assert threads and threading.main_thread() not in threads


def test_glance_keys_may_repeat_the_window_s_keys_but_not_each_other():
    from glancelabel.gui import actions

    assert actions.conflict({}, "glance_flip", ("X",)) is None  # X is also "reject all shown"
    assert actions.conflict({}, "glance_flip", ("Space",)) == (
        "Space is already the shortcut of “Glance: accept the page (flipped tiles rejected), next "
        "page”; change that one first.")
    assert "Reject all shown" in actions.conflict({}, "draw", ("X",))
    rows = actions.help_rows({})
    assert ("Review", "Glance review (a grid of one class)", "G") in rows
    assert ("Review", "Glance: give the tile class 1–9", "1 … 9") in rows


def test_a_glance_key_changed_in_the_settings_works_in_the_grid(driver, many):
    from glancelabel.core.app import settings as settings_mod

    settings = settings_mod.load()
    settings.shortcuts["glance_flip"] = "R"
    settings_mod.save(settings)
    w = driver.open(many)
    store = driver.store
    store.add_labels(["cat"])
    cat = store.label_by_name("cat").id
    store.add_suggestions(None, driver.image_id("p00.jpg"), [
        NewSuggestion(Kind.BOX, "cat", cat, Box(100, 60, 80, 80), None, 0.9, "")])
    open_glance(driver)
    press(driver, K.Key_R)
    assert [t.state for t in w.glance.tiles.tiles] == ["flipped"]
    press(driver, K.Key_X)  # no longer the flip key here; nor the window's "reject all"
    assert [t.state for t in w.glance.tiles.tiles] == ["flipped"]
    press(driver, K.Key_Space)
    assert store.suggestions(driver.image_id("p00.jpg"))[0].state == SuggestionState.REJECTED


def test_redo_decides_the_page_again(glance):
    driver, _messages = glance
    w, store = driver.window, driver.store
    open_glance(driver)
    g = w.glance
    first = g.page.ids()
    press(driver, K.Key_Space)
    second = g.page.ids()
    press(driver, K.Key_Z, CTRL)
    assert g.page.ids() == first
    press(driver, K.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # the window's redo
    assert all(store.suggestion(sid).state == SuggestionState.ACCEPTED for sid in first)
    assert g.page.ids() == second and g.active


def test_a_file_deleted_since_the_scan_has_a_tile_that_says_so(glance):
    driver, _messages = glance
    w = driver.window
    (w.folder / "p39.jpg").unlink()  # the first tile (60 %, the most uncertain)
    open_glance(driver)
    assert shown(w)[0][0] == "p39.jpg 60%"
    assert w.glance.tiles.problem_for(w.glance.page.tiles[0].id) == (
        "p39.jpg is missing from the folder")
    # known as missing before (the normal view found it gone): the same words, no decode tried
    w.store.mark_missing([driver.image_id("p38.jpg")])
    w.glance.cache.problems.clear()
    press(driver, K.Key_O)
    press(driver, K.Key_O)
    assert w.glance.tiles.problem_for(w.glance.page.tiles[1].id) == (
        "p38.jpg is missing from the folder")


def test_the_class_and_order_boxes_choose_with_the_mouse_and_give_the_keys_back(glance):
    driver, messages = glance
    w = driver.window
    open_glance(driver)
    g = w.glance
    box = g.grid.class_box
    pick(driver.qtbot, box, driver.store.label_by_name("dog").id)  # a click, arrows, Return
    assert box.currentText() == "dog (5)" and messages[-1] == "'dog': 5 pending suggestions."
    assert QApplication.focusWidget() is g.tiles
    press(driver, K.Key_X)
    assert shown(w)[0][1] == "flipped"
    pick(driver.qtbot, g.grid.order_box, "confident")
    assert messages[-1] == "Most confident first." and QApplication.focusWidget() is g.tiles


def test_a_larger_window_holds_more_tiles_a_page(glance):
    driver, _messages = glance
    w = driver.window
    open_glance(driver)
    small = len(w.glance.page.tiles)
    press(driver, K.Key_Escape)
    w.resize(2400, 1500)
    driver.qtbot.waitUntil(lambda: w.width() >= 2000)
    open_glance(driver)
    large = len(w.glance.page.tiles)
    assert 24 <= small < large <= 40  # 40: every 'cat' suggestion (a page may hold up to 60)
    shape = w.glance.tiles.shape
    assert shape.columns * shape.rows <= 60
    last = w.glance.tiles.tile_rect(large - 1)
    assert w.glance.tiles.rect().contains(last)  # every tile is on screen
    # made smaller with the page on screen: the page is laid out again, every tile still shows
    w.resize(1000, 700)
    driver.qtbot.waitUntil(lambda: w.glance.tiles.width() < 900)
    assert len(w.glance.page.tiles) == large
    assert w.glance.tiles.rect().contains(w.glance.tiles.tile_rect(large - 1))


def test_hovering_a_tile_shows_the_model_s_reason(glance):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    driver, _messages = glance
    w = driver.window
    open_glance(driver)
    tiles = w.glance.tiles
    centre = tiles.tile_rect(0).center()
    QApplication.sendEvent(tiles, QHelpEvent(QEvent.Type.ToolTip, centre, tiles.mapToGlobal(centre)))
    driver.qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "p39.jpg — 'cat' 60%: “whiskers”"


def test_f1_and_question_mark_open_the_key_list_from_the_grid(glance, monkeypatch):
    from glancelabel.gui.dialogs import help as help_mod

    driver, _messages = glance
    seen = []
    monkeypatch.setattr(help_mod.HelpOverlay, "exec", lambda self: seen.append(self.texts()))
    open_glance(driver)
    press(driver, K.Key_F1)
    press(driver, K.Key_Question, Qt.KeyboardModifier.ShiftModifier)  # as typed: Shift held
    assert len(seen) == 2
    assert ("Review", "Glance: accept the page (flipped tiles rejected), next page",
            "Space") in seen[0]
    assert driver.window.glance.active


def test_the_next_page_s_pictures_are_made_while_a_page_is_looked_at(glance):
    driver, _messages = glance
    w = driver.window
    open_glance(driver)
    g = w.glance
    following = [s.id for s in g.session.following_ids()]
    assert following  # 40 suggestions: there is a second page
    driver.qtbot.waitUntil(lambda: all(g.cache.get(sid, g.picture_side) is not None
                                       for sid in following), timeout=20_000)
    press(driver, K.Key_Space)
    # no event processed since the key: the new page's pictures were there before it
    assert sorted(g.page.ids()) == sorted(following)
    assert all(g.cache.get(sid, g.picture_side) is not None for sid in g.page.ids())


def test_x_and_enter_move_to_the_next_unmarked_tile_wrapping_to_the_top(glance):
    """After a flip or an accepted tile the selection goes to the next tile nobody marked yet in
    the page's order (least confident first), past marked ones, back to the top at the end; a
    flip taken back stays where it is."""
    driver, messages = glance
    w = driver.window
    open_glance(driver)
    g = w.glance
    last = len(g.page.tiles) - 1
    press(driver, K.Key_X)  # tile 0
    press(driver, K.Key_Right)  # tile 2
    press(driver, K.Key_2)  # tile 2 becomes a dog: marked, the selection stays
    assert g.tiles.selected == 2 and shown(w)[2][2] == "→ dog"
    press(driver, K.Key_Left)
    press(driver, K.Key_Return)  # tile 1 accepted: tile 2 is marked, so tile 3 is next
    assert shown(w)[1][1] == "accepted" and g.tiles.selected == 3
    for _ in range(last - 3):
        press(driver, K.Key_Right)
    assert g.tiles.selected == last
    press(driver, K.Key_X)  # the last tile: back to the first unmarked one, tile 3
    assert shown(w)[last][1] == "flipped" and g.tiles.selected == 3
    press(driver, K.Key_Left)
    press(driver, K.Key_Left)
    press(driver, K.Key_Left)
    press(driver, K.Key_X)  # tile 0 flipped back: the selection stays on it
    assert shown(w)[0][1] == "open" and g.tiles.selected == 0
    assert messages[-1].endswith("will be accepted with the page again.")


def test_tiles_show_the_two_model_consensus_marks(glance):
    """After a consensus, a tile of an agreed suggestion reads '✓✓ p39.jpg …' and one of a
    disputed suggestion '≠ p38.jpg …' (as the Suggestions list marks them), with a hint on hover."""
    from glancelabel.core.consensus.build import build_consensus

    driver, _messages = glance
    w, store = driver.window, driver.store
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    first = next(r.id for r in store.runs() if r.model == "claude-test")
    second = store.create_run("openai", "gpt-test")
    store.add_suggestions(second, driver.image_id("p39.jpg"), [
        NewSuggestion(Kind.BOX, "cat", cat, Box(101, 61, 80, 80), None, 0.7, "a cat")])
    store.add_suggestions(second, driver.image_id("p38.jpg"), [
        NewSuggestion(Kind.BOX, "dog", dog, Box(200, 150, 60, 60), None, 0.7, "a dog")])
    w.commit(build_consensus(store, first, second).changes)
    open_glance(driver)
    captions = {c.split(" ")[-2] if c.startswith(("✓✓", "≠")) else c.split(" ")[0]: c
                for c, _s, _n in shown(w)}
    assert captions["p39.jpg"].startswith("✓✓ p39.jpg ")
    assert captions["p38.jpg"].startswith("≠ p38.jpg ")
    assert not captions["p37.jpg"].startswith(("✓✓", "≠"))
    tips = {t.caption: t.tip for t in w.glance.tiles.tiles}
    assert tips[captions["p38.jpg"]].endswith(" (disputed: the two models disagree)")
    assert tips[captions["p39.jpg"]].endswith(" (both models agree)")


def test_edits_of_the_hidden_image_are_off_and_the_panels_follow_the_tile(glance):
    """While the grid shows, the Edit menu's entries that change the image in the normal view are
    off (they acted on the hidden image), and the Suggestions and Annotations panels show the
    selected tile's image with its suggestion selected; Esc turns the entries back on."""
    from menu_driving import entries, open_menu

    driver, _messages = glance
    w, store = driver.window, driver.store
    off = ("Draw a box", "Class 1", "Class 9", "Pick a class…", "Nudge left (or previous image)",
           "Nudge down 10 px", "Copy boxes", "Paste boxes", "Delete box / reject suggestion")

    def edit_menu() -> dict[str, bool]:
        menu = open_menu(driver.qtbot, w, "Edit")
        found = {text: entries(menu)[text].isEnabled() for text in off}
        driver.qtbot.keyClick(menu, K.Key_Escape)
        driver.qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        if QApplication.focusWidget() is w.menuBar():  # Esc leaves the menu bar highlighted
            driver.qtbot.keyClick(w.menuBar(), K.Key_Escape)
        return found

    def panel_keys() -> list:
        lst = w.review_panel.list
        return [lst.item(r).data(Qt.ItemDataRole.UserRole) for r in range(lst.count())]

    open_glance(driver)
    g = w.glance
    assert not any(edit_menu().values())
    driver.qtbot.waitUntil(lambda: QApplication.focusWidget() is g.tiles)  # back from the menu
    first, second = g.page.tiles[0], g.page.tiles[1]
    assert w.current_id == first.image_id
    assert panel_keys() == [("s", first.id)]
    assert w.review_panel.current_key() == ("s", first.id)
    press(driver, K.Key_Right)
    assert w.current_id == second.image_id and w.review_panel.current_key() == ("s", second.id)
    press(driver, K.Key_Left)
    press(driver, K.Key_Return)  # accepted alone: the selection moves on, and back with Left
    press(driver, K.Key_Left)
    assert w.current_id == first.image_id
    assert w.annotations_panel.table.rowCount() == 1  # the box just accepted
    assert store.suggestion(first.id).state == SuggestionState.ACCEPTED
    press(driver, K.Key_Escape)
    assert not g.active and all(edit_menu().values())


def test_the_key_line_says_x_and_enter_move_on(glance):
    """The line of keys under the grid says what X and Enter do to the selection."""
    from PySide6.QtWidgets import QLabel

    driver, _messages = glance
    open_glance(driver)
    g = driver.window.glance
    line = g.grid.findChild(QLabel, "glanceKeys")
    assert line.isVisible()
    assert ("X or N flips a tile to reject, Enter accepts one tile: both move on to the next "
            "unmarked tile" in line.text())
    before = g.tiles.selected
    press(driver, K.Key_X)  # as it says
    assert g.tiles.selected == before + 1


def test_in_glance_review_the_annotations_panel_names_the_tile_s_image_and_offers_no_w(glance):
    """The grid hides the image and W is off there: the Annotations panel says which image it
    shows (the selected tile's) and does not offer W; back in the normal view it offers W again."""
    driver, _messages = glance
    w, store = driver.window, driver.store
    first_image = w.current_id
    before = w.annotations_panel.summary.text()
    assert before == "No boxes on this image yet (W draws one)."
    open_glance(driver)
    g = w.glance
    tile = g.page.tiles[g.tiles.selected]
    name = store.image(tile.image_id).relpath
    assert w.current_id == tile.image_id
    assert w.annotations_panel.summary.text() == f"No boxes yet on {name}, the selected tile's image."
    press(driver, K.Key_Return)  # the tile accepted alone: its box is on that image now
    press(driver, K.Key_Left)
    assert w.annotations_panel.summary.text() == f"1 box on {name}, the selected tile's image"
    assert "W" not in w.annotations_panel.summary.text().replace(name, "")
    press(driver, K.Key_Escape)
    assert not g.active
    driver.key(K.Key_D)
    driver.wait_image()
    if store.annotations(w.current_id):
        assert "(W" not in w.annotations_panel.summary.text()
    else:
        assert w.annotations_panel.summary.text() == "No boxes on this image yet (W draws one)."
    assert first_image is not None
