"""The batch dialog edits its BatchPlan and shows the estimate; the progress panel runs a
plan against the fake server with pause/resume, failures and retry, and lists Batch API jobs."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from fakes.batch_fakes import about_sizes, car_answering, make_images, open_project
from glancelabel.core.suggest.runner import BatchPlan
from glancelabel.gui.dialogs.batch import BatchDialog, BatchProgressPanel


@pytest.fixture
def fake(monkeypatch):
    with car_answering(monkeypatch) as f:
        yield f


@pytest.fixture
def store(tmp_path):
    make_images(tmp_path / "photos", 6)
    s = open_project(tmp_path / "photos", classes=("car", "bus"))
    yield s
    s.close()


def test_dialog_edits_the_plan_and_shows_the_estimate(qtbot, store, monkeypatch):
    plan = BatchPlan(provider="anthropic", model="claude-sonnet-4-5")
    dlg = BatchDialog(store, plan)
    qtbot.addWidget(dlg)
    # no key yet: the estimate is there, starting is not
    qtbot.waitUntil(lambda: "6 images" in dlg.estimate_label.text())
    assert "ANTHROPIC_API_KEY" in dlg.problem_label.text()
    assert not dlg.start_button.isEnabled()
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    dlg.refresh_estimate()
    qtbot.waitUntil(dlg.start_button.isEnabled)
    assert "Batch API" in dlg.estimate_label.text() and "$" in dlg.estimate_label.text()
    dlg.concurrency.setValue(3)
    dlg.limit.setValue(2)
    qtbot.waitUntil(lambda: "2 images" in dlg.estimate_label.text())
    assert plan.concurrency == 3 and plan.limit == 2
    dlg.classes.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert plan.classes == ("car",)
    dlg.classes.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "at least one class" in dlg.problem_label.text())
    assert not dlg.start_button.isEnabled()
    dlg.classes.item(0).setCheckState(Qt.CheckState.Checked)
    dlg.scope.setCurrentIndex(2)  # the selection: none given
    qtbot.waitUntil(lambda: "No images are selected." in dlg.problem_label.text())
    assert not dlg.start_button.isEnabled()
    dlg.scope.setCurrentIndex(0)
    dlg.provider.setCurrentText("openai-compatible")
    qtbot.waitUntil(lambda: dlg.start_button.isEnabled())
    assert not dlg.submit_button.isEnabled()  # no Batch API there
    dlg.provider.setCurrentText("anthropic")
    dlg.cap.setValue(1.5)
    with qtbot.waitSignal(dlg.startRequested) as sig:
        qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert sig.args[0] is plan and plan.spending_cap_usd == 1.5 and plan.classes == ("car",)


def test_panel_runs_shows_figures_failures_and_retries(qtbot, store, fake, monkeypatch):
    panel = BatchProgressPanel(store)
    qtbot.addWidget(panel)
    fake.push_error(400, "that image is refused")
    plan = BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=1)
    arrived = []
    panel.resultsArrived.connect(arrived.extend)
    with qtbot.waitSignal(panel.runFinished, timeout=60_000) as sig:
        panel.start(plan)
    summary = sig.args[0]
    assert summary.succeeded == 5 and summary.failed == 1
    assert len(arrived) == 5 and len(set(arrived)) == 5  # suggestions appear as they arrive
    assert "5 answered" in panel.counts_label.text() and "1 failed" in panel.counts_label.text()
    assert panel.failures.count() == 1
    assert "that image is refused" in panel.failures.item(0).text()
    assert panel.retry_button.isEnabled()
    requeued_on: list[str] = []  # the retry's write waits for the lock: never on the GUI thread
    real_retry = type(store).retry_failed

    def retry_failed(self, *args, **kwargs):
        requeued_on.append(threading.current_thread().name)
        return real_retry(self, *args, **kwargs)

    monkeypatch.setattr(type(store), "retry_failed", retry_failed)
    with qtbot.waitSignal(panel.runFinished, timeout=60_000) as sig:
        qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    assert requeued_on == ["batch-panel"]
    assert sig.args[0].failed == 0 and sig.args[0].succeeded == 6
    assert panel.failures.count() == 0
    assert len(fake.main_requests()) == 7


def test_panel_pause_resume_cancel(qtbot, store, fake):
    fake.latency = 0.1
    panel = BatchProgressPanel(store)
    qtbot.addWidget(panel)
    plan = BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=1)
    panel.start(plan)
    qtbot.waitUntil(lambda: panel.last is not None and panel.last.done >= 1, timeout=60_000)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.pause_button.text() == "Resume"
    qtbot.waitUntil(lambda: panel.last.state == "paused" and panel.last.in_flight == 0)
    sent = len(fake.main_requests())
    assert panel.runner.paused and sent < 6
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.main_requests()) > sent, timeout=30_000)
    with qtbot.waitSignal(panel.runFinished, timeout=60_000) as sig:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    s = sig.args[0]
    assert s.state in ("cancelled", "finished")
    assert store.job_counts(s.run_id)["running"] == 0
    assert "Cancelled" in panel.state_label.text() or "Finished" in panel.state_label.text()


def test_panel_lists_batch_api_jobs(qtbot, store, fake):
    from glancelabel.core.suggest import batch_api

    batch_api.submit(store, BatchPlan(provider="anthropic", base_url=fake.base_url))
    panel = BatchProgressPanel(store)
    qtbot.addWidget(panel)
    assert panel.batch_table.rowCount() == 1
    assert panel.batch_table.item(0, 3).text() == "6"
    panel.refresh_batches()
    qtbot.waitUntil(lambda: panel.batch_table.item(0, 2).text() == "ended", timeout=30_000)


def test_panel_collects_and_says_expired_requests_were_sent_again(qtbot, store, fake):
    from glancelabel.core.suggest import batch_api

    fake.expires = about_sizes({(101, 80), (104, 80)})
    run_id, (b1,), _ = batch_api.submit(store, BatchPlan(provider="anthropic",
                                                         base_url=fake.base_url))
    fake.expires = None
    panel = BatchProgressPanel(store)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.batchesCollected, timeout=30_000) as sig:
        qtbot.mouseClick(panel.collect_button, Qt.MouseButton.LeftButton)
    (report,) = sig.args[0]
    (b2,) = report.resent_batches
    assert f"2 expired requests were sent again (batch {b2})" in panel.collect_label.text()
    assert panel.batch_table.rowCount() == 2 and panel.collect_button.isEnabled()
    with qtbot.waitSignal(panel.batchesCollected, timeout=30_000):
        panel.collect_batches()
    assert "sent again" not in panel.collect_label.text()
    assert store.job_counts(run_id)["done"] == 6


def test_nothing_to_ask_says_why_and_every_image_is_the_way_out(qtbot, store, monkeypatch):
    from glancelabel.core.model import ReviewState

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    store.set_review_state([im.id for im in store.all_images()], ReviewState.DONE)
    dlg = BatchDialog(store, BatchPlan(provider="anthropic", model="claude-sonnet-4-5"))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.scope.currentText() == "Images not done and not asked yet"
    qtbot.waitUntil(lambda: dlg.estimate_label.text().startswith("0 images"))
    assert "No image to ask about" in dlg.problem_label.text()
    assert not dlg.start_button.isEnabled()
    dlg.scope.setFocus()
    qtbot.keyClick(dlg.scope, Qt.Key.Key_End)  # "Every image, done ones too"
    qtbot.waitUntil(lambda: dlg.estimate_label.text().startswith("6 images"))
    assert dlg.problem_label.text() == "" and dlg.start_button.isEnabled()


def test_the_estimate_is_made_in_the_background(qtbot, store, monkeypatch):
    """An edit shows "Estimating…" (Start waits) while the plan is estimated off the GUI thread,
    then the figure of the edited plan."""
    import threading

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    dlg = BatchDialog(store, BatchPlan(provider="anthropic", model="claude-sonnet-4-5"))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.estimate_label.text().startswith("6 images"))
    gate = threading.Event()
    estimate = BatchPlan.estimate

    def slow_estimate(plan, store):
        assert threading.current_thread() is not threading.main_thread()
        gate.wait(20)  # a big project: every in-scope record is read
        return estimate(plan, store)

    monkeypatch.setattr(BatchPlan, "estimate", slow_estimate)
    dlg.limit.setFocus()
    qtbot.keyClick(dlg.limit, Qt.Key.Key_Up)  # limit 1, then 2
    qtbot.keyClick(dlg.limit, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: dlg.estimate_label.text() == "Estimating…")
    assert not dlg.start_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: dlg.estimate_label.text().startswith("2 images"))
    assert dlg.start_button.isEnabled()
