"""The workflows hooked into the main window: each menu action opens its dialog, spot-check mode
walks only the sample with the keyboard and counts n of N, accept-the-rest is undoable, a batch run
refreshes the open window as suggestions arrive, the import dialog imports a COCO file with its
skipped records listed, and a theme change re-tints the icons."""

from __future__ import annotations

import json

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QPushButton

from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui import actions as actions_mod

K = Qt.Key


def _make_images(folder, n):
    folder.mkdir()
    for i in range(n):
        Image.new("RGB", (120 + i, 90), (i * 20 % 256, 90, 160)).save(folder / f"im{i:02d}.jpg")
    return folder


# -- each action opens its dialog -----------------------------------------------------------------
DIALOGS = {
    "import": ("glancelabel.gui.dialogs.import_dialog", "ImportDialog"),
    "batch": ("glancelabel.gui.dialogs.batch", "BatchDialog"),
    "spot_check": ("glancelabel.gui.dialogs.spotcheck", "SpotCheckCreateDialog"),
    "report": ("glancelabel.gui.dialogs.report", "ReportDialog"),
    "about": ("glancelabel.gui.dialogs.about", "AboutDialog"),
}


@pytest.mark.parametrize("action_id", sorted(DIALOGS))
def test_menu_action_opens_its_dialog(driver, folder, monkeypatch, action_id):
    import importlib

    module, name = DIALOGS[action_id]
    cls = getattr(importlib.import_module(module), name)
    opened = []

    def fake_exec(self):
        opened.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(cls, "exec", fake_exec)
    w = driver.open(folder)
    spec = actions_mod.BY_ID[action_id]
    menu_titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert spec.menu in menu_titles
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == spec.menu)
    assert w.actions_by_id[action_id] in menu.actions()  # built from the one table
    w.actions_by_id[action_id].trigger()
    assert len(opened) == 1 and isinstance(opened[0], cls)
    assert opened[0].parent() is w


def test_batch_shortcut_is_ctrl_b_and_export_opens_the_export_dialog(driver, folder, monkeypatch):
    import sys
    import types

    w = driver.open(folder)
    assert w.actions_by_id["batch"].shortcut().toString() == "Ctrl+B"
    opened = []

    class FakeExport(QDialog):  # the real one, when present, takes the same arguments
        def __init__(self, store, folder, parent=None):
            super().__init__(parent)
            opened.append((store, folder, parent))

        def exec(self):
            return 0

    fake = types.ModuleType("glancelabel.gui.dialogs.export")
    fake.ExportDialog = FakeExport
    monkeypatch.setitem(sys.modules, "glancelabel.gui.dialogs.export", fake)
    w.actions_by_id["export"].trigger()
    assert opened == [(w.store, w.folder, w)]


def test_about_shows_versions_licences_and_paths(driver, folder, monkeypatch):
    from glancelabel.gui.dialogs.about import AboutDialog

    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    w = driver.open(folder)
    w.actions_by_id["about"].trigger()
    dlg = shown[0]
    assert dlg.paths["Project file"] == w.store.path
    assert dlg.open_buttons["Project file"].isEnabled()


# -- spot-check mode ------------------------------------------------------------------------------
@pytest.fixture
def audited(tmp_path, driver):
    """12 images with one 'cat' suggestion each; a spot-check of a third of them."""
    folder = _make_images(tmp_path / "shots", 12)
    w = driver.open(folder)
    store = w.store
    w.commit(store.add_label("cat"))
    cat = store.label_by_name("cat").id
    run = store.create_run("fake", "m")
    for image_id in w.image_panel.model.ids():
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, "cat", cat,
                                                            Box(5, 5, 40, 30), confidence=0.9)])
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.34, seed=3, target=0.3))
    w.image_panel.model.refresh_all()
    w.spot_check.confirm = lambda _parent, _question: True
    return w, audit_id


def test_spot_check_mode_walks_only_the_sample(driver, audited, monkeypatch):
    from glancelabel.gui.dialogs.spotcheck import SpotCheckCreateDialog

    w, audit_id = audited
    all_ids = list(w.image_panel.model.ids())

    def create(self):  # the dialog's own creation is tested in test_audit_panel.py
        self.audit_id = audit_id
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SpotCheckCreateDialog, "exec", create)
    assert not w.actions_by_id["leave_spot_check"].isEnabled()
    w.actions_by_id["spot_check"].trigger()
    mode = w.spot_check
    assert mode.active and w.actions_by_id["leave_spot_check"].isEnabled()
    sample = mode.panel.sample_ids()
    assert len(sample) == 5 and set(sample) < set(all_ids)
    dock = w.findChild(QDockWidget, "dock_spotcheck")
    assert dock.isVisible()
    assert w.image_panel.model.ids() == sample
    assert w.current_id == sample[0]
    assert mode.panel.progress.text() == "0 of 5 reviewed"
    assert "0 of 5 reviewed" in mode.banner.text()

    # D and A walk the sample only, in order, and stop at its ends
    visited = [w.current_id]
    for _ in range(len(sample) + 1):
        driver.key(K.Key_D)
        visited.append(w.current_id)
    assert visited == sample + [sample[-1]] * 2
    driver.key(K.Key_A)
    assert w.current_id == sample[-2]

    # Space accepts, marks done and goes to the next sampled image needing review
    reviewed = []
    for n in range(1, len(sample) + 1):
        before = w.current_id
        driver.key(K.Key_Space)
        reviewed.append(before)
        assert w.store.image(before).review_state == ReviewState.DONE
        assert mode.panel.progress.text() == f"{n} of 5 reviewed"
        assert f"{n} of 5 reviewed" in mode.banner.text()
        assert w.current_id in sample
    assert sorted(reviewed) == sorted(sample)
    outside = [i for i in all_ids if i not in sample]
    assert all(w.store.image(i).review_state == ReviewState.NEW for i in outside)

    # leaving shows the whole folder again; the mode is forgotten by the project
    driver.qtbot.mouseClick(dock.findChild(QPushButton, "leaveSpotCheck"),
                            Qt.MouseButton.LeftButton)
    assert not mode.active and not dock.isVisible()
    assert w.image_panel.model.ids() == all_ids
    assert not w.actions_by_id["leave_spot_check"].isEnabled()
    assert w.store.get_meta("spot_check_mode") == ""


def test_accept_the_rest_lands_on_the_undo_stack(driver, audited):
    w, audit_id = audited
    assert w.spot_check.start(audit_id)
    panel = w.spot_check.panel
    for _ in panel.sample_ids():
        driver.key(K.Key_Space)
    assert panel.status.summary.verdict == "pass"
    rest = panel.status.rest_pending
    assert rest == 12 - 5
    with driver.qtbot.waitSignal(panel.rest_accepted, timeout=20_000):
        driver.qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    pending = w.store.scalar("SELECT count(*) FROM suggestions WHERE state = 'pending'")
    assert pending == 0
    assert w.actions_by_id["undo"].text() == (
        f"Undo: accept the rest of the spot-check ({rest} suggestions)")
    driver.key(K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    pending = w.store.scalar("SELECT count(*) FROM suggestions WHERE state = 'pending'")
    assert pending == rest
    assert panel.status.rest_pending == rest  # the panel followed the undo


def test_spot_check_mode_resumes_when_the_folder_is_opened_again(driver, audited):
    w, audit_id = audited
    folder = w.folder
    assert w.spot_check.start(audit_id)
    sample = w.spot_check.panel.sample_ids()
    driver.close()
    w2 = driver.open(folder)
    driver.qtbot.waitUntil(lambda: w2.spot_check.active, timeout=10_000)
    assert w2.spot_check.audit_id == audit_id
    assert w2.image_panel.model.ids() == sample


# -- batch runs refresh the window ----------------------------------------------------------------
@pytest.fixture
def fake(monkeypatch):
    from fakes.batch_fakes import car_answering

    with car_answering(monkeypatch) as f:
        yield f


def test_batch_progress_refreshes_the_open_window(driver, tmp_path, fake, monkeypatch):
    from fakes.batch_fakes import make_images
    from glancelabel.core.app import settings as settings_mod
    from glancelabel.gui.dialogs.batch import BatchDialog

    folder = tmp_path / "cars"
    make_images(folder, 5)
    settings = settings_mod.load()
    settings.provider.base_url = fake.base_url
    settings.provider.concurrency = 2
    settings_mod.save(settings)
    w = driver.open(folder)
    w.commit(w.store.add_label("car"))
    first = w.current_id
    row_text = w.image_panel.model.data(w.image_panel.model.index(0))
    assert "◌" not in row_text

    def start_at_once(self):  # a person pressing Start once the estimate shows
        driver.qtbot.waitUntil(self.start_button.isEnabled)
        self.start_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BatchDialog, "exec", start_at_once)
    driver.key(K.Key_B, Qt.KeyboardModifier.ControlModifier)
    panel = w.batch.panel()
    assert w.findChild(QDockWidget, "dock_batch").isVisible()
    with driver.qtbot.waitSignal(panel.runFinished, timeout=60_000) as sig:
        pass
    assert sig.args[0].succeeded == 5
    # the shown image got its suggestions on the canvas and the list shows pending counts
    assert any(k[0] == "s" for k in w.canvas.keys())
    model = w.image_panel.model
    for row in range(model.rowCount()):
        assert "◌" in model.data(model.index(row))
    assert w.current_id == first
    assert w.store.pending_counts([first])[first] >= 1


def test_suggestions_arriving_mid_run_show_on_the_current_image(driver, tmp_path):
    """The window's slot for the panel's resultsArrived: list row and canvas refresh."""
    folder = _make_images(tmp_path / "shots", 3)
    w = driver.open(folder)
    w.commit(w.store.add_label("cat"))
    cat = w.store.label_by_name("cat").id
    model = w.image_panel.model
    model.data(model.index(0))  # cache the row
    run = w.store.create_run("fake", "m")
    sids = w.store.add_suggestions(run, w.current_id, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(5, 5, 40, 30), confidence=0.9)])
    panel = w.batch.panel()
    assert sids
    panel.resultsArrived.emit([w.current_id])
    assert "◌1" in model.data(model.index(model.row_of(w.current_id)))
    assert any(k[0] == "s" for k in w.canvas.keys())


def test_collected_batch_results_show_and_say_what_was_sent_again(driver, tmp_path):
    """The window's slot for the panel's batchesCollected: list refresh and a status line."""
    from glancelabel.core.suggest.batch_api import CollectReport

    folder = _make_images(tmp_path / "shots", 2)
    w = driver.open(folder)
    panel = w.batch.panel()
    panel.batchesCollected.emit([CollectReport(1, stored=1, resent=2, resent_batches=[2])])
    message = w.statusBar().currentMessage()
    assert "1 answer stored" in message and "2 expired requests were sent again" in message


# -- import ---------------------------------------------------------------------------------------
def test_import_dialog_imports_a_coco_file(driver, folder, tmp_path, monkeypatch):
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    coco = {
        "images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480},
                   {"id": 2, "file_name": "img2.png", "width": 320, "height": 240},
                   {"id": 3, "file_name": "nope.jpg", "width": 10, "height": 10}],
        "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 100, 50]},
            {"id": 2, "image_id": 1, "category_id": 2, "bbox": [200, 100, 30, 30]},
            {"id": 3, "image_id": 2, "category_id": 1, "bbox": [5000, 5000, 10, 10]},
            {"id": 4, "image_id": 3, "category_id": 1, "bbox": [1, 1, 2, 2]},
        ],
    }
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(coco))
    dialogs = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: dialogs.append(self) or 0)
    w = driver.open(folder)
    w.actions_by_id["import"].trigger()
    dlg = dialogs[0]
    assert not dlg.import_button.isEnabled()  # no file chosen yet
    assert "Choose the dataset" in dlg.problem.text()
    dlg.path.setText(str(tmp_path / "missing.json"))
    assert "does not exist" in dlg.problem.text() and not dlg.import_button.isEnabled()
    dlg.path.setText(str(path))
    assert dlg.plan.format == "coco" and dlg.plan.as_ == "annotations"
    assert dlg.import_button.isEnabled()
    with driver.qtbot.waitSignal(dlg.imported, timeout=30_000) as sig:
        driver.qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    summary = sig.args[0]
    assert summary.annotations == 2 and set(summary.new_classes) == {"cat", "dog"}
    # the summary names every skipped record with its reason
    assert not dlg.skipped.isHidden() and dlg.skipped.rowCount() == len(summary.skipped) == 2
    reasons = " | ".join(dlg.skipped.item(r, 1).text() for r in range(dlg.skipped.rowCount()))
    assert "not an image of the project" in reasons and "outside the image" in reasons
    assert "Imported 2 annotations" in dlg.summary_text.toPlainText()
    # the window shows the new classes and boxes
    img1 = driver.image_id("img1.jpg")
    assert len(w.store.annotations(img1)) == 2
    names = {lab.name for lab in w.store.labels()}
    assert {"cat", "dog"} <= names
    model = w.image_panel.model
    assert "▢2" in model.data(model.index(model.row_of(img1)))
    w.show_image(img1)
    assert sum(1 for k in w.canvas.keys() if k[0] == "a") == 2
    assert w.statusBar().currentMessage() == "Imported 2 annotations on 2 images; 2 skipped."
    # the same file again: nothing new, and the status bar says so (not "Imported 0 …")
    w.actions_by_id["import"].trigger()
    again = dialogs[1]
    again.path.setText(str(path))
    with driver.qtbot.waitSignal(again.imported, timeout=30_000) as sig:
        driver.qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    assert sig.args[0].annotations == 0 and sig.args[0].duplicates == 2
    assert w.statusBar().currentMessage() == (
        "Imported 0 annotations on 2 images; 2 annotations already in the project, 2 skipped.")
    assert len(w.store.annotations(img1)) == 2


def test_importing_a_file_already_imported_says_nothing_is_new(driver, folder, tmp_path,
                                                               monkeypatch):
    from import_kit import hundred_car_boxes

    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    coco = hundred_car_boxes(tmp_path)
    dialogs = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: dialogs.append(self) or 0)
    w = driver.open(folder)
    for n in range(2):
        driver.key(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # File > Import…
        driver.qtbot.keyClicks(dialogs[n].path, str(coco))
        with driver.qtbot.waitSignal(dialogs[n].imported, timeout=30_000):
            driver.qtbot.mouseClick(dialogs[n].import_button, Qt.MouseButton.LeftButton)
        if n == 0:
            assert w.statusBar().currentMessage() == "Imported 100 annotations on 2 images."
    assert w.statusBar().currentMessage() == (
        "Nothing new: the 100 annotations of labels.json are already in the project.")
    assert w.store.scalar("SELECT count(*) FROM annotations") == 100


def test_import_as_suggestions_refusing_new_classes(driver, folder, tmp_path):
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    w = driver.open(folder)
    w.commit(w.store.add_label("cat"))
    coco = {"images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480}],
            "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "zebra"}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 30, 40]},
                            {"id": 2, "image_id": 1, "category_id": 2, "bbox": [5, 5, 9, 9]}]}
    path = tmp_path / "vendor.json"
    path.write_text(json.dumps(coco))
    dlg = ImportDialog(w.store, w.folder, w, tasks=w.runner)
    driver.qtbot.addWidget(dlg)
    dlg.imported.connect(w.project.imported)
    dlg.path.setText(str(path))
    dlg.as_suggestions.setChecked(True)
    dlg.no_new_classes.setChecked(True)
    assert dlg.plan.as_ == "suggestions" and dlg.plan.new_classes is False
    with driver.qtbot.waitSignal(dlg.imported, timeout=30_000) as sig:
        dlg.start()
    s = sig.args[0]
    assert s.suggestions == 1 and s.new_classes == []
    assert "zebra" in dlg.skipped.item(0, 1).text()
    img1 = driver.image_id("img1.jpg")
    assert w.store.pending_counts([img1])[img1] == 1
    assert {lab.name for lab in w.store.labels()} == {"cat"}


def test_import_of_a_bad_file_says_one_sentence(driver, folder, tmp_path):
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    w = driver.open(folder)
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    dlg = ImportDialog(w.store, w.folder, w, tasks=w.runner)
    driver.qtbot.addWidget(dlg)
    dlg.path.setText(str(bad))
    dlg.start()
    driver.qtbot.waitUntil(lambda: dlg.error is not None, timeout=30_000)
    assert dlg.summary is None and dlg.error.count("\n") == 0 and dlg.error in dlg.problem.text()
    assert dlg.import_button.isEnabled()  # can try again


# -- theme ----------------------------------------------------------------------------------------
def _ink_lightness(icon) -> int:
    image = icon.pixmap(24, 24).toImage()
    best = None
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() > 200:
                best = c
                break
        if best is not None:
            break
    assert best is not None, "the icon has no opaque pixel"
    return best.lightness()


def test_theme_change_retints_the_icons(driver, folder):
    from glancelabel.gui.theme import DARK, LIGHT, Theme, is_dark

    qapp = QApplication.instance()
    saved_palette, saved_sheet = QPalette(qapp.palette()), qapp.styleSheet()
    w = driver.open(folder)
    theme = Theme(qapp)
    try:
        assert theme.on_scheme_changed(Qt.ColorScheme.Dark) == DARK
        assert is_dark(qapp.palette())
        undo_ink = _ink_lightness(w.actions_by_id["undo"].icon())
        assert undo_ink > 180  # light ink on a dark toolbar
        assert _ink_lightness(w.actions_by_id["import"].icon()) > 180
        assert "QDockWidget" in qapp.styleSheet()
        assert theme.on_scheme_changed(Qt.ColorScheme.Light) == LIGHT
        assert not is_dark(qapp.palette())
        assert _ink_lightness(w.actions_by_id["undo"].icon()) < 100  # dark ink again
    finally:
        theme.deleteLater()
        qapp.setPalette(saved_palette)
        qapp.setStyleSheet(saved_sheet)


def test_icon_set_is_consistent():
    """Every icon is an SVG drawn in currentColor (no fixed colours), and every icon the action
    table names exists."""
    import re

    from glancelabel.core.app.resources import resource

    files = sorted(resource("icons").glob("*.svg"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "currentColor" in text, path.name
        assert not re.search(r'(fill|stroke)="#', text), path.name
        assert 'viewBox="0 0 24 24"' in text, path.name
    names = {p.stem for p in files}
    wanted = {a.icon for a in actions_mod.ACTIONS if a.icon}
    assert wanted <= names, wanted - names
