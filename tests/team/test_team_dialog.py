"""File → Team server (Label Studio)… in the real window against a real Label Studio (marker
`team`), driven through the menu bar, typing and clicks: push, a second person's annotation on the
server, pull, and what the window then shows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_team_server import CAT, annotate, client, make_folder, second_person, suggest, tasks_of

from glancelabel.core.app import settings as settings_mod

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))
from menu_driving import choose  # noqa: E402

pytestmark = pytest.mark.team


@pytest.fixture
def window(qtbot, qapp, team_env):
    from glancelabel.core.store import Store
    from glancelabel.gui.app import App

    folder = make_folder(team_env.root, "window")
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
