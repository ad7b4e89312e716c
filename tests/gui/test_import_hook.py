"""PySide6's after-import hook answers from a module's names, not by reading its source file
(gui/import_hook.py): imports after PySide6 (the SDKs on a first batch, keyring) read no
source, and the hook's answers stay what its source search gave."""

from __future__ import annotations

import importlib
import inspect
import sys
import types

import glancelabel.gui  # noqa: F401 - lightens the hook
from glancelabel.gui import import_hook


def _import_new(tmp_path, monkeypatch, name: str, source: str):
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    try:
        return __import__(name)  # an import statement's way (PySide6 hooks __import__)
    finally:
        sys.modules.pop(name, None)


def test_an_import_after_pyside_reads_no_source(tmp_path, monkeypatch):
    read: list[str] = []
    real = inspect.getsource

    def getsource(obj):
        read.append(getattr(obj, "__name__", repr(obj)))
        return real(obj)

    monkeypatch.setattr(inspect, "getsource", getsource)
    _import_new(tmp_path, monkeypatch, "gl_hook_plain", "VALUE = 1\n")
    assert sys.modules["__feature__"].pyside_feature_dict["gl_hook_plain"] == -1  # hook ran
    assert read == []


def test_the_hook_still_tells_a_module_that_uses_pyside(tmp_path, monkeypatch):
    feature = sys.modules["__feature__"]
    assert feature.feature_imported.__globals__["_mod_uses_pyside"] is import_hook.uses_pyside
    _import_new(tmp_path, monkeypatch, "gl_hook_qt", "from PySide6.QtCore import QObject\n")
    _import_new(tmp_path, monkeypatch, "gl_hook_qtmod", "from PySide6 import QtGui\n")
    _import_new(tmp_path, monkeypatch, "gl_hook_none", "import json\n# PySide6 named in a comment\n")
    assert feature.pyside_feature_dict["gl_hook_qt"] == 0  # 0: uses PySide, no feature chosen
    assert feature.pyside_feature_dict["gl_hook_qtmod"] == 0
    assert feature.pyside_feature_dict["gl_hook_none"] == -1  # -1: not PySide's to switch


def test_uses_pyside_by_names():
    from PySide6.QtCore import Qt

    mod = types.ModuleType("m")
    assert not import_hook.uses_pyside(mod)
    mod.json = __import__("json")
    assert not import_hook.uses_pyside(mod)
    mod.Qt = Qt
    assert import_hook.uses_pyside(mod)
    assert not import_hook.uses_pyside(3)  # no __dict__


def test_lighten_changes_nothing_where_pyside_has_no_such_hook(monkeypatch):
    monkeypatch.setitem(sys.modules, "__feature__", types.ModuleType("__feature__"))
    assert import_hook.lighten() is False
