"""Short garbage-collection pauses while background work runs.

CPython's cyclic collector holds the GIL for the whole of a collection, and a full one
(generation 2) walks every tracked object of the process: in the app, with Qt, the provider SDKs
and their pydantic models loaded, that is 100-250 ms. It runs in whichever thread allocates when
it is due, a request thread of a batch run as much as the GUI thread, and the window can neither
paint nor take a key meanwhile.

`background_work()` freezes the objects that exist when the first such block starts
(`gc.freeze`: no traversal), so the collections due meanwhile walk only what was made since. When
the last block ends they are unfrozen into the oldest generation (`gc.unfreeze`: no traversal
either), where the collector sees them again: nothing stays alive that it would have freed, it
is freed a little later. `promote_young()` moves what a bulk build made while collection was
paused straight into the oldest generation, instead of leaving it for the next young
collection to walk all at once.

`collector_paused()` runs no collection at all for a short burst that builds only long-lived
objects: importing a provider's SDK (some 300 young and two full collections, the full ones
25-50 ms each with the GIL held, even with the app's heap frozen: they walk what the import
made so far). What the burst made is then promoted without a walk.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # background_work blocks open, in every thread
_paused = 0  # collector_paused blocks open, in every thread
_was_enabled = True  # the collector's state when the first of them started


@contextmanager
def background_work() -> Iterator[None]:
    """Within this block (any thread; blocks nest and overlap) collections skip the objects that
    existed when the first open block started."""
    global _depth
    with _lock:
        if _depth == 0:
            gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()


def promote_young() -> None:
    """Objects made since the last collection go to the oldest generation (or join the frozen
    ones, inside `background_work`) without being walked."""
    with _lock:
        _promote()


def _promote() -> None:
    """(holding `_lock`) Young objects to the frozen ones, or the oldest generation."""
    gc.freeze()
    if _depth == 0:
        gc.unfreeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection runs within this block (any thread; blocks nest and overlap);
    what was made meanwhile then goes to the oldest generation, or joins the frozen objects,
    without being walked. For short bursts that build long-lived objects and little garbage."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0:
                # promoted before the collector is on again: a thread allocating in between
                # would otherwise set off a young collection that walks all of it (60 ms seen)
                _promote()
                if _was_enabled:
                    gc.enable()
