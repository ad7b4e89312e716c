"""Choosing menu items and combo box entries as a person does (a click, arrow keys, Return), and
answering the modal dialog a menu item opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QWidget


def menu_paths(menubar) -> list[list]:
    """[top menu action, (submenu action, ...), action] for every action in the menu bar."""
    out = []

    def walk(menu, prefix):
        for act in menu.actions():
            if act.isSeparator() or not act.isVisible():
                continue
            if act.menu() is not None:
                walk(act.menu(), [*prefix, act])
            else:
                out.append([*prefix, act])

    for top in menubar.actions():
        if top.menu() is not None and top.isVisible():
            walk(top.menu(), [top])
    return out


def plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def find_path(window, *texts: str) -> list:
    """The menu path whose item texts are `texts` ("Review", "Quality report")."""
    wanted = [plain(t) for t in texts]
    for path in menu_paths(window.menuBar()):
        if [plain(a.text()) for a in path] == wanted:
            return path
    raise LookupError(f"no menu item {' → '.join(texts)}")


def open_at(window, qtbot, path: list):
    """Open the top menu with a click on the menu bar and walk down to the item with the arrow
    keys (Right into submenus). Returns the open menu, the item active in it."""
    bar = window.menuBar()
    menu = path[0].menu()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(path[0]).center())
    qtbot.waitUntil(menu.isVisible)
    for depth, target in enumerate(path[1:], start=1):
        for _ in range(len(menu.actions()) + 2):
            if menu.activeAction() is target:
                break
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        assert menu.activeAction() is target, f"the menu keys do not reach {target.text()!r}"
        if depth < len(path) - 1:
            qtbot.keyClick(menu, Qt.Key.Key_Right)
            menu = target.menu()
            qtbot.waitUntil(menu.isVisible)
    return menu


def choose(window, qtbot, *texts: str) -> None:
    """Choose a menu item by its texts, e.g. choose(w, qtbot, "Review", "Quality report")."""
    qtbot.keyClick(open_at(window, qtbot, find_path(window, *texts)), Qt.Key.Key_Return)


def when_modal(inspect: Callable[[QWidget], None], interval_ms: int = 20) -> dict:
    """Call `inspect(dialog)` once a modal dialog is up (from the dialog's own event loop), then
    reject it if it is still open. Returns a dict whose "dialog" key is set when that happened."""
    state: dict = {}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(interval_ms, poll)
            return
        state["dialog"] = dialog
        try:
            inspect(dialog)
        finally:
            if dialog.isVisible() and hasattr(dialog, "reject"):
                dialog.reject()

    QTimer.singleShot(0, poll)
    return state


def pick(qtbot, box, data) -> None:
    """Choose the entry of a combo box whose data is `data`: a click opens its list (on the arrow
    of an editable box, whose text field would take the click), the arrow keys walk to the
    entry, Return takes it."""
    pos = QPoint(box.width() - 8, box.height() // 2) if box.isEditable() else QPoint()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=pos)
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    row = box.findData(data)
    for _ in range(box.count()):
        if view.currentIndex().row() == row:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < row else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())


def open_menu(qtbot, window, title: str) -> QMenu:
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu is top.menu()
    return menu


def entries(menu: QMenu) -> dict[str, object]:
    return {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}


def click_entry(qtbot, menu: QMenu, text: str) -> None:
    action = entries(menu)[text]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
