"""The quality report dialog: charts laid out from the figures, tables, export and refresh."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.report import PRECISION_COLOR, RECALL_COLOR, Series, build_report
from glancelabel.core.spotcheck.sample import Rate, wilson
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui.dialogs.report import BarChart, ReportDialog

DEC_5 = time.mktime((time.localtime().tm_year, 12, 5, 12, 0, 0, 0, 0, -1))


@pytest.fixture
def store(tmp_path):
    """Two runs over 10 images: run 1 right on 8 and wrong on 2; run 2 finds only half."""
    s = Store(tmp_path / "p.sqlite", tmp_path)
    s.add_labels(["cat", "dog"])
    s.add_images([(f"{i}.jpg", 1, 1) for i in range(10)])
    ids = [r.id for r in s.all_images()]
    s.set_headers([(i, 200, 200, 1, "JPEG", "ok", None) for i in ids])
    a, b = s.create_run("p1", "m1"), s.create_run("p2", "m2")
    s.add_run_usage(a, 10, 10, 0.08)
    box = Box(10, 10, 80, 80)
    for n, i in enumerate(ids):
        label = 2 if n < 2 else 1
        sa = s.add_suggestions(a, i, [NewSuggestion(Kind.BOX, "x", label, box, None, 0.9)])
        if n % 2 == 0:
            s.add_suggestions(b, i, [NewSuggestion(Kind.BOX, "x", 1, box, None, 0.5)])
        if label == 1:
            s.accept_suggestions(sa, mark_done=True)
        else:
            s.reject_suggestions(sa, mark_done=True)
            s.add_box(i, 1, box)
    with s.tx() as c:  # both runs made on 5 December of this year
        c.execute("UPDATE runs SET created_at = ?", (DEC_5,))
    s.ids = ids
    yield s
    s.close()


def test_dialog_shows_models_and_classes(qtbot, store):
    dlg = ReportDialog.from_store(store)
    qtbot.addWidget(dlg)
    assert dlg.model_table.rowCount() == 3  # two runs and all runs
    assert dlg.model_table.item(0, 0).text() == "p1 / m1 · run 1, 5 Dec"
    assert dlg.model_table.item(2, 0).text() == "all runs"
    assert dlg.model_table.item(0, 2).text().startswith("80.0 %")  # 8 of 10 right
    assert dlg.model_table.item(0, 11).text() == "$0.01000"  # 0.08 / 8 accepted labels
    assert dlg.class_tabs.count() == 3
    cat_table = dlg.class_tabs.widget(0)
    assert [cat_table.item(r, 0).text() for r in range(cat_table.rowCount())] == ["cat", "dog"]
    assert dlg.model_chart.categories == ["m1 · run 1, 5 Dec", "m2 · run 2, 5 Dec"]
    assert dlg.class_tabs.tabText(0) == "m1 · run 1, 5 Dec"
    assert dlg.class_chart.categories == ["cat", "dog"]
    assert "10 images reviewed" in dlg.summary.text()
    assert dlg.refresh_button.isVisibleTo(dlg)


def test_bars_and_error_bars_follow_the_figures(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    values = [Rate.of(8, 10), Rate.of(0, 0), Rate.of(5, 5)]
    chart.set_data("t", ["a", "b", "c"], [Series("precision", PRECISION_COLOR, values)])
    bars = chart.bar_geometry()
    assert [b.category for b in bars] == [0, 2]  # no bar where nothing was counted
    plot_top, plot_h = chart.TOP, 300 - chart.TOP - chart.BOTTOM
    bottom = plot_top + plot_h
    assert bars[0].rect.bottom() == pytest.approx(bottom)
    assert bars[0].rect.height() == pytest.approx(plot_h * 0.8)
    assert bars[1].rect.height() == pytest.approx(plot_h * 1.0)
    lo, hi = wilson(8, 10)
    assert bars[0].err_low_y == pytest.approx(plot_top + plot_h * (1 - lo))
    assert bars[0].err_high_y == pytest.approx(plot_top + plot_h * (1 - hi))
    assert bars[0].err_x == pytest.approx(bars[0].rect.center().x())
    assert "a: precision 80.0 %" in chart.toolTip()

    # the pixels: the bar colour is painted inside the bar, not above it
    image = chart.grab().toImage()
    inside = bars[0].rect.center()
    assert image.pixelColor(int(inside.x()), int(inside.y())) == QColor(PRECISION_COLOR)
    above = int(bars[0].rect.top()) - 20
    assert image.pixelColor(int(inside.x()) - 2, above) != QColor(PRECISION_COLOR)


def test_two_series_side_by_side(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.set_data("t", ["m1", "m2"], [
        Series("precision", PRECISION_COLOR, [Rate.of(9, 10), Rate.of(1, 2)]),
        Series("recall", RECALL_COLOR, [Rate.of(3, 10), Rate.of(2, 2)]),
    ])
    bars = chart.bar_geometry()
    assert [(b.category, b.series) for b in bars] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert bars[0].rect.right() <= bars[1].rect.left()  # no overlap within a group
    assert bars[1].rect.right() <= bars[2].rect.left()
    assert bars[0].rect.height() == pytest.approx(3 * bars[1].rect.height())


def test_export_buttons_write_files(qtbot, store, tmp_path):
    answers = []
    dlg = ReportDialog.from_store(store, ask_path=lambda *_a: answers.pop(0))
    qtbot.addWidget(dlg)
    html, csv_path = tmp_path / "out.html", tmp_path / "out.csv"
    answers.append(str(html))
    qtbot.mouseClick(dlg.html_button, Qt.MouseButton.LeftButton)
    assert html.read_text(encoding="utf-8").count("<svg") == 2
    assert f"Wrote {html}" in dlg.message.text()
    answers.append(str(csv_path))
    qtbot.mouseClick(dlg.csv_button, Qt.MouseButton.LeftButton)
    assert csv_path.read_text(encoding="utf-8").startswith("run_id,provider,model")
    answers.append("")  # cancelled
    qtbot.mouseClick(dlg.csv_button, Qt.MouseButton.LeftButton)
    assert f"Wrote {csv_path}" in dlg.message.text()
    # a folder that does not exist: one sentence in the dialog, no crash
    assert not dlg.export("html", tmp_path / "missing" / "r.html")
    assert dlg.message.text().startswith("Could not write")


def test_refresh_and_empty_report(qtbot, store, tmp_path):
    dlg = ReportDialog.from_store(store)
    qtbot.addWidget(dlg)
    before = dlg.report.overall.box_total.tp
    # a person draws a box on an image: the AI missed it (a false negative)
    store.add_box(store.ids[3], 2, Box(120, 120, 50, 50))
    qtbot.mouseClick(dlg.refresh_button, Qt.MouseButton.LeftButton)
    assert dlg.report.overall.box_total.tp == before
    assert dlg.report.overall.boxes["dog"].fn == build_report(store).overall.boxes["dog"].fn >= 1
    assert dlg.message.text() == "Refreshed."

    empty = Store(tmp_path / "e.sqlite")
    d2 = ReportDialog(build_report(empty))
    qtbot.addWidget(d2)
    assert "No reviewed image has AI suggestions" in d2.summary.text()
    assert d2.model_table.rowCount() == 0 and d2.class_tabs.count() == 0
    assert not d2.refresh_button.isVisibleTo(d2)
    d2.class_chart.resize(300, 260)
    d2.class_chart.grab()  # paints "nothing to show yet" without failing
    empty.close()


def test_runs_of_one_model_told_apart_in_the_report_from_the_menu(driver, folder, qtbot):
    """Review → Quality report…: three runs of one long-named model (two asked image by image,
    one through the Batch API) each get their own name below the bars, written in full."""
    from menu_driving import choose, when_modal

    from glancelabel.core.app.paths import project_path
    from glancelabel.core.folder.scan import scan_folder

    model = "claude-sonnet-4-5-20250929"
    with Store(project_path(folder), folder) as s:
        scan_folder(s, folder)
        s.add_labels(["cat"])
        cat = s.labels()[0].id
        runs = [s.create_run("anthropic", model), s.create_run("anthropic", model),
                s.create_run("anthropic", model, kind="batch-api")]
        with s.tx() as c:
            for n, run in enumerate(runs):
                c.execute("UPDATE runs SET created_at = ? WHERE id = ?", (DEC_5 + n * 86400, run))
        for n, name in enumerate(("img1.jpg", "img2.png", "img4.jpg")):
            image = s.image_by_relpath(name).id
            ids = s.add_suggestions(runs[n], image, [
                NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 80, 80), None, 0.9)])
            s.accept_suggestions(ids, mark_done=True)
    w = driver.open(folder)
    seen = {}

    def read(dialog):
        chart = dialog.model_chart
        seen.update(title=dialog.windowTitle(), labels=chart.shown_labels(),
                    categories=list(chart.categories), bottom=chart.bottom,
                    needed=max(chart.fontMetrics().horizontalAdvance(t) for t in chart.categories),
                    table=[dialog.model_table.item(r, 0).text()
                           for r in range(dialog.model_table.rowCount())])

    state = when_modal(read)
    choose(w, qtbot, "Review", "Quality report")
    assert "dialog" in state
    assert seen["title"] == "AI quality report"
    short = "claude-sonnet-4-5"
    assert seen["labels"] == [f"{short} · run 1, 5 Dec", f"{short} · run 2, 6 Dec",
                              f"{short} · run 3 (Batch API), 7 Dec"]
    assert seen["labels"] == seen["categories"]  # nothing shortened
    import math

    assert seen["bottom"] >= seen["needed"] * math.sin(math.radians(35))  # room below the bars
    assert seen["table"] == [f"anthropic / {t.replace(short, model)}" for t in seen["labels"]] + [
        "all runs"]


def test_boxes_per_class_table_shows_its_rows_from_the_menu(driver, folder, qtbot):
    """Review → Quality report…: the 'Boxes per class' table shows its header and every class's
    row (it was squeezed to a 2 px line under the charts and the models table)."""
    from menu_driving import choose, when_modal

    from glancelabel.core.app.paths import project_path
    from glancelabel.core.folder.scan import scan_folder

    with Store(project_path(folder), folder) as s:
        scan_folder(s, folder)
        s.add_labels(["cat", "dog", "bird"])
        run = s.create_run("anthropic", "claude-x")
        for n, name in enumerate(("img1.jpg", "img2.png", "img4.jpg")):
            image = s.image_by_relpath(name).id
            ids = s.add_suggestions(run, image, [
                NewSuggestion(Kind.BOX, "x", n + 1, Box(10, 10, 80, 80), None, 0.9)])
            s.accept_suggestions(ids, mark_done=True)
    w = driver.open(folder)
    seen = {}

    def read(dialog):
        table = dialog.class_tabs.currentWidget()
        seen.update(rows=table.rowCount(), viewport=table.viewport().height(),
                    needed=sum(table.rowHeight(r) for r in range(table.rowCount())),
                    models=dialog.model_table.viewport().height(),
                    models_needed=sum(dialog.model_table.rowHeight(r)
                                      for r in range(dialog.model_table.rowCount())))

    state = when_modal(read)
    choose(w, qtbot, "Review", "Quality report")
    assert "dialog" in state
    assert seen["rows"] == 3
    assert seen["viewport"] >= seen["needed"]  # every class's row in view
    assert seen["models"] >= seen["models_needed"]
