"""File → Team server (Label Studio)… in the real window against a real Label Studio (marker
`team`), driven through the menu bar, typing and clicks: push, a second person's annotation on the
server, pull, and what the window then shows."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_team_server import CAT, annotate, client, make_folder, second_person, suggest, tasks_of

from glancelabel.core.app import settings as settings_mod

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))
from menu_driving import choose  # noqa: E402

pytestmark = pytest.mark.team


@pytest.fixture
def window(qtbot, qapp, team_env, request):
    from glancelabel.core.store import Store
    from glancelabel.gui.app import App

    folder = make_folder(team_env.root, f"window-{request.node.name}")
    with Store(folder / ".glancelabel" / "project.sqlite", folder) as store:
        from glancelabel.core.folder.scan import scan_folder

        scan_folder(store, folder)
    ids = suggest(folder)
    app = App(qapp, settings_mod.load())
    assert app.open_folder(folder)
    w = app.window
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w, ids
    w.close()


def test_push_and_pull_from_the_window(window, qtbot, team_env):
    w, ids = window
    choose(w, qtbot, "File", "Team server (Label Studio)")
    qtbot.waitUntil(lambda: w.team.dialog is not None and w.team.dialog.isVisible())
    d = w.team.dialog
    # Push without a project name: told to name one
    qtbot.mouseClick(d.push_button, Qt.MouseButton.LeftButton)
    assert d.message.text() == "Name the Label Studio project first."
    assert d.focusWidget() is d.project_edit
    qtbot.keyClicks(d.project_edit, "Window push")
    d.root_edit.clear()
    qtbot.keyClicks(d.root_edit, str(team_env.root))
    qtbot.mouseClick(d.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.push_button.isEnabled(), timeout=60_000)
    assert d.message.text().startswith("Pushed 2 images to Label Studio project 'Window push' (id ")
    assert d.message.text().endswith(", created), 4 suggestions as predictions. Predictions "
                                     "shown: anthropic/claude-test/run-1.")
    assert w.statusBar().currentMessage() == d.message.text()
    server = client(team_env)
    project = server.client.projects.list(title="Window push")
    [project] = [p for p in project if p.title == "Window push"]
    tasks = {t.data["glancelabel_key"].split("|")[0]: t for t in tasks_of(server, project.id)}
    _cy_id, cy = second_person(team_env, "cy@example.com", "Cy", "Ng")
    kept = [r for r in tasks["plain.jpg"].predictions[0].result if r["id"] == f"s{ids['plain.jpg'][0]}"]
    annotate(cy, tasks["plain.jpg"].id, kept)
    plain = w.store.image_by_relpath("plain.jpg").id
    assert w.store.image(plain).review_state == "new"
    qtbot.mouseClick(d.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.pull_button.isEnabled(), timeout=60_000)
    assert d.message.text() == ("Pulled 1 reviewed image from Label Studio project 'Window push': "
                                "1 accepted, 0 edited, 1 rejected, 0 new annotations.")
    assert w.store.image(plain).review_state == "done"
    [ann] = w.store.annotations(plain)
    assert ann.box == CAT
    # named as the person whose token made the annotation on the server
    assert w.store.q1("SELECT reviewer FROM annotations WHERE id = ?", (ann.id,))[0] == "Cy Ng"
    # the window shows it: the image list row of plain.jpg is done, the status bar says the pull
    assert w.statusBar().currentMessage() == d.message.text()


def push_by_clicks(w, qtbot, team_env, name: str):
    """Open the dialog through the menu bar, push the folder to `name` by typing and clicking;
    returns the dialog and the server's tasks by file name."""
    choose(w, qtbot, "File", "Team server (Label Studio)")
    qtbot.waitUntil(lambda: w.team.dialog is not None and w.team.dialog.isVisible())
    d = w.team.dialog
    d.project_edit.clear()
    qtbot.keyClicks(d.project_edit, name)
    d.root_edit.clear()
    qtbot.keyClicks(d.root_edit, str(team_env.root))
    qtbot.mouseClick(d.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.push_button.isEnabled(), timeout=60_000)
    assert d.message.text().startswith(f"Pushed 2 images to Label Studio project '{name}'")
    server = client(team_env)
    [project] = [p for p in server.client.projects.list(title=name) if p.title == name]
    return d, {t.data["glancelabel_key"].split("|")[0]: t for t in tasks_of(server, project.id)}


def cy_keeps_the_cats(team_env, ids, tasks) -> None:
    """Cy, with his own account and token, keeps each image's cat prediction and drops the dog."""
    _cy_id, cy = second_person(team_env, "cy@example.com", "Cy", "Ng")
    for relpath in ("rotated.jpg", "plain.jpg"):
        kept = [r for r in tasks[relpath].predictions[0].result
                if r["id"] == f"s{ids[relpath][0]}"]
        annotate(cy, tasks[relpath].id, kept)


def review_rows(store):
    return ([tuple(r) for r in store.q("SELECT id, state, decided_by, annotation_id, reviewer"
                                       " FROM suggestions ORDER BY id")],
            [tuple(r) for r in store.q("SELECT id, image_id, label_id FROM annotations")],
            [tuple(r) for r in store.q("SELECT relpath, review_state FROM images ORDER BY id")])


def ctrl_z(w, qtbot) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    target = QApplication.focusWidget() or w.canvas
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_a_pull_from_the_window_is_one_step_that_ctrl_z_takes_back(window, qtbot, team_env):
    w, ids = window
    d, tasks = push_by_clicks(w, qtbot, team_env, "Undo pull")
    cy_keeps_the_cats(team_env, ids, tasks)
    before = review_rows(w.store)
    qtbot.mouseClick(d.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.pull_button.isEnabled(), timeout=60_000)
    assert d.message.text() == ("Pulled 2 reviewed images from Label Studio project 'Undo pull': "
                                "2 accepted, 0 edited, 2 rejected, 0 new annotations.")
    assert {r[1] for r in review_rows(w.store)[2]} == {"done"}
    undo = w.actions_by_id["undo"]
    assert undo.isEnabled()
    assert undo.text() == "Undo: take the reviews of 2 images by Cy Ng from Label Studio"
    qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible()
    ctrl_z(w, qtbot)
    assert w.statusBar().currentMessage() == (
        "Undid: take the reviews of 2 images by Cy Ng from Label Studio.")
    assert review_rows(w.store) == before  # both images as before the pull: new, all pending
    assert w.actions_by_id["redo"].text() == (
        "Redo: take the reviews of 2 images by Cy Ng from Label Studio")
    assert not undo.isEnabled()  # the pull was the only step


def gate_after_first_image(monkeypatch):
    """Hold a pull after its first image until the test lets it go (the pull looks at Cancel
    before each image, so a Cancel clicked meanwhile stops it there)."""
    import glancelabel.core.team.pull as pull_mod

    first, go = threading.Event(), threading.Event()
    real = pull_mod._pull_one

    def one(*args, **kwargs):
        real(*args, **kwargs)
        first.set()
        assert go.wait(60)

    monkeypatch.setattr(pull_mod, "_pull_one", one)
    return first, go, lambda: monkeypatch.setattr(pull_mod, "_pull_one", real)


def test_cancel_stops_a_pull_halfway_and_says_what_was_applied(window, qtbot, team_env,
                                                                monkeypatch):
    w, ids = window
    d, tasks = push_by_clicks(w, qtbot, team_env, "Cancel pull")
    cy_keeps_the_cats(team_env, ids, tasks)
    assert not d.cancel_button.isEnabled()  # nothing to cancel yet
    first, go, ungate = gate_after_first_image(monkeypatch)
    qtbot.mouseClick(d.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.is_set, timeout=60_000)
    assert d.cancel_button.isEnabled() and not d.pull_button.isEnabled()
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    assert d.message.text() == "Cancelling: the pull stops after the image it is on."
    assert not d.cancel_button.isEnabled()
    go.set()
    qtbot.waitUntil(lambda: d.pull_button.isEnabled(), timeout=60_000)
    assert d.message.text() == (
        "Pulled 1 reviewed image from Label Studio project 'Cancel pull': 1 accepted, 0 edited, "
        "1 rejected, 0 new annotations. Cancelled after 1 of 2 annotated tasks; the rest is "
        "pulled next time.")
    assert w.statusBar().currentMessage() == d.message.text()
    assert not d.cancel_button.isEnabled()
    # consistent: the one image pulled is whole (done, its cat accepted by Cy, its dog rejected),
    # the other untouched
    states = dict(w.store.q("SELECT relpath, review_state FROM images"))
    [pulled] = [k for k, v in states.items() if v == "done"]
    [other] = [k for k, v in states.items() if v == "new"]
    rows = {r["id"]: r for r in w.store.q("SELECT id, state, reviewer FROM suggestions")}
    assert [(rows[i]["state"], rows[i]["reviewer"]) for i in ids[pulled]] == [
        ("accepted", "Cy Ng"), ("rejected", "Cy Ng")]
    assert [rows[i]["state"] for i in ids[other]] == ["pending", "pending"]
    assert w.actions_by_id["undo"].text() == f"Undo: take {pulled}'s review by Cy Ng from Label Studio"
    # Pull again from the keyboard (Space on the Pull button): only the rest comes
    ungate()
    d.pull_button.setFocus()
    qtbot.keyClick(d.pull_button, Qt.Key.Key_Space)
    assert d.message.text() == "Pulling…"
    qtbot.waitUntil(lambda: d.pull_button.isEnabled(), timeout=60_000)
    assert d.message.text() == (
        "Pulled 1 reviewed image from Label Studio project 'Cancel pull': 1 accepted, 0 edited, "
        "1 rejected, 0 new annotations. Unchanged: 1 image.")
    assert dict(w.store.q("SELECT relpath, review_state FROM images")) == {
        pulled: "done", other: "done"}


def test_cancel_stops_a_push_between_batches(window, qtbot, team_env, monkeypatch):
    """The Cancel button during a push sent in batches of one image: the push stops after the
    batch it is on, records it, and says how many images are left for the next push."""
    import glancelabel.gui.controllers.team as team_mod
    from glancelabel.core.team.push import push
    from glancelabel.core.team.server import connect

    first, go = threading.Event(), threading.Event()

    def push_one_at_a_time(store, folder, ref, only, root, progress, cancel):
        def step(done, total):
            progress(done, total)
            first.set()
            assert go.wait(60)

        server, _ident = connect()
        return push(store, folder, server, ref, only=only, document_root=root, batch=1,
                    progress=step, cancel=cancel)

    real_push_job = team_mod.push_job
    monkeypatch.setattr(team_mod, "push_job", push_one_at_a_time)
    w, _ids = window
    choose(w, qtbot, "File", "Team server (Label Studio)")
    qtbot.waitUntil(lambda: w.team.dialog is not None and w.team.dialog.isVisible())
    d = w.team.dialog
    qtbot.keyClicks(d.project_edit, "Cancel push")
    d.root_edit.clear()
    qtbot.keyClicks(d.root_edit, str(team_env.root))
    qtbot.mouseClick(d.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.is_set, timeout=60_000)
    qtbot.waitUntil(lambda: d.progress_bar.value() == 1)
    assert d.progress_bar.isVisible() and d.progress_bar.format() == "1 of 2 images"
    qtbot.mouseClick(d.cancel_button, Qt.MouseButton.LeftButton)
    assert d.message.text() == "Cancelling: the push stops after the batch it is sending."
    assert not d.cancel_button.isEnabled()
    go.set()
    qtbot.waitUntil(lambda: d.push_button.isEnabled(), timeout=60_000)
    text = d.message.text()
    assert text.startswith("Pushed 1 image to Label Studio project 'Cancel push' (id "), text
    assert text.endswith(", created), 2 suggestions as predictions. Cancelled: 1 image left for "
                         "the next push. Predictions shown: anthropic/claude-test/run-1."), text
    assert not d.progress_bar.isVisible() and not d.cancel_button.isEnabled()
    server = client(team_env)
    [project] = [p for p in server.client.projects.list(title="Cancel push")
                 if p.title == "Cancel push"]
    assert len(tasks_of(server, project.id)) == 1
    # the next push sends the one left
    monkeypatch.setattr(team_mod, "push_job", real_push_job)
    qtbot.mouseClick(d.push_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.push_button.isEnabled(), timeout=60_000)
    assert d.message.text().startswith("Pushed 1 image to Label Studio project 'Cancel push' (id ")
    assert "1 image already there" in d.message.text()
    assert len(tasks_of(server, project.id)) == 2


def test_a_pull_that_fails_partway_is_one_step_that_ctrl_z_takes_back(window, qtbot, team_env,
                                                                      monkeypatch):
    """The disk fills while the second image is written: the first image's review, written
    before, stays and is one step on the undo stack; the dialog says what happened."""
    from test_team_offline import disk_fills_on_image

    w, ids = window
    d, tasks = push_by_clicks(w, qtbot, team_env, "Failing pull")
    cy_keeps_the_cats(team_env, ids, tasks)
    before = review_rows(w.store)
    disk_fills_on_image(monkeypatch, 2)
    qtbot.mouseClick(d.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.pull_button.isEnabled(), timeout=60_000)
    assert d.message.text() == (
        "The pull from Label Studio project 'Failing pull' stopped after applying 1 reviewed "
        "image: The disk holding the project file is full: free some space and try again; "
        "everything saved before is intact. The rest is pulled next time.")
    states = dict(w.store.q("SELECT relpath, review_state FROM images"))
    [pulled] = [k for k, v in states.items() if v == "done"]
    undo = w.actions_by_id["undo"]
    assert undo.text() == f"Undo: take {pulled}'s review by Cy Ng from Label Studio"
    qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)
    ctrl_z(w, qtbot)
    assert w.statusBar().currentMessage() == (
        f"Undid: take {pulled}'s review by Cy Ng from Label Studio.")
    assert review_rows(w.store) == before  # the project file as before the pull
    assert not undo.isEnabled()
