"""With the Chinese interface, the main window and the dialogs its menus open show no English
beyond names (GlanceLabel, COCO, YOLO, Claude, OpenAI, keys, file names, numbers).

The window is opened on a folder with classes and suggestions under the zh_CN translation; its
visible texts (titles, labels, buttons, lists, tool tips) and every menu item are read, then each
menu item that opens a dialog is chosen through the menu bar and the dialog's texts read (each of
its tabs shown) before it is closed with Escape.

The translation is not complete yet: KNOWN_GAPS lists, exactly, the English texts still shown.
The test fails when a new English text appears and when a listed one is no longer shown (it was
translated or removed: take it off the list).

A second test walks through normal use in Chinese by input events (the start screen, classes, the
AI asked, review keys, undo and redo, a box drawn, glance review, a spot-check, an export) and reads
everything shown on the way: status bar messages as they change, message boxes and dialogs, panels,
tool tips and the Edit menu's undo and redo entries.
"""

from __future__ import annotations

import logging
import os
import re

import pytest
from control_walk import Answerer, Problems, menu_texts, trigger_through_menu, visible_texts
from dialogs_by_hand import click_button, to_canvas, when_modal
from menu_driving import menu_paths, open_at, pick
from provider_kit import answering, point_settings_at
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from fakes.batch_fakes import make_images
from glancelabel.core.app import settings as settings_mod
from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(300)

NAMES = {
    "GlanceLabel", "COCO", "YOLO", "VOC", "Label", "Studio", "Claude", "OpenAI", "Anthropic", "API",
    "JSON", "JSONL", "AI", "ONNX", "Ultralytics", "IoU", "Batch", "PNG", "JPEG", "HTML", "CSV", "URL",
    "GPT", "LabelMe", "labelme", "SDK", "GPU", "CPU", "EXIF", "Wilson", "Ctrl", "Shift", "Alt", "Enter",
    "Return", "Tab", "Esc", "Space", "Del", "Delete", "Backspace", "Home", "End", "Left", "Right",
    "Up", "Down", "PgUp", "PgDown", "px", "ms", "KB", "MB", "GB", "USD", "cat", "dog", "bird", "zebra",
    "Meta", "Ins", "YOLO11", "yolo11n", "pt", "Chat", "Completions", "Responses", "MIT", "OCR",
    "train", "val", "test", "Gemini", "Qwen3", "VL", "Python", "Qt", "SDKs",
    "Pascal", "XML", "CVAT", "PIL", "imread", "OpenCV", "torchvision", "exif_transpose",
    "photos", "RapidOCR",  # (photos: the test folder's name, in the window title)
    "Qwen", "Ollama", "vLLM", "LM", "Messages",  # (Messages: Anthropic's Messages API)
    "anthropic", "openai", "claude",  # provider ids and the test's model (claude-x) in run names
    "car",  # a class of the walk through normal use
    "text",  # the class the built-in text reader gives its boxes
    "token", "tokens",  # a model's unit of text: Chinese writing about models keeps the word
}
# whole texts that are names: the About dialog's components and licences, model ids
NAMED = {"Apache 2.0", "BSD License", "BSD-3-Clause", "MIT", "MIT License", "MIT-CMU",
         "MPL-2.0 AND (Apache-2.0 OR MIT)", "MPL-2.0 AND MIT", "Public domain", "OpenCV", "Pillow",
         "PySide6", "PyYAML", "Python", "Qt", "Qt for Python", "RapidOCR", "SQLite", "filelock",
         "keyring", "numpy", "onnxruntime", "orjson", "pillow-heif", "platformdirs", "pydantic",
         "shiboken6", "sqlite-utils", "tqdm", "anthropic SDK", "openai SDK", "anthropic", "openai",
         "openai-compatible", "English", "Qt for Python 绑定"}
MODEL_ID = re.compile(r"[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+")
# a word of two or more Latin letters; tokens with a dot, slash, backslash or @ are file names,
# paths, hosts or versions; single letters are keys
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
TAG = re.compile(r"<[^>]+>")
NOT_PROSE = re.compile(r"\S*[./\\@:_]\S*[A-Za-z0-9]\S*|<[^>]+>|&\w+;|\bF\d+\b|"
                       r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d[a-z0-9.-]*")  # model ids: claude-sonnet-5-5

# shown only while background work runs, so a walk may or may not see them
TRANSIENT = re.compile(r"Preparing the image…|The preview could not be built: .*|\d+ images?; .*|"
                       r"Comparing the models on the held-out images…|No Anthropic API key: .*|"
                       r"No held-out images yet: .*", re.S)
# English texts the Chinese interface still shows (to be translated: see README, Languages)
# (the prompt preview: sent to the model in English by design, so shown as it is sent)
KNOWN_GAPS: set[str] = {
    '## Classes\nUse these names exactly:\n- cat\n- dog\n- bird',
}


def english(text: str) -> bool:
    """True when `text` holds an English word that is not a name."""
    if text in NAMED or MODEL_ID.fullmatch(text):
        return False
    text = NOT_PROSE.sub(" ", TAG.sub(" ", text.replace("&", "")))
    return any(w not in NAMES for w in WORD.findall(text))


def test_english_rule():
    assert english("Open folder…")
    assert not english("打开文件夹…")
    assert not english("导出为 COCO（img1.jpg，/tmp/a/b.json）")
    assert not english("Ctrl+O")
    assert not english("GlanceLabel 0.4.1")
    assert english("3 张图片 pending")
    assert not english("claude-sonnet-5-5") and not english("MIT License")
    assert not english("默认：claude-sonnet-5-5") and english("默认：spot-check")



# menu items that open a dialog (the others act on the window, whose texts are read anyway)
DIALOGS = ("import", "export", "settings", "team", "prompt", "examples", "batch", "consensus",
           "spot_check", "report", "train", "help", "about")


def test_chinese_interface_shows_no_english_beyond_names(driver, project_folder, qtbot, qapp):
    i18n.install(qapp, "zh_CN")
    try:
        window = driver.open(project_folder)
        texts = visible_texts(window) + menu_texts(window)
        problems = Problems()
        answerer = Answerer(qtbot, problems, texts)
        try:
            for path in menu_paths(window.menuBar()):
                if path[-1].objectName().removeprefix("action_") in DIALOGS:
                    answerer.explore_next = False
                    trigger_through_menu(window, answerer, path)
        finally:
            answerer.stop()
        texts += [(where, text) for where, text in answerer.texts if (where, text) not in texts]
    finally:
        i18n.install(qapp, "en")
    shown = {str(text).strip().replace(str(project_folder), "<folder>") for _where, text in texts
             if str(text).strip()}
    found = {t for t in shown if english(t)}
    assert not problems.items, problems.items
    if os.environ.get("GLANCELABEL_LIST_GAPS"):  # prints the list to paste into KNOWN_GAPS
        print("\n".join(f"    {t!r}," for t in sorted(found)))
    assert sorted(t for t in found - KNOWN_GAPS if not TRANSIENT.fullmatch(t)) == [], "English in the Chinese interface"
    assert sorted(KNOWN_GAPS - found) == [], "translated now: take these off KNOWN_GAPS"


# -- a walk through normal use ----------------------------------------------------------------------
# The prompt preview (Review → Prompt…) is sent to the model in English by design: it is the one
# English text a Chinese user may read on purpose, and the walk does not open it.
# Not translated yet, by place ("spot-check panel": the spot-check panel's texts, gui/dialogs/
# spotcheck.py; none now, tests/gui/test_zh_spotcheck.py reads it all). The walk fails when a
# listed place shows no English any more (take the gap off) and on any English elsewhere.
WALK_GAPS: set[str] = set()
WALK_ANSWER = {"objects": [
    {"label": "行人", "box": [20, 30, 120, 110], "text": None, "confidence": 0.9,
     "rationale": "行走的人"},
    {"label": "car", "box": [150, 150, 280, 220], "text": None, "confidence": 0.8,
     "rationale": "红色的车"},
    {"label": "行人", "box": [200, 20, 260, 90], "text": None, "confidence": 0.7,
     "rationale": "撑伞的人"},
    {"label": "红绿灯", "box": [300, 180, 340, 260], "text": None, "confidence": 0.6,
     "rationale": "路口的信号灯"}], "tags": []}


class Watcher:
    """Everything a person reads during the walk: the status bar's messages as they change, the
    texts of every window or dialog that shows (polled), and the window at chosen moments."""

    def __init__(self, window, qtbot):
        from PySide6.QtCore import QTimer

        self.window = window
        self.qtbot = qtbot
        self.texts: list[tuple[str, str]] = []
        self.panel_texts: set[str] = set()  # what the spot-check panel shows (see WALK_GAPS)
        window.statusBar().messageChanged.connect(
            lambda text: self.texts.append(("status bar", text)))
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        for top in QApplication.topLevelWidgets():
            if top is self.window or not top.isVisible():
                continue
            self.texts += visible_texts(top)
            if isinstance(top, QMessageBox):
                self.texts += [("message box", top.text()), ("message box", top.informativeText())]

    def look(self, step: str) -> None:
        """The window as it is now, the undo and redo entries of the Edit menu included."""
        self.poll()
        panel = self.window.spot_check.panel
        if panel is not None:
            self.panel_texts |= {str(t).strip() for _w, t in visible_texts(panel)}
        self.texts += [(f"{where} ({step})", text) for where, text in visible_texts(self.window)]
        for name in ("action_undo", "action_redo"):
            act = self.window.findChild(QAction, name)
            self.texts.append((f"Edit menu ({step})", act.text()))
            self.texts.append((f"tool tip of {name} ({step})", act.toolTip()))

    def stop(self) -> None:
        self.timer.stop()


def type_chinese_and_ok(qtbot, text: str):
    """An act for `when_modal`: `text` committed into the dialog's field by an input method (as
    a Chinese keyboard types; QTest's key clicks know no Chinese), then OK."""

    def act(dialog) -> None:
        field = dialog.findChild(QLineEdit)
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        field.selectAll()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(field, event)
        assert field.text() == text
        click_button(qtbot, dialog)

    return act


def menu_item(window, name: str) -> list:
    return next(p for p in menu_paths(window.menuBar()) if p[-1].objectName() == f"action_{name}")


def choose_item(window, qtbot, name: str) -> None:
    qtbot.keyClick(open_at(window, qtbot, menu_item(window, name)), Qt.Key.Key_Return)


def open_from_start_screen(driver, folder, texts: list) -> object:
    """The start screen lists the folder among the recent ones: Tab to the list, Enter opens it
    (its texts are read first). Then as Driver.open: the scan ends and the first image shows."""
    settings = settings_mod.load()
    settings.add_recent(folder)
    settings_mod.save(settings)
    app, qtbot = driver.app, driver.qtbot
    app.settings = settings_mod.load()
    app.show_start()
    screen = app.start_screen
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    screen.activateWindow()
    texts += visible_texts(screen)
    screen.recent.setFocus()
    screen.recent.setCurrentRow(0)
    qtbot.keyClick(screen.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.window is not None)
    w = driver.window = app.window
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
    qtbot.waitExposed(w)
    w.activateWindow()
    w.canvas.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas)
    driver.wait_image()
    return w


def walk_review(driver, watcher, fake) -> None:
    """Classes (one typed in Chinese), I on two images, M (an unknown label added as a class),
    Enter / N / a class key, Ctrl+Z and Ctrl+Shift+Z, a box drawn with W, Space, 0, E."""
    w, qtbot, store = driver.window, driver.qtbot, driver.store
    add = next(b for b in w.labels_panel.findChildren(QToolButton) if b.text() == "+")
    for name in ("行人", "car"):
        when_modal(qtbot, type_chinese_and_ok(qtbot, name))
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=name: store.label_by_name(n) is not None)
    to_canvas(driver)
    first = w.current_id
    for image_id in (first, None):
        if image_id is None:
            driver.key(Qt.Key.Key_D)
            driver.wait_image()
            image_id = w.current_id
        driver.key(Qt.Key.Key_I)
        qtbot.waitUntil(lambda i=image_id: len(store.suggestions(i)) == 4
                        and not w.image_panel.model.busy, timeout=30_000)
        watcher.look("after I")
    second = w.current_id
    when_modal(qtbot, lambda dialog: (watcher.poll(), click_button(qtbot, dialog)))
    driver.key(Qt.Key.Key_M)  # the unknown label 红绿灯, added as a new class (the first choice)
    qtbot.waitUntil(lambda: store.label_by_name("红绿灯") is not None)
    to_canvas(driver)
    watcher.look("after M")
    driver.key(Qt.Key.Key_Return)
    driver.key(Qt.Key.Key_N)
    watcher.look("after Enter and N")
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    watcher.look("after Ctrl+Z")
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    watcher.look("after Ctrl+Shift+Z")
    driver.key(Qt.Key.Key_Tab)
    driver.key(Qt.Key.Key_2)
    driver.key(Qt.Key.Key_Return)
    driver.key(Qt.Key.Key_W)
    driver.actual_pixels()
    driver.drag(300, 40, 380, 120)
    qtbot.waitUntil(lambda: len(store.annotations(second)) >= 3)
    watcher.look("after drawing a box")
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    watcher.look("after undoing the box")
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    driver.key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: store.image(second).review_state == "done")
    watcher.look("after Space")
    driver.key(Qt.Key.Key_0)
    driver.key(Qt.Key.Key_E)
    driver.key(Qt.Key.Key_E)
    watcher.look("after 0 and E")
    walk_more_keys(driver, watcher, second)


def walk_more_keys(driver, watcher, annotated: int) -> None:
    """Home and A at the first image, T (a tag picked), Ctrl+C on an image with boxes, Ctrl+V on
    the next, L (the class picker, left with Esc), Ctrl+Z."""
    w, qtbot = driver.window, driver.qtbot
    driver.key(Qt.Key.Key_Home)
    driver.wait_image()
    driver.key(Qt.Key.Key_A)
    watcher.look("after A on the first image")
    when_modal(qtbot, lambda dialog: (watcher.poll(), qtbot.keyClick(dialog.focusWidget() or dialog,
                                                                    Qt.Key.Key_Return)))
    driver.key(Qt.Key.Key_T)
    to_canvas(driver)
    watcher.look("after T")
    while w.current_id != annotated:
        driver.key(Qt.Key.Key_D)
        driver.wait_image()
    driver.key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    driver.key(Qt.Key.Key_D)
    driver.wait_image()
    driver.key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    watcher.look("after Ctrl+C, D, Ctrl+V")
    when_modal(qtbot, lambda dialog: (watcher.poll(), qtbot.keyClick(dialog.focusWidget() or dialog,
                                                                    Qt.Key.Key_Escape)))
    driver.key(Qt.Key.Key_L)
    to_canvas(driver)
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    watcher.look("after L and Ctrl+Z")


def walk_glance(driver, watcher, tmp_path) -> None:
    """G on the first image's pending suggestions (a tile flipped, the page accepted, Ctrl+Z),
    a spot-check started from the menu and walked with Space, an export to COCO."""
    w, qtbot = driver.window, driver.qtbot
    driver.key(Qt.Key.Key_G)
    qtbot.waitUntil(lambda: w.glance.active and w.glance.waiting_pictures() == 0, timeout=20_000)
    watcher.look("in glance review")
    driver.key(Qt.Key.Key_X)
    driver.key(Qt.Key.Key_Q)  # a key that does nothing there
    driver.key(Qt.Key.Key_Space)
    watcher.look("after a glance page")
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    watcher.look("after undoing the glance page")
    driver.key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.glance.active)
    to_canvas(driver)
    walk_spot_check(driver, watcher)
    walk_export(driver, watcher, tmp_path)


def walk_spot_check(driver, watcher) -> None:
    """Review → Start spot-check…, the sample walked with Space, K."""
    w, qtbot = driver.window, driver.qtbot

    def create(dialog) -> None:
        watcher.poll()
        click_button(qtbot, dialog)

    when_modal(qtbot, create)
    choose_item(w, qtbot, "spot_check")
    qtbot.waitUntil(lambda: w.spot_check.active)
    to_canvas(driver)
    watcher.look("spot-check started")
    for _ in range(3):
        driver.key(Qt.Key.Key_Space)
    driver.key(Qt.Key.Key_K)
    watcher.look("spot-check walked")


def walk_export(driver, watcher, tmp_path) -> None:
    """File → Export… as COCO, to a file named in the dialog."""
    w, qtbot = driver.window, driver.qtbot

    def export(dialog) -> None:
        pick(qtbot, dialog.format, "coco")
        dialog.out.setText(str(tmp_path / "out.json"))
        dialog.out.textEdited.emit(dialog.out.text())
        qtbot.waitUntil(dialog.export_button.isEnabled)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.summary_text.isVisible() and dialog.export_button.isEnabled(),
                        timeout=30_000)
        watcher.poll()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, export)
    choose_item(w, qtbot, "export")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=30_000)
    assert (tmp_path / "out.json").exists()
    watcher.look("after the export")


@pytest.fixture
def walk_fake(monkeypatch):
    with answering(monkeypatch, WALK_ANSWER) as fake:
        yield fake


def test_chinese_walk_through_normal_use_shows_no_english(driver, tmp_path, walk_fake, qtbot, qapp):
    folder = tmp_path / "photos"
    make_images(folder, 4, width=400, height=300)
    point_settings_at(walk_fake)
    i18n.install(qapp, "zh_CN")
    problems = Problems()  # programming errors logged on the way
    logging.getLogger("glancelabel").addHandler(problems)
    start_texts: list = []
    try:
        w = open_from_start_screen(driver, folder, start_texts)
        watcher = Watcher(w, qtbot)
        watcher.texts += start_texts
        try:
            watcher.look("opened")
            walk_review(driver, watcher, walk_fake)
            walk_glance(driver, watcher, tmp_path)
        finally:
            watcher.stop()
    finally:
        logging.getLogger("glancelabel").removeHandler(problems)
        i18n.install(qapp, "en")
    assert any("photos" in str(t) for _w, t in start_texts)  # the recent folder was listed
    assert len(walk_fake.main_requests()) == 2
    assert driver.store.label_by_name("行人") is not None
    assert not problems.items, problems.items
    seen = {str(t).strip().replace(str(folder), "<folder>"): where for where, t in watcher.texts
            if str(t).strip()}
    gaps = {t for t in watcher.panel_texts if english(t)} if "spot-check panel" in WALK_GAPS else set()
    found = sorted(f"{t!r}  ({where})" for t, where in seen.items()
                   if english(t) and t not in KNOWN_GAPS and t not in gaps)
    assert found == [], "English on the walk:\n" + "\n".join(found)
    if "spot-check panel" in WALK_GAPS:
        assert gaps, "the spot-check panel shows no English any more: take it off WALK_GAPS"
