"""The GUI thread never waits for the project's write lock (issue 13): while another connection
holds it (a worker's long transaction: an import publishing its boxes, accept-the-rest, a batch
storing answers), every write the window makes outside a queued change set is queued behind the
window's decisions (a project setting) or runs on a background task with the control showing it
(a spot-check drawn, a sample extended, a consensus built, an example kept, an image found
missing). Each test drives the real window by menus, keys and clicks with the lock held
elsewhere (tests/gui/lock_watch.py), checks what the window shows meanwhile and that the GUI
thread began no write transaction, then releases the lock and checks what the project file
holds."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from control_walk import Answerer, Problems, click_window_buttons, walk_menus
from dialogs_by_hand import click_button, when_modal
from lock_watch import held_elsewhere, on_disk
from menu_driving import choose
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.suggest.ask import INSTRUCTIONS_META_KEY

pytestmark = pytest.mark.timeout(600)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def watch(qtbot, monkeypatch):
    problems = Problems()
    monkeypatch.setattr(sys, "excepthook", problems.hook)
    monkeypatch.setattr(threading, "excepthook", problems.thread_hook)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    logging.getLogger().addHandler(problems)
    answerer = Answerer(qtbot, problems, [])
    yield answerer
    answerer.stop()
    logging.getLogger().removeHandler(problems)


def test_walking_every_control_with_the_lock_held_elsewhere(driver, project_folder, watch,
                                                            monkeypatch):
    """Every button, menu item and dialog button of the window, clicked while another
    connection holds the write lock: the GUI thread begins no write transaction."""
    w = driver.open(project_folder)
    qtbot = driver.qtbot
    with held_elsewhere(monkeypatch, w.store.path) as held:
        watch.timer.stop()  # this dialog is answered here: Create, then its spot-check mode
        when_modal(qtbot, lambda dialog: (click_button(qtbot, dialog), qtbot.waitUntil(
            lambda: not dialog.isVisible(), timeout=20_000)))
        choose(w, qtbot, "Review", "Start spot-check…")
        watch.timer.start()
        assert w.spot_check.active
        seen: set = set()
        click_window_buttons(w, watch, title_bars=False, done=seen)
        triggered, _ = walk_menus(w, watch, seen)
        click_window_buttons(w, watch, title_bars=False)
    assert len(triggered) >= 30
    assert held.places == []


def test_a_spot_check_is_drawn_while_a_worker_writes(driver, project_folder, monkeypatch):
    """Review → Start spot-check…, Create clicked: the dialog says it draws the sample, Create
    is off, and the window's loop runs on; once the lock is free the spot-check is stored and
    its mode starts (and the project remembers it)."""
    w = driver.open(project_folder)
    qtbot = driver.qtbot
    seen: dict = {}
    with held_elsewhere(monkeypatch, w.store.path, workers=False) as held:
        def create(dialog) -> None:
            click_button(qtbot, dialog)
            seen["text"] = dialog.estimate.text()
            seen["create on"] = dialog.create_button.isEnabled()
            qtbot.waitUntil(lambda: w.runner.busy)  # the task waits for the lock meanwhile
            seen["open"] = dialog.isVisible()
            seen["on disk"] = on_disk(w.store, "SELECT count(*) FROM audits")
            held.release()

        when_modal(qtbot, create)
        choose(w, qtbot, "Review", "Start spot-check…")
        qtbot.waitUntil(lambda: w.spot_check.active, timeout=20_000)
    assert held.places == []
    assert seen == {"text": "Drawing the sample…", "create on": False, "open": True,
                    "on disk": [(0,)]}
    audit = w.store.latest_audit_id()
    assert on_disk(w.store, "SELECT count(*) FROM audits") == [(1,)]
    qtbot.waitUntil(lambda: w.store.pending_count == 0)
    assert on_disk(w.store, "SELECT value FROM meta WHERE key = 'spot_check_mode'") == [
        (str(audit),)]


def test_leaving_a_spot_check_while_a_worker_writes(driver, project_folder, monkeypatch):
    """Review → Leave spot-check: the whole folder is listed again at once; the project
    forgets the mode once the lock is free."""
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    run = store.runs()[-1].id
    audit = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=1.0, seed=1))
    assert w.spot_check.start(audit)
    qtbot.waitUntil(lambda: store.pending_count == 0)
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        choose(w, qtbot, "Review", "Leave spot-check")
        assert not w.spot_check.active
        assert w.statusBar().currentMessage() == (
            "Left the spot-check: the whole folder is shown again.")
        assert w.image_panel.model.rowCount() == 5
        assert w.saving.label.text() == "Saving 1 decision…"
        assert on_disk(store, "SELECT value FROM meta WHERE key = 'spot_check_mode'") == [
            (str(audit),)]
        held.release()
        qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert held.places == []
    assert on_disk(store, "SELECT value FROM meta WHERE key = 'spot_check_mode'") == [("",)]
    assert w.saving.label.text() == ""


def test_the_prompt_saved_while_a_worker_writes(driver, project_folder, monkeypatch):
    """Review → Prompt…, instructions typed, Save: the dialog closes at once, opening it again
    shows them; the project file holds them once the lock is free."""
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    typed = "Label every cat; ignore drawings of cats."
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        def write(dialog) -> None:
            qtbot.mouseClick(dialog.instructions.viewport(), LEFT)
            qtbot.keyClicks(dialog.instructions, typed)
            click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)

        when_modal(qtbot, write)
        choose(w, qtbot, "Review", "Prompt…")
        assert QApplication.activeModalWidget() is None
        shown: list = []
        when_modal(qtbot, lambda dialog: (shown.append(dialog.instructions.toPlainText()),
                                          dialog.reject()))
        choose(w, qtbot, "Review", "Prompt…")
        assert shown == [typed]
        assert on_disk(store, "SELECT value FROM meta WHERE key = ?",
                       (INSTRUCTIONS_META_KEY,)) == []
        held.release()
        qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert held.places == []
    assert on_disk(store, "SELECT value FROM meta WHERE key = ?", (INSTRUCTIONS_META_KEY,)) == [
        (typed,)]
