"""Glance review shows its class choice and each tile's caption whole enough to read, in English
and in Chinese: the class combo is as wide as its longest entry (it was sized while still empty
and showed "person (:"), and a long file name under a tile is shortened in its middle so the
confidence stays on show (it was cut off at the tile's edge: "astronaut.jpg 96")."""

from __future__ import annotations

import pytest
from lang_kit import language
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QComboBox

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion

pytestmark = pytest.mark.timeout(120)
LONG = "a_rather_long_photo_name_from_the_camera_0001.jpg"


@pytest.fixture
def long_names(tmp_path):
    folder = tmp_path / "shots"
    folder.mkdir()
    for name in (LONG, "b.jpg"):
        Image.new("RGB", (320, 240), (40, 80, 120)).save(folder / name)
    return folder


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_class_choice_and_captions_fit(driver, long_names, qtbot, qapp, lang):
    with language(qapp, lang):
        w = driver.open(long_names)
        store = driver.store
        store.add_labels(["pedestrian_with_umbrella", "car"])
        label = store.label_by_name("pedestrian_with_umbrella").id
        run = store.create_run("anthropic", "claude-test")
        for name in (LONG, "b.jpg"):
            store.add_suggestions(run, driver.image_id(name), [
                NewSuggestion(Kind.BOX, "pedestrian_with_umbrella", label, Box(10, 10, 80, 80), None, 0.96)])
        w.labels_panel.reload()
        w.image_panel.model.reload()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G)
        g = w.glance
        assert g.active
        qtbot.waitUntil(lambda: g.waiting_pictures() == 0, timeout=20_000)
        box = g.grid.class_box
        assert box.currentText().startswith("pedestrian_with_umbrella")
        fresh = QComboBox()  # the width its entries need, measured anew
        fresh.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        fresh.addItems([box.itemText(i) for i in range(box.count())])
        assert box.width() >= fresh.sizeHint().width(), f"{box.currentText()!r} is cut off"
        tiles = g.tiles
        metrics = QFontMetrics(tiles.caption_font())
        for i, tile in enumerate(tiles.tiles):
            width = tiles.tile_rect(i).width() - 4
            shown = tiles.shown_caption(tile, width, metrics)
            assert metrics.horizontalAdvance(shown) <= width
            assert shown.endswith("96%"), shown
        long_tile = next(t for t in tiles.tiles if t.caption.startswith(LONG))
        assert "…" in tiles.shown_caption(long_tile, tiles.tile_rect(0).width() - 4, metrics)
