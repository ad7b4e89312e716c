"""Reports from worker threads reach the GUI thread newest-first-only: a GUI thread that fell
behind shows the newest once, not every report in turn within one event-loop turn."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Signal

from fakes.batch_fakes import car_answering, make_images, open_project
from glancelabel.core.suggest.runner import BatchPlan
from glancelabel.gui.dialogs.batch import BatchProgressPanel
from glancelabel.gui.tasks import Gathered, Latest, TaskRunner


class _Later(QObject):
    said = Signal(str)


def test_latest_shows_the_newest_value_once_and_keeps_the_order_with_later_signals(qtbot):
    seen: list = []
    latest = Latest(seen.append)
    later = _Later()
    later.said.connect(seen.append)

    def worker() -> None:  # the GUI thread takes no event meanwhile
        for n in range(1, 201):
            latest.put(n)
        later.said.emit("finished")

    t = threading.Thread(target=worker)
    t.start()
    t.join(10)
    qtbot.waitUntil(lambda: "finished" in seen)
    assert seen == [200, "finished"]
    latest.put(201)  # after a delivery a new value is delivered again
    qtbot.waitUntil(lambda: seen[-1] == 201)
    assert seen == [200, "finished", 201]


def test_gathered_shows_every_value_put_since_the_last_call_at_once_in_order(qtbot):
    """A batch run's answers: the window refreshes all images answered meanwhile in one call."""
    seen: list = []
    gathered = Gathered(seen.append)
    later = _Later()
    later.said.connect(seen.append)

    def worker() -> None:  # the GUI thread takes no event meanwhile
        for n in range(1, 101):
            gathered.put(n)
        later.said.emit("finished")

    t = threading.Thread(target=worker)
    t.start()
    t.join(10)
    qtbot.waitUntil(lambda: "finished" in seen)
    assert seen == [list(range(1, 101)), "finished"]
    gathered.put(101)
    gathered.put(102)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == [101, 102]


def test_a_task_whose_progress_only_the_newest_counts_reports_it_once(qtbot):
    """TaskRunner.run(..., on_latest_progress=): the header read's "n of total" line."""
    seen: list = []

    def count(progress) -> str:
        for n in range(1, 501):
            progress(n, 500)
        return "done"

    runner = TaskRunner(1)
    runner.run(count, on_latest_progress=seen.append, on_result=seen.append)
    assert runner.wait(10_000)  # the GUI thread takes no event meanwhile
    qtbot.waitUntil(lambda: "done" in seen)
    assert seen == [(500, 500), "done"]


@pytest.fixture
def fake(monkeypatch):
    with car_answering(monkeypatch) as f:
        yield f


def test_a_run_the_panel_could_not_follow_is_shown_once_at_its_end(qtbot, tmp_path, fake,
                                                                   monkeypatch):
    """The whole run happens while the GUI thread takes no event: of its progress reports (one
    per answer and state) only the last is shown."""
    make_images(tmp_path / "photos", 12)
    store = open_project(tmp_path / "photos", classes=("car",))
    shown: list = []
    real = BatchProgressPanel._show
    monkeypatch.setattr(BatchProgressPanel, "_show",
                        lambda self, p: (shown.append(p.state), real(self, p)))
    panel = BatchProgressPanel(store)
    qtbot.addWidget(panel)
    finished: list = []
    panel.runFinished.connect(finished.append)
    before = set(threading.enumerate())
    panel.start(BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=3))
    worker = next((t for t in threading.enumerate()
                   if t.name == "batch-panel" and t not in before), None)
    if worker is not None:  # (None: it has ended already)
        worker.join(60)  # no event is taken meanwhile
        assert not worker.is_alive()
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    # the newest report once (the run's last), then the end's own refresh of the figures
    assert shown == ["finished", "finished"]
    assert "12 answered" in panel.counts_label.text()
    store.close()


def test_a_task_whose_listener_was_deleted_ends_quietly(caplog):
    """A dialog closed (and its objects deleted) before its background task ends: the task's
    result has nobody to go to; that is no error (it raised "Signal source has been deleted"
    twice, the second time inside its own error handling)."""
    import shiboken6

    from glancelabel.gui.tasks import Task

    task = Task(lambda: "done", (), {})
    shiboken6.delete(task.signals)
    task.run()  # no exception
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
