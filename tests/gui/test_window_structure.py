"""The main window stays thin: its handlers live in controllers (gui/controllers/), each given
only what it uses, and the one action table reaches them by attribute path."""

from __future__ import annotations

import inspect

from PySide6.QtWidgets import QMainWindow

from glancelabel.gui import actions
from glancelabel.gui.main_window import MainWindow

MAX_WINDOW_METHODS = 40  # the window's own and its frame's (layout.py); it was 109 over 4 mixins


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
    on_controllers = [s for s in actions.ACTIONS if "." in s.handler]
    assert len(on_controllers) >= len(actions.ACTIONS) - 6  # close, fit, zoom ×2, reset layout


def test_panels_are_given_what_they_use_not_the_window(driver, folder):
    w = driver.open(folder)
    for panel in (w.review_panel, w.annotations_panel, w.tags_panel):
        params = inspect.signature(type(panel).__init__).parameters
        assert "window" not in params, type(panel).__name__
        # the image on screen reaches them through the small ImageView interface only
        assert params["view"].annotation == "ImageView", type(panel).__name__
