"""The one table of actions and shortcuts. It builds the menus, the toolbar, the help overlay and
the shortcut page of the settings dialog; the user's changes live in `settings.shortcuts`.

Scope "canvas": the shortcut works while the canvas (or its window part) has focus, so keys like
arrows, Space, Enter and Delete keep their usual meaning in lists and text fields. Scope "window":
anywhere in the main window (text fields still receive the letters typed into them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence

from ..core.i18n import N_
from .i18n import translate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    keys: tuple[str, ...]  # default shortcuts, portable text ("Ctrl+Shift+Z")
    handler: str  # on the main window: "undo" a method, "editing.start_drawing" a controller's
    menu: str  # File | Edit | Image | Review | View | Help
    scope: str = "window"  # window | canvas | glance (the glance grid: its keys may repeat others')
    icon: str | None = None  # resources/icons/<icon>.svg; shown on the toolbar
    arg: object = None  # passed to the handler when not None
    group: str | None = None  # the task it serves in F1 (Review | Draw | Navigate | Project);
    # None: the menu's task (GROUP_OF_MENU)
    template: str = ""  # a numbered action's text with {n} (for its translation)

    @property
    def shown(self) -> str:
        """The text in the interface's language (`text` is marked for lupdate in context
        "actions"; a numbered action translates its template and fills in its number)."""
        if self.template:
            return translate("actions", self.template).format(n=self.arg)
        return translate("actions", self.text)


def _class_actions() -> list[ActionSpec]:
    return [
        ActionSpec(f"class_{n}", f"Class {n}", (str(n),), "editing.set_class_by_hotkey", "Edit", arg=n,
                   group="Review", template=N_("actions", "Class {n}"))
        for n in range(1, 10)
    ]


def _tag_actions() -> list[ActionSpec]:
    return [
        ActionSpec(f"tag_{n}", f"Toggle tag {n}", (f"Shift+{n}",), "reviewing.toggle_tag", "Image", arg=n,
                   group="Draw", template=N_("actions", "Toggle tag {n}"))
        for n in range(1, 10)
    ]


def _glance_actions() -> list[ActionSpec]:
    moves = (("left", "Left", (-1, 0), N_("actions", "Glance: move to the tile left")),
             ("right", "Right", (1, 0), N_("actions", "Glance: move to the tile right")),
             ("up", "Up", (0, -1), N_("actions", "Glance: move to the tile up")),
             ("down", "Down", (0, 1), N_("actions", "Glance: move to the tile down")))
    g = "Glance"
    return [
        ActionSpec("glance", N_("actions", "Glance review (a grid of one class)"), ("G",), "glance.toggle", g),
        ActionSpec("glance_accept_page",
                   N_("actions", "Glance: accept the page (flipped tiles rejected), next page"), ("Space",),
                   "glance.accept_page", g, scope="glance"),
        ActionSpec("glance_flip", N_("actions", "Glance: flip the tile to reject / back"), ("X", "N"),
                   "glance.flip", g, scope="glance"),
        ActionSpec("glance_accept_tile", N_("actions", "Glance: accept this tile alone"), ("Return", "Enter", "Y"),
                   "glance.accept_tile", g, scope="glance"),
        *[ActionSpec(f"glance_{name}", text, (key,), "glance.move", g,
                     scope="glance", arg=step) for name, key, step, text in moves],
        *[ActionSpec(f"glance_class_{n}", f"Glance: give the tile class {n}", (str(n),),
                     "glance.reclassify", g, scope="glance", arg=n,
                     template=N_("actions", "Glance: give the tile class {n}")) for n in range(1, 10)],
        ActionSpec("glance_next_class", N_("actions", "Glance: next class"), ("Tab",), "glance.next_class", g,
                   scope="glance", arg=1),
        ActionSpec("glance_prev_class", N_("actions", "Glance: previous class"), ("Shift+Tab",),
                   "glance.next_class", g, scope="glance", arg=-1),
        ActionSpec("glance_order", N_("actions", "Glance: most uncertain / most confident first"), ("O",),
                   "glance.toggle_order", g, scope="glance"),
        ActionSpec("glance_undo", N_("actions", "Glance: undo the last page"), ("Ctrl+Z",), "glance.undo", g,
                   scope="glance"),
        ActionSpec("glance_leave", N_("actions", "Leave glance review"), ("Esc",), "glance.leave", g,
                   scope="glance"),
    ]


ACTIONS: list[ActionSpec] = [
    ActionSpec("open_folder", N_("actions", "Open folder…"), ("Ctrl+O",), "project.open_folder_dialog", "File", icon="folder"),
    ActionSpec("open_sample", N_("actions", "Open sample folder"), (), "project.open_sample", "File"),
    ActionSpec("import", N_("actions", "Import…"), ("Ctrl+I",), "project.open_import", "File", icon="import"),
    ActionSpec("export", N_("actions", "Export…"), ("Ctrl+E",), "project.open_export", "File", icon="export"),
    ActionSpec("settings", N_("actions", "Settings…"), ("Ctrl+,",), "project.open_settings", "File"),
    ActionSpec("team", N_("actions", "Team server (Label Studio)…"), (), "team.open_dialog", "File"),
    ActionSpec("quit", N_("actions", "Quit"), ("Ctrl+Q",), "close", "File"),
    ActionSpec("undo", N_("actions", "Undo"), ("Ctrl+Z",), "changes.undo", "Edit", icon="undo", group="Review"),
    ActionSpec("redo", N_("actions", "Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), "changes.redo", "Edit", icon="redo",
               group="Review"),
    ActionSpec("draw", N_("actions", "Draw a box"), ("W",), "editing.start_drawing", "Edit", icon="box"),
    ActionSpec("delete", N_("actions", "Delete box / reject suggestion"), ("Delete", "Backspace"), "editing.delete_selected",
               "Edit", scope="canvas", group="Review"),
    ActionSpec("copy", N_("actions", "Copy boxes"), ("Ctrl+C",), "editing.copy_boxes", "Edit", scope="canvas"),
    ActionSpec("paste", N_("actions", "Paste boxes"), ("Ctrl+V",), "editing.paste_boxes", "Edit", scope="canvas"),
    *_class_actions(),
    ActionSpec("class_picker", N_("actions", "Pick a class…"), ("L",), "editing.pick_class", "Edit", group="Review"),
    ActionSpec("next_box", N_("actions", "Next box"), ("Tab",), "editing.cycle_box", "Edit", scope="canvas", arg=1,
               group="Review"),
    ActionSpec("prev_box", N_("actions", "Previous box"), ("Shift+Tab",), "editing.cycle_box", "Edit", scope="canvas", arg=-1,
               group="Review"),
    ActionSpec("deselect", N_("actions", "Deselect / cancel"), ("Esc",), "editing.deselect", "Edit", scope="canvas"),
    ActionSpec("nudge_left", N_("actions", "Nudge left (or previous image)"), ("Left",), "editing.arrow", "Edit",
               scope="canvas", arg=(-1, 0)),
    ActionSpec("nudge_right", N_("actions", "Nudge right (or next image)"), ("Right",), "editing.arrow", "Edit",
               scope="canvas", arg=(1, 0)),
    ActionSpec("nudge_up", N_("actions", "Nudge up"), ("Up",), "editing.arrow", "Edit", scope="canvas", arg=(0, -1)),
    ActionSpec("nudge_down", N_("actions", "Nudge down"), ("Down",), "editing.arrow", "Edit", scope="canvas", arg=(0, 1)),
    ActionSpec("nudge_left_10", N_("actions", "Nudge left 10 px"), ("Shift+Left",), "editing.arrow", "Edit",
               scope="canvas", arg=(-10, 0)),
    ActionSpec("nudge_right_10", N_("actions", "Nudge right 10 px"), ("Shift+Right",), "editing.arrow", "Edit",
               scope="canvas", arg=(10, 0)),
    ActionSpec("nudge_up_10", N_("actions", "Nudge up 10 px"), ("Shift+Up",), "editing.arrow", "Edit",
               scope="canvas", arg=(0, -10)),
    ActionSpec("nudge_down_10", N_("actions", "Nudge down 10 px"), ("Shift+Down",), "editing.arrow", "Edit",
               scope="canvas", arg=(0, 10)),
    ActionSpec("prev_image", N_("actions", "Previous image"), ("A",), "navigation.go_relative", "Image", icon="prev", arg=-1),
    ActionSpec("next_image", N_("actions", "Next image"), ("D",), "navigation.go_relative", "Image", icon="next", arg=1),
    ActionSpec("first_image", N_("actions", "First image"), ("Home",), "navigation.go_to_end", "Image", scope="canvas",
               arg=-1),  # (in the image list too: its own Home / End)
    ActionSpec("last_image", N_("actions", "Last image"), ("End",), "navigation.go_to_end", "Image", scope="canvas", arg=1),
    ActionSpec("search_images", N_("actions", "Search the image list"), ("Ctrl+F",), "navigation.focus_search", "Image"),
    ActionSpec("mark_done", N_("actions", "Done, no objects"), ("0",), "navigation.mark_done_empty", "Image", icon="done",
               group="Review"),
    ActionSpec("exclude", N_("actions", "Exclude / include this image"), ("E",), "navigation.toggle_excluded", "Image",
               group="Review"),
    ActionSpec("add_tag", N_("actions", "Tag this image…"), ("T",), "reviewing.pick_tag", "Image", group="Draw"),
    *_tag_actions(),
    ActionSpec("accept", N_("actions", "Accept suggestion"), ("Return", "Enter", "Y"), "reviewing.accept_current", "Review",
               scope="canvas", icon="accept"),
    ActionSpec("reject", N_("actions", "Reject suggestion"), ("N",), "reviewing.reject_current", "Review", icon="reject"),
    ActionSpec("accept_all", N_("actions", "Accept all shown, next image"), ("Space",), "reviewing.accept_all", "Review",
               scope="canvas"),
    ActionSpec("reject_all", N_("actions", "Reject all shown, next image"), ("X",), "reviewing.reject_all", "Review"),
    ActionSpec("map_label", N_("actions", "Map unknown label…"), ("M",), "reviewing.map_label", "Review"),
    ActionSpec("ask_ai", N_("actions", "Ask the AI about this image"), ("I",), "asking.ask_ai", "Review", icon="ai"),
    ActionSpec("prompt", N_("actions", "Prompt…"), (), "asking.open_prompt", "Review", group="Project"),
    ActionSpec("examples", N_("actions", "Examples in the prompt…"), (), "examples.open_dialog", "Review",
               group="Project"),
    ActionSpec("use_as_example", N_("actions", "Use this image as an example"), (), "examples.use_current",
               "Review"),
    ActionSpec("batch", N_("actions", "Batch…"), ("Ctrl+B",), "batch.open_dialog", "Review", icon="batch"),
    ActionSpec("batch_panel", N_("actions", "Batch progress"), (), "batch.show_panel", "Review"),
    ActionSpec("consensus", N_("actions", "Consensus of two runs…"), (), "review_panel.open_consensus", "Review",
               group="Project"),
    ActionSpec("spot_check", N_("actions", "Start spot-check…"), (), "spot_check.ask_and_start", "Review",
               icon="spot-check"),
    ActionSpec("leave_spot_check", N_("actions", "Leave spot-check"), (), "spot_check.leave_by_hand", "Review"),
    ActionSpec("extend_sample", N_("actions", "Extend the spot-check sample"), ("K",), "spot_check.extend_by_hand",
               "Review"),
    ActionSpec("report", N_("actions", "Quality report…"), (), "project.open_report", "Review", icon="report",
               group="Project"),
    *_glance_actions(),
    ActionSpec("train", N_("actions", "Train a local model…"), ("Ctrl+T",), "training.open_dialog", "Model",
               group="Project"),
    ActionSpec("fit", N_("actions", "Fit to window"), ("F",), "canvas.fit_action", "View", icon="fit"),
    ActionSpec("zoom_in", N_("actions", "Zoom in"), ("+", "="), "canvas.zoom_by", "View", icon="zoom-in", arg=1.25),
    ActionSpec("zoom_out", N_("actions", "Zoom out"), ("-",), "canvas.zoom_by", "View", icon="zoom-out", arg=0.8),
    ActionSpec("next_part", N_("actions", "Keys to the next part of the window (image, panels)"), ("F6",),
               "frame.focus_part", "View", arg=1),
    ActionSpec("prev_part", N_("actions", "Keys to the previous part of the window"), ("Shift+F6",),
               "frame.focus_part", "View", arg=-1),
    ActionSpec("reset_layout", N_("actions", "Reset layout"), (), "frame.reset_layout", "View", group="Project"),
    ActionSpec("help", N_("actions", "Keyboard shortcuts"), ("F1", "?"), "project.show_help", "Help"),
    ActionSpec("about", N_("actions", "About GlanceLabel"), (), "project.show_about", "Help", icon="about"),
]

MENUS = ("File", "Edit", "Image", "Review", "Glance", "Model", "View", "Help")
GROUPS = ("Review", "Draw", "Navigate", "Project")  # F1's sections, in this order
GROUP_OF_MENU = {"Review": "Review", "Glance": "Review", "Edit": "Draw", "Image": "Navigate",
                 "View": "Navigate", "File": "Project", "Model": "Project", "Help": "Project"}
# the review loop's keys open F1, in this order; the rest follow in table order
REVIEW_FIRST = ("accept", "reject", "accept_all", "reject_all", "mark_done", "next_box",
                "prev_box", "class_1", "class_picker", "map_label", "delete", "ask_ai")
TOOLBAR = ("open_folder", "undo", "redo", "draw", "prev_image", "next_image", "mark_done",
           "accept", "reject", "ask_ai", "fit", "zoom_in", "zoom_out")
BY_ID = {a.id: a for a in ACTIONS}
# the Edit menu's entries that change the image in the normal view (all but Undo and Redo): off
# while glance review hides that view (gui/controllers/glance.py)
IMAGE_EDITS = tuple(a.id for a in ACTIONS if a.menu == "Edit" and a.id not in ("undo", "redo"))
SEP = "; "  # between several shortcuts of one action in settings.shortcuts


def normalise(text: str) -> str:
    """Portable text of a key sequence ('' when it is not one)."""
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.PortableText) if text else ""


def effective_keys(overrides: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Action id -> shortcuts, the user's overrides applied over the table's defaults."""
    out = {}
    for a in ACTIONS:
        if a.id in overrides:
            out[a.id] = tuple(k for k in (normalise(p.strip()) for p in overrides[a.id].split(SEP)) if k)
        else:
            out[a.id] = tuple(normalise(k) for k in a.keys)
    return out


def conflict(overrides: dict[str, str], action_id: str, keys: tuple[str, ...]) -> str | None:
    """One sentence saying why `keys` cannot be given to `action_id`, or None when it is free."""
    current = effective_keys(overrides)
    wanted = [normalise(k) for k in keys if k]
    if len(set(wanted)) != len(wanted):
        return translate("actions", "The same key is listed twice.")
    for other, their in current.items():
        glance_pair = (BY_ID[other].scope == "glance") == (BY_ID[action_id].scope == "glance")
        if other == action_id or not glance_pair:
            continue  # the glance grid takes its own keys first: they may repeat the window's
        for key in wanted:
            if key in their:
                return translate("actions", "{key} is already the shortcut of “{action}”; change "
                                 "that one first.").format(key=key, action=BY_ID[other].shown)
    return None


def build_actions(window, overrides: dict[str, str], canvas, icon_for: Callable[[str], QIcon | None]) -> dict[str, QAction]:
    """QActions for the table, connected to the window's handlers and added to the window (or to
    the canvas for canvas-scope ones)."""
    keys = effective_keys(overrides)
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        act = QAction(spec.shown, window)
        act.setObjectName(f"action_{spec.id}")
        act.setShortcuts([QKeySequence(k) for k in keys[spec.id]])
        _set_tip(act, spec.shown)
        if spec.icon:
            icon = icon_for(spec.icon)
            if icon is not None:
                act.setIcon(icon)
        handler = resolve(window, spec.handler)
        if spec.arg is None:
            act.triggered.connect(lambda _checked=False, h=handler: h())
        else:
            act.triggered.connect(lambda _checked=False, h=handler, a=spec.arg: h(a))
        if spec.scope == "canvas":
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            canvas.addAction(act)
        elif spec.scope == "glance":  # only while the tiles have the focus (not its combo boxes)
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.glance.tiles.addAction(act)
        else:
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(act)
        actions[spec.id] = act
    return actions


def resolve(window: object, path: str) -> Callable[..., object]:
    """The handler an action's `handler` names: an attribute path from the window."""
    target = window
    for name in path.split("."):
        target = getattr(target, name)
    return target  # type: ignore[return-value]


def _set_tip(act: QAction, text: str) -> None:
    keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in act.shortcuts()]
    act.setToolTip(f"{text} ({', '.join(dict.fromkeys(keys))})" if keys else text)


def apply_overrides(actions: dict[str, QAction], overrides: dict[str, str]) -> None:
    for action_id, keys in effective_keys(overrides).items():
        if action_id in actions:
            actions[action_id].setShortcuts([QKeySequence(k) for k in keys])
            _set_tip(actions[action_id], BY_ID[action_id].shown)


def build_menus(menubar, actions: dict[str, QAction]) -> dict:
    """The menus, by name (the View menu also lists the panels: see layout.py)."""
    titles = menu_titles()
    menus = {name: menubar.addMenu(titles[name]) for name in MENUS}
    previous_menu = None
    for spec in ACTIONS:
        menu = menus[spec.menu]
        if spec.id.startswith("nudge_") and previous_menu != "nudge":
            menu.addSeparator()
        menu.addAction(actions[spec.id])
        previous_menu = "nudge" if spec.id.startswith("nudge_") else spec.menu
    return menus


def menu_titles() -> dict[str, str]:
    """The menus' titles (with their Alt keys) in the interface's language."""
    return {"File": translate("menus", "&File"), "Edit": translate("menus", "&Edit"),
            "Image": translate("menus", "&Image"), "Review": translate("menus", "&Review"),
            "Glance": translate("menus", "&Glance"), "Model": translate("menus", "&Model"),
            "View": translate("menus", "&View"), "Help": translate("menus", "&Help")}


def group_titles() -> dict[str, str]:
    """F1's task names in the interface's language."""
    return {"Review": translate("help", "Review"), "Draw": translate("help", "Draw"),
            "Navigate": translate("help", "Navigate"), "Project": translate("help", "Project")}


def build_toolbar(toolbar, actions: dict[str, QAction]) -> None:
    for action_id in TOOLBAR:
        if action_id in ("draw", "prev_image", "accept", "fit"):
            toolbar.addSeparator()
        toolbar.addAction(actions[action_id])


def group_of(spec: ActionSpec) -> str:
    return spec.group or GROUP_OF_MENU.get(spec.menu, "Project")


def _help_order(spec: ActionSpec) -> tuple[int, int]:
    group = group_of(spec)
    first = REVIEW_FIRST.index(spec.id) if spec.id in REVIEW_FIRST else len(REVIEW_FIRST)
    return (GROUPS.index(group) if group in GROUPS else len(GROUPS), first)


def help_rows(overrides: dict[str, str]) -> list[tuple[str, str, str]]:
    """(task, action text, shortcuts shown to people) for F1, grouped by task (Review first) and
    the review loop's keys first within it."""
    keys = effective_keys(overrides)
    rows = []
    for spec in sorted(ACTIONS, key=_help_order):  # (sorted is stable: table order otherwise)
        group = group_of(spec)
        shown = ", ".join(dict.fromkeys(  # Return and Enter both read 回车 in Chinese: shown once
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys[spec.id]
        ))
        if spec.id.startswith("class_") and spec.id != "class_picker":
            if spec.id == "class_1":
                rows.append((group, translate("actions", "Give the selected box or suggestion class 1–9"),
                             "1 … 9"))
            continue
        if spec.id.startswith("tag_"):
            if spec.id == "tag_1":
                rows.append((group, translate("actions", "Toggle the image tag of class 1–9"),
                             "Shift+1 … 9"))
            continue
        if spec.id.startswith("glance_class_"):
            if spec.id == "glance_class_1":
                rows.append((group, translate("actions", "Glance: give the tile class 1–9"), "1 … 9"))
            continue
        rows.append((group, spec.shown, shown))
    return rows
