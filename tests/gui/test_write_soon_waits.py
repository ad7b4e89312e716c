"""A window write that runs on a background task because a worker holds the write lock
(gui/saving.py `write_soon`) waits for as long as the lock is held, not only SQLite's busy
timeout (10 s in the app, made 0.2 s here): an import publishing for longer must not fail a
spot-check drawn or an example kept meanwhile with "database is locked". The control says
what it waits for all that time, and the write lands once the lock is free."""

from __future__ import annotations

from lock_watch import held_elsewhere, on_disk
from menu_driving import choose
from PySide6.QtCore import Qt
from test_gui_thread_writes import reviewed_img2

from glancelabel.core.model import Box, Kind
from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.store.suggestions import NewSuggestion

BUSY_TIMEOUT = 0.2  # seconds a task's connection waits for the lock before SQLite gives up
HELD_MS = 1500  # the worker holds the lock for more than seven busy timeouts


def test_an_example_waits_for_a_lock_held_longer_than_the_busy_timeout(
        driver, project_folder, monkeypatch):
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    img2 = reviewed_img2(w, driver)
    store._timeout = BUSY_TIMEOUT  # the connections opened from now on (the task's)
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        choose(w, qtbot, "Review", "Use this image as an example")
        qtbot.wait(HELD_MS)
        assert w.statusBar().currentMessage() == "Keeping img2.png as an example…"
        assert on_disk(store, "SELECT count(*) FROM prompt_examples") == [(0,)]
        held.release()
        qtbot.waitUntil(lambda: w.statusBar().currentMessage().startswith(
            "img2.png is now an example of dog"), timeout=20_000)
    assert on_disk(store, "SELECT image_id FROM prompt_examples") == [(img2,)]


def test_a_sample_extension_waits_for_a_lock_held_longer_than_the_busy_timeout(
        driver, project_folder, monkeypatch):
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    run = store.create_run("fake", "m")
    cat = store.label_by_name("cat").id
    for name in ["img1.jpg", "img2.png", "img3.jpg", "img4.jpg"]:
        store.add_suggestions(run, driver.image_id(name), [
            NewSuggestion(Kind.BOX, "cat", cat, Box(1, 1, 9, 9), None, 0.9)])
    audit = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.25, seed=1))
    assert w.spot_check.start(audit)
    panel = w.spot_check.panel
    sampled = panel.sample_ids()
    for _ in sampled:
        driver.key(Qt.Key.Key_Space)
    qtbot.waitUntil(panel.extend_button.isEnabled)
    store._timeout = BUSY_TIMEOUT
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        driver.key(Qt.Key.Key_K)
        qtbot.wait(HELD_MS)
        assert panel.message.text() == "Drawing more images…"
        assert not panel.extend_button.isEnabled()
        assert "locked" not in w.statusBar().currentMessage()
        held.release()
        qtbot.waitUntil(lambda: len(panel.sample_ids()) > len(sampled), timeout=20_000)
    assert w.statusBar().currentMessage().startswith("Added ")
    assert on_disk(store, "SELECT count(*) FROM audit_images WHERE audit_id = ?", (audit,)) == [
        (len(panel.sample_ids()),)]
