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
    qtbot.waitUntil(lambda: w.saving.label.text() == "")  # told through the event loop


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


def two_runs_on_img1(w, driver) -> tuple[int, int]:
    """Two model runs with one overlapping 'cat' each on img1 (the fixture's own run is older)."""
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    store = w.store
    cat = store.label_by_name("cat").id
    image = driver.image_id("img1.jpg")
    runs = store.create_run("anthropic", "claude-test"), store.create_run("openai", "gpt-test")
    for run, x in zip(runs, (10, 15), strict=True):
        store.add_suggestions(run, image, [NewSuggestion(Kind.BOX, "cat", cat,
                                                         Box(x, 10, 100, 100), confidence=0.9)])
    w.show_image(image)
    driver.wait_image(image)
    return runs


def test_a_consensus_built_while_a_worker_writes(driver, project_folder, monkeypatch):
    """Review → Consensus of two runs…, Build clicked: the dialog says it builds, Build is off;
    once the lock is free the consensus lands: the review list marks it, the status bar says
    what it is and Ctrl+Z takes it back."""
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    two_runs_on_img1(w, driver)
    seen: dict = {}
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        def build(dialog) -> None:
            qtbot.mouseClick(dialog.build_button, LEFT)
            seen["text"] = dialog.problem.text()
            seen["build on"] = dialog.build_button.isEnabled()
            qtbot.waitUntil(lambda: w.runner.busy)
            seen["on disk"] = on_disk(store, "SELECT count(*) FROM runs WHERE kind = 'consensus'")
            held.release()

        when_modal(qtbot, build)
        choose(w, qtbot, "Review", "Consensus of two runs…")
    assert held.places == []
    assert seen == {"text": "Building the consensus…", "build on": False, "on disk": [(0,)]}
    lst = w.review_panel.list
    assert any("agreed" in lst.item(r).text() for r in range(lst.count()))
    assert "agree" in w.statusBar().currentMessage()
    assert on_disk(store, "SELECT count(*) FROM runs WHERE kind = 'consensus'") == [(1,)]
    assert w.actions_by_id["undo"].isEnabled()


def reviewed_img2(w, driver) -> int:
    """img2 (the fixture's drawn 'dog' box) finished with Space: it may be an example."""
    img2 = driver.image_id("img2.png")
    w.show_image(img2)
    driver.wait_image(img2)
    driver.key(Qt.Key.Key_Space)
    driver.qtbot.waitUntil(lambda: w.store.image(img2).review_state == "done")
    w.show_image(img2)
    driver.wait_image(img2)
    driver.qtbot.waitUntil(lambda: w.store.pending_count == 0)
    return img2


def test_an_example_kept_while_a_worker_writes(driver, project_folder, monkeypatch):
    """Review → Use this image as an example: the status bar says it is being kept; once the
    lock is free it says the image is an example, and the project file holds it."""
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    img2 = reviewed_img2(w, driver)
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        choose(w, qtbot, "Review", "Use this image as an example")
        assert w.statusBar().currentMessage() == "Keeping img2.png as an example…"
        assert on_disk(store, "SELECT count(*) FROM prompt_examples") == [(0,)]
        held.release()
        qtbot.waitUntil(lambda: w.statusBar().currentMessage().startswith(
            "img2.png is now an example of dog"), timeout=20_000)
    assert held.places == []
    assert on_disk(store, "SELECT image_id FROM prompt_examples") == [(img2,)]


def test_an_example_removed_in_the_dialog_while_a_worker_writes(driver, project_folder,
                                                                monkeypatch):
    """Review → Examples in the prompt…, the picked example clicked and Remove clicked:
    "Saving…" with the buttons off; once the lock is free the list no longer shows it."""
    from glancelabel.core.store.examples import add_example

    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    img2 = reviewed_img2(w, driver)
    assert add_example(store, store.label_by_name("dog").id, img2)
    seen: dict = {}
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        def remove(dialog) -> None:
            listing = dialog.listing
            seen["before"] = [listing.item(i).text() for i in range(listing.count())]
            qtbot.mouseClick(listing.viewport(), LEFT,
                             pos=listing.visualItemRect(listing.item(0)).center())
            qtbot.mouseClick(dialog.remove_button, LEFT)
            seen["saving"] = (dialog.summary.text(), dialog.remove_button.isEnabled())
            seen["on disk"] = on_disk(store, "SELECT count(*) FROM prompt_examples")
            held.release()
            qtbot.waitUntil(dialog.remove_button.isEnabled, timeout=20_000)
            seen["after"] = [listing.item(i).text() for i in range(listing.count())]
            dialog.reject()

        when_modal(qtbot, remove)
        choose(w, qtbot, "Review", "Examples in the prompt…")
    assert held.places == []
    assert seen == {"before": ["dog: img2.png (picked, not sent)"], "saving": ("Saving…", False),
                    "on disk": [(1,)], "after": []}
    assert on_disk(store, "SELECT count(*) FROM prompt_examples") == [(0,)]


def test_a_sample_extended_with_k_while_a_worker_writes(driver, project_folder, monkeypatch):
    """K in a spot-check whose whole sample left the verdict open: the panel says it draws
    more images, its buttons off; once the lock is free the list walks the larger sample."""
    from glancelabel.core.model import Box, Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    run = store.create_run("fake", "m")
    cat = store.label_by_name("cat").id
    names = ["img1.jpg", "img2.png", "img3.jpg", "img4.jpg"]
    for name in names:
        store.add_suggestions(run, driver.image_id(name), [
            NewSuggestion(Kind.BOX, "cat", cat, Box(1, 1, 9, 9), None, 0.9)])
    audit = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.25, seed=1))
    assert w.spot_check.start(audit)
    sampled = w.spot_check.panel.sample_ids()
    for _ in sampled:
        driver.key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.spot_check.panel.extend_button.isEnabled())
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        driver.key(Qt.Key.Key_K)
        panel = w.spot_check.panel
        assert panel.message.text() == "Drawing more images…"
        assert not panel.extend_button.isEnabled() and not panel.accept_button.isEnabled()
        held.release()
        qtbot.waitUntil(lambda: len(panel.sample_ids()) > len(sampled), timeout=20_000)
    assert held.places == []
    assert w.statusBar().currentMessage().startswith("Added ")
    assert w.image_panel.model.rowCount() == len(panel.sample_ids())
    assert on_disk(store, "SELECT count(*) FROM audit_images WHERE audit_id = ?", (audit,)) == [
        (len(panel.sample_ids()),)]


def test_an_image_found_missing_while_a_worker_writes(driver, project_folder, monkeypatch):
    """End goes to img4.jpg, deleted from the folder meanwhile: the canvas says it is missing at
    once; the project file marks it missing once the lock is free."""
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    (project_folder / "img4.jpg").unlink()
    img4 = driver.image_id("img4.jpg")
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        driver.key(Qt.Key.Key_End)
        qtbot.waitUntil(lambda: "missing" in w.canvas.message(), timeout=10_000)
        assert w.current_id == img4
        assert w.canvas.message().startswith("img4.jpg is missing from the folder")
        assert on_disk(store, "SELECT file_state FROM images WHERE id = ?", (img4,)) != [
            ("missing",)]
        held.release()
        qtbot.waitUntil(lambda: on_disk(store, "SELECT file_state FROM images WHERE id = ?",
                                        (img4,)) == [("missing",)], timeout=20_000)
    assert held.places == []
    assert store.image(img4).file_state == "missing"


def test_a_large_undo_while_a_worker_writes(driver, project_folder, monkeypatch):
    """Ctrl+Z of a change set too large to lay over the window's reads (here: more than one
    row change) while the lock is held: no wait; "Saving 1 decision…" and the Edit menu offers
    the redo at once; the canvas shows the undone state once the lock is free and the project
    file holds it."""
    from glancelabel.core.store import pending

    monkeypatch.setattr(pending, "MAX_QUEUED_CHANGES", 1)
    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    img1 = driver.image_id("img1.jpg")
    w.show_image(img1)
    driver.wait_image(img1)
    driver.key(Qt.Key.Key_X)  # reject both suggestions, img1 done (written: nothing holds the lock)
    qtbot.waitUntil(lambda: store.pending_count == 0)
    w.show_image(img1)
    driver.wait_image(img1)
    assert not [k for k in w.canvas.items_by_key if k[0] == "s"]
    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert w.saving.label.text() == "Saving 1 decision…"
        assert store.pending_unshown == 1
        assert w.actions_by_id["redo"].isEnabled()
        assert on_disk(store, "SELECT review_state FROM images WHERE id = ?", (img1,)) == [
            ("done",)]
        held.release()
        qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert held.places == []
    qtbot.waitUntil(lambda: len([k for k in w.canvas.items_by_key if k[0] == "s"]) == 2)
    qtbot.waitUntil(lambda: w.saving.label.text() == "")  # told through the event loop
    assert on_disk(store, "SELECT count(*) FROM suggestions WHERE image_id = ? AND state = "
                   "'pending'", (img1,)) == [(2,)]


def test_a_class_added_and_renamed_while_a_worker_writes(driver, project_folder, monkeypatch):
    """The Classes panel's "+" and Rename clicked while the lock is held: the panel lists the
    new class and then its new name at once; the project file holds it once the lock is free."""
    from dialogs_by_hand import type_and_ok
    from PySide6.QtWidgets import QToolButton

    w = driver.open(project_folder)
    store, qtbot = w.store, driver.qtbot
    panel = w.labels_panel

    def button(text: str) -> QToolButton:
        return next(b for b in panel.findChildren(QToolButton) if b.text() == text)

    def listed() -> list[str]:
        return [panel.list.item(r).text().split(maxsplit=1)[-1] for r in range(panel.list.count())]

    with held_elsewhere(monkeypatch, store.path, workers=False) as held:
        when_modal(qtbot, type_and_ok(qtbot, "owl"))
        qtbot.mouseClick(button("+"), LEFT)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        assert listed() == ["cat", "dog", "bird", "owl"]
        owl = panel.list.item(3)
        qtbot.mouseClick(panel.list.viewport(), LEFT, pos=panel.list.visualItemRect(owl).center())
        when_modal(qtbot, type_and_ok(qtbot, "eagle owl"))
        qtbot.mouseClick(button("Rename"), LEFT)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        assert listed() == ["cat", "dog", "bird", "eagle owl"]
        assert w.saving.label.text() == "Saving 2 decisions…"
        assert on_disk(store, "SELECT count(*) FROM labels") == [(3,)]
        held.release()
        qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert held.places == []
    assert on_disk(store, "SELECT name FROM labels ORDER BY position") == [
        ("cat",), ("dog",), ("bird",), ("eagle owl",)]
