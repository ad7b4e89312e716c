"""D (and →) on the last image of the list does what it does on any other image, and says that
there is no image after it; A on the first image says the same of the start. Keys only, checked
against the status bar and the project file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from review_kit import store_suggestions

from glancelabel.core.model import Box, ReviewState

K = Qt.Key


def at_the_end(d):
    d.key(K.Key_End)
    d.wait_image(d.image_id("img4.jpg"))
    return d


@pytest.fixture
def plain(driver, folder):
    """The folder with the class cat and no suggestions, on its last image, img4.jpg."""
    driver.open(folder)
    driver.store.add_labels(["cat"])
    return at_the_end(driver)


@pytest.fixture
def project(driver, folder):
    """cat is a class; img4.jpg, the last image, has two 'cat' suggestions."""
    driver.open(folder)
    store = driver.store
    store.add_labels(["cat"])
    cat = store.label_by_name("cat").id
    store_suggestions(driver, {"img4.jpg": [("cat", cat, 0.9, Box(50, 50, 100, 100)),
                                            ("cat", cat, 0.8, Box(300, 300, 80, 80))]})
    return at_the_end(driver)


def status(d) -> str:
    return d.window.statusBar().currentMessage()


def test_d_after_deciding_on_the_last_image_marks_it_done_and_says_it_is_the_last(project):
    d = project
    img4 = d.image_id("img4.jpg")
    d.keys(K.Key_Return, K.Key_Return)  # both suggestions accepted: nothing left pending
    assert d.store.image(img4).review_state == ReviewState.NEW
    d.key(K.Key_D)
    assert d.window.current_id == img4
    assert d.store.image(img4).review_state == ReviewState.DONE
    assert status(d) == "Marked img4.jpg done; it is the last image in the list."
    assert d.window.actions_by_id["undo"].text() == "Undo: mark img4.jpg done"


def test_d_on_the_untouched_last_image_says_so_and_changes_nothing(plain):
    d = plain
    img4 = d.image_id("img4.jpg")
    d.key(K.Key_D)
    assert d.window.current_id == img4
    assert status(d) == "img4.jpg is the last image in the list."
    d.key(K.Key_Right)
    assert status(d) == "img4.jpg is the last image in the list."
    assert d.store.image(img4).review_state == ReviewState.NEW
    assert not d.window.undo_stack.can_undo()


def test_d_on_the_last_image_with_a_suggestion_pending_says_both(project):
    d = project
    img4 = d.image_id("img4.jpg")
    d.key(K.Key_Return)  # one decided, one still pending
    d.key(K.Key_D)
    assert d.store.image(img4).review_state == ReviewState.NEW
    assert status(d) == ("img4.jpg is not done: 1 suggestion still pending (Enter accepts, "
                         "N rejects, Space accepts all); it is the last image in the list.")


def test_a_on_the_first_image_says_it_is_the_first(plain):
    d = plain
    d.key(K.Key_Home)
    first = d.window.image_panel.model.ids()[0]
    d.wait_image(first)
    name = d.store.image(first).relpath
    d.key(K.Key_A)
    assert d.window.current_id == first
    assert status(d) == f"{name} is the first image in the list."
