"""Glance review's Space (the page) and Enter (one tile) never wait for a worker's write lock:
with another connection holding it, the decision is queued like every other verb's, shown at
once, and in the project file once the lock is free (they began a write transaction on the GUI
thread, which waited for as long as the worker held the lock)."""

from __future__ import annotations

from lock_watch import held_elsewhere, on_disk
from test_glance_window import K, glance, many, open_glance, press  # noqa: F401 - fixtures

from glancelabel.core.model import SuggestionState


def test_space_on_a_glance_page_with_the_lock_held_elsewhere(glance, monkeypatch):  # noqa: F811
    driver, _messages = glance
    w, store = driver.window, driver.store
    open_glance(driver)
    page = [t.id for t in w.glance.page.tiles]
    with held_elsewhere(monkeypatch, w.store.path, workers=False) as held:
        press(driver, K.Key_Space)
        assert held.places == []  # no write transaction begun on the GUI thread
        assert all(store.suggestion(sid).state == SuggestionState.ACCEPTED for sid in page)
        accepted_on_disk = on_disk(store, "SELECT count(*) FROM suggestions WHERE state = ?",
                                   (SuggestionState.ACCEPTED.value,))
        assert accepted_on_disk == [(0,)]  # shown, still queued
        held.release()
        driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert on_disk(store, "SELECT count(*) FROM suggestions WHERE state = ?",
                   (SuggestionState.ACCEPTED.value,)) == [(len(page),)]


def test_enter_on_a_glance_tile_with_the_lock_held_elsewhere(glance, monkeypatch):  # noqa: F811
    driver, _messages = glance
    w, store = driver.window, driver.store
    open_glance(driver)
    first = w.glance.page.tiles[w.glance.tiles.selected].id
    with held_elsewhere(monkeypatch, w.store.path, workers=False) as held:
        press(driver, K.Key_Return)
        assert held.places == []
        assert store.suggestion(first).state == SuggestionState.ACCEPTED
        held.release()
        driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (first,)) == [
        (SuggestionState.ACCEPTED.value,)]


def test_a_page_a_larger_change_still_saving_refuses_is_said(glance, monkeypatch):  # noqa: F811
    """Space when the project refuses the page (a larger change of the window, still being
    saved, changes its rows): the sentence in the status bar and the page still open (it raised
    out of the key's handler unsaid)."""
    import glancelabel.gui.controllers.glance as controller
    from glancelabel.core.store.pending import BehindLargerChange

    driver, messages = glance
    w, store = driver.window, driver.store
    open_glance(driver)
    page = [t.id for t in w.glance.page.tiles]

    def refused(*_args, **_kwargs):
        raise BehindLargerChange()

    monkeypatch.setattr(controller, "decide_page", refused)
    monkeypatch.setattr(controller, "accept_tile", refused)
    press(driver, K.Key_Space)
    assert messages[-1].startswith("Not done: a larger change made just before it")
    press(driver, K.Key_Return)
    assert messages[-1].startswith("Not done: a larger change made just before it")
    assert [t.id for t in w.glance.page.tiles] == page
    assert all(store.suggestion(sid).state == SuggestionState.PENDING for sid in page)
