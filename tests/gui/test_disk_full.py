"""A full disk under the open window: the edit is refused with the core's one sentence in the
status bar (not a raw OperationalError, not a crash), and nothing half-done is left behind."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from glancelabel.core.errors import storage_error
from glancelabel.core.model import Box

K = Qt.Key


def fill_the_disk(store, image_id: int, label_id: int) -> None:
    """SQLite's own "database or disk is full", for this store's connection: no page may be
    added any more, and the annotations' last page is filled up, so the next box needs a page."""
    conn = store._conn  # the connection the GUI thread writes on
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    for k in range(10_000):
        try:
            store.add_box(image_id, label_id, Box(k % 50, 1, 5, 5), mark_done=False)
        except sqlite3.OperationalError as exc:
            assert "full" in str(exc)
            return
    raise AssertionError("the database never became full")


def test_drawing_a_box_on_a_full_disk_says_so_in_one_sentence(driver, folder):
    w = driver.open(folder)
    driver.store.add_labels(["cat"])
    w.labels_panel.reload()
    cat = driver.store.label_by_name("cat").id
    img1, img2 = driver.image_id("img1.jpg"), driver.image_id("img2.png")
    driver.key(K.Key_D)  # broken.jpg -> img1.jpg
    driver.wait_image(img1)
    fill_the_disk(driver.store, img2, cat)

    driver.key(K.Key_W)
    driver.drag(100, 100, 300, 250)

    expected = storage_error(sqlite3.OperationalError("database or disk is full")).sentence
    assert expected.startswith("The disk holding the project file is full")
    assert w.statusBar().currentMessage() == expected
    assert driver.store.annotations(img1) == []  # the refused box left nothing behind
    assert w.canvas.items_by_key == {}
    # the window goes on: the next image is shown by key
    driver.key(K.Key_D)
    driver.wait_image(driver.image_id("img2.png"))
    assert w.isVisible()
