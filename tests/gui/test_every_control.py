"""Every control, clicked: the real window on a folder with classes, suggestions and annotations.

The test enumerates, it does not list: every visible, enabled button of the main window and its
docks is clicked with the mouse, every menu action is triggered through its menu with the keyboard,
and every dialog a menu opens has each of its buttons clicked too (each tab of it shown first).
Message boxes, file dialogs and other dialogs those clicks open are answered by a timer that watches
the application's modal and popup widgets, so nothing waits for a person.

It fails on an uncaught exception (or a programming error only logged), on a class or stored value
made from a bool ("False", "True") or a colour that is not one, and on visible text that is an
internal identifier (a dotted lowercase name such as `annotation.update`; file names, domain names
and version numbers excepted). Quit and Open folder have tests of their own.
"""

from __future__ import annotations

import logging
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from control_walk import (
    BOOL_TEXTS,
    Answerer,
    Problems,
    bool_settings,
    bool_values,
    click_window_buttons,
    identifier_texts,
    identifiers,
    menu_texts,
    start_spot_check,
    trigger_through_menu,
    visible_texts,
    walk_menus,
)
from menu_driving import menu_paths
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QListWidget, QPushButton

from glancelabel.core.app import paths
from glancelabel.core.app import settings as settings_mod
from glancelabel.core.store import Store

pytestmark = pytest.mark.timeout(420)


def test_identifier_rule():
    assert identifiers("Undid annotation.update.") == ["annotation.update"]
    assert identifiers("Undo image.done") == ["image.done"]
    assert identifiers("Undo: mark img_03.jpg done") == []
    assert identifiers("Saved to /tmp/x/.glancelabel/project.sqlite, see e.g. api.openai.com") == []
    assert identifiers("GlanceLabel 0.4.1, https://example.org/a.b") == []
    assert identifiers("<b>suggestion.accept</b>") == ["suggestion.accept"]


# -- the project ----------------------------------------------------------------------------------

@pytest.fixture
def watch(qtbot, monkeypatch):
    problems = Problems()
    monkeypatch.setattr(sys, "excepthook", problems.hook)
    monkeypatch.setattr(threading, "excepthook", problems.thread_hook)
    opened_urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened_urls.append(url) or True))
    logging.getLogger().addHandler(problems)
    texts: list[tuple[str, str]] = []
    answerer = Answerer(qtbot, problems, texts)
    yield answerer
    answerer.stop()
    logging.getLogger().removeHandler(problems)


# -- the tests
@dataclass
class Walk:
    """What one walk over every control saw (plain data, kept for the checks below)."""

    window_clicks: int
    title_clicks: int
    triggered: list[str]
    explored: list[str]
    clicked: list[str]
    problems: list[str]
    bool_values: list[str]
    shown_classes: list[str]
    identifiers: list[str]


_WALK: dict[str, Walk] = {}


def walk_every_control(driver, folder: Path, answerer: Answerer) -> Walk:
    threads_before = set(threading.enumerate())
    w = driver.open(folder)
    project = w.store.path
    messages: list[str] = []
    w.statusBar().messageChanged.connect(messages.append)
    answerer.problems.control = "(the window just opened)"

    start_spot_check(w, answerer)  # so that its panel's buttons are there from the start
    seen_buttons: set = set()
    window_clicks = click_window_buttons(w, answerer, title_bars=False, done=seen_buttons)
    triggered, new_clicks = walk_menus(w, answerer, seen_buttons)
    # the menus changed states (a spot-check, a batch run, images done): every button once more
    window_clicks += new_clicks + click_window_buttons(w, answerer, title_bars=False)
    title_clicks = click_window_buttons(w, answerer, title_bars=True)
    answerer.texts.extend(visible_texts(w))
    answerer.texts.extend(menu_texts(w))
    answerer.texts.extend(("status bar", m) for m in messages)
    labels_list = w.labels_panel.findChild(QListWidget)
    shown = [labels_list.item(i).text().strip() for i in range(labels_list.count())]
    answerer.problems.control = "closing the window"
    driver.close()
    # work the clicks started on other threads ends while the problems are still watched
    def ours():
        return [t for t in threading.enumerate() if t not in threads_before and t.is_alive()
                and not t.name.startswith(("ThreadPoolExecutor", "Thread-", "Dummy"))]

    answerer.qtbot.waitUntil(lambda: not ours(), timeout=60_000)
    return Walk(window_clicks, title_clicks, triggered, list(answerer.explored),
                list(answerer.clicked), list(answerer.problems.items),
                bool_values(project) + bool_settings(paths.config_dir() / "settings.json"),
                shown, identifier_texts(answerer.texts))


@pytest.fixture(params=["fake AI", "no key", "no keyring"])
def walk(request, driver, project_folder, watch, monkeypatch) -> Walk:
    """The walk, made once per setting for the tests of this module (each check is a test of its
    own). "fake AI": a fake Anthropic server on 127.0.0.1 answering a car and an unknown "zebra
    crossing", with a key; "no key": a new user who has not set one up; "no keyring": neither,
    on a machine without a system keyring (a headless Linux box)."""
    import keyring
    from keyring.backends import fail

    from fakes.batch_fakes import car_answering

    if request.param not in _WALK:
        if request.param != "fake AI":
            if request.param == "no keyring":
                keyring.set_keyring(fail.Keyring())  # the keyring fixture puts its own back
            _WALK[request.param] = walk_every_control(driver, project_folder, watch)
        else:
            with car_answering(monkeypatch) as fake:
                settings = settings_mod.load()
                settings.provider.base_url = fake.base_url
                settings_mod.save(settings)
                _WALK[request.param] = walk_every_control(driver, project_folder, watch)
    return _WALK[request.param]


def test_every_control_is_reached(walk):
    assert walk.window_clicks >= 10, walk.clicked
    assert walk.title_clicks >= 2, walk.clicked
    assert len(walk.triggered) >= 30, walk.triggered
    for title in ("Export", "Import", "Settings", "quality report", "spot-check", "About"):
        assert any(title.lower() in t.lower() for t in walk.explored), walk.explored


def test_no_uncaught_exception(walk):
    assert walk.problems == [], "\n\n".join(walk.problems)


def test_no_class_or_value_made_from_a_bool(walk):
    assert walk.bool_values == []
    assert not [c for c in walk.shown_classes if c in BOOL_TEXTS or c.endswith(tuple(BOOL_TEXTS))]


def test_no_internal_identifier_in_visible_text(walk):
    assert walk.identifiers == [], "\n".join(walk.identifiers)


def test_quit_closes_the_window_and_keeps_the_project(driver, project_folder, watch):
    """File → Quit through the menu: the window closes, the project file holds what it held."""
    w = driver.open(project_folder)
    project = w.store.path
    before = {t: w.store.scalar(f"SELECT COUNT(*) FROM {t}") for t in
              ("images", "labels", "annotations", "suggestions")}
    quit_path = next(p for p in menu_paths(w.menuBar()) if p[-1].objectName() == "action_quit")
    assert trigger_through_menu(w, watch, quit_path)
    driver.qtbot.waitUntil(lambda: not w.isVisible())
    assert w.is_closed
    driver.window = None
    with Store(project, project_folder) as store:
        assert store.integrity_check() == "ok"
        after = {t: store.scalar(f"SELECT COUNT(*) FROM {t}") for t in before}
        assert [lab.name for lab in store.labels()] == ["cat", "dog", "bird"]
    assert after == before
    assert watch.problems.items == [], "\n\n".join(watch.problems.items)


def test_open_folder_from_the_start_screen(driver, project_folder, watch, qtbot):
    """The start screen's "Open a folder…" button, the folder typed into the file dialog: the
    window shows that folder's images; then File → Open folder… cancelled keeps it."""
    from glancelabel.gui.start_screen import StartScreen

    app = driver.app
    app.show_start()
    screen = app.start_screen
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    watch.texts += visible_texts(screen)
    button = next(b for b in screen.findChildren(QPushButton) if "Open a folder" in b.text())
    watch.folder_answer = project_folder
    watch.click(button, "on the start screen")
    qtbot.waitUntil(lambda: app.window is not None, timeout=20_000)
    w = driver.window = app.window
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
    assert w.windowTitle().startswith("photos")
    assert w.image_panel.model.rowCount() == 5
    assert not isinstance(app.start_screen, StartScreen)
    open_path = next(p for p in menu_paths(w.menuBar()) if p[-1].objectName() == "action_open_folder")
    assert trigger_through_menu(w, watch, open_path)  # the folder dialog, cancelled
    assert app.window is w and w.isVisible()
    assert "Open a folder of images" in watch.seen
    assert watch.problems.items == [], "\n\n".join(watch.problems.items)
    assert identifier_texts(watch.texts) == []


def test_open_the_sample_folder_from_the_start_screen_and_the_menu(driver, watch, qtbot):
    """The start screen's "Open the sample folder" button, then File → Open sample folder from
    its window: each time a window on the sample's images, nothing uncaught."""
    app = driver.app
    app.show_start()
    screen = app.start_screen
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    button = next(b for b in screen.findChildren(QPushButton) if "sample" in b.text())
    watch.click(button, "on the start screen")
    qtbot.waitUntil(lambda: app.window is not None, timeout=20_000)
    first = driver.window = app.window
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: not first.scanning and first.image_panel.model.rowCount() > 0,
                    timeout=20_000)
    sample_path = next(p for p in menu_paths(first.menuBar())
                       if p[-1].objectName() == "action_open_sample")
    assert trigger_through_menu(first, watch, sample_path)
    qtbot.waitUntil(lambda: app.window is not first, timeout=20_000)
    second = driver.window = app.window
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: not second.scanning, timeout=20_000)
    assert second.isVisible() and not first.isVisible()
    assert second.folder == first.folder and second.image_panel.model.rowCount() > 0
    watch.texts += visible_texts(second)
    assert watch.problems.items == [], "\n\n".join(watch.problems.items)
    assert identifier_texts(watch.texts) == []
