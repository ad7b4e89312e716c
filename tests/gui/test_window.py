"""The image list and its filters, a file deleted while open, shortcuts and their settings, the
help overlay, the classes panel and the crash dialog."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from glancelabel.core.app import settings as settings_mod
from glancelabel.core.model import Box, FileState
from glancelabel.gui.image_list import ImageListModel

K = Qt.Key


def test_image_list_model_is_a_proper_qt_model(qtmodeltester, folder, driver):
    driver.open(folder)
    model = ImageListModel(driver.store)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_filters_and_search(driver, folder):
    w = driver.open(folder)
    panel, model = w.image_panel, w.image_panel.model
    img1 = driver.image_id("img1.jpg")
    driver.store.add_box(img1, None, Box(1, 1, 10, 10))
    model.refresh_all()

    def names():
        return [driver.store.image(i).relpath for i in model.ids()]

    panel.set_filter("labelled")
    assert names() == ["img1.jpg"]
    panel.set_filter("unlabelled")
    assert names() == ["broken.jpg", "img2.png", "img3.jpg", "img4.jpg"]
    panel.set_filter("unreadable")
    assert names() == ["broken.jpg"]
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("broken.jpg") and "Unreadable:" in tip
    assert "(unreadable)" in model.data(model.index(0))
    panel.set_filter("all")
    panel.search_edit.setText("img3")
    driver.qtbot.waitUntil(lambda: names() == ["img3.jpg"])
    panel.search_edit.setText("")
    driver.qtbot.waitUntil(lambda: len(names()) == 5)


def test_file_deleted_while_the_app_is_open(driver, folder):
    w = driver.open(folder)
    img4 = driver.image_id("img4.jpg")
    (folder / "img4.jpg").unlink()
    w.show_image(img4)
    # the same words as for a file known to be gone, however soon the decode fails
    driver.qtbot.waitUntil(lambda: w.canvas.message() == "img4.jpg is missing from the folder "
                           "(moved or deleted).\nIts labels are kept.", timeout=10_000)
    assert driver.store.image(img4).file_state == FileState.MISSING
    assert "missing from the folder" in w.status_problem.text()
    w.image_panel.set_filter("missing")
    assert w.image_panel.model.ids() == [img4]
    row = w.image_panel.model.index(0)
    assert "Missing:" in w.image_panel.model.data(row, Qt.ItemDataRole.ToolTipRole)
    # the app goes on: the next key works
    w.image_panel.set_filter("all")
    driver.key(K.Key_A)
    driver.wait_image(driver.image_id("img3.jpg"))


def test_shortcut_conflict_is_refused_and_a_change_persists(driver, folder, monkeypatch):
    from glancelabel.gui.dialogs.settings import SettingsDialog

    w = driver.open(folder)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))

    def change_keys(dialog):
        page = dialog.shortcuts
        assert not page.set_shortcut("draw", "D")
        assert warnings and "Next image" in warnings[0]
        assert "draw" not in settings_mod.load().shortcuts
        assert page.editors["draw"].keySequence().toString() == "W"
        assert page.set_shortcut("draw", "B")
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", change_keys)
    w.project.open_settings()
    w.show_image(driver.image_id("img1.jpg"))
    driver.wait_image(driver.image_id("img1.jpg"))
    assert settings_mod.load().shortcuts["draw"] == "B"
    assert w.actions_by_id["draw"].shortcut().toString() == "B"
    driver.key(K.Key_W)
    assert not w.canvas.drawing
    driver.key(K.Key_B)
    assert w.canvas.drawing
    driver.key(K.Key_Escape)
    assert not w.canvas.drawing


def test_help_overlay_lists_the_action_table(driver, folder, monkeypatch):
    from glancelabel.gui.dialogs import help as help_mod

    driver.open(folder)
    seen = []
    monkeypatch.setattr(help_mod.HelpOverlay, "exec", lambda self: seen.append(self.texts()))
    driver.key(K.Key_F1)
    rows = seen[0]
    assert ("Draw", "Draw a box", "W") in rows
    assert any(r[1] == "Undo" and "Ctrl+Z" in r[2] for r in rows)
    assert any("class 1–9" in r[1] for r in rows)


def test_classes_panel_delete_moves_annotations_and_undo(driver, folder):
    from glancelabel.gui.labels_panel import DeleteLabelDialog

    w = driver.open(folder)
    panel = w.labels_panel
    panel.add("cat")
    panel.add("dog")
    cat, dog = driver.store.label_by_name("cat"), driver.store.label_by_name("dog")
    img1 = driver.image_id("img1.jpg")
    driver.store.add_box(img1, cat.id, Box(1, 1, 10, 10))
    dialog = DeleteLabelDialog(driver.store, cat)
    assert "1 annotation" in dialog.findChildren(type(dialog.delete_radio))[0].text()
    assert dialog.reassign_to() == dog.id  # moving is offered first when there is somewhere to go
    panel.select(cat.id)
    panel.delete(reassign_to=dog.id)
    assert [a.label_id for a in driver.store.annotations(img1)] == [dog.id]
    assert [lab.name for lab in driver.store.labels()] == ["dog"]
    assert panel.list.count() == 1 and panel.list.item(0).text().endswith("dog")
    w.changes.undo()
    assert [lab.name for lab in driver.store.labels()] == ["cat", "dog"]
    assert [a.label_id for a in driver.store.annotations(img1)] == [cat.id]
    panel.select(dog.id)
    panel.move_selected(-1)
    assert driver.store.label_by_hotkey(1).name == "dog"
    panel.rename("hound")
    panel.recolour("#123456")
    panel.description.setPlainText("four legs, barks")
    panel.commit_description()
    hound = driver.store.label_by_name("hound")
    assert (hound.color, hound.description, hound.position) == ("#123456", "four legs, barks", 0)


def test_classes_import_from_data_yaml(driver, folder, tmp_path, monkeypatch):
    w = driver.open(folder)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    yaml = tmp_path / "data.yaml"
    yaml.write_text("names:\n  0: person\n  1: car\n", encoding="utf-8")
    w.labels_panel.import_dialog(yaml)
    assert [lab.name for lab in driver.store.labels()] == ["person", "car"]
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: errors.append(a[2]))
    bad = tmp_path / "bad.yaml"
    bad.write_text("nothing: here\n", encoding="utf-8")
    w.labels_panel.import_dialog(bad)
    assert errors and "names" in errors[0]


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_the_dialog_with_the_log_path(qtbot, monkeypatch, caplog):
    import sys
    import threading

    from glancelabel.core.app import logsetup
    from glancelabel.gui.app import CrashReporter

    log_path = logsetup.setup()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    reporter = CrashReporter(log_path)
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    reporter.install()
    try:
        button = QPushButton()
        qtbot.addWidget(button)

        def broken():
            raise RuntimeError("the slot broke")

        button.clicked.connect(broken)
        with caplog.at_level(logging.CRITICAL):
            button.click()
            qtbot.waitUntil(lambda: bool(shown))
        assert "the slot broke" in shown[0] and str(log_path) in shown[0]
        assert "Traceback" in caplog.text and "RuntimeError" in caplog.text
        # a worker thread's exception reaches the same dialog
        t = threading.Thread(target=broken)
        t.start()
        t.join()
        qtbot.waitUntil(lambda: len(shown) == 2)
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    assert "RuntimeError: the slot broke" in log_path.read_text(encoding="utf-8")


def test_a_new_projects_list_grows_batch_by_batch_without_a_reset(
        qtbot, qapp, tmp_path, qtmodeltester, monkeypatch):
    from PIL import Image

    from glancelabel.core.folder import scan
    from glancelabel.core.folder.natural import natural_sorted
    from glancelabel.gui.app import App

    monkeypatch.setattr(scan, "_LIST_WAIT", 1e9)  # batches by size only, however slow the machine

    folder = tmp_path / "many"
    relpaths = [f"set{i % 3}/im{i}.jpg" for i in range(700)]
    for rel in relpaths:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (8, 6), (len(rel) * 9 % 255, 0, 0)).save(folder / rel)
    app = App(qapp, settings_mod.load())
    assert app.open_folder(folder)
    w = app.window
    qtbot.addWidget(w)
    model = w.image_panel.model
    events: list[tuple[str, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: events.append(("insert", last - first + 1)))
    model.modelReset.connect(lambda: events.append(("reset", model.rowCount())))
    shown_at: list[int] = []
    w.image_shown.connect(lambda _i: shown_at.append(model.rowCount()))
    with qtbot.waitSignal(w.list_ready, timeout=20_000):
        pass
    inserts = [n for kind, n in events if kind == "insert"]
    assert len(inserts) >= 2 and inserts[0] == 256 and sum(inserts) == 700
    assert ("reset", 700) not in events  # the finished scan found the list complete
    assert model.ids() == w.store.image_ids("all")
    recs = w.store.images(model.ids())
    assert [recs[i].relpath for i in model.ids()] == natural_sorted(relpaths)
    qtbot.waitUntil(lambda: bool(shown_at), timeout=10_000)
    assert w.current_id == model.ids()[0]
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)


def opened_on_600_images(qtbot, qapp, folder):
    """The window opened (as the app opens it) on a new folder of 600 small images."""
    from PIL import Image

    from glancelabel.gui.app import App

    folder.mkdir()
    for i in range(600):
        Image.new("RGB", (8, 6), (i % 255, 0, 0)).save(folder / f"im{i}.jpg")
    app = App(qapp, settings_mod.load())
    assert app.open_folder(folder)
    qtbot.addWidget(app.window)
    return app.window


def test_a_filter_chosen_while_a_new_project_is_listed_wins(qtbot, qapp, tmp_path):
    w = opened_on_600_images(qtbot, qapp, tmp_path / "many")
    panel = w.image_panel
    panel.set_filter("done")  # before any batch reaches the window
    with qtbot.waitSignal(w.list_ready, timeout=20_000):
        pass
    assert panel.model.filter == "done" and panel.model.rowCount() == 0
    panel.set_filter("all")
    assert panel.model.rowCount() == 600
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
    assert w.status_work.text() == ""


def test_the_list_is_refreshed_once_when_the_image_sizes_are_read(qtbot, qapp, tmp_path):
    """A progress report of the header read schedules a list refresh half a second later; the
    end of the read refreshes at once, and the scheduled one would only repeat it (a page
    re-read on the GUI thread while, say, a batch starts)."""
    w = opened_on_600_images(qtbot, qapp, tmp_path / "sizes")
    model = w.image_panel.model
    refreshes: list[int] = []
    model.dataChanged.connect(
        lambda top, bottom, *_: refreshes.append(bottom.row() - top.row() + 1))
    qtbot.waitSignal(w.scan_done, timeout=30_000).wait()
    assert not w.scanning and model.rowCount() == 600
    assert not w.opening._refresh_timer.isActive()  # nothing left scheduled (however slow)
    full = refreshes.count(600)
    assert full >= 1  # the refresh at the end of the read
    qtbot.wait(800)  # longer than the scheduled refresh's half second
    assert refreshes.count(600) == full
