"""Starting the desktop app: arguments, logging, the crash dialog, the start screen, projects.

`run(argv)` is what `glancelabel [FOLDER]` calls. An uncaught exception anywhere (a slot, a
thread) is logged with its full traceback and shown in a dialog that names the log file; the app
never exits silently.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from .. import __version__
from ..core.app import logsetup, paths
from ..core.app import settings as settings_mod
from . import i18n
from .i18n import error_text, translate

if TYPE_CHECKING:
    from ..core.store import Store
    from .main_window import MainWindow
    from .start_screen import StartScreen

log = logging.getLogger(__name__)
_SWITCH_INTERVAL = 0.001  # seconds; see make_qapp

SAMPLE_FOLDER_NAME = "sample-images"


# -- crash reporting ----------------------------------------------------------------------------
class CrashReporter(QObject):
    """Logs uncaught exceptions and shows them in a dialog on the GUI thread."""

    reported = Signal(str)  # one-paragraph text shown to the user

    def __init__(self, log_path: Path | None) -> None:
        super().__init__()
        self.log_path = log_path
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False

    def text_for(self, exc: BaseException) -> str:
        where = str(self.log_path) if self.log_path else translate(
            "CrashReporter", "the log (no log file could be opened)")
        from ..core.app.logsetup import redact
        from ..core.errors import user_error

        known = user_error(exc)  # e.g. a full disk: its sentence, not a raw OperationalError
        what = (error_text(known).rstrip(".。") + translate("CrashReporter", ".")
                if known is not None else translate(
                    "CrashReporter", "Something went wrong: {name}: {text}").format(
                        name=exc.__class__.__name__, text=exc))
        return redact(what + "\n\n" + translate(
            "CrashReporter", "Your work up to the last action is saved. The details are in {where}."
        ).format(where=where))

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        self.reported.emit(self.text_for(exc))

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, text: str) -> None:
        if self._showing:  # one dialog at a time; the rest are in the log
            return
        self._showing = True
        try:
            QMessageBox.critical(None, translate("CrashReporter", "GlanceLabel: unexpected error"), text)
        finally:
            self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread


# -- projects -----------------------------------------------------------------------------------
def sample_folder() -> Path:
    """A writable copy of the bundled sample folder (the installed one may be read-only)."""
    from ..core.app.resources import resource

    source = resource("samples")
    target = paths.data_dir() / SAMPLE_FOLDER_NAME
    if not target.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(source, tmp)
        tmp.replace(target)
    return target


def open_store(folder: Path, project: Path | None = None):
    """The project store for a folder (created on first use). Raises ProjectError, OSError."""
    from ..core.app.paths import project_path
    from ..core.store import Store

    return Store(project_path(folder, project), folder)


class App(QObject):
    """Keeps the start screen and the open project window alive and switches between them."""

    def __init__(self, qapp: QApplication, settings: settings_mod.Settings, project: Path | None = None):
        super().__init__()
        self.qapp = qapp
        self.settings = settings
        self.project_override = project
        self.window: MainWindow | None = None
        self.start_screen: StartScreen | None = None
        self.store: Store | None = None

    def show_start(self) -> None:
        from .start_screen import StartScreen

        self.start_screen = screen = StartScreen(self.settings.recent_folders)
        screen.open_requested.connect(self.open)
        screen.show()

    def open(self, what) -> bool:
        """Open a folder (Path), ask for one (None) or open the sample folder ("sample")."""
        parent = self.window or self.start_screen
        if what is None:
            name = QFileDialog.getExistingDirectory(parent, translate("App", "Open a folder of images"))
            if not name:
                return False
            what = Path(name)
        elif what == "sample":
            try:
                what = sample_folder()
            except OSError as exc:
                log.error("sample folder could not be prepared", exc_info=True)
                QMessageBox.warning(parent, translate("App", "Sample folder"), translate(
                    "App", "The sample folder could not be copied: {error}").format(error=exc))
                return False
        return self.open_folder(Path(what))

    def open_folder(self, folder: Path) -> bool:
        from ..core.store import ProjectError
        from .main_window import MainWindow

        parent = self.window or self.start_screen
        if not folder.is_dir():
            QMessageBox.warning(parent, translate("App", "Open folder"),
                                translate("App", "{folder} is not a folder.").format(folder=folder))
            return False
        try:
            store = open_store(folder, self.project_override)
        except (ProjectError, OSError) as exc:
            log.error("project for %s could not be opened", folder, exc_info=True)
            QMessageBox.warning(parent, translate("App", "Open folder"), error_text(exc))
            return False
        self.project_override = None  # --project applies to the first folder only
        lock = self._lock(store, parent)
        if lock is False:
            store.close()
            return False
        self.settings.add_recent(folder)
        try:
            settings_mod.save(self.settings)
        except OSError:
            log.warning("settings could not be saved", exc_info=True)
        old = self.window
        window = MainWindow(store, self.settings, folder, opener=self.open)
        window.closed.connect(lambda s=store, lk=lock: self._closed(s, lk))
        self.window, self.store = window, store
        window.show()
        window.start()
        window.canvas.setFocus()
        if old is not None:
            old.close()
        if self.start_screen is not None:
            self.start_screen.close()
            self.start_screen = None
        return True


    def _lock(self, store: Store, parent):
        """The project's window lock; None when locking is not possible, False when the user
        chose not to open a project that another window has open."""
        from ..core.store.lock import ProjectInUse, ProjectLock

        lock = ProjectLock(store.path)
        try:
            lock.acquire()
        except ProjectInUse as exc:
            answer = QMessageBox.question(
                parent, translate("App", "Project in use"),
                error_text(exc) + "\n\n" + translate("App", "Open it anyway?"),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            )
            return None if answer == QMessageBox.StandardButton.Open else False
        except OSError:
            log.warning("project lock not available", exc_info=True)
            return None
        return lock

    @staticmethod
    def _closed(store: Store, lock) -> None:
        store.close()
        if lock:
            lock.release()


# -- entry point --------------------------------------------------------------------------------
def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="glancelabel", description="Label local image folders with AI help.")
    parser.add_argument("folder", nargs="?", type=Path, help="the image folder to open")
    parser.add_argument("--project", type=Path, help="project file (default: FOLDER/.glancelabel)")
    parser.add_argument("--version", action="version", version=f"GlanceLabel {__version__}")
    # hidden: open FOLDER, wait for the list, print one JSON line, quit (checks a built bundle)
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def make_qapp(argv: list[str]) -> QApplication:
    from .icons import app_icon
    from .theme import Theme

    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(["glancelabel", *argv])
    # Background work (folder walks, exports) runs Python on other threads; each time the GUI
    # thread needs the GIL back (every call from Qt into Python, e.g. painting a list row) it
    # waits until the other thread gives it up: at most this long. 5 ms (Python's default)
    # gave 60-110 ms stalls while a new 100,000-image folder was listed.
    try:
        interval = float(os.environ.get("GLANCELABEL_SWITCH_INTERVAL") or _SWITCH_INTERVAL)
    except ValueError:
        interval = _SWITCH_INTERVAL
    sys.setswitchinterval(interval if interval > 0 else _SWITCH_INTERVAL)
    qapp.setApplicationName("GlanceLabel")
    qapp.setOrganizationName("GlanceLabel")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("glancelabel")  # Wayland/X11 match the window to glancelabel.desktop
    qapp.setWindowIcon(app_icon())
    theme = getattr(qapp, "glancelabel_theme", None)
    if theme is None:
        theme = Theme(qapp)
        qapp.glancelabel_theme = theme  # type: ignore[attr-defined]  # lives as long as the application
    theme.apply()  # palette, stylesheet and icon tint follow the system scheme
    return qapp


# -- smoke test of an installed or bundled app ----------------------------------------------------
def smoke_test(app: App, folder: Path, timeout_s: float = 120.0) -> int:
    """Open `folder`, wait until its list is ready and the image sizes are read, print one JSON
    line (images, title, version, ...) on standard output and quit. 0 on success."""
    import json

    from PySide6.QtCore import QTimer

    qapp = app.qapp
    outcome = {"code": 1}

    def report(**fields) -> None:
        print(json.dumps(fields), flush=True)

    def fail(message: str) -> None:
        report(ok=False, error=message)
        outcome["code"] = 1
        qapp.exit(1)

    if not folder.is_dir():
        report(ok=False, error=f"{folder} is not a folder.")
        return 2
    restore_dialogs = _refuse_dialogs()  # a dialog would wait forever with nobody there
    try:
        if not app.open_folder(folder):
            report(ok=False, error=f"{folder} could not be opened.")
            return 1
        window = app.window
        assert window is not None  # the folder opened

        def finished() -> None:
            model = window.image_panel.model
            report(
                ok=True, images=model.rowCount(), title=window.windowTitle(),
                version=__version__, folder=str(folder), project=str(window.store.path),
                shown=window.current_record.relpath if window.current_record else None,
                decoded=window.canvas.decoded_width > 0,
                theme=getattr(getattr(qapp, "glancelabel_theme", None), "scheme", None),
            )
            outcome["code"] = 0
            window.close()
            qapp.exit(0)

        state = {"listed": False, "headers": False}

        def check() -> None:
            if state["listed"] and state["headers"] and (
                window.canvas.decoded_width > 0 or window.current_id is None
                or window.canvas.message()
            ):
                QTimer.singleShot(0, finished)

        def listed() -> None:
            state["listed"] = True
            check()

        def headers_read() -> None:
            state["headers"] = True
            check()

        window.list_ready.connect(listed)
        window.scan_done.connect(headers_read)
        window.image_shown.connect(lambda _i: check())
        QTimer.singleShot(int(timeout_s * 1000), lambda: fail(f"not ready after {timeout_s:.0f} s"))
        qapp.exec()
    finally:
        restore_dialogs()
    return outcome["code"]


def _refuse_dialogs():
    """While smoke-testing, a message box prints its text to standard error instead of waiting
    for a click. Returns the function that restores them."""
    saved = {name: getattr(QMessageBox, name) for name in ("warning", "critical", "information",
                                                         "question")}

    def fake(name):
        def show(_parent, title, text, *args, **kwargs):
            print(f"[{name}] {title}: {text}", file=sys.stderr, flush=True)
            return (QMessageBox.StandardButton.No if name == "question"
                    else QMessageBox.StandardButton.Ok)
        return show

    for name in saved:
        setattr(QMessageBox, name, staticmethod(fake(name)))

    def restore() -> None:
        for name, fn in saved.items():
            setattr(QMessageBox, name, fn)

    return restore


def run(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    log_path = logsetup.setup()
    log.info("GlanceLabel %s starting", __version__)
    settings = settings_mod.load()
    with i18n.system_locale_for(settings.language):  # Qt's file dialog: sizes, dates
        qapp = make_qapp([])
    reporter = CrashReporter(log_path)
    reporter.install()
    i18n.install(qapp, settings.language)
    app = App(qapp, settings, args.project)
    if args.smoke_test:
        if args.folder is None:
            print('{"ok": false, "error": "--smoke-test needs a FOLDER"}', flush=True)
            return 2
        return smoke_test(app, args.folder)
    if args.folder is not None:
        if not app.open_folder(args.folder):
            app.show_start()
    else:
        app.show_start()
    code = qapp.exec()
    log.info("GlanceLabel closing (%s)", code)
    return int(code)
