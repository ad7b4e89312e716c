"""Ctrl+B asks by default only about images not done and not asked yet; asking again about every
image is an explicit choice, and what repeats an accepted box is hidden as a duplicate. The Batch
runs panel says one coherent line per run, sits below the canvas (the image list keeps its
height), closes with its close button and comes back from the Review menu.

Driven like a person: keys, clicks on the dialog's buttons, the dock's close button and the
menu."""

from __future__ import annotations

import pytest
from dialogs_by_hand import to_canvas, when_modal
from menu_driving import click_entry, open_menu
from provider_kit import answering, point_settings_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget, QPushButton

from fakes.batch_fakes import image_size_of, make_images
from glancelabel.core.model import ReviewState

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def fake(monkeypatch):
    with answering(monkeypatch) as f:
        yield f


@pytest.fixture
def cars(tmp_path, fake):
    folder = tmp_path / "cars"
    make_images(folder, 4)
    point_settings_at(fake, concurrency=1)
    return folder


def closing_on_failure(act):
    """The dialog is closed when answering it fails, so the test fails instead of hanging."""

    def run(dialog) -> None:
        try:
            act(dialog)
        except BaseException:
            dialog.reject()
            raise

    return run


def button(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def start_batch(driver, *, every_image: bool = False) -> list:
    """Ctrl+B, (optionally) choose every image and ask again, then click Start."""
    seen: list = []

    def act(dialog) -> None:
        qtbot = driver.qtbot
        if every_image:
            dialog.scope.setFocus()
            qtbot.keyClick(dialog.scope, K.Key_End)  # the last choice: every image
            qtbot.mouseClick(dialog.force, LEFT)
        qtbot.waitUntil(lambda: button(dialog, "Start").isEnabled())
        seen.append((dialog.scope.currentText(), dialog.estimate_label.text()))
        qtbot.mouseClick(button(dialog, "Start"), LEFT)

    when_modal(driver.qtbot, closing_on_failure(act))
    driver.key(K.Key_B, Qt.KeyboardModifier.ControlModifier)
    return seen


def batch_dock(w) -> QDockWidget:
    return w.findChild(QDockWidget, "dock_batch")


def with_a_batch_api_job(driver, folder, fake):
    """The window on `folder` with one Batch API job submitted to the fake provider."""
    from glancelabel.core.suggest import batch_api
    from glancelabel.core.suggest.runner import BatchPlan

    w = driver.open(folder)
    w.commit(w.store.add_label("car"))
    batch_api.submit(w.store, BatchPlan(provider="anthropic", base_url=fake.base_url))
    return w


def batch_progress_panel(driver, w):
    """Review → Batch progress; the panel in its dock."""
    click_entry(driver.qtbot, open_menu(driver.qtbot, w, "Review"), "Batch progress")
    return batch_dock(w).widget()


def test_default_scope_skips_done_images_and_the_panel_tells_one_story(driver, cars, fake):
    w = driver.open(cars)
    store = w.store
    w.commit(store.add_label("car"))
    done = driver.image_id("img0000.jpg")
    w.commit(store.set_review_state([done], ReviewState.DONE))
    images_dock = w.findChild(QDockWidget, "dock_images")
    list_height = images_dock.height()

    seen = start_batch(driver)
    scope, estimate = seen[0]
    assert scope == "Images not done and not asked yet" and estimate.startswith("3 images")
    panel = batch_dock(w).widget()
    driver.qtbot.waitUntil(lambda: panel.summary is not None and not panel.running,
                           timeout=60_000)
    # the done image was not asked about
    assert sorted(image_size_of(r) for r in fake.main_requests()) == [
        (101, 80), (102, 80), (103, 80)]
    assert store.suggestions(done) == []
    line = panel.state_label.text()
    assert line.startswith("Finished. Run ") and "3 images, 3 answered." in line
    assert line.count("Finished") == 1 and "No run" not in line
    # below the canvas: the image list keeps its room
    dock = batch_dock(w)
    assert w.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    driver.qtbot.waitUntil(lambda: images_dock.height() >= list_height)
    # ... and the image stays in view: the panel takes about a third of the height, not its
    # size hint's three quarters
    assert dock.height() <= w.height() * 0.4 and w.canvas.height() >= dock.height()

    # accept img0002's car with Enter; then ask again about every image: the car comes back
    # as a duplicate of the accepted box and stays hidden
    second = driver.image_id("img0002.jpg")
    to_canvas(driver)
    driver.keys(K.Key_D, K.Key_D)
    driver.wait_image(second)
    driver.key(K.Key_Return)
    assert [a.label_id for a in store.annotations(second)] == [store.label_by_name("car").id]
    seen = start_batch(driver, every_image=True)
    assert seen[0][0].startswith("Every image") and seen[0][1].startswith("4 images")
    driver.qtbot.waitUntil(lambda: not panel.running and "4 images" in panel.state_label.text(),
                           timeout=60_000)
    assert len(fake.main_requests()) == 7
    line = panel.state_label.text()
    assert "4 answered; 1 duplicate hidden." in line and line.count("Finished") == 1
    assert "1 duplicate hidden" in w.statusBar().currentMessage()
    assert len(store.suggestions(second, states=["duplicate"])) == 1
    shown = [s.raw_label for s in store.suggestions(second)]
    assert shown.count("car") == 1  # the accepted one; its duplicate is not listed
    assert store.scalar("SELECT pending FROM images WHERE id = ?", (second,)) == 1

    # the close button closes it; the Review menu brings it back with the same line
    close = next(b for b in dock.findChildren(QAbstractButton)
                 if b.objectName() == "qt_dockwidget_closebutton")
    driver.qtbot.mouseClick(close, LEFT)
    assert not dock.isVisible()
    click_entry(driver.qtbot, open_menu(driver.qtbot, w, "Review"), "Batch progress")
    driver.qtbot.waitUntil(dock.isVisible)
    assert panel.state_label.text() == line
    assert QApplication.activeModalWidget() is None


def test_a_collected_batch_api_job_is_the_panel_state(driver, cars, fake):
    fake.batch_polls_until_ended = 1
    w = driver.open(cars)
    w.commit(w.store.add_label("car"))
    seen: list = []

    def act(dialog) -> None:
        driver.qtbot.waitUntil(lambda: button(dialog, "Submit to Batch API (½ price)").isEnabled())
        seen.append(dialog.estimate_label.text())
        driver.qtbot.mouseClick(button(dialog, "Submit to Batch API (½ price)"), LEFT)

    when_modal(driver.qtbot, closing_on_failure(act))
    driver.key(K.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert seen and seen[0].startswith("4 images")
    driver.qtbot.waitUntil(lambda: batch_dock(w) is not None
                           and batch_dock(w).widget().batch_table.rowCount() == 1,
                           timeout=30_000)
    panel = batch_dock(w).widget()
    driver.qtbot.waitUntil(lambda: "4 waiting at the provider" in panel.state_label.text())
    driver.qtbot.mouseClick(panel.refresh_batches_button, LEFT)
    driver.qtbot.waitUntil(lambda: panel.batch_table.item(0, 2).text() == "ended",
                           timeout=30_000)
    driver.qtbot.mouseClick(panel.collect_button, LEFT)
    driver.qtbot.waitUntil(lambda: "collected" in panel.batch_table.item(0, 2).text(),
                           timeout=30_000)
    line = panel.state_label.text()
    assert "Batch API): 4 images, 4 answered." in line and "No run" not in line
    assert "4 answers stored (8 suggestions)" in panel.collect_label.text()


def test_a_failed_status_refresh_is_told_apart_from_the_run(driver, cars, fake, monkeypatch):
    panel = batch_progress_panel(driver, with_a_batch_api_job(driver, cars, fake))
    line = panel.state_label.text()
    assert line.endswith("4 images, 0 answered, 4 waiting at the provider.")
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    driver.qtbot.mouseClick(panel.refresh_batches_button, LEFT)
    driver.qtbot.waitUntil(lambda: "Could not refresh the Batch API status: "
                           in panel.collect_label.text(), timeout=30_000)
    assert panel.state_label.text() == line  # the run's line is not replaced by the error


def test_closing_the_window_during_a_collection_waits_for_it(driver, cars, fake, caplog):
    import threading

    panel = batch_progress_panel(driver, with_a_batch_api_job(driver, cars, fake))
    asked = threading.Event()

    def slow(req) -> float:
        asked.set()
        return 1.0  # the provider is slow to say the batch status

    fake.latency = slow
    driver.qtbot.mouseClick(panel.collect_button, LEFT)
    driver.qtbot.waitUntil(asked.is_set, timeout=10_000)
    assert "Collecting Batch API results" in panel.collect_label.text()
    driver.close()  # the store is closed after the window: the collection must be over
    assert not [t for t in threading.enumerate() if t.name == "batch-collect"]
    QApplication.processEvents()  # any late signal arrives now
    assert not [r for r in caplog.records if r.levelname == "ERROR"], caplog.text


def test_a_failed_status_refresh_leaves_a_running_run_running(driver, cars, fake):
    import threading

    from glancelabel.core.suggest.runner import BatchPlan

    w = with_a_batch_api_job(driver, cars, fake)
    fake.batches.clear()  # the provider no longer knows the job: its status cannot be read
    release = threading.Event()
    fake.latency = lambda req: release.wait(30) and 0 if req.path == fake.main_path else 0
    try:
        start_batch(driver, every_image=True)
        panel = batch_dock(w).widget()
        driver.qtbot.waitUntil(lambda: fake.in_flight > 0, timeout=30_000)
        assert panel.running and panel.pause_button.isEnabled()
        driver.qtbot.mouseClick(panel.refresh_batches_button, LEFT)
        driver.qtbot.waitUntil(lambda: "Could not" in panel.collect_label.text()
                               + panel.state_label.text(), timeout=30_000)
        # the run is still going: Pause and Cancel stay, and a second run cannot start
        assert panel.running and panel.pause_button.isEnabled()
        assert "Could not refresh the Batch API status: " in panel.collect_label.text()
        assert panel.cancel_button.isEnabled()
        with pytest.raises(RuntimeError):
            panel.start(BatchPlan(provider="anthropic", base_url=fake.base_url))
    finally:
        release.set()
    driver.qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert panel.state_label.text().startswith("Finished.")


def test_the_run_and_its_provider_client_are_built_off_the_gui_thread(driver, cars, fake,
                                                                       monkeypatch):
    import threading

    from glancelabel.gui.dialogs import batch as batch_module

    on_gui_thread = []
    real = batch_module.BatchRunner

    def recording(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(batch_module, "BatchRunner", recording)
    w = driver.open(cars)
    w.commit(w.store.add_label("car"))
    start_batch(driver)
    panel = batch_dock(w).widget()
    driver.qtbot.waitUntil(lambda: panel.summary is not None and not panel.running,
                           timeout=60_000)
    assert on_gui_thread == [False]
    assert panel.state_label.text().startswith("Finished.")


def test_the_panel_lays_its_parts_side_by_side_below_the_canvas_and_stacked_at_a_side(driver,
                                                                                       cars):
    """Below the canvas the dock is wide and short: the run, its failures and the Batch API
    jobs side by side. Moved to a side it is narrow and tall: one above the other."""
    w = driver.open(cars)
    qtbot = driver.qtbot
    w.resize(1360, 820)
    qtbot.waitUntil(lambda: w.width() == 1360)
    w.batch.show_panel()
    dock = batch_dock(w)
    panel = dock.widget()
    qtbot.waitUntil(lambda: panel.isVisible() and panel.failures.width() > 0)
    # a run's long lines wrap: the window keeps its width (the docks at its sides in view)
    panel.counts_label.setText("1,000 answered, 10 from the cache, 12 failed, 978 left; "
                               "16 in flight")
    panel.speed_label.setText("12 images/minute, about 2 min left; 3 rate-limited")
    qtbot.wait(50)
    assert w.width() == 1360 and w.minimumSizeHint().width() <= 1360

    def side_by_side() -> bool:
        state = panel.state_label.mapTo(panel, panel.state_label.rect().topLeft())
        failures = panel.failures.mapTo(panel, panel.failures.rect().topLeft())
        table = panel.batch_table.mapTo(panel, panel.batch_table.rect().topLeft())
        return state.x() < failures.x() < table.x()

    qtbot.waitUntil(side_by_side)
    assert not panel.consensus_label.isVisible()  # no empty line where a consensus would be said
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)  # as dragging it there does
    qtbot.waitUntil(lambda: not side_by_side() and panel.failures.mapTo(
        panel, panel.failures.rect().topLeft()).y() > panel.state_label.mapTo(
        panel, panel.state_label.rect().topLeft()).y())
