"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 drops a reference to the bool that every
Signal.emit returns, and the app aborts (bool_dealloc) after a few thousand signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    anything = Signal(object)


def test_emitting_signals_keeps_reference_counts():
    e = _Emitter()
    got = [0]
    e.anything.connect(lambda _v: got.__setitem__(0, got[0] + 1))
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _ in range(50):
        e.number.emit(1)
        e.anything.emit(None)
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert got[0] == 50
    # a few references may come and go elsewhere; the bug loses one per emit (100 here)
    assert all(abs(a - b) < 20 for a, b in zip(after, before, strict=True))
