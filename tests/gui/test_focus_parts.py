"""F6 / Shift+F6 move the keyboard focus between the window's parts. On the canvas, Tab picks the
next box, so without them a person with only a keyboard could not reach the panels' lists and
buttons (nor come back to the image from them but by tabbing through every control)."""

from __future__ import annotations

import pytest
from dialogs_by_hand import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QToolButton

from glancelabel.gui import icons

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_f6_walks_the_canvas_and_every_panel_and_back(driver, project_folder, qtbot):
    w = driver.open(project_folder)
    assert QApplication.focusWidget() is w.canvas
    driver.key(K.Key_Tab)  # Tab on the canvas selects a box: the focus stays
    assert QApplication.focusWidget() is w.canvas

    driver.key(K.Key_F6)  # each panel's list: its main content
    assert QApplication.focusWidget() is w.image_panel.view
    assert "Images panel" in w.statusBar().currentMessage()
    driver.key(K.Key_F6)
    assert QApplication.focusWidget() is w.labels_panel.list
    driver.key(K.Key_F6)
    assert QApplication.focusWidget() is w.review_panel.list
    driver.key(K.Key_F6)
    assert QApplication.focusWidget() is w.annotations_panel.table
    driver.key(K.Key_F6)  # round to the image again
    assert QApplication.focusWidget() is w.canvas
    assert "Keys now go to the image" in w.statusBar().currentMessage()

    driver.key(K.Key_F6, SHIFT)  # backwards: the last panel
    assert QApplication.focusWidget() is w.annotations_panel.table
    driver.key(K.Key_F6, SHIFT)
    assert QApplication.focusWidget() is w.review_panel.list


def test_f6_from_the_image_list_gives_the_keys_back_to_the_image(driver, project_folder, qtbot):
    w = driver.open(project_folder)
    driver.key(K.Key_F6)
    view = w.image_panel.view
    view.setFocus()  # (the list itself: Tab from the filter reaches it the same way)
    qtbot.keyClick(view, K.Key_End)
    driver.wait_image(driver.image_id("img4.jpg"))
    # a hidden panel is passed over
    w.frame.main_dock("labels").hide()
    w.frame.main_dock("review").hide()
    w.frame.main_dock("annotations").hide()
    driver.key(K.Key_F6)
    assert QApplication.focusWidget() is w.canvas
    driver.key(K.Key_Home)  # the canvas has the keys: Home goes to the first image
    driver.wait_image(driver.image_id("broken.jpg"))
    assert w.status_index.text() == "1 / 5"


def _name(widget) -> str:
    return widget.objectName() or (widget.text() if isinstance(widget, QToolButton) else "")


def test_tab_reaches_every_control_of_the_panels_in_order(driver, project_folder, qtbot):
    """From the image list, Tab walks each panel's list, buttons and fields, top to bottom, and
    ends on the image; no list, table or text field keeps the Tab for itself."""
    w = driver.open(project_folder)
    driver.key(K.Key_F6)
    seen = []
    for _ in range(40):
        focus = QApplication.focusWidget()
        if focus is w.canvas:
            break
        seen.append(_name(focus))
        driver.key(K.Key_Tab)
    assert QApplication.focusWidget() is w.canvas
    assert seen == ["imageList", "labelList", "+", "Rename", "Colour", "↑", "↓", "Delete", "Import",
                    "labelDescription", "", "confidenceSlider", "suggestionList", "Accept",
                    "Reject", "All ✓", "All ✗", "Map…", "Ask AI", "annotationTable", "addTag"]
    driver.key(K.Key_F6)
    driver.key(K.Key_Tab, SHIFT)  # Shift+Tab from the list: the search field, then the filter
    assert QApplication.focusWidget() is w.image_panel.search_edit


def test_a_class_is_added_and_the_threshold_set_by_keys_alone(driver, project_folder, qtbot):
    w = driver.open(project_folder)
    driver.key(K.Key_F6)
    driver.key(K.Key_F6)  # the Classes list
    driver.key(K.Key_Tab)  # its + button
    plus = QApplication.focusWidget()
    assert isinstance(plus, QToolButton) and plus.text() == "+"

    def answer(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        qtbot.keyClicks(QApplication.focusWidget(), "fox")
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Return)

    when_modal(qtbot, answer)
    driver.key(K.Key_Space)
    qtbot.waitUntil(lambda: driver.store.label_by_name("fox") is not None)
    assert [lab.name for lab in driver.store.labels()] == ["cat", "dog", "bird", "fox"]
    w.activateWindow()  # (what the window manager does when the dialog closes)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is plus)  # the keys are where they were

    driver.key(K.Key_F6)  # Suggestions: its list; Shift+Tab to the slider above it
    driver.key(K.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is w.review_panel.slider
    before = w.queue.threshold
    driver.key(K.Key_PageUp)
    qtbot.waitUntil(lambda: w.queue.threshold > before)


def test_f1_keys_below_the_fold_are_read_by_keys(driver, folder, qtbot):
    """F1 lists more keys than its window shows: Tab from the filter goes to the list, and End /
    Page Up scroll it (the list took no focus, so only a mouse could scroll it)."""
    driver.open(folder)
    seen = {}

    def steps(dialog) -> None:
        tree = dialog.tree
        bar = tree.verticalScrollBar()
        seen["scrolls"] = bar.maximum() > 0
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Tab)
        seen["focus"] = QApplication.focusWidget() is tree
        qtbot.keyClick(tree, K.Key_End)
        seen["at_end"] = bar.value() == bar.maximum()
        last = tree.topLevelItem(tree.topLevelItemCount() - 1)
        seen["last"] = last.child(last.childCount() - 1).text(0)
        qtbot.keyClick(tree, K.Key_Escape)

    when_modal(qtbot, steps)
    driver.key(K.Key_F1)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert seen == {"scrolls": True, "focus": True, "at_end": True, "last": "About GlanceLabel"}


@pytest.fixture
def app_style(qapp):
    previous = qapp.styleSheet()
    qapp.setStyleSheet(icons.stylesheet())  # as the app runs: its own style sheet
    yield
    qapp.setStyleSheet(previous)


def test_the_part_with_the_keys_shows_a_highlighted_border(driver, project_folder, qtbot, app_style):
    w = driver.open(project_folder)
    highlight = w.palette().color(w.palette().ColorRole.Highlight).rgb()

    def edge(widget) -> int:
        return widget.grab().toImage().pixel(0, widget.height() // 2)

    assert QApplication.focusWidget() is w.canvas
    assert edge(w.canvas) == highlight
    driver.key(K.Key_F6)  # the image list has the keys now
    assert edge(w.canvas) != highlight
    assert edge(w.image_panel.view) == highlight
    driver.key(K.Key_Tab)  # the Classes list
    assert edge(w.image_panel.view) != highlight
    assert edge(w.labels_panel.list) == highlight
    driver.key(K.Key_Tab)  # its + button
    plus = QApplication.focusWidget()
    assert edge(plus) == highlight


def _tab_to(driver, widget) -> None:
    for _ in range(15):
        if QApplication.focusWidget() is widget:
            return
        driver.key(K.Key_Tab)
    raise AssertionError(f"Tab did not reach {widget.objectName()}")


def test_a_typed_class_description_is_kept_when_the_keys_move_on(driver, project_folder, qtbot):
    """Typed into a class's description, then F6 (or another class picked): the text is that
    class's description; it was dropped without a word unless Save description was pressed."""
    w = driver.open(project_folder)
    panel = w.labels_panel
    driver.keys(K.Key_F6, K.Key_F6)
    assert QApplication.focusWidget() is panel.list
    driver.key(K.Key_Home)
    assert panel.list.currentItem().text().endswith("cat")
    _tab_to(driver, panel.description)
    qtbot.keyClicks(panel.description, "a small pet")
    driver.key(K.Key_F6)  # the keys go to the Suggestions panel
    assert driver.store.label_by_name("cat").description == "a small pet"

    driver.key(K.Key_F6, SHIFT)  # back to the Classes list
    assert QApplication.focusWidget() is panel.list
    driver.key(K.Key_Down)  # dog
    assert panel.list.currentItem().text().endswith("dog")
    _tab_to(driver, panel.description)
    qtbot.keyClicks(panel.description, "barks")
    w.labels_panel.reload()  # the panel shown anew (as after a change elsewhere) while typing
    assert driver.store.label_by_name("dog").description == "barks"
    assert panel.description.toPlainText() == "barks"
    assert driver.store.label_by_name("cat").description == "a small pet"
    driver.key(K.Key_F6)  # to the Suggestions panel: Ctrl+Z there is the window's undo
    driver.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)  # takes dog's description back
    qtbot.waitUntil(lambda: driver.store.label_by_name("dog").description == "")
    assert panel.description.toPlainText() == ""
    assert driver.store.label_by_name("cat").description == "a small pet"


def test_the_review_keys_work_in_the_suggestion_list(driver, project_folder, qtbot):
    """F1 says Enter or Y accepts the selected suggestion and Delete rejects it; in the
    Suggestions list, a suggestion picked there sent the keys on to the canvas at once, so the
    list could not be walked with the arrows. Picked by keys, they stay in the list, and Enter,
    Y, Delete and Space work there."""
    w = driver.open(project_folder)
    img1 = driver.image_id("img1.jpg")
    driver.key(K.Key_D)
    driver.wait_image(img1)
    driver.keys(K.Key_F6, K.Key_F6, K.Key_F6)
    view = w.review_panel.list
    assert QApplication.focusWidget() is view
    driver.key(K.Key_Home)  # the cat suggestion
    assert "cat" in view.currentItem().text()
    driver.key(K.Key_Return)
    qtbot.waitUntil(lambda: [a.label_id for a in driver.store.annotations(img1)]
                    == [driver.store.label_by_name("cat").id])
    assert QApplication.focusWidget() is view  # the keys stay in the list, on the next one
    assert "zebra" in view.currentItem().text()
    driver.key(K.Key_Delete)
    qtbot.waitUntil(lambda: sorted((s.raw_label, s.state) for s in driver.store.suggestions(img1))
                    == [("cat", "accepted"), ("zebra", "rejected")])


def test_a_suggestion_clicked_in_the_list_still_sends_the_keys_to_the_canvas(driver, project_folder, qtbot):
    w = driver.open(project_folder)
    img1 = driver.image_id("img1.jpg")
    driver.key(K.Key_D)
    driver.wait_image(img1)
    view = w.review_panel.list
    row = view.visualItemRect(view.item(1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert view.currentRow() == 1
    assert QApplication.focusWidget() is w.canvas
