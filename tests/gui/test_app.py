"""Starting the app: arguments, the start screen, the sample folder, refusals, the project lock,
zoom and the sharper decode."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from glancelabel import __version__
from glancelabel.core.app import paths
from glancelabel.core.app import settings as settings_mod
from glancelabel.gui.app import App, parse_args

K = Qt.Key


def test_version_and_arguments(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    args = parse_args([str(tmp_path), "--project", str(tmp_path / "p.sqlite")])
    assert args.folder == tmp_path and args.project == tmp_path / "p.sqlite"


def test_start_screen_opens_the_sample_folder_as_a_writable_copy(qtbot, qapp):
    app = App(qapp, settings_mod.Settings())
    app.show_start()
    qtbot.addWidget(app.start_screen)
    assert app.start_screen.recent.count() == 0
    app.start_screen.open_requested.emit("sample")
    w = app.window
    assert w is not None and app.start_screen is None
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
    assert w.folder == paths.data_dir() / "sample-images"
    names = [w.store.image(i).relpath for i in w.image_panel.model.ids()]
    assert names == ["astronaut.jpg", "chelsea.jpg", "coffee.jpg", "rocket.jpg"]
    assert (w.folder / ".glancelabel" / "project.sqlite").exists()
    assert settings_mod.load().recent_folders == [str(w.folder.resolve())]
    w.close()


def test_recent_folder_opens_from_the_start_screen(qtbot, qapp, folder):
    settings = settings_mod.Settings()
    settings.add_recent(folder)
    settings.recent_folders.append(str(folder / "gone"))
    app = App(qapp, settings)
    app.show_start()
    screen = app.start_screen
    qtbot.addWidget(screen)
    assert screen.recent.count() == 2
    assert not (screen.recent.item(1).flags() & Qt.ItemFlag.ItemIsEnabled)  # not there any more
    screen.recent.itemActivated.emit(screen.recent.item(0))
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: not app.window.scanning, timeout=20_000)
    assert app.window.image_panel.model.rowCount() == 5
    app.window.close()


def test_a_file_instead_of_a_folder_is_refused_in_one_sentence(qtbot, qapp, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    app = App(qapp, settings_mod.Settings())
    f = tmp_path / "photo.jpg"
    f.write_bytes(b"x")
    assert not app.open_folder(f)
    assert said == [f"{f} is not a folder."]
    assert app.window is None


def test_a_project_open_in_another_window_asks_first(qtbot, qapp, folder, monkeypatch):
    first = App(qapp, settings_mod.Settings())
    assert first.open_folder(folder)
    qtbot.addWidget(first.window)
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    second = App(qapp, settings_mod.Settings())
    assert not second.open_folder(folder)
    assert asked and "open in another GlanceLabel window" in asked[0]
    qtbot.waitUntil(lambda: not first.window.scanning, timeout=20_000)
    first.window.close()
    assert second.open_folder(folder)  # released when the first window closed
    qtbot.addWidget(second.window)
    qtbot.waitUntil(lambda: not second.window.scanning, timeout=20_000)
    second.window.close()


def test_zoom_keys_fit_and_a_sharper_decode_when_zoomed_in(driver, tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    Image.new("RGB", (3000, 2000), (10, 120, 30)).save(folder / "big.jpg")
    w = driver.open(folder)
    w.canvas.fit_action()
    reduced = w.canvas.decoded_width
    assert 0 < reduced < 3000  # decoded at the size it covers on screen
    fitted = w.canvas.zoom()
    for _ in range(4):
        driver.key(K.Key_Plus)
    assert w.canvas.zoom() == pytest.approx(fitted * 1.25**4)
    driver.qtbot.waitUntil(lambda: w.canvas.decoded_width == 3000, timeout=20_000)
    assert w.canvas.image_size == (3000, 2000)  # boxes keep the same frame
    # a middle-button drag pans: the image moves with the mouse
    vp = w.canvas.viewport()
    centre = vp.rect().center()
    before = w.canvas.mapToScene(centre)
    driver.qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, pos=centre)
    driver.qtbot.mouseMove(vp, centre + QPoint(-80, 0))
    driver.qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=centre + QPoint(-80, 0))
    after = w.canvas.mapToScene(centre)
    assert after.x() - before.x() == pytest.approx(80 / w.canvas.zoom(), abs=2 / w.canvas.zoom())
    assert after.y() == pytest.approx(before.y(), abs=1)
    driver.key(K.Key_F)
    assert w.canvas.zoom() == pytest.approx(fitted)
    assert w.status_zoom.text() == f"{fitted:.0%}"


def test_shift_tab_cycles_backwards(driver, folder):
    from glancelabel.core.model import Box

    w = driver.open(folder)
    img1 = driver.image_id("img1.jpg")
    for x in (10, 100, 200):
        driver.store.add_box(img1, None, Box(x, 10, 50, 50))
    w.show_image(img1)
    driver.wait_image(img1)
    keys = w.canvas.keys()
    driver.key(K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert w.canvas.selected_key == keys[-1]
    driver.key(K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert w.canvas.selected_key == keys[-2]
    assert QApplication.focusWidget() is w.canvas  # Tab keys never move the focus away
