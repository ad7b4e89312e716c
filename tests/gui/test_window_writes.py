"""The window never waits for a worker's write transaction (core/store/pending.py, gui/saving.py):
a key pressed while an import publishes its boxes, or while accept-the-rest writes, is shown at
once, is in the project file once the worker's transaction ends, survives the window's close, and
undoes. The window's connection waits 0 ms here: any wait for the lock would be an error."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from import_kit import hundred_car_boxes
from lock_watch import held_elsewhere, on_disk
from PySide6.QtCore import Qt
from review_kit import store_suggestions

from fakes.full_disk import full_disk_for_queued_writes
from fakes.killed_app import killed_while_queued
from glancelabel.core.formats import ImportPlan
from glancelabel.core.model import Box, ReviewState, SuggestionState
from glancelabel.core.store import Store
from glancelabel.gui.dialogs.import_dialog import ImportDialog

K = Qt.Key


def opened_with_suggestions(driver, folder):
    """The window on img1.jpg with two pending 'cat' suggestions; its connection waits 0 ms."""
    w = driver.open(folder)
    w.store.add_labels(["cat"])
    cat = w.store.label_by_name("cat").id
    ids = store_suggestions(driver, {"img1.jpg": [("cat", cat, 0.9, Box(10, 10, 50, 50)),
                                                  ("cat", cat, 0.8, Box(100, 100, 60, 60))]})
    img1 = driver.image_id("img1.jpg")
    w.show_image(img1)
    driver.wait_image(img1)
    w.store._main.conn.execute("PRAGMA busy_timeout = 0")  # a wait would be an error
    return w, img1, ids["img1.jpg"]


@contextmanager
def import_publishing(driver, w, tmp_path, monkeypatch):
    """File > Import's worker holds the write lock in the middle of publishing 100 boxes (on
    img2 and img4) for the length of the block; yields the event that lets it go on, and waits
    for the import to land at the end."""
    publishing, go = threading.Event(), threading.Event()
    real = Store._publish

    def held(c, table, stage, columns):
        out = real(c, table, stage, columns)
        publishing.set()
        assert go.wait(20)
        return out

    monkeypatch.setattr(Store, "_publish", staticmethod(held))
    coco = hundred_car_boxes(tmp_path)
    dialog = ImportDialog(w.store, w.folder, w, tasks=w.runner, plan=ImportPlan("coco", coco))
    driver.qtbot.addWidget(dialog)
    dialog.imported.connect(w.project.imported)
    done: list = []
    dialog.imported.connect(done.append)
    dialog.start()
    assert publishing.wait(20)
    try:
        yield go
    finally:
        go.set()
        driver.qtbot.waitUntil(lambda: bool(done) or w.is_closed, timeout=30_000)


def test_a_decision_during_an_import_publish_is_shown_at_once_and_written_after(
        driver, folder, tmp_path, monkeypatch):
    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    store = w.store
    with import_publishing(driver, w, tmp_path, monkeypatch):
        driver.key(K.Key_Return)  # accept the first suggestion: no wait for the import
        keys = set(w.canvas.items_by_key)
        accepted = [k for k in keys if k[0] == "a"]
        assert ("s", a) not in keys and ("s", b) in keys and len(accepted) == 1
        assert not w.canvas.items_by_key[accepted[0]].spec.dashed  # drawn as an annotation
        assert store.suggestion(a).state == SuggestionState.ACCEPTED
        model = w.image_panel.model
        row = model.data(model.index(model.row_of(img1)))
        assert "◌1" in row and "◌2" not in row  # the list's count of pending suggestions
        assert w.saving.label.text() == "Saving 1 decision…"
        assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (a,)) == [("pending",)]
    driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (a,)) == [("accepted",)]
    assert on_disk(store, "SELECT count(*) FROM annotations WHERE suggestion_id = ?", (a,)) == [(1,)]
    assert on_disk(store, "SELECT count(*) FROM annotations WHERE source = 'import'") == [(100,)]
    verbs = [v for (v,) in on_disk(store, "SELECT verb FROM events ORDER BY id")]
    assert verbs[-2:] == ["import.annotations", "suggestion.accept"]
    driver.qtbot.waitUntil(lambda: w.saving.label.text() == "")
    assert [k for k in w.canvas.items_by_key if k[0] == "a"] == [
        ("a", store.annotations(img1)[0].id)]  # read again: the id the file gave it


def test_close_with_a_queued_decision_writes_it(driver, folder, tmp_path, monkeypatch):
    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    with import_publishing(driver, w, tmp_path, monkeypatch) as go:
        driver.key(K.Key_X)  # reject both and mark img1 done: queued
        assert w.store.image(img1).review_state == ReviewState.DONE
        assert w.store.pending_count == 1
        threading.Timer(0.3, go.set).start()  # the import ends while the window closes
        driver.close()
    w = driver.open(folder)
    store = w.store
    assert store.image(img1).review_state == ReviewState.DONE
    assert {s.state for s in store.suggestions(img1)} == {SuggestionState.REJECTED}
    assert store.scalar("SELECT count(*) FROM annotations WHERE source = 'import'") == 100


def test_undo_and_redo_of_a_queued_decision(driver, folder, tmp_path, monkeypatch):
    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    store = w.store
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    with import_publishing(driver, w, tmp_path, monkeypatch):
        driver.key(K.Key_Return)
        assert store.suggestion(a).state == SuggestionState.ACCEPTED
        driver.key(K.Key_Z, ctrl)  # queued behind the decision it takes back
        assert {("s", a), ("s", b)} <= set(w.canvas.items_by_key)  # dashed again
        assert not [k for k in w.canvas.items_by_key if k[0] == "a"]
        assert store.suggestion(a).state == SuggestionState.PENDING
        assert w.saving.label.text() == "Saving 2 decisions…"
        assert w.statusBar().currentMessage().startswith("Undid: ")
        driver.key(K.Key_Z, ctrl | shift)
        assert store.suggestion(a).state == SuggestionState.ACCEPTED
        assert len([k for k in w.canvas.items_by_key if k[0] == "a"]) == 1
        assert w.saving.label.text() == "Saving 3 decisions…"
    driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (a,)) == [("accepted",)]
    assert on_disk(store, "SELECT count(*) FROM annotations WHERE suggestion_id = ?", (a,)) == [(1,)]
    verbs = [v for (v,) in on_disk(store, "SELECT verb FROM events ORDER BY id")]
    assert verbs[-4:] == ["import.annotations", "suggestion.accept", "undo:suggestion.accept",
                          "suggestion.accept"]


def test_a_decision_during_a_long_accept_the_rest(driver, folder, monkeypatch):
    """Accept-the-rest of a spot-check on img2-img4 (another run) holds the write lock; N on
    img1 rejects a suggestion at once, and both land."""
    from glancelabel.core.model import Kind
    from glancelabel.core.spotcheck.sample import SpotCheckPlan, accept_rest, create_spot_check
    from glancelabel.core.store.suggestions import NewSuggestion

    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    store = w.store
    run = store.create_run("fake", "checked")
    others = [driver.image_id(n) for n in ("img2.png", "img3.jpg", "img4.jpg")]
    for i in others:
        store.add_suggestions(run, i, [NewSuggestion(Kind.BOX, "cat", 1, Box(1, 1, 9, 9), None,
                                                     0.9)])
    audit = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.3, seed=1))
    writing, go = threading.Event(), threading.Event()
    real = Store.accept_suggestions

    def held(self, ids, **kw):
        out = real(self, ids, **kw)
        if kw.get("decided_by") == "spot-check":  # the worker, inside accept-the-rest's write
            writing.set()
            assert go.wait(20)
        return out

    monkeypatch.setattr(Store, "accept_suggestions", held)
    result: list = []
    w.runner.run(accept_rest, store, audit, force=True, on_result=result.append)
    assert writing.wait(20)
    try:
        driver.key(K.Key_N)  # reject the first suggestion on img1
        assert store.suggestion(a).state == SuggestionState.REJECTED
        assert ("s", a) not in w.canvas.items_by_key
        assert store.pending_count == 1
    finally:
        go.set()
    driver.qtbot.waitUntil(lambda: bool(result) and store.pending_count == 0, timeout=20_000)
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (a,)) == [("rejected",)]
    assert on_disk(store, "SELECT count(*) FROM suggestions WHERE run_id = ? AND state = "
                   "'accepted'", (run,)) == [(len(result[0].accepted),)]
    assert len(result[0].accepted) >= 1


def test_a_full_disk_keeps_a_queued_decision_says_so_and_asks_before_closing(
        driver, folder, tmp_path, monkeypatch):
    """The import ends, and the disk refuses the window's queued accept: the decision stays on
    the canvas, the status bar says it is not saved and why, closing asks (and stays open when
    the person keeps the window); once the disk has room it is written and the mark goes."""
    from PySide6.QtWidgets import QMessageBox

    from glancelabel.core.store import pending

    monkeypatch.setattr(pending, "RETRY_SECONDS", 0.05, raising=False)
    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    store = w.store
    full = full_disk_for_queued_writes(monkeypatch)
    said: list[str] = []
    w.statusBar().messageChanged.connect(said.append)
    try:
        with import_publishing(driver, w, tmp_path, monkeypatch):
            driver.key(K.Key_Return)
        driver.qtbot.waitUntil(lambda: w.saving.label.text() == "Not saved: 1 decision",
                               timeout=20_000)
        assert w.saving.label.toolTip().startswith("The disk holding the project file is full")
        assert ("The disk holding the project file is full: free some space and try again; "
                "everything saved before is intact. 1 decision is not saved yet: it stays as "
                "made and is saved as soon as the project file can be written.") in said
        assert store.suggestion(a).state == SuggestionState.ACCEPTED
        assert len([k for k in w.canvas.items_by_key if k[0] == "a"]) == 1  # still drawn
        asked: list = []

        def keep_open(_parent, title, text, *_a):
            asked.append((title, text))
            return QMessageBox.StandardButton.Cancel

        monkeypatch.setattr(QMessageBox, "question", keep_open)
        w.close()
        assert not w.is_closed and w.isVisible()
        assert asked and asked[0][0] == "Decisions not saved"
        assert "1 decision is not saved. Close the window and lose it?" in asked[0][1]
    finally:
        full.clear()  # the disk has room again
    driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    driver.qtbot.waitUntil(lambda: w.saving.label.text() == "")
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (a,)) == [("accepted",)]


def test_decisions_left_by_a_killed_app_are_written_and_said_at_the_next_open(
        driver, folder):
    """GlanceLabel killed while an accept on img1 waited behind a worker's write: opening the
    folder again writes it and the status bar says so."""
    w, img1, (a, _b) = opened_with_suggestions(driver, folder)
    path = w.store.path
    driver.close()
    killed_while_queued(path, "queued", a)
    w = driver.open(folder)
    assert w.statusBar().currentMessage() == (
        "Saved 1 decision that was still waiting to be written when GlanceLabel stopped.")
    assert w.store.suggestion(a).state == SuggestionState.ACCEPTED
    assert w.store.image(img1).review_state == ReviewState.DONE


def test_an_export_started_while_a_decision_waits_holds_it(driver, folder, tmp_path,
                                                           monkeypatch):
    """Space on img1 (accept both, image done) while File > Import's worker holds the write
    lock, then an export (COCO) before the import ends: the export waits for the decision, and
    the file it writes has img1 with both boxes, under the ids the project gave them. The
    import is let go once the export waits (not after a fixed time: on a busy machine the
    import could end before the export began, and the test would not test this)."""
    import json

    from glancelabel.core.store import pending
    from glancelabel.gui.dialogs import export as export_dialog

    exporting: list[threading.Thread] = []
    waits = threading.Event()  # the export waits for the window's queued decision
    real_export, real_settle = export_dialog.run_export, pending.PendingWrites.settle

    def run_export(*args, **kwargs):
        exporting.append(threading.current_thread())
        return real_export(*args, **kwargs)

    def settle(self) -> None:
        if threading.current_thread() in exporting:
            waits.set()
        real_settle(self)

    monkeypatch.setattr(export_dialog, "run_export", run_export)
    monkeypatch.setattr(pending.PendingWrites, "settle", settle)
    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    out = tmp_path / "out.json"
    qtbot = driver.qtbot
    with import_publishing(driver, w, tmp_path, monkeypatch) as go:
        driver.key(K.Key_Space)
        assert w.store.image(img1).review_state == ReviewState.DONE and w.store.pending_count
        dialog = export_dialog.ExportDialog(w.store, w.folder)  # its own tasks: not behind the import
        qtbot.addWidget(dialog)
        dialog.out.setText(str(out))
        dialog.out.textEdited.emit(dialog.out.text())
        exported: list = []
        dialog.exported.connect(exported.append)
        assert dialog.export_button.isEnabled(), dialog.problem.text()
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(waits.is_set, timeout=20_000)
        assert not exported and w.store.pending_count  # held while the import holds the lock
        go.set()
        qtbot.waitUntil(lambda: bool(exported) or dialog.error is not None, timeout=60_000)
        assert dialog.error is None and len(exported) == 1
    coco = json.loads(out.read_text())
    (image,) = [i for i in coco["images"] if i["file_name"] == "img1.jpg"]
    boxes = [x["bbox"] for x in coco["annotations"] if x["image_id"] == image["id"]]
    assert sorted(boxes) == [[10, 10, 50, 50], [100, 100, 60, 60]]
    assert all(x["id"] > 0 for x in coco["annotations"])


def test_an_edit_behind_a_large_undo_still_saving_is_refused_and_nothing_is_lost(
        driver, folder, tmp_path, monkeypatch):
    """Ctrl+Z of a change too large to show before it is written (MAX_QUEUED_CHANGES made 1
    here): the box it takes away is still drawn while an import holds the write lock. The
    person nudges that box with the arrow key: the nudge is refused at once with a sentence
    that says why (the box stays where it is), instead of being shown as done and then found
    overtaken and lost. Once the import ends the undo is written and shown, and the undo history
    is kept."""
    from glancelabel.core.store import pending

    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    store = w.store
    monkeypatch.setattr(pending, "MAX_QUEUED_CHANGES", 1)
    ctrl = Qt.KeyboardModifier.ControlModifier
    driver.key(K.Key_Return)  # accept the first suggestion: written at once
    (ann,) = [k for k in w.canvas.items_by_key if k[0] == "a"]
    box = store.annotations(img1)[0].box
    said: list[str] = []
    w.statusBar().messageChanged.connect(said.append)
    with import_publishing(driver, w, tmp_path, monkeypatch):
        driver.key(K.Key_Z, ctrl)  # its undo: more row changes than shown, queued unshown
        assert store.pending_unshown == 1 and ann in w.canvas.items_by_key  # still drawn
        driver.key(K.Key_Escape)
        for _ in range(4):
            driver.key(K.Key_Tab)
            if w.canvas.selected_key == ann:
                break
        assert w.canvas.selected_key == ann
        driver.key(K.Key_Right)  # nudge the box the undo takes away
        assert w.statusBar().currentMessage() == (
            "Not done: a larger change made just before it (shown only once saved) changes the "
            "same boxes or images and is still being saved; try again once the window shows it.")
        assert store.pending_count == 1
        assert store.annotations(img1)[0].box == box
        assert w.canvas.items_by_key[ann].box == box  # drawn where it is, not nudged
    driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    driver.qtbot.waitUntil(lambda: ann not in w.canvas.items_by_key)  # the undo, shown
    assert ("s", a) in w.canvas.items_by_key
    assert not [m for m in said if "not saved" in m or "undo history was cleared" in m]
    assert on_disk(store, "SELECT state FROM suggestions WHERE id = ?", (a,)) == [("pending",)]
    assert on_disk(store, "SELECT count(*) FROM annotations WHERE source != 'import'") == [(0,)]


def test_a_redo_behind_a_large_redo_still_saving_is_refused_and_kept(driver, folder,
                                                                     monkeypatch):
    """Accept a suggestion and nudge its box; while a worker holds the write lock, Ctrl+Z twice
    and Ctrl+Shift+Z: the redo of the accept is too large to show before it is written
    (MAX_QUEUED_CHANGES made 1). A second Ctrl+Shift+Z (the nudge again, on that box) is refused
    with its sentence and its step stays: once everything is written it redoes."""
    from glancelabel.core.store import pending

    w, img1, (a, b) = opened_with_suggestions(driver, folder)
    store = w.store
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    driver.key(K.Key_Return)  # accept the first suggestion: written at once
    (ann,) = [k for k in w.canvas.items_by_key if k[0] == "a"]
    driver.key(K.Key_Escape)
    for _ in range(4):
        driver.key(K.Key_Tab)
        if w.canvas.selected_key == ann:
            break
    driver.key(K.Key_Right)  # nudged 1 px: written at once
    nudged = store.annotations(img1)[0].box
    monkeypatch.setattr(pending, "MAX_QUEUED_CHANGES", 1)
    with held_elsewhere(monkeypatch, store.path, workers=False):
        driver.key(K.Key_Z, ctrl)  # the nudge undone: one row change, shown
        driver.key(K.Key_Z, ctrl)  # the accept undone: queued unshown
        driver.key(K.Key_Z, ctrl | shift)  # the accept again: queued unshown
        assert store.pending_unshown == 2
        driver.key(K.Key_Z, ctrl | shift)  # the nudge again, on the box not written yet
        assert w.statusBar().currentMessage() == (
            "Not done: a larger change made just before it (shown only once saved) changes the "
            "same boxes or images and is still being saved; try again once the window shows it.")
        assert store.pending_count == 3 and w.changes.undo_stack.can_redo()
    driver.qtbot.waitUntil(lambda: store.pending_count == 0, timeout=20_000)
    driver.qtbot.waitUntil(lambda: ann in w.canvas.items_by_key)  # the accept again, shown
    assert store.annotations(img1)[0].box != nudged
    driver.key(K.Key_Z, ctrl | shift)  # now the nudge redoes
    assert w.statusBar().currentMessage().startswith("Redid: ")
    assert on_disk(store, "SELECT x, y FROM annotations WHERE source != 'import'") == [
        (nudged.x, nudged.y)]
