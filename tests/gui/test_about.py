"""The About dialog: version, bundled components with versions and licences from their metadata,
and the paths with buttons that open their folders. The app icon."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import qVersion

from glancelabel import __version__
from glancelabel.core.app import paths
from glancelabel.core.app import settings as settings_mod
from glancelabel.gui.dialogs.about import AboutDialog, components


def test_components_have_versions_and_licences():
    found = {c.name: c for c in components()}
    for name in ("Qt", "PySide6", "Pillow", "onnxruntime", "RapidOCR", "OpenCV", "anthropic SDK",
                 "openai SDK", "numpy", "sqlite-utils"):
        assert name in found, name
        assert found[name].licence, name
    assert found["Qt"].version == qVersion()
    assert found["PySide6"].version == metadata.version("PySide6-Essentials")
    assert found["Pillow"].version == metadata.version("pillow")
    assert "LGPL-3.0" in found["PySide6"].licence
    assert found["numpy"].licence.startswith("BSD")
    assert found["sqlite-utils"].licence == "Apache-2.0"


def test_dialog_shows_version_paths_and_opens_folders(qtbot, tmp_path):
    project = tmp_path / "photos" / ".glancelabel" / "project.sqlite"
    project.parent.mkdir(parents=True)
    project.touch()
    opened = []
    dlg = AboutDialog(project=project, opener=lambda folder: opened.append(folder) or True)
    qtbot.addWidget(dlg)
    assert __version__ in dlg.findChild(type(dlg.message), "aboutTitle").text()
    assert dlg.table.rowCount() == len(components())
    names = [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())]
    assert "Qt" in names and "Pillow" in names
    shown = [dlg.findChild(type(dlg.message), f"aboutPath{i}").text() for i in range(3)]
    assert shown == [str(project), str(paths.log_file()), str(settings_mod.settings_file())]
    dlg.open_buttons["Project file"].click()
    assert opened == [project.parent]
    # the log folder does not exist in this fresh user directory: a sentence, nothing opened
    dlg.open_buttons["Log file"].click()
    assert opened == [project.parent]
    assert "does not exist yet" in dlg.message.text()
    paths.log_dir().mkdir(parents=True)
    dlg.open_buttons["Log file"].click()
    assert opened[-1] == paths.log_dir()


def test_dialog_without_a_project_and_an_opener_that_fails(qtbot, tmp_path):
    settings_mod.settings_file().parent.mkdir(parents=True)
    dlg = AboutDialog(opener=lambda _folder: False)
    qtbot.addWidget(dlg)
    assert not dlg.open_buttons["Project file"].isEnabled()
    dlg.open_buttons["Settings file"].click()
    assert "could not be opened" in dlg.message.text()


def test_app_icon_has_every_size_and_is_the_windows_icon(qapp):
    from glancelabel.gui.app import make_qapp
    from glancelabel.gui.icons import APP_ICON_SIZES, app_icon

    ico = app_icon()
    sizes = {(s.width(), s.height()) for s in ico.availableSizes()}
    assert {(n, n) for n in APP_ICON_SIZES} <= sizes
    image = ico.pixmap(64, 64).toImage()
    corner, eye = image.pixelColor(32, 6), image.pixelColor(24, 32)
    assert corner.name() == "#1f3a5f"  # the icon's own colours, not a tint
    assert eye.lightness() > 240  # the white of the eye
    saved_sheet, saved_palette = qapp.styleSheet(), qapp.palette()
    try:
        make_qapp([])
        assert not qapp.windowIcon().isNull()
        assert qapp.glancelabel_theme.scheme in ("light", "dark")
    finally:
        qapp.setStyleSheet(saved_sheet)
        qapp.setPalette(saved_palette)
