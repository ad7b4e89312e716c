"""The main window stays thin: its handlers live in controllers (gui/controllers/), each given
only what it uses, and the one action table reaches them by attribute path."""

from __future__ import annotations

import inspect

from PySide6.QtWidgets import QMainWindow, QToolBar

from glancelabel.gui import actions
from glancelabel.gui.layout import StatusLine, WindowLayout
from glancelabel.gui.main_window import MainWindow

MAX_WINDOW_METHODS = 30  # it was 109 over 4 mixins


def own_methods(cls: type) -> set[str]:
    """Functions defined on `cls` and its bases up to QMainWindow (not Qt's)."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base is QMainWindow or issubclass(QMainWindow, base):
            continue
        names |= {n for n, v in vars(base).items() if inspect.isfunction(v)}
    return names


def test_the_window_has_few_methods_of_its_own():
    methods = own_methods(MainWindow)
    assert len(methods) <= MAX_WINDOW_METHODS, sorted(methods)


def test_every_action_reaches_a_handler_on_the_window_or_a_controller(driver, folder):
    w = driver.open(folder)
    for spec in actions.ACTIONS:
        assert callable(actions.resolve(w, spec.handler)), spec.id
    assert [s.id for s in actions.ACTIONS if "." not in s.handler] == ["quit"]  # the window's close


def test_panels_are_given_what_they_use_not_the_window(driver, folder):
    w = driver.open(folder)
    for panel in (w.review_panel, w.annotations_panel, w.tags_panel):
        params = inspect.signature(type(panel).__init__).parameters
        assert "window" not in params, type(panel).__name__
        # the image on screen reaches them through the small ImageView interface only
        assert params["view"].annotation == "ImageView", type(panel).__name__


def test_the_window_is_one_class_not_mixins():
    """Everything between MainWindow and QMainWindow in its bases is Qt's."""
    mro = MainWindow.__mro__
    assert mro[1] is QMainWindow, mro


def test_the_frame_is_held_by_the_window_and_owns_its_state(driver, folder):
    w = driver.open(folder)
    assert isinstance(w.frame, WindowLayout) and isinstance(w.status_line, StatusLine)
    # the frame is given the QMainWindow's own dock calls and a sentence sink, not the window
    params = inspect.signature(WindowLayout.__init__).parameters
    assert params["window"].annotation == "QMainWindow"
    assert params["say"].annotation == "Say"
    assert inspect.signature(StatusLine.__init__).parameters["view"].annotation == "ImageView"
    # its state lives on it, not on the window
    for name in ("default_state", "panel_actions", "panels_separator", "view_menu", "toolbar"):
        assert hasattr(w.frame, name) and name not in vars(w), name
    titles = [d.windowTitle() for d in w.frame.docks()]
    assert titles[:4] == ["Images", "Classes", "Suggestions", "Annotations"]
    assert w.frame.panel_actions[-1] is w.findChild(QToolBar, "toolbar").toggleViewAction()


def test_a_status_message_and_the_image_position_reach_the_status_bar(driver, folder, qtbot):
    w = driver.open(folder)
    qtbot.waitUntil(lambda: w.current_id is not None)
    w.status_line.update()
    total = w.image_panel.model.rowCount()
    row = w.image_panel.model.row_of(w.current_id)
    assert w.status_line.index.text() == f"{row + 1} / {total}"
    w.say("Saved.")
    assert w.statusBar().currentMessage() == "Saved."
