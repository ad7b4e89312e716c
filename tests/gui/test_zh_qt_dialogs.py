"""Qt's own dialogs in the Chinese interface: the folder dialog the start screen's 打开文件夹… opens
(Qt's widget-based file dialog, as on Linux without a desktop portal), the standard buttons of a
message box the app asks with, and the input and colour dialogs of the Classes panel speak Chinese:
Qt's shipped translation (qtbase_zh_CN.qm), and for the few words it leaves in English the app's
own (gui/qt_strings.py). A class named in Chinese through an input method is the project's."""

from __future__ import annotations

from control_walk import visible_texts
from dialogs_by_hand import click_button
from menu_driving import when_modal
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
)
from test_zh_visible_text import english

from fakes.batch_fakes import make_images
from glancelabel.core.app import settings as settings_mod
from glancelabel.core.app.paths import project_path
from glancelabel.core.store import Store
from glancelabel.core.store.lock import ProjectLock
from glancelabel.gui import i18n
from glancelabel.gui.app import App
from glancelabel.gui.qt_strings import QT_GAPS

# what the file dialog lists (names, sizes, dates) and where: values, not the dialog's words
LISTINGS = ("#treeView", "#listView", "#sidebar", "#lookInCombo", "QHeaderView")


def test_the_words_qt_leaves_english_are_missing_from_qts_translation_and_in_the_apps(qapp):
    qt_own = QTranslator()
    assert qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert qt_own.translate("QFileDialog", "Look in:") == "查找范围："  # the old source is there
    for marked in QT_GAPS:
        assert qt_own.translate(marked.context, marked) == "", (marked.context, marked)
    try:
        i18n.install(qapp, "zh_CN")
        shown = {m: QCoreApplication.translate(m.context, m) for m in QT_GAPS}
    finally:
        i18n.install(qapp, "en")
    assert not [t for t in shown.values() if english(t)], shown
    assert shown["Folder"] == "文件夹" and shown["&Look in:"] == "查找范围(&L)："


def test_the_start_screens_folder_dialog_speaks_chinese(qapp, qtbot, tmp_path, monkeypatch):
    start = tmp_path / "数据"
    make_images(start / "照片", 1)
    monkeypatch.chdir(start)  # with no folder visited before, the dialog opens here
    seen: dict = {}

    def read(dialog) -> None:
        # Qt opens the folder dialog where the last one was left (a process-wide memory that
        # earlier tests set), else where the app started: show the test's folder either way.
        dialog.setDirectory(str(start))
        tree = dialog.findChild(QTreeView, "treeView")
        qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 1, timeout=10_000)
        model, root = tree.model(), tree.rootIndex()
        seen["type"] = model.index(0, 2, root).data()
        seen["header"] = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        seen["texts"] = [(where, t) for where, t in visible_texts(dialog)
                         if t.strip() and not any(k in where for k in LISTINGS)]
        seen["kind"], seen["title"] = type(dialog), dialog.windowTitle()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    i18n.install(qapp, "zh_CN")
    try:
        app = App(qapp, settings_mod.load())
        app.show_start()
        screen = app.start_screen
        qtbot.addWidget(screen)
        qtbot.waitExposed(screen)
        button = next(b for b in screen.findChildren(QPushButton) if b.text().strip() == "打开文件夹…")
        when_modal(read)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "texts" in seen, timeout=20_000)
    finally:
        i18n.install(qapp, "en")
    assert seen["kind"] is QFileDialog and seen["title"] == "打开图片文件夹"
    texts = dict((t, where) for where, t in seen["texts"])
    assert {"查找范围(&L)：", "目录：", "选择(&C)", "取消", "文件类型(&T)："} <= set(texts), texts
    assert seen["type"] == "文件夹" and seen["header"] == ["名称", "体积", "类型", "修改日期"]
    assert [f"{t!r} ({where})" for t, where in texts.items() if english(t)] == []
    assert app.window is None and screen.isVisible()  # Escape chose nothing


def test_a_message_box_the_app_asks_has_qts_chinese_buttons(qapp, qtbot, folder):
    Store(project_path(folder), folder).close()
    lock = ProjectLock(project_path(folder))
    lock.acquire()  # another window has the project open
    seen: dict = {}

    def answer(box) -> None:
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    i18n.install(qapp, "zh_CN")
    try:
        app = App(qapp, settings_mod.load())
        when_modal(answer)
        opened = app.open_folder(folder)
    finally:
        i18n.install(qapp, "en")
        lock.release()
    assert seen["title"] == "项目正在使用中"
    assert seen["text"].startswith("此项目已在另一个 GlanceLabel 窗口中打开") and "仍要打开吗？" in seen["text"]
    assert seen["buttons"] == sorted(["打开", "取消"])
    assert opened is False and app.window is None
    assert QApplication.activeModalWidget() is None


def test_the_classes_panels_input_and_colour_dialogs_speak_chinese(driver, folder, qtbot, qapp):
    seen: dict = {}

    def name_it(dialog) -> None:
        seen["input"] = (type(dialog), dialog.windowTitle(), visible_texts(dialog))
        field = dialog.findChild(QLineEdit)
        typed = QInputMethodEvent()
        typed.setCommitString("行人")  # what a Chinese input method sends
        QApplication.sendEvent(field, typed)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    def colour_it(dialog) -> None:
        seen["colour"] = (type(dialog), dialog.windowTitle(), visible_texts(dialog))
        field = next(f for f in dialog.findChildren(QLineEdit) if f.text().startswith("#"))
        field.selectAll()
        qtbot.keyClicks(field, "#123456")
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        click_button(qtbot, dialog)

    i18n.install(qapp, "zh_CN")
    try:
        panel = driver.open(folder).labels_panel
        tools = {b.text(): b for b in panel.findChildren(QToolButton)}
        for button, answer in ((tools["+"], name_it), (tools["颜色"], colour_it)):
            when_modal(answer)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
    finally:
        i18n.install(qapp, "en")
    kind, title, texts = seen["input"]
    assert kind is QInputDialog and title == "添加类别"
    assert {"确定", "取消"} <= {t for _w, t in texts}
    kind, title, colour_texts = seen["colour"]
    assert kind is QColorDialog and title == "类别颜色"
    assert {"确定", "取消"} <= {t for _w, t in colour_texts}
    found = [f"{t!r} ({where})" for where, t in texts + colour_texts
             if english(t) and not t.startswith("#")]
    assert found == [], found
    lab = driver.store.label_by_name("行人")
    assert lab is not None and lab.color == "#123456"
