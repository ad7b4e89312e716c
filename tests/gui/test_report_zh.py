"""The quality report in Chinese: the dialog (opened through Review → Quality report… with the
keyboard) and its HTML export (through the dialog's button) show no English beyond names, with
the right figures; the page says it is Chinese and UTF-8. The English report is unchanged (its
own tests). Also: in a 1360x820 window the 'Boxes per class' table shows its rows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from menu_driving import menu_paths, open_at, when_modal
from PySide6.QtCore import Qt
from test_zh_visible_text import english

from glancelabel.core.app.paths import project_path
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.i18n import N_, said
from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.agreement import Agreement, MarkFigures
from glancelabel.core.quality.compare import Comparison, choose, figures, score_boxes
from glancelabel.core.quality.match import Pred, Truth
from glancelabel.core.quality.report import build_report, write_html
from glancelabel.core.quality.words import run_said
from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui import i18n
from glancelabel.gui.i18n import translate

pytestmark = pytest.mark.timeout(120)

# technical names the Chinese report keeps, like IoU: the detection metrics
METRIC_NAMES = re.compile(r"\bm?AP50\b")


@pytest.fixture
def reviewed_folder(folder):
    """Three images reviewed (each a cat, dog or bird box the AI suggested and a person
    accepted; the dog's AI box a miss), a second wrong suggestion rejected, and a spot-check."""
    with Store(project_path(folder), folder) as s:
        scan_folder(s, folder)
        s.add_labels(["cat", "dog", "bird"])
        labels = {lab.name: lab.id for lab in s.labels()}
        run = s.create_run("anthropic", "claude-x")
        for name, cls in (("img1.jpg", "cat"), ("img2.png", "dog"), ("img4.jpg", "bird")):
            image = s.image_by_relpath(name).id
            ids = s.add_suggestions(run, image, [
                NewSuggestion(Kind.BOX, cls, labels[cls], Box(10, 10, 80, 80), None, 0.9)])
            s.accept_suggestions(ids, mark_done=True)
        image = s.image_by_relpath("img1.jpg").id
        wrong = s.add_suggestions(run, image, [
            NewSuggestion(Kind.BOX, "dog", labels["dog"], Box(100, 100, 50, 50), None, 0.4)])
        s.reject_suggestions(wrong)
        create_spot_check(s, SpotCheckPlan(run_id=run, fraction=0.5, seed=1))
    return folder


def open_report(window, qtbot) -> None:
    """Review → Quality report… as a person does: a click on the menu bar, arrow keys, Return
    (found by the action's name, so it works in any language)."""
    path = next(p for p in menu_paths(window.menuBar())
                if p[-1].objectName() == "action_report")
    qtbot.keyClick(open_at(window, qtbot, path), Qt.Key.Key_Return)


def wait_compared(qtbot, dialog) -> None:
    """Until the held-out comparison (made off the GUI thread) has been shown."""
    busy = translate("report", "Comparing the models on the held-out images…")
    qtbot.waitUntil(lambda: dialog.compare_panel.answer.text() not in ("", busy), timeout=10_000)


def dialog_texts(dialog) -> list[str]:
    """Everything the dialog shows: its widgets' texts, every tab's table, the charts."""
    from control_walk import visible_texts

    texts = [t for _where, t in visible_texts(dialog)]
    for i in range(dialog.class_tabs.count()):
        table = dialog.class_tabs.widget(i)
        texts += [table.item(r, c).text() for r in range(table.rowCount())
                  for c in range(table.columnCount())]
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        texts.append(dialog.class_tabs.tabText(i))
    for chart in (dialog.model_chart, dialog.class_chart):
        texts += [chart.title, chart.toolTip(), *chart.categories, *(s.name for s in chart.series),
                  *chart.tick_labels]
    return [t for t in texts if t.strip()]


def not_names(texts) -> list[str]:
    """The texts with English words other than names (the metric names taken out)."""
    return sorted({t for t in texts if english(METRIC_NAMES.sub(" ", t))})


class TextNodes(HTMLParser):
    """The text a browser shows (style sheets left out) and the page's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.attrs: dict[str, dict[str, str | None]] = {}
        self._skip = False

    def handle_starttag(self, tag, attrs):
        self.attrs.setdefault(tag, dict(attrs))
        self._skip = tag == "style"

    def handle_endtag(self, tag):
        self._skip = False

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def parse(path) -> TextNodes:
    page = TextNodes()
    page.feed(path.read_bytes().decode("utf-8"))  # UTF-8, or this fails
    return page


def test_report_dialog_and_its_html_export_in_chinese(driver, reviewed_folder, qtbot, qapp,
                                                       tmp_path, monkeypatch):
    out = tmp_path / "质量报告.html"
    asked = []

    def save_as(_parent, caption, suggested, filters):
        asked.append((caption, filters))
        return str(out), filters

    monkeypatch.setattr("glancelabel.gui.dialogs.report.QFileDialog.getSaveFileName", save_as)
    i18n.install(qapp, "zh_CN")
    try:
        window = driver.open(reviewed_folder)
        window.resize(1360, 820)
        seen: dict = {}

        def read(dialog):
            wait_compared(qtbot, dialog)
            table = dialog.class_tabs.currentWidget()
            first = table.visualRect(table.model().index(0, 0))
            seen.update(
                texts=dialog_texts(dialog), summary=dialog.summary.text(),
                models=[[dialog.model_table.item(r, c).text() for c in range(4)]
                        for r in range(dialog.model_table.rowCount())],
                classes=[[table.item(r, c).text() for c in range(4)]
                         for r in range(table.rowCount())],
                row_height=table.rowHeight(0), viewport=table.viewport().rect(), first=first)
            qtbot.mouseClick(dialog.html_button, Qt.MouseButton.LeftButton)
            seen["message"] = dialog.message.text()

        state = when_modal(read)
        open_report(window, qtbot)
        qtbot.waitUntil(lambda: "message" in seen or "dialog" in state, timeout=20_000)
    finally:
        i18n.install(qapp, "en")
    assert "dialog" in state and "texts" in seen
    assert not_names(seen["texts"]) == []  # no English left in the dialog
    assert seen["summary"].startswith("3 张图片经人工审核，3 个最终标注，0 个框为手工绘制。")
    # the run: 3 of its 4 boxes right (precision 75 %), all 3 annotations found (recall 100 %)
    assert seen["models"][0][0].startswith("anthropic / claude-x · 运行 1，")
    assert seen["models"][0][2].startswith("75.0% (") and seen["models"][0][2].endswith(", 3/4)")
    assert seen["models"][0][3].startswith("100.0% (")
    assert seen["models"][1][0] == "全部运行"
    assert "100%" in seen["texts"] and "100 %" not in seen["texts"]  # the charts' axis
    assert seen["classes"] == [["bird", "1", "0", "0"], ["cat", "1", "0", "0"],
                               ["dog", "1", "1", "0"]]
    # the 'Boxes per class' table shows its rows (it was squeezed to a 2 px line)
    assert seen["row_height"] > 0 and seen["viewport"].contains(seen["first"])
    # exported through the button, in Chinese, UTF-8
    assert asked and not any(english(a) for pair in asked for a in pair)
    assert seen["message"] == f"已写入 {out}。"
    page = parse(out)
    assert page.attrs["html"]["lang"] == "zh-CN" and page.attrs["meta"]["charset"] == "utf-8"
    assert not_names(page.texts) == []
    assert "AI 质量报告" in page.texts and "抽检" in page.texts
    assert any("3 张图片经人工审核，3 个最终标注，0 个框为手工绘制。" in t for t in page.texts)


def held_out_comparisons() -> list[Comparison]:
    """A local model and a paid run, both right on 3 held-out images (the local one is chosen:
    it costs nothing), and a tag comparison with no model."""
    box = Box(0, 0, 50, 50)
    right = [score_boxes([Pred("cat", box, 0.9)], [Truth("cat", box)]) for _ in range(3)]
    local = figures("local model shapes-1", right, local=True)
    local.title = said(N_("report", "local model {name}"), name="shapes-1")  # as heldout names it
    local.cost_per_1000 = 0.0
    paid = figures("anthropic/claude-x (run 1)", right, local=False, run_id=1)
    paid.title = run_said("anthropic", "claude-x", 1)
    assert (str(local.title), str(paid.title)) == (local.name, paid.name)
    return [choose(Comparison("detect", 3, 3, [local, paid])),
            choose(Comparison("classify", 1, 1, []))]


def test_every_section_of_the_html_in_chinese(qapp, tmp_path):
    """With held-out comparisons (a local model and a run), a two-model consensus and a
    spot-check, the Chinese page has no English beyond names; the English one is English."""
    store = Store(tmp_path / "p.sqlite", tmp_path)
    store.add_labels(["cat"])
    store.add_images([(f"{i}.jpg", 1, 1) for i in range(4)])
    ids = [r.id for r in store.all_images()]
    store.set_headers([(i, 200, 200, 1, "JPEG", "ok", None) for i in ids])
    run = store.create_run("anthropic", "claude-x")
    for i in ids:
        sid = store.add_suggestions(run, i, [NewSuggestion(Kind.BOX, "cat", 1, Box(0, 0, 50, 50),
                                                           None, 0.8)])
        store.accept_suggestions(sid, mark_done=True)
    create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.5, seed=1))
    report = build_report(store, compare=False)
    store.close()
    report.comparisons = held_out_comparisons()
    report.agreement = Agreement(MarkFigures(5, 3, 1, 1, 1), MarkFigures(2, 1, 0, 1, 0))
    i18n.install(qapp, "zh_CN")
    try:
        write_html(report, tmp_path / "zh.html", translate=i18n.translate, lang="zh-CN")
    finally:
        i18n.install(qapp, "en")
    write_html(report, tmp_path / "en.html")
    zh, en = parse(tmp_path / "zh.html"), parse(tmp_path / "en.html")
    assert not_names(zh.texts) == []
    assert "双模型共识" in zh.texts and "一致" in zh.texts
    assert any(t.startswith("各模型在") or "留出集" in t for t in zh.texts)
    assert en.attrs["html"]["lang"] == "en" and "Two-model consensus" in en.texts
    assert "Spot-checks" in en.texts and len(not_names(en.texts)) > 20


def test_held_out_comparison_panel_in_chinese(qtbot, qapp):
    """The dialog's 'Models on the same held-out images': answer, rule, table and chart."""
    from glancelabel.gui.dialogs.compare_panel import ComparePanel

    i18n.install(qapp, "zh_CN")
    try:
        panel = ComparePanel()
        qtbot.addWidget(panel)
        panel.show_comparisons(held_out_comparisons())
    finally:
        i18n.install(qapp, "en")
    table = panel.table
    texts = [panel.answer.text(), panel.notes.text(), panel.chart.title,
             *(name for name, _ in panel.chart.rows)]
    texts += [table.item(r, c).text() for r in range(table.rowCount())
              for c in range(table.columnCount())]
    texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert not_names(texts) == []
    assert panel.answer.text().startswith("<b>其余图片请用 本地模型 shapes-1：")
    assert panel.chart.chosen == "本地模型 shapes-1"
    assert panel.chart.title == "各模型在 3 张留出集图片上的 mAP50（95% 置信区间）"
    assert [table.item(r, 5).text() for r in range(2)] == ["$0.00", "未知"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_report_tables_in_view_in_a_1360x820_window(driver, reviewed_folder, qtbot, qapp,
                                                    language):
    """Review → Quality report… from a 1360x820 window: the 'Boxes per class' table's rows have
    a height and its viewport shows the first one (it was squeezed to a 2 px line), and no part
    of the report lies over another (in Chinese the body was short of room and the layout gave
    the models table 0 px: the 'Boxes per class' heading and tabs were drawn over its rows)."""
    i18n.install(qapp, language)
    try:
        window = driver.open(reviewed_folder)
        window.resize(1360, 820)
        seen = {}

        def read(dialog):
            wait_compared(qtbot, dialog)
            table = dialog.class_tabs.currentWidget()
            body = dialog.summary.parentWidget().layout()
            parts = [body.itemAt(i).widget() for i in range(body.count())]
            tabs = dialog.class_tabs
            seen.update(band=tabs.height() - table.height() - tabs.tabBar().height(),
                        rows=table.rowCount(), height=table.rowHeight(0),
                        viewport=table.viewport().rect(),
                        first=table.visualRect(table.model().index(0, 0)),
                        parts=[(w.objectName() or type(w).__name__, w.geometry().top(),
                                w.geometry().bottom()) for w in parts if w is not None])

        state = when_modal(read)
        open_report(window, qtbot)
    finally:
        i18n.install(qapp, "en")
    assert "dialog" in state and seen["rows"] == 3
    assert seen["height"] > 0 and seen["viewport"].contains(seen["first"])
    overlaps = [(a, b) for a, b in zip(seen["parts"], seen["parts"][1:], strict=False)
                if b[1] <= a[2]]
    assert overlaps == []
    assert seen["band"] <= 8  # the tabs hold their table: no empty band below it
