"""Chinese class names on the canvas, in the Chinese interface: a box of 行人 and a pending
suggestion the model called 红绿灯 carry their names in the tags drawn above them, wide enough for
the text; with a CJK font installed every character draws with a real glyph (not an empty box),
in Simplified Chinese forms where such a font is installed (Noto Sans CJK SC, as with Debian's
fonts-noto-cjk)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetricsF, QTextLayout
from test_zh_fonts import boxes

from glancelabel.core.app import paths
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui import i18n
from glancelabel.gui.canvas.items import TagItem


@pytest.fixture
def chinese_folder(folder):
    store = Store(paths.project_path(folder, None), folder)
    try:
        scan_folder(store, folder)
        store.add_labels(["行人", "红绿灯"])
        ids = {lab.name: lab.id for lab in store.labels()}
        image = store.image_by_relpath("img1.jpg").id
        store.add_box(image, ids["行人"], Box(20, 20, 200, 150))
        run = store.create_run("anthropic", "claude-x")
        store.add_suggestions(run, image, [
            NewSuggestion(Kind.BOX, "红绿灯", ids["红绿灯"], Box(300, 200, 120, 100), None, 0.8, "灯")])
    finally:
        store.close()
    return folder


def faces(text: str, font) -> set[str]:
    """The fonts that draw `text`'s characters."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_chinese_class_names_are_drawn_in_the_box_tags(driver, chinese_folder, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        w = driver.open(chinese_folder)  # on broken.jpg, the first
        driver.key(Qt.Key.Key_D)  # the next image
        driver.wait_image(driver.image_id("img1.jpg"))
        tags = [i for i in w.canvas.scene().items() if isinstance(i, TagItem)]
        drawn_by = [faces("行人红绿灯", t.font) for t in tags]
    finally:
        i18n.install(qapp, "en")
    texts = sorted(t.text for t in tags)
    assert len(tags) == 2 and "行人" in texts[0] + texts[1] and "红绿灯" in texts[0] + texts[1], texts
    for tag in tags:
        assert tag.isVisible()
        assert tag.boundingRect().width() >= QFontMetricsF(tag.font).horizontalAdvance(tag.text)
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no CJK font installed: the names would draw as boxes (Debian: fonts-noto-cjk)")
    assert [boxes(t.text, t.font) for t in tags] == [0, 0]
    if "Noto Sans CJK SC" in QFontDatabase.families():
        assert drawn_by == [{"Noto Sans CJK SC"}] * 2, drawn_by
