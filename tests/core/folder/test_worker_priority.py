"""The folder scan's worker processes run below the app, so a 2-core machine reading 100,000
headers in two of them still gives the window's GUI thread a core when it has an event."""

from __future__ import annotations

import os

import pytest

from glancelabel.core.folder import scan
from glancelabel.core.folder.workers import BACKGROUND_NICE


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no process priorities here")
def test_header_read_worker_processes_run_at_a_lower_priority_than_the_app():
    if os.getpriority(os.PRIO_PROCESS, 0) >= 19:
        pytest.skip("the tests run at the lowest priority already")
    pool = scan._process_pool(1)
    try:
        child = pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result(timeout=120)
    finally:
        pool.shutdown()
    app = os.getpriority(os.PRIO_PROCESS, 0)
    assert child > app
    assert child == min(19, app + BACKGROUND_NICE)
