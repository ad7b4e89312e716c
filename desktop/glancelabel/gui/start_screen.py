"""The start screen: open a folder, one of the recent folders, or the bundled sample folder.
Every part is reachable with Tab, and the one with keyboard focus is outlined (app.qss)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .i18n import translate
from .icons import icon


class StartScreen(QWidget):
    open_requested = Signal(object)  # a Path, None to ask for a folder, "sample" for the sample

    def __init__(self, recent: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        self.setWindowTitle("GlanceLabel")
        app_icon = icon("app", "#3b82f6")
        if app_icon is not None:
            self.setWindowIcon(app_icon)
        self.resize(560, 480)
        title = QLabel("GlanceLabel")
        title.setObjectName("startTitle")
        subtitle = QLabel(translate(
            "StartScreen", "Label a folder of images with AI help. Version {version}.\n"
            "Your images are never changed; labels live in a project file beside them."
        ).format(version=__version__))
        subtitle.setObjectName("startSubtitle")
        subtitle.setWordWrap(True)
        open_button = QPushButton("  " + translate("StartScreen", "Open a folder…"))
        open_button.setObjectName("startButton")
        folder_icon = icon("folder")
        if folder_icon is not None:
            open_button.setIcon(folder_icon)
        open_button.clicked.connect(lambda: self.open_requested.emit(None))
        sample_button = QPushButton("  " + translate("StartScreen", "Open the sample folder"))
        sample_button.setObjectName("startButton")
        sample_button.clicked.connect(lambda: self.open_requested.emit("sample"))
        self.recent = QListWidget()
        self.recent.setObjectName("recentFolders")
        for folder in recent:
            item = QListWidgetItem(folder)
            item.setData(Qt.ItemDataRole.UserRole, folder)
            if not Path(folder).is_dir():
                item.setToolTip(translate("StartScreen", "This folder is not there any more."))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        first = next((r for r in range(self.recent.count())
                      if self.recent.item(r).flags() & Qt.ItemFlag.ItemIsEnabled), None)
        self.recent.ensurePolished()  # (rows laid out by setCurrentRow before the style sheet's
        # padding came overlapped: 14 px apart, 22 px high)
        if first is not None:  # Tab into the list and Enter opens the latest folder
            self.recent.setCurrentRow(first)
        self.recent.itemActivated.connect(
            lambda item: self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addWidget(open_button)
        layout.addWidget(sample_button)
        layout.addSpacing(8)
        layout.addWidget(QLabel(translate("StartScreen", "Recent folders") if recent
                                else translate("StartScreen", "No recent folders yet.")))
        layout.addWidget(self.recent, 1)
        if not recent:  # no empty white box under "No recent folders yet." (nor a Tab stop in it)
            self.recent.hide()
            layout.addStretch(1)
        # keyboard focus shows as a highlighted border (app.qss); it starts on "Open a folder…"
        open_button.setFocus()

    def keyPressEvent(self, event) -> None:
        """Enter on a focused button presses it, as Space does (outside dialogs Qt's buttons
        ignore Enter, and a person who tabbed to "Open the sample folder" presses Enter)."""
        focused = self.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused, QPushButton):
            focused.click()
            return
        super().keyPressEvent(event)
