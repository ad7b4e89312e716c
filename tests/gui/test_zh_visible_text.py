"""With the Chinese interface, the main window and the dialogs its menus open show no English
beyond names (GlanceLabel, COCO, YOLO, Claude, OpenAI, keys, file names, numbers).

The window is opened on a folder with classes and suggestions under the zh_CN translation; its
visible texts (titles, labels, buttons, lists, tool tips) and every menu item are read, then each
menu item that opens a dialog is chosen through the menu bar and the dialog's texts read (each of
its tabs shown) before it is closed with Escape.

The translation is not complete yet: KNOWN_GAPS lists, exactly, the English texts still shown.
The test fails when a new English text appears and when a listed one is no longer shown (it was
translated or removed: take it off the list).
"""

from __future__ import annotations

import os
import re

import pytest
from control_walk import Answerer, Problems, menu_texts, trigger_through_menu, visible_texts
from menu_driving import menu_paths

from glancelabel.core.app import paths
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
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
KNOWN_GAPS: set[str] = {
    '## Classes\nUse these names exactly:\n- cat\n- dog\n- bird',
    'local',
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


@pytest.fixture
def project_folder(folder):
    store = Store(paths.project_path(folder, None), folder)
    try:
        scan_folder(store, folder)
        store.add_labels(["cat", "dog", "bird"])
        labels = {lab.name: lab.id for lab in store.labels()}
        img1, img2 = (store.image_by_relpath(n).id for n in ("img1.jpg", "img2.png"))
        run = store.create_run("anthropic", "claude-x")
        store.add_suggestions(run, img1, [
            NewSuggestion(Kind.BOX, "cat", labels["cat"], Box(20, 20, 200, 150), None, 0.9, "ears"),
            NewSuggestion(Kind.BOX, "zebra", None, Box(300, 200, 120, 100), None, 0.6, "stripes"),
        ])
        store.add_box(img2, labels["dog"], Box(10, 10, 100, 80))
    finally:
        store.close()
    return folder


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
