"""Walking every control of the real window like a person with a mouse and keyboard: the
machinery of tests/gui/test_every_control.py.

`Answerer` watches the application's modal and popup widgets and answers each dialog that opens
(message boxes, text prompts, colour and file dialogs) or explores it (each tab shown, each button
clicked); `click_window_buttons` and `walk_menus` click every visible, enabled button of the
window and choose every menu item; `Problems` collects uncaught exceptions with the control being
clicked; the checks read the project file, the settings and the visible texts afterwards.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
import traceback
from pathlib import Path

import shiboken6
from menu_driving import menu_paths, open_at, when_modal
from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton
# actions that replace or close the window: each has a test of its own in test_every_control.py
OWN_TESTS = {"action_quit", "action_open_folder", "action_open_sample"}
MAX_CLICKS = 400  # per window walk: a loop that keeps making new buttons stops here
DIALOG_DEADLINE_S = 60.0  # a dialog still open this long after it appeared is closed by force

# -- internal identifiers in visible text ---------------------------------------------------------
_IDENT = re.compile(r"(?<![\w./:@\\-])([a-z][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)(?![\w/\\-])")
_URL = re.compile(r"\b(?:https?|file)://\S+")
_TAG = re.compile(r"<[^>]+>")
_NOT_IDENTIFIERS = {
    # file name extensions
    "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "txt", "json", "jsonl", "csv",
    "html", "htm", "xml", "yaml", "yml", "sqlite", "db", "log", "zip", "onnx", "pt", "md", "svg",
    "qss", "ini", "cfg", "toml", "py", "pdf", "gz", "tar", "tmp",
    # domain names
    "com", "org", "net", "io", "ai", "dev", "local",
}
_ABBREVIATIONS = {"e.g", "i.e", "etc"}
_OTHER_PROJECTS = ("torchvision.",)  # another library's function named for its users


def identifiers(text: str) -> list[str]:
    """Dotted lowercase names in `text` that look like code (`annotation.update`), not like a file
    (`img1.jpg`), a host (`api.openai.com`) or an abbreviation (`e.g.`)."""
    text = _URL.sub(" ", _TAG.sub(" ", text or ""))
    found = []
    for m in _IDENT.finditer(text):
        token = m.group(1)
        if (token in _ABBREVIATIONS or token.rsplit(".", 1)[1] in _NOT_IDENTIFIERS
                or token.startswith(_OTHER_PROJECTS)):
            continue
        found.append(token)
    return found


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for what a person can read in `root`: titles, labels, buttons, fields, lists,
    tooltips."""
    out = [(f"title of {_describe(root)}", root.windowTitle())]
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not shiboken6.isValid(w) or not w.isVisible():
            continue
        where = _describe(w)
        if w.toolTip():
            out.append((f"tooltip of {where}", w.toolTip()))
        if isinstance(w, QLabel):
            out.append((where, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((where, w.title()))
        elif isinstance(w, QLineEdit):
            out += [(where, w.placeholderText())]
        elif isinstance(w, QComboBox):
            out += [(where, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(where, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QTextEdit | QPlainTextEdit) and w.isReadOnly():
            out.append((where, w.toPlainText()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model, top = w.model(), QModelIndex()
            try:
                columns = min(model.columnCount(top), 20)
            except TypeError:  # a list widget's own model keeps it private: one column
                columns = 1
            for r in range(min(model.rowCount(top), 100)):
                for c in range(columns):
                    out.append((where, str(model.index(r, c).data() or "")))
            for c in range(columns):
                out.append((where, str(model.headerData(c, Qt.Orientation.Horizontal) or "")))
    return out


def _describe(w) -> str:
    if not shiboken6.isValid(w):
        return "(deleted widget)"
    text = ""
    if isinstance(w, QAbstractButton):
        text = w.text() or w.toolTip() or (w.defaultAction().text() if hasattr(w, "defaultAction")
                                           and w.defaultAction() else "")
    name = w.objectName()
    window = w.window()
    title = window.windowTitle() if window is not None else ""
    return f"{type(w).__name__} {text!r}{f' #{name}' if name else ''} in “{title}”"


# -- watching what happens --------------------------------------------------------------------------
class Problems(logging.Handler):
    """Uncaught exceptions (sys and threading hooks) and programming errors only logged, each
    with the control that was being clicked."""

    PROGRAMMING = (AttributeError, TypeError, NameError, KeyError, IndexError, AssertionError,
                   UnboundLocalError, RecursionError)

    def __init__(self):
        super().__init__(logging.ERROR)
        self.control = "(opening the window)"
        self.items: list[str] = []

    def hook(self, exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        self.items.append(f"uncaught exception while {self.control}:\n{text}")

    def thread_hook(self, args) -> None:
        self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and isinstance(record.exc_info[1], self.PROGRAMMING):
            text = "".join(traceback.format_exception(*record.exc_info))
            self.items.append(f"programming error logged while {self.control} "
                              f"({record.getMessage()}):\n{text}")


class Answerer(QObject):
    """Answers every modal dialog and popup that opens: message boxes get their affirmative
    button, a text prompt gets a class name typed into it, a colour dialog OK, a file dialog is
    cancelled (or given `folder_answer`), and a dialog opened straight from a menu is explored:
    each tab shown, each button clicked, then the dialog's `closing` button (one per round)."""

    def __init__(self, qtbot, problems: Problems, texts: list):
        super().__init__()
        self.qtbot = qtbot
        self.problems = problems
        self.texts = texts  # (where, text) of everything seen, checked at the end
        self.explore_next = False  # the next top-level dialog opened is explored
        self.closing_round = 0
        self.folder_answer: Path | None = None
        self.menu_open = False  # our own menu is up: leave popups alone
        self.busy: dict[int, tuple] = {}  # id(dialog) -> (dialog, when its handling began)
        self.seen: list[str] = []  # titles of the dialogs handled, in order
        self.explored: list[str] = []
        self.clicked: list[str] = []
        self.names_typed = 0
        self.last_closing_count = 1
        self.closers: dict[str, set[str]] = {}  # dialog title -> texts of buttons that ended it
        self.timer = QTimer(self)
        self.timer.setInterval(25)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None and not self.menu_open:
            popup.close()
            return
        w = QApplication.activeModalWidget()
        if w is None or not w.isVisible():
            return
        busy = self.busy.get(id(w))
        if busy is not None and busy[0] is w:
            if time.monotonic() - busy[1] > DIALOG_DEADLINE_S:
                self.problems.items.append(f"dialog “{w.windowTitle()}” did not close; closed by force")
                w.close()
            return
        self.busy[id(w)] = (w, time.monotonic())
        explore = self.explore_next and isinstance(w, QDialog) and not isinstance(
            w, QMessageBox | QFileDialog | QInputDialog | QColorDialog)
        if explore:  # a message box left by an earlier click does not take the menu's turn
            self.explore_next = False
        # handled from a timer of its own: a dialog opened by that handling gets this poll again
        QTimer.singleShot(0, lambda: self.handle(w, explore))

    def handle(self, w: QWidget, explore: bool) -> None:
        try:
            self._handle(w, explore)
        finally:
            self.busy.pop(id(w), None)

    def _handle(self, w: QWidget, explore: bool) -> None:
        if not shiboken6.isValid(w) or not w.isVisible():
            return
        title = w.windowTitle()
        self.seen.append(title)
        self.texts += visible_texts(w)
        if isinstance(w, QMessageBox):
            self.texts.append((f"message box “{title}”", w.text()))
            button = next((b for b in w.buttons() if w.buttonRole(b) in (
                QMessageBox.ButtonRole.YesRole, QMessageBox.ButtonRole.AcceptRole)), None)
            button = button or w.escapeButton() or w.buttons()[0]
            self.click(button, f"answering “{title}”")
        elif isinstance(w, QFileDialog):
            if self.folder_answer is not None:
                edit = w.findChild(QLineEdit, "fileNameEdit")
                edit.selectAll()
                self.qtbot.keyClicks(edit, str(self.folder_answer))
                self.qtbot.keyClick(edit, Qt.Key.Key_Return)
                self.folder_answer = None
            else:
                self.qtbot.keyClick(w, Qt.Key.Key_Escape)
        elif isinstance(w, QInputDialog):
            edit = w.findChild(QLineEdit)
            if w.inputMode() == QInputDialog.InputMode.TextInput and not w.comboBoxItems() and edit:
                self.names_typed += 1
                edit.selectAll()
                self.qtbot.keyClicks(edit, f"walked {self.names_typed}")
            box = w.findChild(QDialogButtonBox)
            self.click(box.button(QDialogButtonBox.StandardButton.Ok), f"answering “{title}”")
        elif isinstance(w, QColorDialog):
            box = w.findChild(QDialogButtonBox)
            self.click(box.button(QDialogButtonBox.StandardButton.Ok), f"answering “{title}”")
        elif explore:
            self.explore(w)
        else:
            self.qtbot.keyClick(w, Qt.Key.Key_Escape)
        if shiboken6.isValid(w) and w.isVisible() and isinstance(w, QDialog):
            w.reject()

    def click(self, button: QAbstractButton, doing: str) -> None:
        if button is None or not shiboken6.isValid(button):
            return
        before = self.problems.control
        self.problems.control = f"clicking {_describe(button)} ({doing})"
        self.clicked.append(_describe(button))
        self.qtbot.mouseClick(button, LEFT, pos=button.rect().center())
        self.problems.control = before

    def explore(self, dialog: QDialog) -> None:
        title = dialog.windowTitle()
        self.explored.append(title)
        known = self.closers.setdefault(title, set())  # buttons seen to end it in an earlier round
        closing = [b for b in clickable(dialog) if b.text() in known]
        closing += [b for b in closing_buttons(dialog) if b not in closing]
        self.last_closing_count = len(closing)
        clicked: set[int] = set()
        for tabs in [None, *dialog.findChildren(QTabWidget)]:
            for index in range(tabs.count()) if tabs is not None else [None]:
                if not shiboken6.isValid(dialog) or not dialog.isVisible():
                    return
                if tabs is not None:
                    if not (shiboken6.isValid(tabs) and tabs.isVisible() and tabs.isTabEnabled(index)):
                        continue
                    bar = tabs.tabBar()
                    self.qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
                    self.texts += visible_texts(dialog)
                while len(clicked) < MAX_CLICKS:  # a click may enable or show more buttons
                    todo = sorted((b for b in clickable(dialog) if id(b) not in clicked
                                   and b not in closing and b.window() is dialog),
                                  key=lambda b: isinstance(b, QPushButton) and b.isDefault())
                    if not todo:
                        break
                    clicked.add(id(todo[0]))
                    text = todo[0].text()
                    self.click(todo[0], f"in the dialog “{title}”")
                    self.qtbot.waitUntil(lambda: QApplication.activeModalWidget() in (dialog, None),
                                         timeout=90_000)
                    if not dialog.isVisible():
                        known.add(text)
                        self.last_closing_count = len(closing) + 1
                        return
                    self.texts += visible_texts(dialog)
        if closing and dialog.isVisible():
            button = closing[self.closing_round % len(closing)]
            if shiboken6.isValid(button) and button.isVisible() and button.isEnabled():
                self.click(button, f"closing the dialog “{title}”")


def clickable(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton)
            if shiboken6.isValid(b) and b.isVisible() and b.isEnabled()]


CLOSING_TEXTS = {"Close", "Cancel", "OK", "Done"}  # plain buttons that end a dialog


def closing_buttons(dialog: QDialog) -> list[QAbstractButton]:
    """The buttons of the dialog's button boxes that end it (OK, Cancel, Close, Start...)."""
    keep_open = (QDialogButtonBox.ButtonRole.ActionRole, QDialogButtonBox.ButtonRole.ApplyRole,
                 QDialogButtonBox.ButtonRole.ResetRole, QDialogButtonBox.ButtonRole.HelpRole)
    out = []
    for box in dialog.findChildren(QDialogButtonBox):
        if box.window() is dialog:
            out += [b for b in box.buttons() if box.buttonRole(b) not in keep_open and b.isVisible()]
    out += [b for b in dialog.findChildren(QPushButton) if b not in out and b.isVisible()
            and b.window() is dialog and b.text().replace("&", "").strip() in CLOSING_TEXTS]
    return out


# -- walking the window ---------------------------------------------------------------------------
def is_title_bar_button(b: QAbstractButton) -> bool:
    """The float and close buttons of a dock's title bar (clicked last: they hide panels)."""
    return isinstance(b.parent(), QDockWidget)


def ends_something(b: QAbstractButton) -> bool:
    text = b.text().replace("&", "").strip()
    return text in CLOSING_TEXTS or text.startswith(("Leave", "Quit"))


def click_window_buttons(window, answerer: Answerer, *, title_bars: bool,
                         done: set | None = None) -> int:
    """Click every visible enabled button of the window and its docks (floating ones too), again
    and again while clicks reveal new ones; buttons in `done` (kept across calls when given) are
    left out. Returns how many were clicked."""
    done = set() if done is None else done
    count = 0
    while count < MAX_CLICKS:
        roots = [window, *[d for d in window.findChildren(QDockWidget) if d.isFloating()]]
        todo = [b for root in roots for b in clickable(root)
                if (id(b), _describe(b)) not in done and is_title_bar_button(b) == title_bars
                and b.window() in roots]
        if not todo:
            # panels stacked as tabs (and tab pages in panels) hide their buttons: show each tab
            tab = next(((bar, i) for root in roots for bar in root.findChildren(QTabBar)
                        if bar.isVisible() and bar.window() in roots
                        for i in range(bar.count())
                        if bar.isTabEnabled(i) and (id(bar), bar.tabText(i)) not in done), None)
            if tab is None:
                return count
            bar, index = tab
            done.add((id(bar), bar.tabText(index)))
            answerer.qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
            continue
        button = min(todo, key=ends_something)  # "Leave spot-check" after the panel's others
        done.add((id(button), _describe(button)))
        answerer.texts.extend(visible_texts(window))
        answerer.click(button, "in the main window")
        count += 1
        wait_quiet(answerer)
    return count


def wait_quiet(answerer: Answerer) -> None:
    """Until no modal dialog or popup is up."""
    answerer.qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None
                             and QApplication.activePopupWidget() is None, timeout=90_000)


def trigger_through_menu(window, answerer: Answerer, path: list) -> bool:
    """Open the top menu with a click on the menu bar, walk down to the action with the arrow
    keys (Right into submenus) and press Return. False when the action is disabled."""
    if not all(a.isEnabled() for a in path):
        return False
    answerer.menu_open = True
    try:
        menu = open_at(window, answerer.qtbot, path)
    finally:
        answerer.menu_open = False
    answerer.texts += [(f"menu {path[0].text()!r}", a.text()) for a in path]
    answerer.problems.control = f"choosing the menu item {' → '.join(a.text() for a in path)}"
    answerer.qtbot.keyClick(menu, Qt.Key.Key_Return)
    wait_quiet(answerer)
    return True


def walk_menus(window, answerer: Answerer, seen_buttons: set) -> tuple[list[str], int]:
    """Choose every menu item (a dialog it opens is explored once per closing button); after
    each, click the window's buttons that item made appear (a spot-check panel, the batch
    panel). Returns the items chosen and the number of those clicks."""
    triggered = []
    clicks = 0
    for path in menu_paths(window.menuBar()):
        action = path[-1]
        if action.objectName() in OWN_TESTS:
            continue
        if window.is_closed:
            break
        rounds = 1
        for n in range(4):  # a dialog with OK and Cancel is opened once for each
            if n >= rounds:
                break
            answerer.explore_next = True
            answerer.closing_round = n
            explored = len(answerer.explored)
            if not trigger_through_menu(window, answerer, path):
                break
            triggered.append(action.text())
            if len(answerer.explored) > explored:
                rounds = max(rounds, answerer.last_closing_count)
            answerer.explore_next = False
            if not window.is_closed:
                clicks += click_window_buttons(window, answerer, title_bars=False,
                                               done=seen_buttons)
        answerer.explore_next = False
    return triggered, clicks


# -- checks ---------------------------------------------------------------------------------------
BOOL_TEXTS = {"True", "False"}


def bool_values(project: Path) -> list[str]:
    """Stored values that were made from a bool, and class colours that are not colours."""
    con = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        found = []
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            for row in con.execute(f"SELECT * FROM {table}"):
                for col, value in zip(cols, row, strict=True):
                    if isinstance(value, str) and value.strip() in BOOL_TEXTS:
                        found.append(f"{table}.{col} = {value!r}")
        for name, color in con.execute("SELECT name, color FROM labels"):
            if not re.fullmatch(r"#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?", color or ""):
                found.append(f"class {name!r} has colour {color!r}")
        return found
    finally:
        con.close()


def bool_settings(path: Path) -> list[str]:
    if not path.exists():
        return []
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")
        elif isinstance(value, str) and value.strip() in BOOL_TEXTS:
            found.append(f"settings{where} = {value!r}")

    walk(json.loads(path.read_text(encoding="utf-8")), "")
    return found


def identifier_texts(texts) -> list[str]:
    bad = {}
    for where, text in texts:
        for token in identifiers(str(text)):
            bad.setdefault((token, where), str(text)[:120])
    return [f"{token!r} in {where}: {text!r}" for (token, where), text in bad.items()]


def menu_texts(window) -> list[tuple[str, str]]:
    return [(f"menu item {' → '.join(a.text() for a in p)}", p[-1].text())
            for p in menu_paths(window.menuBar())]


# -- starting a spot-check -----------------------------------------------------------------------
def start_spot_check(window, answerer: Answerer) -> None:
    """Review → Start spot-check…, its accepting button (Create) clicked."""
    path = next((p for p in menu_paths(window.menuBar())
                 if p[-1].objectName() == "action_spot_check"), None)
    if path is None:
        return

    def create(dialog):
        box = dialog.findChild(QDialogButtonBox)
        accept = next(b for b in box.buttons()
                      if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        answerer.click(accept, "starting a spot-check")

    answerer.timer.stop()
    try:
        when_modal(create)
        answerer.qtbot.keyClick(open_at(window, answerer.qtbot, path), Qt.Key.Key_Return)
    finally:
        answerer.timer.start()
    assert window.spot_check.active
