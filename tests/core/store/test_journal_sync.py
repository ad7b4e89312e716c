"""The file of queued decisions (core/store/journal.py) survives a power cut: each line is synced
to the disk, and the folder's entry when the file is made, before the window hears the set is
queued (and shows it as made)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from worker_kit import worker_writing

from glancelabel.core.model import ReviewState
from glancelabel.core.review.changes import ChangeSet, RowChange
from glancelabel.core.store import Store, journal


@pytest.fixture
def synced(monkeypatch) -> list[str]:
    """The paths os.fsync was called for, in order ("queued" marks when the window heard)."""
    calls: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(journal.os, "fsync", fsync)
    return calls


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads the synced paths in /proc")
def test_a_queued_set_is_synced_before_the_window_hears_of_it(tmp_path, synced):
    store = Store(tmp_path / "p.sqlite", tmp_path)
    store.add_images([("a.jpg", 10, 1), ("b.jpg", 20, 2)])
    store.queue_writes(lambda *a: None, on_queued=lambda cs: synced.append("queued"))
    file = str(store._writes._journal.path)
    try:
        with worker_writing(store):
            store.set_review_state([1], ReviewState.DONE)
            assert synced == [file, str(tmp_path), "queued"]  # the line, the new entry, then told
            store.set_review_state([2], ReviewState.DONE)
            assert synced[3:] == [file, "queued"]  # the file was there: its line alone
        store._writes.wait_idle()
    finally:
        store.close()
    assert not Path(file).exists()
    assert synced[-1] == str(tmp_path)  # the removal of the file is synced too


def test_rewrites_are_synced_before_they_replace_the_file(tmp_path, synced):
    j = journal.Journal(tmp_path / "p.sqlite")
    sets = [ChangeSet("image.done", (RowChange("images", 1, {"review_state": "todo"},
                                                {"review_state": "done"}),), 1)]
    try:
        j.keep(sets * 2)
        j.keep(sets)
    finally:
        j.close()
    part = str(j.path) + ".part"
    assert synced == [part, str(tmp_path), part, str(tmp_path)]
    assert len(j.path.read_bytes().splitlines()) == 1


def test_the_writer_thread_rewrites_the_file_the_window_thread_made(tmp_path, caplog):
    """The file's lock is the process's, not one thread's: when the first of two queued sets is
    written, the writer thread rewrites the file with the second alone (it used to fail to take
    the lock the window's thread held, and left both lines in it)."""
    store = Store(tmp_path / "p.sqlite", tmp_path)
    store.add_images([("a.jpg", 10, 1), ("b.jpg", 20, 2)])
    lines: list[int] = []
    store.queue_writes(lambda applied, cs, problem: lines.append(
        len(path.read_bytes().splitlines()) if path.exists() else 0))
    path = store._writes._journal.path
    try:
        with worker_writing(store):
            store.set_review_state([1], ReviewState.DONE)
            store.set_review_state([2], ReviewState.DONE)
            assert len(path.read_bytes().splitlines()) == 2
        store._writes.wait_idle()
    finally:
        store.close()
    assert lines == [1, 0]
    assert "could not be kept" not in caplog.text


def test_a_setting_queued_when_the_app_stopped_is_written_by_the_next_open(tmp_path):
    """A project setting queued behind a decision is kept in the file with it; a process that
    ends before writing them leaves both to the next open, which writes them in order."""
    store = Store(tmp_path / "p.sqlite", tmp_path)
    store.add_images([("a.jpg", 10, 1)])
    store.queue_writes(lambda *a: None)
    with worker_writing(store):
        store.set_review_state([1], ReviewState.DONE)
        store.set_meta("prompt_instructions", "Find every cat.")
        lines = store._writes._journal.path.read_bytes()
    store.close()
    # the same project before those writes, with the file a stopped process leaves (its lock free)
    other = tmp_path / "other"
    with Store(other / "p.sqlite", tmp_path) as before:
        before.add_images([("a.jpg", 10, 1)])
    (other / "p.sqlite.queued-1").write_bytes(lines)
    with Store(other / "p.sqlite") as again:
        assert again.recovered == 2
        assert again.get_meta("prompt_instructions") == "Find every cat."
        assert again.image(1).review_state == ReviewState.DONE
    assert not (other / "p.sqlite.queued-1").exists()


def test_a_kept_file_of_a_stopped_process_with_this_pid_is_not_written_over(tmp_path):
    """A process's file is named by its pid and a random part: a file kept from a stopped process
    whose replay failed, named by the pid this process now has, keeps its sets (one file per
    pid lost them: this process appended to it, then rewrote it with its own sets alone)."""
    import os

    stale = tmp_path / f"p.sqlite.queued-{os.getpid()}"
    stale.write_bytes(b'{"stale": 1}\n')
    j = journal.Journal(tmp_path / "p.sqlite", sync=False)
    sets = [ChangeSet("image.done", (RowChange("images", 1, {"review_state": "todo"},
                                                {"review_state": "done"}),), 1)]
    try:
        j.add(sets[0])
        j.keep(sets)
        assert j.path != stale and j.path.name.startswith(f"p.sqlite.queued-{os.getpid()}-")
        assert len(j.path.read_bytes().splitlines()) == 1
    finally:
        j.keep([])
        j.close()
    assert stale.read_bytes() == b'{"stale": 1}\n'
