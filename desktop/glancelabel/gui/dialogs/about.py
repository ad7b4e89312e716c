"""About GlanceLabel: version, the licences of the bundled components, and where files live.

Versions and licences come from the installed distributions' metadata (importlib.metadata), with
a table of known licences for components whose metadata does not state one in short form. The
paths (project, log, settings) each have a button that opens their folder.
"""

from __future__ import annotations

import logging
import platform
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...core.app import paths
from ...core.app import settings as settings_mod
from ...core.i18n import N_
from ..i18n import translate

log = logging.getLogger(__name__)

# (shown name, distribution name or None, licence when the metadata has no short one, what for)
COMPONENTS: tuple[tuple[str, str | None, str, str], ...] = (
    ("Qt", None, "LGPL-3.0-only", N_("about", "the windows and widgets")),
    ("PySide6", "PySide6-Essentials", "LGPL-3.0-only", N_("about", "Qt for Python")),
    ("shiboken6", "shiboken6", "LGPL-3.0-only", N_("about", "Qt for Python bindings")),
    ("Pillow", "pillow", "HPND (MIT-CMU)", N_("about", "image decoding")),
    ("pillow-heif", "pillow-heif", "BSD-3-Clause (libheif: LGPL-3.0)", N_("about", "HEIC/HEIF images")),
    ("onnxruntime", "onnxruntime", "MIT", N_("about", "the offline model")),
    ("RapidOCR", "rapidocr-onnxruntime", "Apache-2.0", N_("about", "offline text reading")),
    ("OpenCV", "opencv-python", "Apache-2.0", N_("about", "used by RapidOCR")),
    ("anthropic SDK", "anthropic", "MIT", N_("about", "Claude")),
    ("openai SDK", "openai", "Apache-2.0", N_("about", "OpenAI and compatible servers")),
    ("numpy", "numpy", "BSD-3-Clause", N_("about", "arrays")),
    ("sqlite-utils", "sqlite-utils", "Apache-2.0", N_("about", "project database helpers")),
    ("SQLite", None, "Public domain", N_("about", "the project file")),
    ("platformdirs", "platformdirs", "MIT", N_("about", "user folders")),
    ("keyring", "keyring", "MIT", N_("about", "API keys in the OS keyring")),
    ("orjson", "orjson", "Apache-2.0 OR MIT", N_("about", "fast JSON")),
    ("PyYAML", "PyYAML", "MIT", N_("about", "YOLO data.yaml")),
    ("tqdm", "tqdm", "MPL-2.0 AND MIT", N_("about", "command-line progress")),
    ("filelock", "filelock", "MIT", N_("about", "project lock")),
    ("pydantic", "pydantic", "MIT", N_("about", "used by the SDKs")),
    ("Python", None, "PSF-2.0", N_("about", "the language")),
)


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    version: str  # "not installed" when absent
    licence: str
    purpose: str


def _short_licence(dist: metadata.Distribution) -> str | None:
    meta: Any = dist.metadata  # an email.message.Message: get() answers None when absent
    expr = meta.get("License-Expression")
    if expr:
        return expr.strip()
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 40:
        return text
    for c in meta.get_all("Classifier") or []:
        if c.startswith("License :: OSI Approved :: "):
            return c.rsplit(" :: ", 1)[-1]
    return None


def components() -> list[Component]:
    """The components this installation bundles, with their installed versions and licences."""
    out = []
    for name, dist_name, licence, purpose in COMPONENTS:
        if name == "Qt":
            version = qVersion()
        elif name == "SQLite":
            version = sqlite3.sqlite_version
        elif name == "Python":
            version = platform.python_version()
        else:
            try:
                dist = metadata.distribution(dist_name or name)
            except metadata.PackageNotFoundError:
                version = "not installed"
            else:
                version = dist.version
                licence = _short_licence(dist) or licence
        out.append(Component(name, version, licence, purpose))
    return out


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, project: Path | None = None,
                 opener: Callable[[Path], object] | None = None) -> None:
        """`project`: the open project file (None at the start screen); `opener(folder)` shows a
        folder (the system file manager by default; tests pass their own)."""
        super().__init__(parent)
        from ..icons import app_icon

        self.setWindowTitle(translate("about", "About GlanceLabel"))
        self.setObjectName("aboutDialog")
        self._opener = opener or open_folder
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(72, 72))
        title = QLabel(f"<b>GlanceLabel {__version__}</b>")
        title.setObjectName("aboutTitle")
        title.setStyleSheet("font-size: 18px;")
        blurb = QLabel(translate("about", "Label local image folders with AI help, review every suggestion with one "
                       "key, and measure how good the AI was. MIT licence."))
        blurb.setWordWrap(True)
        head_text = QVBoxLayout()
        head_text.addWidget(title)
        head_text.addWidget(blurb)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)

        self.components = components()
        table = QTableWidget(len(self.components), 4)
        table.setObjectName("aboutComponents")
        table.setTabKeyNavigation(False)  # Tab goes on to the buttons, not cell by cell
        table.setHorizontalHeaderLabels([translate("about", "Component"), translate("about", "Version"),
                                         translate("about", "Licence"), translate("about", "Used for")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for r, c in enumerate(self.components):
            purpose = translate("about", c.purpose)
            for col, text in enumerate((c.name, c.version, c.licence, purpose)):
                table.setItem(r, col, QTableWidgetItem(text))
        self.table = table

        self.paths = {  # keys: English names, shown translated
            N_("about", "Project file"): project,
            N_("about", "Log file"): paths.log_file(),
            N_("about", "Settings file"): settings_mod.settings_file(),
        }
        box = QGroupBox(translate("about", "Where files live"))
        grid = QGridLayout(box)
        self.open_buttons: dict[str, QPushButton] = {}
        for row, (what, path) in enumerate(self.paths.items()):
            grid.addWidget(QLabel(translate("about", what)), row, 0)
            shown = QLabel(str(path) if path else "no project is open")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setObjectName(f"aboutPath{row}")
            grid.addWidget(shown, row, 1)
            button = QPushButton(translate("about", "Open folder"))
            button.setEnabled(path is not None)
            button.clicked.connect(lambda _c=False, p=path: self.open_folder_of(p))
            grid.addWidget(button, row, 2)
            self.open_buttons[what] = button
        grid.setColumnStretch(1, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(QLabel(translate("about", "Bundled components and their licences:")))
        layout.addWidget(table, 1)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def open_folder_of(self, path: Path | None) -> None:
        if path is None:
            return
        folder = Path(path).parent
        if not folder.is_dir():
            self.message.setText(translate("about", "{folder} does not exist yet; it is created when first "
                                           "needed.").format(folder=folder))
            return
        try:
            ok = self._opener(folder)
        except Exception:  # noqa: BLE001 - one sentence here, the traceback in the log
            log.exception("could not open %s", folder)
            ok = False
        if ok is False:
            self.message.setText(translate("about", "The folder {folder} could not be opened here; its path "
                                           "can be copied from above.").format(folder=folder))
