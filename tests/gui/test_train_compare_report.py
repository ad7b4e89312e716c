"""The quality report dialog's "Models on the same held-out images": made off the GUI thread, shown
as the answer, a table and an interval chart, and written into the HTML export."""

from __future__ import annotations


def test_the_report_dialog_compares_the_models_on_the_held_out_images(qtbot, tmp_path):
    from fakes.heldout import build_heldout_project, register_detector
    from glancelabel.gui.dialogs.compare_panel import NOTHING
    from glancelabel.gui.dialogs.report import ReportDialog

    store, folder = build_heldout_project(tmp_path)
    register_detector(store, folder)
    dialog = ReportDialog.from_store(store)
    qtbot.addWidget(dialog)
    panel = dialog.compare_panel
    qtbot.waitUntil(lambda: "Use local model shapes-1 for the rest" in panel.answer.text(),
                    timeout=20_000)
    (c,) = dialog.report.comparisons
    rows = [[panel.table.item(r, k).text() for k in range(panel.table.columnCount())]
            for r in range(panel.table.rowCount())]
    assert [r[0] for r in rows] == ["local model shapes-1", "anthropic/claude-sonnet-5-5 (run 1)"]
    assert rows[0][1].startswith("mAP50 0.62 (") and rows[0][5] == "$0.00"
    assert rows[1][1] == "mAP50 1.00 (1.00–1.00)" and rows[1][5:] == ["$100.00", "4"]
    assert panel.notes.text().startswith("Run 2 (openai/gpt-y) answered 2 of the 4")
    dialog.show()
    qtbot.waitExposed(dialog)
    bars = panel.chart.bars()
    assert [b[0] for b in bars] == ["local model shapes-1", "anthropic/claude-sonnet-5-5 (run 1)"]
    assert bars[0][1].width() < bars[1][1].width()  # 0.62 against 1.00
    assert panel.chart.chosen == "local model shapes-1"
    header = panel.table.horizontalHeader()  # every column's heading shows whole
    for col in range(panel.table.columnCount()):
        text = panel.table.horizontalHeaderItem(col).text()
        assert header.sectionSize(col) >= header.fontMetrics().horizontalAdvance(text), text
    # the HTML export holds the comparison the dialog made
    assert dialog.export("html", tmp_path / "r.html")
    assert "Models on the same held-out images (boxes)" in (tmp_path / "r.html").read_text()
    store.close()

    from glancelabel.core.store import Store

    empty = Store(tmp_path / "e.sqlite", tmp_path)
    d2 = ReportDialog.from_store(empty)
    qtbot.addWidget(d2)
    d2.show()
    qtbot.waitUntil(lambda: d2.compare_panel.answer.text() == NOTHING, timeout=10_000)
    # no comparison: the sentence says what to do, with no empty table or chart under it
    assert not d2.compare_panel.table.isVisible() and not d2.compare_panel.chart.isVisible()
    empty.close()


def test_closing_the_report_while_models_run_stops_them(qtbot, tmp_path, monkeypatch):
    import threading

    from fakes.heldout import build_heldout_project, register_detector
    from glancelabel.core.quality import heldout
    from glancelabel.gui.dialogs.report import ReportDialog

    store, folder = build_heldout_project(tmp_path)
    register_detector(store, folder)
    started, release = threading.Event(), threading.Event()
    real = heldout.build_comparisons
    outcome = {}

    def slow(store_, folder_, cancel=None):  # the first image lasts until the dialog closes
        def each_image(*_a):
            started.set()
            release.wait(10)

        try:
            return real(store_, folder_, cancel=cancel, on_progress=each_image)
        except heldout.CompareCancelled as exc:
            outcome["cancelled"] = str(exc)
            raise

    monkeypatch.setattr(heldout, "build_comparisons", slow)
    dialog = ReportDialog.from_store(store)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    threading.Timer(0.2, release.set).start()
    dialog.reject()  # waits for the comparison, which stops at the next image
    assert outcome == {"cancelled": "The comparison was cancelled."}
    store.close()
