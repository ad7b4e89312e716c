"""Two windows on one project: the second is told the project is in use."""

import subprocess
import sys
import textwrap

import pytest

from glancelabel.core.store.lock import ProjectInUse, ProjectLock


def test_second_holder_is_refused_until_release(tmp_path):
    project = tmp_path / "project.sqlite"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from glancelabel.core.store.lock import ProjectLock
            lock = ProjectLock({str(project)!r})
            lock.acquire()
            print("held", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ProjectInUse, match=f"process {holder.pid}"):
            ProjectLock(project).acquire()
    finally:
        holder.kill()  # a crash releases the lock
        holder.wait()
    lock = ProjectLock(project)
    lock.acquire()
    assert lock.held
    lock.release()
    assert not lock.held
