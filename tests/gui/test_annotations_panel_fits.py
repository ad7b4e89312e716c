"""The Annotations panel, as narrow as it comes by default and narrower, shows its three column
titles whole and each cell inside the panel, shortened with “…” where it is too long (the whole
text in its tool tip): nothing runs past the panel's edge unseen. In English and in Chinese
(来源, the last column, ran past the edge of the default panel, cut with no “…”)."""

from __future__ import annotations

import pytest
from lang_kit import language
from PySide6.QtCore import Qt
from test_annotations_panel import go_to

from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion

K = Qt.Key
MADE_BY = {"en": ("Made by", "accepted from the AI (anthropic/claude-sonnet-5-5)"),
           "zh_CN": ("来源", "接受自 AI（anthropic/claude-sonnet-5-5）")}


def columns_shown_whole(table) -> None:
    """Each column ends inside the table, or the table scrolls to it; each title fits its column."""
    header, width = table.horizontalHeader(), table.viewport().width()
    scrolls = table.horizontalScrollBar().isVisible() and table.horizontalScrollBar().maximum() > 0
    for c in range(3):
        title = table.horizontalHeaderItem(c).text()
        assert header.sectionSize(c) >= header.sectionSizeFromContents(c).width(), f"{title!r} is cut"
        end = header.sectionPosition(c) + header.sectionSize(c)
        assert end <= width or scrolls, f"column {title!r} ends at {end}, past the table's {width} px"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_made_by_column_is_never_cut_off(driver, folder, qtbot, qapp, lang):
    with language(qapp, lang):
        w = driver.open(folder)
        panel = w.annotations_panel
        qtbot.waitUntil(panel.isVisible)
        img1 = go_to(driver, "img1.jpg")
        store = driver.store
        w.commit(store.add_label("person"))
        run = store.create_run("anthropic", "claude-sonnet-5-5")
        store.add_suggestions(run, img1, [NewSuggestion(Kind.BOX, "person", store.label_by_name("person").id,
                                                        Box(80, 20, 390, 392), confidence=0.96)])
        w.refresh_boxes()
        driver.key(K.Key_Tab)
        driver.key(K.Key_Return)  # the person accepted
        table = panel.table
        qtbot.waitUntil(lambda: table.rowCount() == 1)
        title, made_by = MADE_BY[lang]
        assert table.horizontalHeaderItem(2).text() == title
        assert panel.rows()[0][2] == made_by and table.item(0, 2).toolTip() == made_by
        qtbot.wait(20)
        assert table.width() <= 260
        columns_shown_whole(table)
        assert not table.horizontalScrollBar().isVisible()  # (at the default width, no need)

        dock = w.frame.main_dock("annotations")
        # as narrow as the left panels go (the separator dragged left; offscreen the main
        # window's separators take no synthetic mouse events, so the docks are resized)
        w.resizeDocks([dock], [dock.minimumSizeHint().width()], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: dock.width() < 230)
        qtbot.wait(20)
        columns_shown_whole(table)
