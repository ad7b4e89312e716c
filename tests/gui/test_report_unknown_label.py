"""The quality report names a label the AI gave that is not a class ("(unknown) espresso") in the
interface's language, in its per-class chart and table: in Chinese it read "(unknown) espresso"."""

from __future__ import annotations

import pytest
from menu_driving import when_modal
from PySide6.QtCore import Qt
from test_report_zh import open_report

from glancelabel.core.app.paths import project_path
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def espresso_folder(folder):
    """img1 reviewed: the AI's cup accepted, its 'espresso' (not a class) rejected."""
    with Store(project_path(folder), folder) as s:
        scan_folder(s, folder)
        s.add_labels(["cup"])
        cup = s.label_by_name("cup").id
        run = s.create_run("anthropic", "claude-x")
        image = s.image_by_relpath("img1.jpg").id
        ok, wrong = s.add_suggestions(run, image, [
            NewSuggestion(Kind.BOX, "cup", cup, Box(10, 10, 80, 80), None, 0.9),
            NewSuggestion(Kind.BOX, "espresso", None, Box(20, 20, 30, 30), None, 0.7)])
        s.reject_suggestions([wrong])
        s.accept_suggestions([ok], mark_done=True)
    return folder


@pytest.mark.parametrize(("lang", "unknown"), [("en", "(unknown) espresso"), ("zh_CN", "（未知标签）espresso")])
def test_an_unknown_label_is_named_in_the_interface_language(driver, espresso_folder, qtbot, qapp,
                                                             lang, unknown):
    i18n.install(qapp, lang)
    try:
        w = driver.open(espresso_folder)
        seen = {}

        def read(dialog) -> None:
            seen["chart"] = dialog.class_chart.shown_labels()
            table = dialog.class_tabs.widget(0)
            seen["table"] = [table.item(r, 0).text() for r in range(table.rowCount())]
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

        state = when_modal(read)
        open_report(w, qtbot)
        qtbot.waitUntil(lambda: "table" in seen)
        assert "dialog" in state
        assert seen["chart"] == [unknown, "cup"] or seen["chart"] == ["cup", unknown]
        assert sorted(seen["table"]) == sorted([unknown, "cup"])
    finally:
        i18n.install(qapp, "en")
