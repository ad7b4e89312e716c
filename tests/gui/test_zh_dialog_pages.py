"""Chinese texts a dialog shows only on a second look: the Settings tabs after the first (the
shortcut table's headers, the team server's note and token field), the team dialog's choice of
images, the Train dialog's tasks, class table and environment line, the prompt preview's box
format, the F1 key column (Return and Enter are both 回车 in Chinese: named once) and the
spot-check panel's percentages. Buttons and one-line labels of these dialogs and of the
window are checked to be as wide as their Chinese text (fontMetrics().horizontalAdvance). Each dialog
is opened through the menu bar and each tab shown with a click on it, as a person would."""

from __future__ import annotations

import re

from control_walk import visible_texts
from menu_driving import menu_paths, open_at, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTabWidget
from test_help import run_help
from test_zh_spotcheck import street  # noqa: F401 (a fixture: 30 images, one suggestion each)
from test_zh_visible_text import english

from glancelabel.core.app import paths
from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.store import Store
from glancelabel.gui import i18n
from glancelabel.gui.dialogs.spotcheck import SpotCheckPanel
from glancelabel.gui.dialogs.team_push import TeamDialog
from glancelabel.gui.dialogs.train import TrainDialog


def choose_action(window, qtbot, name: str) -> None:
    """Choose the menu item of action `name` (its object name is action_<name>) by the menu bar
    and the arrow keys: the walk does not depend on the language of the item's text."""
    path = next(p for p in menu_paths(window.menuBar()) if p[-1].objectName() == f"action_{name}")
    qtbot.keyClick(open_at(window, qtbot, path), Qt.Key.Key_Return)


def english_in(texts) -> list[str]:
    """The English among `texts`; "ID" (a Label Studio project's id) and a command in backticks
    count as names."""
    return [f"{text!r} ({where})" for where, text in texts
            if str(text).strip() and english(re.sub(r"`[^`]*`", "", str(text)).replace("ID", ""))]


def cut_off(root) -> list[str]:
    """Buttons and one-line labels in `root` whose Chinese text is wider than they are (cut off
    or elided on screen)."""
    out = []
    for w in root.findChildren(QPushButton) + root.findChildren(QLabel):
        if not w.isVisible() or not w.text() or (isinstance(w, QLabel) and (
                w.wordWrap() or w.textFormat() == Qt.TextFormat.RichText or "<" in w.text())):
            continue
        text = w.text().replace("&", "")
        room = w.contentsRect().width() - (8 if isinstance(w, QPushButton) else 0)
        room -= w.iconSize().width() + 4 if isinstance(w, QPushButton) and not w.icon().isNull() else 0
        if max(w.fontMetrics().horizontalAdvance(line) for line in text.split("\n")) > room:
            out.append(f"{text!r} ({type(w).__name__} in “{w.window().windowTitle()}”)")
    return out


def test_every_settings_tab_speaks_chinese(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        window = driver.open(folder)
        seen: dict = {}

        def look(dialog):
            tabs = dialog.findChild(QTabWidget)
            seen["tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
            bar = tabs.tabBar()
            for i in range(tabs.count()):
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                qtbot.waitUntil(lambda i=i: tabs.currentIndex() == i)
                seen[tabs.tabText(i)] = visible_texts(dialog)
                seen.setdefault("cut", []).extend(cut_off(dialog))

        state = when_modal(look)
        choose_action(window, qtbot, "settings")
        qtbot.waitUntil(lambda: "dialog" in state)
    finally:
        i18n.install(qapp, "en")
    assert seen["tabs"] == ["AI 服务商", "快捷键", "团队服务器", "语言"]
    for tab in seen["tabs"]:
        assert english_in(seen[tab]) == [], tab
    headers = [text for where, text in seen["快捷键"] if "shortcutTable" in where][-2:]
    assert headers == ["操作", "快捷键"]
    assert seen["cut"] == []
    assert ("地址和令牌保存在系统密钥环中，绝不会写入设置或项目文件。"
            in [text for _where, text in seen["团队服务器"]])


def test_team_and_train_dialogs_speak_chinese(driver, folder, qtbot, qapp):
    store = Store(paths.project_path(folder, None), folder)
    store.add_labels(["行人", "cat"])
    store.close()
    i18n.install(qapp, "zh_CN")
    try:
        window = driver.open(folder)
        choose_action(window, qtbot, "team")
        team = window.findChild(TeamDialog)
        qtbot.waitUntil(lambda: team is not None and team.isVisible())
        team_texts = visible_texts(team)
        cut = cut_off(team)
        only = [team.only_combo.itemText(i) for i in range(team.only_combo.count())]
        team.close()
        choose_action(window, qtbot, "train")
        qtbot.waitUntil(lambda: window.findChild(TrainDialog) is not None)
        train = window.findChild(TrainDialog)
        qtbot.waitUntil(lambda: train.isVisible() and train.counts.rowCount() == 2)
        qtbot.waitUntil(lambda: bool(train.env_label.text()))
        train_texts = visible_texts(train)
        cut += cut_off(train)
        tasks = [train.task_box.itemText(i) for i in range(train.task_box.count())]
        headers = [train.counts.horizontalHeaderItem(c).text() for c in range(3)]
        train.close()
    finally:
        i18n.install(qapp, "en")
    assert only == ["尚未审核的图片", "已审核的图片（连同其标注）", "全部图片"]
    assert english_in(team_texts) == []
    assert tasks == ["目标检测（框）", "图片分类（每张一个图片标签）"]
    assert headers == ["类别", "训练集", "验证集"]
    assert english_in(train_texts) == []
    assert cut == []


def test_prompt_preview_names_the_box_format_in_chinese(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        window = driver.open(folder)
        driver.key(Qt.Key.Key_End)  # an image that reads (the first, broken.jpg, does not)
        qtbot.waitUntil(lambda: window.current_record is not None
                        and window.current_record.relpath != "broken.jpg")
        seen: dict = {}

        def look(dialog):
            caption = dialog.findChild(QLabel, "previewCaption")
            qtbot.waitUntil(lambda: "框格式" in caption.text(), timeout=20000)
            seen["caption"] = caption.text()

        state = when_modal(look)
        choose_action(window, qtbot, "prompt")
        qtbot.waitUntil(lambda: "dialog" in state and QApplication.activeModalWidget() is None, timeout=25000)
    finally:
        i18n.install(qapp, "en")
    # the settings' box format is "auto": the model's own, named as the settings list names it
    assert "框格式：" in seen["caption"], seen["caption"]
    assert "boxes" not in seen["caption"] and "pixels" not in seen["caption"], seen["caption"]


def test_f1_names_each_key_once_and_the_window_fits_its_chinese(driver, folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        window = driver.open(folder)
        window_cut = cut_off(window)
        seen = run_help(driver, qtbot, lambda dialog, seen: seen.update(rows=dialog.texts(), cut=cut_off(dialog)))
    finally:
        i18n.install(qapp, "en")
    keys = {action: shown for _task, action, shown in seen["rows"]}
    assert keys["接受建议"] == "回车, Y", keys["接受建议"]  # Return and Enter: both 回车
    doubled = {a: k for a, k in keys.items() if len(k.split(", ")) != len(set(k.split(", ")))}
    assert doubled == {}
    assert window_cut == [] and seen["cut"] == []


def test_spot_check_panel_writes_percentages_the_chinese_way(qtbot, qapp, street):  # noqa: F811
    """'50.0%' in Chinese: with '50.0 %' a wrapped Chinese line broke between the number and its
    sign (seen in the panel's acceptance line); English keeps '50.0 %'."""
    with Store(paths.project_path(street, None), street) as store:
        run = store.runs()[0].id
        audit_id = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.25, seed=3))
        first, second = store.audit_sample_ids(audit_id)[:2]
        store.accept_suggestions([store.suggestions(first, states=["pending"])[0].id], mark_done=True)
        store.reject_suggestions([store.suggestions(second, states=["pending"])[0].id], mark_done=True)
        shown = {}
        for language in ("zh_CN", "en"):
            i18n.install(qapp, language)
            panel = SpotCheckPanel(store, audit_id, confirm=lambda _w, _t: False)
            qtbot.addWidget(panel)
            panel.show()
            cells = [panel.table.item(r, c).text() for r in range(panel.table.rowCount())
                     for c in range(panel.table.columnCount()) if panel.table.item(r, c)]
            shown[language] = [panel.title.text(), panel.acceptance.text(), *cells]
            panel.close()
    assert any("50.0%" in t for t in shown["zh_CN"]), shown["zh_CN"]
    assert [t for t in shown["zh_CN"] if re.search(r"\d %", t)] == []
    assert any("50.0 %" in t for t in shown["en"]), shown["en"]


def test_cut_off_rule(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    narrow, wide, label = QPushButton("保存到密钥环(&S)"), QPushButton("关闭"), QLabel("训练环境尚未设置")
    narrow.setFixedWidth(40)
    label.setFixedWidth(30)
    for w in (narrow, wide, label):
        row.addWidget(w)
    root.show()
    qtbot.waitExposed(root)
    assert [t.split(" ")[0] for t in cut_off(root)] == ["'保存到密钥环(S)'", "'训练环境尚未设置'"]
