"""The app killed (SIGKILL) while a decision waits in the window's write queue
(core/store/pending.py, journal.py), in a process of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KILLED = """
import os, signal, shutil, sqlite3, sys
from glancelabel.core.store import Store
path, rewritten = sys.argv[1], sys.argv[2] == "written"
s = Store(path)
s.queue_writes(lambda *a: None)
holder = sqlite3.connect(path, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")  # a worker's write transaction
s.accept_suggestions([int(sys.argv[3])], mark_done=True)
journal = str(s._writes._journal.path)  # <project>.queued-<pid>-<random>
shutil.copy(journal, journal + ".seen")
if rewritten:  # written, then killed before the journal was rewritten
    holder.execute("ROLLBACK")
    s._writes.wait_idle()
    shutil.copy(journal + ".seen", journal)
os.remove(journal + ".seen")
os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_while_queued(path: Path, when: str = "queued", suggestion: int = 1) -> None:
    """A process opens the project at `path`, queues the accept of `suggestion` (marking its
    image done) behind another connection's write transaction and kills itself: while it waits
    (`when` "queued"), or once written but before its file of queued sets was rewritten
    ("written")."""
    done = subprocess.run([sys.executable, "-c", KILLED, str(path), when, str(suggestion)],
                          timeout=60)
    assert done.returncode == -9
