"""A window write that is not a change set (gui/saving.py `write_soon`) and fails in the
database is said like any other failure, whether it ran at once or on a background task: a
full disk refusing Review → Use this image as an example is told in the status bar (the error
left the menu's slot unsaid when nothing else was writing)."""

from __future__ import annotations

from lock_watch import on_disk
from menu_driving import choose
from test_gui_thread_writes import reviewed_img2

FULL = "The disk holding the project file is full"


def test_an_example_the_disk_refuses_is_said(driver, project_folder):
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    reviewed_img2(w, driver)
    assert store.pending_count == 0  # nothing waits: the write runs at once, on the GUI thread
    # SQLite refuses the example's row as a full disk does
    store._main.conn.execute(
        "CREATE TEMP TRIGGER disk_full BEFORE INSERT ON main.prompt_examples "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    choose(w, qtbot, "Review", "Use this image as an example")
    assert w.statusBar().currentMessage().startswith(FULL)
    assert on_disk(store, "SELECT count(*) FROM prompt_examples") == [(0,)]
    store._main.conn.execute("DROP TRIGGER temp.disk_full")
    choose(w, qtbot, "Review", "Use this image as an example")  # room again: kept
    assert w.statusBar().currentMessage().startswith("img2.png is now an example of dog")
    assert on_disk(store, "SELECT count(*) FROM prompt_examples") == [(1,)]
